a <- r"-(x)-"
b <- r"---(contains )" and )-" inside)---"
c <- r"--[a]-]--"
d <- R'-{}-'
