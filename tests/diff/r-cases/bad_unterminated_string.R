x <- "never closed
