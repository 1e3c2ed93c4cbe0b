# More of test_gc.py, with the classes made inside the test functions as
# test_gc makes them: the trashcan, resurrection and the weakref bugs of
# issue 1055820.
import gc
import weakref


class C1055820(object):
    def __init__(self, i):
        self.i = i
        self.loop = self


class GC_Detector(object):
    def __init__(self):
        self.gc_happened = False

        def it_happened(ignored):
            self.gc_happened = True

        self.wr = weakref.ref(C1055820(666), it_happened)


def test_trashcan():
    class Ouch:
        n = 0

        def __del__(self):
            Ouch.n = Ouch.n + 1
            if Ouch.n % 17 == 0:
                gc.collect()

    gc.enable()
    N = 150
    for count in range(2):
        t = []
        for i in range(N):
            t = [t, Ouch()]
        u = []
        for i in range(N):
            u = [u, Ouch()]
        v = {}
        for i in range(N):
            v = {1: v, 2: Ouch()}
    gc.disable()
    print("test_trashcan", Ouch.n)


def test_resurrection_does_not_block_cleanup_of_other_objects():
    N = 100

    class A:  # simple self-loop
        def __init__(self):
            self.me = self

    class Z(A):  # resurrecting __del__
        def __del__(self):
            zs.append(self)

    zs = []

    def getstats():
        d = gc.get_stats()[-1]
        return d['collected'], d['uncollectable']

    gc.collect()
    gc.disable()

    oldc, oldnc = getstats()
    for i in range(N):
        A()
    t = gc.collect()
    c, nc = getstats()
    print("only A()", t, c - oldc, nc - oldnc)

    oldc, oldnc = c, nc
    Z()
    t = gc.collect()
    c, nc = getstats()
    print("a Z() resurrected", t, c - oldc, nc - oldnc)

    oldc, oldnc = c, nc
    for i in range(N):
        A()
    Z()
    t = gc.collect()
    c, nc = getstats()
    print("A()s and a Z()", t, c - oldc, nc - oldnc)

    oldc, oldnc = c, nc
    zs.clear()
    t = gc.collect()
    c, nc = getstats()
    print("the Zs go", t, c - oldc, nc - oldnc)
    gc.enable()


def test_bug1055820b():
    ouch = []

    def callback(ignored):
        ouch[:] = [wr() for wr in WRs]

    Cs = [C1055820(i) for i in range(2)]
    WRs = [weakref.ref(c, callback) for c in Cs]
    c = None

    gc.collect()
    print("before", len(ouch))
    Cs = None
    gc.collect()
    print("test_bug1055820b", len(ouch), ouch)


def test_bug1055820d():
    ouch = []

    class D(C1055820):
        def __del__(self):
            ouch[:] = [c2wr()]

    d0 = D(0)
    gc.collect()

    c1 = C1055820(1)
    c1.keep_d0_alive = d0
    del d0.loop

    c2 = C1055820(2)
    c2wr = weakref.ref(c2)

    d0 = c1 = c2 = None

    detector = GC_Detector()
    junk = []
    i = 0
    while not detector.gc_happened:
        i += 1
        if i > 10000:
            print("gc didn't happen after 10000 iterations")
            break
        if len(ouch):
            print("too early")
        junk.append([])

    print("test_bug1055820d", len(ouch), ouch)


gc.disable()
for t in (test_trashcan, test_resurrection_does_not_block_cleanup_of_other_objects,
          test_bug1055820b, test_bug1055820d):
    t()
    print("after", t.__name__, gc.collect())
gc.enable()
