# int(x, base=N): base as a keyword, and the TypeErrors of other keywords and counts
print(int("101", base=2), int("ff", base=16), int("0x1f", base=0), int(" 7 ", base=10))
for f in [lambda: int(base=2), lambda: int("7", base=2, x=1), lambda: int(x="7"),
          lambda: float(x=1.0), lambda: int("11", 2, base=2)]:
    try:
        print(f())
    except TypeError as e:
        print(e)
