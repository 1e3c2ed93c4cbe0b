#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/vm-kernel.sh - the kernels `tests/vm/run --kernel NAME` boots
# besides the stock one, and pymm.ko built for each.
#
#   6.12   Debian 12's linux-image-6.12 (bookworm-security/backports build),
#          flavour amd64: the 6.12 code paths (shrinker_alloc() ...)
#   rt     Debian 12's linux-image-6.12-rt-amd64: PREEMPT_RT, where spinlocks
#          sleep, timers run in threads and mutexes are rtmutexes
#   debug  tinyconfig + tests/vm/kernels/debug.config on Debian's
#          linux-source-6.12 (KASAN, lockdep, kmemleak, UBSAN, ...), built
#          by scripts/build-debug-kernel.sh
#
# Debian's images and headers are unpacked (never installed: /boot, the boot
# loader and /lib/modules are left alone) into $PYMM_KERNEL_CACHE (default
# /var/cache/pymm/kernels) under deb-KVER/, the modules depmod'ed there.
#
# usage:
#   scripts/vm-kernel.sh info NAME     fetch/build what is missing, then print
#                                      shell assignments: KIMAGE= KRELEASE=
#                                      KMODROOT= (modules root, empty: all
#                                      built in) KBUILD= (dir for make -C)
#   scripts/vm-kernel.sh module NAME   build pymm.ko for NAME out of tree in
#                                      $BUILD/kernels/NAME and print its path
#                                      (PYMM_GCOV=1: with gcov counters, in
#                                      $BUILD/kernels/NAME-gcov)
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
BUILD=${BUILD:-$REPO/build}
CACHE=${PYMM_KERNEL_CACHE:-/var/cache/pymm/kernels}
export PATH="$PATH:/usr/sbin:/sbin"

die() { echo "vm-kernel: $*" >&2; exit 1; }
say() { echo "vm-kernel: $*" >&2; }

# Debian's kernels: NAME -> the image meta package whose dependency names
# the exact release at the archive's candidate version.
deb_meta() {
	case $1 in
	6.12) echo linux-image-6.12-amd64 ;;
	rt) echo linux-image-6.12-rt-amd64 ;;
	*) return 1 ;;
	esac
}

# the packages NAME's Depends names (first alternative), one a line
pkg_depends() {
	apt-cache show --no-all-versions "$1" 2>/dev/null | sed -n 's/^Depends: //p' |
		tr ',' '\n' | sed 's/|.*//; s/(.*//; s/ //g' | grep -v '^$'
}

# Print KIMAGE/KRELEASE/KMODROOT/KBUILD for a Debian kernel, unpacked once
# into $CACHE/deb-KVER: the image (boot/, lib/modules/), its headers, their
# -common part and linux-kbuild.  Nothing is installed: installing
# linux-headers-6.12 would pull in the image, and a newer kernel in /boot
# and /lib/modules changes the default of every build and VM run here.
deb_info() {
	local meta=$1 kver ver dir tmp p pkgs mk
	kver=$(pkg_depends "$meta" | sed -n 's/^linux-image-//p' | head -n 1)
	[[ -n $kver ]] || die "apt-cache knows no $meta (apt-get update? Debian 12 security archive?)"
	ver=$(apt-cache show --no-all-versions "linux-image-$kver" | sed -n 's/^Version: //p' | head -n 1)
	dir=$CACHE/deb-$kver
	if [[ ! -f $dir/.ready ]]; then
		mkdir -p "$CACHE"
		exec 8>"$CACHE/.lock-deb-$kver"
		flock 8
		if [[ ! -f $dir/.ready ]]; then
			pkgs=("linux-image-$kver" "linux-headers-$kver")
			for p in $(pkg_depends "linux-headers-$kver"); do
				case $p in
				linux-headers-*-common*|linux-kbuild-*) pkgs+=("$p") ;;
				esac
			done
			say "fetching ${pkgs[*]} ($ver) into $dir"
			tmp=$(mktemp -d "$CACHE/deb.XXXXXX")
			# apt's sandbox user cannot write root's directories: download as root
			(cd "$tmp" && apt-get -q -o APT::Sandbox::User=root download "${pkgs[@]}" >&2) ||
				{ rm -rf "$tmp"; die "apt-get download ${pkgs[*]} failed"; }
			rm -rf "$dir"
			mkdir -p "$dir"
			for p in "$tmp"/*.deb; do
				dpkg-deb -x "$p" "$dir" || die "dpkg-deb -x $p failed"
			done
			rm -rf "$tmp"
			[[ -r $dir/boot/vmlinuz-$kver ]] || die "no vmlinuz-$kver in the package"
			depmod -b "$dir" "$kver" || die "depmod -b $dir $kver failed"
			# the headers' Makefile includes the -common tree by absolute path
			mk=$dir/usr/src/linux-headers-$kver/Makefile
			sed -i "s|^include /usr/src/|include $dir/usr/src/|" "$mk"
			grep -q "^include $dir/" "$mk" || die "unexpected $mk"
			echo "$ver" > "$dir/.ready"
		fi
		exec 8>&-
	fi
	echo "KIMAGE=$dir/boot/vmlinuz-$kver"
	echo "KRELEASE=$kver"
	echo "KMODROOT=$dir"
	echo "KBUILD=$dir/usr/src/linux-headers-$kver"
}

info() {
	local name=$1 meta dir
	if [[ $name == debug ]]; then
		dir=$("$REPO/scripts/build-debug-kernel.sh" --quiet) || exit 1
		echo "KIMAGE=$dir/bzImage"
		echo "KRELEASE=$(cat "$dir/kernelrelease")"
		echo "KMODROOT="
		echo "KBUILD=$dir/obj"
	elif meta=$(deb_meta "$name"); then
		deb_info "$meta"
	else
		die "unknown kernel '$name' (stock, 6.12, rt, debug)"
	fi
}

# pymm.ko for NAME: the module's sources are mirrored into
# $BUILD/kernels/NAME/src (kbuild puts objects beside the sources, so the
# stock build in the checkout and this one must not share a tree); mtimes
# are kept, so make rebuilds only what changed.
module() {
	local name=$1 src f extra=()
	eval "$(info "$name")"
	src=$BUILD/kernels/$name/src
	# PYMM_GCOV=1: pymm.ko with gcov counters (Kbuild's GCOV_PROFILE; the
	# kernel needs GCOV_KERNEL), in a tree of its own
	if [[ -n ${PYMM_GCOV:-} ]]; then
		src=$BUILD/kernels/$name-gcov/src
		extra+=(PYMM_GCOV=1)
	fi
	mkdir -p "$src"
	(cd "$REPO" && find Kbuild module -type f \( -name '*.[ch]' -o -name Kbuild \)) |
		LC_ALL=C sort > "$src/.files.new"
	while IFS= read -r f; do
		if ! cmp -s "$REPO/$f" "$src/$f"; then
			mkdir -p "$src/$(dirname "$f")"
			cp -p "$REPO/$f" "$src/$f"
		fi
	done < "$src/.files.new"
	# sources gone from the checkout leave the mirror too (Kbuild globs)
	(cd "$src" && find Kbuild module -type f \( -name '*.[ch]' -o -name Kbuild \) 2>/dev/null) |
		LC_ALL=C sort | comm -23 - "$src/.files.new" | while IFS= read -r f; do
			rm -f "$src/$f" "$src/${f%.c}.o"
		done
	mv -f "$src/.files.new" "$src/.files"
	# debug: -g so a report's pymm frames map to file:line
	# (scripts/faddr2line $BUILD/kernels/debug/src/pymm.ko func+0x1a/0x40)
	[[ $name == debug ]] && extra+=(KCFLAGS=-g)
	make -s -C "$KBUILD" M="$src" "${extra[@]}" modules >&2 ||
		die "pymm.ko does not build against $KBUILD"
	echo "$src/pymm.ko"
}

(($# == 2)) || { sed -n '3,29p' "$SELF" | sed 's/^# \{0,1\}//' >&2; exit 2; }
case $1 in
info) info "$2" ;;
module) module "$2" ;;
*) die "unknown command '$1'" ;;
esac
