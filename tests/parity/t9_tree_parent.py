# A tree whose children point back at their parent: every subtree is a
# cycle, freed only by the collector; with a weakref parent it is freed at
# once.  Depth-first and breadth-first walks.
import gc
import weakref

gc.collect()


class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def path(self):
        parts = []
        node = self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return "/".join(reversed(parts))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


root = TreeNode("root")
for i in range(3):
    d = TreeNode(f"dir{i}", root)
    for j in range(2):
        TreeNode(f"file{j}.txt", d)

print([n.path() for n in root.walk()])
print(len(list(root.walk())))

queue = [root]
order = []
while queue:
    node = queue.pop(0)
    order.append(node.name)
    queue.extend(node.children)
print(order)
del node, d
del root
# 10 nodes: each an instance, plus a children list
print("cyclic tree:", gc.collect())


class WeakNode:
    def __init__(self, name, parent=None):
        self.name = name
        self._parent = weakref.ref(parent) if parent else None
        self.children = []
        if parent:
            parent.children.append(self)

    @property
    def parent(self):
        return self._parent() if self._parent else None

    def __del__(self):
        print("del", self.name)


top = WeakNode("top")
kid = WeakNode("kid", top)
print(kid.parent.name)
del kid
del top
print("weak tree:", gc.collect())
