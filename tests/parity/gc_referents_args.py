# gc.get_referents(*objs) as CPython: each object's referents in turn, in
# tp_traverse order, nothing for objects that are not GC containers; no
# argument gives [].  gc.get_referrers() of nothing is [] too.
import gc

gc.collect()
a = [1, 2]
b = (3, [4])
d = {5: 6, "k": a}
print(gc.get_referents())
print(gc.get_referents(a, b))
print(gc.get_referents(a, 7, "str", b))
print(len(gc.get_referents(a, b, d)))
print(gc.get_referents(d)[1] is a)
print(gc.get_referents(b, a) == gc.get_referents(b) + gc.get_referents(a))
print(gc.get_referrers())
print(len(gc.get_referrers(a)))
