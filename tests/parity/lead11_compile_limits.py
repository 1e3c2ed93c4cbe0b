# The nesting limits of CPython 3.11's tokenizer, parser and compiler: code
# past them is refused before it runs, with the same error as python3's.
import sys


def attempt(label, src):
    try:
        exec(src, {})
        print(label, "ran")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(label, type(e).__name__, e)


def nested(head, n, inner="pass"):
    lines = []
    for d in range(n):
        lines.append(" " * d + head)
    lines.append(" " * n + inner)
    return "\n".join(lines) + "\n"


# brackets: 200 open at once is the tokenizer's limit
for n in (199, 200, 201):
    attempt(f"parens {n}", "x = " + "(" * n + "1" + ")" * n)
    attempt(f"lists {n}", "x = " + "[" * n + "]" * n)
attempt("calls 201", "x = " + "f(" * 201 + ")" * 201)

# indentation: 100 levels counting column 0
for n in (98, 99, 100):
    attempt(f"indent {n}", nested("if 1:", n))

# statically nested blocks: 20 per function
for head, n in (("for x in [1]:", 20), ("for x in [1]:", 21), ("while 0:", 21),
                ("with cm:", 21)):
    attempt(f"blocks {head} {n}", nested(head, n))
attempt("blocks in a def", "def f():\n" + "\n".join(
    " " * (d + 1) + "for x in [1]:" for d in range(20)) + "\n" + " " * 21 + "pass\n")
attempt("def resets blocks", nested("for x in [1]:", 15, "def g():\n" + "\n".join(
    " " * (15 + d + 1) + "for y in [1]:" for d in range(10)) + "\n" + " " * 26 + "pass"))


def trys(n, handler="except E:"):
    out = []
    for d in range(n):
        i = " " * d
        out.append(i + "try:\n" + i + " pass\n" + i + handler)
    return "\n".join(out) + "\n" + " " * n + "pass\n"


for n in (10, 11):
    attempt(f"handlers {n}", trys(n))
    attempt(f"bare handlers {n}", trys(n, "except:"))
attempt("try bodies 19", nested("try:", 19, "pass") + "".join(
    " " * d + "except E:\n" + " " * d + " pass\n" for d in reversed(range(19))))
attempt("try bodies 20", nested("try:", 20, "pass") + "".join(
    " " * d + "except E:\n" + " " * d + " pass\n" for d in reversed(range(20))))
attempt("finally 20", trys(20, "finally:"))
attempt("finally 21", trys(21, "finally:"))


# depth: the compiler counts each statement and expression on the way
# down, 3 x the recursion limit in all, 3 for each frame running
def deepest(make, run=lambda src: exec(src, {})):
    lo, hi = 2000, 4000
    while hi - lo > 1:
        n = (lo + hi) // 2
        try:
            run(make(n))
            lo = n
        except RecursionError:
            hi = n
    return lo


print("minus", deepest(lambda n: "y = " + "-" * n + "1"))
print("not", deepest(lambda n: "y = " + "not " * n + "1"))
print("sum", deepest(lambda n: "y = " + "+".join(["1"] * n)))
print("calls", deepest(lambda n: "y = " + "+".join(["abs(1)"] * n)))
print("in an if", deepest(lambda n: "if 1:\n y = " + "-" * n + "1"))
print("elif", deepest(lambda n: "x = 5\nif x == 0:\n pass\n" + "".join(
    f"elif x == {i}:\n pass\n" for i in range(1, n))))
print("eval", deepest(lambda n: "-" * n + "1", lambda src: eval(src, {})))


def deeper(k):
    if k:
        return deeper(k - 1)
    return deepest(lambda n: "y = " + "-" * n + "1")


print("in a frame 5 deep", deeper(4))
sys.setrecursionlimit(1200)
print("at limit 1200", deepest(lambda n: "y = " + "-" * n + "1"))
sys.setrecursionlimit(1000)

# the parser's own stack: MemoryError past it
attempt("minus 7000", "y = " + "-" * 7000 + "1")
attempt("lambdas 4000", "y = " + "lambda: " * 4000 + "1")
attempt("powers 4000", "y = " + "**".join(["x"] * 4000))
print("done")
