# A cache of expensive objects in a WeakValueDictionary: entries vanish when
# the last strong reference goes; a strong LRU of two keeps some alive.
import gc
import weakref

gc.collect()


class Image:
    loads = 0

    def __init__(self, name):
        Image.loads += 1
        self.name = name
        self.pixels = [0] * 100

    def __repr__(self):
        return "Image(%r)" % self.name


cache = weakref.WeakValueDictionary()


def load(name):
    img = cache.get(name)
    if img is None:
        img = Image(name)
        cache[name] = img
    return img


a = load("cat.png")
b = load("cat.png")
print(a is b, Image.loads, len(cache))
c = load("dog.png")
print(sorted(cache.keys()), Image.loads)
del a
print(sorted(cache.keys()))
del b
print(sorted(cache.keys()))
recent = []


def load_recent(name):
    img = load(name)
    if img in recent:
        recent.remove(img)
    recent.append(img)
    if len(recent) > 2:
        recent.pop(0)
    return img


for n in ["x", "y", "x", "z", "w"]:
    load_recent(n)
print(recent, sorted(cache.keys()), Image.loads)
del c
recent.clear()
print(len(cache), list(cache.items()))
print(gc.collect())
