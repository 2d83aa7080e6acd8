# bench/rdeps.R LISTFILE OUTFILE: the baseline of bench/r.py. Finds, with R's
# own parser (parse() and getParseData()), the packages each R file of
# LISTFILE uses or installs in the literal forms every tool must see:
#   library(x), require(x) (a bare name unless character.only = TRUE, or a
#   string), requireNamespace("x"), loadNamespace("x") (the package argument
#   matched as R matches it: exact name, then partial name, then position),
#   pkg::fn and pkg:::fn, install.packages("x") and install.packages(c("x", ...)).
# Writes one line per file, "path<TAB>pkg1 pkg2 ..." (sorted, unique), and a
# last line "seconds<TAB>N": the time spent parsing and searching.
argv <- commandArgs(trailingOnly = TRUE)
files <- readLines(argv[1])
formals_of <- list(
	library = c("package", "help", "pos", "lib.loc", "character.only", "logical.return",
		    "warn.conflicts", "quietly", "verbose", "mask.ok", "exclude", "include.only",
		    "attach.required"),
	require = c("package", "lib.loc", "quietly", "warn.conflicts", "character.only",
		    "mask.ok", "exclude", "include.only", "attach.required"),
	requireNamespace = c("package", "..."),
	loadNamespace = c("package", "..."),
	install.packages = c("pkgs", "lib", "repos", "contriburl", "method", "available",
			     "destdir", "dependencies", "type", "configure.args",
			     "configure.vars", "clean", "Ncpus", "verbose", "libs_only",
			     "INSTALL_opts", "quiet", "keep_outputs", "..."))

# The arguments of the call whose function-name token is row @i of @pd: a
# list of (name or "", id of the value expression).
call_args <- function(pd, kids_of, row_of, i) {
	call <- pd$parent[i]                       # the expr holding the name...
	call <- pd$parent[row_of[call]]            # ...and the call expression
	kids <- kids_of[[call + 1L]]
	out <- list()
	name <- ""
	for (k in kids[-1]) {                      # the first child is the function
		tok <- pd$token[k]
		if (tok == "SYMBOL_SUB" || tok == "STR_CONST" && pd$token[k + 1L] %in% "EQ_SUB") {
			name <- pd$text[k]
		} else if (tok == "expr") {
			out[[length(out) + 1L]] <- list(name = name, id = pd$id[k])
			name <- ""
		}
	}
	out
}

# R's argument matching (exact names, then unique partial names before
# "...", then positions before "..."): the argument bound to formal @want.
match_arg <- function(args, formals, want) {
	n <- length(args)
	named <- vapply(args, function(a) a$name, "")
	bound <- rep(NA_character_, n)
	before <- formals[seq_len(match("...", formals, nomatch = length(formals) + 1L) - 1L)]
	for (j in seq_len(n))
		if (nzchar(named[j]) && named[j] != "..." && named[j] %in% formals &&
		    !(named[j] %in% bound))
			bound[j] <- named[j]
	for (j in seq_len(n)) {
		if (!is.na(bound[j]) || !nzchar(named[j])) next
		cand <- setdiff(before[startsWith(before, named[j])], bound)
		if (length(cand) == 1L) bound[j] <- cand
	}
	free <- setdiff(before, bound)
	p <- 1L
	for (j in seq_len(n))
		if (is.na(bound[j]) && !nzchar(named[j]) && p <= length(free)) {
			bound[j] <- free[p]
			p <- p + 1L
		}
	hit <- which(bound == want)
	if (length(hit)) args[[hit[1]]] else NULL
}

# The one token of the expression @id when it is a single token, else NULL.
leaf <- function(pd, kids_of, id) {
	kids <- kids_of[[id + 1L]]
	if (length(kids) == 1L && pd$token[kids] != "expr") kids else NULL
}

string_value <- function(text) tryCatch(eval(str2lang(text)), error = function(e) NULL)

is_true <- function(pd, kids_of, arg) {
	if (is.null(arg)) return(FALSE)
	k <- leaf(pd, kids_of, arg$id)
	!is.null(k) && pd$text[k] %in% c("TRUE", "T")
}

start <- proc.time()[["elapsed"]]
lines <- character(length(files))
for (f in seq_along(files)) {
	exprs <- tryCatch(parse(files[f], keep.source = TRUE, encoding = "UTF-8"),
			  error = function(e) NULL)
	pd <- if (is.null(exprs)) NULL else getParseData(exprs)
	if (is.null(pd) || !nrow(pd)) {
		lines[f] <- paste0(files[f], "\t")
		next
	}
	pd <- pd[order(pd$line1, pd$col1, -pd$line2, -pd$col2), ]
	# children (row numbers, in order) by parent id + 1 (0 is the top level),
	# and the row of each id: vectors indexed by number, not by name
	# (a comment's parent is negative: it belongs to no expression)
	top <- pd$parent >= 0L
	groups <- split(seq_len(nrow(pd))[top], pd$parent[top])
	kids_of <- vector("list", max(pd$id) + 1L)
	kids_of[as.integer(names(groups)) + 1L] <- groups
	row_of <- integer(max(pd$id))
	row_of[pd$id] <- seq_len(nrow(pd))
	found <- pd$text[pd$token == "SYMBOL_PACKAGE"]
	for (i in which(pd$token == "SYMBOL_FUNCTION_CALL" & pd$text %in% names(formals_of))) {
		fn <- pd$text[i]
		if (i > 1L && pd$token[i - 1L] %in% c("'$'", "'@'"))
			next                                   # x$library() is not base's
		if (i > 2L && pd$token[i - 1L] %in% c("NS_GET", "NS_GET_INT") &&
		    !(pd$text[i - 2L] %in% c("base", "utils")))
			next                                   # nor is pkg::library()
		formals <- formals_of[[fn]]
		args <- call_args(pd, kids_of, row_of, i)
		arg <- match_arg(args, formals, formals[1])
		if (is.null(arg)) next
		k <- leaf(pd, kids_of, arg$id)
		if (fn == "install.packages") {
			if (!is.null(k) && pd$token[k] == "STR_CONST") {
				found <- c(found, string_value(pd$text[k]))
			} else if (is.null(k)) {
				inner <- kids_of[[arg$id + 1L]]
				head <- leaf(pd, kids_of, pd$id[inner[1]])
				if (!is.null(head) && pd$text[head] == "c" &&
				    pd$token[head] == "SYMBOL_FUNCTION_CALL") {
					for (a in call_args(pd, kids_of, row_of, head)) {
						s <- leaf(pd, kids_of, a$id)
						if (!is.null(s) && pd$token[s] == "STR_CONST")
							found <- c(found, string_value(pd$text[s]))
					}
				}
			}
			next
		}
		if (is.null(k)) next
		if (pd$token[k] == "STR_CONST") {
			found <- c(found, string_value(pd$text[k]))
		} else if (pd$token[k] == "SYMBOL" && fn %in% c("library", "require") &&
			   !is_true(pd, kids_of, match_arg(args, formals, "character.only"))) {
			found <- c(found, pd$text[k])
		}
	}
	found <- sort(unique(found[nzchar(found)]))
	lines[f] <- paste0(files[f], "\t", paste(found, collapse = " "))
}
took <- proc.time()[["elapsed"]] - start
writeLines(c(lines, paste0("seconds\t", took)), argv[2])
