for (i in seq_len(n)) {
  if (i %% 2 == 0) next
  if (i > 5) break
}
while (x < 10) x <- x + 1
repeat {
  break
}
