# Classes in generators, loops, methods and recursive class bodies; reprs of
# their functions and bound methods; staticmethod, classmethod and property
# in a function-made class; decorator order; counts.
import gc, sys
def gen():
    class G:
        def __init__(self, i): self.i = i
        def __repr__(self): return "G%d" % self.i
    for i in range(3):
        yield G(i)
print(list(gen()))
def f():
    class A:
        def m(self): pass
        def __del__(self): print("del", type(self).__qualname__)
    a = A()
    print(sys.getrefcount(A))
    print(repr(A.m).split(" at ")[0])
    print(repr(a.m).split(" of ")[0])
    print(type(a).__module__, A.__dict__["m"].__qualname__)
    return a
x = f()
del x
print(gc.collect())
for i in range(3):
    class Loop:
        n = i
    print(Loop.n, Loop.__qualname__)
def outer():
    class P:
        @staticmethod
        def s(): return "static"
        @classmethod
        def c(cls): return cls.__qualname__
        @property
        def p(self): return 7
    return P
P = outer()
print(P.s(), P.c(), P().p, P().c())
class M:
    def meth(self):
        class InMeth:
            def who(self):
                return __class__.__qualname__
        return InMeth
print(M().meth()().who(), M().meth().__qualname__)
def deco_order():
    log = []
    def d(tag):
        log.append(tag)
        return lambda c: (log.append("apply " + tag), c)[1]
    @d("a")
    @d("b")
    class Z:
        log.append("body")
    return log
print(deco_order())
def rec(n):
    class R:
        if n:
            inner = rec(n - 1)
        depth = n
    return R
r = rec(3)
print(r.depth, r.inner.depth, r.inner.inner.inner.depth, r.inner.__qualname__)
del r
print(gc.collect())


# an inherited method's bound repr names the class that defines it
class Base:
    def hello(self):
        return "hi"


class Derived(Base):
    pass


print(repr(Derived().hello).split(" of ")[0], Derived.hello.__qualname__)


# a method naming its own class: the class is a cell of the function
def linked():
    class Node:
        def __init__(self, v, nxt=None):
            self.v = v
            self.nxt = nxt

        def push(self, v):
            return Node(v, self)

        def __iter__(self):
            n = self
            while n:
                yield n.v
                n = n.nxt
    head = Node(1).push(2).push(3)
    print(list(head), sys.getrefcount(Node))
    return head


h = linked()
print(type(h).__qualname__, list(h.push(9)))
del h
print(gc.collect())


# declared global where it is made: the qualname is the bare name
def make_globals():
    global GlobalClass, global_func

    class GlobalClass:
        global Inner

        class Inner:
            pass

    def global_func():
        pass


make_globals()
print(GlobalClass.__qualname__, Inner.__qualname__, global_func.__qualname__)


# user __eq__/__hash__ on a function-made class
def value_type():
    class V:
        def __init__(self, x):
            self.x = x

        def __eq__(self, o):
            return isinstance(o, V) and o.x == self.x

        def __hash__(self):
            return hash(self.x)
    return V


V = value_type()
print(V(1) == V(1), V(1) != V(2), len({V(1), V(1), V(2)}))
