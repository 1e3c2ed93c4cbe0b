#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stall.sh - inside the guest, as root: tests/stress/stall.c.  A uid 65534
# process holds its own heap busy with one long operation (a full
# collection of a heap filled near its quota); meanwhile root reads every
# /proc/pymm file, opens /dev/pymm and a kernel misc device, creates, uses
# and destroys a heap of its own, and SIGKILLs a nobody process waiting for
# the busy heap.  Each must finish within STALL_BOUND_MS (default 1000)
# while the attacker's operation still runs (issue #12).  Then no hung task
# and no lockdep report in the kernel log.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

. tests/vm/stress-prog.sh
bin=$(stress_prog stall) || { echo "FAIL: cannot build stall"; exit 1; }
"$bin" -b "${STALL_BOUND_MS:-1000}" -m "${STALL_MIN_OP_S:-3}"
rc=$?
((rc == 4)) && exit 4
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|blocked for more than|possible circular locking|possible recursive locking'
if dmesg | grep -qE "$bad"; then
	echo "FAIL: kernel log:"; dmesg | grep -E "$bad" | head; rc=1
fi
exit $rc
