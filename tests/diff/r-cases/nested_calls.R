f(g(h(i(j(1)))))
a(b = c(d = e(f = 1)))
x[f(a = 1)][[g(b = 2)]]
