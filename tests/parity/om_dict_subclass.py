# Subclasses of dict: one GC object that is a dict with its class and a
# lazy __dict__; keyword construction, methods, items in their order, the
# collector's counts (never untracked, as untrack_dicts skips subclasses)
import gc, sys
gc.collect()


class Registry(dict):
    def register(self, name, obj):
        self[name] = obj
        return obj

    def names(self):
        return sorted(self.keys())


r = Registry(a=1)
r.register("b", 2)
print(r, len(r), r["a"], r.get("z", 0), r.names(), list(r.items()))
print(type(r) is Registry, isinstance(r, dict), isinstance(r, Registry))
print(list(Registry.__dict__), Registry.__mro__)
print(gc.is_tracked(r), sys.getrefcount(r))
gc.collect()
print(gc.is_tracked(r))
refs = gc.get_referents(r)
print(len(refs), refs[0] is Registry)
del refs
r.owner = "me"
print(r.owner, r.__dict__, "owner" in r)
r2 = Registry({"x": 1}, y=2)
print(r2, r2 == {"x": 1, "y": 2})
r2.update(z=3)
print(r2.pop("x"), r2)
r["me"] = r
del r
print(gc.collect())
q = Registry()
q.me = q
del q
print(gc.collect())


class Config(Registry):
    def __init__(self, **kw):
        self.loaded = True
        self.update(kw)


cfg = Config(debug=True, level=3)
print(cfg, cfg.loaded, isinstance(cfg, Registry), Config.__mro__)
cfg["self"] = cfg
del cfg
print(gc.collect())
