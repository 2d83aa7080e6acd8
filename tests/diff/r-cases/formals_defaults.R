f <- function(a, b = a + 1, c = function(x = 2) x, ...) NULL
\(a = 1, b) a
