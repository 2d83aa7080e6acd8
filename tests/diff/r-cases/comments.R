# a comment
x <- 1 # trailing
#no space
##  roxygen
#' @export
#é ünï
