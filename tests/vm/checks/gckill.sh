#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gckill.sh - inside the guest, as root: tests/stress/gckill.c.  A uid 65534
# process runs 32 full collections of a heap filled to its quota in one
# PYMM_IOC_BATCH; SIGKILL 0.2 s into it must end it within GCKILL_BOUND_MS
# (default 2000) or two collections, whichever is longer.  A collection
# draws no work-budget steps, so before the fix the batch's run never asked
# whether its task was killed (gone after 5.3 s, one collection 0.19 s,
# under TCG).  Then no hung task or lockdep report.  Exit 0 pass, 1 fail,
# 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

. tests/vm/stress-prog.sh
bin=$(stress_prog gckill) || { echo "FAIL: cannot build gckill"; exit 1; }
"$bin" -b "${GCKILL_BOUND_MS:-2000}"
rc=$?
((rc == 4)) && exit 4
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|blocked for more than|possible circular locking|possible recursive locking'
if dmesg | grep -qE "$bad"; then
	echo "FAIL: kernel log:"; dmesg | grep -E "$bad" | head; rc=1
fi
exit $rc
