# At exit with the collector disabled there is no early collection: the
# cycles die in the same collection as the module's globals, in the
# collector's order (compare gcf_exit_cycles.py).
import gc

gc.collect()
gc.disable()


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


first = Res("first-global")
c = Res("cycle")
c.me = c
del c
second = Res("second-global")
pair = [Res("pair-a"), Res("pair-b")]
pair[0].other = pair[1]
pair[1].other = pair[0]
del pair
_hidden = Res("_hidden")
print("end of script", gc.isenabled())
