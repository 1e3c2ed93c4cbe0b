# A def whose positional defaults are all constants: CPython folds them into
# one constant tuple of the enclosing code (shared by every function the def
# makes, outliving them, untracked by the first collection)
import gc,sys
gc.collect()
class A:
    def m(self, x=1): pass
del A
print(gc.collect())
def f(a=1, b='x'): pass
print(gc.is_tracked(f.__defaults__), sys.getrefcount(f.__defaults__))
gc.collect()
print(gc.is_tracked(f.__defaults__), sys.getrefcount(f.__defaults__))
fs = []
for i in range(3):
    def g(a, b=(1, 2), c=None): return a
    fs.append(g)
print(fs[0].__defaults__ is fs[2].__defaults__, sys.getrefcount(fs[0].__defaults__))
h = lambda x=5: x
print(h(), h.__defaults__, sys.getrefcount(h.__defaults__))
def k(a=[], b=1): return a
print(k.__defaults__, gc.is_tracked(k.__defaults__))
def kw(a=1, *, b=2): return a + b
print(kw(), kw.__defaults__, kw.__kwdefaults__)
