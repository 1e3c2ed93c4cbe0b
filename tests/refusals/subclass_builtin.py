# refused: subclassing builtin type 'list' is not supported by pymm
print("start")


class Stack(list):
    def push(self, x):
        self.append(x)


s = Stack()
s.push(1)
print(len(s))
