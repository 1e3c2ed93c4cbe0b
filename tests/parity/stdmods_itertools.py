# itertools basics (count, cycle, repeat, chain, islice, product,
# permutations, combinations, accumulate, groupby ...): the values, and
# their laziness (a generator pulled only as far as needed).
import itertools
from itertools import count, chain, islice, repeat, cycle, product, permutations, combinations, accumulate, groupby
print(list(islice(count(10, 5), 4)), list(islice(cycle("ab"), 5)), list(repeat("x", 3)))
print(list(chain([1, 2], (3,), "ab")), list(chain.from_iterable([[1], [2, 3]])))
print(list(islice(range(10), 2, 8, 2)), list(islice("abcdef", None)), list(islice("abcdef", 3, None)))
print(list(product("ab", range(2))), len(list(product(range(3), repeat=2))))
print(list(permutations([1, 2, 3], 2)), list(combinations("abcd", 2)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=100)))
for k, g in groupby("aaabbcaa"):
    print(k, list(g))
print([(k, len(list(g))) for k, g in groupby(sorted("mississippi"))])
print([k for k, g in groupby([1, 1, 2, 3, 3])])
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
for letter, group in groupby(words, key=lambda w: w[0]):
    print(letter, list(group))
print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(itertools.zip_longest("ab", "xyz", fillvalue="-")), list(itertools.pairwise("abcd")))
print(list(itertools.starmap(lambda a, b: a ** b, [(2, 3), (3, 2)])), list(itertools.compress("abcd", [1, 0, 1, 0])), list(itertools.filterfalse(None, [0, 1, 0, 2])))
print(list(itertools.combinations_with_replacement("ab", 2)))

# lazily: islice of an endless count takes only what it needs
def numbers():
    n = 0
    while True:
        n += 1
        print("  made", n)
        yield n


print(list(islice(numbers(), 3)))
evens = (x for x in count() if x % 2 == 0)
print(next(evens), next(evens), list(islice(evens, 3)))
# running totals and a sliding pair
sales = [5, 3, 8, 1]
print(list(accumulate(sales)), list(itertools.pairwise(accumulate(sales))))
# grouping consecutive runs (run-length encoding)
print("".join(f"{k}{len(list(g))}" for k, g in groupby("aaabccddd")))
# a group is lost once the groupby moves on
groups = [(k, g) for k, g in groupby("aabb")]
print([(k, list(g)) for k, g in groups])
# chain of generators, and product as nested loops
print(list(chain((x * x for x in range(3)), iter([9]))))
print(["".join(p) for p in product("01", repeat=3)])
print(sum(1 for _ in permutations(range(5))), sum(1 for _ in combinations(range(6), 3)))
