#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# arena_idle.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): the arenas a heap empties go back to the kernel.  A script
# fills five or more arenas with strings and a second one drops them; right
# after, the heap holds its arenas of before plus 1 MiB of spares (four
# 256 KiB arenas or one of 1 MiB; none with arena_idle_ms=0), and within
# two idle periods the module's timer has returned the spares too
# (docs/allocator.md, heap.c).  Then, reloaded with a small module cap, a
# refusal by the cap must make the timer return another heap's spares
# (and out-of-range arena_idle_ms values must be refused at load), and
# memory pressure (the shrinker) must take spares back at once.
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
# spares memory pressure took (the shrinker): background reclaim in the guest
# may take some at any time, so "kept" below means held or shrunk
shrunk() { awk '$1 == "arenas_shrunk" { print $2 }' /proc/pymm/summary; }

# Fills heap $H with about five arenas' worth of strs and drops them in one
# script; sets base (arenas before) and kept (right after), and fails if no
# spare was kept (held, or taken by the shrinker meanwhile).
leave_spares() {
	local s0
	s0=$(shrunk) base=$(arenas)
	"$CTL" -H "$H" run --keep - <<PY || { echo "FAIL: filling script ($1)"; exit 1; }
x = []
for i in range($n):
    x.append('a' * 400 + str(i))
x = 0
PY
	kept=$(arenas)
	if ((kept <= base && $(shrunk) == s0)); then
		echo "FAIL: no spares kept ($1: arenas $base -> $kept)"
		exit 1
	fi
}

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
s0=$(shrunk)
[[ -n $s0 ]] || { echo "FAIL: no arenas_shrunk in /proc/pymm/summary"; exit 1; }
t0=$(date +%s%N)
"$CTL" -H "$H" run --keep - <<'PY' || { echo "FAIL: dropping script"; exit 1; }
x = 0
PY
after=$(arenas)
# The spares emptied after t0: unless idle_ms passed since, the timer cannot
# have returned them yet.  A guest slow enough (TCG under load) to take that
# long between the drop and the read gets the bound only, never a false FAIL.
slow=$(( ($(date +%s%N) - t0) / 1000000 >= idle_ms && idle_ms > 0 ))
want=$((base + (full - base < spares ? full - base : spares)))
if ((slow)); then
	echo "note: ${idle_ms} ms passed between the drop and the read: the timer may" \
	     "have run, so only arenas <= $want is checked"
fi
if ((after > want || (!slow && after + $(shrunk) - s0 < want))); then
	echo "FAIL: arenas before $base, full $full, right after the drop $after (want $want:" \
	     "every emptied arena back but $((want - base)) spares, arena_idle_ms=$idle_ms;" \
	     "shrunk meanwhile $(($(shrunk) - s0)))"
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

# Spares must not cost another heap a refusal for long: reload with a
# 32 MiB module cap and a one-minute idle time, leave heap A with spares,
# fill heap B until the cap refuses it; that refusal asks the timer for
# every spare at once, so A's go back within a second, not a minute.
P=/sys/module/pymm/parameters
[[ -f ./pymm.ko ]] || { echo "SKIP: no ./pymm.ko to reload (the cap part)"; exit 0; }
restore() {
	"$CTL" heap destroy "$H" >/dev/null 2>&1
	"$CTL" heap destroy "$H.b" >/dev/null 2>&1
	[[ $(cat $P/arena_idle_ms 2>/dev/null) == "$idle_ms" ]] && return
	rmmod pymm 2>/dev/null
	insmod ./pymm.ko || echo "FAIL: could not restore the plain module"
}
trap restore EXIT
"$CTL" heap destroy "$H" >/dev/null 2>&1
# out-of-range values are refused at load, naming the parameter
rmmod pymm || { echo "FAIL: rmmod"; exit 1; }
for bad in 1 99 60001; do
	if insmod ./pymm.ko arena_idle_ms=$bad 2>/dev/null; then
		echo "FAIL: arena_idle_ms=$bad was accepted"
		exit 1
	fi
	dmesg | grep -q "pymm: arena_idle_ms=$bad: must be 0 or 100..60000" ||
		{ echo "FAIL: no log line for arena_idle_ms=$bad"; exit 1; }
done
insmod ./pymm.ko arena_idle_ms=60000 mem_limit_mb=32 heap_quota_kib=32768 \
	user_quota_kib=32768 ||
	{ echo "FAIL: reload with a 32 MiB cap"; exit 1; }
"$CTL" heap create "$H" || { echo "FAIL: heap create $H"; exit 1; }
"$CTL" heap create "$H.b" || { echo "FAIL: heap create $H.b"; exit 1; }
leave_spares "cap"
"$CTL" -H "$H.b" run - >/dev/null 2>&1 <<'PY'
y = []
while True:
    y.append('b' * 400 + str(len(y)))
PY
sleep 1
after=$(arenas)
if ((after != base)); then
	echo "FAIL: heap $H still holds $((after - base)) spare arenas a second after" \
	     "heap $H.b was refused by the module cap"
	exit 1
fi
echo "PASS: a refusal by the module cap returned the other heap's spares" \
     "(arenas $base -> $kept -> $after, arena_idle_ms=60000)"

# Memory pressure takes spares at once, not after a minute: drop_caches=2
# runs every shrinker, pymm's included (spares.c), and /proc/pymm/summary
# counts the arenas it took back.
r0=$(shrunk)
leave_spares "drop_caches"
# a pass that finds the registry busy (the timer's walk) takes nothing
for try in 1 2 3; do
	echo 2 >/proc/sys/vm/drop_caches
	(($(arenas) == base)) && break
	sleep 0.2
done
after=$(arenas) r1=$(shrunk)
if ((after != base || r1 - r0 < kept - base)); then
	echo "FAIL: after drop_caches heap $H holds $((after - base)) spare arenas of" \
	     "$((kept - base)); arenas_shrunk $r0 -> $r1"
	exit 1
fi
echo "PASS: memory pressure returned the spares at once (arenas $base -> $kept ->" \
     "$after, arenas_shrunk $r0 -> $r1)"

# And under real pressure: a process fills memory until kswapd runs, and
# background reclaim takes the spares before the fill nears OOM (it stops
# at 32 MiB free; kswapd wakes at the low watermark, ~54 MiB in a 1 GiB
# guest).  kswapd works beside the filler, not before it: at the floor the
# filler holds its memory for up to 10 s more, so a kswapd that is woken
# but not yet run (PREEMPT_RT under TCG: the filler won the race to the
# floor, free memory rose 32 -> 41 MiB after it stopped) still counts.
command -v python3 >/dev/null || { echo "SKIP: no python3 for the pressure part"; exit 0; }
leave_spares "pressure"
out=$(python3 - <<'PY'
import re, time
def get(path, key):
    return int(re.search(r'^%s:?\s+(\d+)' % key, open(path).read(), re.M).group(1))
s0 = get('/proc/pymm/summary', 'arenas_shrunk')
chunks = []
while (get('/proc/pymm/summary', 'arenas_shrunk') == s0 and
       get('/proc/meminfo', 'MemFree') > 32 * 1024):
    chunks.append(b'x' * (4 << 20))
for _ in range(100):
    if get('/proc/pymm/summary', 'arenas_shrunk') != s0:
        break
    time.sleep(0.1)
print(len(chunks) * 4, get('/proc/meminfo', 'MemFree') >> 10, s0,
      get('/proc/pymm/summary', 'arenas_shrunk'))
PY
) || { echo "FAIL: the memory filler failed"; exit 1; }
read -r held free r0 r1 <<<"$out"
after=$(arenas)
if ((kept > base && (r1 == r0 || after != base))); then
	echo "FAIL: $held MiB filled, $free MiB free, and heap $H still holds" \
	     "$((after - base)) of $((kept - base)) spares (arenas_shrunk $r0 -> $r1)"
	exit 1
fi
echo "PASS: background reclaim took the spares after $held MiB filled, $free MiB free" \
     "(arenas $base -> $kept -> $after, arenas_shrunk $r0 -> $r1)"
