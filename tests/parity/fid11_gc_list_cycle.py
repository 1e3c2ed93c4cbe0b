# test_gc.test_list / test_dict / test_tuple: self-referencing containers
import gc

gc.collect()
l = []
l.append(l)
del l
print("list:", gc.collect())

d = {}
d[1] = d
del d
print("dict:", gc.collect())

l = []
t = (l,)
l.append(t)
del t, l
print("tuple:", gc.collect())

s = [[]]
s[0].append(s)
del s
print("nested:", gc.collect())
print("again:", gc.collect())
