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

build() {
	local name=$1 out=${BUILD:-build}/stress/$1
	if [[ -x $out && $out -nt tests/stress/$name.c && $out -nt tests/stress/pymm_dev.h &&
	      $out -nt tests/stress/faultinj_scenario.h ]]; then
		echo "$out"
		return
	fi
	out=${PYMM_SCRATCH:-${TMPDIR:-/tmp}}/$name
	cc -O2 -g -D_GNU_SOURCE -pthread -Imodule/uapi -o "$out" "tests/stress/$name.c" >&2 &&
		echo "$out"
}
bin=$(build faultinj_vm) || { echo "FAIL: cannot build faultinj_vm"; exit 1; }

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
