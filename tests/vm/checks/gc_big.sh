#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gc_big.sh - inside the guest (run by tests/vm/guest-check.sh from the repo
# root): a script builds a ring of 1,000,001 lists and a 1,000,001-deep chain
# of nested lists in the kernel, and the kernel's collector collects them.  A
# recursive traversal would overflow the 16 KiB kernel stack; a loop without
# cond_resched() would trip the soft-lockup detector.  Passes if the script
# prints what python3 prints, the heap verifies, and dmesg shows no oops,
# BUG, WARNING or lockup.  Exit 0 pass, 1 fail, 4 skip (no pymm).
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
N=${GC_BIG_N:-1000000}

[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

bad='Oops|BUG:|WARNING:|soft lockup|stack-protector|stack guard|Kernel panic'
before=$(dmesg | grep -cE "$bad")
heap=gcbig$$
trap '"$CTL" heap destroy "$heap" >/dev/null 2>&1' EXIT

# ~100 bytes per list (64 B block + 32 B items): one structure at a time
"$CTL" heap create "$heap" --quota 240M || { echo "FAIL: heap create"; exit 1; }

# Ten lists per statement: the interpreter needs a round trip per op, and
# TCG makes each one slow; this keeps the script well inside the timeout.
script=$(cat <<PY
import gc
gc.disable()
gc.collect()
n = $N
first = []
prev = first
for i in range(n // 10):
    prev = [[[[[[[[[[prev]]]]]]]]]]
first.append(prev)
del prev
del first
print("ring", gc.collect())
top = []
for i in range(n // 10):
    top = [[[[[[[[[[top]]]]]]]]]]
print("held chain", gc.collect())
gc.set_debug(gc.DEBUG_STATS)
top.append(top)
del top
print("chain", gc.collect())
gc.set_debug(0)
print("left", gc.collect())
PY
)

# N nested lists plus the first one, in each structure
want=$(printf 'ring %s\nheld chain 0\nchain %s\nleft 0\n' $((N + 1)) $((N + 1)))
start=$(date +%s)
got=$(printf '%s\n' "$script" | "$CTL" -H "$heap" run - 2>&1)
rc=$?
echo "script: exit $rc in $(($(date +%s) - start)) s"
echo "$got"
fail=0
if ((rc != 0)) || [[ $got != "$want" ]]; then
	echo "FAIL: expected:"
	echo "$want"
	fail=1
fi
"$CTL" -H "$heap" verify || { echo "FAIL: heap verify"; fail=1; }
"$CTL" -H "$heap" stats 2>/dev/null | grep -iA4 'collections' 
dmesg | grep -E 'gc: (collecting generation|done)' | tail -2
after=$(dmesg | grep -cE "$bad")
if ((after != before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -5
	fail=1
fi
((fail == 0)) && echo "PASS: 2 x $((N + 1)) objects collected"
exit $fail
