# parse-time
# refused: '@' is not supported by pymm
print("start")
try:
    print(2 @ 3)
except TypeError:
    print("no matmul for ints")
