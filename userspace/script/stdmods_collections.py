# stdmods_collections.py - CPython 3.11's collections for pymm: Counter
# (Python in CPython too), OrderedDict (the behaviour of its pure-Python
# version), defaultdict and deque (C in CPython) and UserDict, written for
# pymm, not copied from Lib/collections/__init__.py.  pymmctl runs it when
# a script first imports collections (stdmods.c); its module-level names
# are taken out of the script's globals right after, so a method reaches
# its own class as type(self), never by a global name.  Counter,
# OrderedDict and defaultdict are dict subclasses, as in CPython (the heap
# makes their instances dicts with a class); docs/objects.md,
# "collections, functools, itertools", lists what differs from CPython.


class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]) --> dict with default factory"""
    __module__ = 'collections'

    @classmethod
    def fromkeys(cls, iterable, value=None, /):
        # dict.fromkeys, inherited: an instance of the class (no factory)
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        # what defdict_missing does: the factory's value, stored, returned
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value

    def __repr__(self):
        return f"{type(self).__name__}({self.default_factory!r}, {dict(self)!r})"

    def copy(self):
        return type(self)(self.default_factory, self)


class Counter(dict):
    """Dict subclass for counting hashable items."""
    __module__ = 'collections'

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        # a missing element counts zero, and is not stored
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        # sorted() is stable: equal counts keep their first-seen order, as
        # heapq.nlargest's result does in CPython
        items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:max(n, 0)]

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                if self:
                    for elem, count in iterable.items():
                        self[elem] = count + self.get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return type(self)(self)

    def __repr__(self):
        if not self:
            return f"{type(self).__name__}()"
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return f"{type(self).__name__}({d!r})"


class OrderedDict(dict):
    """Dictionary that remembers insertion order"""
    __module__ = 'collections'

    @classmethod
    def fromkeys(cls, iterable, value=None):
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __init__(self, other=(), /, **kwds):
        super().__init__()
        dict.update(self, other, **kwds)

    def move_to_end(self, key, last=True):
        # the dict keeps insertion order: re-inserting moves a key last
        value = dict.pop(self, key)
        if last:
            self[key] = value
            return
        rest = list(self.items())
        self.clear()
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        if last:
            # pymm's dict has no popitem: the last key, found in order
            for key in self:
                pass
        else:
            key = next(iter(self))
        return key, dict.pop(self, key)

    def copy(self):
        return type(self)(self)

    def __repr__(self):
        if not self:
            return f"{type(self).__name__}()"
        return f"{type(self).__name__}({list(self.items())!r})"


class deque:
    """A list-like sequence optimized for data accesses near its endpoints."""
    __module__ = 'collections'

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def append(self, x):
        self._items.append(x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[0]

    def appendleft(self, x):
        self._items.insert(0, x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[-1]

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def extend(self, iterable):
        if iterable is self:
            iterable = list(self._items)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(self._items)
        for x in iterable:
            self.appendleft(x)

    def rotate(self, n=1):
        items = self._items
        if len(items) > 1:
            n %= len(items)
            if n:
                items[:] = items[-n:] + items[:-n]

    def clear(self):
        # deque_clear releases from the left; list.clear from the right
        self._items.reverse()
        self._items.clear()

    def copy(self):
        return type(self)(self._items, self._maxlen)

    def count(self, x):
        return self._items.count(x)

    def index(self, x, *args):
        try:
            return self._items.index(x, *args)
        except ValueError:
            raise ValueError(f"{x!r} is not in deque") from None

    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)

    def remove(self, value):
        try:
            self._items.remove(value)
        except ValueError:
            raise ValueError(f"{value!r} is not in deque") from None

    def reverse(self):
        self._items.reverse()

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, x):
        return x in self._items

    def __getitem__(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("deque index out of range") from None

    def __setitem__(self, i, x):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        try:
            self._items[i] = x
        except IndexError:
            raise IndexError("deque index out of range") from None

    def __delitem__(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("deque index out of range") from None

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._items == other._items

    def __add__(self, other):
        if type(other) is not type(self):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") '
                            'to deque')
        new = self.copy()
        new.extend(other._items)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __repr__(self):
        if self._maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self._maxlen})"


# The views a Mapping's keys(), items() and values() return (UserDict's,
# ChainMap's), as collections.abc's KeysView ...: live, over the mapping.
class KeysView:
    __module__ = 'collections.abc'

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __iter__(self):
        for key in self._mapping:
            yield key

    def __contains__(self, key):
        return key in self._mapping

    def __repr__(self):
        return f"{type(self).__name__}({self._mapping!r})"


class ItemsView:
    __module__ = 'collections.abc'

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])

    def __contains__(self, item):
        key, value = item
        if key not in self._mapping:
            return False
        v = self._mapping[key]
        return v is value or v == value

    def __repr__(self):
        return f"{type(self).__name__}({self._mapping!r})"


class ValuesView:
    __module__ = 'collections.abc'

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]

    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __repr__(self):
        return f"{type(self).__name__}({self._mapping!r})"


_views = (KeysView, ItemsView, ValuesView)
del KeysView, ItemsView, ValuesView


class UserDict:
    """A dict-like class whose contents live in its data dict"""
    __module__ = 'collections'
    _pymm_views = _views        # the prelude's globals are gone when methods run

    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def update(self, other=(), /, **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(type(self), "__missing__"):
            return self.__missing__(key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def keys(self):
        return self._pymm_views[0](self)

    def items(self):
        return self._pymm_views[1](self)

    def values(self):
        return self._pymm_views[2](self)

    def pop(self, key, *default):
        return self.data.pop(key, *default)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self.data)


# Counter's and OrderedDict's operator methods.  The heap lets a dict
# subclass define no operator methods, so these are plain functions that
# pymmctl calls (stdmods.c) where CPython's type slots call the class's
# __add__, __eq__ ...: for two Counters, and == / != of two OrderedDicts.
def _counter_binop(op, a, b):
    if len(op) == 2:
        # c += d & co: in place, as Counter.__iadd__ ..., the same object back
        for elem, count in list(b.items()):
            if op == '+=':
                a[elem] += count
            elif op == '-=':
                a[elem] -= count
            elif op == '|=' and count > a[elem]:
                a[elem] = count
        if op == '&=':
            for elem, count in list(a.items()):
                if b[elem] < count:
                    a[elem] = b[elem]
        for elem in [e for e, c in a.items() if not c > 0]:
            del a[elem]
        return a
    result = type(a)()
    if op == '+':
        for elem, count in a.items():
            newcount = count + b[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in b.items():
            if elem not in a and count > 0:
                result[elem] = count
    elif op == '-':
        for elem, count in a.items():
            newcount = count - b[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in b.items():
            if elem not in a and count < 0:
                result[elem] = 0 - count
    elif op == '|':
        for elem, count in a.items():
            other_count = b[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in b.items():
            if elem not in a and count > 0:
                result[elem] = count
    else:
        for elem, count in a.items():
            other_count = b[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
    return result


def _counter_unary(op, a):
    result = type(a)()
    for elem, count in a.items():
        if op == '+' and count > 0:
            result[elem] = count
        elif op == '-' and count < 0:
            result[elem] = 0 - count
    return result


def _counter_compare(op, a, b):
    # missing elements count zero (Counter.__eq__, __le__ ... of 3.10+)
    if op == '==':
        return all(a[e] == b[e] for c in (a, b) for e in c)
    if op == '!=':
        return not all(a[e] == b[e] for c in (a, b) for e in c)
    le = all(a[e] <= b[e] for c in (a, b) for e in c)
    ge = all(a[e] >= b[e] for c in (a, b) for e in c)
    if op == '<=':
        return le
    if op == '>=':
        return ge
    if op == '<':
        return le and not ge
    return ge and not le


def _odict_compare(op, a, b):
    # order matters between two OrderedDicts
    same = dict(a) == dict(b) and list(a) == list(b)
    return same if op == '==' else not same


class ChainMap:
    """A ChainMap groups multiple dicts (or other mappings) together to
    create a single, updateable view; writes go to the first."""
    __module__ = 'collections'
    _pymm_views = _views

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        # the order of a dict updated from the last map to the first
        d = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                d[key] = None
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(map(repr, self.maps))})"

    def copy(self):
        return type(self)(self.maps[0].copy(), *self.maps[1:])

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}") from None

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}") from None

    def clear(self):
        self.maps[0].clear()

    def keys(self):
        return self._pymm_views[0](self)

    def items(self):
        return self._pymm_views[1](self)

    def values(self):
        return self._pymm_views[2](self)


def _make_namedtuple():
    # CPython's namedtuple (Lib/collections/__init__.py), written for pymm:
    # a class made by type(name, (tuple,), namespace) whose __new__ is a
    # lambda eval() makes, as CPython's, so its signature errors are
    # Python's.  A field is a property over self[index] where CPython has a
    # _collections._tuplegetter (docs/objects.md says what differs).
    kwlist = frozenset([
        'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await',
        'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
        'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
        'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
        'while', 'with', 'yield'])

    def no_set(self, value):
        raise AttributeError("can't set attribute")

    def no_delete(self):
        raise AttributeError("can't delete attribute")

    def field_getter(index):
        # _tuplegetter's get, and its set/delete errors (one pair shared)
        return property(lambda self: self[index], no_set, no_delete)

    def check_names(typename, field_names, rename):
        if rename:
            seen = set()
            for index, name in enumerate(field_names):
                if (not name.isidentifier() or name in kwlist
                        or name.startswith('_') or name in seen):
                    field_names[index] = f'_{index}'
                seen.add(name)
        for name in [typename] + field_names:
            if type(name) is not str:
                raise TypeError('Type names and field names must be strings')
            if not name.isidentifier():
                raise ValueError('Type names and field names must be valid '
                                 f'identifiers: {name!r}')
            if name in kwlist:
                raise ValueError('Type names and field names cannot be a '
                                 f'keyword: {name!r}')
        seen = set()
        for name in field_names:
            if name.startswith('_') and not rename:
                raise ValueError('Field names cannot start with an underscore: '
                                 f'{name!r}')
            if name in seen:
                raise ValueError(f'Encountered duplicate field name: {name!r}')
            seen.add(name)

    def missing_error(qualname, names):
        # the TypeError of a call missing required arguments (ceval.c's)
        quoted = [repr(n) for n in names]
        if len(quoted) == 1:
            listed = quoted[0]
        elif len(quoted) == 2:
            listed = f'{quoted[0]} and {quoted[1]}'
        else:
            listed = ', '.join(quoted[:-1]) + f', and {quoted[-1]}'
        s = 's' if len(names) > 1 else ''
        return TypeError(f'{qualname}() missing {len(names)} required '
                         f'positional argument{s}: {listed}')

    def make_new(typename, field_names, defaults, tuple_new):
        # CPython evaluates `lambda _cls, x, y: _tuple_new(_cls, (x, y))`;
        # pymm binds the arguments here, with the TypeErrors of that lambda
        qualname = f'{typename}.__new__'
        n = len(field_names)
        ndef = 0 if defaults is None else len(defaults)

        def __new__(_cls, *args, **kwargs):
            if len(args) > n:
                given = len(args) + 1
                if ndef:
                    takes = f'from {n + 1 - ndef} to {n + 1}'
                else:
                    takes = f'{n + 1}'
                s = '' if n == 0 and not ndef else 's'
                raise TypeError(f'{qualname}() takes {takes} positional argument{s} '
                                f'but {given} were given')
            values = list(args)
            for name in kwargs:
                if name not in field_names:
                    raise TypeError(f"{qualname}() got an unexpected keyword "
                                    f"argument '{name}'")
                if field_names.index(name) < len(args):
                    raise TypeError(f"{qualname}() got multiple values for "
                                    f"argument '{name}'")
            missing = []
            for i in range(len(args), n):
                name = field_names[i]
                if name in kwargs:
                    values.append(kwargs[name])
                elif i >= n - ndef:
                    values.append(__new__.__defaults__[i - (n - ndef)])
                else:
                    missing.append(name)
            if missing:
                raise missing_error(qualname, missing)
            return tuple_new(_cls, values)

        __new__.__defaults__ = defaults
        return __new__

    def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
        """Returns a new subclass of tuple with named fields."""
        if isinstance(field_names, str):
            field_names = field_names.replace(',', ' ').split()
        field_names = list(map(str, field_names))
        typename = str(typename)
        check_names(typename, field_names, rename)
        field_defaults = {}
        if defaults is not None:
            defaults = tuple(defaults)
            if len(defaults) > len(field_names):
                raise TypeError('Got more default values than field names')
            field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                    reversed(defaults)))))
        field_names = tuple(field_names)
        num_fields = len(field_names)
        arg_list = ', '.join(field_names)
        if num_fields == 1:
            arg_list += ','
        repr_fmt = '(' + ', '.join(f'{name}=%r' for name in field_names) + ')'
        tuple_new = tuple.__new__
        _dict, _tuple, _len, _map, _zip = dict, tuple, len, map, zip

        __new__ = make_new(typename, field_names, defaults, tuple_new)
        __new__.__doc__ = f'Create new instance of {typename}({arg_list})'

        @classmethod
        def _make(cls, iterable):
            result = tuple_new(cls, iterable)
            if _len(result) != num_fields:
                raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
            return result

        def _replace(self, /, **kwds):
            result = self._make(_map(kwds.pop, field_names, self))
            if kwds:
                raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
            return result

        def __repr__(self):
            'Return a nicely formatted representation string'
            return self.__class__.__name__ + repr_fmt % self

        def _asdict(self):
            'Return a new dict which maps field names to their values.'
            return _dict(_zip(self._fields, self))

        def __getnewargs__(self):
            'Return self as a plain tuple.  Used by copy and pickle.'
            return _tuple(self)

        for method in (__new__, _make.__func__, _replace, __repr__, _asdict,
                       __getnewargs__):
            method.__qualname__ = f'{typename}.{method.__name__}'

        class_namespace = {
            '__doc__': f'{typename}({arg_list})',
            '__slots__': (),
            '_fields': field_names,
            '_field_defaults': field_defaults,
            '__new__': __new__,
            '_make': _make,
            '_replace': _replace,
            '__repr__': __repr__,
            '_asdict': _asdict,
            '__getnewargs__': __getnewargs__,
            '__match_args__': field_names,
        }
        for index, name in enumerate(field_names):
            class_namespace[name] = field_getter(index)
        result = type(typename, (tuple,), class_namespace)
        result.__module__ = '__main__' if module is None else module
        return result

    return namedtuple


namedtuple = _make_namedtuple()
