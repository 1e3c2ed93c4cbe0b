# weak_prelude.py - the pure-Python part of CPython 3.11's weakref module,
# written for pymm (the behaviour of Lib/weakref.py and Lib/_weakrefset.py,
# not their code).  pymmctl runs it when a script imports weakref, so its
# objects live in the heap as CPython's do: a WeakValueDictionary is an
# instance with a data dict of KeyedRefs, and so on (docs/objects.md).
# It sees the builtins only: _pymm_ref is weakref.ref, _pymm_keyedref
# weakref.KeyedRef, _pymm_bind(func, obj) makes a bound method (WeakMethod).
# Iteration works on a snapshot, so no entry is removed under an iterator;
# _iterating stays empty.


class WeakValueDictionary:
    __module__ = 'weakref'

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=_pymm_ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(wr.key)
                else:
                    d = self.data
                    if wr.key in d and d[wr.key]() is None:
                        del d[wr.key]
        self._remove = remove
        self._pending_removals = []
        self._iterating = set()
        self.data = {}
        self.update(other)
        if kw:
            self.update(kw)

    def _commit_removals(self):
        d = self.data
        while self._pending_removals:
            key = self._pending_removals.pop()
            if key in d and d[key]() is None:
                del d[key]

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = _pymm_keyedref(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, key):
        if key not in self.data:
            return False
        return self.data[key]() is not None

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def get(self, key, default=None):
        if key not in self.data:
            return default
        o = self.data[key]()
        if o is None:
            return default
        return o

    def keys(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    __iter__ = keys

    def values(self):
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                yield o

    def items(self):
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                yield k, o

    def valuerefs(self):
        return list(self.data.values())

    def pop(self, key, *args):
        o = self.data.pop(key)() if key in self.data else None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), /, **kw):
        if hasattr(other, "keys"):
            other = other.items()
        for key, o in other:
            self[key] = o
        for key, o in kw.items():
            self[key] = o

    def clear(self):
        self.data.clear()

    def copy(self):
        new = type(self)()
        for key, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                new[key] = o
        return new


class WeakKeyDictionary:
    __module__ = 'weakref'

    def __init__(self, dict=None):
        self.data = {}
        def remove(k, selfref=_pymm_ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(k)
                elif k in self.data:
                    del self.data[k]
        self._remove = remove
        self._pending_removals = []
        self._iterating = set()
        self._dirty_len = False
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self.data[_pymm_ref(key)]

    def __setitem__(self, key, value):
        self.data[_pymm_ref(key, self._remove)] = value

    def __delitem__(self, key):
        self._dirty_len = True
        del self.data[_pymm_ref(key)]

    def __len__(self):
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, key):
        try:
            wr = _pymm_ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def get(self, key, default=None):
        return self.data.get(_pymm_ref(key), default)

    def keys(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    __iter__ = keys

    def values(self):
        for wr, value in list(self.data.items()):
            if wr() is not None:
                yield value

    def items(self):
        for wr, value in list(self.data.items()):
            o = wr()
            if o is not None:
                yield o, value

    def keyrefs(self):
        return list(self.data)

    def pop(self, key, *args):
        self._dirty_len = True
        return self.data.pop(_pymm_ref(key), *args)

    def popitem(self):
        self._dirty_len = True
        while True:
            wr, value = self.data.popitem()
            o = wr()
            if o is not None:
                return o, value

    def setdefault(self, key, default=None):
        return self.data.setdefault(_pymm_ref(key, self._remove), default)

    def update(self, dict=None, /, **kw):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for key, value in dict:
                self[key] = value
        for key, value in kw.items():
            self[key] = value

    def clear(self):
        self.data.clear()

    def copy(self):
        new = type(self)()
        for wr, value in list(self.data.items()):
            o = wr()
            if o is not None:
                new[o] = value
        return new


class WeakSet:
    __module__ = '_weakrefset'

    def __init__(self, data=None):
        self.data = set()
        def _remove(item, selfref=_pymm_ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(item)
                else:
                    self.data.discard(item)
        self._remove = _remove
        self._pending_removals = []
        self._iterating = set()
        if data is not None:
            self.update(data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __len__(self):
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, item):
        try:
            wr = _pymm_ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return repr(self.data)

    def add(self, item):
        self.data.add(_pymm_ref(item, self._remove))

    def discard(self, item):
        self.data.discard(_pymm_ref(item))

    def remove(self, item):
        self.data.remove(_pymm_ref(item))

    def clear(self):
        self.data.clear()

    def update(self, other):
        for item in other:
            self.add(item)

    def pop(self):
        while True:
            wr = self.data.pop()
            o = wr()
            if o is not None:
                return o

    def copy(self):
        return type(self)(self)


class WeakMethod:
    # CPython's is a subclass of ref whose referent is the method's
    # __self__; here the instance holds that ref (_obj_ref, in the
    # object's weak list with the callback, where CPython's self is).
    # isinstance(wm, weakref.ref) and issubclass() say True as CPython's
    # (weak.c); its __mro__ lacks ReferenceType (docs/objects.md)
    __module__ = 'weakref'

    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None

        def _cb(arg):
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)
        self._obj_ref = _pymm_ref(obj, _cb)
        self._func_ref = _pymm_ref(func, _cb)
        self._alive = True
        self_wr = _pymm_ref(self)

    def __call__(self):
        obj = self._obj_ref()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return _pymm_bind(func, obj)

    # isinstance(other, WeakMethod): the prelude's names leave the globals
    def _is_weakmethod(self, other):
        return isinstance(other, type(self)) or isinstance(self, type(other))

    def __eq__(self, other):
        if self._is_weakmethod(other):
            if not self._alive or not other._alive:
                return self is other
            return self._obj_ref == other._obj_ref and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if self._is_weakmethod(other):
            if not self._alive or not other._alive:
                return self is not other
            return self._obj_ref != other._obj_ref or self._func_ref != other._func_ref
        return NotImplemented

    def __hash__(self):
        return hash(self._obj_ref)

    def __repr__(self):
        o = self._obj_ref()
        if o is None:
            return "<weakref at %#x; dead>" % id(self)
        return "<weakref at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))


class finalize:
    __module__ = 'weakref'

    # the registry maps a live finalize to its [weakref, func, args,
    # kwargs, atexit, index]; _state is [next index, shut down]
    __slots__ = ()
    _registry = {}
    _state = [0, False]

    # weakref.finalize(obj, func, *args, **kwargs) (weak.c) packs them
    def __init__(self, obj, func, args, kwargs):
        def callback(wr, f=self):
            f()
        info = [_pymm_ref(obj, callback), func, args, kwargs or None, True,
                self._state[0]]
        self._state[0] += 1
        self._registry[self] = info

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info and not self._state[1]:
            kw = info[3] or {}
            return info[1](*info[2], **kw)

    def detach(self):
        info = self._registry.get(self)
        o = info and info[0]()
        if o is not None and self._registry.pop(self, None):
            return (o, info[1], info[2], info[3] or {})

    def peek(self):
        info = self._registry.get(self)
        o = info and info[0]()
        if o is not None:
            return (o, info[1], info[2], info[3] or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return bool(info) and info[4]

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info:
            info[4] = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        o = info and info[0]()
        if o is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self),
                                                     type(o).__name__, id(o))


def _pymm_weakref_exit(finalize):
    # atexit: the finalizers still alive whose atexit is true, newest
    # first; chosen again when one of them made a new one
    pending = None
    made = -1
    while True:
        if pending is None or made != finalize._state[0]:
            made = finalize._state[0]
            pending = [(info[5], f) for f, info in finalize._registry.items()
                       if info[4]]
            pending.sort()
        if not pending:
            break
        pending.pop()[1]()
    finalize._state[1] = True
