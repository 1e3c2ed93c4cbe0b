# refused: generator.throw is not supported by pymm
def numbers():
    yield 1
    yield 2


print("start")
g = numbers()
print(next(g))
try:
    g.throw(KeyError("k"))
except KeyError:
    print("caught")
