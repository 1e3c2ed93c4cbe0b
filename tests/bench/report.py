#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Merge the two halves of `make bench` into one table and one JSON line.

usage: report.py USER_OUT VM_OUT [SCRIPTS_OUT]

USER_OUT is bench_user's output (its last line is a JSON object); VM_OUT is
tests/vm/run's output of tests/bench/vm-bench.sh ("result KEY PICOSECONDS"
lines from pymm_bench.ko and bench_vm, all from one boot).  The kernel
ratios are computed here, each from figures of that one boot.  SCRIPTS_OUT
is tests/bench/scripts/run.py's host output ("result KEY PICOSECONDS" for
python3 and pymmctl --local); the VM output carries the same workloads over
/dev/pymm.  Each workload's ratio compares the two interpreters of one run.  The last
line printed is the merged JSON object; a figure that could not be measured
is null.  See docs/performance.md for every key.
"""
import json
import math
import sys


def geomean(vals):
    vals = [v for v in vals if v is not None and v > 0]
    if not vals:
        return None
    return math.exp(sum(math.log(v) for v in vals) / len(vals))


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def load_user(path):
    try:
        with open(path) as f:
            lines = [line.strip() for line in f if line.strip()]
    except OSError:
        return {}
    for line in reversed(lines):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def load_vm(path):
    res = {}
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                # "result KEY VALUE", possibly behind a kernel log prefix
                if "result" in parts:
                    i = parts.index("result")
                    if len(parts) >= i + 3 and parts[i + 2].isdigit():
                        res[parts[i + 1]] = int(parts[i + 2])
    except OSError:
        pass
    return res


def script_ratios(res, out):
    """script_<transport>_<name>_vs_cpython per workload and their geometric
    means script_local_vs_cpython / script_device_vs_cpython into out;
    returns the table rows (name, {transport: (cpython s, pymm s, ratio)})"""
    rows = {}
    for key, v in res.items():
        parts = key.split("_")
        if parts[0] != "script" or parts[-1] != "cpython" or parts[-2] != "ps":
            continue
        transport, name = parts[1], "_".join(parts[2:-2])
        if name.endswith("_wall"):
            wall = res.get("script_%s_%s_ps_pymm" % (transport, name))
            out["script_%s_%s_s_cpython" % (transport, name)] = v / 1e12
            out["script_%s_%s_s_pymm" % (transport, name)] = None if wall is None else wall / 1e12
            continue
        pm = res.get("script_%s_%s_ps_pymm" % (transport, name))
        r = ratio(pm, v)
        out["script_%s_%s_vs_cpython" % (transport, name)] = r
        out["script_%s_%s_s_cpython" % (transport, name)] = v / 1e12
        out["script_%s_%s_s_pymm" % (transport, name)] = None if pm is None else pm / 1e12
        rows.setdefault(name, {})[transport] = (v / 1e12, None if pm is None else pm / 1e12, r)
    for transport in ("local", "device"):
        rs = [t[transport][2] for t in rows.values() if transport in t]
        out["script_%s_vs_cpython" % transport] = geomean(rs)
        out["script_%s_worst_vs_cpython" % transport] = max(
            (r for r in rs if r is not None), default=None)
    return sorted(rows.items())


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    out = load_user(sys.argv[1])
    vm = load_vm(sys.argv[2])
    scripts = dict(vm)
    if len(sys.argv) == 4:
        scripts.update(load_vm(sys.argv[3]))
    script_rows = script_ratios(scripts, out)

    def k(key):
        v = vm.get(key)
        return None if v is None else v / 1000.0  # ps -> ns

    # Ratios use the fastest repetition (KEY_min) when there is one: under
    # TCG the noise only ever adds time, so the minimum is the steadier
    # estimate of each side; the tables show the medians.
    def kmin(key):
        v = vm.get(key + "_min", vm.get(key))
        return None if v is None else v / 1000.0

    # ---- kernel allocator: pymm vs kmem_cache and kmalloc, same boot
    for other in ("kmem_cache", "kmalloc"):
        rs = [ratio(kmin("k_alloc_%s_ps_pymm" % w), kmin("k_alloc_%s_ps_%s" % (w, other)))
              for w in ("pair", "batch", "mixed")]
        out["kernel_alloc_vs_%s" % other] = geomean(rs)
        for w, r in zip(("pair", "batch", "mixed"), rs):
            out["kernel_alloc_%s_vs_%s" % (w, other)] = r
    for who in ("pymm", "kmem_cache", "kmalloc"):
        for w in ("pair", "batch", "mixed"):
            out["kernel_alloc_%s_ns_%s" % (w, who)] = k("k_alloc_%s_ps_%s" % (w, who))
    out["kernel_pymm_arenas_after_free_all"] = vm.get("k_pymm_arenas_after_free_all")

    # ---- operations: core op vs its transports, same boot
    for op in ("nop", "refcount", "new_int_close"):
        out["kernel_core_op_ns_%s" % op] = k("k_core_op_ps_%s" % op)
        out["ioctl_op_ns_%s" % op] = k("u_ioctl_op_ps_%s" % op)
        out["netlink_op_ns_%s" % op] = k("u_netlink_op_ps_%s" % op)
        out["local_op_ns_%s" % op] = k("u_local_op_ps_%s" % op)
    for op in ("nop", "refcount"):
        for n in (1, 16, 256, 4096):
            out["ioctl_batch%d_ns_per_op_%s" % (n, op)] = k("u_batch_ps_%s_%d" % (op, n))
    out["ioctl_batch4096_ns_per_op_new_int_close"] = k("u_batch_ps_new_int_close_4096")
    out["null_syscall_ns"] = k("u_null_syscall_ps")
    out["ioctl_version_ns"] = k("u_ioctl_version_ps")
    out["ioctl_batch_per_op_vs_core"] = ratio(kmin("u_batch_ps_refcount_4096"),
                                              kmin("k_core_op_ps_refcount"))
    out["ioctl_batch_per_op_vs_core_nop"] = ratio(kmin("u_batch_ps_nop_4096"),
                                                  kmin("k_core_op_ps_nop"))
    out["ioctl_batch_per_op_vs_core_new_int_close"] = ratio(
        kmin("u_batch_ps_new_int_close_4096"), kmin("k_core_op_ps_new_int_close"))
    out["ioctl_op_vs_null_syscall"] = ratio(kmin("u_ioctl_op_ps_refcount"),
                                            kmin("u_null_syscall_ps"))
    out["netlink_op_vs_ioctl_op"] = ratio(kmin("u_netlink_op_ps_refcount"),
                                          kmin("u_ioctl_op_ps_refcount"))
    for key in sorted(vm):
        if key.endswith("_min"):
            out["min_" + key[:-4].replace("_ps", "_ns")] = vm[key] / 1000.0

    def f(v, fmt="%.2f"):
        return "n/a" if v is None else fmt % v

    print()
    print("== Kernel (one VM boot under TCG: compare ratios, not absolute ns)")
    print("%-28s %12s %12s %12s" % ("ns per malloc+free", "pymm", "kmem_cache", "kmalloc"))
    for w in ("pair", "batch", "mixed"):
        print("%-28s %12s %12s %12s" % (
            w, f(out["kernel_alloc_%s_ns_pymm" % w]),
            f(out["kernel_alloc_%s_ns_kmem_cache" % w]),
            f(out["kernel_alloc_%s_ns_kmalloc" % w])))
    print("kernel_alloc_vs_kmem_cache %s, kernel_alloc_vs_kmalloc %s (geometric means)" % (
        f(out["kernel_alloc_vs_kmem_cache"]), f(out["kernel_alloc_vs_kmalloc"])))
    print()
    print("%-28s %12s %12s %12s" % ("ns per op", "nop", "refcount", "new_int+close"))
    print("%-28s %12s %12s %12s" % ("core (pymm_op_exec)", f(out["kernel_core_op_ns_nop"]),
                                    f(out["kernel_core_op_ns_refcount"]),
                                    f(out["kernel_core_op_ns_new_int_close"])))
    print("%-28s %12s %12s %12s" % ("ioctl PYMM_IOC_OP", f(out["ioctl_op_ns_nop"]),
                                    f(out["ioctl_op_ns_refcount"]),
                                    f(out["ioctl_op_ns_new_int_close"])))
    for n in (1, 16, 256, 4096):
        print("%-28s %12s %12s %12s" % (
            "ioctl PYMM_IOC_BATCH x%d" % n, f(out["ioctl_batch%d_ns_per_op_nop" % n]),
            f(out["ioctl_batch%d_ns_per_op_refcount" % n]),
            f(out["ioctl_batch4096_ns_per_op_new_int_close"]) if n == 4096 else ""))
    print("%-28s %12s %12s %12s" % ("netlink PYMM_CMD_OP", f(out["netlink_op_ns_nop"]),
                                    f(out["netlink_op_ns_refcount"]),
                                    f(out["netlink_op_ns_new_int_close"])))
    print("%-28s %12s %12s %12s" % ("user-space core (local)", f(out["local_op_ns_nop"]),
                                    f(out["local_op_ns_refcount"]),
                                    f(out["local_op_ns_new_int_close"])))
    print("null syscall (getppid) %s ns, PYMM_IOC_VERSION %s ns" % (
        f(out["null_syscall_ns"]), f(out["ioctl_version_ns"])))
    print("(ratios below and in the JSON use each side's fastest repetition, min_* keys)")
    print("ioctl_batch_per_op_vs_core (refcount, batch of 4096) %s (target <= 2: %s)" % (
        f(out["ioctl_batch_per_op_vs_core"]),
        "n/a" if out["ioctl_batch_per_op_vs_core"] is None else
        ("met" if out["ioctl_batch_per_op_vs_core"] <= 2 else "MISSED")))

    print()
    print("== Scripts: CPU time (user+sys) of a whole program, python3 vs pymmctl (median of reps)")
    print("%-16s %10s %10s %8s   %10s %10s %8s" % ("workload", "py local", "pymm", "ratio",
                                                   "py VM", "pymm dev", "ratio"))
    for name, t in script_rows:
        loc = t.get("local", (None, None, None))
        dev = t.get("device", (None, None, None))
        print("%-16s %10s %10s %8s   %10s %10s %8s" % (
            name, f(loc[0], "%.3f"), f(loc[1], "%.3f"), f(loc[2]),
            f(dev[0], "%.3f"), f(dev[1], "%.3f"), f(dev[2])))
    print("script_local_vs_cpython %s (target <= 1.5), script_device_vs_cpython %s "
          "(target <= 3.0): geometric means" % (f(out["script_local_vs_cpython"]),
                                                f(out["script_device_vs_cpython"])))

    print()
    print("== Headline ratios (pymm / baseline, same run; lower is better)")
    heads = ["alloc_vs_pymalloc", "alloc_vs_glibc", "alloc_vs_mimalloc", "alloc_vs_jemalloc",
             "alloc_1m_vs_pymalloc", "gc_full_vs_cpython", "gc_churn_pause_vs_cpython", "bytes_per_object_vs_cpython",
             "held_10pct_vs_pymalloc", "kernel_alloc_vs_kmem_cache", "kernel_alloc_vs_kmalloc",
             "ioctl_batch_per_op_vs_core", "script_local_vs_cpython",
             "script_device_vs_cpython"]
    for h in heads:
        print("  %-30s %s" % (h, f(out.get(h), "%.3f")))
    print("reproduce: make bench   (host part: make bench-user; kernel part: make bench-vm)")

    def clean(v):
        if isinstance(v, float):
            if math.isnan(v) or math.isinf(v):
                return None
            return float("%.4g" % v)
        return v

    # the headline keys first, then every absolute figure behind them
    order = heads + [key for key in out if key not in heads]
    print(json.dumps({key: clean(out.get(key)) for key in order}, separators=(", ", ": ")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
