# Word counting with Counter and defaultdict: the counts, most_common,
# grouping, and what the containers hold (refcounts of the values, the
# dict subclasses' own attributes, the collector's view).
import sys
import gc
from collections import Counter, defaultdict

text = """the cat sat on the mat the dog sat on the log
a cat and a dog met on a mat and the cat ran"""

words = text.split()
counts = Counter(words)
print(counts.most_common(3))
print(counts["the"], counts["zebra"], "zebra" in counts, len(counts))
print(sum(counts.values()), counts.total())
print(sorted(counts.elements())[:6])

by_letter = defaultdict(list)
for w in words:
    by_letter[w[0]].append(w)
print(sorted(by_letter), by_letter["c"])
print(type(by_letter).__name__, isinstance(by_letter, dict), by_letter.default_factory)

lengths = defaultdict(int)
for w in words:
    lengths[len(w)] += 1
print(lengths)
print(dict(sorted(lengths.items())))

# the counts are small ints, shared; the lists are the defaultdict's own
lst = by_letter["s"]
print(sys.getrefcount(lst))
del by_letter["s"]
print(sys.getrefcount(lst))

# a missing key in a defaultdict makes an entry; .get() does not
groups = defaultdict(set)
print(groups.get("x"), len(groups))
groups["x"].add(1)
groups["y"]
print(groups, len(groups))

# updating and subtracting
inventory = Counter(apples=3, pears=2)
inventory.update({"apples": 2, "plums": 1})
inventory.subtract(["pears", "pears", "pears"])
print(inventory, +inventory)
print(inventory.most_common())
c2 = inventory.copy()
print(c2 == inventory, c2 is inventory, type(c2).__name__)

# counting characters, then the top ones
letters = Counter(ch for ch in text if ch.isalpha())
print(letters.most_common(4))
print(Counter("hello") + Counter("world"))
print(Counter("hello") - Counter("l"))
print(Counter("abc") & Counter("bcd"), Counter("ab") | Counter("bb"))
print(Counter("listen") == Counter("silent"), Counter("abc") == Counter("abd"))

# dict subclasses in the heap: tracked by the collector as CPython's are
print(gc.is_tracked(Counter()), gc.is_tracked(defaultdict(int)))
d = defaultdict(list)
d["self"].append(d)
del d
print("cycle collected:", gc.collect())
