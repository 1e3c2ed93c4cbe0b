# test_gc's way of writing it: each call of make_registry() makes a new
# class, its instances register themselves through a stored bound builtin
# (self.register is the list's append), so the class and its instances are
# a cycle only the collector frees; a weakref.proxy watches one of them.
import functools
import gc
import weakref
from collections import OrderedDict


def make_registry(kind):
    class Plugin:
        registry = []

        def __init__(self, name):
            self.name = name
            self.register = self.registry.append
            self.register(self)

        def __repr__(self):
            return f"{kind}:{self.name}"

    return Plugin


gc.collect()
Plugin = make_registry("reader")
csv = Plugin("csv")
watch = weakref.proxy(csv)
print(Plugin.__qualname__, Plugin.registry, watch.name.upper())
del csv, Plugin
print("the collector freed", gc.collect(), "objects")
try:
    watch.name
except ReferenceError as e:
    print("the proxy says:", e)


@functools.lru_cache(maxsize=2)
def square(n):
    return n * n


print([square(n) for n in (1, 2, 1, 3)], square.cache_info())
recent = OrderedDict()
for key in "abc":
    recent[key] = None
recent.move_to_end("a")
print(list(recent), "{0[0]}-{0[2]} | {1:>6.2f}".format(list(recent), 3.14159))
