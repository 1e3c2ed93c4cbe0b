#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# arena_idle.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): the arenas a heap empties go back to the kernel.  A script
# fills five or more arenas with strings and a second one drops them; right
# after, the heap holds its arenas of before plus at most the one spare
# (none with arena_idle_ms=0), and within two idle periods the module's
# timer has returned the spare too (docs/allocator.md, heap.c).
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }

idle_ms=$(cat /sys/module/pymm/parameters/arena_idle_ms 2>/dev/null) ||
	{ echo "FAIL: no arena_idle_ms parameter"; exit 1; }
H=idle.heap-$$
trap '"$CTL" heap destroy "$H" >/dev/null 2>&1' EXIT
"$CTL" heap create "$H" --quota 16M || { echo "FAIL: heap create $H"; exit 1; }

arenas() { "$CTL" -H "$H" stats | awk '/^# arenas allocated current/ { print $NF }'; }

base=$(arenas)
"$CTL" -H "$H" run --keep - <<'PY' || { echo "FAIL: filling script"; exit 1; }
x = []
for i in range(3000):
    x.append('a' * 400 + str(i))
PY
full=$(arenas)
if ((full < base + 5)); then
	echo "FAIL: 3000 strings of 400 bytes took $((full - base)) arenas, expected 5 or more"
	exit 1
fi
"$CTL" -H "$H" run --keep - <<'PY' || { echo "FAIL: dropping script"; exit 1; }
x = 0
PY
after=$(arenas)
want=$((base + (idle_ms > 0 ? 1 : 0)))
if ((after != want)); then
	echo "FAIL: arenas before $base, full $full, right after the drop $after (want $want:" \
	     "every emptied arena back but $((want - base)) spare, arena_idle_ms=$idle_ms)"
	exit 1
fi
# the timer runs every idle_ms and returns spares idle that long: <= 2 periods
deadline=$((SECONDS + 2 * idle_ms / 1000 + 3))
while ((after != base && SECONDS < deadline)); do
	sleep 0.5
	after=$(arenas)
done
if ((after != base)); then
	echo "FAIL: the spare arena is still held $((2 * idle_ms / 1000 + 3)) s later" \
	     "(arenas $after, before $base, arena_idle_ms=$idle_ms)"
	exit 1
fi
echo "PASS: arenas $base -> $full -> $want right after the drop -> $after" \
     "(arena_idle_ms=$idle_ms)"
