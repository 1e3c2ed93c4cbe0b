# parity: compare stderr
# An exception kept after its handler and raised again later: its old
# traceback under the new raise; `from None` hides a context.
import gc
gc.collect()


def parse(text):
    try:
        return int(text)
    except ValueError:
        raise LookupError("not a number: " + text) from None


failures = []
for text in ["1", "x", "2", "y"]:
    try:
        parse(text)
    except LookupError as e:
        failures.append(e)
print(len(failures), [str(f) for f in failures])
last = failures.pop()
failures.clear()
fresh = RuntimeError("never raised")
print(repr(fresh))
raise last
