# refused: Unicode line separators is not supported by pymm
print("start")
print("a\u2028b".splitlines())
