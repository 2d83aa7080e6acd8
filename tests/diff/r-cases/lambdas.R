f <- \(x) x + 1
g <- \(x, y = 2) x * y
sapply(1:3, \(i) i^2)
(\(x) x)(1)
