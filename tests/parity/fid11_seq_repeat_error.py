# x * y where a sequence meets a non-int: sequence_repeat()'s TypeError
class Foo:
    pass
for a, b in [("x", Foo()), (Foo(), "x"), ([1], 2.5), (2.5, [1]), ([1], [2]), ("a", "b"), ((1,), None), (b"a", 1.0), (Foo(), 2)]:
    try:
        print(a * b)
    except TypeError as e:
        print(e)
x = [1]
try:
    x *= 1.5
except TypeError as e:
    print(e)
print([0] * 3, 2 * "ab", (1,) * 2)
