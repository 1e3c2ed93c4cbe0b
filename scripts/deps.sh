#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deps.sh - install the Debian packages pymm needs, and only those missing.
#
# Idempotent and cheap: one dpkg-query call decides; apt-get (which needs the
# network and a minute) runs only when something is missing.  Works as root
# with no stdin (CI), or through sudo for a developer.
#
# Usage: scripts/deps.sh [-n|--check]   (-n: report what is missing, exit 1 if any)
set -euo pipefail

PKGS=(
	build-essential
	linux-image-amd64
	linux-headers-amd64
	qemu-system-x86
	busybox-static
	kmod
	cpio
	xz-utils
	libnl-3-dev
	libnl-genl-3-dev
	libnl-3-200
	sparse
	linux-source-6.1
	clang
	libclang-rt-14-dev
	valgrind
	graphviz
	python3.11-dev
	libmimalloc-dev
	libjemalloc-dev
	iproute2
	dkms
)

check_only=0
case "${1:-}" in
-n|--check) check_only=1 ;;
-h|--help) sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
"") ;;
*) echo "deps.sh: unknown option '$1'" >&2; exit 2 ;;
esac

# "ii" in db:Status-Abbrev = wanted install, installed.  Packages dpkg has
# never heard of are not printed at all, so compute missing = wanted - ok.
declare -A ok=()
while read -r name status; do
	[[ $status == ii* ]] && ok[$name]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${PKGS[@]}" 2>/dev/null || true)

missing=()
for p in "${PKGS[@]}"; do
	[[ -n ${ok[$p]:-} ]] || missing+=("$p")
done
# python3 may come from pyenv or similar: any python3 on PATH will do.
command -v python3 >/dev/null 2>&1 || missing+=(python3)

if ((${#missing[@]} == 0)); then
	exit 0
fi

echo "deps.sh: missing packages: ${missing[*]}" >&2
((check_only)) && exit 1

if ((EUID == 0)); then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	echo "deps.sh: not root and sudo is not available; as root run:" >&2
	echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update </dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
