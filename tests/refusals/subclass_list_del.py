# refused: __del__ on a subclass of list or dict is not supported by pymm
print("start")


class Stack(list):
    def __del__(self):
        print("gone", len(self))


s = Stack([1, 2])
del s
