#!/bin/sh
# scripts/demo.sh - what `make demo` shows, run inside the VM by tests/vm/run
# (pymm.ko is already loaded; cwd is the repository root).  Every step is a
# command a user would type; nothing here is faked.
set -e
PYMMCTL=userspace/pymmctl
SCRATCH=${PYMM_SCRATCH:-/run/pymm-scratch}

step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

# a pipeline, shown as typed
pipe() {
	printf '\n\033[1m$ %s\033[0m\n' "$1"
	sh -c "$1"
}

section() {
	printf '\n\033[1;34m==== %s ====\033[0m\n' "$*"
}

section "pymm: a CPython-style memory manager in the kernel"
pipe 'dmesg | grep "pymm:"'
step ls -l /dev/pymm
step ls /proc/pymm
pipe 'genl ctrl get name pymm'

section "events: a monitor on the netlink group sees everything below"
$PYMMCTL monitor --timeout 60 >"$SCRATCH/events" 2>&1 &
monitor=$!
sleep 1

section "heaps: private, named, owned by their creator"
step $PYMMCTL heap create demo
step $PYMMCTL heap list

section "the notes, run as Python: identity, reference counts, cycles"
for f in examples/seeds_id.py examples/refcount.py examples/cycles.py; do
	printf '\n--- %s\n' "$f"
	sed 's/^/    /' "$f"
	step $PYMMCTL -H demo run "$f"
done

section "Python as people write it: classes, __init__, a comprehension, f-strings, __del__ that runs code"
printf '\n--- %s\n' examples/classes.py
sed 's/^/    /' examples/classes.py
step $PYMMCTL -H demo run examples/classes.py
printf '\n--- the same file under python3 3.11, for comparison\n'
if command -v python3 >/dev/null; then
	step python3 examples/classes.py
fi

section "generators, with, properties, sets, exceptions as objects: one pipeline"
printf '\n--- %s\n' examples/pipeline.py
sed 's/^/    /' examples/pipeline.py
step $PYMMCTL -H demo run examples/pipeline.py
printf '\n--- the same file under python3 3.11, for comparison\n'
if command -v python3 >/dev/null; then
	step python3 examples/pipeline.py
fi

section "test_gc's way: a class made per call, a stored bound builtin, a proxy, lru_cache, str.format fields"
printf '\n--- %s\n' examples/registry.py
sed 's/^/    /' examples/registry.py
step $PYMMCTL -H demo run examples/registry.py
printf '\n--- the same file under python3 3.11, for comparison\n'
if command -v python3 >/dev/null; then
	step python3 examples/registry.py
fi

section "the allocator: arenas, pools, blocks (as sys._debugmallocstats)"
pipe "$PYMMCTL -H demo run --keep - <<'EOF'
class Node:
    pass
cache = []
for i in range(300):
    cache.append((i * 1000, 'block ' * (i % 40)))
root = Node()
root.cache = cache
root.me = root
EOF"
step $PYMMCTL -H demo stats
step $PYMMCTL -H demo arenas --map
step cat /proc/pymm/objects

section "the notes' memory areas: stack (frames), variables (globals), heap"
step $PYMMCTL -H demo areas
step $PYMMCTL -H demo graph root --depth 2 --max 8

section "the collector: a cycle dropped, found, and logged (DEBUG_STATS)"
pipe "$PYMMCTL -H demo run - <<'EOF'
import gc
gc.set_debug(gc.DEBUG_STATS)
del root
del cache
print('unreachable:', gc.collect())
EOF"
pipe 'dmesg | grep "gc: " | tail -n 8'
step cat /proc/pymm/gc

section "emptied arenas go back: at once, but 1 MiB of spares kept for arena_idle_ms"
pipe "$PYMMCTL -H demo run --keep - <<'EOF'
big = []
for i in range(3000):
    big.append('a' * 400 + str(i))
EOF"
pipe "$PYMMCTL -H demo stats | grep 'arenas allocated current'"
pipe "$PYMMCTL -H demo run --keep - <<'EOF'
big = 0
EOF"
pipe "$PYMMCTL -H demo stats | grep 'arenas allocated current'"
step cat /sys/module/pymm/parameters/arena_idle_ms
pipe "sleep 2; $PYMMCTL -H demo stats | grep 'arenas allocated current'"

section "memory pressure takes the spares at once (the pymm-spares shrinker)"
pipe "$PYMMCTL -H demo run --keep - <<'EOF'
big = []
for i in range(3000):
    big.append('b' * 400 + str(i))
big = 0
EOF"
pipe "$PYMMCTL -H demo stats | grep 'arenas allocated current'"
pipe 'echo 2 > /proc/sys/vm/drop_caches'
pipe "$PYMMCTL -H demo stats | grep 'arenas allocated current'"
pipe 'grep arenas_shrunk /proc/pymm/summary'

section "other users: a private default heap each, charged to its uid; every op bounded"
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
pipe "$PYMMCTL run --keep - <<'EOF'
secret = 'root only'
print(secret)
EOF"
pipe "$NOBODY $PYMMCTL run - <<'EOF' || true
print(secret)
EOF"
step $PYMMCTL heap list
pipe "$NOBODY cat /proc/pymm/users"
pipe "$NOBODY $PYMMCTL run - <<'EOF' || true
x = [0]
y = [0]
for i in range(26):
    x = [x, x]
    y = [y, y]
print(x == y)
EOF"
$NOBODY $PYMMCTL heap destroy default
$PYMMCTL heap destroy default

section "tracepoints (ftrace): arenas, heaps, collections"
mountpoint -q /sys/kernel/tracing || mount -t tracefs nodev /sys/kernel/tracing
echo 1 >/sys/kernel/tracing/events/pymm/enable
echo >/sys/kernel/tracing/trace
$PYMMCTL -H demo gc collect >/dev/null
$PYMMCTL heap destroy demo
echo 0 >/sys/kernel/tracing/events/pymm/enable
pipe 'grep -o "pymm_[a-z_]*: .*" /sys/kernel/tracing/trace | tail -n 6'

section "what the monitor saw"
sleep 1
kill "$monitor" 2>/dev/null || true
wait "$monitor" 2>/dev/null || true
step tail -n 8 "$SCRATCH/events"

section "unloading returns every arena"
step cat /proc/pymm/summary
