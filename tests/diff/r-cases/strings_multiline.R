x <- "line one
line two
	line three"
y <- 1
