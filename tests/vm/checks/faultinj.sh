#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# faultinj.sh - inside the guest: the fault-injection walk against the
# module (tests/stress/faultinj_vm.c): fail_nth = 1, 2, ... over one fixed
# scenario until it runs clean; every run must end in a clean error, a heap
# that verifies, and every byte given back.  Passes if the walk does and
# dmesg gained no oops/BUG/WARNING/UBSAN or "leaked" line (the harness adds
# the leak check at unload).  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

. tests/vm/stress-prog.sh
bin=$(stress_prog faultinj_vm tests/stress/faultinj_scenario.h) || { echo "FAIL: cannot build faultinj_vm"; exit 1; }

bad='Oops|BUG:|WARNING:|UBSAN:|general protection|leaked|soft lockup'
before=$(dmesg | grep -cE "$bad")
"$bin"
rc=$?
after=$(dmesg | grep -cE "$bad")
if ((after > before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -n $((after - before))
	rc=1
fi
exit $rc
