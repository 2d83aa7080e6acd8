#!/usr/bin/env python3
"""bench/r: finding the packages R code uses and installs, deputy's R script
detector against R's own parser walked for the same search (bench/rdeps.R:
parse(), getParseData(), R's argument matching). Debian 12 has no renv
package, so renv::dependencies() is not the baseline.

usage: r.py RDEPS_DUMP [--quick]

The corpus: generated R scripts (library(), require(), requireNamespace(),
pkg::fn, install.packages() in their literal forms, with the traps: names in
strings and comments, character.only, pkg::library, x$library) and the R
code installed on this machine (every function of every installed package,
deparsed by R into one file per package). Files R cannot parse are left out.
Timed: R's parse-and-search (inside R, without its start-up) against
deputy's detector (rdeps_dump's "parse_seconds"), best of three.
Target: deputy at least 50x faster, and every package R's walk finds is
found by deputy in the same file (the benchmark fails otherwise); what
deputy finds beyond the literal forms (constant variables, lapply(...,
library), ...) is counted and shown.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402

TARGET = 50.0
PKGS = ["dplyr", "ggplot2", "tidyr", "readr", "data.table", "stringr", "purrr", "shiny",
        "knitr", "rmarkdown", "jsonlite", "httr", "Rcpp", "lubridate", "magrittr", "zoo",
        "xts", "forecast", "caret", "randomForest", "glmnet", "survival", "lme4", "sf"]
DEPARSE = r"""
out <- commandArgs(trailingOnly = TRUE)[1]
for (p in rownames(installed.packages())) {
	ns <- tryCatch(asNamespace(p), error = function(e) NULL)
	if (is.null(ns)) next
	con <- file(file.path(out, paste0(p, ".R")), "w")
	for (f in sort(ls(ns, all.names = TRUE))) {
		x <- get(f, envir = ns)
		if (!is.function(x) || is.primitive(x)) next
		writeLines(c(paste0("`", f, "` <- "), deparse(x, control = "useSource"), ""), con)
	}
	close(con)
}
"""


def gen_script(rng):
    p = lambda: rng.choice(PKGS)  # noqa: E731
    forms = [
        lambda: f"library({p()})",
        lambda: f'library("{p()}")',
        lambda: f"suppressPackageStartupMessages(library({p()}))",
        lambda: f"require({p()}, quietly = TRUE)",
        lambda: f"library(package = {p()}, warn.conflicts = FALSE)",
        lambda: f'library(pkg_name, character.only = TRUE)',
        lambda: f'if (!requireNamespace("{p()}", quietly = TRUE)) stop("missing")',
        lambda: f'loadNamespace("{p()}")',
        lambda: f"x <- {p()}::{rng.choice(['f', 'read', 'run'])}(1)",
        lambda: f"y <- {p()}:::internal_fn()",
        lambda: f'install.packages("{p()}")',
        lambda: f'install.packages(c("{p()}", "{p()}"), repos = "https://cloud.r-project.org")',
        lambda: f'msg <- "library({p()}) is not a call"',
        lambda: f"# library({p()}) commented out",
        lambda: f"obj$library(thing)",
        lambda: f"mypkg::library(notbase)",
        lambda: "f <- function(a, b = 2) {\n  z <- a + b\n  z * 2\n}",
        lambda: "for (i in seq_len(10)) total <- total + i",
        lambda: "df <- data.frame(a = 1:3, b = c('x', 'y', 'z'))",
        lambda: "res <- lapply(seq(1, 100), function(v) v ^ 2)",
        lambda: "if (x > 1) { message('big') } else { message('small') }",
    ]
    weights = [3, 2, 1, 2, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 8, 8, 8, 8, 8]
    lines = [f'pkg_name <- "{p()}"']
    for _ in range(rng.randint(30, 400)):
        lines.append(rng.choices(forms, weights)[0]())
    return "\n".join(lines) + "\n"


def r_walk(listfile, outfile):
    subprocess.run(["Rscript", "--vanilla", os.path.join(HERE, "rdeps.R"), listfile, outfile],
                   check=True, stdout=subprocess.DEVNULL)
    found, seconds = {}, None
    with open(outfile, encoding="utf-8") as f:
        for line in f:
            path, _, names = line.rstrip("\n").partition("\t")
            if path == "seconds":
                seconds = float(names)
            else:
                found[path] = set(names.split()) if names else set()
    return found, seconds


def parses(paths, tmp):
    """The paths R parses without an error."""
    listfile = os.path.join(tmp, "all.txt")
    with open(listfile, "w") as f:
        f.write("\n".join(paths) + "\n")
    script = ("for (f in readLines(commandArgs(TRUE)[1])) if (!inherits(try(parse(f, "
              "encoding = 'UTF-8'), silent = TRUE), 'try-error')) cat(f, '\\n', sep = '')")
    res = subprocess.run(["Rscript", "--vanilla", "-e", script, listfile], check=True,
                         capture_output=True, text=True)
    return res.stdout.split()


def main():
    tool = benchlib.tool_argument(__doc__)
    quick = benchlib.quick()
    if not shutil.which("Rscript"):
        sys.exit("bench/r needs R (Debian: r-base-core)")
    tmp = tempfile.mkdtemp(prefix="bench-r-")
    try:
        rng = random.Random(50)
        gen_dir = os.path.join(tmp, "generated")
        inst_dir = os.path.join(tmp, "installed")
        os.makedirs(gen_dir)
        os.makedirs(inst_dir)
        paths = []
        for i in range((20 if benchlib.tiny() else 100) if quick else 2000):
            path = os.path.join(gen_dir, f"script_{i}.R")
            with open(path, "w") as f:
                f.write(gen_script(rng))
            paths.append(path)
        if not quick:
            script = os.path.join(tmp, "deparse.R")   # Rscript -e takes one line
            with open(script, "w") as f:
                f.write(DEPARSE)
            subprocess.run(["Rscript", "--vanilla", script, inst_dir], check=True,
                           capture_output=True)
            paths += sorted(os.path.join(inst_dir, n) for n in os.listdir(inst_dir))
        kept = parses(paths, tmp)
        listfile = os.path.join(tmp, "list.txt")
        with open(listfile, "w") as f:
            f.write("\n".join(kept) + "\n")
        size = sum(os.path.getsize(p) for p in kept)
        runs = 1 if quick else 3
        r_best, dep_best, r_found, dep_found = None, None, None, None
        for _ in range(runs):
            r_found, r_s = r_walk(listfile, os.path.join(tmp, "r.out"))
            r_best = r_s if r_best is None else min(r_best, r_s)
            res = subprocess.run([tool, listfile], check=True, capture_output=True)
            dep = json.loads(res.stdout)
            dep_found = {k: set(v) for k, v in dep["files"].items()}
            dep_best = dep["parse_seconds"] if dep_best is None else min(dep_best,
                                                                         dep["parse_seconds"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    missed, extra, total = [], [], 0
    for path, want in r_found.items():
        got = dep_found.get(path, set())
        total += len(want)
        short = os.path.relpath(path, tmp)
        missed += [(short, n) for n in sorted(want - got)]
        extra += [(short, n) for n in sorted(got - want)]
    for short, n in missed[:20]:
        print(f"MISSED {short}: R's walk finds '{n}', deputy does not")
    for short, n in extra[:10]:
        print(f"beyond the literal forms: {short}: deputy finds '{n}'")
    ratio = r_best / dep_best if dep_best > 0 else float("inf")
    print(f"{len(kept)} R files ({len(paths) - len(kept)} left out: R cannot parse them), "
          f"{size // 1024} KiB; R's walk {benchlib.seconds(r_best)}, deputy "
          f"{benchlib.seconds(dep_best)}; {total} packages found by R's walk, "
          f"{len(missed)} missed by deputy, {len(extra)} more found by deputy")
    benchlib.result("r: packages in R code" + (" (quick)" if quick else ""),
                    benchlib.seconds(dep_best), f"R getParseData {benchlib.seconds(r_best)}",
                    f"{ratio:.0f}x faster", f">= {TARGET:.0f}x", ratio >= TARGET)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
