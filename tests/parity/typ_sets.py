# set and frozenset, tutorial style: dedupe, membership, set algebra,
# sets of tuples, frozensets as keys; orders CPython makes deterministic
# (small ints and tuples of them hash the same in every run).
import gc
import sys
gc.collect()

# dedupe a list, keep the set's own order
visits = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
seen = set(visits)
print(seen, len(seen))
print(sorted(seen))
print(list({x % 7 for x in visits}))

# membership
print(4 in seen, 8 in seen, 8 not in seen)

# algebra
evens = {n for n in range(20) if n % 2 == 0}
threes = set([n for n in range(0, 20, 3)])
print(evens | threes)
print(evens & threes)
print(evens - threes)
print(evens ^ threes)
print(evens.union([100, 101], (102,)))
print(evens.intersection(threes, {0, 6, 7}))
print(evens.difference(threes, [2, 4]))
print(evens.symmetric_difference([n for n in range(5)]))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, {1} > {1})
print({1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset((2,)), {1}.isdisjoint({2}))
print({1, 2} == {2, 1}, {1} == frozenset({1}), {1} != {1, 2}, {1} == [1])

# collisions: the table's probing decides the order
print({8, 16, 24, 32, 40})
print({1, 9, 17, 25, 33, 41, 49, 57, 65})
print(set([-1, -2, 8, 0, 64, 128, 7]))
big = {n for n in range(100, 0, -7)}
print(big)
print(set(x * 1000 for x in range(12)))

# in-place forms keep the object
s = {1, 2, 3}
alias = s
s |= {4}
s &= {1, 2, 4, 5}
s -= {1}
s ^= {7, 2}
print(s, s is alias)
f = frozenset({1, 2})
g = f
f |= {3}
print(f, g, f is g)

# mutators
s = set()
for n in [5, 3, 5, 8, 1]:
    s.add(n)
s.discard(100)
s.remove(3)
print(s, s.pop(), s)
s.update([10, 20], {30})
print(s)
s.intersection_update({10, 20, 30, 8}, [20, 30, 8])
print(s)
s.difference_update([30])
s.symmetric_difference_update({8, 9})
print(s)
c = s.copy()
c.clear()
print(c, s, len(c))

# tuples and frozensets as members and keys
edges = {(1, 2), (2, 3), (1, 2), (3, 1)}
print(len(edges), (2, 3) in edges, sorted(edges))
groups = {frozenset({1, 2}): 'a', frozenset({3}): 'b'}
print(groups[frozenset([2, 1])], frozenset() in {frozenset()})
print({1, 2} in {frozenset({1, 2})})
print(frozenset({1, 2, 3}), frozenset(), set(), frozenset(frozenset({5})))
fz = frozenset({4, 5})
print(frozenset(fz) is fz, fz.copy() is fz, fz.union() is fz, fz.union() == fz)
print(hash(frozenset({1, 2})) == hash(frozenset([2, 1])), hash(frozenset()))
print(hash(frozenset({1, 2, 3})), hash(frozenset({(1, 2), (3, 4)})))

# errors as CPython words them
def fails(label, fn):
    try:
        fn()
    except TypeError as e:
        print(label, '-> TypeError', e)
    except KeyError as e:
        print(label, '-> KeyError', e)
    except AttributeError as e:
        print(label, '-> AttributeError', e)

fails('display', lambda: {[1]})
fails('set(list of lists)', lambda: set([[1]]))
fails('remove', lambda: {1}.remove(9))
fails('pop', lambda: set().pop())
fails('frozenset add', lambda: frozenset().add(1))
fails('| list', lambda: {1} | [1])
fails('<= list', lambda: {1} <= [1])
fails('hash', lambda: hash({1}))
fails('add()', lambda: {1}.add())
fails('union(5)', lambda: {1}.union(5))
fails('add(list)', lambda: {1}.add([]))
fails('in', lambda: [] in {1})

# changing a set while looping over it
s = {1, 2, 3}
try:
    for x in s:
        s.add(x * 10)
except RuntimeError as e:
    print('RuntimeError', e)
print(len(s))
