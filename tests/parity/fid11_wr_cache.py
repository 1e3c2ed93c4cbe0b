# a weakref cache of expensive objects (the tutorial pattern)
import weakref
import gc


class Image:
    loads = 0

    def __init__(self, name):
        Image.loads += 1
        self.name = name

    def __repr__(self):
        return "Image(%r)" % self.name


_cache = weakref.WeakValueDictionary()


def load(name):
    img = _cache.get(name)
    if img is None:
        img = Image(name)
        _cache[name] = img
    return img


a = load("cat.png")
b = load("cat.png")
print(a is b, Image.loads, len(_cache))
c = load("dog.png")
print(sorted(_cache.keys()), Image.loads)
del a
print(sorted(_cache.keys()))
del b
print(sorted(_cache.keys()))
d = load("cat.png")
print(Image.loads, d)
del c, d
gc.collect()
print(len(_cache), list(_cache.items()))
