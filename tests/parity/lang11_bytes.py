# bytes and bytearray methods as scripts use them: parsing a protocol
# line, a header, hex dumps; ASCII rules for case and white space; which
# calls hand back the object itself (an exact bytes) and which a copy.
import sys

line = b"GET /index.html HTTP/1.1\r\n"
method, path, version = line.rstrip(b"\r\n").split(b" ")
print(method, path, version, line.strip().split())
print(line.startswith(b"GET"), line.endswith(b"\r\n"), line.startswith((b"POST", b"GET")))
print(line.find(b"/"), line.rfind(b"/"), line.index(b"HTTP"), line.count(b"/"), line.find(b"x"))
print(line.find(47), line.count(ord("T")), b"/" in line, 47 in line)

header = b"Content-Type: text/html; charset=utf-8"
key, _, value = header.partition(b": ")
print(key.lower(), value.upper(), header.rpartition(b"=")[2], key.title())
print(header.split(b";", 1), header.rsplit(b"-", 1), header.rsplit(maxsplit=1))
print(b"a,b,,c".split(b","), b"  x  y ".split(), b"x".split(b","), b"".split())
print(b"  pad\t\n".strip(), b"xxhixx".strip(b"x"), b"..a..".lstrip(b"."), b"..a..".rstrip(b"."))
print(b"aaa".replace(b"a", b"bb"), b"aaa".replace(b"a", b"b", 2), b"ab".replace(b"", b"-"))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]), b", ".join(x for x in [b"1"]))
print(b"Hello World".swapcase(), b"hello world".capitalize(), b"h\xe9llo".upper())
print(b"abc".isalpha(), b"abc1".isalnum(), b"123".isdigit(), b" \t".isspace(), b"".isdigit())
print(b"abc".islower(), b"ABC".isupper(), b"Ab Cd".istitle(), b"\x80".isascii(), b"1a".islower())
print(b"pre.txt".removeprefix(b"pre."), b"pre.txt".removesuffix(b".txt"), b"a".removesuffix(b"b"))
print(bytes.fromhex("de ad be ef"), bytes.fromhex("00ff").hex(), bytearray.fromhex("4142"))
print(b"\x00\x01abc".hex(), list(b"hi"), b"hi"[0], b"hi"[-1:], b"hi" * 3, b"a" + b"b")
print(bytes(4), bytes([104, 105]), bytes("né", "utf-8"), bytes(range(3)))
print(b"abc" < b"abd", b"b" > b"abc", b"abc" == b"abc", sorted([b"b", b"a", b"ab"]))

# identity: an exact bytes returns itself where nothing changes
data = b"unchanged"
print(data.strip() is data, data.replace(b"z", b"y") is data, data.split()[0] is data,
      data.split(b",")[0] is data, data.partition(b",")[0] is data, b"".join([data]) is data,
      data.removeprefix(b"q") is data, data.rsplit()[0] is data)
print(sys.getrefcount(data))
parts = data.split(b"x")
print(sys.getrefcount(data), len(parts))
del parts
print(sys.getrefcount(data))

# a bytearray always makes a new one, of its own type
ba = bytearray(b"  mutable  ")
s = ba.strip()
print(s, type(s).__name__, s is ba, ba.split(), ba.upper(), ba.replace(b"m", b"M"))
print(ba.find(b"t"), ba.count(b" "), ba.startswith(b" "), ba.partition(b"u"))
print(bytearray(b"-").join([b"a", b"b"]), bytearray(b"x").join([b"a"]), ba.isspace())

for bad in [lambda: b"a".split("a"), lambda: b"a".find("a"), lambda: b"a".join(["a"]),
            lambda: b"a".startswith("a"), lambda: b"a".split(b""), lambda: bytes.fromhex("zz"),
            lambda: b"a".index(b"b"), lambda: b"a".replace("a", b"b")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# the same sharing rules for str (one stringlib)
text = "word"
print(text.split()[0] is text, text.split(",")[0] is text, text.rsplit()[0] is text,
      (text + " ").split()[0] is text, text.splitlines()[0] is text)
print(sys.getrefcount(text))

# splitlines: bytes break at \n, \r and \r\n only
raw = b"one\r\ntwo\rthree\x0bfour\nfive"
print(raw.splitlines(), raw.splitlines(keepends=True), b"".splitlines(), b"x\n".splitlines())
solo = b"solo"
print(bytearray(b"a\nb").splitlines(), solo.splitlines()[0] is solo)
