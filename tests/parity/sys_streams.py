# parity: compare stderr
# sys.stdout and sys.stderr: print(file=), write() and its count, flush(), reprs; sys.maxsize, platform, byteorder, argv
import sys
print("a", "b", sep="-", end="!\n")
print("to err", 1, file=sys.stderr)
print("to out", file=sys.stdout)
print("none", file=None, sep=None, end=None)
n = sys.stdout.write("written\n")
print(n, sys.stderr.write("é\n"))
sys.stdout.flush()
print(sys.stdout, sys.stderr is sys.__stderr__, repr(sys.stderr))
print(sys.maxsize, sys.maxsize == 9223372036854775807, sys.platform, sys.byteorder)
print(len(sys.argv), sys.argv is sys.argv, sys.argv[0].endswith(".py"))
try:
    sys.stdout.write(5)
except TypeError as e:
    print(e)
try:
    print("x", sep=5)
except TypeError as e:
    print(e)
try:
    print("x", flsh=True)
except TypeError as e:
    print(e)
