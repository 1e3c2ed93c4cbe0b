#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tracepoints.sh - inside the guest: with every pymm event enabled in
# tracefs, a heap is created, filled across several arenas, collected,
# pushed past its quota, emptied and destroyed; each tracepoint must have
# fired with the right figures (heap name, uid, quota, generation, sizes).
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

T=/sys/kernel/tracing
if [[ ! -d $T/events ]]; then
	mount -t tracefs nodev $T 2>/dev/null ||
		{ T=/sys/kernel/debug/tracing; mount -t debugfs nodev /sys/kernel/debug 2>/dev/null; }
fi
[[ -d $T/events ]] || { echo "SKIP: no tracefs"; exit 4; }

events="pymm_arena_alloc pymm_arena_free pymm_heap_create pymm_heap_destroy pymm_gc_start
	pymm_gc_end pymm_quota_refusal"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
for e in $events; do
	[[ -f $T/events/pymm/$e/format ]] || fail "no tracepoint pymm:$e"
done
((fails == 0)) || exit 1

heap=tp$$
tmp=${TMPDIR:-/tmp}/tracepoints.$$
mkdir -p "$tmp"
cleanup() {
	echo 0 > $T/events/pymm/enable
	echo > $T/trace
	"$CTL" heap destroy "$heap" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

echo > $T/trace
echo 1 > $T/events/pymm/enable
echo 1 > $T/tracing_on

"$CTL" heap create "$heap" --quota 1M || fail "heap create"
# ~600 KiB of lists: three arenas; a cycle for the collector; then past the quota
"$CTL" -H "$heap" run - <<'PY' > "$tmp/out" 2>&1
import gc
gc.disable()
a = []
a.append(a)
del a
print(gc.collect())
keep = []
for i in range(5000):
    keep.append([i])
print("filled")
more = []
try:
    for i in range(100000):
        more.append([i, i])
except MemoryError:
    print("MemoryError")
del more
del keep
gc.collect()
PY
grep -q '^1$' "$tmp/out" && grep -q '^filled$' "$tmp/out" && grep -q '^MemoryError$' "$tmp/out" ||
	{ fail "script output"; cat "$tmp/out"; }
"$CTL" heap destroy "$heap" || fail "heap destroy"
echo 0 > $T/events/pymm/enable
cp $T/trace "$tmp/trace"

has() { grep -qE "$1" "$tmp/trace" || fail "no trace line matching: $1"; }
has "pymm_heap_create: heap=$heap uid=0 quota=1048576\$"
has "pymm_heap_destroy: heap=$heap uid=0\$"
has "pymm_gc_start: heap=$heap generation=2\$"
has "pymm_gc_end: heap=$heap generation=2 collected=1 uncollectable=0 pause_ns=[0-9]+\$"
has "pymm_quota_refusal: heap=$heap bytes=[0-9]+ held=[0-9]+ quota=1048576\$"
has "pymm_arena_alloc: size=262144 live=[0-9]+\$"
has "pymm_arena_free: size=262144 live=[0-9]+\$"
allocs=$(grep -c 'pymm_arena_alloc: size=262144 live=[0-9]' "$tmp/trace")
frees=$(grep -c 'pymm_arena_free: size=262144 live=' "$tmp/trace")
((allocs >= 3)) || fail "only $allocs arena allocations traced (want >= 3)"
# every arena of the heap went back by the time it was destroyed
((frees == allocs)) || fail "$allocs arenas allocated, $frees freed"
# order: created first, destroyed last
first=$(grep -m1 -oE 'pymm_heap_(create|destroy)' "$tmp/trace")
last=$(grep -oE 'pymm_heap_(create|destroy)' "$tmp/trace" | tail -n 1)
[[ $first == pymm_heap_create && $last == pymm_heap_destroy ]] || fail "create/destroy order"
# gc_start precedes its gc_end
awk '/pymm_gc_start/ {s++} /pymm_gc_end/ {if (!s) bad = 1; s--} END {exit bad}' \
	"$tmp/trace" || fail "a pymm_gc_end without its pymm_gc_start"

# perf can use them too (if installed): the tracepoints are listed
if command -v perf >/dev/null; then
	perf list 'pymm:*' 2>/dev/null | grep -q 'pymm:pymm_gc_end' || fail "perf list"
fi
grep -E 'pymm_(heap|gc|quota)' "$tmp/trace" | sed -n '1,8p'
((fails == 0)) && echo "tracepoints: all checks passed"
((fails == 0))
