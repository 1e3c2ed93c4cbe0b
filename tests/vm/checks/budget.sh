#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# budget.sh - inside the guest, as root: tests/stress/budget.c (issue #12).
# Attackers running as uid 65534 on the shared default heap (the module is
# reloaded with public_heap=1 for it: the worst case, root's ops wait on the
# very heap the attacker holds; restored at exit), through /dev/pymm: an ordering of [X] * n < [Y] * n over equal trees of shared
# sublists (single ops and PYMM_IOC_BATCH), and a NEW_DICT of 16,384
# distinct keys of one hash.  Each op must end with the work budget's error
# (or succeed), a SIGKILL must end the attacker within 2 s, the heap must
# verify, and dmesg must show no soft lockup, hung task, oops or warning
# from the run.  Prints the longest attack op, the victim's worst wait and
# SIGKILL-to-gone in ms (the victim, root, must never wait 20 s).
# BUDGET_PHASES="ordering flood" runs only those (default: all three).
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

bad='Oops|BUG:|WARNING:|soft lockup|hung_task|blocked for more than|rcu_sched self-detected|rcu: INFO'
before=$(dmesg | grep -cE "$bad")

. tests/vm/stress-prog.sh
bin=$(stress_prog budget) || { echo "FAIL: cannot build budget"; exit 1; }
fail=0
if [[ $(cat /sys/module/pymm/parameters/public_heap) != 1 ]]; then
	[[ -f ./pymm.ko ]] || { echo "SKIP: no ./pymm.ko to reload with public_heap=1"; exit 4; }
	trap 'rmmod pymm 2>/dev/null; insmod ./pymm.ko || echo "FAIL: could not restore the plain module"' EXIT
	rmmod pymm && insmod ./pymm.ko public_heap=1 ||
		{ echo "FAIL: reload with public_heap=1"; exit 1; }
fi
"$bin" ${BUDGET_PHASES:-} || fail=1

after=$(dmesg | grep -cE "$bad")
if ((after > before)); then
	echo "FAIL: kernel log during the attacks:"
	dmesg | grep -E "$bad" | tail -n $((after - before)) | head -10
	fail=1
fi
((fail == 0)) && echo "budget: PASS"
exit $fail
