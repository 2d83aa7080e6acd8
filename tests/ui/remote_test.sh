#!/usr/bin/env bash
# Packages installed from git repositories on the audit screen (issue #7),
# with --online against local bare repositories standing in for GitHub: the
# detail pane of a declaration (install_github(), a git+ requirement) and of
# a package a Remotes: entry pulls in gives the repository, the ref and
# whether it can move, today's commit with author, date and summary, and
# what the package file there names; a repository that is gone says so; a
# commit summary and author holding escape sequences are shown escaped.
source "$(dirname "$0")/lib.sh"

D="$WORK/fx"
bash "$(dirname "$0")/../repo/make-fixture-remotes.sh" "$D" >/dev/null 2>&1 ||
	{ echo "no remotes fixture"; exit 1; }
# Move acme/first's branch main to a commit whose summary and author
# would change the terminal title and colours if they reached it raw.
(
	cd "$D/work-first" &&
	GIT_CONFIG_NOSYSTEM=1 HOME="$D" GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@example.org \
	GIT_AUTHOR_NAME=$'Mallory \e[31mMallet' GIT_AUTHOR_EMAIL=m@example.org \
	GIT_AUTHOR_DATE="2026-02-03T04:05:06Z" GIT_COMMITTER_DATE="2026-02-03T04:05:06Z" \
		git commit -q --allow-empty -m $'\e]0;pwned\aupdate' &&
	git push -q "$D/gh/acme/first" main
) >"$WORK/push.log" 2>&1 || { cat "$WORK/push.log"; echo "could not move acme/first"; exit 1; }

start_command 120 45 env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$WORK" \
	XDG_CACHE_HOME="$WORK/cache" "$DEPUTY" --online --github-base "file://$D/gh" \
	--cran-url http://127.0.0.1:1 --pypi-url http://127.0.0.1:1 "$D/proj"
expect "deputy started" 'flagged *$'
title_before=$(pane_format '#{pane_title}')
expect "the Remotes package shows under its declaration, flagged" '^ H {6}▾ second 2\.0'

# The git+ requirement: a declaration whose package comes from a repository.
keys j
expect "pytool is selected" 'Detail: pytool'
expect "the git facts heading" 'Installed from a git repository'
expect "the repository" 'repository: file://.*/gh/acme/pytool *$'
expect "the ref as declared, which can move" 'ref: main  \(can move'
expect "today's commit, date and author" \
	'commit: [0-9a-f]{12} 2026-01-02 UTC Ann Author <ann@example\.org>'
expect "the commit's summary" '│ +first version of pytool *$'
expect "what pyproject.toml names there" 'at that commit, pyproject\.toml names: pytool 1\.2'

# install_github("acme/first@main"): its branch was moved to the hostile commit.
for _ in 1 2 3 4 5 6; do
	keys j
	wait_for 'Detail: acme/first' 1 && break
done
expect "acme/first is selected" 'Detail: acme/first'
expect "the branch as declared" 'ref: main  \(can move'
expect "the author shows escaped" 'commit: [0-9a-f]{12} 2026-02-03 UTC Mallory \\e\[31mMallet'
expect "the summary shows escaped" '│ +\\e\]0;pwned\\x07update *$'
expect "what DESCRIPTION names there" 'at that commit, DESCRIPTION names: first 0\.1\.0'
title_after=$(pane_format '#{pane_title}')
[ "$title_after" = "$title_before" ] && ok || fail "pane title changed: '$title_after'"

# second, pulled in by first's Remotes: its own repository and its finding.
# (next_flag: each n waited for, or a slow screen gets one n too many; it
# starts from acme/first's status line, drawn after the detail waited for)
wait_status 'flag [0-9]+ of [0-9]+ *$' 5
for _ in 1 2 3 4 5 6; do
	next_flag || break
	grep -q 'Detail: second' "$SCREEN" && break
done
expect "second is selected" 'Detail: second'
expect "how it is pulled in" 'pulled in by: acme/first → second'
expect "its repository" 'repository: file://.*/gh/acme/second *$'
expect "named in first's Remotes" 'named in the Remotes of: file://.*/gh/acme/first *$'
expect "no ref: the default branch" 'ref: default branch  \(can move'
expect "its finding is on its row" '│ HIGH  Installed from a repository at a movable ref \[github-unpinned\]'
expect "whether the name is on CRAN" '│second is not on CRAN *$'

# install_github("acme/gone@main"): no such repository.
for _ in 1 2 3 4 5 6; do
	next_flag || break
	grep -q 'Detail: acme/gone' "$SCREEN" && break
done
expect "acme/gone is selected" 'Detail: acme/gone'
expect "the repository is gone" 'repository gone: it no longer exists'
keys q
wait_exit 5 >/dev/null && ok || fail "deputy did not exit after q"
finish
