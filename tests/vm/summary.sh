#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# summary.sh - the last lines of `make check`, for people and for CI:
#   "N skipped" (if any), then "N passed, N failed" alone on its line.
# Counts the top-level TAP/KTAP result lines of each stage's log (unit tests:
# one per test case; VM: one per program, their nested "# ok" lines are
# not counted twice).  A stage that failed without a "not ok" line (build
# error, crash, VM harness verdict 250..255) counts as one failure.  So does a
# stage that printed no result line at all: every stage prints one per check
# it ran (or SKIPs it with the reason), so "0 passed" can only mean that the
# stage checked nothing, which is no pass.
#
# usage: summary.sh STAGE:RC:LOGFILE...
set -u
pass=0 fail=0 skip=0
for arg in "$@"; do
	stage=${arg%%:*}; rest=${arg#*:}
	rc=${rest%%:*}; log=${rest#*:}
	p=0 f=0 s=0
	if [[ -f $log ]]; then
		# strip colour codes and CRs a test may print
		clean=$(sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\r$//' "$log")
		s=$(grep -cE '^ok [0-9]+.*# *SKIP' <<<"$clean")
		p=$(grep -E '^ok [0-9]+' <<<"$clean" | grep -cvE '# *SKIP')
		f=$(grep -cE '^not ok [0-9]+' <<<"$clean")
	fi
	if ((rc != 0 && f == 0)) || ((rc >= 250)); then
		echo "# $stage: failed (exit $rc) beyond its test results"
		f=$((f + 1))
	elif ((p + f + s == 0)); then
		echo "# $stage: printed no result line (ok N / not ok N): nothing was checked"
		f=$((f + 1))
	fi
	echo "# $stage: $p passed, $f failed, $s skipped"
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
((skip)) && echo "$skip skipped"
echo "$pass passed, $fail failed"
((fail == 0))
