#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Line coverage of pymm's C sources from gcc's gcov (issue #16 item 6).

  coverage.py gcov --objdir DIR [--strip PREFIX] --out OUT SRC...
      run gcov (JSON) on each SRC, its .gcno/.gcda in DIR/dirname(SRC
      without PREFIX); write OUT/lines.json (per file: executable lines,
      covered lines, function of each line) and print the table.
  coverage.py merge --out OUT [--base KERNEL.json] JSON...
      a line counts as covered when any run covered it.  With --base only
      the files of that run and only its executable lines count (the
      module's build is what ships: lines the user-space build alone
      compiles, such as platform_user.c, are left out).
  coverage.py uncovered [--top N] JSON
      per file, the functions with uncovered lines (count, first line).

The table: "file lines covered percent", then one line per directory and
the total.  Used by `make unit-coverage` and tests/vm/coverage.sh.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict


def gcov_one(src, objdir):
    """{'exe': set, 'cov': set, 'fn': {line: name}} of SRC, or None."""
    objdir = os.path.abspath(objdir)
    r = subprocess.run(['gcov', '--json-format', '--stdout', '-o', objdir,
                        os.path.abspath(src)],
                       capture_output=True, cwd=objdir)
    if r.returncode != 0 or not r.stdout:
        return None
    exe, cov, fn = set(), set(), {}
    base = os.path.normpath(src)
    for doc in r.stdout.decode().splitlines():
        if not doc.strip():
            continue
        for f in json.loads(doc).get('files', []):
            if not os.path.normpath(f['file']).endswith(base):
                continue
            for ln in f['lines']:
                n = ln['line_number']
                exe.add(n)
                if ln['count'] > 0:
                    cov.add(n)
                if 'function_name' in ln:
                    fn[n] = ln['function_name']
    return {'exe': exe, 'cov': cov, 'fn': fn}


def table(data):
    rows, groups = [], defaultdict(lambda: [0, 0])
    tn = tc = 0
    for f in sorted(data):
        n, c = len(data[f]['exe']), len(data[f]['cov'] & data[f]['exe'])
        rows.append((f, n, c))
        g = os.path.dirname(f) + '/*.c'
        groups[g][0] += n
        groups[g][1] += c
        tn += n
        tc += c
    out = []
    pct = lambda c, n: '%.1f' % (100.0 * c / n) if n else '-'
    for f, n, c in rows:
        out.append('%-40s %6d %6d %6s' % (f, n, c, pct(c, n)))
    for g in sorted(groups):
        n, c = groups[g]
        out.append('%-40s %6d %6d %6s' % (g, n, c, pct(c, n)))
    out.append('%-40s %6d %6d %6s' % ('total', tn, tc, pct(tc, tn)))
    return '\n'.join(out) + '\n'


def save(data, out):
    os.makedirs(out, exist_ok=True)
    ser = {f: {'exe': sorted(d['exe']), 'cov': sorted(d['cov']),
               'fn': {str(k): v for k, v in d['fn'].items()}}
           for f, d in data.items()}
    with open(os.path.join(out, 'lines.json'), 'w') as fp:
        json.dump(ser, fp)
    t = table(data)
    with open(os.path.join(out, 'summary.txt'), 'w') as fp:
        fp.write(t)
    sys.stdout.write(t)


def load(path):
    with open(path) as fp:
        raw = json.load(fp)
    return {f: {'exe': set(d['exe']), 'cov': set(d['cov']),
                'fn': {int(k): v for k, v in d['fn'].items()}}
            for f, d in raw.items()}


def cmd_gcov(a):
    data, missing = {}, []
    for src in a.src:
        rel = src[len(a.strip):] if a.strip and src.startswith(a.strip) else src
        d = gcov_one(src, os.path.join(a.objdir, os.path.dirname(rel)))
        if d is None:
            missing.append(src)
            continue
        data[src] = d
    save(data, a.out)
    for m in missing:
        print('coverage: no counters for %s' % m, file=sys.stderr)
    return 1 if missing else 0


def cmd_merge(a):
    runs = [load(p) for p in a.json]
    base = load(a.base) if a.base else None
    files = set(base) if base else set().union(*runs)
    data = {}
    for f in files:
        exe = set(base[f]['exe']) if base else set().union(
            *(r[f]['exe'] for r in runs if f in r))
        cov, fn = set(), {}
        for r in ([base] if base else []) + runs:
            if f in r:
                cov |= r[f]['cov']
                fn.update(r[f]['fn'])
        data[f] = {'exe': exe, 'cov': cov & exe, 'fn': fn}
    save(data, a.out)
    return 0


def cmd_uncovered(a):
    data = load(a.json)
    for f in sorted(data):
        d = data[f]
        miss = sorted(d['exe'] - d['cov'])
        if not miss:
            continue
        # a line's function: the nearest function start at or above it
        starts = sorted(d['fn'].items())
        by = defaultdict(list)
        for n in miss:
            name = '?'
            for s, nm in starts:
                if s > n:
                    break
                name = nm
            by[name].append(n)
        parts = sorted(by.items(), key=lambda kv: -len(kv[1]))[:a.top]
        print('%s: %d uncovered: %s' % (f, len(miss), ', '.join(
            '%s %d (l.%d)' % (nm, len(ls), ls[0]) for nm, ls in parts)))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = p.add_subparsers(dest='cmd', required=True)
    g = sub.add_parser('gcov')
    g.add_argument('--objdir', required=True)
    g.add_argument('--strip', default='')
    g.add_argument('--srcdir', default='.')
    g.add_argument('--out', required=True)
    g.add_argument('src', nargs='+')
    m = sub.add_parser('merge')
    m.add_argument('--out', required=True)
    m.add_argument('--base')
    m.add_argument('json', nargs='+')
    u = sub.add_parser('uncovered')
    u.add_argument('--top', type=int, default=6)
    u.add_argument('json')
    a = p.parse_args()
    if a.cmd == 'gcov':
        os.chdir(a.srcdir)
        return cmd_gcov(a)
    return {'merge': cmd_merge, 'uncovered': cmd_uncovered}[a.cmd](a)


if __name__ == '__main__':
    sys.exit(main())
