# refused: str.isalpha of non-ASCII text is not supported by pymm
print("start")
print("é".isalpha())
