# refused: augmented assignment to a slice is not supported by pymm
print("start")
xs = [1, 2, 3]
xs[0:2] += [9]
print(xs)
