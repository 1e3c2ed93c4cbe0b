#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# json.sh - inside the guest (run by tests/vm/guest-check.sh from the repo
# root, as root): `pymmctl -j` output of every command that prints data
# parses as JSON, over the device and over netlink, with -j before the
# command and after the subcommand, on a heap a script left objects in; the
# picture commands too where this pymmctl has them; `top -j` and `monitor -j`
# print JSON Lines.  Outputs are kept and checked by ONE python3 at the end
# (each python3 start costs seconds under TCG).  Exit 0 pass, 1 fail, 4 skip.
set -u
cd "$(dirname "$(readlink -f "$0")")/../../.." || exit 1
CTL=${PYMMCTL:-userspace/pymmctl}
[[ -x $CTL ]] || { echo "SKIP: no $CTL"; exit 4; }
[[ -c /dev/pymm ]] || { echo "SKIP: no /dev/pymm (module not loaded)"; exit 4; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 4; }

T=$(mktemp -d "${TMPDIR:-/tmp}/json.XXXXXX") || exit 1
H=json.heap-$$
trap '"$CTL" heap destroy "$H" >/dev/null 2>&1; rm -rf "$T"' EXIT
fails=0 n=0

# keep KIND ARGS...: run `pymmctl ARGS`, keep stdout for the final check as
# KIND "doc" (one JSON document) or "lines" (JSON Lines); a failing pymmctl
# fails at once.
keep() {
	local kind=$1; shift
	n=$((n + 1))
	if "$CTL" "$@" >"$T/out.$n" 2>"$T/err"; then
		printf '%s\t%s\n' "$kind" "$*" >"$T/cmd.$n"
	else
		echo "FAIL: pymmctl $* exited $?: $(head -c 300 "$T/err")"
		fails=$((fails + 1))
		rm -f "$T/out.$n"
	fi
}
has_cmd() { "$CTL" --help | grep -qE "^  $1( |$)"; }

"$CTL" heap create "$H" --quota 16M || { echo "FAIL: heap create $H"; exit 1; }
cat >"$T/s.py" <<'PY'
class K:
    pass
keep = [K(), {"a": 1, "b": 2.5}, (1, "x"), b"bytes"]
keep.append(keep)
PY
"$CTL" -H "$H" run --keep "$T/s.py" || { echo "FAIL: run --keep"; fails=$((fails + 1)); }

for tr in "" --netlink; do
	keep doc $tr -j heap list
	keep doc $tr heap list -j
	keep doc $tr -j heap show "$H"
	keep doc $tr heap show "$H" --json
	keep doc $tr -H "$H" -j stats
	keep doc $tr -H "$H" stats -j
	keep doc $tr -H "$H" -j verify
	keep doc $tr -H "$H" -j gc stats
	keep doc $tr -H "$H" gc stats -j
	keep doc $tr -H "$H" -j gc show
	keep doc $tr -H "$H" -j gc collect
	keep doc $tr -H "$H" -j gc collect 1
done
# the picture commands (userspace/tool/pictures.c), where present
has_cmd arenas && keep doc -H "$H" -j arenas && keep doc -H "$H" -j arenas --map
has_cmd areas && keep doc -H "$H" -j areas
has_cmd graph && keep doc -H "$H" -j graph keep --depth 2
has_cmd top && keep lines -H "$H" -j top -n 2 -d 1

# monitor: JSON Lines, one per event
"$CTL" -j monitor --count 2 --kind gc-collect --timeout 20 >"$T/ev" 2>"$T/ev.err" &
pid=$!
for _ in $(seq 100); do grep -q "monitoring events" "$T/ev.err" && break; sleep 0.1; done
"$CTL" -H "$H" gc collect >/dev/null
"$CTL" -H "$H" gc collect 0 >/dev/null
n=$((n + 1))
if wait "$pid"; then
	mv "$T/ev" "$T/out.$n"; printf 'lines\t-j monitor --count 2 --kind gc-collect\n' >"$T/cmd.$n"
else
	echo "FAIL: monitor -j: $(cat "$T/ev.err")"; fails=$((fails + 1))
fi

python3 - "$T" "$H" <<'PY' || fails=$((fails + $?))
import glob, json, os, sys
d, heap = sys.argv[1:3]
bad = 0
outs = sorted(glob.glob(os.path.join(d, "out.*")), key=lambda p: int(p.rsplit(".", 1)[1]))
for out in outs:
    kind, cmd = open(out.replace("out.", "cmd.")).read().rstrip("\n").split("\t", 1)
    text = open(out).read()
    try:
        if kind == "doc":
            docs = [json.loads(text)]
        else:
            docs = [json.loads(l) for l in text.splitlines()]
            if len(docs) != 2:
                raise ValueError("%d lines, wanted 2" % len(docs))
        print("ok: pymmctl %s (%d bytes, %d JSON document(s))" % (cmd, len(text), len(docs)))
    except ValueError as e:
        print("FAIL: pymmctl %s: not JSON (%s): %r" % (cmd, e, text[:300]))
        bad += 1
        continue
    # the values, not only the syntax
    if cmd == "-j heap show " + heap:
        h = docs[0]
        if h["name"] != heap or h["quota"] != 16 << 20 or not h["objects"] or not h["bytes_held"]:
            print("FAIL: heap show -j values: %r" % h)
            bad += 1
        else:
            print("ok: heap show -j: name, quota 16M and %d objects" % h["objects"])
    if "monitor" in cmd and any(e["event"] != "gc-collect" or e["heap"] != heap for e in docs):
        print("FAIL: monitor -j: %r" % docs)
        bad += 1
print("json: %d of %d outputs valid" % (len(outs) - bad, len(outs)))
sys.exit(min(bad, 100))
PY
echo "json: $fails failure(s) in $n outputs"
((fails == 0))
