# sys.exit(n) at the top of a script: the exit status is n, nothing is printed
import sys


def main(argv):
    total = sum(len(a) for a in argv)
    print("total", total)
    if total >= 0:
        return 3
    return 0


class Resource:
    def __del__(self):
        print("resource released at shutdown")


r = Resource()
try:
    status = main(["ab", "cde"])
finally:
    print("cleanup")
sys.exit(status)
