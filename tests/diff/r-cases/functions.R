f <- function(x, y = 2, ...) {
  x + y
}
g <- function() NULL
h <- function(a = c(1, 2), b = list(x = 1)) a
