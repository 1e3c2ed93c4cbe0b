# eval() of an expression string: in the module's globals, in a dict of its
# own (which gets __builtins__), leading blanks, a calculator table, its
# SyntaxError, NameError and ZeroDivisionError, literals read back by repr
import sys
x = 10
print(eval("x + 1"), eval("  x * 2\n"), eval("[i for i in range(3)]"))
d = {"a": 2, "b": 3}
print(eval("a ** b", d), sorted(d))
ns = {}
print(eval("len('abc')", ns), list(ns))
ops = {"add": "p + q", "mul": "p * q"}
env = {"p": 6, "q": 7}
for name, expr in ops.items():
    print(name, eval(expr, env))
try:
    eval("x = 1")
except SyntaxError as e:
    print("SyntaxError", e)
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError")
try:
    eval("undefined_name")
except NameError as e:
    print(e)
try:
    eval("1/0")
except ZeroDivisionError as e:
    print(e)
print(eval(repr([1, 'two', 3.0, None, (4,)])))
v = eval("{'k': [1, 2]}")
print(v, sys.getrefcount(v))
print(eval("x if x > 5 else -x"), eval("globals() is g", {"g": 0}) if False else eval("x"))
# a parenthesized assignment expression is a statement of its own
(n := 5)
exec("(m := n + 1)")
print(n, m, eval("(k := m * 2)"), k)
