#!/usr/bin/env python3
"""Differential test: deputy's R lexer (core/lex/rlex.c) against R's own parser.

Usage: rlex_diff.py PATH/TO/rlex_dump [--keep]

Compares, file by file, the terminal tokens of getParseData(parse(file,
keep.source = TRUE)) (ordered by position) with rlex_dump's tokens after
rlex_refine(): kind, text, line1/col1/line2/col2. The files: the hand-written
cases in r-cases/, generated ones (fixed seed, generator below), the demo/,
doc/ and share/ R files R installed, the example code of installed help pages
(tools::Rd2ex) and the deparsed source of installed functions. A file R
refuses is skipped only when deputy reports a diagnostic for it too; a file R
accepts must get no diagnostic. Exits 1 on any disagreement, 77 (skipped)
without Rscript.
"""
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 4242
N_GENERATED = 160
N_DEPARSED = 260
N_EXAMPLES = 220

R_DUMP = r'''
args <- commandArgs(trailingOnly = TRUE)
files <- readLines(args[1], encoding = "UTF-8")
out <- file(args[2], open = "wb")
esc <- function(s) {
	s <- gsub("\\", "\\\\", s, fixed = TRUE)
	s <- gsub("\n", "\\n", s, fixed = TRUE)
	s <- gsub("\r", "\\r", s, fixed = TRUE)
	gsub("\t", "\\t", s, fixed = TRUE)
}
for (f in files) {
	writeLines(paste("==", f), out, useBytes = TRUE)
	res <- tryCatch(suppressWarnings(parse(f, keep.source = TRUE, encoding = "UTF-8")),
			error = function(e) e)
	if (inherits(res, "error")) {
		msg <- gsub("\n", " ", conditionMessage(res), fixed = TRUE)
		writeLines(paste("!! R:", msg), out, useBytes = TRUE)
		next
	}
	pd <- getParseData(res, includeText = TRUE)
	if (is.null(pd) || nrow(pd) == 0) next
	pd <- pd[pd$terminal, ]
	pd <- pd[order(pd$line1, pd$col1), ]
	writeLines(paste(pd$line1, pd$col1, pd$line2, pd$col2, pd$token, esc(pd$text)),
		   out, useBytes = TRUE)
}
close(out)
'''

R_CORPUS = r'''
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; n_fun <- as.integer(args[2]); n_ex <- as.integer(args[3])
real <- c(Sys.glob(file.path(.libPaths(), "*", "demo", "*.R")),
	  Sys.glob(file.path(.libPaths(), "*", "doc", "*.R")),
	  Sys.glob(file.path(R.home(), "share", "R", "*.R")),
	  Sys.glob(file.path(.libPaths(), "*", "exec", "*.R")),
	  Sys.glob(file.path(R.home("library"), "base", "R", "Rprofile")),
	  Sys.glob(file.path(R.home("etc"), "Rprofile.site")))
writeLines(unique(normalizePath(real)), file.path(dir, "real.txt"))
k <- 0
for (ns in c("base", "stats", "utils", "tools", "methods", "graphics")) {
	env <- getNamespace(ns)
	for (f in sort(ls(env, all.names = TRUE))) {
		if (k >= n_fun) break
		obj <- get(f, envir = env)
		if (!is.function(obj) || is.primitive(obj)) next
		k <- k + 1
		lines <- c(paste(deparse(as.name(f), backtick = TRUE), "<-"),
			   deparse(obj, width.cutoff = 60L))
		writeLines(lines, file.path(dir, sprintf("fun_%04d.R", k)), useBytes = TRUE)
	}
}
k <- 0
for (pkg in c("stats", "base", "utils", "graphics", "grDevices", "methods", "tools")) {
	db <- tools::Rd_db(pkg)
	for (nm in sort(names(db))) {
		if (k >= n_ex) break
		out <- file.path(dir, sprintf("ex_%04d.R", k + 1))
		ok <- tryCatch({ tools::Rd2ex(db[[nm]], out); file.exists(out) },
			       error = function(e) FALSE)
		if (isTRUE(ok)) k <- k + 1
	}
}
'''


# --- the generator: random but valid R, every token kind --------------------------------------

class Gen:
	NAMES = ["x", "y", "df", "my.var", "my_var", ".hidden", "..1", "...", "a1", "é", "été",
		 "変数", "Ωmega", "x_y.z", "T", "F", "`odd name`", "`if`", "`a\\`b`", "data.frame"]
	FUNS = ["f", "g", "mean", "paste0", "lapply", "c", "list", "`my fun`", "print.default",
		"ß", "sum"]
	PKGS = ["stats", "utils", "dplyr", "data.table", "R6"]
	SPECIALS = ["%in%", "%%", "%/%", "%o%", "%>%", "%my op%", "%é%", "%||%"]
	BINOPS = ["+", "-", "*", "/", "^", "**", "==", "!=", "<", ">", "<=", ">=", "&", "&&",
		  "|", "||", ":", "~", "<-", "<<-", "->", "->>", "$$"]

	def __init__(self, seed):
		self.r = random.Random(seed)

	def ws(self):
		return self.r.choice(["", "", " ", " ", "  ", "\t", " \t "])

	def number(self):
		r = self.r
		return r.choice([
			str(r.randint(0, 1000)), f"{r.randint(0, 99)}L", f"0x{r.randint(0, 65535):X}",
			f"0x{r.randint(0, 255):x}L", f"0x1.{r.randint(0, 9)}p{r.randint(-9, 9)}",
			f"{r.randint(1, 9)}e{r.randint(-20, 20)}", f"{r.randint(1, 9)}.{r.randint(0, 99)}E+{r.randint(0, 9)}",
			f".{r.randint(0, 999)}", f"{r.randint(0, 9)}.", f"{r.randint(0, 9)}i",
			f"{r.randint(0, 9)}.5i", f"{r.randint(1, 9)}e5L", "1e-3L", "100000L", "0X1Fp2i",
			"TRUE", "FALSE", "NA", "NA_integer_", "NA_real_", "NA_character_", "NA_complex_",
			"Inf", "NaN", "NULL"])

	def string(self):
		r = self.r
		bodies = ["", "a", "hello world", "it''s", "tab\there", "é and 中文", "(paren)",
			  "multi\nline", "# not a comment", "%in%", "`tick`"]
		body = r.choice(bodies)
		kind = r.randrange(6)
		if kind == 0:
			escs = ["\\n", "\\t", "\\\\", "\\\"", "\\'", "\\`", "\\ ", "\\a", "\\b", "\\f",
				"\\v", "\\r", "\\x41", "\\101", "\\7", "\\x7e"]
			return '"' + body.replace("'", "") + r.choice(escs) + '"'
		if kind == 1:
			escs = ["\\u00e9", "\\u{e9}", "\\U0001F600", "\\U{1F600}", "\\u4e2d", "\\n"]
			return "'" + body.replace("'", "") + r.choice(escs) + "'"
		if kind == 2:
			d = "-" * r.randrange(4)
			o, c = r.choice(["()", "[]", "{}"])
			q = r.choice(["\"", "'"])
			p = r.choice("rR")
			inner = body + r.choice(["", ")\"", "]'", "}", "\\n", "\\", q])
			if c + d + q in inner:
				inner = body
			return f"{p}{q}{d}{o}{inner}{c}{d}{q}"
		q = r.choice(["\"", "'"])
		return q + body.replace("'", "").replace('"', "") + q

	def atom(self):
		r = self.r.randrange(4)
		if r == 0:
			return self.number()
		if r == 1:
			return self.string()
		return self.r.choice(self.NAMES)

	def args(self, depth, names=True):
		parts = []
		for _ in range(self.r.randrange(4)):
			a = self.expr(depth + 1)
			if names and self.r.random() < 0.4:
				nm = self.r.choice(["n", "na.rm", "`a b`", "'quoted'", "\"dq\"", "x_1", "é"])
				a = f"{nm}{self.ws()}={self.ws()}{a}"
			parts.append(a)
		sep = self.r.choice([", ", ",", " , ", ",\n  ", ", # c\n "])
		return sep.join(parts)

	def expr(self, depth=0):
		r = self.r
		if depth > 4:
			return self.atom()
		k = r.randrange(20)
		w = self.ws
		if k < 5:
			return self.atom()
		if k == 5:
			return f"{r.choice(self.FUNS)}{r.choice(['', '', ' '])}({self.args(depth)})"
		if k == 6:
			return f"({self.expr(depth + 1)}{w()}{r.choice(self.BINOPS[:-1])}{w()}{self.expr(depth + 1)})"
		if k == 7:
			return f"({self.expr(depth + 1)}{w()}{r.choice(self.SPECIALS)}{w()}{self.expr(depth + 1)})"
		if k == 8:
			params = []
			for i in range(r.randrange(4)):
				p = r.choice(["a", "b", "...", "na.rm", "x_", "é"])
				if p != "..." or "..." in params:
					p = p.strip(".") + "d" + str(i)
				if r.random() < 0.5 and p != "...":
					p += f"{w()}={w()}{self.expr(depth + 1)}"
				params.append(p)
			head = r.choice(["function", "function ", "\\"])
			return f"({head}({', '.join(params)}){w()}{self.expr(depth + 1)})"
		if k == 9:
			return f"({self.expr(depth + 1)}{w()}|>{w()}{r.choice(self.FUNS)}({self.args(depth)}))"
		if k == 10:
			return f"({r.choice(['~', '-', '!', '+', '?'])}{self.expr(depth + 1)})"
		if k == 11:
			return f"{r.choice(self.NAMES)}[{self.args(depth)}]"
		if k == 12:
			return f"{r.choice(self.NAMES)}[[{self.expr(depth + 1)}]]"
		if k == 13:
			return f"{r.choice(self.NAMES)}{r.choice(['$', '@'])}{r.choice(['name', '`odd`', 'f(1)', 'x.y'])}"
		if k == 14:
			return f"{r.choice(self.PKGS)}{r.choice(['::', ':::'])}{r.choice(self.FUNS[:4])}({self.args(depth)})"
		if k == 15:
			return f"(if ({self.expr(depth + 1)}) {self.expr(depth + 1)} else {self.expr(depth + 1)})"
		if k == 16:
			return "{\n" + "\n".join(self.stmt(depth + 1) for _ in range(r.randrange(1, 3))) + "\n}"
		if k == 17:
			return f"(y{w()}~{w()}{self.expr(depth + 1)}{w()}+{w()}x)"
		if k == 18:
			return f"{r.choice(self.FUNS)}({self.args(depth)})({self.args(depth)})"
		return f"({self.expr(depth + 1)})"

	def stmt(self, depth=0):
		r = self.r
		k = r.randrange(10)
		w = self.ws
		if k == 0:
			s = f"{r.choice(self.NAMES)}{w()} <- {w()}{self.expr(depth)}"
		elif k == 1:
			s = f"{self.expr(depth)} -> {r.choice(self.NAMES)}"
		elif k == 2:
			s = f"{r.choice(self.NAMES)} = {self.expr(depth)}"
		elif k == 3:
			s = f"for ({r.choice(['i', 'é'])} in {self.expr(depth + 1)}) {{ {self.expr(depth + 1)}; next }}"
		elif k == 4:
			s = f"while ({self.expr(depth + 1)}) break"
		elif k == 5:
			s = f"repeat {{ {self.expr(depth + 1)}\n break }}"
		elif k == 6:
			s = f"{self.expr(depth)} |> {r.choice(self.FUNS)}(arg = _)"
		else:
			s = self.expr(depth)
		return s

	def file(self):
		out = []
		for _ in range(self.r.randrange(3, 12)):
			out.append(self.stmt())
			sep = self.r.choice(["\n", "\n", "\n\n", "; ", ";\n"])
			if "\n" in sep and self.r.random() < 0.3:
				out.append(self.r.choice(["  # comment", " #é ünïcode", "\t#\ttab", " ## roxygen"]))
			out.append(sep)
		return "".join(out)


# --- reading both sides -----------------------------------------------------------------------

def read_dump(path):
	"""{file: (r_error or None, diags, [token tuples])} from a "== file" stream."""
	result = {}
	cur = None
	with open(path, "rb") as f:
		for raw in f:
			line = raw.decode("utf-8", "surrogateescape").rstrip("\n")
			if line.startswith("== "):
				cur = [None, [], []]
				result[line[3:]] = cur
			elif line.startswith("!! R:"):
				cur[0] = line[6:]
			elif line.startswith("!! "):
				cur[1].append(line[3:])
			elif cur is not None:
				parts = line.split(" ", 5)
				while len(parts) < 6:
					parts.append("")
				cur[2].append(tuple(parts))
	return result


LONG = re.compile(r"^\[(\d+) chars quoted with '(.)'\]$")


DUMP_ESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "0": "\0"}


def unescape_dump(text):
	out, i = [], 0
	while i < len(text):
		if text[i] == "\\" and i + 1 < len(text):
			out.append(DUMP_ESCAPES.get(text[i + 1], text[i + 1]))
			i += 2
		else:
			out.append(text[i])
			i += 1
	return "".join(out)


def escape_dump(text):
	return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def r_octal_quirk(dumped):
	"""getParseData() drops the last digit of an octal escape shorter than three
	digits from a string's text ("\7" shows as "\", "a\12b" as "a\1b"); the
	source, the value and the positions are right."""
	src = unescape_dump(dumped)
	if src[:1] in ("r", "R"):
		return dumped
	out, i = [], 0
	while i < len(src):
		if src[i] != "\\":
			out.append(src[i])
			i += 1
			continue
		j = i + 1
		while j < len(src) and j < i + 4 and src[j] in "01234567":
			j += 1
		if j == i + 1:
			out.append(src[i:i + 2])
			i += 2
			continue
		out.append(src[i:j] if j - i == 4 else src[i:j - 1])
		i = j
	return escape_dump("".join(out))


def same_token(r_tok, d_tok):
	if r_tok == d_tok:
		return True
	if r_tok[4] == "STR_CONST" and r_tok[:5] == d_tok[:5] and r_tok[5] == r_octal_quirk(d_tok[5]):
		return True
	if r_tok[:5] != d_tok[:5]:
		return False
	m = LONG.match(r_tok[5])
	# R shows a string or backtick name of 1000 bytes or more by its length only.
	return bool(m) and len(d_tok[5].encode("utf-8", "surrogateescape")) >= 1000 and m.group(2) in d_tok[5][:2]


def main():
	if len(sys.argv) < 2:
		print("usage: rlex_diff.py RLEX_DUMP [--keep]", file=sys.stderr)
		return 2
	dump_tool = sys.argv[1]
	keep = "--keep" in sys.argv
	rscript = shutil.which("Rscript")
	if not rscript:
		print("SKIPPED: Rscript is not installed (apt-get install r-base-core)")
		return 77
	tmp = tempfile.mkdtemp(prefix="rlex-diff-")
	env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", _R_USE_PIPEBIND_="true")
	try:
		files = sorted(glob.glob(os.path.join(HERE, "r-cases", "*.R")))
		n_cases = len(files)
		gen = Gen(SEED)
		for i in range(N_GENERATED):
			p = os.path.join(tmp, f"gen_{i:04d}.R")
			with open(p, "w", encoding="utf-8") as f:
				f.write(gen.file())
			files.append(p)
		corpus = os.path.join(tmp, "corpus")
		os.mkdir(corpus)
		script = os.path.join(tmp, "corpus.R")
		with open(script, "w") as f:
			f.write(R_CORPUS)
		subprocess.run([rscript, "--vanilla", script, corpus, str(N_DEPARSED), str(N_EXAMPLES)],
			       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		with open(os.path.join(corpus, "real.txt")) as f:
			real = [l.strip() for l in f if l.strip()]
		deparsed = sorted(glob.glob(os.path.join(corpus, "fun_*.R")))
		examples = sorted(glob.glob(os.path.join(corpus, "ex_*.R")))
		files += real + deparsed + examples

		listing = os.path.join(tmp, "files.txt")
		with open(listing, "w", encoding="utf-8") as f:
			f.write("\n".join(files) + "\n")
		with open(os.path.join(tmp, "dump.R"), "w") as f:
			f.write(R_DUMP)
		r_out = os.path.join(tmp, "r.txt")
		subprocess.run([rscript, "--vanilla", os.path.join(tmp, "dump.R"), listing, r_out],
			       env=env, check=True)
		d_out = os.path.join(tmp, "deputy.txt")
		with open(d_out, "wb") as out:
			for i in range(0, len(files), 200):
				subprocess.run([dump_tool] + files[i:i + 200], stdout=out, check=True)
		r_side = read_dump(r_out)
		d_side = read_dump(d_out)

		problems = []
		refused = 0
		compared = 0
		tokens = 0
		for path in files:
			r_err, _, r_toks = r_side.get(path, ["missing from R's output", [], []])
			_, diags, d_toks = d_side.get(path, [None, ["missing from rlex_dump's output"], []])
			if r_err is not None:
				if diags:
					refused += 1
				else:
					problems.append(f"{path}: R refuses it ({r_err}) but deputy reports nothing")
				continue
			compared += 1
			tokens += len(r_toks)
			if diags:
				problems.append(f"{path}: R accepts it, deputy reports: {diags[0]}")
				continue
			for i in range(max(len(r_toks), len(d_toks))):
				rt = r_toks[i] if i < len(r_toks) else None
				dt = d_toks[i] if i < len(d_toks) else None
				if rt is None or dt is None or not same_token(rt, dt):
					problems.append(f"{path}: token {i + 1}:\n    R:      {' '.join(rt) if rt else '(none)'}"
							f"\n    deputy: {' '.join(dt) if dt else '(none)'}")
					break
		for p in problems[:15]:
			print(p)
		if len(problems) > 15:
			print(f"... and {len(problems) - 15} more")
		print(f"corpus: {n_cases} hand-written, {N_GENERATED} generated, {len(real)} installed R files, "
		      f"{len(examples)} help-page examples, {len(deparsed)} deparsed functions")
		print(f"{refused} files refused by R and diagnosed by deputy (not compared)")
		print(f"{tokens} tokens of R's compared")
		print(f"{compared} files compared, {len(problems)} disagreements")
		return 1 if problems else 0
	finally:
		if keep:
			print(f"kept {tmp}")
		else:
			shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
	sys.exit(main())
