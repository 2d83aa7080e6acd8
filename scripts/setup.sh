# Sourced by the scripts of scripts/: installs the Debian packages deputy
# needs (when missing) and configures and compiles build/.
# shellcheck shell=bash

DEPUTY_PACKAGES=(
	build-essential meson ninja-build pkg-config git
	libncurses-dev libgit2-dev libcjson-dev libyaml-dev
	libcmocka-dev zlib1g-dev libcurl4-openssl-dev tmux strace python3 python3-pip r-base-core
)

# deputy_help_if_asked ARGS: with -h or --help first, prints the calling
# script's opening comment (its usage) and exits, before anything is
# installed or built.
deputy_help_if_asked() {
	case ${1:-} in
	-h | --help)
		sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0" | sed '/shellcheck/d'
		exit 0
		;;
	esac
}

deputy_root() {
	cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

deputy_install_packages() {
	local missing=() p
	for p in "${DEPUTY_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "deputy needs these Debian packages: ${missing[*]}" >&2
		echo "install them with:  sudo apt-get install -y ${missing[*]}" >&2
		exit 2
	fi
	echo "installing: ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || { echo "apt-get update failed" >&2; exit 2; }
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
		{ echo "apt-get install failed" >&2; exit 2; }
}

# deputy_build DIR [MESON OPTIONS...]: configure once, then compile.
deputy_build() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >&2 || { echo "meson setup $dir failed" >&2; exit 2; }
	fi
	ninja -C "$dir" >&2 || { echo "the build in $dir failed" >&2; exit 2; }
}
