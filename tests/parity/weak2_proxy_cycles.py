# Proxies in and around reference cycles the collector frees, with
# finalizers (test_finalization's order: weakrefs are cleared and their
# callbacks run before any __del__).
import gc
import weakref

gc.collect()  # what the imports left
log = []


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None
        self.prev = None

    def __del__(self):
        log.append("del " + self.name)


# a ring of nodes; each keeps a proxy to its predecessor
ring = [Node(n) for n in "abc"]
for i, node in enumerate(ring):
    node.next = ring[(i + 1) % 3]
    node.prev = weakref.proxy(ring[i - 1])
print([n.prev.name for n in ring], ring[0].next.next.prev.name)
watch = weakref.proxy(ring[0], lambda p: log.append("proxy callback"))
ref_b = weakref.ref(ring[1], lambda r: log.append("ref callback"))
print(weakref.getweakrefcount(ring[0]), weakref.getweakrefcount(ring[1]))
del ring, node
print(log)
print("collected", gc.collect())
print(log)
try:
    watch.name
except ReferenceError as e:
    print("ReferenceError:", e)
print(ref_b())
log.clear()

# __del__ sees its own proxy dead already; the proxy's callback ran first
class Resource:
    def __init__(self, name):
        self.name = name
        self.me = self
        self.proxy_to_me = None

    def __del__(self):
        try:
            self.proxy_to_me.name
            log.append("__del__: proxy alive")
        except ReferenceError:
            log.append("__del__: proxy dead")


r = Resource("r")
outside = weakref.proxy(r, lambda p: log.append("outside callback"))
r.proxy_to_me = outside
del r
print("collected", gc.collect())
print(log)
log.clear()

# a proxy held by the cycle to an object outside it stays usable
keeper = Node("keeper")
x, y = Node("x"), Node("y")
x.next, y.next = y, x
x.prev = weakref.proxy(keeper)
y.prev = weakref.proxy(keeper, lambda p: log.append("never: keeper lives"))
print(x.prev is not y.prev, weakref.getweakrefcount(keeper))
del x, y
print("collected", gc.collect())
print(sorted(log), weakref.getweakrefcount(keeper), keeper.name)
log.clear()
del keeper
print(log)
