#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kfailnth.sh - inside the guest, on a kernel with fault injection (the
# debug kernel; others SKIP): tests/stress/kfailnth.c fails, one at a time,
# every slab and page allocation the kernel makes for a fixed scenario of
# pymm calls (device, ioctls, batch, /proc/pymm, generic netlink), through
# /proc/thread-self/fail-nth.  Every run must end in clean errors with the
# heap verifying, every byte given back, and dmesg gaining no
# oops/BUG/WARNING/UBSAN, pymm leak or kmemleak report line, nor kmemleak
# disabling itself; the harness adds kmemleak and the
# module's own leak check at unload.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }
[[ -e /proc/self/fail-nth && -d /sys/kernel/debug/failslab ]] ||
	{ echo "SKIP: this kernel has no FAULT_INJECTION/FAILSLAB (the debug kernel has)"; exit 4; }

. tests/vm/stress-prog.sh
bin=$(stress_prog kfailnth tests/stress/faultinj_scenario.h) ||
	{ echo "FAIL: cannot build kfailnth"; exit 1; }

# "leak" alone matched kmemleak's own notice when fail-nth failed its
# metadata allocation ("kmemleak: Cannot allocate a scan area, scanning the
# full object": it then scans the whole object, nothing lost), which the
# task's injected failures can hit: a failure of this check's, not pymm's
# (session 11).  A kmemleak that disabled itself is one: its verdicts
# after that are void.
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|pymm: leak|suspected memory leak|unreferenced object|leak detector disabled|Cannot allocate a kmemleak_object|soft lockup'
before=$(dmesg | grep -cE "$bad")
"$bin" ${KFAILNTH_ARGS:-}
rc=$?
after=$(dmesg | grep -cE "$bad")
if ((after > before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -n $((after - before))
	rc=1
fi
exit $rc
