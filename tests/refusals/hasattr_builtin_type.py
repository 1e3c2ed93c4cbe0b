# refused: dict.fromkeys is not supported by pymm
print("start")
print(hasattr(dict, "fromkeys"))
