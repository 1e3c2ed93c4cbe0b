# refused: str.maketrans is not supported by pymm
print("start")
s = "abc"
f = s.maketrans
print(f("a", "b"))
