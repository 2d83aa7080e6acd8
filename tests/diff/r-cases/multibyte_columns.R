x <- 'é'; y
'日本語' -> z; w
変数 <- '中文' ; q
# é comment
v <- 1
