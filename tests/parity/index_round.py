# __index__ wherever an int is wanted (subscripts of lists, tuples, strs and
# ranges, slices, hex/bin/range), its non-int error; __round__ with and
# without ndigits; the TypeErrors name the class
class V:
    def __init__(self, x):
        self.x = x
    def __index__(self):
        return self.x
    def __round__(self, n=None):
        return ("round", self.x, n)
print([10, 20, 30, 40][V(1)], (1, 2, 3)[V(-1)], "abc"[V(2)], range(9)[V(2)], b"xyz"[V(0)])
print(list(range(10))[V(1):V(3)], "abcdef"[V(1)::V(2)], hex(V(255)), bin(V(2)), oct(V(8)), range(V(3)))
print(round(V(7)), round(V(7), 2), round(V(7), None))
class P:
    pass
class Q:
    def __index__(self):
        return "x"
for f in (lambda: round(P()), lambda: hex(P()), lambda: [1][Q()], lambda: bin(Q()),
          lambda: [1, 2][P():], lambda: [1][P()]):
    try:
        f()
    except TypeError as e:
        print(e)
