# a linked structure built and torn down: a singly linked list of instances
N = 20000  # scale


class Cell:
    def __init__(self, value, rest):
        self.value = value
        self.rest = rest


for r in range(3):
    head = None
    for i in range(N):
        head = Cell(i, head)
    n = 0
    node = head
    while node is not None:
        n += node.value
        node = node.rest
    head = None
print(n)
