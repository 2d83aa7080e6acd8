x <- "hello"
y <- "with 'single' inside"
z <- ""
