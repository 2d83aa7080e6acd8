a <- r"(hello)"
b <- R"[brackets]"
c <- r"{braces}"
d <- r'(single)'
e <- R'[x]'
