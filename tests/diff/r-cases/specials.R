a %in% b
a %o% b
a %>% b
a %my op% b
a %é% b
a %||% b
a %% b
