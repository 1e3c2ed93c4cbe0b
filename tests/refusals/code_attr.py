# refused: code.co_consts is not supported by pymm
print("start")
def f():
    pass
print(f.__code__.co_consts)
