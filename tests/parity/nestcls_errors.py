# parity: compare stderr
# Errors in and around classes made inside functions and classes: the
# traceback runs through the class body's frame, the exception's type is
# shown by its qualname.
class Tree:
    class Error(Exception):
        pass


def checked(value):
    class LocalError(ValueError):
        pass

    try:
        raise LocalError("bad value %r" % value)
    except ValueError as e:
        print(repr(e), type(e).__qualname__, isinstance(e, ValueError))
    return LocalError


E1 = checked(1)
E2 = checked(2)
print(E1 is E2, issubclass(E1, ValueError))


def broken_body():
    class Body:
        x = 1
        y = x / 0


try:
    broken_body()
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


def unbound_free():
    class Reader:
        got = value
    value = 1


try:
    unbound_free()
except NameError as e:
    print("NameError:", e)


def mro_conflict():
    class A:
        pass

    class B(A):
        pass

    class C(A, B):
        pass


try:
    mro_conflict()
except TypeError as e:
    print("TypeError:", e)


def bad_qualname():
    class Q:
        __qualname__ = 42


try:
    bad_qualname()
except TypeError as e:
    print("TypeError:", e)


def uncaught():
    class Body:
        def helper():
            raise Tree.Error("nested class error")
        helper()


uncaught()
