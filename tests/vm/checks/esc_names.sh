#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# esc_names.sh - inside the guest, as root: a name another user chose must
# not reach root's terminal raw.  uid 65534 binds, in a heap of its own, a
# global whose name holds an OSC title sequence, a clear-screen sequence and
# a newline that starts a forged row (tests/stress/esc_names.c); root then
# runs `pymmctl --other-owner -H HEAP areas` on it.  No control byte may
# come out, and no forged row.  Before the fix the name was printed as is.
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }
[[ -x userspace/pymmctl ]] || { echo "SKIP: no userspace/pymmctl"; exit 4; }

. tests/vm/stress-prog.sh
bin=$(stress_prog esc_names) || { echo "FAIL: cannot build esc_names"; exit 1; }
chmod 755 "$bin"
heap=esc_names_$$
setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" "$heap" || {
	echo "FAIL: uid 65534 could not bind its name"; exit 1; }
out=$(userspace/pymmctl --other-owner -H "$heap" areas 2>/dev/null)
rc=0
if [[ -z $out ]]; then
	echo "FAIL: pymmctl areas printed nothing"; rc=1
fi
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$out"; then
	echo "FAIL: pymmctl areas printed control bytes from another user's name:"
	LC_ALL=C cat -v <<<"$out" | head -20
	rc=1
fi
if grep -q '^  forged ' <<<"$out"; then
	echo "FAIL: another user's name forged a row of pymmctl areas"; rc=1
fi
userspace/pymmctl heap destroy "$heap" >/dev/null 2>&1
((rc == 0)) && echo "ok: another user's names reach root's pymmctl areas escaped"
exit $rc
