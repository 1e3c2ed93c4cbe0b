#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-check.sh - everything `make vm-check` runs inside ONE VM boot (a boot
# costs ~10 s under TCG), reported as KTAP the way the kernel's
# run_kselftest.sh does it: one "ok"/"not ok" line per program, the
# program's own output indented with "# ".  Runs:
#   - a preflight: with pymm loaded (PYMM_EXPECT_MODULE=1), /dev/pymm and
#     /proc/pymm exist (else every selftest would merely SKIP);
#   - every executable in $BUILD/selftests (exit 4 = SKIP);
#   - tests/parity/run --vm-guest, if present (with $PARITY_EXPECTED, the
#     oracle's results made on the host, if the caller gave them);
#   - every executable tests/vm/checks/*.sh.
# Each program gets PYMM_TEST_TIMEOUT seconds (default 240); the parity
# corpus, one program of all tests/parity/*.py, gets PYMM_PARITY_TIMEOUT
# (default 5 s a script, at least 720: ~1.5 s a script under TCG, 3.9 s on
# the rt kernel with the host loaded, where 720 s ended 220 scripts at 187).
# PYMM_VM_ONLY='PATTERN...' (shell globs on the names: preflight, *_test,
# parity, checks/NAME.sh) runs only those (tests/vm/coverage.sh does).
# Exit: 0 iff nothing failed.
set -u
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BUILD=${BUILD:-$REPO/build}
TMO=${PYMM_TEST_TIMEOUT:-240}
# KASAN + lockdep + kmemleak under TCG run several times slower: parity
# took ~26 s a script there in session 7 (9 of 75 in 240 s), 4 s in
# session 11 with the oracle run on the host before the boot
# (PARITY_EXPECTED, tests/tests.mk); arena_idle.sh over 240 s
[[ $(uname -r) == *-pymm-debug ]] && TMO=${PYMM_TEST_TIMEOUT:-2700}
nparity=$(find "$REPO/tests/parity" -maxdepth 1 -name '*.py' | wc -l)
PTMO=$((TMO > 720 ? TMO : 720))
PTMO=${PYMM_PARITY_TIMEOUT:-$((5 * nparity > PTMO ? 5 * nparity : PTMO))}
cd "$REPO" || exit 1

tests=()	# "name<TAB>command"
if [[ ${PYMM_EXPECT_MODULE:-0} == 1 ]]; then
	tests+=($'preflight\ttest -c /dev/pymm -a -d /proc/pymm || { ls -l /dev/pymm /proc/pymm; false; }')
fi
for t in "$BUILD"/selftests/*; do
	[[ -f $t && -x $t ]] && tests+=("$(basename "$t")"$'\t'"$t")
done
if [[ -x tests/parity/run ]]; then
	tests+=($'parity\ttests/parity/run --vm-guest')
fi
for t in tests/vm/checks/*.sh; do
	[[ -f $t && -x $t ]] && tests+=("checks/$(basename "$t")"$'\t'"$t")
done

if [[ -n ${PYMM_VM_ONLY:-} ]]; then
	only=()
	set -f	# the patterns are matched, not expanded
	for entry in "${tests[@]}"; do
		for pat in $PYMM_VM_ONLY; do
			# shellcheck disable=SC2053
			[[ ${entry%%$'\t'*} == $pat ]] && { only+=("$entry"); break; }
		done
	done
	set +f
	tests=("${only[@]}")
fi

echo "TAP version 13"
echo "1..${#tests[@]}"
n=0 failed=0
for entry in "${tests[@]}"; do
	n=$((n + 1))
	name=${entry%%$'\t'*}
	cmd=${entry#*$'\t'}
	echo "# selftests: pymm: $name"
	start=$(date +%s)
	tmo=$TMO
	[[ $name == parity ]] && tmo=$PTMO
	timeout -k 5 "$tmo" bash -c "$cmd" </dev/null 2>&1 | sed -u 's/^/# /'
	rc=${PIPESTATUS[0]}
	secs=$(($(date +%s) - start))
	if ((rc == 0)); then
		echo "ok $n selftests: pymm: $name"
	elif ((rc == 4)); then
		echo "ok $n selftests: pymm: $name # SKIP"
	elif ((rc == 124 || rc == 137)); then
		echo "not ok $n selftests: pymm: $name # TIMEOUT ${tmo}s"
		failed=$((failed + 1))
	else
		echo "not ok $n selftests: pymm: $name # exit=$rc (${secs}s)"
		failed=$((failed + 1))
	fi
done
echo "# guest-check: $((n - failed)) of $n programs passed or skipped"
((failed == 0))
