a <- 1i
b <- 2.5i
c <- 1e3i
d <- 0x1p2i
e <- 3 + 4i
