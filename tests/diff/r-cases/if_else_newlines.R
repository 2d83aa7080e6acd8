if (a) {
  b
} else if (c) {
  d
} else e
f(if (x) 1 else 2)
