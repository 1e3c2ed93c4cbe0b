# Reference counting leaks cycles; the generational collector finds them.
import gc
class Node:
    def __del__(self):
        print("Node finalized")
gc.disable()
a = Node()
b = Node()
a.partner = b
b.partner = a
del a
del b
print("unreachable cycle left behind; collecting...")
print("gc.collect() found", gc.collect(), "unreachable objects")
gc.enable()
