# refused: str.format fields with attributes or indexes are not supported by pymm
print("start")
print("{0.real} {1[0]}".format(1, [2]))
