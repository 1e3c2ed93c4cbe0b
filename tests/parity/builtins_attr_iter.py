# hasattr/getattr of builtin types and functions: what CPython lacks is not found
print(hasattr(dict, "nosuch"), hasattr(len, "nosuch"), getattr(list, "zzz", 1))
print(getattr(dict, "__name__"), dict.__name__)
try:
    getattr(dict, "nosuch")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(len, "nosuch")
except AttributeError as e:
    print("AttributeError", e)

print(sorted("banana"), sorted(b"cab"), sorted("b", reverse=True))
print(sorted({3: 1, 1: 2}), sorted({5, 2}), sorted(range(3), reverse=True), sorted(x for x in "zy"))
print("-".join(sorted("dcba")), min("hello"), max(b"az"), sum(b"ab"), list(reversed("abc")))
for bad in [5, None, 1.5]:
    try:
        sorted(bad)
    except TypeError as e:
        print("TypeError", e)
a, b, c = "xyz"
print(a, c, [*"ab", *b"c"])
