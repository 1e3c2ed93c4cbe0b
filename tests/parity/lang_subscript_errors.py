# The TypeErrors of a subscript, worded as CPython 3.11 words them: an
# unhashable dict key, a range's or a list's index of the wrong type, and
# objects with no __getitem__ at all.
d = {1: 2}
for key in ([1], {3: 4}, {5}):
    try:
        d[key]
    except TypeError as e:
        print(e)
for seq in (range(3), [1, 2], (1, 2)):
    try:
        seq["a"]
    except TypeError as e:
        print(e)
for obj in (5, 2.5, {1}, iter([1]), None):
    try:
        obj[0]
    except TypeError as e:
        print(e)
