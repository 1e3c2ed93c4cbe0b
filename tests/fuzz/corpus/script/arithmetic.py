# + - * on ints and floats, / // %, unary minus, augmented assignment.
a = 7
b = 2
print(a + b, a - b, a * b, a / b, a // b, a % b)
print(-a // b, -a % b, a // -b, a % -b)
print(1.5 + 2, 3 - 0.5, 2 * 2.5, 7.5 / 2.5, 7.5 // 2, 7.5 % 2, -7.5 % 2)
print(-a, +a, -(-a), -1.5)
c = a
c += 3
c -= 1
c *= 2
print(c, a)
l = [1]
alias = l
l += [2, 3]
print(l, alias, l is alias)
s = "ab"
s += "cd"
print(s)
t = (1,)
t += (2,)
print(t)
print(9223372036854775807 - 1, -9223372036854775807 - 1)
print(2 ** 10, 2 ** -1, -2 ** 2, b ** 3, 2.0 ** 0.5, b ** -2)
print(True + True, True * 5, False - 1)
print(0.1 * 3, 1e308 * 10, -1e308 * 10)
print(abs(-7), abs(7.25))
print(7 // 2.0, 7 % 2.5, 1 / 4)
