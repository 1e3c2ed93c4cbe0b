# refused: the 'c' format of an int is not supported by pymm
print("start")
print(f"{65:c}")
