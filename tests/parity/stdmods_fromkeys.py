# fromkeys of the collections dict subclasses: OrderedDict's and defaultdict's make their class, Counter's is undefined
import collections
print(collections.OrderedDict.fromkeys("ab", 1), collections.defaultdict.fromkeys("ab"))
od = collections.OrderedDict.fromkeys(x for x in "xyz")
print(type(od).__name__, od, collections.OrderedDict().fromkeys("q"))
try:
    collections.Counter.fromkeys("ab")
except NotImplementedError as e:
    print("NIE", e)
