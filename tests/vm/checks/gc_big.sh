#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gc_big.sh - inside the guest (run by tests/vm/guest-check.sh from the repo
# root): a script builds a 1,000,000-list ring and a 1,000,000-deep chain of
# nested lists in the kernel, and the kernel's collector collects them.  A
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

script=$(cat <<PY
import gc
gc.disable()
gc.collect()
n = $N
first = []
prev = first
for i in range(n - 1):
    node = []
    prev.append(node)
    prev = node
prev.append(first)
del prev
del node
del first
print("ring", gc.collect())
chain = []
top = chain
for i in range(n - 1):
    inner = []
    top.append(inner)
    top = inner
del top
del inner
print("held chain", gc.collect())
gc.set_debug(gc.DEBUG_STATS)
chain.append(chain)
del chain
print("chain", gc.collect())
gc.set_debug(0)
print("left", gc.collect())
PY
)

want=$(printf 'ring %s\nheld chain 0\nchain %s\nleft 0\n' "$N" "$N")
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
"$CTL" -H "$heap" stats 2>/dev/null | grep -iE 'gc|gen|pause' | head -12
dmesg | grep -E 'gc: (collecting generation|done)' | tail -2
after=$(dmesg | grep -cE "$bad")
if ((after != before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -5
	fail=1
fi
((fail == 0)) && echo "PASS: 2 x $N objects collected"
exit $fail
