# dict views: keys(), values(), items() as objects holding their dict;
# they show the dict as it is now, iterate it, and refuse a size change
# during the loop as CPython does.
import gc
import sys
gc.collect()

stock = {'apples': 3, 'pears': 0, 'plums': 7}
keys = stock.keys()
values = stock.values()
items = stock.items()
print(keys)
print(values)
print(items)
print(len(keys), len(values), len(items))

# views reflect later changes
stock['figs'] = 2
del stock['pears']
print(keys, len(keys))
print(values)
print(items)
print('figs' in keys, 'pears' in keys, 7 in values, 8 in values)
print(('plums', 7) in items, ('plums', 8) in items, ('kiwis', 1) in items, 'x' in items)

# iteration
for name in keys:
    print(name, end=' ')
print()
total = 0
for n in values:
    total += n
print(total)
for name, n in items:
    print(f'{name}={n}', end=' ')
print()
print(sorted(keys), list(values), sorted(items), sum(values), max(keys))
print([k.upper() for k in stock.keys()], {v for v in stock.values()})

# a view holds its dict: the dict outlives its name
d = {1: 'one', 2: 'two'}
v = d.keys()
print(sys.getrefcount(d))
del d
print(v, gc.get_referents(v) == [{1: 'one', 2: 'two'}], gc.is_tracked(v))
del v
print(gc.collect())

# the dict changing size while a view is iterated
d = {n: n * n for n in range(5)}
try:
    for k in d.keys():
        d[k + 10] = 0
except RuntimeError as e:
    print('RuntimeError', e)
try:
    for k, val in d.items():
        del d[k]
except RuntimeError as e:
    print('RuntimeError', e)
print(len(d))

# a value change keeps the size: allowed
d = {'a': 1, 'b': 2}
for k in d.keys():
    d[k] = d[k] * 10
print(d.items(), bool(d.keys()), bool({}.values()))
print(dict().keys(), {}.items())
