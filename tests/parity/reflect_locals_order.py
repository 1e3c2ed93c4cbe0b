# locals() in functions as PyFrame_FastToLocals fills it: parameters, the
# other locals in the order the source first binds them, cells and free
# variables by their contents; in a generator and a method
def outer(a):
    v = 1
    def inner(z):
        w = v + z
        print("inner", locals())
        return w
    print("outer", [k for k in locals()], locals()["v"])
    return inner

outer(5)(2)

def gen(n):
    for i in range(n):
        yield locals()
for d in gen(2):
    print(d)
class C:
    def m(self, k=1):
        x = self
        return list(locals())
print(C().m())
def order(flag):
    if flag:
        late = 1
    early = 2
    late = 3
    return list(locals())
print(order(0))
