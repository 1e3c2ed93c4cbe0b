#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# harness-test.sh - proves tests/vm/run judges runs correctly, with throwaway
# modules built in $BUILD/vm/harness-test (not part of `make check`: six
# boots, about a minute under TCG).  HARNESS_KERNEL=NAME runs them on
# `tests/vm/run --kernel NAME`; on the debug kernel, seven more cases (KASAN, lockdep, sleeping in atomic
# context, kmemleak, UBSAN, soft lockup, hung task), each matched by its report.  Each case states the exit status the
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
# a boot of the KASAN kernel alone takes a minute or more under TCG
TMO_DEFAULT=120
[[ ${HARNESS_KERNEL:-stock} == debug ]] && TMO_DEFAULT=600
mkdir -p "$W"

mod() {	# name, body of init, body of exit ("" = no exit: cannot unload)[, file scope]
	mkdir -p "$W/$1"
	{
		echo '#include <linux/module.h>'
		echo '#include <linux/slab.h>'
		echo '#include <linux/mutex.h>'
		echo '#include <linux/spinlock.h>'
		echo '#include <linux/delay.h>'
		echo '#include <linux/workqueue.h>'
		echo '#include <linux/jiffies.h>'
		echo "${4:-}"
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
	# a GFP_KERNEL allocation under a spinlock: DEBUG_ATOMIC_SLEEP's
	# might_sleep() check (an msleep() there reports "scheduling while
	# atomic" instead: the scheduler's check, which any kernel has)
	mod h_atomic 'static DEFINE_SPINLOCK(l); void *p; spin_lock(&l); p = kmalloc(32, GFP_KERNEL); spin_unlock(&l); kfree(p);' ';'
	# eight objects dropped: a stale copy of the last pointer may survive in
	# a cached kernel stack that kmemleak scans, never of all eight
	mod h_kml 'int i; for (i = 0; i < 8; i++) { void *p = kmalloc(64, GFP_KERNEL); OPTIMIZER_HIDE_VAR(p); }' ';'
	mod h_ubsan 'volatile int s = 40; pr_info("h_ubsan %d\n", 1 << s);' ';'
	# a work item that spins with preemption off for 12 s, 3 s after insmod
	# (the command lowers watchdog_thresh to 2 s: a soft lockup after 4 s)
	mod h_spin 'schedule_delayed_work(&w, 3 * HZ);' 'cancel_delayed_work_sync(&w);' \
		'static void spin(struct work_struct *x) { unsigned long end = jiffies + 12 * HZ; preempt_disable(); while (time_before(jiffies, end)) cpu_relax(); preempt_enable(); }
static DECLARE_DELAYED_WORK(w, spin);'
	# a work item asleep in D state for 15 s (hung_task_timeout_secs 2)
	mod h_hung 'schedule_work(&w);' 'flush_work(&w);' \
		'static void nap(struct work_struct *x) { msleep(15000); }
static DECLARE_WORK(w, nap);'
fi

fails=0
expect() {	# status, args...; RE=ERE: the output must also match it
	local want=$1 got
	shift
	"$RUN" --quiet-dmesg --timeout "${TMO:-$TMO_DEFAULT}" "${KFLAG[@]}" "$@" >"$W/out" 2>&1
	got=$?
	if ((got == want)) && [[ -n ${RE:-} ]] && ! grep -qE "$RE" "$W/out"; then
		echo "not ok - exit $got but no '$RE' in the output: $*"; sed 's/^/#  /' "$W/out"
		fails=$((fails + 1))
	elif ((got == want)); then
		echo "ok - exit $got: $*"
	else
		echo "not ok - exit $got, want $want: $*"; sed 's/^/#  /' "$W/out"
		fails=$((fails + 1))
	fi
}
# HARNESS_ONLY=debug: only the debug kernel's own cases (each boot of the
# KASAN kernel costs minutes under TCG on a loaded machine)
if [[ ${HARNESS_ONLY:-} != debug ]]; then
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
fi
if [[ ${HARNESS_KERNEL:-stock} == debug ]]; then
	# each checker's own report, not just any failure
	RE='BUG: KASAN: slab-use-after-free' expect 252 --module "$W/h_uaf/h_uaf.ko" -- true
	RE='WARNING: possible circular locking' expect 252 --module "$W/h_abba/h_abba.ko" -- true
	RE='BUG: sleeping function called from invalid context' \
		expect 252 --module "$W/h_atomic/h_atomic.ko" -- true
	# kmemleak reports objects older than 5 s only
	RE='kmemleak: [1-8] unreferenced object' expect 252 --module "$W/h_kml/h_kml.ko" -- sleep 6
	RE='UBSAN: shift-out-of-bounds' expect 252 --module "$W/h_ubsan/h_ubsan.ko" -- true
	RE='BUG: soft lockup' expect 252 --module "$W/h_spin/h_spin.ko" -- \
		sh -c 'echo 2 > /proc/sys/kernel/watchdog_thresh && sleep 20'
	RE='INFO: task .* blocked for more than' expect 252 --module "$W/h_hung/h_hung.ko" -- \
		sh -c 'echo 2 > /proc/sys/kernel/hung_task_timeout_secs && sleep 14'
fi
((fails == 0)) && echo "harness-test: all passed" || echo "harness-test: $fails failed"
((fails == 0))
