# String manipulation as exercises go: palindromes, reversing words,
# caesar cipher with ord/chr, vowels, title case, join and split,
# padding, counting, replacing, and checking prefixes.
import gc

gc.collect()


def is_palindrome(s):
    cleaned = "".join(c.lower() for c in s if c.isalnum())
    return cleaned == cleaned[::-1]


print(is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("hello"))
sentence = "the quick brown fox"
print(" ".join(reversed(sentence.split())), sentence[::-1])
print(" ".join(w[::-1] for w in sentence.split()))


def caesar(text, shift):
    out = []
    for ch in text:
        if ch.isupper():
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        elif ch.islower():
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        else:
            out.append(ch)
    return "".join(out)


secret = caesar("Hello, World!", 3)
print(secret, caesar(secret, -3))
print(sum(1 for c in sentence if c in "aeiou"))
print(sentence.title(), sentence.upper(), sentence.capitalize())
print(sentence.replace("o", "0"), sentence.replace("o", "0", 1))
print(sentence.startswith("the"), sentence.endswith(("fox", "dog")))
print("-".join(["a", "b", "c"]), "a,b,,c".split(","), "  pad  ".strip() + "|")
print("x".center(7, "*"), "42".zfill(5), "ab".ljust(4, ".") + "|", "ab".rjust(4) + "|")
print("Mississippi".count("ss"), "Mississippi".index("ss"), "Mississippi".find("z"))
print("a1b2c3".isalnum(), "123".isdigit(), "abc".isalpha(), "   ".isspace(), "Ab".istitle())
print(sorted("hello"), list("abc"), "".join(sorted("dcba")))
print("key=value=x".partition("="), "key=value=x".rpartition("="))
print("one two  three".split(), "one two  three".split(" "), "a b c".split(None, 1))
print("%s has %d chars" % (sentence, len(sentence)))
print(ord("A"), chr(97), ord("€"), chr(8364), "é" == "\u00e9", len("naïve"))
print("tab\there".expandtabs(4), repr("line1\nline2"), "a\\b")
print(str(123) + "4", int("12") + 3, float("1.5") * 2, str(1.0), str(True))
s = "abcdefgh"
print(s[2:5], s[:3], s[-3:], s[::2], s[1::3], s[5:2:-1], s[100:])
