# str.format and % formatting side by side: positional, numbered, keyword
# fields, conversions, specs; % with tuples, widths, flags, %r of objects.
import gc

gc.collect()

print("{} + {} = {}".format(2, 3, 5))
print("{0}{1}{0}".format("ab", "-"))
print("{name} is {age} years".format(name="Bob", age=42))
print("{0!r} {0!s} {1:>5} {2:.3f}".format("x", 7, 2 / 3))
print("{:^9}|{:*<5}|{:08.3f}".format("mid", "l", -3.14159))
print("{:,} {:x} {:#b} {:.1%}".format(10 ** 6, 48879, 5, 0.5))
print("{} {}".format([1, "a"], {"k": (1, 2)}))
print("%s is %d years and %.1f m" % ("Ann", 30, 1.756))
print("%5s|%-5s|%05d|%+d|%x|%X|%o|%e" % ("r", "l", 42, 7, 255, 255, 8, 12345.678))
print("%r %s" % ("quote", "plain"))
print("%d%%" % 50)
print("%s" % (1, ) , "%s" % [1, 2], "%s" % ((1, 2),))
print("%.3s|%10.4f|%-8.2e|" % ("abcdef", 3.14159, 0.000123))
print("%c%c" % (72, "i"), "%i" % 3.9, "%g %g" % (0.5, 1e10))


class Temp:
    def __init__(self, c):
        self.c = c

    def __str__(self):
        return "%.1f°C" % self.c

    def __repr__(self):
        return "Temp(%r)" % self.c


t = Temp(21.456)
print("%s / %r" % (t, t))
print("{} / {!r}".format(t, t))
print(f"{t} / {t!r}")
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("only one",))
except TypeError as e:
    print("TypeError:", e)
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError:", e)
for bad in [3.5, "ab", -1, 0x110000]:
    try:
        print("%c" % bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
