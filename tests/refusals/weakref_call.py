# refused: weakref.WeakMethod is not supported by pymm
import weakref
print("start")
class C:
    def m(self):
        pass
c = C()
print(weakref.WeakMethod(c.m)() is not None)
