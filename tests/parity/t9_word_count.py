# Text processing: word frequencies with dict.get and setdefault, sorting by
# count then word, a set of unique words, grouping by first letter.
import gc

gc.collect()

text = """The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs away, quick as ever! A fox, a dog, and THE end."""

words = []
for raw in text.split():
    w = raw.strip(".,;!").lower()
    if w:
        words.append(w)
print(len(words), words[:5])

counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
print(top[:5])
for word, n in top[:3]:
    print(f"{word:<8}{n:>3} {'*' * n}")

unique = set(words)
print(len(unique), sorted(unique)[:4])
groups = {}
for w in sorted(unique):
    groups.setdefault(w[0], []).append(w)
print({k: v for k, v in groups.items() if len(v) > 1})
letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print("".join(sorted(letters, key=lambda c: (-letters[c], c)))[:10])
print(max(counts, key=counts.get), min(len(w) for w in words))
lengths = [len(w) for w in words]
print(sum(lengths) / len(lengths))
print(" ".join(w.capitalize() for w in "hello big world".split()))
print(text.count("the"), text.lower().count("the"), text.find("fox"), text.rfind("fox"))
print(text.splitlines()[1].title())
