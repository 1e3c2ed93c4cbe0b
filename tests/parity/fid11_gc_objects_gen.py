# gc.get_objects(generation) and objects moving to older generations
import gc


class Item:
    pass


gc.collect()
x = Item()
young = gc.get_objects(generation=0)
print(any(o is x for o in young))
gc.collect(0)
print(any(o is x for o in gc.get_objects(generation=0)),
      any(o is x for o in gc.get_objects(generation=1)))
gc.collect(1)
print(any(o is x for o in gc.get_objects(generation=2)))
print(any(o is x for o in gc.get_objects()))
try:
    gc.get_objects(3)
except ValueError as e:
    print(e)
print(all(gc.is_tracked(o) for o in gc.get_objects()[:50]))
