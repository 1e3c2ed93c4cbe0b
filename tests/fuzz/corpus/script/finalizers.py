# __del__ runs when the last reference goes, at exactly that point of the
# output: del, rebinding, removal from a container, a dying container, a
# frame's exit, an expression temporary, and interpreter shutdown.
class A:
    def __del__(self):
        print("A finalized")

class B:
    def __del__(self):
        print("B finalized")

class Quiet:
    pass

print("start")
a = A()
print("before del")
del a
print("after del")

b = B()
b2 = b
b = None
print("one reference left")
b2 = 5
print("after rebinding")

l = [A(), B()]
print("list built")
l.pop()
print("popped")
del l[0]
print("deleted item")

d = {"x": A()}
print("dict built")
d = {}
print("dict replaced")

def work():
    local = B()
    print("in work")

work()
print("after work")

A()
print("after temporary")

q = Quiet()
q.a = A()
print("attribute set")
q.a = None
print("attribute rebound")
q.b = B()
del q
print("instance with attribute deleted")

n = [[A()]]
del n
print("nested list deleted")

keep1 = B()
_keep2 = A()
keep3 = A()
print("end of script")
