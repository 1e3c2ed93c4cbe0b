# a weakref cache: objects looked up through weak references, most dying
import weakref

N = 20000  # scale


class Item:
    def __init__(self, key):
        self.key = key


cache = {}
hits = 0
keep = []
for i in range(N):
    k = i % 100
    r = cache.get(k)
    obj = r() if r is not None else None
    if obj is None:
        obj = Item(k)
        cache[k] = weakref.ref(obj)
    else:
        hits += 1
    if i % 1000 == 0:
        keep.append(obj)
print(hits, len(keep))
