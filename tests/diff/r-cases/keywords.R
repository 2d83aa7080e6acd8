if (a) b else c
for (i in 1:3) next
while (TRUE) break
repeat { break }
function(x) x
