# Unicode case mapping and character classes as CPython 3.11 does them:
# accented Latin, Greek with the final-sigma rule, German sharp s and
# other SpecialCasing expansions, Turkish dotted I, ligatures, Cyrillic,
# titlecase digraphs, casefold for caseless matching; isalpha/isdigit/
# isnumeric/isdecimal/isspace/isupper/islower/istitle/isidentifier on
# non-ASCII text; case-insensitive sorting and counting of words.
import gc

gc.collect()

words = ["café", "naïve", "Ærøskøbing", "straße", "ΣΊΣΥΦΟΣ", "ὈΔΥΣΣΕΎΣ", "москва",
         "ǆungla", "ﬁnance", "İstanbul", "ŉ", "ǰ", "ΐ", "Ⅻ", "ǅ"]
for w in words:
    print(w, w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold(),
          len(w.upper()), len(w.lower()))
print("ΣΑΣ ΣΑΣ. Σ", "ΣΑΣ ΣΑΣ. Σ".lower())
print("AΣ'b", "AΣ'b".lower(), "AΣ'".lower(), "Σ".lower(), "ΑΣ1".lower())
print("hello wörld – ça va? ﬂoß".title())
print("ß".upper() == "SS", "Straße".casefold() == "STRASSE".casefold())
print("ǅemal".istitle(), "ǆemal".title(), "ǄEMAL".capitalize())
for s in ["é", "É", "ß", "ǅ", "Σ", "ς", "١٢٣", "²", "½", "Ⅻ", "三", "\u3000", "\u00a0",
          "\u2028", "x²", "ab1", "Ça", "ÇA", "ça", "", "\u0301", "e\u0301", "日本語", "Ñandú"]:
    print(repr(s), s.isalpha(), s.isdigit(), s.isnumeric(), s.isdecimal(), s.isalnum(),
          s.isspace(), s.isupper(), s.islower(), s.istitle(), s.isidentifier(),
          s.isprintable())
print(int("١٢٣") if "١٢٣".isdecimal() else None)
names = ["Émile", "zoë", "Ångström", "éclair", "Zürich", "ábaco", "Abel"]
print(sorted(names), sorted(names, key=str.casefold) if False else sorted(names, key=lambda s: s.casefold()))
text = "Der Fluß fließt. DER FLUSS FLIESST."
counts = {}
for w in text.replace(".", "").split():
    k = w.casefold()
    counts[k] = counts.get(k, 0) + 1
print(counts)
print("ÀÉÎÕÜ".lower(), "àéîõü".upper(), "Ǳ".lower(), "ǳ".upper(), "ǲ".swapcase())
print(f"{'größe':^11}|{'GRÖSSE'.lower():>8}|", "éa".center(6, "·"))
print("İ".lower(), len("İ".lower()), "i̇".upper(), "ı".upper(), "I".lower())
print("ﬀﬁﬂﬃﬄﬅﬆ".upper(), "ﬀﬁﬂﬃﬄﬅﬆ".title(), "ﬀﬁﬂﬃﬄﬅﬆ".casefold())
print("ᾳ ᾼ ῳ ῼ".upper(), "ᾳ ᾼ ῳ ῼ".title(), "ᾳ ᾼ ῳ ῼ".lower())
print("𐐨𐐩".upper(), "𐐀𐐁".lower(), "𞤢".upper(), "𐐀".isupper())
