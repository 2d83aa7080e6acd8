f(a = 1, b = 2)
f('a' = 1, "b" = 2, `c d` = 3, NULL = 4)
f(a = , b)
list(x = list(y = 1))
