# refused: a generator expression is supported by pymm only as the argument of a call or the iterable of a for loop
print("start")
g = (x for x in [1, 2])
print(sum(g))
