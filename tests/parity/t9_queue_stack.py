# Stacks and queues from lists: balanced brackets, reverse Polish
# evaluation, a queue with pop(0), a priority queue kept sorted, undo.
import gc

gc.collect()


def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


for s in ["()[]{}", "([)]", "((", "{[()()]}", ""]:
    print(repr(s), balanced(s))


def rpn(expr):
    stack = []
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b,
           "*": lambda a, b: a * b, "/": lambda a, b: a / b}
    for tok in expr.split():
        if tok in ops:
            b, a = stack.pop(), stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(float(tok) if "." in tok else int(tok))
    return stack[0]


print(rpn("3 4 + 2 *"), rpn("5 1 2 + 4 * + 3 -"), rpn("1.5 2 /"))
queue = []
for job in ["a", "b", "c"]:
    queue.append(job)
while queue:
    print("processing", queue.pop(0), "left", len(queue))
tasks = []
for prio, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
    tasks.append((prio, name))
    tasks.sort(key=lambda t: t[0])
print([n for _, n in tasks])


class Editor:
    def __init__(self):
        self.text = ""
        self.undo_stack = []

    def type(self, s):
        self.undo_stack.append(self.text)
        self.text += s

    def undo(self):
        if self.undo_stack:
            self.text = self.undo_stack.pop()


e = Editor()
for w in ["Hello", ", ", "world", "!"]:
    e.type(w)
print(e.text)
e.undo()
e.undo()
print(e.text, len(e.undo_stack))
try:
    [].pop()
except IndexError as err:
    print("IndexError:", err)
