# A caught exception keeps the frames it passed through (and their locals)
# alive until its handler ends.
class L:
    def __del__(self):
        print("L finalized")

class M:
    def __del__(self):
        print("M finalized")

def inner():
    m = M()
    return undefined_name

def outer():
    l = L()
    inner()

try:
    outer()
except NameError:
    print("caught")
print("after handler")

def fine():
    l = L()
    return 1

try:
    fine()
    print(undefined_too)
except NameError:
    print("caught again")
print("end")
