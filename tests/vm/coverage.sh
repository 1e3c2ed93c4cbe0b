#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/coverage.sh - line coverage of pymm.ko on the debug kernel
# (issue #16 item 6).  Builds pymm.ko with gcov counters
# (PYMM_GCOV=1 scripts/vm-kernel.sh module debug: Kbuild's GCOV_PROFILE, the
# kernel has GCOV_KERNEL), boots the debug kernel once with it, runs a
# subset of the VM suite there (tests/vm/gcov-guest.sh -> guest-check.sh
# with PYMM_VM_ONLY), brings the counters back over the serial console and
# runs gcov on every source of the module.
#
#   tests/vm/coverage.sh [OUTDIR]      (default build/coverage/kernel)
#
# Environment: COV_ONLY (the programs, guest-check.sh globs; default below),
# VMFUZZ_SECONDS (default 600), KFAILNTH_ARGS (default "-m 40 -c": the
# first 40 failure points of each step, a sample), PYMM_TEST_TIMEOUT (per
# program, default 900), COV_TIMEOUT (the whole
# boot, default 3600).  Writes OUTDIR/vm.log (the run), OUTDIR/gcda/,
# and scripts/coverage.py's OUTDIR/lines.json and OUTDIR/summary.txt ("file
# lines covered percent" per source, per directory, total).  Exit: the VM
# run's status (the harness's verdict: KASAN, lockdep, kmemleak ...), or 1
# when no counters came back.
set -euo pipefail
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BUILD=${BUILD:-$REPO/build}
OUT=$(realpath -m "${1:-$BUILD/coverage/kernel}")
ONLY=${COV_ONLY:-'preflight *_test checks/debugalloc.sh checks/faultinj.sh checks/genl_ctrl.sh checks/kfailnth.sh checks/netlink_cli.sh checks/proc_files.sh checks/tracepoints.sh checks/vmfuzz.sh'}
cd "$REPO"

ko=$(PYMM_GCOV=1 scripts/vm-kernel.sh module debug)
src=$(dirname "$ko")
# module: the checks that reload pymm (debugalloc.sh) want ./pymm.ko, which
# tests/vm/run binds the gcov module over
make -s module tool selftests stress-build >&2
# the parity scripts' oracle runs here, not in the slow guest (tests.mk)
oracle=$BUILD/vm/parity-oracle.json
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH \
	tests/parity/run --oracle-out "$oracle" >&2
rm -rf "$OUT"
mkdir -p "$OUT/gcda"
set +e
tests/vm/run --kernel debug --module "$ko" --timeout "${COV_TIMEOUT:-3600}" -- \
	env PYMM_EXPECT_MODULE=1 BUILD="$BUILD" PYMM_VM_ONLY="$ONLY" PARITY_EXPECTED="$oracle" \
	PYMM_TEST_TIMEOUT="${PYMM_TEST_TIMEOUT:-900}" \
	VMFUZZ_SECONDS="${VMFUZZ_SECONDS:-600}" KFAILNTH_ARGS="${KFAILNTH_ARGS:--m 40 -c}" \
	tests/vm/gcov-guest.sh > "$OUT/vm.log" 2>&1
vrc=$?
set -e
echo "coverage: VM run exited $vrc (log $OUT/vm.log)"
sed -n '/@@GCOV-BEGIN@@/,/@@GCOV-END@@/p' "$OUT/vm.log" | sed '1d;$d' | tr -d '\r' |
	base64 -d | tar -C "$OUT/gcda" -xzf - || { echo "coverage: no counters in the log"; exit 1; }
# debugfs mirrors the build path: .../debug-gcov/src/module/... -> $src/module/...
find "$OUT/gcda" -name '*.gcda' | while IFS= read -r f; do
	rel=module/${f#*/src/module/}
	cp "$f" "$src/$rel"
done

# the module's sources as built (platform_user.c is user space only)
srcs=$(cd "$src" && ls module/core/*.c module/core/types/*.c module/kernel/*.c | grep -v platform_user.c)
# shellcheck disable=SC2086
scripts/coverage.py gcov --objdir "$src" --srcdir "$src" --out "$OUT" $srcs || vrc=${vrc/#0/1}
exit $vrc
