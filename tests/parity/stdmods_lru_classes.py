# LRU caches as tutorials write them: an OrderedDict with move_to_end, a
# plain dict (insertion order) and a deque of keys; evicted values are
# released at once (refcounts, __del__).
import sys
import gc
from collections import OrderedDict, deque


class Blob:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Blob({self.name!r})"

    def __del__(self):
        print("  freed", self.name)


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        if key not in self.data:
            return None
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        self.data[key] = value
        if len(self.data) > self.capacity:
            old_key, old_value = self.data.popitem(last=False)
            print("  evict", old_key)

    def __repr__(self):
        return f"LRUCache({list(self.data.keys())})"


cache = LRUCache(2)
cache.put("a", Blob("a"))
cache.put("b", Blob("b"))
print(cache.get("a"), cache)
cache.put("c", Blob("c"))
print(cache, cache.get("b"))
x = cache.get("c")
print(sys.getrefcount(x))
cache.put("d", Blob("d"))
cache.put("e", Blob("e"))
print(cache, sys.getrefcount(x))
del x
print("dropping the cache")
del cache
print("gc:", gc.collect())


class DictLRU:
    """the same with a plain dict: pop and re-insert moves a key last"""

    def __init__(self, capacity):
        self.capacity = capacity
        self.d = {}

    def get(self, key, default=None):
        if key in self.d:
            value = self.d.pop(key)
            self.d[key] = value
            return value
        return default

    def put(self, key, value):
        self.d.pop(key, None)
        self.d[key] = value
        while len(self.d) > self.capacity:
            oldest = next(iter(self.d))
            del self.d[oldest]


lru = DictLRU(3)
for i in range(6):
    lru.put(i, Blob(str(i)))
    lru.get(0)
print(list(lru.d))


class RecentItems:
    """a bounded history: deque(maxlen) drops the oldest"""

    def __init__(self, n):
        self.items = deque(maxlen=n)

    def add(self, item):
        self.items.append(item)


r = RecentItems(2)
for name in "pqrs":
    r.add(Blob(name))
print(r.items, len(r.items), r.items.maxlen)
r.items.clear()
print("cleared", r.items)

od = OrderedDict
o = od()
for k in "hello world":
    o[k] = o.get(k, 0) + 1
o.move_to_end("l", last=False)
print(o)
print(o.popitem(), o.popitem(last=False), len(o))
t = OrderedDict(o)
print(t == o, t is o, list(t) == list(o))
o.move_to_end("h")
print(t == o, dict(t) == dict(o))
print(gc.collect())
