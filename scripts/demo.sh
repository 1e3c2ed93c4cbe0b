#!/bin/sh
# scripts/demo.sh - what `make demo` shows, run inside the VM by tests/vm/run
# (pymm.ko is already loaded; cwd is the repository root).  Every step is a
# command a user would type; nothing here is faked.
set -e
PYMMCTL=userspace/pymmctl

step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

# a pipeline, shown as typed
pipe() {
	printf '\n\033[1m$ %s\033[0m\n' "$1"
	sh -c "$1"
}

printf '\n==== pymm: a CPython-style memory manager in the kernel ====\n'
pipe 'dmesg | grep "pymm:"'
step ls -l /dev/pymm
step ls /proc/pymm

printf '\n==== heaps: private, named, owned by their creator ====\n'
step $PYMMCTL heap create demo
step $PYMMCTL heap list

printf '\n==== the notes, run as Python: identity, reference counts, cycles ====\n'
for f in examples/seeds_id.py examples/refcount.py examples/cycles.py; do
	printf '\n--- %s\n' "$f"
	sed 's/^/    /' "$f"
	step $PYMMCTL -H demo run "$f"
done

printf '\n==== the allocator: arenas, pools, blocks (as sys._debugmallocstats) ====\n'
step $PYMMCTL -H demo stats
step cat /proc/pymm/heaps
step cat /proc/pymm/arenas
step cat /proc/pymm/gc

step $PYMMCTL heap destroy demo
step cat /proc/pymm/summary
pipe 'dmesg | grep "pymm:" | tail -n 3'
