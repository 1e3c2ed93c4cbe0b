# refused: subclassing builtin type 'ReferenceType' is not supported by pymm
import weakref
print("start")
class Ref(weakref.ref):
    pass
class C:
    def m(self):
        pass
c = C()
print(Ref(c)() is c)
