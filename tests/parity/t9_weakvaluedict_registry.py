# An object registry with WeakValueDictionary and WeakKeyDictionary as
# test_weakref.py uses them: entries vanish with their objects, extra
# data attached to objects without keeping them alive, iteration.
import gc
import weakref

gc.collect()


class Session:
    def __init__(self, sid):
        self.sid = sid

    def __repr__(self):
        return f"Session({self.sid})"


sessions = weakref.WeakValueDictionary()
extra = weakref.WeakKeyDictionary()
live = [Session(i) for i in range(5)]
for s in live:
    sessions[s.sid] = s
    extra[s] = {"hits": s.sid * 10}
print(len(sessions), len(extra), sorted(sessions.keys()))
print(sessions[3], extra[live[3]], 3 in sessions, live[0] in extra)
del live[1:3]
del s
print(sorted(sessions.keys()), len(extra))
print(sorted(v.sid for v in sessions.values()))
print(sorted(extra[k]["hits"] for k in extra.keys()))
a = live[0]
a.me = a
live.pop(0)
del a
print(len(sessions), len(extra))
print("collected", gc.collect())
print(len(sessions), len(extra), sorted(sessions))
print(sessions.get(99), sessions.get(99, "none"))
try:
    sessions[0]
except KeyError as e:
    print("KeyError", e)
live.clear()
print(len(sessions), len(extra), dict(sessions.items()))
