#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# arena_idle.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): the arenas a heap empties go back to the kernel.  A script
# fills five or more arenas with strings and a second one drops them; right
# after, the heap holds its arenas of before plus 1 MiB of spares (four
# 256 KiB arenas or one of 1 MiB; none with arena_idle_ms=0), and within
# two idle periods the module's timer has returned the spares too
# (docs/allocator.md, heap.c).
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }

idle_ms=$(cat /sys/module/pymm/parameters/arena_idle_ms 2>/dev/null) ||
	{ echo "FAIL: no arena_idle_ms parameter"; exit 1; }
kib=$(cat /sys/module/pymm/parameters/arena_kib)
spares=$((idle_ms > 0 ? (kib >= 1024 ? 1 : 1024 / kib) : 0))
H=idle.heap-$$
trap '"$CTL" heap destroy "$H" >/dev/null 2>&1' EXIT
"$CTL" heap create "$H" --quota 16M || { echo "FAIL: heap create $H"; exit 1; }

arenas() { "$CTL" -H "$H" stats | awk '/^# arenas allocated current/ { print $NF }'; }

base=$(arenas)
n=$((3000 * kib / 256))	# about five arenas' worth of 416-byte blocks
"$CTL" -H "$H" run --keep - <<PY || { echo "FAIL: filling script"; exit 1; }
x = []
for i in range($n):
    x.append('a' * 400 + str(i))
PY
full=$(arenas)
if ((full < base + 5)); then
	echo "FAIL: $n strings of 400 bytes took $((full - base)) arenas, expected 5 or more"
	exit 1
fi
"$CTL" -H "$H" run --keep - <<'PY' || { echo "FAIL: dropping script"; exit 1; }
x = 0
PY
after=$(arenas)
want=$((base + (full - base < spares ? full - base : spares)))
if ((after != want)); then
	echo "FAIL: arenas before $base, full $full, right after the drop $after (want $want:" \
	     "every emptied arena back but $((want - base)) spares, arena_idle_ms=$idle_ms)"
	exit 1
fi
# the timer runs every idle_ms and returns spares idle that long: <= 2 periods
deadline=$((SECONDS + 2 * idle_ms / 1000 + 3))
while ((after != base && SECONDS < deadline)); do
	sleep 0.5
	after=$(arenas)
done
if ((after != base)); then
	echo "FAIL: spare arenas still held $((2 * idle_ms / 1000 + 3)) s later" \
	     "(arenas $after, before $base, arena_idle_ms=$idle_ms)"
	exit 1
fi
echo "PASS: arenas $base -> $full -> $want right after the drop -> $after" \
     "(arena_idle_ms=$idle_ms)"
