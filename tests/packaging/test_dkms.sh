#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_dkms.sh - on the host: dkms.conf is sane and DKMS can build the module
# from what `make install-dkms` installs.
#   1. dkms.conf, sourced as DKMS sources it: PACKAGE_NAME=pymm,
#      PACKAGE_VERSION = PYMM_MODULE_VERSION, BUILT_MODULE_NAME[0]=pymm,
#      DEST_MODULE_LOCATION[0] under /kernel, /updates or /extra,
#      AUTOINSTALL=yes, MAKE[0] builds against ${kernel_source_dir}.
#   2. `make install-dkms DESTDIR=...` installs dkms.conf, Kbuild and every
#      module source; nothing from user space.
#   3. That tree alone builds pymm.ko with the MAKE[0] line (no dkms needed).
#   4. If dkms(8) is installed: `dkms add` + `dkms build` for the newest
#      installed kernel, with --sourcetree/--dkmstree in a temp dir (nothing
#      under /var/lib/dkms or /usr/src is touched, except that dkms creates
#      its module-signing key /var/lib/dkms/mok.key the first time).
# Output: a TAP line per check (tests/packaging/lib.sh); no dkms(8) makes
# step 4 a SKIP.  Exit 0 pass, 1 fail.
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
. tests/packaging/lib.sh

KVER=$(kver)
VER=$(module_version)
T=$(mktemp -d "${TMPDIR:-/tmp}/pymm-dkms.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
[[ -n $KVER && -d /lib/modules/$KVER/build ]] || { skip "dkms" "no kernel headers (scripts/deps.sh)"; exit 0; }

# ---- 1. dkms.conf as DKMS reads it (a bash fragment, variables expanded at use)
eval "$(
	kernelver=$KVER kernel_source_dir=/lib/modules/$KVER/build dkms_tree=/DKMS
	. ./dkms.conf
	declare -p PACKAGE_NAME PACKAGE_VERSION BUILT_MODULE_NAME DEST_MODULE_LOCATION \
		MAKE AUTOINSTALL 2>/dev/null
	printf 'BML=%q\n' "${BUILT_MODULE_LOCATION[0]:-}"
)"
[[ ${PACKAGE_NAME:-} == pymm ]] && ok "PACKAGE_NAME=pymm" || bad "PACKAGE_NAME=${PACKAGE_NAME:-}"
[[ -n $VER && ${PACKAGE_VERSION:-} == "$VER" ]] && ok "PACKAGE_VERSION=$VER = PYMM_MODULE_VERSION" ||
	bad "PACKAGE_VERSION=${PACKAGE_VERSION:-} but PYMM_MODULE_VERSION=$VER"
[[ ${BUILT_MODULE_NAME[0]:-} == pymm ]] && ok "BUILT_MODULE_NAME[0]=pymm" || bad "BUILT_MODULE_NAME[0]"
[[ ${DEST_MODULE_LOCATION[0]:-} =~ ^/(kernel|updates|extra)(/|$) ]] &&
	ok "DEST_MODULE_LOCATION[0]=${DEST_MODULE_LOCATION[0]}" || bad "DEST_MODULE_LOCATION[0]=${DEST_MODULE_LOCATION[0]:-}"
[[ ${AUTOINSTALL:-} == yes ]] && ok "AUTOINSTALL=yes" || bad "AUTOINSTALL=${AUTOINSTALL:-}"
[[ ${MAKE[0]:-} == *"-C /lib/modules/$KVER/build M=/DKMS/pymm/$VER/build modules"* ]] &&
	ok "MAKE[0] builds the module against \${kernel_source_dir}: ${MAKE[0]}" || bad "MAKE[0]=${MAKE[0]:-}"
grep -q "PYMM_MODULE_VERSION" module/kernel/main.c && grep -q "MODULE_VERSION(PYMM_MODULE_VERSION)" module/kernel/main.c &&
	ok "the module's MODULE_VERSION is PYMM_MODULE_VERSION" || bad "MODULE_VERSION in main.c is not PYMM_MODULE_VERSION"

# ---- 2. the source tree DKMS gets
pkg_make DESTDIR="$T/root" install-dkms >"$T/log" 2>&1 || { sed 's/^/# /' "$T/log"; bad "make install-dkms"; }
src=$T/root/usr/src/pymm-$VER
[[ -f $src/dkms.conf && -f $src/Kbuild ]] && ok "install-dkms: /usr/src/pymm-$VER has dkms.conf and Kbuild" ||
	bad "install-dkms: no dkms.conf/Kbuild in $src"
missing=
for f in module/uapi/*.h module/core/*.[ch] module/core/types/*.[ch] module/kernel/*.[ch]; do
	[[ $f == module/core/platform_user.c ]] && continue
	[[ -f $src/$f ]] || missing+=" $f"
done
[[ -z $missing ]] && ok "install-dkms: every module source is there" || bad "install-dkms lacks:$missing"
[[ -z $(cd "$src" && find . -path ./module -prune -o -type f -print | grep -vxE '\./(Kbuild|dkms\.conf)') &&
   ! -e $src/userspace ]] && ok "install-dkms: nothing but the module" || bad "install-dkms installs more than the module"

# ---- 3. that tree alone builds, with dkms.conf's own MAKE line
mkdir -p "$T/DKMS/pymm/$VER" && cp -r "$src" "$T/DKMS/pymm/$VER/build"
make_line=$(kernelver=$KVER kernel_source_dir=/lib/modules/$KVER/build dkms_tree=$T/DKMS
	    . "$src/dkms.conf"; echo "${MAKE[0]}")
echo "# $make_line"
if (cd "$T/DKMS/pymm/$VER/build" && eval "$make_line -j2") >"$T/build.log" 2>&1 &&
   [[ -f $T/DKMS/pymm/$VER/build/${BML:-.}/pymm.ko ]]; then
	w=$(grep -c 'warning:' "$T/build.log")
	((w == 0)) && ok "MAKE[0] on the installed sources builds pymm.ko, no warnings" ||
		bad "MAKE[0] build has $w warnings"
else
	tail -20 "$T/build.log" | sed 's/^/# /'; bad "MAKE[0] on the installed sources failed"
fi

# ---- 4. dkms itself
if command -v dkms >/dev/null; then
	args=(-m pymm -v "$VER" --sourcetree "$T/root/usr/src" --dkmstree "$T/tree")
	mkdir -p "$T/tree"
	if dkms add "${args[@]}" >"$T/dkms.log" 2>&1 &&
	   dkms build "${args[@]}" -k "$KVER" >>"$T/dkms.log" 2>&1; then
		ko=$(find "$T/tree/pymm/$VER/$KVER" -name pymm.ko | head -1)
		if [[ -n $ko ]] && /sbin/modinfo -F vermagic "$ko" | grep -q "^$KVER "; then
			ok "dkms add + build for $KVER: $(basename "$(dirname "$ko")")/pymm.ko, vermagic $KVER"
		else
			bad "dkms build produced no pymm.ko for $KVER"
		fi
		dkms status "${args[@]}" 2>/dev/null | sed 's/^/# dkms status: /'
	else
		tail -20 "$T/dkms.log" | sed 's/^/# /'; bad "dkms add/build"
	fi
else
	skip "dkms add + build" "no dkms (apt-get install dkms)"
fi

echo "test_dkms: $fails failure(s)"
((fails == 0))
