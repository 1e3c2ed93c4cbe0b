# test_gc.GCCallbackTests: gc.callbacks get ("start"|"stop", info)
import gc

log = []


def cb(phase, info):
    log.append((phase, sorted(info), info["generation"]))


def cb2(phase, info):
    if phase == "stop":
        log.append(("cb2 collected", info["collected"] >= 0))


gc.callbacks.append(cb)
gc.callbacks.append(cb2)
gc.collect()
for entry in log:
    print(entry)
log.clear()
gc.collect(0)
print(log)
log.clear()


class Cycle:
    def __init__(self):
        self.me = self


Cycle()
Cycle()
gc.collect(1)
print(len(log), log[0][0], log[-1])
gc.callbacks.remove(cb)
gc.callbacks.remove(cb2)
log.clear()
gc.collect()
print(log, gc.callbacks)
