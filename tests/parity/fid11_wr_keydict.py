# WeakKeyDictionary as per-object metadata that goes with its object
import weakref


class Widget:
    def __init__(self, name):
        self.name = name


meta = weakref.WeakKeyDictionary()
w1 = Widget("ok")
w2 = Widget("cancel")
meta[w1] = {"clicks": 0}
meta[w2] = {"clicks": 3}
meta[w1]["clicks"] += 1
print(len(meta), meta[w1], w2 in meta)
print(sorted(k.name for k in meta.keys()))
del w1
print(len(meta), [k.name for k in meta])
w3 = Widget("help")
meta.setdefault(w3, {"clicks": 9})
print(meta.get(w3), meta.pop(w2))
print(len(meta))
del w2, w3
print(len(meta))
