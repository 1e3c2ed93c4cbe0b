# f-strings with format specs, %-formatting
x = 42
pi = 3.14159265
name = "pymm"
items = [1, 2, 3]
print(f"{x}")
print(f"x={x}, pi={pi:.2f}, name={name!r}")
print(f"[{name:>8}] [{name:<8}] [{name:^8}] [{name:*^9}]")
print(f"{x:5d}|{x:<5}|{x:05d}|{x:+d}|{-x:d}|{x: d}")
print(f"{1234567:,} {1234567:_} {255:x} {255:X} {255:#x} {255:o} {255:#b} {255:08b}")
print(f"{pi:e} {pi:.3e} {pi:g} {pi:10.4f} {0.5:%} {0.125:.1%} {1e20:g} {1.0:.3}")
print(f"{pi} {1.0} {1e16} {-0.0} {float('inf')} {float('nan')}")
print(f"{items} {items!s} {items[1]} {len(items)}")
print(f"{'nested'} {x * 2 + 1} {x if x > 40 else 0}")
print(f"{{literal braces}} {x}}}")
width = 10
prec = 3
print(f"[{pi:{width}.{prec}f}]")
print(f"{x=} {pi=:.1f} {name = }")
print(f"{True} {None} {True:d} {False:>6}")
print(f"{name:.2}", f"{'é':>3}", f"{'ab'!r:>6}")
print("multi" f"part {x}" "end")
print(f"""triple {x}
second line {name}""")
print(f"{1234567.891:,.2f} {-1234.5:010.1f} {12:=+6}")
print("%s and %d" % ("str", 7))
print("%5s|%-5s|%05d|%x|%X|%o|%.3f|%e|%g|%%" % ("a", "b", 42, 255, 255, 8, pi, pi, pi))
print("%r %s" % ("q", [1, 'two']))
print("%d%%" % 50)
print("single %s" % name)
print("%+d % d %3d" % (5, 5, 5))
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("one",))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s" % ("a", "b"))
except TypeError as e:
    print("TypeError:", e)
try:
    print(f"{name:d}")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{None:>5}")
except TypeError as e:
    print("TypeError:", e)
