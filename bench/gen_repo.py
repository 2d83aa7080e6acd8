#!/usr/bin/env python3
"""Writes a generated monorepo for bench/scan: N files in a tree of nested
folders, most of them ordinary source, documentation and data, with
dependency files scattered through it the way they are in real projects
(requirements files, pyproject.toml, setup.py/cfg, Pipfile, lock files,
DESCRIPTION, R scripts and R Markdown, notebooks, environment.yml,
Dockerfiles, CI workflows, shell scripts).

usage: gen_repo.py DIR FILES [SEED]

The same FILES and SEED always give the same tree. The caller makes it a
git repository (bench/scan.py). Nothing here is read by deputy's tests.
"""
import json
import os
import random
import sys

PY = ["requests", "numpy", "pandas", "flask", "django", "urllib3", "boto3",
      "pyyaml", "scipy", "matplotlib", "pytest", "click", "jinja2", "attrs",
      "six", "setuptools", "cryptography", "sqlalchemy", "pydantic", "rich",
      "httpx", "fastapi", "uvicorn", "celery", "redis", "lxml", "pillow",
      "tqdm", "scikit-learn", "torch", "reqeusts", "colourama", "urlib3"]
R = ["dplyr", "ggplot2", "tidyr", "readr", "data.table", "stringr", "purrr",
     "shiny", "knitr", "rmarkdown", "jsonlite", "httr", "Rcpp", "lubridate",
     "magrittr", "tibble", "devtools", "testthat", "glue", "zoo"]
WORDS = ("alpha beta gamma delta table frame value index count total result "
         "buffer record parse load store fetch print check update status "
         "window event handler config option").split()


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def filler(rng, lines, comment):
    out = []
    for i in range(lines):
        k = rng.random()
        if k < 0.15:
            out.append(f"{comment} {words(rng, rng.randint(3, 12))}")
        elif k < 0.2:
            out.append("")
        else:
            out.append(f"    {rng.choice(WORDS)}_{i} = {rng.choice(WORDS)}"
                       f"({rng.randint(0, 999)}, '{words(rng, 2)}')")
    return "\n".join(out) + "\n"


def py_source(rng):
    head = [f"import {rng.choice(['os', 'sys', 're', 'json'])}"]
    head += [f"from {rng.choice(PY).replace('-', '_')} import {rng.choice(WORDS)}"
             for _ in range(rng.randint(0, 3))]
    return "\n".join(head) + "\n\n\ndef main():\n" + filler(rng, rng.randint(20, 200), "#")


def r_source(rng):
    head = [f"library({rng.choice(R)})" for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.2:
        head.append(f"suppressPackageStartupMessages(require({rng.choice(R)}))")
    if rng.random() < 0.1:
        head.append(f'devtools::install_github("user{rng.randint(1, 50)}/{rng.choice(R)}")')
    if rng.random() < 0.05:
        head.append('source("https://example.org/helpers.R")')
    body = "\n".join(f"x{i} <- {rng.choice(R)}::{rng.choice(WORDS)}({i})"
                     if rng.random() < 0.1 else f"x{i} <- c({i}, {i + 1}) # {words(rng, 3)}"
                     for i in range(rng.randint(20, 150)))
    return "\n".join(head) + "\n" + body + "\n"


def requirements(rng):
    lines = ["# generated"]
    for _ in range(rng.randint(3, 25)):
        name = rng.choice(PY)
        k = rng.random()
        if k < 0.4:
            lines.append(f"{name}=={rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}")
        elif k < 0.7:
            lines.append(f"{name}>={rng.randint(0, 9)}.{rng.randint(0, 9)}")
        elif k < 0.8:
            lines.append(f'{name}; python_version >= "3.{rng.randint(6, 12)}"')
        else:
            lines.append(name)
    return "\n".join(lines) + "\n"


def pyproject(rng, name):
    deps = ",\n".join(f'    "{rng.choice(PY)}>={rng.randint(0, 5)}.0"'
                      for _ in range(rng.randint(2, 12)))
    return (f'[project]\nname = "{name}"\nversion = "0.1.0"\n'
            f'dependencies = [\n{deps},\n]\n\n'
            f'[project.optional-dependencies]\ntest = ["pytest>=7", "{rng.choice(PY)}"]\n\n'
            '[build-system]\nrequires = ["setuptools>=61"]\n'
            'build-backend = "setuptools.build_meta"\n')


def setup_py(rng, name):
    deps = ", ".join(f"'{rng.choice(PY)}'" for _ in range(rng.randint(1, 8)))
    return (f"from setuptools import setup\n\nsetup(\n    name='{name}',\n"
            f"    version='1.0',\n    install_requires=[{deps}],\n)\n")


def description(rng, name):
    imports = ",\n    ".join(f"{rng.choice(R)} (>= {rng.randint(0, 3)}.{rng.randint(0, 9)})"
                             for _ in range(rng.randint(1, 8)))
    return (f"Package: {name}\nTitle: Generated\nVersion: 0.1.0\n"
            f"Imports:\n    {imports}\nSuggests: testthat\n"
            + (f"Remotes: user{rng.randint(1, 9)}/{rng.choice(R)}\n" if rng.random() < 0.3 else ""))


def renv_lock(rng):
    pkgs = {}
    for n in rng.sample(R, rng.randint(2, 10)):
        pkgs[n] = {"Package": n, "Version": f"{rng.randint(0, 3)}.{rng.randint(0, 9)}.0",
                   "Source": "Repository", "Repository": "CRAN"}
    return json.dumps({"R": {"Version": "4.2.2", "Repositories": [
        {"Name": "CRAN", "URL": "https://cloud.r-project.org"}]}, "Packages": pkgs}, indent=2) + "\n"


def notebook(rng):
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": [f"!pip install {rng.choice(PY)}\n", f"import {rng.choice(['os', 'json'])}\n"]}]
    for _ in range(rng.randint(2, 12)):
        cells.append({"cell_type": "markdown", "metadata": {}, "source": [words(rng, 20) + "\n"]})
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def environment(rng):
    return ("name: env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n"
            + "".join(f"  - {rng.choice(PY)}\n" for _ in range(rng.randint(1, 6)))
            + "  - pip:\n" + "".join(f"    - {rng.choice(PY)}\n" for _ in range(rng.randint(1, 4))))


def dockerfile(rng):
    return (f"FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\n"
            f"RUN pip install --no-cache-dir {rng.choice(PY)} {rng.choice(PY)}==1.0\n"
            f"RUN Rscript -e 'install.packages(\"{rng.choice(R)}\")'\nCMD [\"python\", \"main.py\"]\n")


def workflow(rng):
    return ("name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n"
            f"      - run: pip install {rng.choice(PY)} -r requirements.txt\n"
            "      - run: pytest\n")


def shell(rng):
    return (f"#!/bin/sh\nset -e\npip install {rng.choice(PY)}\n"
            f"Rscript -e 'install.packages(c(\"{rng.choice(R)}\"))'\n" + filler(rng, 10, "#"))


ORDINARY = [  # (weight, extension, writer)
    (25, ".py", py_source),
    (12, ".js", lambda rng: filler(rng, rng.randint(20, 300), "//")),
    (10, ".c", lambda rng: filler(rng, rng.randint(30, 400), "//")),
    (6, ".h", lambda rng: filler(rng, rng.randint(10, 60), "//")),
    (8, ".md", lambda rng: f"# {words(rng, 3)}\n\n" + words(rng, rng.randint(50, 400)) + "\n"),
    (8, ".json", lambda rng: json.dumps({w: rng.randint(0, 9999) for w in WORDS[:rng.randint(3, 25)]}) + "\n"),
    (5, ".R", r_source),
    (5, ".txt", lambda rng: words(rng, rng.randint(10, 300)) + "\n"),
    (5, ".yml", lambda rng: "".join(f"{w}: {rng.randint(0, 99)}\n" for w in rng.sample(WORDS, 5))),
    (4, ".html", lambda rng: "<html><body>" + words(rng, rng.randint(50, 300)) + "</body></html>\n"),
    (3, ".csv", lambda rng: "".join(f"{i},{rng.random():.5f},{rng.choice(WORDS)}\n" for i in range(rng.randint(10, 400)))),
    (3, ".sh", shell),
    (2, ".Rmd", lambda rng: f"---\ntitle: x\n---\n\n```{{r}}\n{r_source(rng)}```\n"),
    (1, ".ipynb", notebook),
    (3, ".png", lambda rng: bytes(rng.randrange(256) for _ in range(rng.randint(200, 4000)))),
]
PROJECT = [  # files a project folder may hold, with their chance
    (0.5, "requirements.txt", lambda rng, n: requirements(rng)),
    (0.15, "requirements-dev.txt", lambda rng, n: "-r requirements.txt\n" + requirements(rng)),
    (0.3, "pyproject.toml", pyproject),
    (0.15, "setup.py", setup_py),
    (0.1, "setup.cfg", lambda rng, n: f"[metadata]\nname = {n}\n\n[options]\ninstall_requires =\n    {rng.choice(PY)}\n    {rng.choice(PY)}>=1\n"),
    (0.05, "Pipfile", lambda rng, n: f'[packages]\n{rng.choice(PY)} = "*"\n{rng.choice(PY)} = ">=1.0"\n'),
    (0.2, "DESCRIPTION", description),
    (0.1, "renv.lock", lambda rng, n: renv_lock(rng)),
    (0.1, "environment.yml", lambda rng, n: environment(rng)),
    (0.15, "Dockerfile", lambda rng, n: dockerfile(rng)),
    (0.1, "Makefile", lambda rng, n: f"install:\n\tpip install -r requirements.txt\n\tpip install {rng.choice(PY)}\n"),
    (0.1, "README.md", lambda rng, n: f"# {n}\n\n```sh\npip install {n}\n```\n\n```r\ninstall.packages(\"{rng.choice(R)}\")\n```\n"),
]


def generate(root, total, seed=1):
    """Writes @total files under @root; returns (files, folders, projects)."""
    rng = random.Random(seed)
    weights = [w for w, _, _ in ORDINARY]
    written = 0
    folders = [""]

    def write(rel, text):
        nonlocal written
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())
        written += 1

    os.makedirs(root, exist_ok=True)
    write(".github/workflows/ci.yml", workflow(rng))
    project = 0
    while written < total:
        # a new folder under a random existing one (depth at most 7)
        parent = rng.choice(folders)
        if parent.count("/") >= 6:
            parent = ""
        name = f"{rng.choice(WORDS)}{len(folders)}"
        folder = f"{parent}/{name}" if parent else name
        folders.append(folder)
        if rng.random() < 0.08:     # about one folder in twelve is a project
            project += 1
            for chance, fname, writer in PROJECT:
                if rng.random() < chance and written < total:
                    write(f"{folder}/{fname}", writer(rng, f"proj{project}"))
        for _ in range(rng.randint(3, 40)):
            if written >= total:
                break
            _, ext, writer = rng.choices(ORDINARY, weights)[0]
            write(f"{folder}/{rng.choice(WORDS)}_{written}{ext}", writer(rng))
    return written, len(folders), project


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gen_repo.py DIR FILES [SEED]")
    files, folders, projects = generate(sys.argv[1], int(sys.argv[2]),
                                        int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(f"{files} files in {folders} folders, {projects} projects", file=sys.stderr)


if __name__ == "__main__":
    main()
