# parse-time
# refused: ':=' inside a comprehension in a function is not supported by pymm
def f():
    return [y := x for x in [1, 2]], y
print(f())
