# Weak reference callbacks when the collector frees cycles (test_weakref's
# callback_in_cycle, callbacks_on_callback, callback_reachable_one_way,
# getweakrefs): which callbacks run, in which order, and what is left.
import gc
import weakref

gc.collect()  # what the imports left

log = []

# callbacks on callbacks: the weakrefs inside the trash are cleared without
# their callbacks; the one from outside runs when the bound method dies
class C:
    def cb(self, ignore):
        log.append("cb called")

def safe_callback(ignore):
    log.append("safe_callback called")

c, d = C(), C()
c.other = d
d.other = c
callback = c.cb
c.wr = weakref.ref(d, callback)
d.wr = weakref.ref(callback, d.cb)
external_wr = weakref.ref(callback, safe_callback)
print(external_wr() is callback)
del callback, c, d
print(log)
print(gc.collect())
print(log, external_wr())
log.clear()
gc.collect()
print(log)

# a callback reachable one way from the object that triggers it
class Holder:
    def cb(self, ignore):
        log.append(("holder cb", self.me is self, self.c1 is None))

c1, c2 = Holder(), Holder()
c2.me = c2
c2.c1 = c1
c2.wr = weakref.ref(c1, c2.cb)
del c1, c2
print(gc.collect(), log)
log.clear()

# callbacks from outside the trash, newest first in each object's list
class Obj:
    def __init__(self, name):
        self.name = name

def make_cb(tag):
    return lambda wr: log.append(tag)

a, b = Obj("a"), Obj("b")
a.partner = b
b.partner = a
refs = [weakref.ref(a, make_cb("a1")), weakref.ref(a, make_cb("a2")),
        weakref.proxy(b, make_cb("b-proxy")), weakref.ref(b, make_cb("b1")),
        weakref.ref(a)]
print(weakref.getweakrefcount(a), weakref.getweakrefcount(b))
print([type(r).__name__ for r in weakref.getweakrefs(b)])
del a, b
print(log)
print(gc.collect(), log)
print([r.__callback__ is None for r in refs[:2]], refs[4]())
log.clear()

# a weakref that is itself part of the garbage never calls back
x = Obj("x")
x.self_ref = weakref.ref(x, make_cb("never"))
x.self_proxy = weakref.proxy(x, make_cb("never either"))
x.me = x
del x
print(gc.collect(), log)

# getweakrefs after refs die: only the live ones, in order
o = Obj("o")
r1 = weakref.ref(o, make_cb("r1"))
r2 = weakref.ref(o, make_cb("r2"))
p = weakref.proxy(o)
r0 = weakref.ref(o)
print(weakref.getweakrefs(o) == [r0, p, r2, r1] if False else
      [w is x for w, x in zip(weakref.getweakrefs(o), [r0, p, r2, r1])])
del r1
print(weakref.getweakrefcount(o), weakref.getweakrefs(o)[2] is r2)
del o
print(log, r0(), r2.__callback__)
