#!/usr/bin/env bash
# Builds the R fixture repository: tests/repo/make-fixture-r.sh DIR
# An R analysis project and an R package holding every way issue #4 says an
# R project pulls in code. tests/integration/r_scan_test.sh asserts the exact
# set of findings deputy reports on it; keep the two in step.
#
# Commits: 1 "Analysis scripts" by Ada Analyst, 2 "Package skeleton" by Pat
# Packager (dates fixed). Everything is committed; the working tree is clean.
set -euo pipefail
dir=${1:?usage: make-fixture-r.sh DIR}
mkdir -p "$dir"
cd "$dir"
git() { command git -c core.hooksPath=/dev/null -c init.defaultBranch=main "$@"; }
git init -q .

mkdir -p analysis mypkg

# .Rprofile runs at every R start in this folder.
cat > analysis/.Rprofile <<'EOF'
if (!requireNamespace("remotes", quietly = TRUE)) install.packages("remotes")
library(ggplot2)
EOF

cat > analysis/setup.R <<'EOF'
# Package set-up for the analysis
library(dplyr)
require("tidyr")
library(devtools)
install_github("tidyverse/ggplot2")
remotes::install_github("r-lib/cli@v3.6.1")
remotes::install_github("r-lib/rlang@0123456789abcdef0123456789abcdef01234567")
devtools::install_github("someuser/fancyplots#42")
install_github(repo = "someuser/plotkit", ref = "dev")
install.packages("data.table")
install.packages(c("readr", "stringr"), repos = "http://cran.example.org")
install.packages("MASS")
BiocManager::install("DESeq2")
remotes::install_github("tidyvrse/dplyr")
pkg <- Sys.getenv("EXTRA_PKG")
library(pkg, character.only = TRUE)
x <- data.table::data.table(a = 1)
y <- data.table::fread("data.csv")
EOF

cat > analysis/fetch.R <<'EOF'
source("https://raw.githubusercontent.com/someuser/scripts/main/helpers.R")
source("http://example.org/setup.R")
base <- "https://example.org/r/"
source(paste0(base, "utils.R"))
devtools::source_gist("a1b2c3d4e5f6")
short <- "https://bit.ly/3xYzAbc"
source(short)
download.file("https://example.org/tool.R", "tool.R")
source("tool.R")
eval(parse(text = readLines("https://example.org/snippet.R")))
EOF

cat > analysis/report.Rmd <<'EOF'
---
title: "Report"
---

Some text with library(notapackage) outside any chunk.

```{r setup, include=FALSE}
library(knitr)
source("https://example.org/knit-helpers.R")
```

```{python}
import os
```

```{r}
library(jsonlite)
```
EOF

GIT_AUTHOR_NAME="Ada Analyst" GIT_AUTHOR_EMAIL="ada@example.org" \
GIT_COMMITTER_NAME="Ada Analyst" GIT_COMMITTER_EMAIL="ada@example.org" \
GIT_AUTHOR_DATE="2024-01-10T09:00:00Z" GIT_COMMITTER_DATE="2024-01-10T09:00:00Z" \
	git add -A && git commit -q -m "Analysis scripts"

cat > mypkg/DESCRIPTION <<'EOF'
Package: mypkg
Title: An Example Package
Version: 0.1.0
Depends: R (>= 4.1.0)
Imports: dplyr (>= 1.1.0),
    rlang
Suggests: testthat
Remotes: r-lib/rlang,
    github::tidyverse/dplyr@v1.1.4,
    fancyplots=someuser/fancy-plots
Additional_repositories: https://someuser.r-universe.dev
EOF

cat > mypkg/renv.lock <<'EOF'
{
  "R": {
    "Version": "4.3.1",
    "Repositories": [
      { "Name": "CRAN", "URL": "https://cloud.r-project.org" }
    ]
  },
  "Packages": {
    "dplyr": {
      "Package": "dplyr",
      "Version": "1.1.4",
      "Source": "Repository",
      "Repository": "CRAN",
      "Hash": "fedd9d00c2944ff00a0e2696ccf048ec"
    },
    "mytools": {
      "Package": "mytools",
      "Version": "0.2.0",
      "Source": "GitHub",
      "RemoteType": "github",
      "RemoteUsername": "statsuser",
      "RemoteRepo": "mytools",
      "RemoteRef": "main",
      "RemoteSha": "89abcdef0123456789abcdef0123456789abcdef"
    },
    "plotkit": {
      "Package": "plotkit",
      "Version": "0.0.1",
      "Source": "GitHub",
      "RemoteType": "github",
      "RemoteUsername": "someuser",
      "RemoteRepo": "plotkit",
      "RemoteRef": "dev"
    }
  }
}
EOF

GIT_AUTHOR_NAME="Pat Packager" GIT_AUTHOR_EMAIL="pat@example.org" \
GIT_COMMITTER_NAME="Pat Packager" GIT_COMMITTER_EMAIL="pat@example.org" \
GIT_AUTHOR_DATE="2024-02-20T09:00:00Z" GIT_COMMITTER_DATE="2024-02-20T09:00:00Z" \
	git add -A && git commit -q -m "Package skeleton"
