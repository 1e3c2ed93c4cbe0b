#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/bench/vm-bench.sh - the kernel half of `make bench`, run INSIDE the
# VM by tests/vm/run (which has loaded pymm.ko):
#
#   1. insmod pymm_bench.ko: pymm's allocator vs kmem_cache/kmalloc, and the
#      bare core op, measured at module init; results read from the log;
#   2. bench_vm: the same ops through PYMM_IOC_OP, PYMM_IOC_BATCH, netlink
#      and a null syscall, against the pymm.ko the harness loaded;
#   3. the end-to-end workloads (tests/bench/scripts) under the guest's
#      python3 and under `pymmctl run` over /dev/pymm.
#
# Every result line is "result KEY PICOSECONDS".  Both halves run in the
# same boot, so their ratios are comparable (TCG makes every absolute figure
# slow).  Tunables: PYMM_BENCH_KPARAMS (module parameters of pymm_bench.ko),
# PYMM_BENCH_VMARGS (bench_vm arguments) and PYMM_BENCH_SCRIPTS (run.py's).
set -e
B=${BUILD:-build}

echo "== kernel: pymm_bench.ko ${PYMM_BENCH_KPARAMS:-}"
dmesg -c >/dev/null 2>&1 || true
# shellcheck disable=SC2086
insmod "$B/bench/kmod/pymm_bench.ko" ${PYMM_BENCH_KPARAMS:-}
dmesg | sed -n 's/.*pymm_bench: \(result .*\)/\1/p'
rmmod pymm_bench

echo "== user: bench_vm ${PYMM_BENCH_VMARGS:-}"
# shellcheck disable=SC2086
"$B/bench/bench_vm" ${PYMM_BENCH_VMARGS:-}

echo "== scripts: python3 vs pymmctl run ${PYMM_BENCH_SCRIPTS:-}"
# shellcheck disable=SC2086
python3 tests/bench/scripts/run.py --transport device ${PYMM_BENCH_SCRIPTS:-} ||
	echo "== scripts: a workload printed another result than python3 (above)"
echo "== vm-bench done"
