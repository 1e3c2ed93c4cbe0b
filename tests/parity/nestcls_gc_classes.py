# test_gc.py's class scenarios, as natural functions: each class is made
# inside the function that uses it (a new type object per call), and each
# prints what test_gc asserts about it.
import gc


def test_class():
    class A:
        pass
    A.a = A
    gc.collect()
    del A
    print("test_class", gc.collect())


def test_newstyleclass():
    class A(object):
        pass
    gc.collect()
    del A
    print("test_newstyleclass", gc.collect())


def test_instance():
    class A:
        pass
    a = A()
    a.a = a
    gc.collect()
    del a
    print("test_instance", gc.collect())


def test_newinstance():
    class A(object):
        pass
    a = A()
    a.a = a
    gc.collect()
    del a
    print("test_newinstance", gc.collect())
    class B:
        pass
    class C(B, A):
        pass
    a = C()
    a.a = a
    gc.collect()
    del a
    print("cycle through a C", gc.collect())
    del B, C
    print("B and C", gc.collect())
    A.a = A()
    del A
    print("A and its instance", gc.collect())
    print("nothing left", gc.collect())


def test_method():
    # self.__init__ is a bound method: it refers to the instance
    class A:
        def __init__(self):
            self.init = self.__init__
    a = A()
    gc.collect()
    del a
    print("test_method", gc.collect())


def test_del():
    # __del__ methods can trigger collection
    thresholds = gc.get_threshold()
    gc.enable()
    gc.set_threshold(1)

    class A:
        def __del__(self):
            print("A.__del__", vars(self))
    a = A()
    del a

    gc.disable()
    gc.set_threshold(*thresholds)
    print("test_del", gc.get_threshold() == thresholds)


def test_boom():
    class Boom:
        def __getattr__(self, someattribute):
            del self.attr
            raise AttributeError

    a = Boom()
    b = Boom()
    a.attr = b
    b.attr = a

    gc.collect()
    garbagelen = len(gc.garbage)
    del a, b
    print("test_boom", gc.collect(), len(gc.garbage) - garbagelen)


def test_boom2():
    class Boom2:
        def __init__(self):
            self.x = 0

        def __getattr__(self, someattribute):
            self.x += 1
            if self.x > 1:
                del self.attr
            raise AttributeError

    a = Boom2()
    b = Boom2()
    a.attr = b
    b.attr = a

    gc.collect()
    garbagelen = len(gc.garbage)
    del a, b
    print("test_boom2", gc.collect(), len(gc.garbage) - garbagelen)


def test_is_finalized():
    print("is_finalized(3)", gc.is_finalized(3))
    storage = []

    class Lazarus:
        def __del__(self):
            storage.append(self)

    lazarus = Lazarus()
    print("before", gc.is_finalized(lazarus))
    del lazarus
    gc.collect()
    lazarus = storage.pop()
    print("after", gc.is_finalized(lazarus))


def test_bug21435():
    gc.collect()

    class A:
        pass

    class B:
        def __init__(self, x):
            self.x = x

        def __del__(self):
            self.attr = None

    def do_work():
        a = A()
        b = B(A())
        a.attr = b
        b.attr = a

    do_work()
    print("test_bug21435", gc.collect())


def test_resurrection_only_happens_once_per_object():
    class A:  # simple self-loop
        def __init__(self):
            self.me = self

    class Lazarus(A):
        resurrected = 0
        resurrected_instances = []

        def __del__(self):
            Lazarus.resurrected += 1
            Lazarus.resurrected_instances.append(self)

    gc.collect()
    gc.disable()

    laz = Lazarus()
    print("resurrected", Lazarus.resurrected)
    del laz
    gc.collect()
    print("resurrected", Lazarus.resurrected, len(Lazarus.resurrected_instances))
    Lazarus.resurrected_instances.clear()
    gc.collect()
    print("resurrected", Lazarus.resurrected)
    gc.enable()


def test_resurrection_is_transitive():
    class Cargo:
        def __init__(self):
            self.me = self

    class Lazarus:
        resurrected_instances = []

        def __del__(self):
            Lazarus.resurrected_instances.append(self)

    gc.collect()
    gc.disable()

    laz = Lazarus()
    cargo = Cargo()
    cargo_id = id(cargo)
    laz.cargo = cargo
    cargo.laz = laz
    del laz, cargo
    gc.collect()
    instance = Lazarus.resurrected_instances.pop()
    print("cargo kept", hasattr(instance, "cargo"), id(instance.cargo) == cargo_id)
    gc.collect()
    gc.enable()


def test_is_tracked():
    print([gc.is_tracked(x) for x in (None, 1, 1.0, True, False, b"a", "a", object())])

    class UserClass:
        pass

    class UserClassSlots:
        __slots__ = ()

    class UserList(list):
        pass

    print(gc.is_tracked(UserClass), gc.is_tracked(UserClass()), gc.is_tracked([]),
          gc.is_tracked(set()), gc.is_tracked(UserClassSlots()),
          gc.is_tracked(UserList()))


def test_get_referents():
    alist = [1, 3, 5]
    got = gc.get_referents(alist)
    got.sort()
    print(got == alist, got)

    atuple = tuple(alist)
    got = gc.get_referents(atuple)
    got.sort()
    print(got)

    adict = {1: 3, 5: 7}
    got = gc.get_referents(adict)
    got.sort()
    print(got)

    got = gc.get_referents([1, 2], {3: 4}, (0, 0, 0))
    got.sort()
    print(got)
    print(gc.get_referents(1, 'a'))

    class Pair:
        def __init__(self, a, b):
            self.a = a
            self.b = b

    p = Pair([1], [2])
    print([type(r).__name__ for r in gc.get_referents(p)])
    print(gc.get_referents(p)[-1] is Pair)


for t in (test_class, test_newstyleclass, test_instance, test_newinstance, test_method,
          test_del, test_boom, test_boom2, test_is_finalized, test_bug21435,
          test_resurrection_only_happens_once_per_object,
          test_resurrection_is_transitive, test_is_tracked, test_get_referents):
    t()
    print("collected after", t.__name__, gc.collect())
