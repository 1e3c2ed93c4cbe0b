# Error messages name an instance's class, as type(x).__name__ does
import sys
class Foo:
    pass
class Bar:
    def __repr__(self): return "Bar()"
for thunk in [lambda: print("a", sep=Foo()),
              lambda: "abc".startswith(Foo()),
              lambda: sys.stdout.write(Foo()),
              lambda: print("a", end=Bar()),
              lambda: "abc".endswith((Foo(),)),
              lambda: len(Foo()),
              lambda: round(Foo()),
              lambda: Foo().missing,
              lambda: iter(Foo()),
              lambda: int(Foo()),
              lambda: Foo() + 1,
              lambda: Foo() < Foo(),
              lambda: -Foo(),
              lambda: hash(Foo()) and Foo()[0],
              lambda: [1][Foo()],
              lambda: abs(Foo()),
              lambda: f"{Foo():>5}",
              lambda: "".join([Foo()]),
              lambda: sorted([Foo(), Foo()]),
              lambda: max(Foo(), Foo()),
              lambda: isinstance(1, Foo()),
              lambda: next(Foo()),
              lambda: list(Foo()),
              lambda: {}[[]],
              lambda: {Foo(): 1}[{}],
              lambda: float(Foo()),
              lambda: str.upper(Foo()),
              lambda: bytes(Foo()),
              ]:
    try:
        thunk()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
def f(a, b): pass
try:
    f(*Foo())
except TypeError as e:
    print(e)
try:
    f(**Foo())
except TypeError as e:
    print(e)
try:
    with Foo():
        pass
except TypeError as e:
    print(e)
for thunk in [lambda: ord(Foo()), lambda: ord([]), lambda: int([]), lambda: float([]), lambda: "-".join([1])]:
    try:
        thunk()
    except TypeError as e:
        print(e)
