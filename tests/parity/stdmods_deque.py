# collections.deque as queues, stacks and sliding windows: both ends,
# maxlen dropping (and releasing) from the far end, rotate, errors.
import sys
from collections import deque


class Job:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name

    def __del__(self):
        print("  done with", self.name)


queue = deque()
for n in "abc":
    queue.append(Job(n))
print(queue, len(queue), bool(queue))
first = queue.popleft()
print("got", first, queue)
del first
queue.appendleft(Job("z"))
print(queue, queue[0], queue[-1])
last = queue.pop()
print(last, queue)
del last

window = deque(maxlen=3)
for i in range(6):
    window.append(i)
    print(list(window), sum(window) / len(window))
print(window, window.maxlen)

history = deque([Job("h1"), Job("h2")], maxlen=2)
history.append(Job("h3"))
history.appendleft(Job("h0"))
print(history)

d = deque(range(5))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d, d.count(7), d.index(8), 3 in d, 42 in d)
d.remove(7)
d.reverse()
print(d, d == deque(list(d)), d == list(d))
d[0] = 100
del d[1]
print(d, d.copy(), d + deque([0]))
d += [5, 5]
print(d, len(d))

for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5]):
    try:
        bad()
    except IndexError as e:
        print("IndexError:", e)
try:
    deque([1]).remove(2)
except ValueError as e:
    print("ValueError:", e)
try:
    deque(maxlen=-1)
except ValueError as e:
    print("ValueError:", e)

# palindromes with both ends
def is_palindrome(s):
    chars = deque(c for c in s.lower() if c.isalnum())
    while len(chars) > 1:
        if chars.popleft() != chars.pop():
            return False
    return True


print(is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("deque"))

# breadth-first search over a small graph
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}
seen = {"a"}
todo = deque(["a"])
order = []
while todo:
    node = todo.popleft()
    order.append(node)
    for nxt in graph[node]:
        if nxt not in seen:
            seen.add(nxt)
            todo.append(nxt)
print(order)

item = [1]
q = deque([item, item])
print(sys.getrefcount(item))
q.clear()
print(sys.getrefcount(item), q)
print("end")
