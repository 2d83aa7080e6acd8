df |> subset(x > 1) |> lm(formula = y ~ x, data = _)
