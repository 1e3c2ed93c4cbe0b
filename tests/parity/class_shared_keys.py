# The shared keys take 30 names less one per instance made: the next name
# moves the values into a dict (the instance is then 2 GC objects).
import gc

gc.disable()
gc.collect()


class Wide:
    pass


w = Wide()
w.a0 = [0]
w.a1 = [1]
w.a2 = [2]
w.a3 = [3]
w.a4 = [4]
w.a5 = [5]
w.a6 = [6]
w.a7 = [7]
w.a8 = [8]
w.a9 = [9]
w.a10 = [10]
w.a11 = [11]
w.a12 = [12]
w.a13 = [13]
w.a14 = [14]
w.a15 = [15]
w.a16 = [16]
w.a17 = [17]
w.a18 = [18]
w.a19 = [19]
w.a20 = [20]
w.a21 = [21]
w.a22 = [22]
w.a23 = [23]
w.a24 = [24]
w.a25 = [25]
w.a26 = [26]
w.a27 = [27]
print(len(gc.get_referents(w)))
w.a28 = [28]
print(len(gc.get_referents(w)))
n0 = len(gc.get_objects())
w.extra = []
print(len(gc.get_objects()) - n0)
print(len(gc.get_referents(w)))
print(gc.get_referents(w)[1] is Wide)


class Two:
    pass


a = Two()
a.a0 = 0
a.a1 = 1
a.a2 = 2
a.a3 = 3
a.a4 = 4
a.a5 = 5
a.a6 = 6
a.a7 = 7
a.a8 = 8
a.a9 = 9
a.a10 = 10
a.a11 = 11
a.a12 = 12
a.a13 = 13
a.a14 = 14
b = Two()
b.b0 = 0
print(len(gc.get_referents(b)), end=' ')
b.b1 = 1
print(len(gc.get_referents(b)), end=' ')
b.b2 = 2
print(len(gc.get_referents(b)), end=' ')
b.b3 = 3
print(len(gc.get_referents(b)), end=' ')
b.b4 = 4
print(len(gc.get_referents(b)), end=' ')
b.b5 = 5
print(len(gc.get_referents(b)), end=' ')
b.b6 = 6
print(len(gc.get_referents(b)), end=' ')
b.b7 = 7
print(len(gc.get_referents(b)), end=' ')
b.b8 = 8
print(len(gc.get_referents(b)), end=' ')
b.b9 = 9
print(len(gc.get_referents(b)), end=' ')
b.b10 = 10
print(len(gc.get_referents(b)), end=' ')
b.b11 = 11
print(len(gc.get_referents(b)), end=' ')
b.b12 = 12
print(len(gc.get_referents(b)), end=' ')
b.b13 = 13
print(len(gc.get_referents(b)), end=' ')
print()
c = Two()
c.a0 = 1
print(len(gc.get_referents(c)))
c.zz = 1
print(len(gc.get_referents(c)))
w.me = w
b.me = b
del w, a, b, c
print(gc.collect())
