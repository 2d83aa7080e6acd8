y ~ x + z
~ x
lm(y ~ ., data = d)
?mean
??regression
utils::`?`(x)
