# refused: gc.get_referrers() of more than one object is not supported by pymm
import gc
a = []
b = [a]
print("start")
print(gc.get_referrers(a, b))
