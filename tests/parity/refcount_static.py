# CPython 3.11 allocates small ints and the empty tuple statically, their
# counts starting at 999,999,999 (not immortal: 3.12's design).  What
# CPython's own modules add on top depends on the interpreter build, so
# this prints the fixed part and what the script itself adds.  (The empty
# and one-character strings and bytes: gcf_static_str.py.)
import sys


def above(v):
    return sys.getrefcount(v) >= 999999999


print(above(0), above(1), above(-5), above(256), above(()))
print(above(257), above(-6), above("ab"), above((1,)), above(None))
values = [-5, -4, 0, 7, 255, 256, (), "", "q", "\xe9"]
for v in values:
    before = sys.getrefcount(v)
    held = [v, v, v]
    t = (v, v)
    d = {"k": v}
    print(repr(v), sys.getrefcount(v) - before)
    del held
    del t
    del d
    print(repr(v), sys.getrefcount(v) - before)
x = 1000
y = x + 1
print(sys.getrefcount(y))
s = "ab"
u = s + "c"
print(sys.getrefcount(u))
