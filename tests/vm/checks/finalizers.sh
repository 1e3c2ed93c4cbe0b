#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# finalizers.sh - inside the guest (run by tests/vm/guest-check.sh from the
# repo root, as root): finalizers whose code lives in the heap run in
# whichever client the heap hands them to (docs/abi.md, "Finalizers").
#
#   1. a script leaves a cycle with a computing __del__ and a weakref with a
#      callback (--keep) and exits; `pymmctl gc collect`, another process,
#      parses their code from the heap and runs them; a __del__ run there
#      resurrects its object into a global that a later script reads;
#   2. a uid 65534 heap: root's `pymmctl --other-owner gc collect` runs
#      none of that user's code (a message says so), the objects count as
#      finalized, and the owner's own collect finds nothing left to run;
#   3. a client killed while it runs a finalizer (a __del__ that never
#      returns): the heap stays consistent (verify), the collection it held
#      ended, the next collect is not refused or stuck.
# Then no oops, lockdep or hung-task report.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=$(readlink -f "${PYMMCTL:-userspace/pymmctl}")
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }

T=$(mktemp -d "${TMPDIR:-/tmp}/fin.XXXXXX") || exit 1
chmod 755 "$T"
H=fin-$$
HN=fin-nobody-$$
HK=fin-kill-$$
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
cleanup() {
	"$CTL" heap destroy "$H" >/dev/null 2>&1
	"$CTL" heap destroy "$HK" >/dev/null 2>&1
	"${NOBODY[@]}" "$CTL" heap destroy "$HN" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# ---- 1. another process runs the script's finalizers
"$CTL" heap create "$H" >/dev/null || { echo "FAIL: heap create"; exit 1; }
cat >"$T/leave.py" <<'PY'
import gc
import weakref
gc.disable()
saved = None
class A:
    def __del__(self):
        global saved
        print("A.__del__ computes", self.n * 2)
        saved = self
def gone(wr):
    print("callback: referent gone", wr() is None)
a = A()
a.n = 21
a.me = a
wr = weakref.ref(a, gone)
del a
print("left a cycle")
PY
cat >"$T/read.py" <<'PY'
print("resurrected", saved.n, saved.me is saved)
PY
out=$("$CTL" -H "$H" run --keep "$T/leave.py" 2>&1)
[[ $out == "left a cycle" ]] || fail "script: $out"
out=$("$CTL" -H "$H" gc collect 2>&1)
echo "$out" | sed 's/^/  | /'
grep -q "^callback: referent gone True$" <<<"$out" || fail "the callback did not run in pymmctl"
grep -q "^A.__del__ computes 42$" <<<"$out" || fail "__del__ did not run in pymmctl"
# callback first (handle_weakrefs before finalize_garbage), as CPython
[[ $(grep -n callback <<<"$out" | cut -d: -f1) -lt $(grep -n computes <<<"$out" | cut -d: -f1) ]] ||
	fail "callback after __del__"
grep -q "0 unreachable" <<<"$out" || fail "the resurrected object was collected: $out"
out=$("$CTL" -H "$H" run --keep "$T/read.py" 2>&1)
[[ $out == "resurrected 21 True" ]] || fail "resurrection: $out"
"$CTL" -H "$H" verify >/dev/null 2>&1 || fail "verify after the cross-process finalizers"
((fails == 0)) && ok "pymmctl gc collect ran the heap's code"

# ---- 2. another uid's code is never run
"${NOBODY[@]}" "$CTL" heap create "$HN" >/dev/null || { echo "FAIL: heap create as nobody"; exit 1; }
cat >"$T/secret.py" <<'PY'
import gc
gc.disable()
class S:
    def __del__(self):
        print("SECRET CODE RAN")
s = S()
s.me = s
del s
PY
"${NOBODY[@]}" "$CTL" -H "$HN" run --keep "$T/secret.py" >/dev/null 2>&1 || fail "nobody's script"
out=$("$CTL" -H "$HN" gc collect 2>&1)
grep -q "another user owns it" <<<"$out" || fail "root without --other-owner: $out"
out=$("$CTL" --other-owner -H "$HN" gc collect 2>"$T/err")
err=$(cat "$T/err")
grep -q "SECRET" <<<"$out$err" && fail "root ran uid 65534's code"
grep -q "finalizers of code another user defined were not run" <<<"$err" ||
	fail "no message about the skipped finalizer: $err"
grep -q "1 unreachable" <<<"$out" || fail "--other-owner collect: $out"
out=$("${NOBODY[@]}" "$CTL" -H "$HN" gc collect 2>&1)
grep -q "SECRET" <<<"$out" && fail "the skipped finalizer ran later: $out"
"${NOBODY[@]}" "$CTL" -H "$HN" verify >/dev/null 2>&1 || fail "verify nobody's heap"
((fails == 0)) && ok "--other-owner ran none of another uid's code"

# ---- 3. a client killed while it runs a finalizer
"$CTL" heap create "$HK" >/dev/null || { echo "FAIL: heap create"; exit 1; }
cat >"$T/stuck.py" <<'PY'
import gc
gc.disable()
class Stuck:
    def __del__(self):
        print("stuck")
        while True:
            pass
x = Stuck()
x.me = x
del x
PY
"$CTL" -H "$HK" run --keep "$T/stuck.py" >/dev/null 2>&1 || fail "stuck script"
stdbuf -oL "$CTL" -H "$HK" gc collect >"$T/kout" 2>&1 &
pid=$!
for _ in $(seq 100); do
	grep -q stuck "$T/kout" && break
	sleep 0.1
done
grep -q stuck "$T/kout" || fail "the stuck finalizer never started"
kill -9 "$pid"
wait "$pid" 2>/dev/null
"$CTL" -H "$HK" verify >/dev/null 2>&1 || fail "verify after the kill"
start=$(date +%s)
out=$(timeout 20 "$CTL" -H "$HK" gc collect 2>&1) || fail "gc collect after the kill: $out"
grep -q "stuck" <<<"$out" && fail "the killed client's finalizer ran again"
grep -q "0 unreachable" <<<"$out" || fail "after the kill: $out"
(($(date +%s) - start <= 20)) || fail "gc collect after the kill took too long"
((fails == 0)) && ok "a killed client's collection ended, heap consistent"

bad='Oops|BUG:|WARNING:|UBSAN:|general protection|blocked for more than|possible circular locking|possible recursive locking'
if dmesg | grep -qE "$bad"; then
	fail "kernel log:"; dmesg | grep -E "$bad" | head
fi
((fails)) && exit 1
exit 0
