stats::median(x)
utils:::head(x)
base::`+`(1, 2)
'stats'::sd
x <- pkg::obj
