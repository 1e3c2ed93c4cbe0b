# An uncaught exception: the output so far, the traceback on stderr,
# exit status 1 -- and the interpreter still shuts down (finalizers run).
class Loud:
    def __del__(self):
        print("finalized at shutdown")

keep = Loud()

def inner(x):
    return x + missing_name

def outer():
    return inner(1)

print("before")
outer()
print("never")
