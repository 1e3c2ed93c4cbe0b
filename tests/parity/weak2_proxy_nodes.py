# A tree whose children point back at their parent through weakref.proxy,
# as people write trees without reference cycles; the proxy forwards
# attributes, methods, operators and the containers' protocols.
import gc
import weakref

gc.collect()  # what the imports left


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = weakref.proxy(parent) if parent is not None else None
        if parent is not None:
            parent.children.append(self)

    def path(self):
        if self.parent is None:
            return self.name
        return self.parent.path() + "/" + self.name

    def __len__(self):
        return len(self.children)

    def __getitem__(self, i):
        return self.children[i]

    def __iter__(self):
        return iter(self.children)

    def __contains__(self, name):
        return any(c.name == name for c in self.children)

    def __eq__(self, other):
        return isinstance(other, Node) and self.name == other.name

    def __lt__(self, other):
        return self.name < other.name

    def __add__(self, n):
        return self.name + "+" + str(n)

    def __bool__(self):
        return bool(self.children)

    def __call__(self, x):
        return self.name * x

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "Node(%r)" % self.name


root = Node("root")
usr = Node("usr", root)
lib = Node("lib", usr)
Node("bin", usr)
print(lib.path())
p = lib.parent
print(p.name, len(p), p[1].name, [c.name for c in p])
print("bin" in p, "etc" in p, p == usr, p != usr, p < root, p + 1, bool(p), bool(lib))
print(p(2), str(p), p.path())
print(type(p).__name__, type(weakref.proxy(lib)).__name__)
p.tag = "system"
print(usr.tag, p.tag)
del p.tag
print(hasattr(usr, "tag"))
p.count = 1
p.count += 4
print(usr.count)
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
# the plain proxy is shared, as the plain ref; one with a callback is new
print(weakref.proxy(usr) is p, weakref.proxy(usr, lambda x: None) is p)
print(weakref.getweakrefcount(usr))
r = weakref.ref(usr)
print(weakref.getweakrefcount(usr), weakref.getweakrefs(usr)[0] is r,
      weakref.getweakrefs(usr)[1] is p)
print(repr(p) == "<weakproxy at %#x to Node at %#x>" % (id(p), id(usr)))

# the parent goes: the child's proxy is dead
root.children.remove(usr)
del usr, r
print(lib.parent is p)
for what, f in [("attribute", lambda: p.name), ("len", lambda: len(p)),
                ("call", lambda: p(1)), ("str", lambda: str(p)),
                ("bool", lambda: bool(p)), ("compare", lambda: p == root),
                ("iter", lambda: list(p)), ("item", lambda: p[0])]:
    try:
        f()
        print(what, "worked")
    except ReferenceError as e:
        print(what, "ReferenceError:", e)
print(repr(p) == "<weakproxy at %#x to NoneType at %#x>" % (id(p), id(None)))
print(p is lib.parent, weakref.getweakrefcount(lib))
