# refused: str.format_map is not supported by pymm
print("start")
s = "abc"
f = s.format_map
print(f({}))
