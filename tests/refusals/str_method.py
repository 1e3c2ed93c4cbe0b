# refused: str.casefold is not supported by pymm
print("start")
print("ABC".casefold())
