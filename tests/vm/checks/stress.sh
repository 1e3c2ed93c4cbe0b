#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stress.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): tests/stress/stress.c drives /dev/pymm from PROCS processes x
# THREADS threads on a shared heap and a heap per process, mixing every op,
# SIGKILLing children at random, then verifies and destroys every heap.
# Then: rmmod while a client holds /dev/pymm open must be refused (the misc
# device pins the module) and leave the device working.
# Passes if stress exits 0 and dmesg gained no oops/BUG/WARNING/UBSAN line.
# The harness adds the leak check at unload.  Exit 0 pass, 1 fail, 4 skip.
#
# STRESS_ARGS overrides the run (default "-p 4 -t 4 -s 20 -n 100000 -k 6").
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

# prebuilt by `make stress-build` (tests/stress/stress.mk), else built here
. tests/vm/stress-prog.sh
bin=$(stress_prog stress) || { echo "FAIL: cannot build stress"; exit 1; }

bad='Oops|BUG:|WARNING:|UBSAN:|general protection|soft lockup|hung_task|stack-protector'
before=$(dmesg | grep -cE "$bad")
fail=0

# shellcheck disable=SC2086
"$bin" ${STRESS_ARGS:--p 4 -t 4 -s 20 -n 100000 -k 6} || { echo "FAIL: stress"; fail=1; }
[[ -r /proc/pymm/summary ]] && sed 's/^/summary: /' /proc/pymm/summary

# unloading with the device open: refused, and the device keeps working
exec 3<>/dev/pymm
if rmmod pymm 2>/dev/null; then
	echo "FAIL: rmmod succeeded while /dev/pymm was open"
	fail=1
	exec 3>&-
	insmod ./pymm.ko || echo "FAIL: re-insmod"
else
	[[ -c /dev/pymm && -d /sys/module/pymm ]] || { echo "FAIL: module half gone"; fail=1; }
	echo "rmmod with /dev/pymm open: refused (as it must be)"
fi
exec 3>&-
"$bin" -p 1 -t 2 -s 2 -k 0 >/dev/null || { echo "FAIL: device broken after refused rmmod"; fail=1; }

after=$(dmesg | grep -cE "$bad")
if ((after > before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -n $((after - before))
	fail=1
fi
((fail == 0)) && echo "stress: PASS"
exit $fail
