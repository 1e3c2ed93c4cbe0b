#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pin.sh - inside the guest, as root: what one uid can make the kernel hold
# through pymm (issue #12: handle tables, per-file data buffers, netlink
# sessions).  Reloads pymm with user_quota_kib=$PIN_QUOTA_KIB (16 MiB: two
# uids' quotas well under the 256 MiB module cap), then runs
# tests/stress/pin.c: uids 65534 and 65533 in parallel, each with 4096 files
# and 64 netlink sessions, must make the kernel hold no more than their
# quota plus a small per-file overhead, and root must still create a heap
# and run ops meanwhile.  Restores the plain module after.  Exit 0 pass,
# 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }
[[ -f ./pymm.ko ]] || { echo "SKIP: no ./pymm.ko to reload with a quota"; exit 4; }
P=/sys/module/pymm/parameters
QUOTA=${PIN_QUOTA_KIB:-16384}
FDS=${PIN_FDS:-4096}

. tests/vm/stress-prog.sh
bin=$(stress_prog pin) || { echo "FAIL: cannot build pin"; exit 1; }

restore() {
	[[ $(cat $P/user_quota_kib 2>/dev/null) == "$old_quota" ]] && return
	rmmod pymm 2>/dev/null
	insmod ./pymm.ko || echo "FAIL: could not restore the plain module"
}
old_quota=$(cat $P/user_quota_kib)
if [[ $old_quota != "$QUOTA" ]]; then
	trap restore EXIT
	rmmod pymm || { echo "FAIL: rmmod (pymm in use?)"; exit 1; }
	insmod ./pymm.ko user_quota_kib="$QUOTA" ||
		{ echo "FAIL: reload with user_quota_kib=$QUOTA"; exit 1; }
fi
fail=0
"$bin" -n "$FDS" -s 64 65534 65533 || fail=1
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|Out of memory'
if dmesg | grep -qE "$bad"; then
	echo "FAIL: kernel log:"; dmesg | grep -E "$bad" | head; fail=1
fi
((fail == 0)) && echo "pin.sh: PASS"
exit $fail
