# refused: int.real is not supported by pymm
print("start")
print("{0.real} {1[0]}".format(1, [2]))
