# range objects: a heap object per range(...) call, a range_iterator per
# loop; neither is tracked by the collector; len, indexing, in, ==, hash,
# repr, list(range(...)), ranges kept in variables and containers.
import gc
import sys
gc.collect()

r = range(10)
print(r, range(2, 20, 3), range(5, 0, -1), range(0))
print(len(r), len(range(2, 20, 3)), len(range(5, 0, -1)), len(range(3, 3)))
print(r[0], r[-1], range(2, 20, 3)[2], range(5, 0, -1)[-2])
print(list(r), list(range(10, 0, -3)), tuple(range(3)))
print(sum(range(101)), max(range(7)), min(range(4, 9)), sorted(range(3, 0, -1)))
print(3 in r, 10 in r, -1 in r, 7 in range(1, 20, 3), 8 in range(1, 20, 3))
print(4 in range(10, 0, -2), 5 in range(10, 0, -2), 3.0 in range(5), 'x' in range(3))
print(range(0, 5) == range(5), range(0) == range(3, 3), range(1, 2) == range(1, 9, 10))
print(range(0, 6, 2) == range(0, 5, 2), range(3) != range(4), range(3) == [0, 1, 2])
print(hash(range(3)) == hash(range(0, 3, 1)), hash(range(7)) == hash((7, 0, 1)))
print(bool(range(0)), bool(range(1)))
print(gc.is_tracked(r), gc.get_referents(r))

# a for loop over range(n) holds only the iterator
total = 0
for i in range(5):
    total += i
print(total)
for i in range(10, 0, -4):
    print(i, end=' ')
print()
for i in range(0):
    print('never')
else:
    print('empty loop done')

# ranges in variables and containers
rs = [range(3), range(1, 4)]
print(rs, [len(x) for x in rs], {range(3): 'a'}[range(0, 3)])
print([x * x for x in range(6) if x % 2], {x: x + 1 for x in range(3)})
print(sys.getrefcount(r))
s = r
print(sys.getrefcount(r), s is r)
del s
for i in r:
    pass
print(sys.getrefcount(r))

# errors
def fails(label, fn):
    try:
        fn()
    except (TypeError, ValueError, IndexError) as e:
        print(label, '->', e)

fails('zero step', lambda: range(1, 2, 0))
fails('index', lambda: range(3)[3])
fails('neg index', lambda: range(3)[-4])
fails('str arg', lambda: range('3'))
fails('no args', lambda: range())
fails('too many', lambda: range(1, 2, 3, 4))
fails('float', lambda: range(1.5))
fails('str index', lambda: range(3)['a'])
