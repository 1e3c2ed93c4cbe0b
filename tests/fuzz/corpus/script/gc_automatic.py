# Allocations trigger collections against the thresholds: a cycle with a
# finalizer is collected while the loop runs, without gc.collect().
import gc
gc.disable()
gc.collect()


class A:
    def __del__(self):
        print("del A")


gc.collect()
gc.set_threshold(10, 10, 10)
gc.enable()
a = A()
a.me = a
del a
print("before loop")
holder = []
for i in range(100):
    holder.append([])
print("after loop")
gc.disable()
gc.set_threshold(700, 10, 10)
print(len(holder))
print(gc.collect())
