#!/usr/bin/env python3
# Embeds themes/default.json as a C string so the binary works without the
# source tree: embed_theme.py INPUT OUTPUT
import sys

data = open(sys.argv[1], encoding="utf-8").read()
lines = ["/* Generated from themes/default.json by tui/embed_theme.py. Do not edit. */",
         "const char theme_default_json[] ="]
for line in data.splitlines(keepends=True):
    esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    lines.append('\t"' + esc + '"')
lines[-1] += ";"
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
