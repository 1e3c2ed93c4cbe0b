#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# static-check.sh - the standards the module is held to, as KTAP for
# `make check`:
#   1. it builds with no warning at W=1 with sparse (C=2: every file);
#   2. the kernel's checkpatch.pl reports no ERROR (scripts/checkpatch.sh);
#   3. the netlink YAML spec and the uapi header agree (tests/spec).
# The build happens in a copy under build/static, so the tree's own objects
# (built without W=1) are not rebuilt twice.
set -u
REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
BUILD=${BUILD:-$REPO/build}
KVER=${KVER:-$(ls -1 /lib/modules 2>/dev/null | sort -V | tail -n 1)}
KDIR=${KDIR:-/lib/modules/$KVER/build}
cd "$REPO" || exit 1

n=0 failed=0
result() {	# result NAME STATUS LOGFILE
	n=$((n + 1))
	sed 's/^/# /' "$3"
	if (($2 == 0)); then
		echo "ok $n $1"
	else
		echo "not ok $n $1"
		failed=$((failed + 1))
	fi
}

echo "TAP version 13"
echo "1..3"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

copy=$BUILD/static
rm -rf "$copy" && mkdir -p "$copy"
cp -r Kbuild Makefile module "$copy"/
find "$copy" -name '*.o' -o -name '.*.cmd' | xargs rm -f
make -C "$KDIR" M="$copy" W=1 C=2 modules >"$log" 2>&1
rc=$?
if grep -E 'warning:|error:' "$log" >/dev/null; then
	grep -E 'warning:|error:' "$log" >"$log.w"; mv "$log.w" "$log"
	rc=1
fi
result "module builds without warnings (W=1, sparse C=2)" "$rc" "$log"

scripts/checkpatch.sh >"$log" 2>&1
result "checkpatch.pl: no errors" "$?" "$log"

python3 tests/spec/check_spec.py >"$log" 2>&1
result "netlink spec matches the uapi header" "$?" "$log"

((failed == 0))
