x <- r"(open only"
