# 1, 1.0 and True are equal and hash alike: one key.  The first key object
# stays, the last value wins.
d = {1: 'int', 1.0: 'float', True: 'bool'}
print(d, len(d))
d[1.0] = 'again'
print(d)
e = {}
e[True] = 'a'
e[1] = 'b'
print(e)
print(d[True], d[1.0], e[1])
f = {0: 'zero', False: 'f', 0.0: 'z'}
print(f)
g = {'a': 1, 'b': 2, 'a': 3}
print(g)
h = {(1, 2): 'tuple key', 2.5: 'float key', b'k': 'bytes key', None: 'none'}
print(h[(1, 2)], h[2.5], h[b'k'], h[None])
del h[2.5]
print(len(h), 2.5 in h, (1, 2) in h)
try:
    print(h['missing'])
except KeyError:
    print('KeyError')
try:
    h[[1]] = 1
except TypeError:
    print('TypeError: unhashable')
