# str.maketrans (one dict, two strs, a third of deletions; on the type and on a str) and str.translate (dict, list, instance tables; LookupError keeps, None deletes); their errors
s = "hello"
print(s.translate({}) is s, s.translate({ord("z"): "q"}) == s)
print(str.maketrans("ab", "xy"), str.maketrans({"a": "1", 98: None}), str.maketrans("a", "b", "c"), "".maketrans("q", "r"))
print("hello, world!".translate(str.maketrans("", "", ",!")), "héllo".translate({233: "e", 108: None}))
for bad in [lambda: str.maketrans("ab", "x"), lambda: str.maketrans({"ab": 1}), lambda: str.maketrans([1]),
            lambda: "a".translate({97: 1.5}), lambda: "a".translate({97: 0x110000}), lambda: str.maketrans(1, "2"),
            lambda: str.maketrans("1", 2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class T:
    def __getitem__(self, k):
        if k == 97:
            return "A"
        raise LookupError
print("abc".translate(T()), "abc".translate(["0"] * 98), "abc".translate({97: 65, 98: "BB"}))
table = str.maketrans("aeiou", "AEIOU")
print("programming is fun".translate(table))
