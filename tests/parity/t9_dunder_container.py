# A user container class with the full protocol: __len__, __getitem__,
# __setitem__, __delitem__, __contains__, __iter__, __bool__, __eq__,
# __repr__; used with len, in, for, sorted, list(), bool().
import gc

gc.collect()


class Deck:
    ranks = [str(n) for n in range(2, 11)] + list("JQKA")
    suits = "spades diamonds clubs hearts".split()

    def __init__(self):
        self._cards = [(r, s) for s in self.suits for r in self.ranks]

    def __len__(self):
        return len(self._cards)

    def __getitem__(self, position):
        return self._cards[position]

    def __iter__(self):
        return iter(self._cards)


deck = Deck()
print(len(deck), deck[0], deck[-1], [deck[i] for i in range(12, 52, 13)])
print(("Q", "hearts") in deck, ("Z", "clubs") in deck)
print([c for c in deck][:3])


def spades_high(card):
    rank, suit = card
    return Deck.ranks.index(rank) * 4 + Deck.suits.index(suit)


print(sorted(deck, key=spades_high)[:3])


class Bag:
    def __init__(self, items=()):
        self.data = {}
        for it in items:
            self[it] = self[it] + 1 if it in self else 1

    def __getitem__(self, k):
        return self.data[k]

    def __setitem__(self, k, v):
        self.data[k] = v

    def __delitem__(self, k):
        del self.data[k]

    def __contains__(self, k):
        return k in self.data

    def __iter__(self):
        for k, n in self.data.items():
            for _ in range(n):
                yield k

    def __len__(self):
        return sum(self.data.values())

    def __bool__(self):
        return bool(self.data)

    def __eq__(self, other):
        return isinstance(other, Bag) and self.data == other.data

    def __repr__(self):
        return f"Bag({sorted(self)!r})"


b = Bag("abracadabra")
print(b, len(b), b["a"], "z" in b, bool(b))
del b["a"]
print(b, len(b))
print(Bag("ab") == Bag("ba"), Bag("ab") == Bag("abb"), bool(Bag()))
if not Bag():
    print("empty bag is falsy")
try:
    b["q"]
except KeyError as e:
    print("KeyError", e)
