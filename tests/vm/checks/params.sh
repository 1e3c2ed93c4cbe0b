#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# params.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): every module parameter refuses its out-of-range values at
# load, and the kernel log names the parameter (pymm_check_params(),
# module/kernel/main.c); the run-time fault-injection knobs refuse theirs;
# gc_debug's messages reach the log through the kernel host's ratelimited
# logger (pymm_plat_log_rl()), which drops what passes its ratelimit and
# says so.  arena_idle_ms's refusals are arena_idle.sh's.
# Then the module is loaded as it was, since the harness unloads it at the
# end.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm && -f ./pymm.ko ]] || { echo "SKIP: no /dev/pymm or ./pymm.ko"; exit 4; }

P=/sys/module/pymm/parameters
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
restore() {
	[[ -c /dev/pymm && $(cat $P/gc_debug 2>/dev/null) == 0 ]] && return
	rmmod pymm 2>/dev/null
	insmod ./pymm.ko || echo "FAIL: could not restore the plain module"
}
trap restore EXIT

ram_mib=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
# name=value and the start of the line pymm_check_params() logs for it
# (RAM size: totalram_pages() is a little under MemTotal's figure, so one
# MiB more than MemTotal is past it in any case).  heap_quota_kib=256, one
# arena, was accepted before session 9, and then every heap creation failed
# with EDQUOT: the first arena and the arena table do not fit in it.
cases=(
	"arena_kib=512|arena_kib=512: must be 256 or 1024"
	"arena_kib=0|arena_kib=0: must be 256 or 1024"
	"mem_limit_mb=0|mem_limit_mb=0: must be 1.."
	"mem_limit_mb=$((ram_mib + 1))|mem_limit_mb=$((ram_mib + 1)): must be 1.."
	"heap_quota_kib=128|heap_quota_kib=128: must be 512.."
	"heap_quota_kib=256|heap_quota_kib=256: must be 512.."
	"heap_quota_kib=262145|heap_quota_kib=262145: must be 512..262144"
	"user_quota_kib=262145|user_quota_kib=262145: must be 0..262144"
	"max_heaps_per_user=0|max_heaps_per_user=0: must be 1..4096"
	"max_heaps_per_user=4097|max_heaps_per_user=4097: must be 1..4096"
	"max_frame_depth=0|max_frame_depth=0: must be 1..100000"
	"max_frame_depth=100001|max_frame_depth=100001: must be 1..100000"
	"work_budget_m=0|work_budget_m=0: must be 1..4096"
	"work_budget_m=4097|work_budget_m=4097: must be 1..4096"
	"max_handles=15|max_handles=15: must be 16..16777216"
	"max_handles=16777217|max_handles=16777217: must be 16..16777216"
	"gc_debug=64|gc_debug=0x40: unknown flags 0x40"
	"debug_alloc=2|debug_alloc=2: must be 0 or 1"
	"public_heap=2|public_heap=2: must be 0 or 1"
)
rmmod pymm || { echo "FAIL: rmmod"; exit 1; }
for c in "${cases[@]}"; do
	arg=${c%%|*} want=${c#*|}
	if err=$(insmod ./pymm.ko "$arg" 2>&1); then
		fail "$arg was accepted"
		rmmod pymm
		continue
	fi
	# kmod says EINVAL as "Invalid parameters", busybox as "Invalid argument"
	grep -Eq 'Invalid (parameters|argument)' <<<"$err" ||
		fail "$arg: insmod did not say EINVAL: $err"
	if dmesg | grep -qF "pymm: $want"; then
		echo "ok: $arg refused: $(dmesg | grep -F "pymm: $want" | tail -n 1 | sed 's/^\[[^]]*\] //')"
	else
		fail "$arg: no log line 'pymm: $want'"
	fi
done
[[ -c /dev/pymm ]] && fail "/dev/pymm exists after every load was refused"

# gc_debug=STATS|COLLECTABLE: a collection logs its figures and each
# collectable object, as CPython's gc.set_debug() does on stderr, through
# pymm_plat_log_rl(): one ratelimit for every message a user can cause
# (10 in 5 s), so 40 collectable objects in one collection log at most 10
# lines, and the next message after the window says how many were dropped.
insmod ./pymm.ko gc_debug=3 || { echo "FAIL: insmod gc_debug=3"; exit 1; }
[[ $(cat $P/gc_debug) == 3 ]] || fail "gc_debug reads $(cat $P/gc_debug)"
H=params$$
"$CTL" heap create "$H" || fail "heap create $H"
sleep 6		# a fresh ratelimit window
mark=$(dmesg | wc -l)
"$CTL" -H "$H" run - >/dev/null <<'PY' || fail "the cycles script"
import gc
gc.disable()
class Ring:
    pass
for i in range(40):
    r = Ring()
    r.me = r
del r
gc.collect()
PY
log=$(dmesg | tail -n +$((mark + 1)))
# (the instances' dicts are collectable too, in no set order: any type)
coll=$(grep -c "pymm: $H: gc: collectable <" <<<"$log")
lines=$(grep -c "pymm: $H: gc: " <<<"$log")
grep -q "pymm: $H: gc: collecting generation 2" <<<"$log" ||
	fail "gc_debug=3: no 'collecting generation 2' line"
if ((coll >= 1 && lines <= 10)); then
	echo "ok: 40 collectable cycles: $lines gc lines logged, $coll of them 'collectable <...>'"
else
	fail "40 collectable cycles: $lines gc lines logged ($coll 'collectable'): want 1..10"
fi
sleep 6
mark=$(dmesg | wc -l)
"$CTL" -H "$H" gc collect >/dev/null || fail "gc collect"
log=$(dmesg | tail -n +$((mark + 1)))
if grep -Eq "pymm_plat_log_rl: [0-9]+ callbacks suppressed" <<<"$log"; then
	echo "ok: $(grep -Eo "pymm_plat_log_rl: [0-9]+ callbacks suppressed" <<<"$log")"
else
	fail "no 'callbacks suppressed' line after the window: $(head -c 300 <<<"$log")"
fi
"$CTL" heap destroy "$H" >/dev/null 2>&1

# the run-time fault-injection knobs refuse what they cannot mean
for kv in fail_nth=-1 fail_nth=x fail_probability=101 fail_probability=-1; do
	if echo "${kv#*=}" 2>/dev/null >"$P/${kv%%=*}"; then
		fail "$kv was accepted"
	else
		echo "ok: $kv refused"
	fi
done
[[ $(cat $P/fail_nth) == 0 && $(cat $P/fail_probability) == 0 ]] ||
	fail "a refused write changed the knobs: fail_nth $(cat $P/fail_nth), fail_probability $(cat $P/fail_probability)"

rmmod pymm && insmod ./pymm.ko || fail "reload without parameters"
[[ $(cat $P/gc_debug) == 0 ]] || fail "gc_debug still $(cat $P/gc_debug)"
echo "params: $fails failure(s)"
((fails == 0))
