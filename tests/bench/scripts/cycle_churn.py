# cycle churn with automatic collection: pairs of instances pointing at each
# other, dropped at once, left to the collector's thresholds
import gc

N = 20000  # scale


class Node:
    def __init__(self, v):
        self.v = v
        self.peer = None


gc.collect()
made = 0
for i in range(N):
    a = Node(i)
    b = Node(i + 1)
    a.peer = b
    b.peer = a
    made += 2
print(made, gc.collect() >= 0)
