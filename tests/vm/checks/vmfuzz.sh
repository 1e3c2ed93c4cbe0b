#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmfuzz.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): tests/stress/vmfuzz.c sends random and mutated ioctls and
# generic netlink messages to pymm from several processes (half of them uid
# 65534) for a bounded time, verifying its heaps as it goes; then the same
# for a few seconds with fail_probability=10 (every op must end in success
# or a clean error, every heap must verify once the faults stop, and the
# injected-fault counter must have moved).  Passes if vmfuzz exits 0 both
# times and dmesg gained no oops/BUG/WARNING/UBSAN/"leaked" line; the
# harness adds the leak check at unload.  Exit 0 pass, 1 fail, 4 skip.
#
# Both runs also look for starvation (vmfuzz -B): a uid 65534 probe opens
# /dev/pymm, reads /proc/pymm files and runs a small op on its own heap
# all along; a probe slower than VMFUZZ_PROBE_BOUND_MS (default 1000, 3000
# on the KASAN/lockdep debug kernel, several times slower) fails the run.
# The worst inputs, by the probe's wait and by their own time, are printed.
#
# VMFUZZ_SECONDS (default 15) and VMFUZZ_FAIL_SECONDS (default 8) bound the
# two runs; VMFUZZ_SEED repeats one (the seed is printed).
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

# prebuilt by `make build/stress/vmfuzz` (tests/fuzz/fuzz.mk), else built here
. tests/vm/stress-prog.sh
bin=$(stress_prog vmfuzz) || { echo "FAIL: cannot build vmfuzz"; exit 1; }

P=/sys/module/pymm/parameters
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|soft lockup|hung_task|leaked|stack-protector'
before=$(dmesg | grep -cE "$bad")
fail=0
seed=${VMFUZZ_SEED:-$RANDOM$RANDOM}
bound=1000
[[ $(uname -r) == *-pymm-debug ]] && bound=3000
bound=${VMFUZZ_PROBE_BOUND_MS:-$bound}
out=${PYMM_SCRATCH:-/tmp}/vmfuzz-worst

"$bin" -s "${VMFUZZ_SECONDS:-15}" -p 4 -S "$seed" -B "$bound" -o "$out" ||
	{ echo "FAIL: vmfuzz"; fail=1; }

if [[ -w $P/fail_probability ]]; then
	inj0=$(cat $P/fail_injected)
	"$bin" -s "${VMFUZZ_FAIL_SECONDS:-8}" -p 2 -f 10 -S "$((seed + 1))" -B "$bound" ||
		{ echo "FAIL: vmfuzz under fail_probability=10"; fail=1; }
	echo 0 > $P/fail_probability
	inj1=$(cat $P/fail_injected)
	echo "fail_probability=10: $((inj1 - inj0)) allocations failed on purpose"
	((inj1 > inj0)) || { echo "FAIL: no fault was injected"; fail=1; }
else
	echo "FAIL: no $P/fail_probability"
	fail=1
fi
[[ -r /proc/pymm/summary ]] && sed 's/^/summary: /' /proc/pymm/summary

after=$(dmesg | grep -cE "$bad")
if ((after > before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -n $((after - before))
	fail=1
fi
((fail == 0)) && echo "vmfuzz: PASS"
exit $fail
