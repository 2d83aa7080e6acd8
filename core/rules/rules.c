/*
 * The rule catalog and the loop that runs it. One table feeds `deputy
 * explain`, the lesson view and every report; each check lives in its rule's
 * own file. Ids never change; texts may improve.
 */
#include "rules/rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deputy/array.h"
#include "deputy/diag.h"
#include "rules/checks.h"

static const struct rule rules[] = {
	{
		.id       = "known-malicious",
		.severity = SEV_CRITICAL,
		.title    = "Package was publicly reported as malicious",
		.why      = "This name is on deputy's list of packages that a public report "
			    "showed to be malicious: look-alikes of popular projects, projects "
			    "taken over by an attacker, uploads made to win a dependency "
			    "confusion. In September 2017 SK-CSIRT, the Slovak national security "
			    "authority, found ten such packages on PyPI (urllib, urlib3, "
			    "setup-tools, crypt, pwd, telnet, bzip, ...) that had been installed "
			    "for months: each ran code at install time that reported the user and "
			    "host to a server, then installed the real package so that nothing "
			    "looked wrong. Installing the package, even once on a laptop, may "
			    "have run the attacker's code.",
		.fix      = "Remove the line and depend on the package it imitated, if any. If "
			    "it was ever installed, treat that machine and the credentials on it "
			    "(SSH and cloud keys, tokens in the environment) as exposed.",
		.incident = "In September 2017 SK-CSIRT, the Slovak national security "
			    "authority, reported ten packages on PyPI with names of standard "
			    "modules or near-misses of popular projects (urllib, urlib3, "
			    "setup-tools, crypt, pwd, telnet, bzip, acqusition, apidev-coop, "
			    "django-server). Their setup.py sent the user name, host name and "
			    "package name to a remote server whenever they were installed, and "
			    "they had been downloaded for months before PyPI removed them.",
		.check    = "Search the name in the report deputy cites (the detail pane shows "
			    "it) and on the registry's page; run `pip show NAME` or look in the "
			    "lock file to see whether it was ever installed, and `git log -S "
			    "NAME` to find when it entered the repository.",
		.refs     = (const char *const[]){
			"SK-CSIRT advisory SK-CSIRT-SA-2017-0001: "
			"https://www.nbu.gov.sk/skcsirt-sa-20170909-pypi/",
			"Python Security Response Team, \"Typo squatting and malicious packages "
			"on PyPI\", security-announce mailing list, September 2017",
			"OpenSSF malicious-packages database: "
			"https://github.com/ossf/malicious-packages",
			NULL },
		.check_dep = known_malicious_check,
	},
	{
		.id       = "typosquat",
		.severity = SEV_HIGH,
		.title    = "Package name is one typo away from a popular package",
		.why      = "Anyone can upload a package to PyPI under any free name, and "
			    "attackers pick names one slip of the finger away from popular ones: "
			    "a letter left out (urlib3 for urllib3), a letter added "
			    "(python3-dateutil), a letter swapped for a look-alike (jeIlyfish, "
			    "with a capital I), a separator (setup-tools). pip installs whatever "
			    "answers to the name and runs its setup code on the spot. This name "
			    "is not itself among the 15,000 most downloaded projects, but a "
			    "popular one differs from it by a single edit, which is how most "
			    "look-alikes found on PyPI so far were built. R code meets the same "
			    "trick in two places: a CRAN name one edit from a popular CRAN "
			    "package that is not on deputy's CRAN list itself, and a GitHub "
			    "account one edit from a well-known R account (tidyvrse/dplyr, "
			    "r-1ib/...), where anyone can register the misspelt name and serve "
			    "a copy of the real package with a few lines added.",
		.fix      = "Check the spelling against the project's own documentation. If you "
			    "meant the popular package or account, correct the name; if the name "
			    "is right, record the review so that deputy stops asking.",
		.incident = "In October 2018 a PyPI package named colourama, one letter from "
			    "the popular colorama, was found to install code that watched the "
			    "Windows clipboard and swapped Bitcoin addresses for the "
			    "attacker's. In December 2019 jeIlyfish (capital I for the l of "
			    "jellyfish), pulled in by python3-dateutil, was found stealing SSH "
			    "and GPG keys; it had been on PyPI for about a year.",
		.check    = "Put the name next to the one deputy says it imitates, letter by "
			    "letter; open both pages on the registry (pypi.org/project/NAME, "
			    "CRAN or GitHub) and compare the authors, release history and "
			    "download counts; check the spelling in the project's own "
			    "installation instructions.",
		.refs     = (const char *const[]){
			"SK-CSIRT advisory SK-CSIRT-SA-2017-0001: "
			"https://www.nbu.gov.sk/skcsirt-sa-20170909-pypi/",
			"jeIlyfish and python3-dateutil (2019): "
			"https://github.com/dateutil/dateutil/issues/984",
			"colourama (2018): https://github.com/tartley/colorama/issues/202",
			"CRAN Repository Policy (package names): "
			"https://cran.r-project.org/web/packages/policies.html",
			NULL },
		.check_dep = typosquat_check,
	},
	{
		.id       = "stdlib-shadow",
		.severity = SEV_HIGH,
		.title    = "Package name is a Python standard-library module",
		.why      = "Python ships these modules itself, so nobody needs to install them "
			    "from PyPI. Yet people write them into requirement files (urllib, "
			    "crypt, pwd) or type the name they remember (telnet for telnetlib, "
			    "bzip for bz2, urllib2 from Python 2), and whatever sits on PyPI under "
			    "that name gets installed and runs its setup code. Attackers know: "
			    "urllib, crypt, pwd, telnet and bzip were five of the ten malicious "
			    "packages of 2017. A few such names are also real backports for old "
			    "Pythons (dataclasses, typing, pathlib); those are reported at "
			    "severity info, as they are probably unneeded rather than hostile, "
			    "and not at all when a marker keeps them to the Pythons that lack "
			    "the module.",
		.fix      = "Delete the line: the module needs no installation. If you need a "
			    "backport for an old Python, keep it behind a marker such as "
			    "`; python_version < \"3.7\"`.",
		.incident = "Five of the ten malicious PyPI packages that SK-CSIRT reported in "
			    "September 2017 were named after standard-library modules or their "
			    "old names: urllib, crypt, pwd, telnet and bzip. Anyone who listed "
			    "them in a requirement file ran the uploader's setup.py.",
		.check    = "Run `python3 -c \"import sys; print('NAME' in "
			    "sys.stdlib_module_names)\"` (Python 3.10 and later), or look the "
			    "module up in the Python documentation's library index; then check "
			    "which Python versions the project supports.",
		.refs     = (const char *const[]){
			"SK-CSIRT advisory SK-CSIRT-SA-2017-0001: "
			"https://www.nbu.gov.sk/skcsirt-sa-20170909-pypi/",
			"Python documentation, sys.stdlib_module_names: "
			"https://docs.python.org/3/library/sys.html#sys.stdlib_module_names",
			NULL },
		.check_dep = stdlib_shadow_check,
	},
	{
		.id       = "not-in-registry",
		.severity = SEV_MEDIUM,
		.title    = "No PyPI project has this name",
		.why      = "deputy carries the list of every project on PyPI, and this name is "
			    "not on it. Either it is a typo that nobody has registered yet, and "
			    "whoever registers it first (attackers watch for such names in public "
			    "code) decides what your next install runs, or it is a private package "
			    "that lives on your own index: then anyone who uploads the same name "
			    "to PyPI with a higher version can get it installed instead wherever "
			    "pip also asks PyPI (--extra-index-url). Alex Birsan's 2020 dependency "
			    "confusion attack ran code inside Apple, Microsoft and dozens of other "
			    "companies this way, with names found in their public manifests.",
		.fix      = "Correct the spelling if it is a typo. For a private package: install "
			    "it from your index alone (--index-url, not --extra-index-url), pin it "
			    "with --hash, and register the name on PyPI yourself so nobody else can.",
		.incident = "In February 2021 Alex Birsan published how he had run code inside "
			    "Apple, Microsoft, PayPal and dozens of other companies: he read "
			    "private package names in their public manifests, uploaded packages "
			    "of the same names with higher versions to the public registries "
			    "(npm, PyPI, RubyGems), and their build machines installed them "
			    "(the code only reported back over DNS). The companies paid him bug "
			    "bounties.",
		.check    = "Open pypi.org/project/NAME: a 404 means the name is free. Ask your "
			    "team whether it is an internal package, and check which index your "
			    "install commands use (--index-url, --extra-index-url, pip.conf, "
			    "PIP_INDEX_URL).",
		.refs     = (const char *const[]){
			"Alex Birsan, \"Dependency Confusion\" (2021): https://medium.com/@alex.birsan/"
			"dependency-confusion-4a5d60fec610",
			"PEP 708, Extending the Repository API to Mitigate Dependency Confusion "
			"Attacks: https://peps.python.org/pep-0708/",
			NULL },
		.check_dep = not_in_registry_check,
	},
	{
		.id       = "abandoned",
		.severity = SEV_LOW,
		.title    = "The project has not released anything for more than five years",
		.why      = "Nobody has published a release of this project for over five years "
			    "before deputy's intel was taken. Unmaintained code keeps its known "
			    "bugs, and an abandoned project is a target: when its maintainer's "
			    "e-mail domain expires, anyone who buys the domain can reset the PyPI "
			    "password and publish a new release, which is how the ctx project was "
			    "taken over in May 2022 (its new releases sent environment variables, "
			    "AWS keys included, to the attacker).",
		.fix      = "Check whether the project moved to another name or has a maintained "
			    "fork, and switch; otherwise pin an exact version with --hash so that "
			    "a release published by a new owner is not installed unseen.",
		.incident = "In May 2022 the PyPI project ctx, untouched since 2014, was taken "
			    "over: its maintainer's e-mail domain had expired, someone "
			    "registered it, reset the PyPI password and published new releases "
			    "that sent environment variables, AWS keys included, to a server of "
			    "theirs. The same person changed the PHP package phpass at the same "
			    "time, and later said it had been research.",
		.check    = "Open the project's page on the registry and its source repository: "
			    "the date of the last release, open issues asking whether it is "
			    "maintained, a note about a new name or a fork. Compare the release "
			    "you pin with the newest one.",
		.refs     = (const char *const[]){
			"PyPI blog, \"Domain Resurrection Attacks\" (2025) and the ctx takeover "
			"(2022): https://python-security.readthedocs.io/pypi-vuln/"
			"index-2022-05-24-ctx-domain-takeover.html",
			NULL },
		.check_dep = abandoned_check,
	},
	{
		.id       = "unpinned",
		.severity = SEV_LOW,
		.title    = "Requirement does not pin one exact version",
		.why      = "Without an exact pin (==1.2.3) or a hash, every install resolves "
			    "the newest release that matches, so a release published tomorrow "
			    "reaches your machines without anyone reviewing it. That is how a "
			    "hijacked project spreads: in May 2022 the ctx project was taken over "
			    "and new releases that sent environment variables away were picked "
			    "up by every unpinned install. Ranges suit a library's metadata; "
			    "applications and deployments should install from a pinned, hashed "
			    "lock.",
		.fix      = "Pin the version (name==1.2.3) in the file you deploy from, ideally "
			    "with hashes generated by a lock tool (pip-compile --generate-hashes, "
			    "uv pip compile, poetry lock), and keep ranges in the library's "
			    "metadata only.",
		.incident = "In October 2021 the npm account behind ua-parser-js, a library "
			    "downloaded millions of times a week, was hijacked, and versions "
			    "0.7.29, 0.8.0 and 1.0.0 shipped a crypto-miner and a password "
			    "stealer. Every project that accepted a version range picked them "
			    "up on its next install, until the maintainer published clean "
			    "releases hours later.",
		.check    = "Look at the line: == with a full version (or === ) pins it; >=, "
			    "~=, ^, * or no version do not. See what a fresh install would pick "
			    "with `pip index versions NAME` or `pip install --dry-run -r FILE`, "
			    "and compare with what you tested.",
		.refs     = (const char *const[]){
			"pip, secure installs (hash-checking mode): "
			"https://pip.pypa.io/en/stable/topics/secure-installs/",
			"ctx takeover (2022): https://python-security.readthedocs.io/pypi-vuln/"
			"index-2022-05-24-ctx-domain-takeover.html",
			NULL },
		.check_dep = unpinned_check,
	},
	{
		.id       = "mutable-ref",
		.severity = SEV_MEDIUM,
		.title    = "Source repository reference can move",
		.why      = "A requirement fetched from a version-control repository installs "
			    "whatever the reference points to at install time. A branch moves with "
			    "every push, a tag can be deleted and re-created on other code, and no "
			    "reference at all means the default branch. Anyone who can push to "
			    "that repository, or who takes over the account, changes what you "
			    "install, and no hash can be checked. Only a full commit hash names "
			    "fixed content.",
		.fix      = "Replace the branch or tag with the full commit hash it points to "
			    "(git rev-parse TAG^{commit}), e.g. "
			    "git+https://host/org/repo@<40 hex digits>.",
		.incident = "In March 2025 an attacker with a stolen token moved every version "
			    "tag of the tj-actions/changed-files GitHub Action to a commit that "
			    "printed CI secrets into build logs (CVE-2025-30066). Repositories "
			    "that referred to it by tag ran the new code at once; those that "
			    "had pinned a full commit hash did not.",
		.check    = "Look at what follows @ in the URL: 40 hexadecimal digits are a "
			    "commit; anything else is a branch or a tag. `git ls-remote URL "
			    "REF` shows the commit it points to today; run it again later and "
			    "compare.",
		.refs     = (const char *const[]){
			"pip, VCS support: https://pip.pypa.io/en/stable/topics/vcs-support/",
			NULL },
		.check_dep = mutable_ref_check,
	},
	{
		.id       = "insecure-url",
		.severity = SEV_HIGH,
		.title    = "Packages are fetched over an unencrypted connection",
		.why      = "Over http:// (or git://, ftp://) anyone on the network path, a "
			    "public Wi-Fi, a compromised router, a proxy, can read and rewrite "
			    "the response, and so replace the package you install with their "
			    "own. Package code runs at install time, so that is code execution "
			    "on the machine that installs.",
		.fix      = "Use https:// (or ssh for repositories). If the server has no TLS, "
			    "fetch the file once over a trusted path and pin it with --hash "
			    "(pip). In R, name the repository with https:// in repos = , "
			    "options(repos = ...), renv.lock's Repositories or a DESCRIPTION's "
			    "Additional_repositories; every CRAN mirror serves https://.",
		.incident = "In 2019 Jonathan Leitschuh showed that many builds still "
			    "downloaded their dependencies from Maven repositories over plain "
			    "http://, where anyone on the network path could substitute them. "
			    "Maven Central and the other large Java repositories stopped "
			    "serving http:// in January 2020 because of it.",
		.check    = "Read the scheme at the start of the URL (http://, git://, ftp:// "
			    "are unencrypted), and check pip.conf and the environment "
			    "(PIP_INDEX_URL, PIP_TRUSTED_HOST) for the same. `curl -I "
			    "https://HOST/` tells whether the host also answers over TLS.",
		.refs     = (const char *const[]){
			"pip, secure installs: https://pip.pypa.io/en/stable/topics/secure-installs/",
			"R, the repos option (?options, ?install.packages): "
			"https://stat.ethz.ch/R-manual/R-devel/library/base/html/options.html",
			NULL },
		.check_dep = insecure_url_check,
		.check_option = insecure_url_check_option,
	},
	{
		.id       = "extra-index",
		.severity = SEV_HIGH,
		.title    = "An extra package index is mixed with PyPI",
		.why      = "With --extra-index-url pip looks for every package on both indexes "
			    "and takes the highest version from either, so a package that exists "
			    "only on your private index can be replaced by anyone who uploads the "
			    "same name to PyPI with a higher version: dependency confusion. Alex "
			    "Birsan used it in 2020 to run code inside Apple, Microsoft and "
			    "dozens of other companies, and in December 2022 a torchtriton upload "
			    "to PyPI was installed by PyTorch nightly users in place of PyTorch's "
			    "own. A Poetry supplemental source is worse: it is asked only for "
			    "what PyPI lacks, so a PyPI upload wins whatever its version; uv "
			    "races its indexes against PyPI only with index-strategy "
			    "unsafe-best-match (by default it takes a package from the first "
			    "index that has it, and conda does the same with its channels). "
			    "--trusted-host, for its part, turns off certificate checks for "
			    "a host, so anyone on the network path can answer in its name.",
		.fix      = "Serve everything from one index (a proxy that mirrors PyPI and "
			    "hosts your packages, with your names reserved on PyPI), or pin every "
			    "package with --hash. With Poetry, make the private source explicit "
			    "and name it on each package that comes from it; with uv, drop "
			    "unsafe-best-match. Drop --trusted-host and give the host a valid "
			    "certificate.",
		.incident = "Between 25 and 30 December 2022 a package named torchtriton, "
			    "uploaded to PyPI by someone else, was installed by users of "
			    "PyTorch's nightly builds, because their install command added "
			    "PyTorch's own index with --extra-index-url and pip took the PyPI "
			    "upload instead. It collected system information and files, SSH "
			    "keys among them, and sent them away.",
		.check    = "List every index the install uses: the options in the file and in "
			    "files it includes, pip.conf (`pip config list`) and "
			    "PIP_EXTRA_INDEX_URL. For each package that should come from the "
			    "private index, open pypi.org/project/NAME to see whether someone "
			    "else holds the name there.",
		.refs     = (const char *const[]){
			"Alex Birsan, \"Dependency Confusion\" (2021): https://medium.com/@alex.birsan/"
			"dependency-confusion-4a5d60fec610",
			"PyTorch, \"Compromised PyTorch-nightly dependency chain\" (2022): "
			"https://pytorch.org/blog/compromised-nightly-dependency/",
			"pip, --extra-index-url: "
			"https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url",
			NULL },
		.check_option = extra_index_check_option,
	},
	{
		.id       = "env-var",
		.severity = SEV_LOW,
		.title    = "Line depends on an environment variable",
		.why      = "pip replaces ${NAME} in a requirement file with the value of that "
			    "environment variable when it installs, and a shell fills in $NAME "
			    "and $(command) in an install command before pip sees it, so what "
			    "this line asks for is decided by the machine that runs it, not by "
			    "the file you are reviewing. deputy cannot see that value and "
			    "cannot check it: the variable may name another index, another "
			    "URL, or carry a credential that ends up in logs. Treat the line as "
			    "unreviewed until you know every value it takes in CI and on "
			    "developers' machines.",
		.fix      = "Write the value into the file if it is not secret. If it is a "
			    "credential, keep it out of the URL (pip reads keyring or .netrc) and "
			    "check where the variable is set.",
		.incident = "deputy knows of no public attack made through a ${VARIABLE} in a "
			    "requirement file. The closest is the Codecov breach of 2021: the "
			    "altered uploader sent the environment variables of thousands of CI "
			    "pipelines to the attacker, and that is exactly where credentials "
			    "written into index URLs with ${VARIABLE} live.",
		.check    = "Find where the variable is set: CI configuration, .env files, "
			    "shell profiles, secrets settings. Run `printenv NAME` where pip "
			    "runs, and make sure the value is the index or URL you expect and "
			    "that CI logs mask it.",
		.refs     = (const char *const[]){
			"pip, requirement file format, \"Using environment variables\": "
			"https://pip.pypa.io/en/stable/reference/requirements-file-format/",
			NULL },
		.check_dep = env_var_check,
		.check_option = env_var_check_option,
	},
	{
		.id       = "curl-pipe-shell",
		.severity = SEV_MEDIUM,
		.title    = "A download is piped straight into a shell",
		.why      = "curl ... | sh runs whatever the server sends at that moment, with the "
			    "rights of whoever runs the script, before anyone can read it. The "
			    "server, the account behind it, or anyone who can change the answer "
			    "on the way decides what runs, and it can send different code to a "
			    "shell than to a browser. In April 2021 attackers changed Codecov's "
			    "Bash uploader, fetched this way by thousands of CI pipelines, to "
			    "send the pipelines' credentials to them for two months.",
		.fix      = "Download the script to a file, check it against a published "
			    "checksum or signature, read it, and run the file; better, install "
			    "the tool from a package manager that pins its version.",
		.incident = "From January to April 2021 attackers who had got into Codecov "
			    "changed its Bash uploader, which CI pipelines fetched with curl "
			    "and piped into bash on every run. The altered script sent the "
			    "pipelines' environment variables, tokens and keys included, to a "
			    "server of theirs; Codecov found out on 1 April 2021.",
		.check    = "Download the script to a file without running it (`curl -fsSLo "
			    "script.sh URL`), read it, compare its checksum with the one the "
			    "project publishes, and check whether a package of the tool exists "
			    "for your system.",
		.refs     = (const char *const[]){
			"Codecov, \"Bash Uploader Security Update\" (April 2021): "
			"https://about.codecov.io/security-update/",
			NULL },
		.check_dep = curl_pipe_shell_check,
	},
	{
		.id       = "unhashed-lock",
		.severity = SEV_LOW,
		.title    = "Lock file entry carries no hash",
		.why      = "A lock file fixes the version, but without a hash it does not fix "
			    "the bytes: whoever controls the index, a mirror or the connection "
			    "can serve a different file under the same name and version, and pip "
			    "or Poetry will install it. PyPI never lets a released file be "
			    "replaced, but private indexes, mirrors and caches can, and a hash is "
			    "what lets the installer notice.",
		.fix      = "Regenerate the lock with hashes (poetry lock, uv lock, pipenv "
			    "lock, pdm lock all record them), or pin with pip-compile "
			    "--generate-hashes and install with --require-hashes.",
		.incident = "When torchtriton was taken from PyPI instead of PyTorch's index in "
			    "December 2022, installs in pip's hash-checking mode would have "
			    "stopped: the file from PyPI did not match the hash of the one "
			    "PyTorch built. Without hashes, the lock file's version number was "
			    "all that was compared, and an impostor can claim any version.",
		.check    = "Open the lock file at the entry: Poetry, uv, pdm and Pipfile.lock "
			    "list sha256 hashes per file; a requirements file has "
			    "--hash=sha256:... on the line. Compare a hash with the one on the "
			    "registry's download page.",
		.refs     = (const char *const[]){
			"pip, secure installs: https://pip.pypa.io/en/stable/topics/secure-installs/",
			NULL },
		.check_dep = unhashed_lock_check,
	},
	{
		.id       = "untrusted-source",
		.severity = SEV_MEDIUM,
		.title    = "A package source other than the public default",
		.why      = "A Poetry, uv or Pipfile source, or a conda channel, that is not the "
			    "public default decides what gets installed under every name it "
			    "serves. Whoever runs it (or takes over its domain) can serve any "
			    "code, and mixing it with PyPI invites dependency confusion, as "
			    "PyTorch's nightly channel learned in December 2022 when a torchtriton "
			    "upload to PyPI won over its own. A source reached over http://, or "
			    "with verify_ssl = false, can be answered by anyone on the network "
			    "path.",
		.fix      = "Keep only sources you control and trust, over https with "
			    "certificate checks; mark private sources explicit (Poetry priority "
			    "explicit, uv explicit = true) so that only the packages you name "
			    "come from them.",
		.incident = "PyTorch's nightly channel was the source that lost to a PyPI "
			    "upload in December 2022: a malicious torchtriton on PyPI was "
			    "installed instead of PyTorch's own, because both sources were "
			    "consulted for the same name. It sent system information and files, "
			    "SSH keys among them, to the uploader.",
		.check    = "Read the source's URL and who runs it; check that it uses https "
			    "and certificate checks (no verify_ssl = false), and whether the "
			    "packages meant to come from it are tied to it (Poetry source = "
			    "\"NAME\", uv index = \"NAME\") or may come from any source.",
		.refs     = (const char *const[]){
			"PyTorch, \"Compromised PyTorch-nightly dependency chain\" (2022): "
			"https://pytorch.org/blog/compromised-nightly-dependency/",
			NULL },
		.check_option = untrusted_source_check_option,
	},
	{
		.id       = "dynamic-deps",
		.severity = SEV_INFO,
		.title    = "Dependencies computed when setup.py runs",
		.why      = "setup.py is a program: its dependency list may be read from a file, "
			    "built by a function or fetched from anywhere, and deputy never runs "
			    "code from the repository it audits. What this setup.py installs is "
			    "therefore not visible here, and neither is what the code around it "
			    "does when pip builds the package.",
		.fix      = "Declare the dependencies statically: in pyproject.toml's [project] "
			    "table (PEP 621), or in setup.cfg; then deputy, and every other tool, "
			    "can read them.",
		.incident = "The ten malicious packages that SK-CSIRT reported on PyPI in "
			    "September 2017 did their work in setup.py: the file ran when pip "
			    "built the package and sent the user's and host's names to a remote "
			    "server. A setup.py is a program, and reading its dependencies "
			    "means running it.",
		.check    = "Open setup.py and read install_requires and whatever code builds "
			    "it; look for network access, subprocess calls, or files read at "
			    "build time. `pip install --dry-run .` in a throwaway container "
			    "shows what it asks for there.",
		.refs     = (const char *const[]){
			"PEP 621, storing project metadata in pyproject.toml: "
			"https://peps.python.org/pep-0621/",
			NULL },
		.check_dep = dynamic_deps_check,
	},
	{
		.id       = "local-code",
		.severity = SEV_INFO,
		.title    = "Installs code from a local path",
		.why      = "A local path (-e ., ./pkg, a wheel in the repository) installs the "
			    "code that sits there when pip runs, not a release from an index: no "
			    "version pins it, and no registry has looked at it. That is usually "
			    "the project itself, which is fine, but it is also how a vendored "
			    "copy of a package can drift from its upstream, or how a file "
			    "committed by someone else ends up installed and run.",
		.fix      = "Nothing to do when the path is the project itself. Otherwise review "
			    "the folder or archive like any other code in the repository, and "
			    "prefer a released version from the index when one exists.",
		.incident = "The xz-utils backdoor found in March 2024 (CVE-2024-3094) hid in "
			    "files that sat in the project itself: binary \"test\" files "
			    "committed to the repository, and a build script in the release "
			    "archives that differed from the one in git. Code that nobody "
			    "reviewed because it was already local was what got built and "
			    "installed.",
		.check    = "Look at the path: the project itself (-e .) is expected; anything "
			    "else, check who committed it (`git log -- PATH`), and compare a "
			    "vendored copy with the upstream release it claims to be (`diff "
			    "-r`).",
		.refs     = (const char *const[]){
			"pip, local project installs: "
			"https://pip.pypa.io/en/stable/topics/local-project-installs/",
			NULL },
		.check_dep = local_code_check,
	},
	{
		.id       = "github-unpinned",
		.severity = SEV_HIGH,
		.title    = "Installed from a repository at a movable ref",
		.why      = "install_github(\"owner/repo\"), a Remotes: entry or pak installs "
			    "whatever the repository holds at install time. Without a ref that is "
			    "the default branch; a branch moves with every push; a tag can be "
			    "deleted and re-created on other code; a pull request (#123) is code "
			    "its author, often a stranger, can change after you looked; *release "
			    "follows the next release. Anyone who can push there, or who takes "
			    "over the account or its token, changes what your script installs, "
			    "and nothing on your side notices. In March 2025 an attacker with a "
			    "stolen token pointed every version tag of the tj-actions/changed-files "
			    "GitHub Action at a commit that printed CI secrets into build logs: "
			    "about 23,000 repositories referenced it by tag and ran it, while "
			    "those that had pinned a full commit hash did not. Only the 40 hex "
			    "digits of a commit name fixed content.",
		.fix      = "Pin the commit: install_github(\"owner/repo@<40 hex digits>\") or "
			    "ref = \"<sha>\" (git rev-parse TAG^{commit} gives it), and let renv "
			    "record RemoteSha in renv.lock. Better still, install the CRAN release "
			    "when there is one.",
		.incident = "In March 2025 an attacker with a stolen token pointed every "
			    "version tag of the tj-actions/changed-files GitHub Action at a "
			    "commit that printed CI secrets into build logs (CVE-2025-30066). "
			    "About 23,000 repositories referred to it by tag and ran it; those "
			    "that had pinned a full commit hash did not.",
		.check    = "Look at the ref after @ (or ref =): 40 hexadecimal digits are a "
			    "commit; a branch, a tag, #PR or *release are not. `git ls-remote "
			    "https://github.com/OWNER/REPO` lists what each branch and tag "
			    "points to now.",
		.refs     = (const char *const[]){
			"remotes, install_github() and its ref argument: "
			"https://remotes.r-lib.org/reference/install_github.html",
			"tj-actions/changed-files compromise (2025), CVE-2025-30066: "
			"https://github.com/advisories/GHSA-mrrh-fwg8-r2c3",
			NULL },
		.check_dep = github_unpinned_check,
	},
	{
		.id       = "remote-source",
		.severity = SEV_HIGH,
		.title    = "Code is run straight from a URL",
		.why      = "source(\"https://...\"), source_url(), source_gist() and "
			    "eval(parse(text = readLines(url))) download code and run it at once, "
			    "every time the script runs, with all the rights of the user: nothing "
			    "is reviewed, nothing is pinned, and what you read in a browser last "
			    "week need not be what is served today. Whoever controls the address "
			    "controls your session. In 2021 attackers changed Codecov's Bash "
			    "uploader, a script that thousands of CI pipelines fetched and ran "
			    "the same way, so that it sent their environment variables, tokens "
			    "included, to a server of theirs; it went unnoticed for two months. "
			    "It is critical over http:// (anyone on the network path can swap the "
			    "code), from a gist (a personal paste its owner edits at will) and "
			    "behind a URL shortener (the link itself hides, and can change, where "
			    "the code comes from; GitHub's own git.io shortener was retired in "
			    "2022).",
		.fix      = "Copy the script into the repository, read it, and source() the "
			    "local file; or turn it into a package installed at a pinned version. "
			    "If it must be fetched, fetch a file pinned to a commit "
			    "(raw.githubusercontent.com/owner/repo/<sha>/file.R) and check its "
			    "hash before running it.",
		.incident = "From January to April 2021 Codecov's Bash uploader, a script that "
			    "thousands of CI pipelines downloaded and ran on every build, had "
			    "been changed by attackers to send the pipelines' environment "
			    "variables, tokens included, to a server of theirs. Nothing changed "
			    "in the pipelines that used it: the code behind the address did.",
		.check    = "Open the URL in a browser or download it with curl, read what it "
			    "does, and note who controls the address (a gist, a personal "
			    "account, a shortener). Fetch it again later and diff: anything "
			    "that differs ran without review.",
		.refs     = (const char *const[]){
			"R documentation, source(): "
			"https://stat.ethz.ch/R-manual/R-devel/library/base/html/source.html",
			"Codecov, Bash Uploader security update (April 2021): "
			"https://about.codecov.io/security-update/",
			NULL },
		.check_dep = remote_source_check,
	},
	{
		.id       = "cran-shadow",
		.severity = SEV_MEDIUM,
		.title    = "Installed from GitHub though CRAN has it",
		.why      = "CRAN publishes a package of this name: a release that passed R CMD "
			    "check on CRAN's machines and, for a new package, a volunteer's "
			    "review, and that stays the same once published. Installing the same "
			    "name from GitHub, GitLab or Bitbucket trades that for whatever the "
			    "account holds today: a development version with unreleased changes, "
			    "a fork under the same name, or, if the account is taken over, "
			    "anything. It also hides from renv and from readers which of the two "
			    "the project really uses. Sometimes a fix exists only on GitHub; "
			    "then pin it to a commit and go back to CRAN once it is released.",
		.fix      = "Install from CRAN (install.packages(\"name\"), or drop the Remotes: "
			    "entry and keep Imports:). If the development version is needed, pin "
			    "its commit and note why.",
		.incident = "When a GitHub user or organisation is renamed, its old name "
			    "becomes free, and whoever registers it next serves code to every "
			    "script that still installs from the old address: \"repo-jacking\". "
			    "In 2022 Checkmarx researchers showed ways around GitHub's "
			    "protection of popular renamed repositories.",
		.check    = "Compare the GitHub repository with the CRAN package page "
			    "(cran.r-project.org/package=NAME): its URL and BugReports fields "
			    "should point at the same repository. Check whether the project "
			    "really needs a change that is not on CRAN yet (NEWS, the commit "
			    "log).",
		.refs     = (const char *const[]){
			"CRAN Repository Policy: https://cran.r-project.org/web/packages/policies.html",
			NULL },
		.check_dep = cran_shadow_check,
	},
	{
		.id       = "repo-name-mismatch",
		.severity = SEV_LOW,
		.title    = "Repository and package names differ",
		.why      = "The call or the DESCRIPTION says this repository holds a package of "
			    "another name. That is often innocent (a repository renamed, an "
			    "R package inside a project of another name), but it is also how a "
			    "fork or an impostor passes unnoticed: readers check the package name "
			    "they know, while the code comes from a repository they never looked "
			    "at. Attackers have exploited the reverse gap too, publishing "
			    "packages that point at popular repositories of other names to "
			    "borrow their stars (\"StarJacking\", 2022).",
		.fix      = "Check that the repository is the package's own (its DESCRIPTION's "
			    "Package: and URL: fields, the CRAN page's links). Use the "
			    "repository the package's authors publish.",
		.incident = "In 2022 Checkmarx described \"StarJacking\": packages on npm and "
			    "PyPI whose metadata pointed at popular GitHub repositories they "
			    "had nothing to do with, so that they looked established to anyone "
			    "who checked the stars. Registries did not check the link.",
		.check    = "Open the repository and read the Package: field of its "
			    "DESCRIPTION; compare its URL field and the links on the CRAN page "
			    "with the repository you install from.",
		.refs     = (const char *const[]){
			"remotes, dependency specification (Remotes: and pkg=): "
			"https://remotes.r-lib.org/articles/dependencies.html",
			"Checkmarx, \"StarJacking\" (2022): "
			"https://checkmarx.com/blog/starjacking-making-your-new-open-source-package-"
			"popular-in-a-snap/",
			NULL },
		.check_dep = repo_name_mismatch_check,
	},
	{
		.id       = "base-shadow",
		.severity = SEV_HIGH,
		.title    = "Installs a package that ships with R",
		.why      = "R comes with its base packages (base, stats, utils, grid, methods, "
			    "...) and, in every normal installation, the recommended ones (MASS, "
			    "Matrix, lattice, survival, ...). Base packages are never installed: "
			    "CRAN has none of those names, so an install of one can only be "
			    "answered by another repository, a GitHub account or a look-alike, and "
			    "whatever it installs takes the name of a package every script "
			    "trusts. Python users met the same trap in 2017, when urllib, crypt and "
			    "pwd, names of standard modules, were among ten malicious packages "
			    "found on PyPI. Recommended packages are also published on CRAN, but an "
			    "install of one, from CRAN or elsewhere, replaces the copy that came "
			    "with R and was tested with it, for every script on the machine; from "
			    "anywhere but CRAN it may not be the package at all.",
		.fix      = "Delete the install: library(stats) works as it is. To update a "
			    "recommended package, take it from CRAN or upgrade R.",
		.incident = "Python met this trap first: in September 2017 SK-CSIRT found "
			    "urllib, crypt and pwd, names of modules that come with Python, "
			    "among ten malicious packages on PyPI that ran their code at "
			    "install time. R's base package names are the same bait.",
		.check    = "Run `rownames(installed.packages(priority = \"base\"))` and "
			    "`rownames(installed.packages(priority = \"recommended\"))` in R to "
			    "list the packages that come with it, and look at where the install "
			    "takes the name from (repos =, a GitHub account).",
		.refs     = (const char *const[]){
			"R Installation and Administration, \"Add-on packages\" (base and "
			"recommended): https://cran.r-project.org/doc/manuals/r-release/"
			"R-admin.html#Add_002don-packages",
			"SK-CSIRT advisory SK-CSIRT-SA-2017-0001: "
			"https://www.nbu.gov.sk/skcsirt-sa-20170909-pypi/",
			NULL },
		.check_dep = base_shadow_check,
	},
	{
		.id       = "nonstandard-repo",
		.severity = SEV_MEDIUM,
		.title    = "R packages come from outside CRAN",
		.why      = "install.packages(repos =), Additional_repositories and "
			    "drat::addRepo() add a package repository beside CRAN, "
			    "Bioconductor, R-universe and Posit Package Manager. Its packages are "
			    "whatever its owner (for a drat repository, the GitHub account behind "
			    "it) publishes, with no check. And R takes each package from the "
			    "repository that offers the highest version, so a repository that "
			    "offers a higher version of a CRAN name replaces the CRAN package for "
			    "everyone who lists it: the dependency confusion that Alex Birsan used "
			    "in 2020 to run code inside Apple, Microsoft and dozens of other "
			    "companies through the same rule in other package managers.",
		.fix      = "Install from CRAN (or Bioconductor, R-universe, Posit Package "
			    "Manager). If the repository is your organisation's, serve it over "
			    "https and keep the names it serves reserved, and list it alone "
			    "for the packages it hosts.",
		.incident = "In February 2021 Alex Birsan published how build machines at "
			    "Apple, Microsoft, PayPal and dozens of other companies had "
			    "installed his packages: he uploaded higher versions of their "
			    "private names to public registries, and their tools took the "
			    "highest version from any repository they listed, which is the rule "
			    "R follows across repos too.",
		.check    = "Print `getOption(\"repos\")` in the project's R session, and open "
			    "each URL: who runs it, is it https, and which package names does "
			    "it serve that CRAN also has (compare `available.packages(repos = "
			    "URL)` with CRAN's).",
		.refs     = (const char *const[]){
			"R documentation, install.packages() and repos: "
			"https://stat.ethz.ch/R-manual/R-devel/library/utils/html/install.packages.html",
			"Alex Birsan, \"Dependency Confusion\" (2021): https://medium.com/@alex.birsan/"
			"dependency-confusion-4a5d60fec610",
			NULL },
		.check_option = nonstandard_repo_check_option,
	},
	{
		.id       = "rprofile",
		.severity = SEV_INFO,
		.title    = ".Rprofile loads or installs at every R start",
		.why      = "R runs the .Rprofile of the folder it starts in (and Rprofile.site "
			    "of the installation) before anything else, each time: opening a "
			    "cloned project in RStudio or running Rscript there is enough. So a "
			    "library(), install or source() in it runs for everyone who starts R "
			    "in that folder, usually without their noticing, and anything it "
			    "fetches comes in before any script is read. It is often innocent "
			    "(renv's activate.R is sourced that way), which is why this is only "
			    "information: know what your .Rprofile runs.",
		.fix      = "Keep .Rprofile to options and renv activation; move loads and "
			    "installs into the scripts that need them, where readers see them.",
		.incident = "deputy knows of no public attack through a project's .Rprofile. "
			    "The risk is the one every start-up file carries: the xz-utils "
			    "backdoor of 2024 and the Codecov breach of 2021 both worked "
			    "because code ran automatically where nobody was looking, and a "
			    ".Rprofile runs before anything a reader sees.",
		.check    = "Open .Rprofile (and Rprofile.site, `R.home(\"etc\")`) and read every "
			    "line; start R with `R --no-init-file` to compare, and check `git "
			    "log -- .Rprofile` for who changed it and when.",
		.refs     = (const char *const[]){
			"R documentation, Startup: "
			"https://stat.ethz.ch/R-manual/R-devel/library/base/html/Startup.html",
			NULL },
		.check_dep = rprofile_check,
	},
};

const struct rule *
rule_catalog(size_t *count)
{
	*count = sizeof(rules) / sizeof(rules[0]);
	return rules;
}

const struct rule *
rule_find(const char *id)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

static const char *const severity_names[SEV_COUNT] = {
	[SEV_INFO] = "info",
	[SEV_LOW] = "low",
	[SEV_MEDIUM] = "medium",
	[SEV_HIGH] = "high",
	[SEV_CRITICAL] = "critical",
};

const char *
severity_str(enum severity sev)
{
	if ((unsigned)sev >= SEV_COUNT)
		return "?";
	return severity_names[sev];
}

int
severity_parse(enum severity *out, const char *s)
{
	for (int i = 0; i < SEV_COUNT; i++) {
		if (strcasecmp(s, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return ERR_USAGE;
}

bool
rules_dep_has_registry_name(const struct dep *dep)
{
	if (dep->dynamic)
		return false;   /* computed when it runs: "$PKG" names nothing */
	if (dep->ecosystem != ECO_PYPI && dep->ecosystem != ECO_CRAN &&
	    dep->ecosystem != ECO_BIOC)
		return false;
	return dep->name && dep->normalized && dep->normalized[0];
}

struct finding *
rule_report(struct rule_ctx *ctx, const struct rule *rule, const struct dep *dep,
	    const struct index_option *opt, const char *fmt, ...)
{
	struct findings *fs = ctx->out;
	va_list ap;

	if (ctx->error)
		return NULL;
	if (array_reserve(&fs->items, &fs->cap, fs->len, sizeof(*fs->items))) {
		ctx->error = ERR_NOMEM;
		return NULL;
	}
	va_start(ap, fmt);
	char *message = arena_vprintf(ctx->arena, fmt, ap);
	va_end(ap);
	if (!message) {
		ctx->error = ERR_NOMEM;
		return NULL;
	}

	struct finding *f = &fs->items[fs->len++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = rule->severity;
	f->dep = dep;
	f->option = opt;
	f->message = message;
	if (dep) {
		f->file = dep->file;
		f->line = dep->line;
		f->column = dep->column;
		f->at = dep->at;
	} else if (opt) {
		f->file = opt->file;
		f->line = opt->line;
		f->column = opt->column;
		f->at = opt->at;
	}
	return f;
}

/*
 * A package the resolver found, not declared anywhere, is judged by what it
 * is (its name, its history), not by how it is written: there is no line of
 * the project's to pin, hash or fix.
 */
static bool
applies(const struct rule *rule, const struct dep *dep)
{
	static const char *const about_the_package[] = {
		"known-malicious", "typosquat", "stdlib-shadow", "not-in-registry", "abandoned",
		"cran-shadow", NULL,
	};

	if (dep->kind != DEP_RESOLVED)
		return true;
	for (size_t i = 0; about_the_package[i]; i++)
		if (strcmp(rule->id, about_the_package[i]) == 0)
			return true;
	return false;
}

int
rules_cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * A command shown in a README is advice to readers, not something the
 * project runs: one level lower (issue #5), so it never outranks the same
 * problem in a file that installs. That holds for its options too
 * (--extra-index-url in a README's pip command): an option is in a
 * documentation file when a documentation declaration is. Only the
 * findings from @first on, this run's: a scan runs the catalog again on
 * what the resolver found, and a README's finding went down once per run.
 */
static int
step_down_documentation(struct findings *out, size_t first, const struct rules_input *in)
{
	const char **docs = NULL;
	size_t n_docs = 0;
	bool options = false;

	for (size_t i = first; i < out->len && !options; i++)
		options = !out->items[i].dep && out->items[i].option;
	if (options && in->n_deps) {         /* the files of documentation declarations */
		if (!(docs = malloc(in->n_deps * sizeof(*docs))))
			return ERR_NOMEM;
		for (size_t i = 0; i < in->n_deps; i++)
			if (in->deps[i]->kind == DEP_DOCUMENTATION)
				docs[n_docs++] = in->deps[i]->file;
		if (n_docs > 1)
			qsort(docs, n_docs, sizeof(*docs), rules_cmp_cstr);
	}
	for (size_t i = first; i < out->len; i++) {
		struct finding *f = &out->items[i];
		bool doc = f->dep ? f->dep->kind == DEP_DOCUMENTATION :
			   f->option && n_docs && bsearch(&f->option->file, docs, n_docs,
							  sizeof(*docs), rules_cmp_cstr);
		if (doc && f->severity > SEV_INFO)
			f->severity--;
	}
	free(docs);
	return 0;
}

int
rules_run(struct findings *out, struct arena *arena, const struct intel *intel,
	  const struct rules_input *in)
{
	struct rule_ctx ctx = { .arena = arena, .intel = intel, .out = out, .error = 0 };
	size_t n_rules = sizeof(rules) / sizeof(rules[0]), first = out->len;
	struct rule_pins *pins = rule_pins_new(in);

	if (!pins)
		return ERR_NOMEM;
	ctx.pins = pins;

	for (size_t d = 0; d < in->n_deps && !ctx.error; d++)
		for (size_t r = 0; r < n_rules && !ctx.error; r++)
			if (rules[r].check_dep && applies(&rules[r], in->deps[d]))
				rules[r].check_dep(&rules[r], &ctx, in->deps[d]);
	for (size_t o = 0; o < in->n_options && !ctx.error; o++)
		for (size_t r = 0; r < n_rules && !ctx.error; r++)
			if (rules[r].check_option)
				rules[r].check_option(&rules[r], &ctx, in->options[o]);
	rule_pins_free(pins);
	return ctx.error ? ctx.error : step_down_documentation(out, first, in);
}
