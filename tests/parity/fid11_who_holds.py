# debugging a leak: who still refers to my object? (gc.get_referrers)
import gc


class Session:
    def __init__(self, user):
        self.user = user


class Registry:
    def __init__(self):
        self.sessions = []


reg = Registry()
s = Session("ann")
reg.sessions.append(s)
handlers = {"on_close": s}
holders = [r for r in gc.get_referrers(s) if r is not globals()]
kinds = sorted(type(r).__name__ for r in holders)
print(kinds)
print(any(r is reg.sessions for r in holders), any(r is handlers for r in holders))
reg.sessions.remove(s)
del handlers["on_close"]
holders = [r for r in gc.get_referrers(s) if r is not globals()]
print(len(holders))
