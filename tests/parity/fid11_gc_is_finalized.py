# gc.is_finalized: __del__ has run (PEP 442), the object may live on
import gc

holder = []


class Lazarus:
    def __del__(self):
        holder.append(self)


x = Lazarus()
print(gc.is_finalized(x))
del x
print(len(holder), gc.is_finalized(holder[0]))
y = Lazarus()
y.me = y
del y
gc.collect()
print(len(holder), gc.is_finalized(holder[1]))
print(gc.is_finalized(3), gc.is_finalized([]))
holder.clear()
print(gc.collect())
