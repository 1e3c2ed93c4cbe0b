# refused: nested fields in str.format specs are not supported by pymm
print("start")
print("{:{w}}".format("x", w=5))
