# A generator's frame object (gi_frame): made once, untracked while the
# generator holds the frame, f_back None while suspended, f_locals of the
# suspended frame; it keeps the locals if it outlives the generator, and
# frames taken by sys._getframe() at two yields of one generator outlive
# it together.  None once the generator is exhausted.
import gc
import sys
gc.collect()


class Tag:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del tag", self.n)


def gen(n):
    t = Tag(n)
    me = yield 1
    yield 2


g = gen(1)
print(g.gi_frame.f_code.co_name, sorted(g.gi_frame.f_locals))
next(g)
fr = g.gi_frame
print(fr is g.gi_frame, fr.f_back, type(fr).__name__, sorted(fr.f_locals))
print(gc.is_tracked(fr))
del g
print("gen gone")
print(sorted(fr.f_locals), gc.is_tracked(fr))
del fr
print("frame gone")
g = gen(2)
next(g)
g.send(g)
print(gc.collect())
g = gen(3)
for x in g:
    pass
print(g.gi_frame)
print(gc.collect())

kept = []


def twice():
    t = Tag(4)
    kept.append(sys._getframe())
    yield 1
    kept.append(sys._getframe())
    yield 2


g = twice()
next(g)
next(g)
del g
print("twice gone", len(kept))
kept.clear()
print(gc.collect())
