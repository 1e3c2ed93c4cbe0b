# After a young collection the survivors sit in the order move_unreachable
# left them: a list's items come back last to first (list_traverse), so a
# later cycle of them is finalized in that order.
import gc
gc.disable()
gc.collect()


class A:
    def __del__(self):
        print("A")


class B:
    def __del__(self):
        print("B")


class C:
    def __del__(self):
        print("C")


keep = [A(), B()]
gc.collect(0)
keep.append(keep)
del keep
print("collect", gc.collect())

keep = [A(), B(), C()]
keep.append(keep)
del keep
print("never collected before", gc.collect())

keep = (A(), B(), C())
holder = [keep]
gc.collect(0)
holder.append(holder)
del keep
del holder
print("tuple", gc.collect())

d = {"a": A(), "b": B(), "c": C()}
gc.collect(0)
d["self"] = d
del d
print("dict", gc.collect())

d = {1: A(), 2: B(), 3: C()}
gc.collect(1)
d[0] = d
del d
print("general dict", gc.collect())

x = [[A()], [B()], [C()]]
gc.collect(0)
gc.collect(1)
x.append(x)
del x
print("nested", gc.collect())
