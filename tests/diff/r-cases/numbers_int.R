a <- 1L
b <- 100000L
c <- 0L
d <- 1e5L
e <- 0x10L
