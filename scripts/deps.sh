#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deps.sh - install the Debian packages pymm needs, and only those missing.
#
# Idempotent and cheap: one dpkg-query call decides; apt-get (which needs the
# network and a minute) runs only when something is missing.  Works as root
# with no stdin (CI), or through sudo for a developer.
#
# Usage: scripts/deps.sh [-n|--check] [--kernels]
#   -n: report what is missing, exit 1 if any; --kernels: also what
#   `make check-kernels` needs (the debug kernel's source and build tools)
set -euo pipefail

# Every package a stage of `make demo` / `make check` runs something from,
# beyond a minimal Debian 12 (debootstrap minbase: coreutils, util-linux's
# setpriv, mawk, sed, grep, findutils, perl-base ...).  scripts/check-fresh.sh
# proves the list on such a root; keep it in step with what the stages use.
PKGS=(
	build-essential		# every C build (gcc, make, libc headers, perl)
	linux-image-amd64	# the kernel tests/vm/run boots
	linux-headers-amd64	# pymm.ko, pymm_bench.ko, DKMS (make module)
	qemu-system-x86		# tests/vm/run
	busybox-static		# tests/vm/run: the initramfs
	kmod			# modinfo, depmod (packaging), insmod in the VM
	cpio			# tests/vm/run: the initramfs
	xz-utils		# .ko.xz modules, linux-source's tarball
	libnl-3-dev		# pymmctl's netlink transport, fuzz, bench
	libnl-genl-3-dev
	libnl-3-200
	sparse			# static: W=1 C=2
	linux-source-6.1	# static: checkpatch.pl; selftests: kselftest headers
	clang			# unit (ASan/UBSan), parity-local's pymmctl-san, fuzz
	libclang-rt-14-dev	# fuzz: libFuzzer
	valgrind		# make unit-valgrind
	graphviz		# vm-check: pictures.sh renders DOT
	python3			# Debian's /usr/bin/python3: the parity oracle, the VM's scripts
	python3.11-dev		# bench: CPython embedded for the comparison
	libmimalloc-dev		# bench: the allocators compared
	libjemalloc-dev
	iproute2		# vm-check: genl ctrl (genl_ctrl.sh), demo
	dkms			# packaging: dkms add/build
	man-db			# packaging: man -l renders pymmctl(8)
	groff-base		# packaging: groff -man -ww
	debhelper		# make deb: dh, debhelper-compat 13 (dpkg-dev via build-essential)
	dh-dkms			# make deb: dh_dkms (the dh-sequence-dkms addon)
	pkgconf			# make deb: a Build-Depends (libnl's flags for pymmctl)
	lintian			# make deb: the packages are checked
)

# `make check-kernels` only (--kernels): building the debug kernel from
# Debian's 6.12 source (scripts/build-debug-kernel.sh).  Debian's 6.12 and rt
# images and headers are not installed but unpacked into a cache by
# scripts/vm-kernel.sh (installing them would change the default kernel).
KERNEL_PKGS=(
	linux-source-6.12	# the debug kernel's source
	flex			# kconfig, dtc, genksyms
	bison
	bc			# kernel/time/timeconst.h
	libelf-dev		# objtool
	libssl-dev		# certs/, scripts/sign-file
	dwarves			# pahole: Debian's 6.12 and rt have BTF, so
				# modpost's last step runs it on pymm.ko
)

check_only=0
while (($#)); do
	case $1 in
	-n|--check) check_only=1 ;;
	--kernels) PKGS+=("${KERNEL_PKGS[@]}") ;;
	-h|--help) sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "deps.sh: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done

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
