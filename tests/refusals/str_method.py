# refused: str.format_map is not supported by pymm
print("start")
print("{a}".format_map({"a": 1}))
