# Generator bodies recurse like any code (their own stack), yield from
# nests, and close() runs a pending finally block (GeneratorExit).
import gc
gc.collect()
import sys
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
def g():
    yield deep(900)
    try:
        deep(5000)
    except RecursionError:
        yield "recursion"
def nested(n):
    if n == 0:
        yield "bottom"
    else:
        yield from nested(n - 1)
print(list(g()))
print(list(nested(50)))
def tf():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")
t = tf()
next(t)
t.close()
print("after close")
for v in tf():
    print(v)
