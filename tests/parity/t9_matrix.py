# A Matrix class with operators: __add__, __mul__, __matmul__ refused?
# no, plain methods; __getitem__ with tuples, __eq__, __repr__, identity,
# transpose, and lists of lists copied correctly (not [[0]*n]*n).
import gc

gc.collect()


class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.n = len(rows)
        self.m = len(rows[0]) if rows else 0

    @classmethod
    def zeros(cls, n, m):
        return cls([[0] * m for _ in range(n)])

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]

    def __setitem__(self, ij, v):
        i, j = ij
        self.rows[i][j] = v

    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return Matrix([[a * other for a in r] for r in self.rows])
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])

    def __rmul__(self, k):
        return self * k

    def __eq__(self, other):
        return self.rows == other.rows

    def transpose(self):
        return Matrix(list(zip(*self.rows)))

    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"


a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a + b, a * b, b * a)
print(a * 2, 3 * a)
print(a * Matrix.identity(2) == a, a.transpose())
z = Matrix.zeros(2, 3)
z[1, 2] = 7
print(z, z[1, 2])
bad = [[0] * 3] * 2
bad[0][0] = 1
print(bad)
good = [[0] * 3 for _ in range(2)]
good[0][0] = 1
print(good)
print(Matrix([[1, 2, 3]]) * Matrix([[1], [2], [3]]))
