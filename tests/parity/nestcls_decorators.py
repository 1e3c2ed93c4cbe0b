# Class decorators: the decorator is called with the new class and its
# result is bound to the name; decorators are evaluated before the bases,
# applied bottom up.
import gc
import sys

order = []


def trace(tag):
    order.append("evaluate " + tag)

    def deco(cls):
        order.append("apply %s to %s" % (tag, cls.__name__))
        return cls
    return deco


def base_of(tag):
    order.append("base " + tag)
    return object


@trace("outer")
@trace("inner")
class Traced(base_of("b")):
    order.append("body")


print(order)


# a registry of plugin classes
PLUGINS = {}


def plugin(name):
    def register(cls):
        PLUGINS[name] = cls
        cls.plugin_name = name
        return cls
    return register


@plugin("upper")
class Upper:
    def run(self, text):
        return text.upper()


@plugin("reverse")
class Reverse:
    def run(self, text):
        return text[::-1]


for key in sorted(PLUGINS):
    print(key, PLUGINS[key].plugin_name, PLUGINS[key]().run("Hello"))


# a decorator that adds methods, as dataclass-like helpers do
def auto_repr(cls):
    def __repr__(self):
        fields = ", ".join("%s=%r" % (k, v) for k, v in vars(self).items())
        return "%s(%s)" % (type(self).__name__, fields)
    cls.__repr__ = __repr__
    return cls


@auto_repr
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


print(Point(1, 2), [Point(3, 4)])


# a decorator that returns something else entirely
def as_instance(cls):
    return cls()


@as_instance
class settings:
    debug = False
    level = 3


print(type(settings).__name__, settings.level, settings.debug)


# a decorator that wraps the class in a new subclass
def counted(cls):
    class Counted(cls):
        made = 0

        def __init__(self, *args):
            Counted.made += 1
            super().__init__(*args)
    Counted.wraps = cls.__name__
    return Counted


@counted
class Item:
    def __init__(self, label):
        self.label = label


items = [Item("a"), Item("b"), Item("c")]
print(Item.made, items[1].label, Item.wraps, Item.__qualname__, Item.__mro__[1].__qualname__)


# a decorated class inside a function, made on every call
def make_model(fields):
    @auto_repr
    class Model:
        def __init__(self, *values):
            for f, v in zip(fields, values):
                setattr(self, f, v)
    return Model


User = make_model(["name", "age"])
print(User("ada", 36), sys.getrefcount(User))
del User
print(gc.collect())


# a decorator that raises: nothing is bound
def refuse(cls):
    raise TypeError("refused " + cls.__name__)


try:
    @refuse
    class Never:
        pass
except TypeError as e:
    print(e)
try:
    Never
except NameError as e:
    print(e)
