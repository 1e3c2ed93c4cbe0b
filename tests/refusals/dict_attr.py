# refused: dict.fromkeys is not supported by pymm
print("start")
d = {}
f = d.fromkeys
print(len(f("ab")))
