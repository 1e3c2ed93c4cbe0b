# attribute-heavy classes: instances made, read and updated through methods
N = 30000  # scale


class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def norm1(self):
        return abs(self.x) + abs(self.y)


acc = Vector(0, 0)
step = Vector(1, -2)
for i in range(N):
    acc = acc.add(step)
    acc.x = acc.x % 1000
print(acc.x, acc.y, acc.norm1())
