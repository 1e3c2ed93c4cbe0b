# f-strings with format specs as tutorials show them: alignment, fill,
# precision, thousands separators, percent, bases, signs, nested widths,
# self-documenting expressions, conversions, and a table.
import gc

gc.collect()

name = "Ada"
pi = 3.14159265
n = 1234567
print(f"Hello, {name}!")
print(f"{name:>10}|{name:<10}|{name:^10}|")
print(f"{name:*^11}|{name:-<6}|{name:.2}|")
print(f"{pi:.2f} {pi:.0f} {pi:10.3f} {pi:<10.1f}| {pi:e} {pi:.3e}")
print(f"{n:,} {n:_} {n:>12,} {n:012d} {-n:,}")
print(f"{0.256:.1%} {1/3:.2%} {5:%}")
print(f"{255:x} {255:X} {255:#x} {255:o} {255:#o} {255:b} {255:#b} {5:08b}")
print(f"{42:+d} {-42:+d} {42: d} {3.5:+.1f}")
width, prec = 12, 3
print(f"[{pi:{width}.{prec}f}]")
print(f"{name!r} {name!s} {name=} {n=:,} {pi = :.2f}")
print(f"{'nested ' + name.upper()}")
print(f"{[1, 2, 3]} {(1,)} {{'braces'}} {{}}")
print(f"{3 + 4} {len(name) * 2} {name[::-1]} {'yes' if n > 10 else 'no'}")
print(f"{True} {None} {True:d} {1e20} {1e-7} {2.50} {100.0}")
print(f"{12.5:g} {1234567.0:g} {0.00001234:g} {1e16:g}")
rows = [("apples", 3, 0.5), ("kiwis", 12, 0.25), ("melons", 1, 2.75)]
print(f"{'item':<10}{'qty':>5}{'price':>8}")
for item, qty, price in rows:
    print(f"{item:<10}{qty:>5}{price:>8.2f}")
total = sum(q * p for _, q, p in rows)
print(f"{'total':<10}{'':>5}{total:>8.2f}")
print(f"{-0.0} {float('inf')} {-float('inf'):>6} {float('nan')}")
print(f"{7:3}|{'ab':3}|{7:<3}|{'ab':>3}|")
