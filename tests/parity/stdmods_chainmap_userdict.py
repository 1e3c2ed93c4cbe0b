# ChainMap layering configuration dicts (lookups through the chain, writes
# to the first map, new_child/parents) and UserDict: their views, as
# collections.abc's KeysView/ItemsView/ValuesView, and what they hold.
import sys
from collections import ChainMap
defaults = {"color": "red", "user": "guest"}
env = {"user": "admin"}
cli = {}
cm = ChainMap(cli, env, defaults)
print(cm["user"], cm["color"], len(cm), list(cm), "color" in cm, cm.get("x", 0))
cm["color"] = "blue"
print(cli, cm, bool(ChainMap()), ChainMap())
child = cm.new_child({"debug": True})
print(child["debug"], child.parents, child.maps[0])
del cm["color"]
try:
    del cm["user"]
except KeyError as e:
    print("KeyError", e)
print(sorted(cm.items()))
print(cm.keys(), list(cm.items()), list(cm.values()), len(cm.keys()), "user" in cm.keys(), ("user", "admin") in cm.items())
from collections import UserDict
u = UserDict({"a": 1}, b=2)
u["c"] = 3
print(u, u.keys(), u.items(), list(u.values()), len(u), "a" in u, u.get("z", 9))
del u["a"]
print(u.pop("b"), u, u.setdefault("d", []), u)
inner = {"k": [1]}
chain = ChainMap(inner)
print(sys.getrefcount(inner))
del chain
print(sys.getrefcount(inner))
