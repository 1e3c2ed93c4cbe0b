#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dmesg.sh - inside the guest: the kernel log follows docs/dmesg.md.
#   - the load line ("pymm: loaded: version ...") is there;
#   - with the collector's DEBUG_STATS on for a heap (gc.set_debug, i.e.
#     PYMM_OP_GC_SET_DEBUG), a collection prints CPython's DEBUG_STATS lines,
#     prefixed "pymm: HEAP: gc: "; with it off, nothing;
#   - those user-triggerable lines are ratelimited: a flood of collections
#     logs at most one burst (10 lines per 5 s);
#   - dynamic debug: `module pymm +p` turns on the pr_debug() lines (heap
#     created/destroyed, /proc reads), `-p` turns them off again.
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
h1=dm$$ h2=dmq$$ h3=dmflood$$ h4=dd$$ h5=ddoff$$
cleanup() {
	for h in $h1 $h2 $h3 $h4 $h5; do "$CTL" heap destroy "$h" >/dev/null 2>&1; done
	[[ -n ${ctl:-} ]] && echo 'module pymm -p' > "$ctl" 2>/dev/null
}
trap cleanup EXIT

# ---- the load line
dmesg | grep -qE '^(\[[ 0-9.]+\] )?pymm: loaded: version [0-9.]+, abi [0-9]+, arena ' ||
	fail "no load line"

# A fresh ratelimit window (5 s): earlier checks may have used the burst.
sleep 5.2

# ---- collector debug lines (CPython's gc.DEBUG_STATS)
for h in $h1 $h2 $h3; do "$CTL" heap create "$h" || fail "heap create $h"; done
"$CTL" -H "$h1" run - <<'PY' || fail "debug script"
import gc
gc.disable()
gc.set_debug(gc.DEBUG_STATS)
a = []
b = [a]
a.append(b)
del a, b
print(gc.collect())
PY
log=$(dmesg)
grep -qE "pymm: $h1: gc: collecting generation 2\.\.\.\$" <<<"$log" ||
	fail "no 'gc: collecting generation 2...' line"
grep -qE "pymm: $h1: gc: objects in each generation: [0-9]+ [0-9]+ [0-9]+\$" <<<"$log" ||
	fail "no 'gc: objects in each generation' line"
grep -qE "pymm: $h1: gc: done, 2 unreachable, 0 uncollectable, [0-9]+\.[0-9]{4}s elapsed\$" \
	<<<"$log" || fail "no 'gc: done, 2 unreachable' line"

# debug off: a collection logs nothing
"$CTL" -H "$h2" run - <<'PY' || fail "quiet script"
import gc
l = []
l.append(l)
del l
gc.collect()
PY
dmesg | grep -q "pymm: $h2: gc:" && fail "collector lines with debug off"

# ---- ratelimit: 40 collections with DEBUG_STATS, four lines each
"$CTL" -H "$h3" run - <<'PY' || fail "flood script"
import gc
gc.disable()
gc.set_debug(gc.DEBUG_STATS)
for i in range(40):
    gc.collect()
PY
n=$(dmesg | grep -c "pymm: $h3: gc:")
((n > 0 && n <= 10)) || fail "$n collector lines from 160 messages: not ratelimited to a burst of 10"

# ---- dynamic debug
ctl=/sys/kernel/debug/dynamic_debug/control
if [[ ! -f $ctl ]]; then
	mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug 2>/dev/null
fi
if [[ -f $ctl ]]; then
	grep -q '\[pymm\]' "$ctl" || fail "pymm has no pr_debug sites in $ctl"
	echo 'module pymm +p' > "$ctl" || fail "cannot enable dynamic debug"
	"$CTL" heap create "$h4" || fail "heap create $h4"
	head -c 1 /proc/pymm/areas > /dev/null
	"$CTL" heap destroy "$h4" || fail "heap destroy $h4"
	echo 'module pymm -p' > "$ctl"
	"$CTL" heap create "$h5" || fail "heap create $h5"
	"$CTL" heap destroy "$h5"
	log=$(dmesg)
	grep -qE "pymm: heap $h4 created \(uid 0, quota [0-9]+\)\$" <<<"$log" ||
		fail "no dynamic debug line for heap creation"
	grep -qE "pymm: heap $h4 destroyed \(uid 0\)\$" <<<"$log" ||
		fail "no dynamic debug line for heap destruction"
	grep -qE "pymm: areas: read by uid 0 \(admin\)\$" <<<"$log" ||
		fail "no dynamic debug line for a /proc read"
	grep -q "pymm: heap $h5 " <<<"$log" && fail "pr_debug still printing after -p"
else
	echo "note: no dynamic_debug control file; skipped that part"
fi

# ---- every pymm line carries the prefix once
dmesg | grep -q 'pymm: pymm: ' && fail "a message with the prefix twice ('pymm: pymm: ')"

dmesg | grep 'pymm: ' | grep -v 'pymm-vm' | tail -n 8
((fails == 0)) && echo "dmesg: all checks passed"
((fails == 0))
