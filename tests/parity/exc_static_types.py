# The builtin exception classes are CPython's static types: no GC objects,
# made before the script, so naming or raising one does not move
# gc.get_count(), and they are neither tracked nor in gc.get_objects().
import gc
gc.collect()


def raise_catch(kind):
    try:
        raise kind("x")
    except kind:
        pass


raise_catch(ValueError)     # the first raise settles the interpreter's own state
gc.collect()
raise_catch(KeyError)       # LookupError and KeyError: no allocation of the script's
print("KeyError", gc.get_count()[0])
gc.collect()
raise_catch(ZeroDivisionError)
print("ZeroDivisionError", gc.get_count()[0])
gc.collect()
raise_catch(UnicodeError)
print("UnicodeError", gc.get_count()[0])
for cls in (BaseException, Exception, LookupError, KeyError, ArithmeticError):
    print(cls.__name__, gc.is_tracked(cls), len(gc.get_referents(cls)),
          gc.is_tracked(cls.__mro__), gc.is_tracked(cls.__bases__))
objs = gc.get_objects()
print(any(o is KeyError for o in objs), any(o is LookupError for o in objs))
del objs
print(KeyError.__mro__ is KeyError.__mro__, KeyError.__bases__ == (LookupError,))
print([c.__name__ for c in KeyError.__mro__])
print(KeyError.__module__, issubclass(KeyError, LookupError))


class AppError(LookupError):
    pass


print(gc.is_tracked(AppError), AppError in gc.get_referents(AppError.__mro__) or
      AppError.__mro__[0] is AppError, [c.__name__ for c in AppError.__mro__])
e = AppError("boom")
print(isinstance(e, KeyError), isinstance(e, LookupError), isinstance(e, Exception))
del AppError, e
print(gc.collect() > 0)
