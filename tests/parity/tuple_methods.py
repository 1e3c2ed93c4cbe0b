# tuple.index (start/stop, negative bounds, the ValueError) and tuple.count, by ==
t = (3, 1, 3, "a", 1.0)
print(t.index(3), t.index(3, 1), t.index(1), t.count(3), t.count(1), t.count("b"), t.index("a", -3, -1))
try:
    t.index(9)
except ValueError as e:
    print(e)
print([1, 2].index(2), (1,).count(True))
try:
    t.index()
except TypeError as e:
    print(e)
