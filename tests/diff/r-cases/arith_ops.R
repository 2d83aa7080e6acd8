a + b - c * d / e ^ f
a ** 2
-a; +b
a %% b; a %/% b
1:10
