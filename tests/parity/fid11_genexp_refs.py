# generator expressions and iterators keep their source alive
import sys
import gc


class Source:
    def __init__(self, n):
        self.items = list(range(n))

    def __iter__(self):
        return iter(self.items)

    def __del__(self):
        print("source freed")


src = Source(3)
print(sys.getrefcount(src))
gen = (x * 2 for x in src)
print(sys.getrefcount(src))
del src
print("src name deleted")
print(next(gen))
print(list(gen))
print("gen exhausted")
del gen
print("gen deleted")
it = iter([1, 2, 3])
lst = [10, 20]
it2 = iter(lst)
print(sys.getrefcount(lst))
next(it2), next(it2)
print(next(it2, "end"), sys.getrefcount(lst))
