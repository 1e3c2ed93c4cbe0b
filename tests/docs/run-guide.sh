#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-guide.sh - runs every example of docs/guide.md and compares its output
# with the one printed in the guide, so that the guide cannot go stale.
#
#   tests/docs/run-guide.sh [--update] [GUIDE]
#
# Examples are the ```console blocks.  In a block, "$ CMD" starts a command,
# "> LINE" continues it (a here-document, as the shell's PS2 shows it), and
# every other line is expected output (standard output and error, merged).
# Commands run one by one with bash, from a scratch directory, with the
# repository's userspace/ first in PATH; state carries over only through the
# kernel (heaps) and files in the scratch directory.  A non-zero exit status
# fails the example: an expected failure is written `CMD || echo "exit $?"`.
#
# Volatile figures: an expected line ending in "# varies" matches any one
# line; a line "..." matches any number of lines.  Everything else must match
# exactly (trailing blanks ignored).
#
# --update rewrites the expected outputs from this run (keeping the "# varies"
# marks) and prints the new guide on standard output instead of comparing.
# Needs the pymm module (run it in the VM: tests/vm/checks/guide.sh).
# Exit: 0 every example matched, 1 a mismatch, 4 skipped (no /dev/pymm).
set -u
REPO=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
update=0
[[ ${1:-} == --update ]] && { update=1; shift; }
GUIDE=${1:-$REPO/docs/guide.md}
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (run in the VM)"; exit 4; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 4; }
work=${TMPDIR:-/tmp}/guide.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export PATH="$REPO/userspace:$PATH"
# the guide's heaps: start from nothing, leave nothing
for h in guide scratch; do pymmctl heap destroy $h >/dev/null 2>&1; done

python3 - "$GUIDE" "$work" "$update" <<'PY'
import re, subprocess, sys
guide, work, update = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
lines = open(guide).read().split("\n")
out, fails, n, i = [], 0, 0, 0

def run(cmd):
    p = subprocess.run(["bash", "-c", cmd], cwd=work, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    text = p.stdout.decode("utf-8", "replace")
    res = [l.rstrip() for l in text.split("\n")]
    if res and res[-1] == "":
        res.pop()
    return p.returncode, res

def match(exp, got):
    # exp may hold "..." (any lines) and "# varies" lines (any one line)
    memo = {}
    def m(a, b):
        if (a, b) in memo:
            return memo[(a, b)]
        if a == len(exp):
            r = b == len(got)
        elif exp[a] == "...":
            r = any(m(a + 1, k) for k in range(b, len(got) + 1))
        elif b == len(got):
            r = False
        elif exp[a].endswith("# varies"):
            r = m(a + 1, b + 1)
        else:
            r = exp[a].rstrip() == got[b] and m(a + 1, b + 1)
        memo[(a, b)] = r
        return r
    return m(0, 0)

while i < len(lines):
    out.append(lines[i])
    if lines[i].strip() != "```console":
        i += 1
        continue
    i += 1
    block = []
    while i < len(lines) and lines[i].strip() != "```":
        block.append(lines[i])
        i += 1
    # parse: commands with their expected output
    cmds, cur = [], None
    for l in block:
        if l.startswith("$ "):
            cur = {"cmd": [l[2:]], "exp": [], "lines": [l]}
            cmds.append(cur)
        elif l.startswith("> ") and cur is not None and not cur["exp"]:
            cur["cmd"].append(l[2:])
            cur["lines"].append(l)
        elif cur is not None:
            cur["exp"].append(l)
    for c in cmds:
        n += 1
        cmd = "\n".join(c["cmd"])
        rc, got = run(cmd)
        ok = rc == 0 and match(c["exp"], got)
        if update:
            out.extend(c["lines"])
            varies = [k for k, l in enumerate(c["exp"]) if l.endswith("# varies")]
            for k, l in enumerate(got):
                out.append(l + ("  # varies" if k in varies and not l.endswith("# varies") else ""))
            if rc:
                print("guide: exit %d: %s" % (rc, c["cmd"][0]), file=sys.stderr)
            continue
        if not ok:
            fails += 1
            print("not ok %d - %s" % (n, c["cmd"][0]))
            if rc:
                print("# exit status %d" % rc)
            print("# expected:")
            for l in c["exp"]:
                print("#   " + l)
            print("# got:")
            for l in got:
                print("#   " + l)
        else:
            print("ok %d - %s" % (n, c["cmd"][0]))
    if not update:
        out.extend(block)
    if i < len(lines):
        out.append(lines[i])
    i += 1
if update:
    sys.stdout.write("\n".join(out))
else:
    print("# %d examples, %d failed" % (n, fails))
    if n == 0:
        print("not ok - no examples found in %s" % guide)
        sys.exit(1)
sys.exit(1 if fails else 0)
PY
rc=$?
for h in guide scratch; do pymmctl heap destroy $h >/dev/null 2>&1; done
exit $rc
