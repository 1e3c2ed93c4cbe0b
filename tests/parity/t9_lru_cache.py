# An LRU cache built on dict insertion order (pop and re-insert moves a key
# to the end), with hit/miss statistics, eviction callbacks, and a memoized
# function using it; the evicted values freed at once.
import gc
import sys

gc.collect()


class LRU:
    def __init__(self, capacity, on_evict=None):
        self.capacity = capacity
        self.data = {}
        self.hits = self.misses = 0
        self.on_evict = on_evict

    def get(self, key, default=None):
        if key in self.data:
            value = self.data.pop(key)
            self.data[key] = value
            self.hits += 1
            return value
        self.misses += 1
        return default

    def put(self, key, value):
        if key in self.data:
            self.data.pop(key)
        elif len(self.data) >= self.capacity:
            oldest = next(iter(self.data))
            evicted = self.data.pop(oldest)
            if self.on_evict:
                self.on_evict(oldest, evicted)
        self.data[key] = value

    def __repr__(self):
        return f"LRU({list(self.data)}, hits={self.hits}, misses={self.misses})"


class Blob:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


evicted = []
cache = LRU(3, on_evict=lambda k, v: evicted.append(k))
for k in "abcab":
    if cache.get(k) is None:
        cache.put(k, Blob(k))
print(cache)
cache.put("d", Blob("d"))
print(cache, evicted)
cache.get("b")
cache.put("e", Blob("e"))
print(cache, evicted)
probe = Blob("probe")
cache.put("p", probe)
print(sys.getrefcount(probe))
cache.put("q", 1)
cache.put("r", 2)
cache.put("s", 3)
print(sys.getrefcount(probe), "p" in cache.data)
del probe
memo = LRU(100)


def collatz_len(n):
    if n == 1:
        return 1
    cached = memo.get(n)
    if cached is not None:
        return cached
    r = 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
    memo.put(n, r)
    return r


print(max(range(1, 200), key=collatz_len), collatz_len(27), memo.hits > 0, len(memo.data))
cache.data.clear()
print("end")
