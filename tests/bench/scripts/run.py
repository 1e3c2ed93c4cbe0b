#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""End-to-end script benchmarks: each workload here under python3 and under
pymmctl, in the same run, on the same machine.

  run.py [--transport local|device] [--pymmctl PATH] [--python PY]
         [--reps N] [--scale F] [--smoke [--tap-start K]] [NAME...]

Each workload is a Python program a user would write; its size is the line
`N = <int>  # scale`, multiplied by --scale (the VM, slower under TCG, runs
them smaller: ratios stay comparable because both sides run the same size in
the same boot).  Both interpreters must print the same output first (a
benchmark that computes something else measures nothing); then they run
alternately --reps times and the median CPU time (user + system, process
start included; the device transport's kernel work is the process's system
time) of each is printed as

  result script_<transport>_<name>_ps_cpython PICOSECONDS
  result script_<transport>_<name>_ps_pymm PICOSECONDS

and the median wall time as script_<transport>_<name>_wall_ps_*.  The ratios
use CPU time: on a shared machine wall time adds whatever else ran.
which tests/bench/report.py turns into ratios.  --transport local runs
`pymmctl --local run` (the core in the process, no kernel); device runs
`pymmctl run` over /dev/pymm (in the VM).  --smoke runs each workload once at
1/100 of its size and prints a TAP line per workload, numbered from K:
ok when both outputs are the same (make check's bench-smoke; no figure is
judged).
"""
import argparse
import glob
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SCALE_RE = re.compile(r"^N = (\d+)  # scale$", re.M)


def scaled_copy(path, scale, tmpdir):
    """the workload with its N multiplied by scale (at least 2)"""
    with open(path) as f:
        text = f.read()
    m = SCALE_RE.search(text)
    if not m:
        raise SystemExit("%s: no 'N = <int>  # scale' line" % path)
    n = max(2, int(int(m.group(1)) * scale))
    out = os.path.join(tmpdir, os.path.basename(path))
    with open(out, "w") as f:
        f.write(text[:m.start()] + "N = %d  # scale" % n + text[m.end():])
    return out


def run_once(argv):
    """(CPU seconds, wall seconds, CompletedProcess) of one run"""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, timeout=1800)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return cpu, wall, p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--transport", choices=("local", "device"), default="local")
    ap.add_argument("--pymmctl", default=os.path.join(TOP, "userspace", "pymmctl"))
    ap.add_argument("--python", default=os.environ.get("PARITY_PYTHON", "python3"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--tap-start", type=int, default=1)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()

    scripts = sorted(p for p in glob.glob(os.path.join(HERE, "*.py"))
                     if os.path.basename(p) != "run.py")
    if args.names:
        scripts = [p for p in scripts if os.path.basename(p)[:-3] in args.names]
    # the interpreter itself, not a launcher (pyenv's shim costs a second a call)
    args.python = subprocess.check_output(
        [args.python, "-c", "import sys; print(sys.executable)"],
        universal_newlines=True).strip()
    pm = [args.pymmctl] + (["--local"] if args.transport == "local" else []) + ["run"]
    scale = 0.01 if args.smoke else args.scale
    fail = 0
    with tempfile.TemporaryDirectory(prefix="pymm-bench-") as tmp:
        for i, path in enumerate(scripts, args.tap_start):
            name = os.path.basename(path)[:-3]
            prog = scaled_copy(path, scale, tmp)
            want = run_once([args.python, prog])[2]
            got = run_once(pm + [prog])[2]
            same = (want.returncode, want.stdout) == (got.returncode, got.stdout)
            if args.smoke:
                print("%s %d - script %s" % ("ok" if same else "not ok", i, name))
            if not same:
                fail = 1
                sys.stderr.write("%s: pymm printed another result\n--- python3 (exit %d)\n%s"
                                 "--- pymmctl (exit %d)\n%s%s" % (
                                     name, want.returncode, want.stdout, got.returncode,
                                     got.stdout, got.stderr[-2000:]))
                continue
            if args.smoke:
                continue
            cpu = {"cpython": [], "pymm": []}
            wall = {"cpython": [], "pymm": []}
            for _ in range(args.reps):
                for who, argv in (("cpython", [args.python, prog]), ("pymm", pm + [prog])):
                    c, w, _ = run_once(argv)
                    cpu[who].append(c)
                    wall[who].append(w)
            for who in ("cpython", "pymm"):
                print("result script_%s_%s_ps_%s %d" % (
                    args.transport, name, who, int(statistics.median(cpu[who]) * 1e12)))
                print("result script_%s_%s_wall_ps_%s %d" % (
                    args.transport, name, who, int(statistics.median(wall[who]) * 1e12)))
            sys.stdout.flush()
    return fail


if __name__ == "__main__":
    sys.exit(main())
