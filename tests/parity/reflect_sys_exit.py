# parity: compare stderr
# sys.exit(): SystemExit's code, finally blocks, __del__ of the frames it
# leaves, and the top level's exit status and message
import sys

class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

def leave(code):
    n = Noisy("frame local")
    try:
        sys.exit(code)
    finally:
        print("finally in leave")

for code in (None, 0, 3, "bye", (1, 2), True):
    try:
        leave(code)
    except SystemExit as e:
        print("caught", type(e).__name__, repr(e.code), e.args, isinstance(e, BaseException), isinstance(e, Exception))
try:
    sys.exit()
except Exception:
    print("not here")
except BaseException as e:
    print("base", e.code)
try:
    raise SystemExit(5)
except SystemExit as e:
    print(e.code, str(e), repr(e))
keep = Noisy("global")
print("leaving")
leave("message to stderr")
print("not reached")
