x <- r"(line1
"quoted"
line3\n)"
y <- 2
