# any() and all() take one item at a time and stop at the first that
# decides: a generator given to them is left suspended where they stopped.
import gc
gc.collect()
def noisy(xs):
    for x in xs:
        print("made", x)
        yield x
print(any(x > 1 for x in noisy([0, 2, 5])))
print(all(x < 1 for x in noisy([0, 2, 5])))
g = noisy([1, 2, 3, 4])
print(any(x == 2 for x in g))
print(list(g))
print(any([]), all([]), any([0, 1]), all((1, 0)), any({0: 1}), all("ab"))
