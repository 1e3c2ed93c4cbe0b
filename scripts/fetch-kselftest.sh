#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kselftest.sh - copy the few kernel-tree files the tests need:
#   $BUILD/kselftest/{kselftest_harness.h,kselftest.h}          (selftests)
#   $BUILD/checkpatch/{checkpatch.pl,spelling.txt,const_structs.checkpatch}
#
# They come from a kernel tree named by KSRC=, else from Debian's
# linux-source tarball (139 MB of xz: reading it takes ~9 s, so everything
# is pulled out in one pass and cached; a stamp records the source).
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
BUILD=${BUILD:-$REPO/build}
KSDIR=$BUILD/kselftest
CPDIR=$BUILD/checkpatch
# linux-source-6.1, the one scripts/deps.sh installs, before any newer one:
# make check-kernels adds linux-source-6.12 (the debug kernel), whose
# kselftest harness and checkpatch differ from the ones the tests are for
TARBALL=${KSRC_TARBALL:-$(ls -1 /usr/src/linux-source-6.1.tar.xz /usr/src/linux-source-*.tar.xz \
	2>/dev/null | head -n 1)}

FILES=(
	tools/testing/selftests/kselftest_harness.h
	tools/testing/selftests/kselftest.h
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
)

if [[ -n ${KSRC:-} ]]; then
	src="tree:$(readlink -f "$KSRC")"
else
	[[ -n $TARBALL && -r $TARBALL ]] ||
		{ echo "fetch-kselftest: no /usr/src/linux-source-*.tar.xz; install linux-source-6.1 (scripts/deps.sh) or set KSRC=" >&2; exit 1; }
	src="tar:$TARBALL $(stat -c '%s %Y' "$TARBALL")"
fi

stamp=$KSDIR/.source
if [[ -f $stamp && $(cat "$stamp") == "$src" && -f $KSDIR/kselftest_harness.h &&
      -f $KSDIR/kselftest.h && -f $CPDIR/checkpatch.pl ]]; then
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pymm-ksrc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [[ -n ${KSRC:-} ]]; then
	for f in "${FILES[@]}"; do
		[[ -f $KSRC/$f ]] || { echo "fetch-kselftest: $KSRC/$f missing" >&2; exit 1; }
		mkdir -p "$tmp/$(dirname "$f")"
		cp "$KSRC/$f" "$tmp/$f"
	done
else
	echo "fetch-kselftest: extracting kselftest and checkpatch from $TARBALL (~10 s, once)" >&2
	top=$(basename "$TARBALL" .tar.xz)
	tar -xJf "$TARBALL" -C "$tmp" --strip-components=1 "${FILES[@]/#/$top/}"
fi

mkdir -p "$KSDIR" "$CPDIR"
cp "$tmp/tools/testing/selftests/kselftest_harness.h" "$tmp/tools/testing/selftests/kselftest.h" "$KSDIR/"
cp "$tmp/scripts/checkpatch.pl" "$tmp/scripts/spelling.txt" "$tmp/scripts/const_structs.checkpatch" "$CPDIR/"
chmod +x "$CPDIR/checkpatch.pl"
printf '%s\n' "$src" > "$stamp"
