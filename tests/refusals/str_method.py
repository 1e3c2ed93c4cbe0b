# refused: str.translate is not supported by pymm
print("start")
print("abc".translate({97: "b"}))
