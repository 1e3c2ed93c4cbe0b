# str.format: automatic, numbered and keyword fields, conversions, the
# format-spec mini-language (shared with f-strings), and its errors.
print("{} + {} = {}".format(1, 2, 3))
print("{0}{1}{0}".format("ab", "cd"))
print("{name} is {age:>4} years".format(name="Ann", age=31))
print("{:08.3f}|{:<6}|{:^7}|{!r}|{!s:>5}".format(3.14159, "x", "mid", "q", 7))
print("{{literal}} {}".format([1, 2]))
print("{:,} {:x} {:#b} {:.1%}".format(1234567, 255, 5, 0.256))
row = "{:<8}{:>6}"
for name, qty in [("apple", 3), ("kiwi", 12)]:
    print(row.format(name, qty))
template = "Dear {title} {last},"
print(template.format(last="Lovelace", title="Ms"))
print("{0!r:>10}|".format("hi"))
for bad in ["{} {1}", "{0} {}", "{5}", "{nope}", "}", "{", "{!x}"]:
    try:
        print(bad.format(1, 2))
    except ValueError as e:
        print("ValueError:", e)
    except IndexError as e:
        print("IndexError:", e)
    except KeyError as e:
        print("KeyError:", e)
