# A collection started automatically inside another op (the threshold
# reached by an allocation) runs the finalizers of its garbage, exactly as
# when gc.collect() is called.
import gc

gc.collect()
gc.set_threshold(10, 10, 10)


class Cyc:
    def __del__(self):
        print("auto-collected", self.i)


for i in range(3):
    c = Cyc()
    c.i = i
    c.me = c
    del c
print("made three cycles")
junk = []
for i in range(30):
    junk.append([i])
print("allocated", len(junk))
print("left", gc.collect())
gc.set_threshold(700, 10, 10)
