# comprehensions: list and dict comprehensions, nested, with conditions
N = 30000  # scale
squares = [i * i for i in range(N)]
evens = [x for x in squares if x % 2 == 0]
table = {i: i * 3 for i in range(N // 10)}
pairs = [[a + b for b in range(5)] for a in range(N // 50)]
print(len(squares), len(evens), len(table), len(pairs))
