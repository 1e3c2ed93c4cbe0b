# A collection started automatically inside another op (the threshold
# reached by an allocation) runs the finalizers of its garbage, exactly as
# when gc.collect() is called.  Which allocation crosses the threshold
# differs (a class statement or an instance makes fewer GC allocations in
# pymm than in CPython, docs/gc.md), so the script prints only once enough
# has been allocated for every cycle to have been found.
import gc


class Cyc:
    def __del__(self):
        print("auto-collected", self.i)


gc.collect()
gc.set_threshold(10, 10, 10)
for i in range(3):
    c = Cyc()
    c.i = i
    c.me = c
    del c
junk = [[i] for i in range(100)]
print("allocated", len(junk))
print("left", gc.collect())
gc.set_threshold(700, 10, 10)
