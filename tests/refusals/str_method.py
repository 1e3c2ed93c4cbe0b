# refused: str.__getnewargs__ is not supported by pymm
print("start")
print("abc".__getnewargs__())
