#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gcov-guest.sh - inside the guest, for tests/vm/coverage.sh: run
# tests/vm/guest-check.sh (PYMM_VM_ONLY picks the programs), then unload
# pymm so its exit paths count too (gcov_persist keeps an unloaded module's
# counters in debugfs), print every pymm .gcda under
# /sys/kernel/debug/gcov as a base64 tar between @@GCOV-BEGIN@@ and
# @@GCOV-END@@, and load pymm again (the harness unloads it and judges
# that, kmemleak included).  Exit: guest-check.sh's status, 1 when no
# counters were found.
set -u
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$REPO" || exit 1
tests/vm/guest-check.sh
rc=$?

g=/sys/kernel/debug/gcov
[[ -d $g ]] || { echo "gcov-guest: no $g (kernel without GCOV_KERNEL?)"; exit 1; }
rmmod pymm || { echo "gcov-guest: rmmod pymm failed"; rc=1; }
# debugfs reports size 0: copy each file's bytes out before tar
out=${PYMM_SCRATCH:-/tmp}/gcov
rm -rf "$out"
mkdir -p "$out"
# no process substitution: the guest's chroot has no /dev/fd
find "$g" -name '*.gcda' -path '*/module/*' > "$out.list"
n=0
while IFS= read -r f; do
	rel=${f#"$g"/}
	mkdir -p "$out/$(dirname "$rel")"
	cat "$f" > "$out/$rel"
	n=$((n + 1))
done < "$out.list"
echo "gcov-guest: $n .gcda files"
((n > 0)) || rc=1
echo "@@GCOV-BEGIN@@"
tar -C "$out" -czf - . | base64 -w 76
echo "@@GCOV-END@@"
insmod "${PYMM_KO:?}" || { echo "gcov-guest: insmod $PYMM_KO again failed"; rc=1; }
exit $rc
