#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# harness-test.sh - proves tests/vm/run judges runs correctly, with throwaway
# modules built in $BUILD/vm/harness-test (not part of `make check`: six
# boots, about a minute under TCG).  HARNESS_KERNEL=NAME runs them on
# `tests/vm/run --kernel NAME`; on the debug kernel, four more cases.  Each case states the exit status the
# harness must give.
set -u
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
BUILD=${BUILD:-$REPO/build}
KVER=${KVER:-$(ls -1 /boot/vmlinuz-* | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)}
KDIR=/lib/modules/$KVER/build
W=$BUILD/vm/harness-test
# HARNESS_KERNEL=debug: the cases below on the debug kernel (--kernel debug),
# plus one per checker it adds (KASAN, lockdep, sleeping in atomic context,
# kmemleak after rmmod), with the modules built against its tree
KFLAG=()
if [[ ${HARNESS_KERNEL:-stock} != stock ]]; then
	eval "$("$REPO/scripts/vm-kernel.sh" info "$HARNESS_KERNEL")" || exit 1
	KDIR=$KBUILD
	KFLAG=(--kernel "$HARNESS_KERNEL")
	W=$W-$HARNESS_KERNEL
fi
RUN=$REPO/tests/vm/run
mkdir -p "$W"

mod() {	# name, body of init, body of exit ("" = no exit: cannot unload)
	mkdir -p "$W/$1"
	{
		echo '#include <linux/module.h>'
		echo '#include <linux/slab.h>'
		echo '#include <linux/mutex.h>'
		echo '#include <linux/spinlock.h>'
		echo '#include <linux/delay.h>'
		echo "static int __init t_init(void) { $2 return 0; }"
		echo 'module_init(t_init);'
		if [[ -n $3 ]]; then
			echo "static void __exit t_exit(void) { $3 }"
			echo 'module_exit(t_exit);'
		fi
		echo 'MODULE_LICENSE("GPL");'
	} > "$W/$1/$1.c"
	echo "obj-m := $1.o" > "$W/$1/Makefile"
	make -s -C "$KDIR" M="$W/$1" modules 2>&1 | grep -v 'Skipping BTF' >&2
}
mod h_ok 'pr_info("h_ok: in\n");' 'pr_info("h_ok: out\n");'
mod h_warn 'WARN_ON(1);' ';'
mod h_leak '' 'pr_err("pymm: leak: 1 object\n");'
mod h_stuck '' ''
mod h_panic 'panic("harness-test");' ';'
mod h_fail 'return -EINVAL;' ';'
if [[ ${HARNESS_KERNEL:-stock} == debug ]]; then
	mod h_uaf 'char *p = kmalloc(32, GFP_KERNEL); if (!p) return -ENOMEM; kfree(p); pr_info("h_uaf %d\n", READ_ONCE(p[3]));' ';'
	mod h_abba 'static DEFINE_MUTEX(a); static DEFINE_MUTEX(b); mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a); mutex_lock(&b); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&b);' ';'
	mod h_atomic 'static DEFINE_SPINLOCK(l); spin_lock(&l); msleep(1); spin_unlock(&l);' ';'
	mod h_kml 'void *p = kmalloc(64, GFP_KERNEL); OPTIMIZER_HIDE_VAR(p); if (!p) return -ENOMEM;' ';'
fi

fails=0
expect() {	# status, args...
	local want=$1 got
	shift
	"$RUN" --quiet-dmesg --timeout "${TMO:-120}" "${KFLAG[@]}" "$@" >"$W/out" 2>&1
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
if [[ ${HARNESS_KERNEL:-stock} == debug ]]; then
	expect 252 --module "$W/h_uaf/h_uaf.ko" -- true	# BUG: KASAN: slab-use-after-free
	expect 252 --module "$W/h_abba/h_abba.ko" -- true	# WARNING: possible circular locking
	expect 252 --module "$W/h_atomic/h_atomic.ko" -- true	# BUG: sleeping function called ...
	# kmemleak reports objects older than 5 s only
	expect 252 --module "$W/h_kml/h_kml.ko" -- sleep 6	# kmemleak: 1 unreferenced object
fi
((fails == 0)) && echo "harness-test: all passed" || echo "harness-test: $fails failed"
((fails == 0))
