#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_kernels.sh - on the host: pymm.ko builds with no warnings (W=1) against
# the newest headers of every kernel series and flavour Debian offers here
# (apt-cache: linux-headers-<ver>-{amd64,cloud-amd64,rt-amd64}).  The
# headers are fetched with `apt-get download` (about 20 MB in all) and
# unpacked with dpkg -x into $BUILD/kernels: nothing is installed, nothing
# outside the build tree changes (and the unpacked headers are removed after
# each build unless PYMM_KERNELS_KEEP=1).  Each build runs on a scratch copy
# of Kbuild and module/.  Opt-in (network): PYMM_KERNELS=1 or -f; a list of
# package names as arguments restricts it.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
. tests/packaging/lib.sh
[[ ${PYMM_KERNELS:-0} == 1 || ${1:-} == -f ]] || { echo "SKIP: set PYMM_KERNELS=1 (downloads headers)"; exit 4; }
[[ ${1:-} == -f ]] && shift
command -v apt-get >/dev/null || { echo "SKIP: no apt-get"; exit 4; }
CACHE=$(readlink -f "${BUILD:-build}")/kernels
mkdir -p "$CACHE"

if (($#)); then
	pkgs=("$@")
else
	# newest ABI of each series x flavour, e.g. 6.1 amd64, 6.1 rt, 6.12 cloud
	mapfile -t pkgs < <(apt-cache search --names-only '^linux-headers-[0-9]' |
		awk '{ print $1 }' | grep -E -- '-(amd64|cloud-amd64|rt-amd64)$' | sort -V |
		awk '{ n = $1; sub(/^linux-headers-/, "", n); split(n, v, /[.-]/)
		       f = n ~ /-cloud-amd64$/ ? "cloud" : n ~ /-rt-amd64$/ ? "rt" : "amd64"
		       last[v[1] "." v[2] " " f] = $1 }
		     END { for (k in last) print last[k] }' | sort -V)
fi
((${#pkgs[@]})) || { echo "SKIP: apt-cache offers no linux-headers"; exit 4; }
echo "# Debian offers headers for: ${pkgs[*]}"

for pkg in "${pkgs[@]}"; do
	root=$CACHE/$pkg
	kdir=$root/usr/src/${pkg}
	if [[ ! -f $kdir/.config ]]; then
		# the flavour's headers, their -common part and the kbuild tools
		deps=$(apt-cache depends "$pkg" 2>/dev/null | awk '/Depends: linux-(headers|kbuild)/ { print $2 }')
		mkdir -p "$root/debs"
		(cd "$root/debs" && apt-get download "$pkg" $deps >/dev/null 2>&1) ||
			{ bad "$pkg: apt-get download failed"; continue; }
		for d in "$root"/debs/*.deb; do dpkg -x "$d" "$root"; done
		# their Makefiles include the -common tree by absolute path
		sed -i "s|include /usr/src/|include $root/usr/src/|" "$kdir/Makefile"
	fi
	src=$CACHE/src-$pkg
	rm -rf "$src"; mkdir -p "$src"
	cp -r Kbuild module "$src"/
	find "$src" \( -name '*.o' -o -name '.*.cmd' -o -name '*.mod' -o -name '*.mod.c' \) -delete
	# BTF needs pahole and the kernel's vmlinux: not what this checks
	if make -k -C "$kdir" M="$src" W=1 CONFIG_DEBUG_INFO_BTF_MODULES= modules \
	     >"$CACHE/$pkg.log" 2>&1 && [[ -f $src/pymm.ko ]]; then
		w=$(grep -c 'warning:' "$CACHE/$pkg.log")
		((w == 0)) && ok "$pkg: builds, no warnings (W=1)" ||
			{ bad "$pkg: $w warnings"; grep 'warning:' "$CACHE/$pkg.log" | head -5; }
	else
		bad "$pkg: build failed ($CACHE/$pkg.log)"
		grep -E 'error:' "$CACHE/$pkg.log" | sort -u | head -8
	fi
	rm -rf "$src"
	# ~100 MB unpacked per kernel: kept only on request
	[[ ${PYMM_KERNELS_KEEP:-0} == 1 ]] || rm -rf "$root"
done
echo "test_kernels: $fails failure(s) in ${#pkgs[@]} kernels"
((fails == 0))
