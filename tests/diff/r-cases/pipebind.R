mtcars |> d => lm(mpg ~ disp, data = d)
