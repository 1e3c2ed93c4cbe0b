# gc.get_referents() follows each type's tp_traverse order (CPython 3.11):
# lists and tuples last to first; str-keyed dicts only their values; dicts
# with any other key value then key, entry by entry.
import gc

print(gc.get_referents([1, 2, 3]))
print(gc.get_referents((10, 20, 30, "x")))
print(gc.get_referents({"a": 1, "b": 2}))
print(gc.get_referents({1: "one", 2: "two"}))
d = {"a": 1}
d[5] = 6
d["c"] = 7
print(gc.get_referents(d))
d = {}
d["z"] = 26
print(gc.get_referents(d))
e = {}
e[(1, 2)] = [3]
print(gc.get_referents(e))
inner = [1]
outer = [inner, (inner, 2), {"k": inner}]
print(len(gc.get_referents(outer)))
print(gc.get_referents(outer)[0])
print(gc.get_referents([]))
print(gc.get_referents(()))
print(gc.get_referents({}))
f = {"x": 1, "y": 2}
del f["x"]
f[3.5] = "float key"
print(gc.get_referents(f))
