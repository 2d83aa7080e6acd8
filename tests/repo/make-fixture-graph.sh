#!/usr/bin/env bash
# Builds the dependency-graph fixture: tests/repo/make-fixture-graph.sh DIR.
# A Poetry project that declares requests; its poetry.lock (lines as below)
# locks requests (line 2: certifi, idna, urlib3), certifi (line 15) and the
# look-alike urlib3 (line 23, which requires requests back: a cycle); idna is
# locked nowhere (unresolved). Not a git repository: a plain folder.
set -eu
P=${1:?usage: make-fixture-graph.sh DIR}
mkdir -p "$P"
cat >"$P/pyproject.toml" <<'TOML'
[tool.poetry]
name = "app"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
requests = "2.31.0"
TOML
cat >"$P/poetry.lock" <<'TOML'
[[package]]
name = "requests"
version = "2.31.0"
description = "HTTP"
optional = false
python-versions = ">=3.7"
files = []

[package.dependencies]
certifi = ">=2017.4.17"
idna = ">=2.5,<4"
urlib3 = ">=1.21.1,<3"

[[package]]
name = "certifi"
version = "2023.7.22"
description = "certificates"
optional = false
python-versions = ">=3.6"
files = []

[[package]]
name = "urlib3"
version = "2.0.4"
description = "a look-alike"
optional = false
python-versions = ">=3.7"
files = []

[package.dependencies]
requests = "*"

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
content-hash = "0"
TOML
