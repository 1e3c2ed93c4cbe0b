# refused: str.__getnewargs__ is not supported by pymm
print("start")
s = "abc"
f = s.__getnewargs__
print(f())
