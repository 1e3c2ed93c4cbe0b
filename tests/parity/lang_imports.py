# import and from-import of gc, sys and weakref.
from gc import collect, get_count, isenabled, disable, enable
from sys import getrefcount
from weakref import ref
from gc import DEBUG_LEAK, garbage
import gc, sys, weakref

disable()
print(isenabled())
enable()
print(isenabled(), gc.isenabled())
print(collect() >= 0, len(get_count()))
x = [1000 + 1]
print(getrefcount(x), sys.getrefcount(x))
print(DEBUG_LEAK == gc.DEBUG_LEAK, garbage == [])

class Node:
    pass

n = Node()
r = ref(n)
print(r() is n)
del n
print(r())
# rebinding an imported name makes it an ordinary variable again
collect = "shadowed"
print(collect)
del collect
try:
    collect
except NameError as e:
    print("NameError:", e)
try:
    from gc import no_such_name
except ImportError as e:
    print("ImportError:", e)
try:
    from no_such_module import thing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
