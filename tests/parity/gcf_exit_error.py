# An uncaught exception: its traceback keeps the frames' locals through
# the exit collection (sys.last_traceback is cleared after it), so a cycle
# held by a frame dies with the module, while a dropped cycle dies first.
import gc

gc.collect()


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


g = Res("global")
dropped = Res("dropped-cycle")
dropped.me = dropped
del dropped


def fail():
    local = Res("frame-cycle")
    local.me = local
    plain = Res("frame-local")
    raise ValueError("boom")


print("before")
fail()
