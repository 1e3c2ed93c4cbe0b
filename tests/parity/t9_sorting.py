# Sorting as people do it: key functions, reverse, stability, multi-key
# sorts in two passes, sorting dict items, records as tuples and objects.
import gc

gc.collect()

students = [
    ("alice", "B", 88),
    ("bob", "A", 95),
    ("carol", "B", 88),
    ("dave", "C", 70),
    ("eve", "A", 91),
]
print(sorted(students, key=lambda s: s[2]))
print(sorted(students, key=lambda s: s[2], reverse=True))
print(sorted(students, key=lambda s: (s[1], -s[2])))
by_name = sorted(students)
by_grade = sorted(by_name, key=lambda s: s[1])
print([s[0] for s in by_grade])


class Student:
    def __init__(self, name, grade, score):
        self.name, self.grade, self.score = name, grade, score

    def __repr__(self):
        return f"<{self.name} {self.score}>"


objs = [Student(*s) for s in students]
objs.sort(key=lambda s: s.score)
print(objs)
objs.sort(key=lambda s: s.name, reverse=True)
print(objs)
print(sorted("Banana apple Cherry date".split(), key=str.lower))
print(sorted("Banana apple Cherry date".split()))
print(sorted([3, 1, 2], reverse=True), sorted((5, -1, 3), key=abs))
d = {"b": 2, "a": 3, "c": 1}
print(sorted(d), sorted(d.values()), sorted(d.items(), key=lambda kv: kv[1]))
print(dict(sorted(d.items())))
nums = [5, 3, 8, 1, 9, 2]
nums.sort()
print(nums, nums[::-1], list(reversed(nums)))
words = ["aa", "b", "ccc", "dd", "e"]
print(sorted(words, key=len), max(words, key=len), min(words, key=len))
pairs = [(1, "b"), (1, "a"), (0, "z")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]))
print(sorted([[2, 1], [1, 2], [1]]))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
print(sorted(["b", "A", "C"], key=str.lower), str.upper("x"), list.copy([1]), dict.get({1: 2}, 1))
try:
    str.lower(5)
except TypeError as e:
    print(e)
print(max(["aa", "B"], key=str.casefold))
