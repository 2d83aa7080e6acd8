#!/usr/bin/env bash
# fuzz/seeds.sh OUT: gathers the seed corpora of the fuzz targets into
# OUT/<target>/ at run time, never committed: the hand seeds in fuzz/seeds/,
# the files of the test fixture repositories (built here by tests/repo/make-fixture*.sh),
# the R lexer's differential cases and the toml-test suite in ../shared/corpus.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: fuzz/seeds.sh OUT}
mkdir -p "$out"
n=0

# add TARGET FILE [PREFIX]: copies FILE (up to 64 KiB) into TARGET's corpus,
# PREFIX bytes first (targets that take a selector byte).
add() {
	local target=$1 file=$2 prefix=${3:-}
	[ -f "$file" ] || return 0
	[ "$(stat -c %s "$file")" -le 65536 ] || return 0
	mkdir -p "$out/$target"
	n=$((n + 1))
	if [ -z "$prefix" ]; then
		cp "$file" "$out/$target/$n"
	else
		{ printf '%s' "$prefix"; cat "$file"; } >"$out/$target/$n"
	fi
}

# classify FILE: the targets whose format FILE is in, by its name.
classify() {
	local f=$1 base
	base=$(basename "$f")
	case $base in
	*.txt | *.in) add detect_requirements "$f"; add lex_reqfile "$f" ;;
	pyproject.toml) add detect_pyproject "$f"; add lex_toml "$f"; add resolve_pkgfile "$f" "p" ;;
	Pipfile) add detect_pipfile "$f"; add lex_toml "$f" ;;
	Pipfile.lock) add detect_pipfile_lock "$f" ;;
	poetry.lock) add detect_poetry_lock "$f"; add lex_toml "$f" ;;
	uv.lock) add detect_uv_lock "$f"; add lex_toml "$f" ;;
	pdm.lock) add detect_pdm_lock "$f"; add lex_toml "$f" ;;
	setup.cfg) add detect_setup_cfg "$f"; add resolve_pkgfile "$f" "s" ;;
	noxfile.py) add detect_noxfile "$f"; add lex_pytok "$f" ;;
	setup.py | *.py) add detect_setup_py "$f"; add lex_pytok "$f" ;;
	tox.ini) add detect_tox_ini "$f" ;;
	*.R | *.r | .Rprofile) add detect_rscript "$f"; add lex_rlex "$f" ;;
	*.Rmd | *.qmd | *.Rnw | *.Rmarkdown) add detect_rmd "$f" ;;
	DESCRIPTION) add detect_description "$f"; add lex_dcf "$f"; add resolve_cran_index "$f"
		add resolve_pkgfile "$f" "D" ;;
	METADATA) add lex_dcf "$f" ;;
	PACKAGES) add resolve_cran_index "$f"; add lex_dcf "$f" ;;
	renv.lock) add detect_renv_lock "$f" ;;
	packrat.lock) add detect_packrat_lock "$f"; add lex_dcf "$f" ;;
	*.ipynb) add detect_notebook "$f" ;;
	environment.yml | environment.yaml) add detect_conda_env "$f" ;;
	.gitlab-ci.yml) add detect_ci_yaml "$f" "g" ;;
	*.yml | *.yaml) add detect_ci_yaml "$f" "h"; add detect_conda_env "$f" ;;
	Dockerfile* | Containerfile | *.dockerfile) add detect_dockerfile "$f" ;;
	*.sh | *.bash) add detect_shell "$f" ;;
	Makefile | GNUmakefile | makefile | *.mk) add detect_makefile "$f" ;;
	README* | *.md) add detect_readme "$f" ;;
	.deputy-review.json) add review_file "$f" ;;
	*.json) add resolve_pypi_json "$f"; add theme "$f" ;;
	esac
}

# The hand seeds.
for d in "$root"/fuzz/seeds/*/; do
	t=$(basename "$d")
	for f in "$d"*; do add "$t" "$f"; done
done

# The fixture repositories the tests build.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for script in "$root"/tests/repo/make-fixture*.sh; do
	dir=$tmp/$(basename "$script" .sh)
	bash "$script" "$dir" >/dev/null 2>&1 || true
	while IFS= read -r -d '' f; do
		classify "$f"
	done < <(find "$dir" -path '*/.git' -prune -o -type f -print0 2>/dev/null)
done

# The R lexer's differential cases and the themes.
for f in "$root"/tests/diff/r-cases/*.R; do classify "$f"; done
for f in "$root"/themes/*.json; do add theme "$f"; done

# toml-test (valid and invalid documents).
toml=$root/../shared/corpus/toml-test/tests
if [ -d "$toml" ]; then
	while IFS= read -r -d '' f; do
		add lex_toml "$f"
		case $f in */valid/*) add detect_pyproject "$f" ;; esac
	done < <(find "$toml" -name '*.toml' -print0)
fi
echo "seeds: $n files in $out" >&2
