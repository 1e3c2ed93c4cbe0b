# refused: str.__getnewargs__ is not supported by pymm
print("start")
print(hasattr(str, "__getnewargs__"))
