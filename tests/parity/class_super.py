# super() in methods (zero-argument and two-argument forms), cooperative
# __init__ along a diamond's MRO.
class Base:
    def __init__(self, tag):
        self.log = ["Base"]
        self.tag = tag

    def name(self):
        return "Base"

    def describe(self):
        return "I am " + self.name()


class Left(Base):
    def __init__(self, tag):
        super().__init__(tag)
        self.log.append("Left")

    def name(self):
        return "Left<" + super().name() + ">"


class Right(Base):
    def __init__(self, tag):
        super().__init__(tag)
        self.log.append("Right")

    def name(self):
        return "Right<" + super().name() + ">"


class Diamond(Left, Right):
    def __init__(self, tag):
        super(Diamond, self).__init__(tag)
        self.log.append("Diamond")

    def name(self):
        return "Diamond<" + super().name() + ">"


d = Diamond("t")
print(d.log, d.tag)
print(d.name())
print(d.describe())
print(Diamond.__mro__)
f = super(Left, d).name
print(f())
r = Right("r")
print(r.log, r.name())
