# refused: subclassing builtin type 'str' is not supported by pymm
print("start")


class Tag(str):
    def shout(self):
        return self.upper()


t = Tag("x")
print(t.shout())
