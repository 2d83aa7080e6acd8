a <- c(TRUE, FALSE, NULL, NA, NA_integer_, NA_real_, NA_character_, NA_complex_, Inf, NaN, T, F)
