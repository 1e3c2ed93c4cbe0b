# refused: the !a conversion is not supported by pymm
print("start")
print(f"{'é'!a}")
