#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debugalloc.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root): reload pymm with debug_alloc=1 (guard bytes, poisoning; see
# docs/allocator.md), prove the debug layout is live, run a few parity
# scripts on it, and require that no debug report appeared: in a correct
# module every guard and poison check passes, so any "debug alloc:" line is
# a real bug found (it names the heap, size class and block ID).  Then
# reload the module as it was, since the harness unloads it at the end.
#
# Proof that debug mode is on, not just the parameter: the bytes one new
# int takes (ALLOC_STATS bytes_in_use) grow by exactly the 32 guard bytes
# (two 16-byte classes) between a plain load and a debug_alloc=1 load.
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm && -f ./pymm.ko ]] || { echo "SKIP: no /dev/pymm or ./pymm.ko"; exit 4; }

P=/sys/module/pymm/parameters
PARITY=${DEBUGALLOC_PARITY:-arithmetic dict_keys finalizers gc_containers functions}
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|leaked|pymm: leak|debug alloc:'
fail=0

# (no process substitution: the guest has no /dev/fd)
# bytes_in_use taken by one new int on a fresh heap, via the raw ioctl ABI
# (struct pymm_op is 80 bytes; op codes and offsets are ABI, append-only)
int_bytes() {
	python3 - <<'PY'
import ctypes, fcntl, os, struct, sys
IOC_OP = 0xc050b801
HEAP_CREATE, HEAP_DESTROY, HEAP_ATTACH, ALLOC_STATS, NEW_INT, VERIFY = 1, 2, 3, 7, 17, 128
FMT = "=IIiI4QQII2Q"
fd = os.open("/dev/pymm", os.O_RDWR)

def op(code, a0=0, data=b"", cap=0):
    n = max(len(data), cap)
    buf = ctypes.create_string_buffer(data, n) if n else None
    req = bytearray(struct.pack(FMT, code, 0, 0, 0, a0, 0, 0, 0,
                                ctypes.addressof(buf) if buf else 0, n, 0, 0, 0))
    fcntl.ioctl(fd, IOC_OP, req)
    f = struct.unpack(FMT, req)
    return f[2], f[11], buf

def stats():
    err, _, buf = op(ALLOC_STATS, cap=1 << 16)
    assert err == 0, err
    in_use = struct.unpack_from("=Q", buf, 16 + 4 * 8)[0]
    reports, quarantined = struct.unpack_from("=QQ", buf, 176)
    return in_use, reports, quarantined

name = b"dbgprobe\0"
op(HEAP_DESTROY, data=name)
assert op(HEAP_CREATE, data=name)[0] == 0
assert op(HEAP_ATTACH, data=name)[0] == 0
u0, r0, q0 = stats()
err, h, _ = op(NEW_INT, a0=1 << 40)
assert err == 0, err
u1, r1, q1 = stats()
assert op(VERIFY)[0] == 0
os.close(fd)
fd = os.open("/dev/pymm", os.O_RDWR)
op(HEAP_DESTROY, data=name)
print(u1 - u0, r1, q1)
PY
}

reload() {
	rmmod pymm && insmod ./pymm.ko "$@"
}
restore() {
	[[ $(cat $P/debug_alloc 2>/dev/null) == 0 ]] && return
	rmmod pymm 2>/dev/null
	insmod ./pymm.ko || echo "FAIL: could not restore the plain module"
}
trap restore EXIT

before=$(dmesg | grep -cE "$bad")
out=$(int_bytes) || { echo "FAIL: probe (plain)"; exit 1; }
set -- $out
plain=$1
reload debug_alloc=1 || { echo "FAIL: reload with debug_alloc=1"; exit 1; }
[[ $(cat $P/debug_alloc) == 1 ]] || { echo "FAIL: debug_alloc parameter reads $(cat $P/debug_alloc)"; fail=1; }
out=$(int_bytes) || { echo "FAIL: probe (debug)"; exit 1; }
set -- $out
dbg=$1 reports=$2 quarantined=$3
echo "one int: $plain bytes plain, $dbg bytes with debug_alloc=1"
if ((dbg != plain + 32)); then
	echo "FAIL: debug layout not in effect (want $((plain + 32)))"
	fail=1
fi
((reports == 0 && quarantined == 0)) || { echo "FAIL: probe heap: $reports reports"; fail=1; }

# shellcheck disable=SC2086
tests/parity/run --vm-guest $PARITY || { echo "FAIL: parity under debug_alloc=1"; fail=1; }
dmesg | grep 'debug alloc:' | tail -n 5

reload || { echo "FAIL: reload without debug_alloc"; fail=1; }
[[ $(cat $P/debug_alloc) == 0 ]] || { echo "FAIL: debug_alloc still on"; fail=1; }

after=$(dmesg | grep -cE "$bad")
if ((after > before)); then
	echo "FAIL: kernel log:"
	dmesg | grep -E "$bad" | tail -n $((after - before))
	fail=1
fi
((fail == 0)) && echo "debugalloc: PASS"
exit $fail
