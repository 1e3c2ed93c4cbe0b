#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/parity/oracle-test.sh - the oracle's results taken from
# `tests/parity/run --oracle-out` (as make vm-check does before the boot)
# judge exactly as the oracle run in place: a matching run passes, a
# changed output fails with its diff, and a script whose text is not the
# one the oracle ran (or that it never ran) fails instead of being compared
# with stale output.  Runs on the host with pymmctl --local.
#   tests/parity/oracle-test.sh [PYMMCTL]
set -u
cd "$(dirname "$(readlink -f "$0")")/../.." || exit 1
PYMMCTL=${1:-userspace/pymmctl}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
check() {	# check NAME WANT_RC PATTERN FILE
	local rc out
	n=$((n + 1))
	out=$(tests/parity/run --local --pymmctl "$PYMMCTL" --expected "$4" arithmetic functions 2>&1)
	rc=$?
	if ((rc == $2)) && grep -q -- "$3" <<<"$out"; then
		echo "ok $n $1"
	else
		echo "not ok $n $1 (exit $rc, want $2 and '$3')"
		sed 's/^/# /' <<<"$out" | tail -n 20
		fail=1
	fi
}
edit() {	# edit FILE PYTHON-STATEMENT (on d, the results)
	python3 - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    d = json.load(f)
exec(sys.argv[2])
with open(sys.argv[1], "w") as f:
    json.dump(d, f)
PY
}
echo "TAP version 13"
echo "1..4"
tests/parity/run --oracle-out "$tmp/o.json" arithmetic functions >/dev/null || exit 1
cp "$tmp/o.json" "$tmp/hash.json"
cp "$tmp/o.json" "$tmp/out.json"
cp "$tmp/o.json" "$tmp/gone.json"
edit "$tmp/hash.json" 'd["scripts"]["functions"]["sha256"] = "0" * 64'
edit "$tmp/out.json" 'd["scripts"]["functions"]["out"] += "one more line\n"'
edit "$tmp/gone.json" 'del d["scripts"]["arithmetic"]'
check "the oracle's results as run" 0 "^ok 2 functions" "$tmp/o.json"
check "another text of the script is not compared" 1 "no oracle result for this text of functions.py" "$tmp/hash.json"
check "a changed output fails with its diff" 1 "^# -one more line" "$tmp/out.json"
check "a script the oracle never ran fails" 1 "no oracle result for this text of arithmetic.py" "$tmp/gone.json"
exit $fail
