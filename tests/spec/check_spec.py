#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check_spec.py - keep docs/netlink/pymm.yaml and module/uapi/pymm.h in step.

The generic netlink family is described twice: by the C enums of the uapi
header (what the kernel and the tools compile against) and by the YAML spec in
the kernel's genetlink-c format (docs/netlink/pymm.yaml).  This test fails if
they disagree anywhere, in either direction:

  - family name, version, constants and the multicast group name;
  - every command (operations), attribute (attribute-sets) and definition
    enum: same names, same values; nothing in the header missing from the
    spec, nothing in the spec missing from the header;
  - every netlink enum of the header (PYMM_CMD_*, PYMM_A_*, PYMM_EV_*) is
    described by the spec;
  - every stats field list of the header (PYMM_*_FIELDS(X)): each row's
    attribute is in the attribute set its enum expands it into, with the
    row's type (u32/u64), so a field added to a record reaches the spec;
  - the spec refers only to what it defines (attributes of an operation,
    nested sets, enums, groups).

Header values come from the C compiler (a generated program prints every
enumerator), so that any expression the header uses is evaluated exactly.
The YAML is read with PyYAML when installed, else with the small parser
below, which reads the subset the spec uses; when both exist they must agree,
so the fallback is tested too.

Then, unless --no-mutations, the checker proves it can fail: it adds a
command to a copy of the header, drops an attribute from a copy of the spec,
and changes a value, and expects each copy to be rejected.

usage: check_spec.py [--spec FILE] [--header FILE] [--no-mutations] [-v]
exit:  0 in step, 1 out of step (each difference printed), 2 usage/tooling.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEF_SPEC = os.path.join(TOP, "docs", "netlink", "pymm.yaml")
DEF_HEADER = os.path.join(TOP, "module", "uapi", "pymm.h")

NETLINK_ENUM_PREFIXES = ("PYMM_CMD_", "PYMM_A_", "PYMM_EV_")


# --------------------------------------------------------------- mini YAML

class YamlError(Exception):
    pass


def _scalar(text):
    t = text.strip()
    if t == "":
        return None
    if t[0] == "'" and t[-1] == "'" and len(t) >= 2:
        return t[1:-1].replace("''", "'")
    if t[0] == '"' and t[-1] == '"' and len(t) >= 2:
        return bytes(t[1:-1], "utf-8").decode("unicode_escape")
    if t[0] == "[":
        if t[-1] != "]":
            raise YamlError("unterminated flow sequence: %s" % t)
        inner = t[1:-1].strip()
        return [_scalar(x) for x in inner.split(",")] if inner else []
    if t in ("true", "True"):
        return True
    if t in ("false", "False"):
        return False
    if re.fullmatch(r"-?(0x[0-9a-fA-F]+|\d+)", t):
        return int(t, 0)
    return t


def _strip_comment(line):
    # a '#' starts a comment at line start or after a blank, outside quotes
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def mini_yaml_load(text):
    """Block mappings, '-' sequences, flow lists, '|' blocks, plain scalars."""
    raw = text.split("\n")
    lines = []  # (indent, content, raw index)
    for i, l in enumerate(raw):
        c = _strip_comment(l)
        if c.strip():
            lines.append((len(c) - len(c.lstrip(" ")), c.strip(), i))
    pos = [0]

    def block_scalar(parent_indent, raw_idx):
        out = []
        j = raw_idx + 1
        ind = None
        while j < len(raw):
            l = raw[j]
            if l.strip() == "":
                out.append("")
                j += 1
                continue
            cur = len(l) - len(l.lstrip(" "))
            if cur <= parent_indent:
                break
            if ind is None:
                ind = cur
            out.append(l[ind:])
            j += 1
        while pos[0] < len(lines) and lines[pos[0]][2] < j:
            pos[0] += 1
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n"

    def parse_node(indent):
        if pos[0] >= len(lines):
            return None
        ind, content, _ = lines[pos[0]]
        if ind < indent:
            return None
        if content == "-" or content.startswith("- "):
            return parse_seq(ind)
        return parse_map(ind)

    def parse_seq(indent):
        out = []
        while pos[0] < len(lines):
            ind, content, _ = lines[pos[0]]
            if ind != indent or not (content == "-" or content.startswith("- ")):
                break
            pos[0] += 1
            rest = content[1:].strip()
            if rest == "":
                out.append(parse_node(indent + 1))
            else:
                out.append(_scalar(rest))
        return out

    def parse_map(indent):
        out = {}
        while pos[0] < len(lines):
            ind, content, raw_idx = lines[pos[0]]
            if ind != indent:
                if ind > indent:
                    raise YamlError("line %d: unexpected indent" % (raw_idx + 1))
                break
            m = re.match(r"([A-Za-z0-9_-]+):(?:\s+(.*))?$", content)
            if not m:
                raise YamlError("line %d: not a key: %s" % (raw_idx + 1, content))
            key, val = m.group(1), m.group(2)
            pos[0] += 1
            if val is None or val == "":
                out[key] = parse_node(indent + 1)
            elif val.strip() == "|":
                out[key] = block_scalar(indent, raw_idx)
            else:
                out[key] = _scalar(val)
        return out

    doc = parse_node(0)
    if pos[0] != len(lines):
        raise YamlError("line %d: trailing content" % (lines[pos[0]][2] + 1))
    return doc


def load_spec(path, verbose=False):
    with open(path) as f:
        text = f.read()
    mini = mini_yaml_load(text)
    try:
        import yaml  # noqa: PLC0415
    except ImportError:
        if verbose:
            print("# PyYAML not installed: using the built-in parser")
        return mini
    full = yaml.safe_load(text)
    if full != mini:
        raise YamlError("built-in YAML parser disagrees with PyYAML on %s" % path)
    return full


# ------------------------------------------------------------------ header

def header_enums(text):
    """{enum name: [enumerator names]} for every enum of the header."""
    body = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    body = re.sub(r"//[^\n]*", " ", body)
    enums = {}
    for m in re.finditer(r"\benum\s+(\w+)\s*\{(.*?)\}\s*;", body, re.S):
        names = []
        for item in m.group(2).split(","):
            item = item.strip()
            if item:
                names.append(re.match(r"(\w+)", item).group(1))
        enums[m.group(1)] = names
    return enums


def preprocess(header):
    """The header as the compiler sees it: enums declared through X-macro
    lists (PYMM_OPS, the stats field lists) expanded."""
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise RuntimeError("no C compiler (cc) to read the header")
    r = subprocess.run([cc, "-E", "-P", "-std=gnu11", header], capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError("cannot preprocess the header:\n" + r.stderr)
    return r.stdout


def field_lists(header, text):
    """The stats field lists of the header (PYMM_*_FIELDS(X), rows
    X(type, field, ATTR, value)), each with the attribute set its enum
    expands it into: [(list, C attribute prefix, [(ATTR, type, value)])]."""
    lists = re.findall(r"^#define\s+(PYMM_\w+_FIELDS)\(X\)", text, re.M)
    where = dict(re.findall(r"\b(PYMM_\w+_FIELDS)\((PYMM_A_[A-Z]+_)ROW\)", text))
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    prog = ["#include <stdio.h>", '#include "%s"' % os.path.abspath(header),
            '#define PROBE_ROW(t, f, A, v) printf("%s %s %s %d\\n", list, #A, #t, (int)(v));',
            "int main(void)", "{", "\tconst char *list;"]
    for l in lists:
        prog += ['\tlist = "%s";' % l, "\t%s(PROBE_ROW)" % l]
    prog += ["\treturn 0;", "}"]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "fields.c")
        exe = os.path.join(tmp, "fields")
        with open(src, "w") as f:
            f.write("\n".join(prog) + "\n")
        r = subprocess.run([cc, "-std=gnu11", "-o", exe, src], capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError("cannot compile the field-list probe:\n" + r.stderr)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    rows = {l: [] for l in lists}
    for line in out.splitlines():
        l, attr, typ, v = line.split()
        rows[l].append((attr, typ, int(v)))
    return [(l, where.get(l), rows[l]) for l in lists]


def header_defines(text):
    return re.findall(r"^#define\s+(PYMM_GENL_\w+)\s", text, re.M)


def header_values(header, enums, defines):
    """Values as the compiler sees them: {name: int or str}."""
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise RuntimeError("no C compiler (cc) to evaluate the header")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "probe.c")
        exe = os.path.join(tmp, "probe")
        with open(src, "w") as f:
            f.write(probe_program(header, enums, defines))
        r = subprocess.run([cc, "-std=gnu11", "-o", exe, src], capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError("cannot compile the header probe:\n" + r.stderr)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    vals = {}
    for line in out.splitlines():
        k, v = line.split("=", 1)
        vals[k] = v[1:-1] if v.startswith('"') else int(v)
    return vals


def probe_program(header, enums, defines):
    """A C program printing NAME=value for every enumerator and define."""
    lines = [
        "#include <stdio.h>",
        '#include "%s"' % os.path.abspath(header),
        "static void print_s(const char *n, const char *s) "
        '{ printf("%s=\\"%s\\"\\n", n, s); }',
        "static void print_n(const char *n, long long v) "
        '{ printf("%s=%lld\\n", n, v); }',
        "#define PRINT_ANY(n, x) _Generic((x), char *: print_s, "
        "const char *: print_s, default: print_n)(n, x)",
        "int main(void)",
        "{",
    ]
    for names in enums.values():
        for n in names:
            lines.append('\tprint_n("%s", (long long)%s);' % (n, n))
    for d in defines:
        lines.append('\tPRINT_ANY("%s", %s);' % (d, d))
    lines += ["\treturn 0;", "}"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ compare

def c_name(*parts):
    return "".join(parts).upper().replace("-", "_")


def is_limit(name):
    return name.startswith("__") or name.endswith("_MAX")


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, msg):
        self.errors.append(msg)

    def compare_enum(self, what, enum, hdr_enums, vals, want):
        """want: {C name: value} from the spec, against the header's enum."""
        if enum not in hdr_enums:
            self.err("%s: enum %s is not in the header" % (what, enum))
            return
        have = {n: vals[n] for n in hdr_enums[enum] if not is_limit(n)}
        for n, v in sorted(want.items(), key=lambda kv: kv[1]):
            if n not in have:
                self.err("%s: %s (= %d) is in the spec, not in the header" % (what, n, v))
            elif have[n] != v:
                self.err("%s: %s is %d in the header, %d in the spec" % (what, n, have[n], v))
        for n, v in sorted(have.items(), key=lambda kv: kv[1]):
            if n not in want:
                self.err("%s: %s (= %d) is in the header, not in the spec" % (what, n, v))


def check(spec_path, header_path, verbose=False):
    c = Checker()
    try:
        spec = load_spec(spec_path, verbose)
    except (OSError, YamlError) as e:
        return ["spec: %s" % e]
    with open(header_path) as f:
        htext = f.read()
    hdr_enums = {k: v for k, v in header_enums(preprocess(header_path)).items()
                 if k.startswith("pymm_")}
    defines = header_defines(htext)
    vals = header_values(header_path, hdr_enums, defines)
    covered = set()

    # family
    fam_define = c_name(spec.get("c-family-name", spec["name"] + "-genl-name"))
    if vals.get(fam_define) != spec["name"]:
        c.err("family: %s is %r in the header, spec name is %r"
              % (fam_define, vals.get(fam_define), spec["name"]))
    ver_define = c_name(spec.get("c-version-name", spec["name"] + "-genl-version"))
    if vals.get(ver_define) != spec.get("version", 1):
        c.err("family: %s is %r in the header, spec version is %r"
              % (ver_define, vals.get(ver_define), spec.get("version", 1)))

    # definitions
    defs = {}
    for d in spec.get("definitions", []):
        defs[d["name"]] = d
        if d["type"] == "const":
            n = c_name(spec["name"] + "-", d["name"])
            if vals.get(n) != d["value"]:
                c.err("definition %s: %s is %r in the header, %r in the spec"
                      % (d["name"], n, vals.get(n), d["value"]))
        elif d["type"] in ("enum", "flags"):
            prefix = d.get("name-prefix", spec["name"] + "-" + d["name"] + "-")
            start = d.get("value-start", 0)
            want = {}
            for i, e in enumerate(d["entries"]):
                ename = e["name"] if isinstance(e, dict) else e
                v = e.get("value", start + i) if isinstance(e, dict) else start + i
                if d["type"] == "flags":
                    v = 1 << v
                want[c_name(prefix, ename)] = v
            enum = c_name(d.get("enum-name", spec["name"] + "-" + d["name"])).lower()
            covered.add(enum)
            c.compare_enum("definition " + d["name"], enum, hdr_enums, vals, want)

    # attribute sets
    sets = {s["name"]: s for s in spec.get("attribute-sets", [])}
    for s in spec.get("attribute-sets", []):
        prefix = s.get("name-prefix", spec["name"] + "-a-" + s["name"] + "-")
        enum = c_name(s.get("enum-name", spec["name"] + "-" + s["name"])).lower()
        covered.add(enum)
        want = {}
        nxt = 1
        for a in s["attributes"]:
            v = a.get("value", nxt)
            nxt = v + 1
            want[c_name(prefix, a["name"])] = v
            if a.get("nested-attributes") and a["nested-attributes"] not in sets:
                c.err("set %s: %s nests unknown set %s" % (s["name"], a["name"],
                                                         a["nested-attributes"]))
            if a.get("type") == "nest" and not a.get("nested-attributes"):
                c.err("set %s: nest %s names no nested-attributes" % (s["name"], a["name"]))
            if a.get("enum") and a["enum"] not in defs:
                c.err("set %s: %s uses unknown enum %s" % (s["name"], a["name"], a["enum"]))
        c.compare_enum("attribute-set " + s["name"], enum, hdr_enums, vals, want)

    # stats field lists: each row an attribute of its set, of the row's type
    by_prefix = {c_name(s.get("name-prefix", spec["name"] + "-a-" + s["name"] + "-")): s
                 for s in spec.get("attribute-sets", [])}
    nfields = 0
    for lname, prefix, rows in field_lists(header_path, htext):
        aset = by_prefix.get(prefix)
        if not aset:
            c.err("field list %s: no attribute set with prefix %s in the spec" % (lname, prefix))
            continue
        attrs = {c_name(prefix, a["name"]): a for a in aset["attributes"]}
        for attr, typ, v in rows:
            nfields += 1
            a = attrs.get(prefix + attr)
            if not a:
                c.err("field list %s: %s%s is not in set %s" % (lname, prefix, attr, aset["name"]))
            elif a.get("type") != typ:
                c.err("field list %s: %s%s is %s in the header, %s in the spec"
                      % (lname, prefix, attr, typ, a.get("type")))

    # operations
    ops = spec.get("operations", {})
    prefix = ops.get("name-prefix", spec["name"] + "-cmd-")
    enum = c_name(ops.get("enum-name", spec["name"] + "-cmd")).lower()
    covered.add(enum)
    groups = {g["name"]: g for g in spec.get("mcast-groups", {}).get("list", [])}
    want = {}
    nxt = 0
    for op in ops.get("list", []):
        v = op.get("value", nxt)
        nxt = v + 1
        want[c_name(prefix, op["name"])] = v
        aset = sets.get(op.get("attribute-set"))
        if op.get("attribute-set") and not aset:
            c.err("operation %s: unknown attribute-set %s" % (op["name"], op["attribute-set"]))
        for mode in ("do", "dump"):
            for part in ("request", "reply"):
                attrs = ((op.get(mode) or {}).get(part) or {}).get("attributes", [])
                for a in attrs:
                    if aset and a not in [x["name"] for x in aset["attributes"]]:
                        c.err("operation %s: %s %s names %s, not in set %s"
                              % (op["name"], mode, part, a, aset["name"]))
        for a in (op.get("event") or {}).get("attributes", []):
            if aset and a not in [x["name"] for x in aset["attributes"]]:
                c.err("operation %s: event names %s, not in set %s" % (op["name"], a, aset["name"]))
        if op.get("mcgrp") and op["mcgrp"] not in groups:
            c.err("operation %s: unknown mcgrp %s" % (op["name"], op["mcgrp"]))
    c.compare_enum("operations", enum, hdr_enums, vals, want)

    # multicast groups
    spec_group_defs = set()
    for g in groups.values():
        n = c_name(g.get("c-define-name", spec["name"] + "-mcgrp-" + g["name"]))
        spec_group_defs.add(n)
        if vals.get(n) != g["name"]:
            c.err("mcast group %s: %s is %r in the header" % (g["name"], n, vals.get(n)))
    for d in defines:
        if d.startswith("PYMM_GENL_MCGRP_") and d not in spec_group_defs:
            c.err("mcast group: %s = %r is in the header, not in the spec" % (d, vals.get(d)))

    # every netlink enum of the header is described
    for ename, names in hdr_enums.items():
        if any(n.startswith(NETLINK_ENUM_PREFIXES) for n in names) and ename not in covered:
            c.err("header: enum %s (%s...) is described nowhere in the spec" % (ename, names[0]))
    if verbose:
        print("# %d enums, %d attribute sets, %d stats fields, %d operations, %d groups checked"
              % (len(covered), len(sets), nfields, len(ops.get("list", [])), len(groups)))
    return c.errors


# ---------------------------------------------------------------- mutations

def mutation_tests(spec_path, header_path):
    """Each broken copy must be rejected; returns the mutations that were not."""
    with open(spec_path) as f:
        spec = f.read()
    with open(header_path) as f:
        header = f.read()
    cases = []
    # header-only changes: (what, text in the header, what it becomes)
    for name, old, new in (
            ("command added to the header only", "\t__PYMM_CMD_MAX,",
             "\tPYMM_CMD_SPEC_PROBE,\n\t__PYMM_CMD_MAX,"),
            ("attribute added to the header only", "\t__PYMM_A_HEAP_MAX,",
             "\tPYMM_A_HEAP_SPEC_PROBE,\n\t__PYMM_A_HEAP_MAX,"),
            ("stats field type changed in the header", "X(u64, bad_frees,", "X(u32, bad_frees,"),
            ("stats field added to the header only", "\tX(u64, debug_quarantined,",
             "\tX(u64, spec_probe, SPEC_PROBE, 33) \\\n\tX(u64, debug_quarantined,"),
            ("group renamed in the header", '"events"', '"evnts"')):
        if old in header:
            cases.append((name, spec, header.replace(old, new, 1)))
    m = re.search(r"\n      -\n        name: owner-uid\n(        .*\n)+?(?=      -\n)", spec)
    if m:
        cases.append(("attribute dropped from the spec", spec[:m.start()] + "\n" + spec[m.end():],
                      header))
    m = re.search(r"(name: heap-del\n      value: )(\d+)", spec)
    if m:
        cases.append(("command value changed in the spec",
                      spec[:m.start(2)] + "42" + spec[m.end(2):], header))
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, s, h in cases:
            sp = os.path.join(tmp, "pymm.yaml")
            hp = os.path.join(tmp, "pymm.h")
            with open(sp, "w") as f:
                f.write(s)
            with open(hp, "w") as f:
                f.write(h)
            if not check(sp, hp):
                failed.append(name)
    return len(cases), failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spec", default=DEF_SPEC)
    ap.add_argument("--header", default=DEF_HEADER)
    ap.add_argument("--no-mutations", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    try:
        errors = check(args.spec, args.header, args.verbose)
    except RuntimeError as e:
        print("check_spec: %s" % e, file=sys.stderr)
        return 2
    for e in errors:
        print("not in step: %s" % e)
    if errors:
        print("check_spec: %s and %s disagree (%d differences)"
              % (os.path.relpath(args.spec), os.path.relpath(args.header), len(errors)))
        return 1
    if not args.no_mutations:
        n, failed = mutation_tests(args.spec, args.header)
        for name in failed:
            print("check_spec: self-test: not caught: %s" % name)
        if failed or n < 4:
            print("check_spec: self-test failed (%d of %d mutations caught)"
                  % (n - len(failed), n))
            return 1
        if args.verbose:
            print("# self-test: %d of %d mutations caught" % (n, n))
    print("check_spec: %s matches %s" % (os.path.relpath(args.spec), os.path.relpath(args.header)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
