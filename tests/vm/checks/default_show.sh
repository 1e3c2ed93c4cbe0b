#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# default_show.sh - inside the guest (tests/vm/guest-check.sh runs it from
# the repo root, as root): `pymmctl heap show default` over /dev/pymm is the
# caller's own default heap.  Every user's private default heap is named
# "default" and root's heap list holds them all; the tool took the first
# entry of that name, so root, with uids 65534 and 65533 owning defaults,
# was shown one of theirs.  Now each caller's show over the device prints
# what netlink's HEAP_GET prints: before root's default exists "no such
# heap" (a show finds, never makes), after it root's own; each user's its
# own.  Root's `heap show default@UID` is uid UID's (both transports
# matched the name alone and found nothing), a user's `default@UID` its own
# for its uid and nothing for another's, on both transports.  Reloaded with
# public_heap=1 (one "default" for everyone, owned by root), a user's show
# is that heap, and default@UID names nothing.  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }
command -v setpriv >/dev/null || { echo "SKIP: no setpriv"; exit 4; }
P=/sys/module/pymm/parameters
[[ $(cat $P/public_heap 2>/dev/null) == 1 ]] &&
	{ echo "SKIP: loaded with public_heap=1: one default heap for everyone"; exit 4; }

as() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --clear-groups "$@"; }
cleanup() {
	"$CTL" heap destroy default@65534 >/dev/null 2>&1
	"$CTL" heap destroy default@65533 >/dev/null 2>&1
	"$CTL" heap destroy default >/dev/null 2>&1
}
trap cleanup EXIT
fail=0
cleanup	# root's own default must not exist yet: the first-use case

# each user leaves a different number of objects in its own default heap
for u in 65534 65533; do
	as "$u" "$CTL" run --keep - <<PY || { echo "FAIL: uid $u's script"; exit 1; }
kept = [str(i) * 3 for i in range($((u - 65000)))]
PY
done

owner() { awk '$1 == "owner_uid" { print $2 }' <<<"$1"; }
# show WHO UID [NAME]: WHO's `heap show NAME` (default "default") over the
# device and over netlink must both be uid UID's heap (none: "no such
# heap") and print the same
show() {
	local who=$1 uid=$2 name=${3:-default} dev nl got
	if [[ $who == root ]]; then
		dev=$("$CTL" heap show "$name" 2>&1) nl=$("$CTL" --netlink heap show "$name" 2>&1)
	else
		dev=$(as "$who" "$CTL" heap show "$name" 2>&1)
		nl=$(as "$who" "$CTL" --netlink heap show "$name" 2>&1)
	fi
	got=$(owner "$dev")
	if [[ $uid == none ]]; then
		if [[ -n $got || $dev != *"no such heap"* || $nl != *"no such heap"* ]]; then
			echo "FAIL: $who sees no $name heap, but heap show $name says:"
			echo "  device:"; sed 's/^/    /' <<<"$dev"
			echo "  netlink:"; sed 's/^/    /' <<<"$nl"
			fail=1
		else
			echo "ok: $who sees no $name heap: no such heap, over both"
		fi
	elif [[ $got != "$uid" ]]; then
		echo "FAIL: $who's heap show $name over /dev/pymm is not uid $uid's:"
		sed 's/^/  /' <<<"$dev"
		fail=1
	elif [[ $dev != "$nl" ]]; then
		echo "FAIL: $who's heap show $name: the device and netlink differ:"
		# no process substitution: the guest has no /dev/fd
		echo "  device:"; sed 's/^/    /' <<<"$dev"
		echo "  netlink:"; sed 's/^/    /' <<<"$nl"
		fail=1
	else
		echo "ok: $who's heap show $name is uid $uid's" \
		     "($(awk '$1 == "objects" { print $2 }' <<<"$dev") objects), as netlink's"
	fi
}

show root none	# not made by a show: the two users' defaults are not root's
"$CTL" run --keep - <<'PY' || { echo "FAIL: root's script"; exit 1; }
mine = [1.5, 2.5, (1, 2)]
PY
show root 0
show 65534 65534
show 65533 65533
# an admin names a user's default heap default@UID (docs/objects.md)
show root 65534 default@65534
show root 65533 default@65533
show root 0 default@0
show root none default@65532
show 65534 65534 default@65534
show 65534 none default@65533	# another user's: nothing, as the core answers
((fail)) && exit 1
echo "PASS: heap show default is the caller's own for root and two users, default@UID uid UID's"

# public_heap=1: one "default", owned by root, shown to a user as its
[[ -f ./pymm.ko ]] || { echo "SKIP: no ./pymm.ko to reload (the public part)"; exit 0; }
cleanup
restore() {
	cleanup
	[[ $(cat $P/public_heap 2>/dev/null) == 1 ]] || return
	rmmod pymm 2>/dev/null
	insmod ./pymm.ko || echo "FAIL: could not restore the plain module"
}
trap restore EXIT
rmmod pymm && insmod ./pymm.ko public_heap=1 || { echo "FAIL: reload with public_heap=1"; exit 1; }
as 65534 "$CTL" run --keep - <<'PY' || { echo "FAIL: uid 65534's script (public)"; exit 1; }
shared = [str(i) for i in range(100)]
PY
show 65534 0
show root 0
show root none default@65534	# no private defaults with public_heap=1
((fail)) && exit 1
echo "PASS: with public_heap=1 heap show default is the public heap, for a user and root"
