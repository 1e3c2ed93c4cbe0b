# refused: are not supported by pymm (__init__ is)
print("start")


class Stack(list):
    def __del__(self):
        print("gone", len(self))


s = Stack([1, 2])
del s
