# Classes inside class bodies and inside methods: names, qualnames, reprs,
# and what the enclosing class body can and cannot see.
import gc


class Tree:
    class Node:
        def __init__(self, value, children=()):
            self.value = value
            self.children = list(children)

        def __repr__(self):
            return "Node(%r, %d children)" % (self.value, len(self.children))

    class Error(Exception):
        pass

    root_kind = Node.__name__          # the body sees its own names

    def __init__(self, value):
        self.root = Tree.Node(value)

    def add(self, value):
        node = self.Node(value)
        self.root.children.append(node)
        return node


t = Tree("top")
t.add("left")
t.add("right")
print(t.root, t.root.children, Tree.root_kind)
print(Tree.Node.__name__, Tree.Node.__qualname__, Tree.Node.__init__.__qualname__)
print(Tree.Error.__qualname__, Tree.Error.__mro__[1:])
print(type(t.root), Tree.Node, type(t.root) is Tree.Node)
print(repr(Tree.Node).startswith("<class '__main__.Tree.Node'>"))
try:
    raise Tree.Error("bad tree")
except Tree.Error as e:
    print("caught", type(e).__name__, e)
print(isinstance(t.root, Tree.Node), "Node" in Tree.__dict__)


# a default instance repr uses the qualname
class Outer:
    class Inner:
        class Innermost:
            pass


x = Outer.Inner.Innermost()
print(repr(x).split(" object at ")[0], Outer.Inner.Innermost.__qualname__)


def factory():
    class Local:
        class Nested:
            pass
    return Local


L = factory()
print(L.__qualname__, L.Nested.__qualname__)
print(repr(L).split(" at ")[0], repr(L.Nested()).split(" object at ")[0])


# a class made by a method
class Registry:
    def make(self, name):
        class Entry:
            owner = self

            def label(self):
                return name + " of " + type(self.owner).__name__
        return Entry


E = Registry().make("item")
print(E.__qualname__, E().label(), E.label.__qualname__)


# the class body cannot see the outer class's names (only globals)
limit = "global limit"


class Config:
    limit = "Config limit"

    class Section:
        seen = limit


print(Config.Section.seen)


# nested classes are collected with their outer class
class Holder:
    class Part:
        pass


gc.collect()
del Holder
print(gc.collect())


def counts():
    class A:
        class B:
            class C:
                pass
    gc.collect()
    del A
    return gc.collect()


print(counts())
