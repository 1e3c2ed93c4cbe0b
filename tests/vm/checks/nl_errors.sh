#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nl_errors.sh - inside the guest (tests/vm/guest-check.sh runs it from the
# repo root, as root): every way pymm's generic netlink commands refuse a
# request, each once, with its errno and the words of its extended ack
# (nl_errors.py, raw AF_NETLINK): no such heap, an existing one, a bad or
# empty or missing name, a missing op code, another family version (a
# command and both dumps), root's heap as nobody (attach, collect, destroy),
# a quota above the default without CAP_SYS_ADMIN, max_heaps_per_user, a
# heap with a client attached, an allocation failed (fail_nth), and,
# reloaded with small limits, user_quota_kib and mem_limit_mb.  The module
# is loaded as it was at the end.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 4; }

PROBE=tests/vm/checks/nl_errors.py
P=/sys/module/pymm/parameters
H=nlerr$$
fails=0
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
run() { python3 "$PROBE" "$@" || fails=$((fails + 1)); }
reloaded=0
restore() {
	echo 0 >$P/fail_nth 2>/dev/null
	"$CTL" heap destroy "$H" >/dev/null 2>&1
	((reloaded)) || return
	rmmod pymm 2>/dev/null
	insmod ./pymm.ko || echo "FAIL: could not restore the plain module"
}
trap restore EXIT

"$CTL" heap create "$H" --quota 4M || { echo "FAIL: heap create $H"; exit 1; }
run root "$H"
nobody python3 "$PROBE" nobody "$H" || fails=$((fails + 1))
run busy "$H"
run enomem "$H.m"
echo 0 >$P/fail_nth
"$CTL" heap destroy "$H.m" >/dev/null 2>&1

# the two limits, each on a module loaded for it
if [[ -f ./pymm.ko ]]; then
	reloaded=1
	"$CTL" heap destroy "$H" >/dev/null 2>&1
	if rmmod pymm && insmod ./pymm.ko user_quota_kib=256 heap_quota_kib=512; then
		nobody python3 "$PROBE" edquot "$H.q" || fails=$((fails + 1))
	else
		echo "FAIL: reload with user_quota_kib=256"; fails=$((fails + 1))
	fi
	if rmmod pymm && insmod ./pymm.ko mem_limit_mb=1 heap_quota_kib=512 user_quota_kib=0; then
		run enospc "$H.s"
	else
		echo "FAIL: reload with mem_limit_mb=1"; fails=$((fails + 1))
	fi
else
	echo "note: no ./pymm.ko to reload: the user_quota_kib and mem_limit_mb cases not run"
fi
echo "nl_errors: $fails program(s) failed"
((fails == 0))
