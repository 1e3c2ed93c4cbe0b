#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging/deb.sh - `make deb`: the Debian packages pymm-dkms and pymmctl,
# built by Debian's own tooling (dpkg-buildpackage, debhelper 13, dh_dkms),
# then checked by lintian.
#
# The tree (tracked and untracked-but-not-ignored files, as they are in the
# working copy) is copied to $BUILD/deb/pymm-VERSION; debian/changelog is
# written there with VERSION = PYMM_MODULE_VERSION (module/kernel/pymm_kernel.h,
# the one place the version lives; dkms.conf must agree, checked here);
# dpkg-buildpackage -b leaves the .deb files, .buildinfo and .changes in
# $BUILD/deb.  Nothing is written outside $BUILD.
#
# Lintian runs on the .changes with --fail-on error,warning and shows
# info and pedantic tags too; debian/*.lintian-overrides holds the tags
# that stay, each with its reason (docs/packaging.md lists them).
#
# usage: packaging/deb.sh            (BUILD from the environment, default ./build)
#        PYMM_DEB_LINTIAN=0 packaging/deb.sh    skip lintian
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$REPO"
BUILD=${BUILD:-$REPO/build}
OUT=$BUILD/deb

die() { echo "deb: $*" >&2; exit 1; }

VERSION=$(sed -n 's/^#define[[:space:]]*PYMM_MODULE_VERSION[[:space:]]*"\(.*\)"/\1/p' \
	module/kernel/pymm_kernel.h)
[[ $VERSION =~ ^[0-9][0-9A-Za-z.+~]*$ ]] ||
	die "PYMM_MODULE_VERSION '$VERSION' in module/kernel/pymm_kernel.h is no Debian native version"
conf_version=$(set +u; PACKAGE_VERSION=; . ./dkms.conf; echo "$PACKAGE_VERSION")
[[ $conf_version == "$VERSION" ]] ||
	die "dkms.conf says PACKAGE_VERSION=$conf_version, pymm_kernel.h $VERSION: bump both"
for t in dpkg-buildpackage dh dh_dkms; do
	command -v "$t" >/dev/null || die "$t missing: run scripts/deps.sh"
done

SRC=$OUT/pymm-$VERSION
mkdir -p "$OUT"
rm -rf "$SRC"
rm -f "$OUT"/pymm*_"$VERSION"_*.{deb,ddeb,buildinfo,changes}
mkdir -p "$SRC"

# the working copy's files, never build outputs or other ignored files
if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [[ -e $f ]] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -xf - -C "$SRC"
	stamp=$(git log -1 --format=%aD 2>/dev/null || date -R)
	what="the tree at $(git describe --always --dirty 2>/dev/null || echo '?')"
else
	tar --exclude=./build --exclude='*.o' --exclude='*.ko' -cf - . | tar -xf - -C "$SRC"
	stamp=$(date -R)
	what="an unpacked tree"
fi

cat > "$SRC/debian/changelog" <<EOT
pymm ($VERSION) unstable; urgency=medium

  * pymm $VERSION (PYMM_MODULE_VERSION), built by make deb from
    $what.

 -- $(sed -n 's/^Maintainer: //p' debian/control)  $stamp
EOT

echo "deb: building pymm $VERSION in $SRC"
t0=$SECONDS
(cd "$SRC" && dpkg-buildpackage -b -us -uc) >"$OUT/build.log" 2>&1 || {
	tail -n 40 "$OUT/build.log" >&2
	die "dpkg-buildpackage failed (log: $OUT/build.log)"
}
echo "deb: dpkg-buildpackage took $((SECONDS - t0)) s (log: $OUT/build.log)"

changes=$(ls "$OUT"/pymm_"$VERSION"_*.changes)
if [[ ${PYMM_DEB_LINTIAN:-1} != 0 ]]; then
	command -v lintian >/dev/null || die "lintian missing: run scripts/deps.sh"
	echo "deb: lintian $(basename "$changes")"
	lintian --fail-on error,warning --display-info --pedantic --show-overrides \
		"$changes" || die "lintian found errors or warnings"
fi
echo "deb: packages in $OUT:"
(cd "$OUT" && ls -1 ./*.deb | sed 's|^\./|  |')
