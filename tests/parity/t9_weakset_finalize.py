# WeakSet of live sessions and weakref.finalize cleanups as test_weakref
# uses them: finalizers run once, in order, at refcount death or collection,
# detach and alive, atexit ones at shutdown.
import gc
import weakref

gc.collect()


class Session:
    def __init__(self, user):
        self.user = user

    def __repr__(self):
        return f"<Session {self.user}>"


def closed(user, reason):
    print("closing", user, "because", reason)


live = weakref.WeakSet()
fins = {}
for user in ["ann", "bob", "cat"]:
    s = Session(user)
    live.add(s)
    fins[user] = weakref.finalize(s, closed, user, "gone")
del s
print(len(live), sorted(x.user for x in live))
ann = Session("ann2")
live.add(ann)
f = weakref.finalize(ann, closed, "ann2", reason="explicit")
print(f.alive, len(live))
print(f(), f.alive, f())
del ann
print(len(live))
bob = Session("bob2")
g = weakref.finalize(bob, closed, "bob2", "detached")
print(g.detach()[0] is bob, g.alive)
del bob
cyc = Session("cyc")
cyc.me = cyc
weakref.finalize(cyc, closed, "cyc", "collected")
live.add(cyc)
del cyc
print("before collect", len(live))
print(gc.collect(), len(live))
keep = Session("keep")
weakref.finalize(keep, closed, "keep", "shutdown")
print("end of script")
