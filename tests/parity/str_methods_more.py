# str methods: case, classes, padding, search, partition, rsplit, splitlines, expandtabs;
# which return the str itself (3.11 unicode_result_unchanged)
s = "Hello, World"
print(s.swapcase(), s.title(), "they're bill's 1st".title(), "hELLO wORLD".capitalize(), s.casefold())
for w in ["abc", "ABC", "Abc", "a1", "12", "", " \t\n", "\x1c", "Hello World", "Hello world", "_x1", "1x", "a b", "\x07", "x!"]:
    print(repr(w), w.isalnum(), w.isalpha(), w.isascii(), w.isdecimal(), w.isdigit(), w.isnumeric(),
          w.isidentifier(), w.islower(), w.isupper(), w.isspace(), w.istitle(), w.isprintable())
print(repr("ab".center(7)), repr("ab".center(6, "*")), repr("abc".center(6)), repr("abc".center(2)))
print(repr("ab".ljust(5, "-")), repr("ab".rjust(5)), "42".zfill(5), "-42".zfill(5), "+7".zfill(1), "".zfill(3))
s2 = "x" * 30
print(s2.center(10) is s2, s2.ljust(3) is s2, s2.zfill(0) is s2, s2.removeprefix("y") is s2, s2.expandtabs() is s2)
t = "abcabcabc"
print(t.rfind("bc"), t.index("ca"), t.rindex("ab"), t.rfind("z"), t.rfind(""), t.index("", 3), t.rfind("bc", 0, 5), t.index("a", -3))
print(t.rfind("a", 10), t.rfind("", 9), t.rfind("", 10), t.index("c", 1, None))
try:
    t.index("z")
except ValueError as e:
    print("ValueError", e)
try:
    t.rindex("q", 2)
except ValueError as e:
    print("ValueError", e)
print("prefix-body".removeprefix("prefix-"), "body.py".removesuffix(".py"), "x".removesuffix(""))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="))
p = "kvw"
r = p.partition("=")
print(r[0] is p, r[2] is p, p.rpartition("=")[2] is p)
try:
    "a".partition("")
except ValueError as e:
    print("ValueError", e)
print("a b  c ".rsplit(), "a,b,c".rsplit(",", 1), "a,b,,c".rsplit(","), " a b c ".rsplit(None, 1), "a b".rsplit(maxsplit=0))
print("a,b".rsplit(sep=","), "".rsplit(), "".rsplit(","), "aXXbXX".rsplit("XX"))
print("l1\nl2\r\nl3\rl4\x0bl5\x0c".splitlines(), "a\n\nb\n".splitlines(True), "".splitlines(), "x\n".splitlines(keepends=True))
print(repr("a\tb\tc".expandtabs()), repr("ab\tc\n\td".expandtabs(4)), repr("\t".expandtabs(0)))
try:
    "x".center(5, "ab")
except TypeError as e:
    print("TypeError", e)
print("ünï".center(7, "·"), len("ünï".ljust(5)), "ünï".zfill(4), "aé".rfind("é"), "éaé".index("a"))
