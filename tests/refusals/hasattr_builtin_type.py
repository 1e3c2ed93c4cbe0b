# refused: str.format_map is not supported by pymm
print("start")
print(hasattr(str, "format_map"))
