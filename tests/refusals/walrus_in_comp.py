# parse-time
# refused: ':=' inside a comprehension is not supported by pymm
print("start")
print([y := x for x in [1, 2]], y)
