# refused: '*' widths are not supported by pymm
print("start")
print("%*d" % (5, 1))
