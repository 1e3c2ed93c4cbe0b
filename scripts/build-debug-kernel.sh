#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/build-debug-kernel.sh - build (once) the debug kernel that
# `tests/vm/run --kernel debug` boots, and print its cache directory.
#
# Source: Debian's linux-source-6.12 package (/usr/src/linux-source-6.12.tar.xz;
# scripts/deps.sh --kernels installs it).  Config: `make tinyconfig` plus
# tests/vm/kernels/debug.config (KASAN, lockdep, kmemleak, UBSAN, ... and
# what the VM harness and pymm.ko need).  The result is cached outside the
# checkout in $PYMM_KERNEL_CACHE (default /var/cache/pymm/kernels) under
#     debug-<key>/   key = sha256(config fragment, source package version,
#                              this script's recipe version)
# holding bzImage, the build directory obj/ (for out-of-tree module builds:
# make -C obj M=...), kernelrelease, config and build-seconds (the measured
# first build).  A second run finds the directory and costs nothing.
#
# usage: scripts/build-debug-kernel.sh [--quiet] [--jobs N]
#   stdout: the cache directory (one line); progress and build log on stderr
#   --quiet  the kernel build's output goes to DIR/build.log only
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
FRAGMENT=$REPO/tests/vm/kernels/debug.config
CACHE=${PYMM_KERNEL_CACHE:-/var/cache/pymm/kernels}
SRCPKG=linux-source-6.12
TARBALL=/usr/src/$SRCPKG.tar.xz
RECIPE=1	# bump when the steps below change what is built
JOBS=2
QUIET=0

while (($#)); do
	case $1 in
	--quiet) QUIET=1; shift ;;
	--jobs) JOBS=$2; shift 2 ;;
	-h|--help) sed -n '3,21p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "build-debug-kernel: unknown option $1" >&2; exit 2 ;;
	esac
done

die() { echo "build-debug-kernel: $*" >&2; exit 1; }
say() { echo "build-debug-kernel: $*" >&2; }

[[ -r $FRAGMENT ]] || die "$FRAGMENT missing"
[[ -r $TARBALL ]] || die "$TARBALL missing: run scripts/deps.sh --kernels (apt-get install $SRCPKG)"
srcver=$(dpkg-query -W -f='${Version}' "$SRCPKG" 2>/dev/null) ||
	die "$SRCPKG is not installed (scripts/deps.sh --kernels)"
for t in make gcc flex bison bc cpio; do
	command -v "$t" >/dev/null || die "$t missing (scripts/deps.sh --kernels)"
done
[[ -r /usr/include/libelf.h ]] || die "libelf-dev missing (scripts/deps.sh --kernels)"
[[ -r /usr/include/openssl/ssl.h ]] || die "libssl-dev missing (scripts/deps.sh --kernels)"

key=$( {
	echo "recipe $RECIPE"
	echo "$SRCPKG $srcver"
	gcc --version | head -n 1
	cat "$FRAGMENT"
} | sha256sum | cut -c1-16)
srctag=${srcver//[^A-Za-z0-9.+-]/_}
SRC=$CACHE/src-$srctag
OUT=$CACHE/debug-$key

# Out-of-tree modules (pymm.ko) are linked against obj/Module.symvers.
# `make bzImage` writes only vmlinux.symvers (Module.symvers is modpost's
# output when modules are built, and then holds vmlinux's exports plus those
# of the in-tree modules, of which pymm uses none).  Copy it, also into a
# cached build made before this step existed (recipe 1 built without it).
ensure_symvers() {
	[[ -s $OUT/obj/Module.symvers ]] && return 0
	[[ -s $OUT/obj/vmlinux.symvers ]] || die "$OUT/obj/vmlinux.symvers missing: rebuild (rm -r $OUT)"
	cp "$OUT/obj/vmlinux.symvers" "$OUT/obj/Module.symvers.tmp.$$" &&
		mv -f "$OUT/obj/Module.symvers.tmp.$$" "$OUT/obj/Module.symvers"
}

mkdir -p "$CACHE" || die "cannot create $CACHE"
if [[ -s $OUT/bzImage && -s $OUT/kernelrelease ]]; then
	ensure_symvers
	echo "$OUT"
	exit 0
fi

# one builder at a time; the others wait and then find the result
exec 9>"$CACHE/.lock-debug-$key"
if ! flock -n 9; then
	say "another build of $OUT is running: waiting for it"
	flock 9
fi
if [[ -s $OUT/bzImage && -s $OUT/kernelrelease ]]; then
	ensure_symvers
	echo "$OUT"
	exit 0
fi

start=$SECONDS
if [[ ! -f $SRC/.pymm-unpacked ]]; then
	say "unpacking $TARBALL ($srcver) into $SRC"
	rm -rf "$SRC" "$SRC.tmp"
	mkdir -p "$SRC.tmp"
	tar -xf "$TARBALL" -C "$SRC.tmp" --strip-components=1
	touch "$SRC.tmp/.pymm-unpacked"
	mv "$SRC.tmp" "$SRC"
fi
unpack_s=$((SECONDS - start))

# Build in place: $OUT/obj must keep its path (its Makefile and .cmd files
# name it) for the out-of-tree module builds.  The result is complete once
# kernelrelease exists (written last); an interrupted build resumes.
rm -f "$OUT/kernelrelease" "$OUT/bzImage"
mkdir -p "$OUT/obj"
LOG=$OUT/build.log
touch "$LOG"
MK=(nice -n 19 make -C "$SRC" O="$OUT/obj" ARCH=x86_64)
run() {
	if ((QUIET)); then
		"$@" >>"$LOG" 2>&1 || { tail -n 40 "$LOG" >&2; die "failed: $* (log: $LOG)"; }
	else
		"$@" 2>&1 | tee -a "$LOG" >&2
		((PIPESTATUS[0] == 0)) || die "failed: $* (log: $LOG)"
	fi
}

resumed=
# the directory is keyed by the fragment: once configured, a resumed build
# keeps its .config (re-running tinyconfig would give the same one anyway)
if [[ -f $OUT/configured ]]; then
	say "resuming the build in $OUT"
	resumed=" (resumed: an earlier run was interrupted)"
else
	say "configuring: tinyconfig + $FRAGMENT"
	run "${MK[@]}" tinyconfig
	run env -C "$OUT/obj" "$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT/obj" \
		"$OUT/obj/.config" "$FRAGMENT"
	run "${MK[@]}" olddefconfig
	# every option the fragment asks for must have survived olddefconfig
	missing=0
	while IFS= read -r line; do
		case $line in
		CONFIG_*=n) want="# ${line%=n} is not set" ;;
		CONFIG_*=*) want=$line ;;
		*) continue ;;
		esac
		if ! grep -qxF -- "$want" "$OUT/obj/.config"; then
			if [[ $line == *=n ]] && ! grep -q "^${line%=n}=" "$OUT/obj/.config"; then
				continue	# absent counts as off
			fi
			say "config: '$line' did not survive (got: $(grep -E "${line%%=*}[= ]" \
				"$OUT/obj/.config" || echo absent))"
			missing=1
		fi
	done < "$FRAGMENT"
	((missing == 0)) || die "the config fragment does not apply to $srcver (see above)"
	touch "$OUT/configured"
fi

say "building bzImage and modules_prepare with nice -n 19 make -j$JOBS (log: $LOG)"
bstart=$SECONDS
run "${MK[@]}" -j"$JOBS" bzImage modules_prepare
build_s=$((SECONDS - bstart))

cp "$OUT/obj/arch/x86/boot/bzImage" "$OUT/bzImage"
ensure_symvers
cp "$OUT/obj/.config" "$OUT/config"
printf '%s\n' "$build_s" > "$OUT/build-seconds"
{
	echo "source: $SRCPKG $srcver"
	echo "gcc: $(gcc --version | head -n 1)"
	echo "unpack: ${unpack_s}s  build (bzImage + modules_prepare, -j$JOBS, nice 19): ${build_s}s$resumed"
	echo "built: $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs"
} > "$OUT/info"
"${MK[@]}" -s kernelrelease > "$OUT/kernelrelease.tmp" 2>/dev/null
mv -f "$OUT/kernelrelease.tmp" "$OUT/kernelrelease"
say "done in ${build_s}s: $OUT ($(cat "$OUT/kernelrelease"))"
echo "$OUT"
