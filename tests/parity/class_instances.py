# Instances keep attribute values inline in the class's shared-key order
# (the order the class first saw each name, across instances): that is
# the order gc.get_referents() and deallocation use.  obj.__dict__ makes
# a real dict, after which the instance is two GC objects.
import gc

gc.disable()
gc.collect()


class Tag:
    pass


class Node:
    pass


a = Node()
a.x = [1]
a.y = [2]
b = Node()
b.y = [3]
b.z = [4]
b.x = [5]
print(gc.get_referents(a))
print(gc.get_referents(b))
n0 = len(gc.get_objects())
d = b.__dict__
print(d)
print(len(gc.get_objects()) - n0)
print(gc.get_referents(b))
print(gc.is_tracked(d))
del d
c = Node()
c.w = [6]
print(gc.get_referents(c))
del b.y
print(b.__dict__)
a.me = a
del a
print(gc.collect())
b.me = b
del b
print(gc.collect())
