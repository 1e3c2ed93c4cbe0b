# A chain of 60 instances with __del__, each holding the next in a list,
# a tagged instance before it every 20: the list releases the deeper head
# first, so the tags nested past level 50 are deposited and come back
# when CPython's trashcan destroys its chain (tests/unit/test_trash.c
# checks the same order in the core).
import gc

gc.collect()


class N:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        print(self.i)


head = N(0)
for i in range(1, 60):
    n = N(i)
    n.next = [N(1000 + i), head] if i % 20 == 0 else [head]
    head = n
n = None
print("go")
del head
print("end")
