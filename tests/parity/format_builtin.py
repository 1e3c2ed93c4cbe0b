# format(value[, spec]) as f-strings do it; the 'z' option (negative zero coercion) and its errors
print(format(3.14159, ".3f"), format(42, "x"), format("s", "^5"), format(1234567, ","), format(0.25, "%"))
print(format(5), format("abc"), format(True), format(None), format([1, 2]), format(1.5, ""), format(-7, "+05d"))
print(repr(format(12, "")), format(2**40, "_"), format(3, "b"), format(255, "#o"), format(1e10, "g"), format(0.000123, ".2e"))
try:
    format(1, 2)
except TypeError as e:
    print(e)
try:
    format(None, "x")
except TypeError as e:
    print(e)
try:
    format(1, "z")
except ValueError as e:
    print(e)
print(format(-0.0001, 'z.2f'), format(-0.0, 'z'), format(-0.5, 'z.0f'), format(-1.5, 'z.0f'))
try:
    format('s', 'z')
except ValueError as e:
    print(e)
print(f'{-0.0:z}', f'{-0.001:z.1e}', f'{-0.0004:z.1%}', f'{-0.0:zg}', f"{-0.0:+z.1f}")

# instances: __format__, inherited, object.__format__'s rules
class Money:
    def __init__(self, v): self.v = v
    def __format__(self, spec):
        return f"${self.v:{spec}}" if spec else f"${self.v}"
    def __str__(self): return "M"
m = Money(3.5)
print(f"{m}", f"{m:.2f}", format(m, ">8"), "{:.1f}".format(m), str(m))
class Plain: pass
try:
    print(f"{Plain():>5}")
except TypeError as e:
    print(e)
class Bad:
    def __format__(self, spec): return 5
try:
    f"{Bad()}"
except TypeError as e:
    print(e)
class Sub(Money):
    pass
print(f"{Sub(2):05.1f}", format(Sub(1)))
