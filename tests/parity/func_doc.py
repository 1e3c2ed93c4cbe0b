# a function's __doc__ (its docstring constant, or None; through a bound method; after assignment) and __module__
def f():
    "Doc."
    return 1
def g(): pass
print(f.__doc__, g.__doc__, f.__module__)
class A:
    "Cls."
    def m(self):
        "M."
print(A.__doc__, A.m.__doc__, A().m.__doc__, A.__module__)
print(f.__name__, f.__code__.co_name if False else "")
def deco(fn):
    def wrapper(*a):
        return fn(*a)
    wrapper.__doc__ = fn.__doc__
    wrapper.__name__ = fn.__name__
    return wrapper
@deco
def h():
    """H doc."""
print(h.__doc__, h.__name__, f.__doc__ is f.__doc__, (lambda: 1).__doc__, type(f.__module__).__name__)
f.__doc__ = "changed"
print(f.__doc__)
def n():
    x = 1
    "not a docstring"
print(n.__doc__)
