# eval() inside functions and methods: the calling function's variables
# (parameters, locals, a free variable) and globals; constants of eval()'d
# and exec()'d strings released with their code
import sys
RATE = 3

def calc(expr):
    return eval(expr)

def scaled(expr, factor):
    base = 10
    return eval(expr) * factor

print(calc("2 + 3 * 4"), calc("RATE ** 2"), calc("len('abcd')"))
print(scaled("base + factor + RATE", 2))
try:
    scaled("nope", 1)
except NameError as e:
    print(e)

class Shape:
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self, formula="self.w * self.h"):
        return eval(formula)

print(Shape(3, 4).area(), Shape(2, 5).area("self.w + self.h"))

def outer():
    k = 7
    def inner():
        return eval("k + 1") if k else 0
    return inner()
print(outer())
obj = [1, 2]
def refs():
    v = eval("obj")
    return sys.getrefcount(v)
print(refs())
# constants eval() made die with its code, as CPython's
s = eval("'zq zq'")
t = eval("(1000, 2000)")
print(sys.getrefcount(s), sys.getrefcount(t), eval("5"), eval("-2.5"), eval("None"))
d = {}
exec("x = 'exec str value'\ny = (7777, 8888)", d)
print(sys.getrefcount(d['x']), sys.getrefcount(d['y']))
