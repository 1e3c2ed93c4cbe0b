#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/fuzz/run.sh SECONDS JOBS TARGET... - run each libFuzzer target for
# SECONDS ($FUZZ_SECONDS_T instead when set: `make fuzz` gives each target
# its own) from a work copy of its committed corpus (tests/fuzz/corpus/T),
# fail on any finding, and append "target seconds executions exec/s edges
# features" to $FUZZ_DIR/stats.txt.  Used by `make fuzz-smoke` and `make fuzz`.
#
# Reproduce a finding: $FUZZ_DIR/fuzz_T $FUZZ_DIR/crashes/T/crash-...
set -u
default_secs=$1 jobs=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${FUZZ_DIR:-$top/build/fuzz}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
fail=0 n=0
echo "TAP version 13"
echo "1..$#"
for t in "$@"; do
	n=$((n + 1))
	v=FUZZ_SECONDS_$t
	secs=${!v:-$default_secs}
	work=$dir/work/$t crash=$dir/crashes/$t log=$dir/fuzz_$t.log
	mkdir -p "$work" "$crash"
	extra=()
	((jobs > 1)) && extra+=(-fork="$jobs" -ignore_crashes=0)
	echo "== fuzz_$t: ${secs}s"
	# the committed corpus is read-only input: new units go to the work dir;
	# the script target also starts from every parity script
	seeds=("$top/tests/fuzz/corpus/$t")
	[[ $t == script ]] && seeds+=("$top/tests/parity")
	"$dir/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-rss_limit_mb=2048 -timeout=10 -max_len=8192 \
		-artifact_prefix="$crash/" "${extra[@]}" \
		"$work" "${seeds[@]}" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
	ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1)
	echo "$t $secs ${execs:-0} ${eps:-0} ${cov#cov: } ${ft#ft: }" >>"$dir/stats.txt"
	if ((rc != 0)) || grep -qE '==[0-9]+==ERROR|^SUMMARY: |deadly signal|^fuzz_[a-z]+: ' "$log"; then
		grep -E '==[0-9]+==ERROR|^SUMMARY|deadly signal|^fuzz_[a-z]+: |^    #[0-9] ' "$log" | head -30
		echo "FAIL: fuzz_$t exit $rc (log $log; input: ls $crash)"
		echo "not ok $n fuzz_$t"
		fail=1
		continue
	fi
	echo "fuzz_$t: ${execs:-0} executions, ${eps:-0} exec/s, ${cov:-cov: ?} edges, ${ft:-ft: ?} features"
	echo "ok $n fuzz_$t"
done
((fail == 0)) && echo "fuzz: all targets passed"
exit $fail
