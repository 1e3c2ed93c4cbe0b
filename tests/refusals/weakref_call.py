# refused: weakref.KeyedRef is not supported by pymm
import weakref
print("start")
class C:
    pass
c = C()
print(weakref.KeyedRef(c, None, 1)() is c)
