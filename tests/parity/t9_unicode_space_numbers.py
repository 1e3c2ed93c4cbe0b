# int() and float() of Unicode digits and white space, float()'s grammar
# (no hex, underscores between digits), split/rsplit/strip on Unicode white
# space and strip() of non-ASCII characters, as CPython 3.11.
import gc

gc.collect()

for s in ["1.5", " 2_000.25\t", "1e3", "-inf", "Infinity", "nan", "0x10", "1__0", "_1", "1_", "1.5x", "  ", "", "١٫٥", "١٢.٥", "+.5", "5.", "in", "infinityy", "nan(1)", "1e", "\u20031.5\u2003", "'q'"]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print("ValueError", e)
for s in ["١٢٣", " ٤٥ ", "12\u00a0", "१२", "1_2", "x"]:
    try:
        print(repr(s), int(s), int(s, 0) if s.strip().isdigit() else "")
    except ValueError as e:
        print("ValueError", e)
for s in ["  a b  ", "\u3000x\u3000y\u3000", "12\xa0", "a\x1cb\x1dc", "\x85q\u2028r", "ãé", "éãé", "  "]:
    print(repr(s), s.split(), s.rsplit(), repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), s.split(None, 1), s.rsplit(None, 1))
print("éaé".strip("é"), "ãéa".strip("é"), "xyz".strip(""), "ééé".strip("é") == "")
print("a b".split(maxsplit=0), " a b ".split(maxsplit=0))
