#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# harness-test.sh - proves tests/vm/run judges runs correctly, with throwaway
# modules built in $BUILD/vm/harness-test (not part of `make check`: six
# boots, about a minute under TCG).  Each case states the exit status the
# harness must give.
set -u
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BUILD=${BUILD:-$REPO/build}
KVER=${KVER:-$(ls -1 /boot/vmlinuz-* | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)}
W=$BUILD/vm/harness-test
RUN=$REPO/tests/vm/run
mkdir -p "$W"

mod() {	# name, body of init, body of exit ("" = no exit: cannot unload)
	mkdir -p "$W/$1"
	{
		echo '#include <linux/module.h>'
		echo "static int __init t_init(void) { $2 return 0; }"
		echo 'module_init(t_init);'
		if [[ -n $3 ]]; then
			echo "static void __exit t_exit(void) { $3 }"
			echo 'module_exit(t_exit);'
		fi
		echo 'MODULE_LICENSE("GPL");'
	} > "$W/$1/$1.c"
	echo "obj-m := $1.o" > "$W/$1/Makefile"
	make -s -C "/lib/modules/$KVER/build" M="$W/$1" modules 2>&1 | grep -v 'Skipping BTF' >&2
}
mod h_ok 'pr_info("h_ok: in\n");' 'pr_info("h_ok: out\n");'
mod h_warn 'WARN_ON(1);' ';'
mod h_leak '' 'pr_err("pymm: leak: 1 object\n");'
mod h_stuck '' ''
mod h_panic 'panic("harness-test");' ';'
mod h_fail 'return -EINVAL;' ';'

fails=0
expect() {	# status, args...
	local want=$1 got
	shift
	"$RUN" --quiet-dmesg --timeout "${TMO:-120}" "$@" >"$W/out" 2>&1
	got=$?
	if ((got == want)); then
		echo "ok - exit $got: $*"
	else
		echo "not ok - exit $got, want $want: $*"; sed 's/^/#  /' "$W/out"
		fails=$((fails + 1))
	fi
}
expect 0   --module "$W/h_ok/h_ok.ko" -- sh -c 'test -d /sys/module/h_ok && test -w "$PYMM_SCRATCH"'
expect 3   --module "$W/h_ok/h_ok.ko" -- sh -c 'exit 3'
expect 252 --module "$W/h_warn/h_warn.ko" -- true
expect 252 --module "$W/h_leak/h_leak.ko" -- true
expect 253 --module "$W/h_stuck/h_stuck.ko" -- true
expect 255 --module "$W/h_panic/h_panic.ko" -- true
expect 251 --module "$W/h_fail/h_fail.ko" -- true
expect 250 --module "$W/h_ok/h_ok.ko" -p not-key-value -- true
TMO=15 expect 254 --no-module -- sleep 1000
expect 250 --module "$W/nonexistent.ko" -- true
((fails == 0)) && echo "harness-test: all passed" || echo "harness-test: $fails failed"
((fails == 0))
