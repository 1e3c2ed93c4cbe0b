#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# netlink_cli.sh - inside the guest (run by tests/vm/guest-check.sh from the
# repo root, as root): every pymmctl command over --netlink, compared with the
# same command over /dev/pymm where the output is comparable; `pymmctl monitor`
# sees every event kind (heap create/destroy, gc collect, finalize, weakref
# clear, quota refusal); refusals quote the kernel's extended-ack message.
# Missing event kinds are named one by one.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 4; }

T=$(mktemp -d "${TMPDIR:-/tmp}/nlcli.XXXXXX") || exit 1
H=nlcli$$
Q=nlquota$$
# four uids that have never used pymm (the fresh-user checks below)
FRESH=$((50000 + $$ % 10000 * 4))
mon_pid= cnt_pid=
cleanup() {
	[[ -n $mon_pid ]] && kill "$mon_pid" 2>/dev/null
	[[ -n $cnt_pid ]] && kill "$cnt_pid" 2>/dev/null
	"$CTL" heap destroy "$H" >/dev/null 2>&1
	"$CTL" heap destroy "$Q" >/dev/null 2>&1
	for u in 0 1 2 3; do
		"$CTL" heap destroy "default@$((FRESH + u))" >/dev/null 2>&1
	done
	rm -rf "$T"
}
trap cleanup EXIT

fails=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# who runs pymmctl on each side (empty: this shell, root; fresh_same())
as_dev=() as_nl=()
nl() { "${as_nl[@]}" "$CTL" --netlink "$@"; }
dev() { "${as_dev[@]}" "$CTL" "$@"; }

# cmd: run "$@", expect exit 0
expect_ok() {
	local what=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then
		pass "$what"
	else
		fail "$what (exit $?): $(head -c 400 "$T/err")"
	fi
}

# same stdout over netlink and over the device
same() {
	local what=$1; shift
	dev "$@" >"$T/dev.out" 2>"$T/dev.err"; local r1=$?
	nl "$@" >"$T/nl.out" 2>"$T/nl.err"; local r2=$?
	if ((r1 == 0 && r2 == 0)) && cmp -s "$T/dev.out" "$T/nl.out"; then
		pass "$what: netlink output = device output"
	else
		fail "$what: device exit $r1, netlink exit $r2"
		diff "$T/dev.out" "$T/nl.out" | head -20
		cat "$T/dev.err" "$T/nl.err" | head -5
	fi
}

# refused with exit 1 and the kernel's message quoted on stderr
expect_extack() {
	local what=$1 pattern=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; local rc=$?
	if ((rc == 1)) && grep -q "(kernel: .*$pattern" "$T/err"; then
		pass "$what: exit 1, $(cat "$T/err")"
	else
		fail "$what: exit $rc, stderr: $(cat "$T/err") (wanted 'kernel: ...$pattern')"
	fi
}

# ---------------------------------------------------------- the monitor
echo "# monitor: started in the background (JSON Lines)"
"$CTL" -j monitor --timeout 50 >"$T/events" 2>"$T/mon.err" &
mon_pid=$!
# a second one that must end by itself after exactly one heap-create
"$CTL" monitor --count 1 --kind heap-create >"$T/count.out" 2>"$T/count.err" &
cnt_pid=$!
for _ in $(seq 100); do
	grep -q "monitoring events" "$T/mon.err" 2>/dev/null &&
		grep -q "monitoring events" "$T/count.err" 2>/dev/null && break
	sleep 0.1
done
grep -q "monitoring events" "$T/mon.err" || { fail "monitor did not subscribe: $(cat "$T/mon.err")"; exit 1; }

# ------------------------------------------------------------ heaps
expect_ok "heap create over netlink" nl heap create "$H" --quota 8M
same "heap list" heap list
same "heap list -j" -j heap list
same "heap show" heap show "$H"
same "heap show -j" -j heap show "$H"
expect_ok "heap quota over netlink" nl heap quota "$H" 6M
if nl -j heap show "$H" | grep -q '"quota": 6291456,'; then
	pass "heap quota took effect (6M)"
else
	fail "heap quota: heap show does not say 6M: $(nl -j heap show "$H")"
fi

# ------------------------------------------------- a script, both ways
cat >"$T/script.py" <<'PY'
import gc, weakref
class A:
    def __del__(self):
        print("A finalized")
class B:
    pass
gc.collect()
a = A()
a.me = a
b = B()
b.me = b
r = weakref.ref(b)
del a
del b
print(r() is None)
print(gc.collect())
print(r() is None)
c = B()
s = weakref.ref(c)
del c
print(s() is None)
PY
dev -H "$H" run "$T/script.py" >"$T/run.dev" 2>&1; r1=$?
nl -H "$H" run "$T/script.py" >"$T/run.nl" 2>&1; r2=$?
if ((r1 == 0 && r2 == 0)) && cmp -s "$T/run.dev" "$T/run.nl" && grep -q "A finalized" "$T/run.nl"; then
	pass "run: same output over netlink and the device ($(tr '\n' ' ' <"$T/run.nl"))"
else
	fail "run: device exit $r1, netlink exit $r2"; diff "$T/run.dev" "$T/run.nl"; cat "$T/run.nl"
fi
if python3 "$T/script.py" >"$T/run.py" 2>&1 && cmp -s "$T/run.py" "$T/run.nl"; then
	pass "run: python3 prints the same"
else
	fail "run: python3 differs"; diff "$T/run.py" "$T/run.nl"
fi

# ---------------------------------------------- statistics, verify, gc
same "stats" -H "$H" stats
same "stats -j" -H "$H" -j stats
same "verify" -H "$H" verify
same "verify -j" -H "$H" -j verify
same "gc stats" -H "$H" gc stats
same "gc stats -j" -H "$H" -j gc stats
same "gc show -j" -H "$H" -j gc show
# Two collections of one heap agree only if nothing was left to collect
# before the first (the scripts' classes and functions are cycles, and
# nothing above need have collected them: the typed commands are views,
# which never collect): collect once, silently, as the parity scripts do.
dev -H "$H" gc collect >/dev/null 2>&1
same "gc collect" -H "$H" gc collect
same "gc collect 0 -j" -H "$H" -j gc collect 0
expect_ok "gc disable over netlink" nl -H "$H" gc disable
if dev -H "$H" -j gc show | grep -q '"enabled": false'; then
	pass "gc disable seen by the device"
else
	fail "gc disable: the device still says enabled"
fi
expect_ok "gc enable over netlink" nl -H "$H" gc enable
dev -H "$H" -j gc show | grep -q '"enabled": true' && pass "gc enable seen" || fail "gc enable not seen"
expect_ok "gc threshold over netlink" nl -H "$H" gc threshold 500 7
if nl -H "$H" -j gc show | grep -q '"threshold": \[500, 7, '; then
	pass "gc threshold 500 7 took effect"
else
	fail "gc threshold: $(nl -H "$H" -j gc show)"
fi
expect_ok "gc freeze over netlink" nl -H "$H" gc freeze
expect_ok "gc unfreeze over netlink" nl -H "$H" gc unfreeze

# ------------------------------------------- a fresh user's default heap
# Before a user's first use its default heap does not exist: the device's
# attach makes it, and so does a netlink typed command's view of "default"
# (issue #15: one answer on every transport).  One fresh uid asks over the
# device, another over netlink: the same output, and each now has its heap.
fresh_same() {
	local what=$1 ud=$2 un=$3; shift 3
	as_dev=(as_uid "$ud") as_nl=(as_uid "$un")
	same "$what (fresh uid $ud over the device, fresh uid $un over netlink)" "$@"
	as_dev=() as_nl=()
	if dev -j heap list | grep -q "\"owner_uid\": $un,"; then
		pass "$what: the netlink view made uid $un's default heap, as the attach makes uid $ud's"
	else
		fail "$what: uid $un has no heap: $(dev -j heap list 2>&1 | head -c 400)"
	fi
}
as_uid() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --clear-groups "$@"; }
if command -v setpriv >/dev/null; then
	fresh_same "gc stats" "$FRESH" "$((FRESH + 1))" gc stats
	fresh_same "gc stats -j" "$((FRESH + 2))" "$((FRESH + 3))" -j gc stats
else
	echo "# no setpriv: the fresh-user checks are skipped"
fi

# ------------------------------------------------------ quota refusal
expect_ok "heap create with a small quota (512K: two arenas)" nl heap create "$Q" --quota 512K
# Each append a new 64 KiB str ("abcdefg " is not identifier-like, so never
# interned): the quota refuses the fourth or so, a few dozen netlink round
# trips.  The fill this replaced appended "abcdefgh" * 100, an
# identifier-like str that pymm interns (CPython folds the constant): one
# object, and the list grew until its item array met the quota, ~12,000
# appends, three ops each: 29 s on 6.12 under TCG, past 900 s on the
# debug kernel (KASAN + gcov).  Slow, not stuck (docs/testing.md,
# "Coverage"); 50 such appends are timed here, what a round trip costs.
cat >"$T/fill50.py" <<'PY'
x = []
for i in range(50):
    x.append("abcdefgh" * 100)
PY
t0=$(date +%s%N)
nl -H "$Q" run "$T/fill50.py" >/dev/null 2>&1 || fail "50 appends of 800-byte strings under the quota"
echo "# 50 appends of an 800-byte string over netlink: $((($(date +%s%N) - t0) / 1000000)) ms"
cat >"$T/fill.py" <<'PY'
x = []
try:
    while True:
        x.append("abcdefg " * 8192)
except MemoryError:
    print("MemoryError after", len(x), "strings of 64 KiB")
    raise
PY
t0=$(date +%s%N)
nl -H "$Q" run "$T/fill.py" >"$T/fill.out" 2>&1; rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
n=$(sed -n 's/^MemoryError after \([0-9]*\) strings.*/\1/p' "$T/fill.out")
if ((rc == 1)) && [[ -n $n ]] && ((n <= 8)); then
	pass "allocating past the quota: MemoryError, exit 1 ($(head -n 1 "$T/fill.out"); $ms ms)"
else
	fail "quota: exit $rc after $ms ms (at most 8 strings of 64 KiB fit in 512K), $(tail -2 "$T/fill.out")"
fi

# ---------------------------------------- refusals quote the extack
expect_extack "heap create with a bad name" "invalid heap name" nl heap create "bad/name"
expect_extack "heap create of an existing heap" "already exists" nl heap create "$H"
expect_extack "heap show of no such heap" "no such heap" nl heap show "nosuch$$"
expect_extack "heap destroy of no such heap" "no such heap" nl heap destroy "nosuch$$"
expect_extack "gc collect generation 7" "" nl -H "$H" gc collect 7
"$CTL" heap bogus >/dev/null 2>&1; rc=$?
((rc == 2)) && pass "unknown subcommand: exit 2" || fail "unknown subcommand: exit $rc"

# ------------------------------------------------------- destroy
expect_ok "heap destroy over netlink" nl heap destroy "$H"
expect_ok "heap destroy over netlink ($Q)" nl heap destroy "$Q"
if dev heap show "$H" >/dev/null 2>&1; then
	fail "heap $H still there after destroy"
else
	pass "heap gone after destroy"
fi

# ----------------------------------------------------- events seen
sleep 0.5
kill -INT "$mon_pid"; wait "$mon_pid"; rc=$?; mon_pid=
((rc == 0)) && pass "monitor: SIGINT ends it with exit 0" || fail "monitor: exit $rc after SIGINT: $(cat "$T/mon.err")"
if wait "$cnt_pid"; then
	cnt_pid=
	if [[ $(wc -l <"$T/count.out") == 1 ]] && grep -q "heap-create heap $H " "$T/count.out"; then
		pass "monitor --count 1: exit 0 after one event: $(cat "$T/count.out")"
	else
		fail "monitor --count 1 printed: $(cat "$T/count.out")"
	fi
else
	fail "monitor --count 1: exit $?: $(cat "$T/count.err")"; cnt_pid=
fi
# one python3 (seconds under TCG): every line JSON, and which kinds came
missing=$(python3 - "$T/events" "$H" "$Q" <<'PY'
import json, sys
path, h, q = sys.argv[1:4]
lines = [l for l in open(path) if l.strip()]
try:
    ev = [json.loads(l) for l in lines]
    print("json %d lines, each valid JSON" % len(lines))
except ValueError as e:
    print("NOTJSON %s" % e)
    ev = []
want = [("heap-create", h), ("heap-destroy", h), ("gc-start", h), ("gc-collect", h),
        ("finalize", h), ("weakref-clear", h), ("quota-refusal", q)]
seen = {(e["event"], e.get("heap")) for e in ev}
for kind, heap in want:
    print(("seen " if (kind, heap) in seen else "MISSING ") + kind + " on heap " + heap)
for e in ev:
    if e["event"] == "unknown":
        print("UNKNOWN kind %d (not named by pymm_nl_event_name())" % e.get("kind", -1))
        break
PY
)
if grep -q "^json " <<<"$missing"; then
	pass "monitor -j: $(grep "^json " <<<"$missing" | cut -d' ' -f2-)"
else
	fail "monitor -j output is not JSON Lines: $(grep NOTJSON <<<"$missing")"; head -5 "$T/events"
fi
missing=$(grep -v "^json " <<<"$missing")
echo "$missing" | sed 's/^/# events: /'
if echo "$missing" | grep -q MISSING; then
	fail "monitor did not see: $(echo "$missing" | grep MISSING | sed 's/MISSING //' | paste -sd, -)"
else
	pass "monitor saw every event kind"
fi
grep -m1 '"quota-refusal"' "$T/events" | sed 's/^/# /'
grep -m1 '"gc-collect"' "$T/events" | sed 's/^/# /'

echo "netlink_cli: $fails failure(s)"
((fails == 0))
