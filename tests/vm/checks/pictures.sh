#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pictures.sh - inside the guest: the drawing commands of pymmctl against a
# heap a script filled (globals kept with run --keep):
#   arenas --map  one class row and one fill row per arena; the class row is
#                 /proc/pymm/arenas' map; -j pool figures add up to the
#                 allocator's per-class blocks in use
#   top -n        screens with size classes sorted by bytes; -j agrees
#   graph NAME    valid DOT (checked here, strictly) with the expected
#                 objects and references; --depth, --max bound it; `dot -Tpng`
#                 accepts it when graphviz is installed
#   areas         globals with type, refcount and id as /proc/pymm/areas
# Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm"; exit 4; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 4; }

heap=pic$$
tmp=${TMPDIR:-/tmp}/pictures.$$
mkdir -p "$tmp"
cleanup() { "$CTL" heap destroy "$heap" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
C() { "$CTL" -H "$heap" "$@"; }

"$CTL" heap create "$heap" || { echo "FAIL: heap create"; exit 1; }
C run --keep - <<'PY' || fail "fill script"
class Node:
    pass
root = Node()
root.name = "root"
kids = [1000, "two", (3.5, None)]
root.kids = kids
table = {"root": root, "kids": kids}
kids.append(table)
big = []
for i in range(4000):
    big.append([i, str(i)])
PY

# ---- arenas --map
C arenas --map > "$tmp/map" || fail "arenas --map"
C -j arenas > "$tmp/arenas.json" || fail "arenas -j"
C -j stats > "$tmp/stats.json" || fail "stats -j"
awk -v h="heap $heap (owner uid 0)" '$0 == h {on = 1; next}
	on && /^heap [^ ]* \(owner uid [0-9]+\)$/ {exit} on' /proc/pymm/arenas > "$tmp/proc_arenas"
python3 - "$tmp" <<'PY' || fails=$((fails + 1))
import json, re, sys
tmp = sys.argv[1]
st = json.load(open(tmp + "/stats.json"))
ar = json.load(open(tmp + "/arenas.json"))
lines = open(tmp + "/map").read().splitlines()
bad = []
cls_rows = [l for l in lines if re.match(r"^arena \d+ +[0-9a-v.#]{64}  class$", l)]
fill_rows = [l for l in lines if re.match(r"^ +\d+/\d+ used  [1-9.@#]{64}  fill$", l)]
n = st["allocator"]["arenas_current"]
if n < 2:
    bad.append("the script should have filled >= 2 arenas, got %d" % n)
if len(cls_rows) != n or len(fill_rows) != n:
    bad.append("map has %d class and %d fill rows for %d arenas" % (len(cls_rows), len(fill_rows), n))
proc = {int(l.split()[0]): l.split()[3] for l in open(tmp + "/proc_arenas")
        if re.match(r"^ +\d+ +\d+ +\d+  ", l)}
for r in cls_rows:
    serial, cells = int(r.split()[1]), r.split()[2]
    if proc.get(serial) != cells:
        bad.append("arena %d: map %s, /proc %s" % (serial, cells, proc.get(serial)))
for f in fill_rows:
    used, tot = map(int, f.split()[0].split("/"))
    cells = f.split()[2]
    if sum(c != "." for c in cells) != used:
        bad.append("fill row says %d pools used, draws %d" % (used, sum(c != "." for c in cells)))
if not any("@" in f for f in fill_rows):
    bad.append("no full pool drawn ('@'), though 4000 lists fill whole pools")
if "classes here:" not in lines or not any(l.startswith("fill:") for l in lines):
    if not any(l.startswith("classes here:") for l in lines):
        bad.append("no legend")
# -j: per class, blocks used summed over pools == the allocator's figure
used = {}
for a in ar["arenas"]:
    for p in a["pools"]:
        if "class" in p:
            used[p["class"]] = used.get(p["class"], 0) + p["used"]
want = {c["index"]: c["blocks_in_use"] for c in st["classes"]}
if used != want:
    bad.append("arenas -j blocks per class %r != stats %r" % (used, want))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
sed -n '1,7p' "$tmp/map"

# ---- top
C top -n 2 -d 0.2 > "$tmp/top" || fail "top"
[[ $(grep -c '^ pymm top - heap ' "$tmp/top") == 2 ]] || fail "top: want 2 screens"
grep -q $'\033' "$tmp/top" && fail "top: escape codes when not a terminal"
C -j top -n 1 > "$tmp/top.json" || fail "top -j"
python3 - "$tmp" <<'PY' || fails=$((fails + 1))
import json, re, sys
tmp = sys.argv[1]
st = json.load(open(tmp + "/stats.json"))
tj = json.load(open(tmp + "/top.json"))
bad = []
screen = open(tmp + "/top").read().split("\n\n pymm top")[0]
rows = [l.split() for l in screen.splitlines() if re.match(r"^ +\d+ +\d+ +\d+ +\d+ +\d+ +\d+% +\d+$", l)]
b = [int(r[6]) for r in rows]
if b != sorted(b, reverse=True) or not b:
    bad.append("top classes not sorted by bytes: %r" % b)
if len(rows) != len(st["classes"]):
    bad.append("top shows %d classes, stats %d" % (len(rows), len(st["classes"])))
if tj["objects"] != st["heap_stats"]["objects"]:
    bad.append("top -j objects %d != stats %d" % (tj["objects"], st["heap_stats"]["objects"]))
if sorted(c["bytes"] for c in tj["classes"]) != sorted(b):
    bad.append("top -j bytes differ from the screen")
for x in bad:
    print("FAIL:", x)
sys.exit(1 if bad else 0)
PY

# ---- graph: a strict check of the DOT we write (the subset graph_dot emits)
cat > "$tmp/dotcheck.py" <<'PY'
import re, sys
text = sys.stdin.read() if sys.argv[1] == "-" else open(sys.argv[1]).read()
lines = text.splitlines()
node_re = re.compile(r'^  (o\d+) \[label="((?:[^"\\]|\\.)*)", fillcolor="#[0-9a-f]{6}"\];$')
edge_re = re.compile(r'^  (o\d+) -> (o\d+);$')
if lines[0] != "digraph ObjectGraph {" or lines[-1] != "}":
    sys.exit("not a digraph block")
nodes, edges = {}, []
for l in lines[1:-1]:
    if l.startswith("  node [") or l.startswith("  edge [") or l.startswith("  // "):
        continue
    m = node_re.match(l)
    if m:
        if m.group(1) in nodes:
            sys.exit("node %s twice" % m.group(1))
        nodes[m.group(1)] = m.group(2)
        continue
    m = edge_re.match(l)
    if m:
        edges.append(m.groups())
        continue
    sys.exit("bad DOT line: %r" % l)
for a, b in edges:
    if a not in nodes or b not in nodes:
        sys.exit("edge %s -> %s to an undeclared node" % (a, b))
if len(set(edges)) != len(edges):
    sys.exit("duplicate edges")
print(len(nodes), len(edges))
for k, v in nodes.items():
    print(k, v.split("\\n")[0] if k != list(nodes)[0] else v.split("\\n")[1])
PY
C graph table > "$tmp/g.dot" || fail "graph"
python3 "$tmp/dotcheck.py" "$tmp/g.dot" > "$tmp/g.sum" || { fail "graph: invalid DOT"; cat "$tmp/g.dot"; }
for t in dict instance list str int tuple float NoneType; do
	grep -q " $t\$" "$tmp/g.sum" || fail "graph table: no $t node"
done
grep -q '^  o[0-9]* \[label="table\\ndict\\n2 items\\nrefcnt 2"' "$tmp/g.dot" ||
	fail "graph: root label (name, type, repr, refcount: name + list slot)"
grep -q 'label="str\\n'"'"'two'"'"'' "$tmp/g.dot" || fail "graph: short repr of a str"
grep -q 'label="int\\n1000\\n' "$tmp/g.dot" || fail "graph: short repr of an int"
# the cycle table -> kids -> table is drawn both ways
tid=$(grep -m1 -o '^  o[0-9]*' "$tmp/g.dot" | tr -d ' ')
kid=$(grep -o '^  o[0-9]* \[label="list\\n4 items' "$tmp/g.dot" | grep -o 'o[0-9]*')
grep -q "^  $tid -> $kid;" "$tmp/g.dot" && grep -q "^  $kid -> $tid;" "$tmp/g.dot" ||
	fail "graph: the table <-> kids cycle is not drawn"
C graph table --depth 0 | python3 "$tmp/dotcheck.py" - | head -n 1 | grep -q '^1 0$' ||
	fail "graph --depth 0: want just the object"
C graph big --max 5 | python3 "$tmp/dotcheck.py" - | head -n 1 | grep -q '^5 4$' ||
	fail "graph --max 5: want 5 objects"
C graph big --max 5 | grep -q '^  // 5 objects, 4 references, depth 3, [1-9][0-9]* referents left out' ||
	fail "graph --max: the cut is not reported"
C -j graph table > "$tmp/g.json" || fail "graph -j"
python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
n, e = open(sys.argv[2]).readline().split()
sys.exit(0 if (len(g["nodes"]), len(g["edges"])) == (int(n), int(e)) else 1)' \
	"$tmp/g.json" "$tmp/g.sum" || fail "graph -j differs from the DOT"
C graph -o "$tmp/o.dot" table && cmp -s "$tmp/o.dot" "$tmp/g.dot" || fail "graph -o FILE"
C graph nosuchname 2> "$tmp/err" && fail "graph of an unbound name succeeded"
grep -q "NameError: name 'nosuchname' is not defined" "$tmp/err" || fail "graph: NameError message"
if command -v dot >/dev/null; then
	dot -Tpng "$tmp/g.dot" -o "$tmp/g1.png" || fail "dot -Tpng rejects our DOT"
	C graph table -o "$tmp/g.png" || fail "graph -o x.png"
	head -c 8 "$tmp/g.png" | od -An -tx1 | grep -q '89 50 4e 47' || fail "graph -o x.png: not a PNG"
	C graph table --format svg > "$tmp/g.svg" && grep -q '<svg' "$tmp/g.svg" || fail "--format svg"
else
	echo "note: graphviz (dot) not installed: PNG/SVG rendering not exercised"
	C graph table --format png -o "$tmp/g.png" 2> "$tmp/err" && fail "png without dot succeeded"
	grep -q "cannot run dot" "$tmp/err" || fail "png without dot: no message"
fi

# ---- areas: globals as /proc/pymm/areas shows them
C areas > "$tmp/areas" || fail "areas"
awk -v h="heap $heap (owner uid 0)" '$0 == h {on = 1; next}
	on && /^heap [^ ]* \(owner uid [0-9]+\)$/ {exit} on' /proc/pymm/areas > "$tmp/proc_areas"
grep ' -> ' "$tmp/areas" | sort > "$tmp/a1"
grep '^  [^ ].* -> ' "$tmp/proc_areas" | sort > "$tmp/a2"
[[ -s $tmp/a1 ]] && diff "$tmp/a1" "$tmp/a2" || fail "areas globals differ from /proc/pymm/areas"
grep -q '^  root  *-> instance  *refcnt 2 ' "$tmp/areas" || fail "areas: root (name + table)"
C -j areas | python3 -m json.tool > /dev/null || fail "areas -j is not JSON"

((fails == 0)) && echo "pictures: all checks passed"
((fails == 0))
