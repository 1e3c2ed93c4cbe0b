# refused: str.maketrans is not supported by pymm
print("start")
print(hasattr(str, "maketrans"))
