#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# areas_amp.sh - inside the guest, as root: tests/stress/areas_amp.c.  A uid
# 65534 process fills its default heap with namespace keys AMP_BYTES long
# (str keys set through the globals and locals dicts, which
# gc.get_referrers() hands out), the same keys in every frame of every
# client.  /proc/pymm/areas must stay bounded all the same: every name
# shown cut to 64 bytes, the stack and variables rows of one heap stopped
# at 64 KiB.  Unbounded, 8.7 MiB of heap made each reader's seq_file buffer
# 512 MiB of kernel memory, charged to nobody's quota (two held readers:
# the OOM killer in a 1 GiB guest).  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }

. tests/vm/stress-prog.sh
bin=$(stress_prog areas_amp) || { echo "FAIL: cannot build areas_amp"; exit 1; }
chmod 755 "$bin"
# 16 KiB keys, 32 of them, 2 clients of 16 frames: 0.5 MiB of heap, and
# 17 MiB of areas text if nothing bounds it
read -r nbytes nkeys nclients nframes <<<"${AMP_ARGS:-16384 32 2 16}"
max_bytes=$((256 << 10))
max_line=256
tmp=$(mktemp -d) || exit 1
mkfifo "$tmp/in"
setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$bin" "$nbytes" "$nkeys" "$nclients" "$nframes" <"$tmp/in" >"$tmp/out" 2>&1 &
pid=$!
exec 9>"$tmp/in"
for _ in $(seq 120); do
	grep -q ready "$tmp/out" && break
	kill -0 $pid 2>/dev/null || break
	sleep 1
done
rc=0
if ! grep -q ready "$tmp/out"; then
	echo "FAIL: areas_amp did not build its heap:"; cat "$tmp/out"; rc=1
else
	for who in nobody root; do
		if [[ $who == root ]]; then
			cat /proc/pymm/areas >"$tmp/areas.$who"
		else
			setpriv --reuid=65534 --regid=65534 --clear-groups \
				cat /proc/pymm/areas >"$tmp/areas.$who"
		fi
		bytes=$(wc -c <"$tmp/areas.$who")
		line=$(awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' \
			"$tmp/areas.$who")
		echo "$who: /proc/pymm/areas is $bytes bytes, longest line $line"
		if ((bytes > max_bytes || line > max_line)); then
			echo "FAIL: $who's read is not bounded (max $max_bytes bytes, $max_line a line)"
			rc=1
		fi
		if ! grep -q '^\.\.\. more not shown' "$tmp/areas.$who"; then
			echo "FAIL: $who's read does not say it stopped"; rc=1
		fi
	done
fi
echo >&9
exec 9>&-
wait $pid || { echo "FAIL: areas_amp did not destroy its heap"; rc=1; }
if awk '$1 == "default" && $2 == 65534' /proc/pymm/heaps | grep -q .; then
	echo "FAIL: uid 65534's default heap is left behind"; rc=1
fi
rm -rf "$tmp"
bad='Oops|BUG:|WARNING:|UBSAN:|general protection|blocked for more than'
if dmesg | grep -qE "$bad"; then
	echo "FAIL: kernel log:"; dmesg | grep -E "$bad" | head; rc=1
fi
((rc == 0)) && echo "ok: /proc/pymm/areas bounded against long namespace keys"
exit $rc
