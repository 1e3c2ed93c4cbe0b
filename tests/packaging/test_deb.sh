#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_deb.sh - on the host: `make deb` (packaging/deb.sh) builds pymm-dkms
# and pymmctl, and they hold what docs/packaging.md says:
#   - both at version PYMM_MODULE_VERSION;
#   - pymm-dkms: Architecture all, Depends on dkms, Recommends the kernel
#     headers metapackage; /usr/src/pymm-V holds exactly what
#     `make install-dkms` stages (dkms.conf, Kbuild, module sources);
#     <linux/pymm.h>; the modules-load.d and modprobe.d snippets, conffiles,
#     commented out; the maintainer scripts run dkms for pymm/V;
#   - pymmctl: /usr/bin/pymmctl (hardened: RELRO, BIND_NOW), pymmctl(8),
#     the bash completion; Depends on libnl-genl-3 and libnl-3;
#   - lintian with --fail-on error,warning passes (tags shown: pedantic up);
#   - the working tree is left as it was (git status unchanged).
# Installing them is tests/packaging/test_deb_vm.sh's (the VM).
# Output: a TAP line per check (tests/packaging/lib.sh).  Exit 0 pass, 1 fail.
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
. tests/packaging/lib.sh

VER=$(module_version)
BUILD=${BUILD:-$(pwd)/build}
OUT=$BUILD/deb
T=$(mktemp -d "${TMPDIR:-/tmp}/pymm-deb.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
for t in dpkg-buildpackage dh_dkms lintian; do
	command -v $t >/dev/null || { skip "make deb" "no $t (scripts/deps.sh)"; exit 0; }
done

git_status() { git status --porcelain --untracked-files=all 2>/dev/null; }
git_status >"$T/git.before"
t0=$SECONDS
if BUILD=$BUILD PYMM_DEB_LINTIAN=0 packaging/deb.sh >"$T/log" 2>&1; then
	ok "make deb: dpkg-buildpackage built pymm $VER in $((SECONDS - t0)) s"
else
	sed 's/^/# /' "$T/log"; bad "make deb"; exit 1
fi
git_status >"$T/git.after"
cmp -s "$T/git.before" "$T/git.after" && ok "the working tree is as it was (outputs in ${OUT#$(pwd)/})" ||
	{ diff "$T/git.before" "$T/git.after" | sed 's/^/# /'; bad "make deb changed the working tree"; }

DKMS_DEB=$OUT/pymm-dkms_${VER}_all.deb
CTL_DEB=$(ls "$OUT"/pymmctl_"$VER"_*.deb 2>/dev/null | head -n 1)
CHANGES=$(ls "$OUT"/pymm_"$VER"_*.changes 2>/dev/null | head -n 1)
[[ -f $DKMS_DEB && -f $CTL_DEB && -f $CHANGES ]] && ok "pymm-dkms, pymmctl and the .changes for $VER" ||
	{ bad "packages for $VER missing in $OUT"; exit 1; }
field() { dpkg-deb -f "$1" "$2"; }
# the files of a .deb, without "./" and without directories
contents() { dpkg-deb -c "$1" | awk '{ f = substr($6, 3); if (f != "" && f !~ /\/$/) print f }' | sort; }

# ---- pymm-dkms
[[ $(field "$DKMS_DEB" Version) == "$VER" && $(field "$DKMS_DEB" Architecture) == all ]] &&
	ok "pymm-dkms: Version $VER, Architecture all" || bad "pymm-dkms: Version/Architecture"
[[ $(field "$DKMS_DEB" Depends) =~ (^|, )dkms ]] && ok "pymm-dkms Depends: $(field "$DKMS_DEB" Depends)" ||
	bad "pymm-dkms does not depend on dkms"
[[ $(field "$DKMS_DEB" Recommends) == *linux-headers-amd64* ]] &&
	ok "pymm-dkms Recommends: $(field "$DKMS_DEB" Recommends)" || bad "pymm-dkms does not recommend the headers"
pkg_make DESTDIR="$T/stage" install-dkms >/dev/null 2>&1 || bad "make install-dkms DESTDIR"
(cd "$T/stage" && find . -type f | sed 's|^\./||' | sort) >"$T/want"
contents "$DKMS_DEB" | grep '^usr/src/' >"$T/got"
cmp -s "$T/want" "$T/got" && ok "pymm-dkms: /usr/src/pymm-$VER is what make install-dkms stages ($(wc -l <"$T/got") files)" ||
	{ diff "$T/want" "$T/got" | sed 's/^/# /'; bad "pymm-dkms: /usr/src differs from make install-dkms"; }
contents "$DKMS_DEB" >"$T/dkms.files"
for f in usr/include/linux/pymm.h etc/modules-load.d/pymm.conf etc/modprobe.d/pymm.conf \
	 "usr/src/pymm-$VER/dkms.conf"; do
	grep -qx "$f" "$T/dkms.files" && ok "pymm-dkms has /$f" || bad "pymm-dkms lacks /$f"
done
dpkg-deb -e "$DKMS_DEB" "$T/dkms.ctl"
[[ $(sort "$T/dkms.ctl/conffiles" 2>/dev/null | tr '\n' ' ') == "/etc/modprobe.d/pymm.conf /etc/modules-load.d/pymm.conf " ]] &&
	ok "pymm-dkms conffiles: the two snippets" || bad "pymm-dkms conffiles: $(cat "$T/dkms.ctl/conffiles" 2>/dev/null)"
dpkg-deb --fsys-tarfile "$DKMS_DEB" | tar -x -C "$T" ./etc
! grep -qv '^[[:space:]]*\(#\|$\)' "$T/etc/modules-load.d/pymm.conf" "$T/etc/modprobe.d/pymm.conf" &&
	ok "the snippets are off: every line a comment" || bad "a snippet has an active line"
grep -q "^DKMS_NAME=pymm$" "$T/dkms.ctl/postinst" && grep -q "^DKMS_VERSION=$VER$" "$T/dkms.ctl/postinst" &&
	grep -q common.postinst "$T/dkms.ctl/postinst" && grep -q 'dkms remove' "$T/dkms.ctl/prerm" &&
	ok "postinst adds/builds/installs pymm/$VER through dkms, prerm removes it" ||
	bad "maintainer scripts do not drive dkms for pymm/$VER"

# ---- pymmctl
[[ $(field "$CTL_DEB" Version) == "$VER" ]] && ok "pymmctl: Version $VER" || bad "pymmctl: Version"
deps=$(field "$CTL_DEB" Depends)
[[ $deps == *libnl-genl-3-200* && $deps == *libnl-3-200* ]] && ok "pymmctl Depends: $deps" ||
	bad "pymmctl Depends lacks libnl: $deps"
contents "$CTL_DEB" | grep -v '^usr/share/doc/' >"$T/got"
printf '%s\n' usr/bin/pymmctl usr/share/bash-completion/completions/pymmctl \
	usr/share/man/man8/pymmctl.8.gz | sort >"$T/want"
cmp -s "$T/want" "$T/got" && ok "pymmctl: /usr/bin/pymmctl, pymmctl(8), the completion, nothing else" ||
	{ diff "$T/want" "$T/got" | sed 's/^/# /'; bad "pymmctl's files"; }
dpkg-deb -x "$CTL_DEB" "$T/ctl"
if readelf -d "$T/ctl/usr/bin/pymmctl" | grep -q 'BIND_NOW' &&
   readelf -lW "$T/ctl/usr/bin/pymmctl" | grep -q GNU_RELRO; then
	ok "pymmctl is built with dpkg's hardening flags (RELRO, BIND_NOW)"
else
	bad "pymmctl lacks RELRO/BIND_NOW: dpkg-buildflags not applied"
fi
"$T/ctl/usr/bin/pymmctl" --help >/dev/null 2>&1 && ok "the packaged pymmctl runs (--help)" ||
	bad "the packaged pymmctl --help"

# ---- lintian
if lintian --fail-on error,warning --display-info --pedantic --show-overrides \
	"$CHANGES" >"$T/lintian" 2>&1; then
	ok "lintian --fail-on error,warning: clean ($(grep -c '^[EWIPO]: ' "$T/lintian") tags shown)"
else
	bad "lintian"
fi
grep -E '^[EWIPXO]: ' "$T/lintian" | sed 's/^/# lintian: /'

echo "test_deb: $fails failure(s)"
((fails == 0))
