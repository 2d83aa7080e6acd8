	x <- 1
		y <- 2
a	<- 3
'a	b' ; z
