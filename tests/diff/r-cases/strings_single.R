x <- 'hello'
y <- 'with "double" inside'
z <- ''
