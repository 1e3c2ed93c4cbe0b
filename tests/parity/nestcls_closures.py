# Classes made by functions: the class body and the methods read the
# function's variables through cells, each call makes a new class.
import gc
import sys


def make_counter_class(start, step):
    label = "counter from %d" % start

    class Counter:
        first = start              # the body reads the function's locals
        doc = label

        def __init__(self):
            self.value = start

        def tick(self):
            self.value += step     # a method closes over them
            return self.value

        def describe(self):
            return "%s by %d: %d" % (label, step, self.value)

    return Counter


C1 = make_counter_class(0, 1)
C10 = make_counter_class(100, 10)
print(C1 is C10, C1.__name__, C1.__qualname__)
print(C1.tick.__qualname__, C1.describe.__code__.co_freevars)
a, b = C1(), C10()
a.tick(); a.tick(); b.tick()
print(a.describe(), "/", b.describe())
print(C1.first, C10.first, C1.doc)
print(len(C1.describe.__closure__), [type(c).__name__ for c in C1.describe.__closure__])
print([c.cell_contents for c in C1.describe.__closure__])
print(C1.__init__.__closure__[0].cell_contents, C10.__init__.__closure__[0].cell_contents)


# a later assignment in the function is seen by the methods (one cell)
def late():
    class K:
        def get(self):
            return value
    value = "first"
    k = K()
    r1 = k.get()
    value = "second"
    return r1, k.get()


print(late())


# a name the body binds is the body's: before the binding it is the
# global one, never the function's (LOAD_NAME); a name it only reads is the
# namespace's first, then the function's (LOAD_CLASSDEREF)
y = "global y"


def shadow():
    x = "function x"
    y = "function y"

    class S:
        print("body sees", y)
        y = "class y"
        print("body sees", y)
        x_seen = x

        def m(self):
            return x, y            # the methods skip the class: the function's
    return S


S = shadow()
print(S.x_seen, S.y, S().m())


# a free variable read before the function binds it
def too_early():
    try:
        class E:
            got = later
    except NameError as e:
        print("NameError:", e)
    later = 1
    return later


print(too_early())


# three levels: a class in a function in a function
def outer(n):
    def middle(m):
        class Deep:
            total = n + m

            def both(self):
                return n, m
        return Deep
    return middle


Deep = outer(1)(2)
print(Deep.total, Deep().both(), Deep.__qualname__, Deep.both.__qualname__)
print(Deep.both.__code__.co_freevars)


# a nonlocal written by a method is the function's variable
def bank():
    balance = 0

    class Account:
        def deposit(self, n):
            nonlocal balance
            balance += n
            return balance

    acct = Account()
    acct.deposit(5)
    acct.deposit(7)
    return balance


print(bank())


# each call's class is a new type object, freed with its instances
def fresh(i):
    class T:
        n = i
    return T


gc.collect()
classes = [fresh(i) for i in range(4)]
print([c.n for c in classes], len(set(id(c) for c in classes)))
print(sys.getrefcount(classes[0]))
del classes
print(gc.collect())


# a class that closes over a cell keeps the cell, not the frame
def keeper():
    big = [1, 2, 3]

    class Holder:
        def items(self):
            return big
    return Holder


H = keeper()
cell = H.items.__closure__[0]
print(sys.getrefcount(cell), cell.cell_contents, sys.getrefcount(cell.cell_contents))
del cell
del H
print(gc.collect())


# `nonlocal` in a class body writes the function's variable, not the namespace
def configure():
    mode = "default"
    hits = 0

    class Settings:
        nonlocal mode, hits
        mode = "custom"
        hits += 1
        seen = mode

    class Again:
        nonlocal hits
        hits += 10
        del_me = hits
    return Settings, mode, hits


Settings, mode, hits = configure()
print("mode" in Settings.__dict__, Settings.seen, mode, hits)


# `global` in a class body in a function binds the module's name
def set_global():
    class G:
        global made_by_class
        made_by_class = "yes"
        local_too = made_by_class
    return G.local_too


print(set_global(), made_by_class)
