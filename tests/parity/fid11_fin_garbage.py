# gc.garbage, DEBUG_SAVEALL, and uncollectable-looking cycles
import gc


class Leaky:
    def __init__(self):
        self.me = self


gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
Leaky()
n = gc.collect()
print(n, len(gc.garbage), sorted(type(o).__name__ for o in gc.garbage))
gc.set_debug(0)
print(gc.get_debug())
for o in gc.garbage:
    if isinstance(o, Leaky):
        o.me = None
gc.garbage.clear()
print(gc.collect())
print(gc.garbage)
