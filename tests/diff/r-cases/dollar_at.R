x$a
x$`b c`
x$'s'
x$a$b
obj@slot
obj@`odd`
obj@f(1)
