#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# proc_files.sh - inside the guest (tests/vm/guest-check.sh, repo root): after a
# script fills a heap, every /proc/pymm file is non-empty, shows the heap,
# and agrees with what `pymmctl -j stats` / `pymmctl -j areas` report through
# the device: objects by type and their total, blocks, arenas, collections,
# the globals (type, refcount, id) and, while a script runs, its frame and
# locals.  A non-root reader does not see root's heap.  Exit 0 pass, 1 fail,
# 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm && -d /proc/pymm ]] || { echo "SKIP: no pymm"; exit 4; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 4; }

heap=pf$$
tmp=${TMPDIR:-/tmp}/proc_files.$$
mkdir -p "$tmp"
bg=
cleanup() {
	[[ -n $bg ]] && kill "$bg" 2>/dev/null && wait "$bg" 2>/dev/null
	"$CTL" heap destroy "$heap" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$CTL" heap create "$heap" --quota 8M || { echo "FAIL: heap create"; exit 1; }
"$CTL" stats >/dev/null || fail "the default heap"	# exists from here on
cat > "$tmp/fill.py" <<'PY'
import gc
class Node:
    pass
nums = []
for i in range(300):
    nums.append(i * 1000)
words = []
for i in range(50):
    words.append("w" + str(i))
table = {"a": nums, "b": words}
pair = (nums, words)
n = Node()
n.me = n
ratio = 0.5
del n
gc.collect()
PY
"$CTL" -H "$heap" run --keep "$tmp/fill.py" || fail "fill script"

# users: one row per uid account ("uid heaps clients held client_held
# quota"); uid 0 has none (not accounted), so uid 65534 makes a heap: root
# (an admin) sees its row, uid 65534 sees its own row only
[[ $(head -n 1 /proc/pymm/users) == *uid*heaps*clients*held*quota* ]] ||
	fail "/proc/pymm/users has no header: $(head -n 1 /proc/pymm/users)"
if command -v setpriv >/dev/null; then
	nb=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	"${nb[@]}" "$CTL" heap create "u$heap" --quota 1M >/dev/null || fail "uid 65534: heap create"
	awk '$1 == "65534" && $2 >= 1 { ok = 1 } END { exit !ok }' /proc/pymm/users ||
		fail "/proc/pymm/users has no row of uid 65534 with a heap: $(cat /proc/pymm/users)"
	"${nb[@]}" cat /proc/pymm/users | awk 'NR > 1 && $1 != "65534" { bad = 1 } END { exit bad }' ||
		fail "uid 65534 sees another uid's row in /proc/pymm/users"
	"${nb[@]}" "$CTL" heap destroy "u$heap" >/dev/null || fail "uid 65534: heap destroy"
fi

for f in summary heaps mallocstats arenas gc objects areas users; do
	# proc files have size 0: read one byte
	[[ -n $(head -c 1 /proc/pymm/$f) ]] || { fail "/proc/pymm/$f is empty"; continue; }
	[[ $(stat -c %a /proc/pymm/$f) == 444 ]] || fail "/proc/pymm/$f mode is not 0444"
	if [[ $f != summary && $f != users ]] && ! grep -q "^heap $heap (owner uid 0)$\|^$heap " /proc/pymm/$f; then
		fail "/proc/pymm/$f does not show heap $heap"
	fi
done

"$CTL" -H "$heap" -j stats > "$tmp/stats.json" || fail "pymmctl stats"
"$CTL" -H "$heap" -j areas > "$tmp/areas.json" || fail "pymmctl areas"

# A heap's section of a per-heap file: from its title to the next title.
section() {
	awk -v h="heap $heap (owner uid 0)" '
		$0 == h {on = 1; next}
		on && /^heap [^ ]* \(owner uid [0-9]+\)$/ {exit}
		on' "$1"
}
for f in mallocstats arenas gc objects areas; do section /proc/pymm/$f > "$tmp/$f"; done

python3 - "$tmp" "$heap" <<'PY' || fails=$((fails + 1))
import json, re, sys
tmp, heap = sys.argv[1], sys.argv[2]
st = json.load(open(tmp + "/stats.json"))
ar = json.load(open(tmp + "/areas.json"))
bad = []
def check(what, got, want):
    if got != want:
        bad.append("%s: /proc says %r, pymmctl says %r" % (what, got, want))

# objects: every type row, and the total, as stats' objects_by_type
rows = {}
lines = [l.split() for l in open(tmp + "/objects") if l.strip()]
check("objects header", lines[0], ["type", "objects", "bytes", "objsize"])
for p in lines[1:]:
    rows[p[0]] = (int(p[1]), int(p[2]), int(p[3]))
for t, n in st["heap_stats"]["objects_by_type"].items():
    check("objects %s" % t, rows.get(t, (None,))[0], n)
check("objects total", rows["total"][0], st["heap_stats"]["objects"])
check("objects bytes total", rows["total"][1], sum(r[1] for t, r in rows.items() if t != "total"))
for t, (n, b, avg) in rows.items():
    if (n == 0) != (b == 0) or (n and avg != b // n):
        bad.append("objects %s: count %d bytes %d objsize %d inconsistent" % (t, n, b, avg))
check("int objsize", rows["int"][2], 24)      # 16-byte header + value
check("int count >= 300", rows["int"][0] >= 300, True)

# heaps row
for line in open("/proc/pymm/heaps"):
    p = line.split()
    if p[0] == heap:
        check("heaps objects", int(p[5]), st["heap_stats"]["objects"])
        check("heaps bytes_held", int(p[4]), st["allocator"]["bytes_held"])

# mallocstats
ms = open(tmp + "/mallocstats").read()
def one(label):
    m = re.search(re.escape(label) + r" *= *([\d,]+)", ms)
    return int(m.group(1).replace(",", "")) if m else None
a = st["allocator"]
check("small blocks in use", one("# small blocks in use"), a["blocks_allocated"])
check("arenas current", one("# arenas allocated current"), a["arenas_current"])
check("mallocs", one("# mallocs total"), a["mallocs"])
for c in st["classes"]:
    m = re.search(r"^ *%d +%d +(\d+) +(\d+) +(\d+)$" % (c["index"], c["size"]), ms, re.M)
    check("class %d row" % c["index"], m and tuple(map(int, m.groups())),
          (c["pools"], c["blocks_in_use"], c["blocks_free"]))

# arenas: one map line per arena; class characters per class = pools
maps = [l.split()[3] for l in open(tmp + "/arenas") if re.match(r"^ +\d+ +\d+ +\d+  ", l)]
check("arena lines", len(maps), a["arenas_current"])
digits = "0123456789abcdefghijklmnopqrstuv"
for c in st["classes"]:
    check("pools of class %d in map" % c["index"],
          sum(m.count(digits[c["index"]]) for m in maps), c["pools"])

# gc: collections per generation
gens = [l.split() for l in open(tmp + "/gc") if re.match(r"^ +\d ", l)]
for g in range(3):
    check("gc gen %d collections" % g, int(gens[g][1]), st["gc"][g]["collections"])
    check("gc gen %d collected" % g, int(gens[g][2]), st["gc"][g]["collected"])
check("a collection happened", st["gc"][2]["collections"] >= 1, True)

# areas: globals as the tool sees them (type, refcount without its handle, id)
glob = {}
for l in open(tmp + "/areas"):
    m = re.match(r"^  (\w+) +-> (\w+) +refcnt (\d+) +id (\d+)$", l)
    if m:
        glob[m.group(1)] = (m.group(2), int(m.group(3)), int(m.group(4)))
want = {g["name"]: (g["type"], g["refcnt"], g["id"]) for g in ar["globals"]}
check("areas globals", glob, want)
for name, typ in (("nums", "list"), ("words", "list"), ("table", "dict"), ("pair", "tuple"),
                  ("Node", "type"), ("ratio", "float")):
    check("areas global %s type" % name, glob.get(name, ("missing",))[0], typ)
check("nums refcnt (name, dict, tuple)", glob["nums"][1], 3)
m = re.search(r"^heap: (\d+) objects, (\d+) bytes$", open(tmp + "/areas").read(), re.M)
check("areas heap line", m and (int(m.group(1)), int(m.group(2))),
      (rows["total"][0], rows["total"][1]))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# The stack area: a script stopped inside a function shows its frame and locals.
cat > "$tmp/spin.py" <<'PY'
def spin(limit):
    label = "spinning"
    items = [1, 2, 3]
    n = 0
    while n < limit:
        n = n + 1
    return n
spin(10000000)
PY
"$CTL" -H "$heap" run "$tmp/spin.py" & bg=$!
ok=
for _ in $(seq 1 100); do
	section /proc/pymm/areas > "$tmp/areas2"
	grep -q "^      label  *-> str " "$tmp/areas2" && { ok=1; break; }
	sleep 0.1
done
if [[ -z $ok ]]; then
	fail "no frame of the running script in /proc/pymm/areas"; cat "$tmp/areas2"
else
	grep -q "^  client [0-9]* (uid 0): 1 frames, " "$tmp/areas2" || fail "client line"
	grep -q "^    frame 0 spin: 4 locals$" "$tmp/areas2" || fail "frame line"
	for l in "limit  *-> int" "items  *-> list  *refcnt 1 " "n  *-> int"; do
		grep -q "^      $l" "$tmp/areas2" || fail "local '$l'"
	done
	# the tool prints the same stack, from the same file
	"$CTL" -H "$heap" areas > "$tmp/areas3" || fail "pymmctl areas"
	grep -q "^    frame 0 spin: 4 locals$" "$tmp/areas3" || fail "pymmctl areas: no frame"
fi
kill "$bg" 2>/dev/null; wait "$bg" 2>/dev/null; bg=
sed -n '1,12p' "$tmp/areas2"

# Bounded: more globals than the limit end in "... N more names".
python3 - "$tmp" <<'PY' > "$tmp/many.py"
for i in range(80):
    print("g%d = %d" % (i, i))
PY
"$CTL" -H "$heap" run --keep "$tmp/many.py" || fail "80 globals"
section /proc/pymm/areas > "$tmp/areas4"
n=$(grep -c '^  [a-zA-Z_0-9]* *-> ' "$tmp/areas4")
[[ $n == 64 ]] || fail "areas shows $n globals, want the first 64"
grep -q '^  \.\.\. [0-9]* more names$' "$tmp/areas4" || fail "no '... N more names'"

# Visibility: an unprivileged reader sees none of root's heaps.
if command -v setpriv >/dev/null; then
	for f in heaps objects areas mallocstats; do
		if setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/pymm/$f |
		   grep -q "$heap"; then
			fail "uid 65534 sees heap $heap in /proc/pymm/$f"
		fi
	done
	# root's default heap (made above by `stats`) is root's own, not public
	setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/pymm/objects |
		grep -q "^heap default " && fail "uid 65534 sees root's default heap"
else
	echo "note: no setpriv, visibility not checked"
fi

((fails == 0)) && echo "proc_files: all checks passed"
((fails == 0))
