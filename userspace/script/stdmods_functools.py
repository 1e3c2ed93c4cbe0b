# stdmods_functools.py - CPython 3.11's functools for pymm: the behaviour
# of Lib/functools.py's Python versions (reduce, partial, lru_cache's
# wrapper, wraps/update_wrapper, cmp_to_key), written for pymm, not copied.
# pymmctl runs it when a script first imports functools (stdmods.c); its
# module-level names are taken out of the script's globals right after, so
# a function here reaches what it shares by closure (the _make_* factories
# below), never by a global name.  docs/objects.md, "collections,
# functools, itertools", lists what differs from CPython's C versions.

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    # attribute by attribute, a missing one skipped, as CPython does
    for attr in assigned:
        try:
            if attr == '__name__':
                wrapper.__name__ = wrapped.__name__
            elif attr == '__qualname__':
                wrapper.__qualname__ = wrapped.__qualname__
            elif attr == '__doc__':
                wrapper.__doc__ = wrapped.__doc__
            elif attr == '__module__':
                wrapper.__module__ = wrapped.__module__
            elif attr == '__annotations__':
                # pymm's functions have none: each read is a new {}, and a
                # copy would only sit in wrapper's __dict__
                pass
            else:
                setattr(wrapper, attr, getattr(wrapped, attr))
        except AttributeError:
            pass
    for attr in updated:
        if attr != '__dict__':
            getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
            continue
        # pymm cannot read a function's __dict__ (docs/objects.md): the
        # wrapped function's own attributes are not copied
    # set last, so that a __wrapped__ copied from wrapped is replaced
    wrapper.__wrapped__ = wrapped
    return wrapper


def _make_wraps(update_wrapper):
    def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
        def decorator(wrapper):
            return update_wrapper(wrapper, wrapped, assigned, updated)
        return decorator
    wraps.__qualname__ = 'wraps'
    return wraps


wraps = _make_wraps(update_wrapper)


def _make_reduce():
    missing = object()

    def reduce(function, iterable, initial=missing, /):
        it = iter(iterable)
        if initial is missing:
            try:
                value = next(it)
            except StopIteration:
                raise TypeError(
                    "reduce() of empty iterable with no initial value") from None
        else:
            value = initial
        for element in it:
            value = function(value, element)
        return value
    reduce.__qualname__ = 'reduce'
    return reduce


reduce = _make_reduce()


class partial:
    """partial(func, *args, **keywords) - new function with partial application
    of the given arguments and keywords.
    """
    __module__ = 'functools'

    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if type(func) is type(self):
            # partial(partial(f, 1), 2) is partial(f, 1, 2), as CPython flattens
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        for a in self.args:
            parts.append(repr(a))
        for k, v in self.keywords.items():
            parts.append(f"{k}={v!r}")
        return f"functools.{type(self).__qualname__}({', '.join(parts)})"


class CacheInfo:
    """the namedtuple lru_cache's cache_info() returns (hits, misses,
    maxsize, currsize)"""
    __module__ = 'functools'

    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def __repr__(self):
        return (f"CacheInfo(hits={self.hits!r}, misses={self.misses!r}, "
                f"maxsize={self.maxsize!r}, currsize={self.currsize!r})")

    def __iter__(self):
        return iter((self.hits, self.misses, self.maxsize, self.currsize))

    def __len__(self):
        return 4

    def __getitem__(self, i):
        return (self.hits, self.misses, self.maxsize, self.currsize)[i]

    def __eq__(self, other):
        if type(other) is type(self):
            other = tuple(other)
        return (self.hits, self.misses, self.maxsize, self.currsize) == other


_CacheInfo = CacheInfo
del CacheInfo


def _make_lru_cache(CacheInfo, update_wrapper):
    kwd_mark = object()             # separates positional and keyword args

    def make_key(args, kwds, typed):
        # one int or str argument is its own key, as the C wrapper has it
        if not kwds and not typed and len(args) == 1:
            t = type(args[0])
            if t is int or t is str:
                return args[0]
        key = args
        if kwds:
            key += (kwd_mark,)
            for item in kwds.items():
                key += item
        if typed:
            key += tuple(type(v) for v in args)
            if kwds:
                key += tuple(type(v) for v in kwds.values())
        return key

    def lru_cache_wrapper(user_function, maxsize, typed):
        # the algorithm of Lib/functools.py's _lru_cache_wrapper: a dict
        # from key to link, the links a circular doubly linked list of
        # [prev, next, key, result] lists, oldest after the root
        sentinel = object()
        cache = {}
        hits = misses = 0
        full = False
        root = []
        root[:] = [root, root, None, None]

        if maxsize == 0:
            def wrapper(*args, **kwds):
                nonlocal misses
                misses += 1
                return user_function(*args, **kwds)
        elif maxsize is None:
            def wrapper(*args, **kwds):
                nonlocal hits, misses
                key = make_key(args, kwds, typed)
                result = cache.get(key, sentinel)
                if result is not sentinel:
                    hits += 1
                    return result
                misses += 1
                result = user_function(*args, **kwds)
                cache[key] = result
                return result
        else:
            def wrapper(*args, **kwds):
                nonlocal root, hits, misses, full
                key = make_key(args, kwds, typed)
                link = cache.get(key)
                if link is not None:
                    # move the link to the front (most recently used)
                    link_prev, link_next, _key, result = link
                    link_prev[1] = link_next
                    link_next[0] = link_prev
                    last = root[0]
                    last[1] = root[0] = link
                    link[0] = last
                    link[1] = root
                    hits += 1
                    return result
                misses += 1
                result = user_function(*args, **kwds)
                if key in cache:
                    # the call itself cached this key: keep that link
                    pass
                elif full:
                    # the old root holds the new entry; the oldest link
                    # becomes the root
                    oldroot = root
                    oldroot[2] = key
                    oldroot[3] = result
                    root = oldroot[1]
                    oldkey = root[2]
                    root[2] = root[3] = None
                    del cache[oldkey]
                    cache[key] = oldroot
                else:
                    last = root[0]
                    link = [last, root, key, result]
                    last[1] = root[0] = cache[key] = link
                    full = len(cache) >= maxsize
                return result

        def cache_info():
            """Report cache statistics"""
            return CacheInfo(hits, misses, maxsize, len(cache))

        def cache_clear():
            """Clear the cache and cache statistics"""
            nonlocal hits, misses, full
            # as the C wrapper's lru_cache_clear(): the list unlinked, the
            # dict cleared, then each link emptied, oldest first, so every
            # result goes now, not at the next collection of the links' cycle
            link = root[1]
            root[:] = [root, root, None, None]
            hits = misses = 0
            full = False
            cache.clear()
            while link is not root:
                nxt = link[1]
                link[:] = []
                link = nxt

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    def lru_cache(maxsize=128, typed=False):
        if isinstance(maxsize, int):
            if maxsize < 0:
                maxsize = 0
        elif callable(maxsize) and isinstance(typed, bool):
            # @lru_cache without parentheses
            user_function, maxsize = maxsize, 128
            wrapper = lru_cache_wrapper(user_function, maxsize, typed)
            wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
            return update_wrapper(wrapper, user_function)
        elif maxsize is not None:
            raise TypeError('Expected first argument to be an integer, a callable, or None')

        def decorating_function(user_function):
            wrapper = lru_cache_wrapper(user_function, maxsize, typed)
            wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
            return update_wrapper(wrapper, user_function)
        return decorating_function

    def cache(user_function, /):
        'Simple lightweight unbounded cache.  Sometimes called "memoize".'
        return lru_cache(maxsize=None)(user_function)

    lru_cache.__qualname__ = 'lru_cache'
    cache.__qualname__ = 'cache'
    return lru_cache, cache


lru_cache, cache = _make_lru_cache(_CacheInfo, update_wrapper)


class _Key:
    """what cmp_to_key's key function makes of a value: compared by cmp"""
    __module__ = 'functools'
    __slots__ = ('obj', 'cmp')

    def __init__(self, obj, cmp):
        self.obj = obj
        self.cmp = cmp

    def __lt__(self, other):
        return self.cmp(self.obj, other.obj) < 0

    def __gt__(self, other):
        return self.cmp(self.obj, other.obj) > 0

    def __eq__(self, other):
        return self.cmp(self.obj, other.obj) == 0

    def __le__(self, other):
        return self.cmp(self.obj, other.obj) <= 0

    def __ge__(self, other):
        return self.cmp(self.obj, other.obj) >= 0


def _make_cmp_to_key(Key):
    def cmp_to_key(mycmp):
        """Convert a cmp= function into a key= function"""
        def K(obj):
            return Key(obj, mycmp)
        return K
    cmp_to_key.__qualname__ = 'cmp_to_key'
    return cmp_to_key


cmp_to_key = _make_cmp_to_key(_Key)


def _make_total_ordering():
    # CPython's total_ordering (Lib/functools.py): the missing comparisons
    # from the one the class defines, the same function objects set on
    # every class (their __name__ set as CPython sets it)
    def _gt_from_lt(self, other):
        'Return a > b.  Computed by @total_ordering from (not a < b) and (a != b).'
        op_result = type(self).__lt__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result and self != other

    def _le_from_lt(self, other):
        'Return a <= b.  Computed by @total_ordering from (a < b) or (a == b).'
        op_result = type(self).__lt__(self, other)
        if op_result is NotImplemented:
            return op_result
        return op_result or self == other

    def _ge_from_lt(self, other):
        'Return a >= b.  Computed by @total_ordering from (not a < b).'
        op_result = type(self).__lt__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result

    def _ge_from_le(self, other):
        'Return a >= b.  Computed by @total_ordering from (not a <= b) or (a == b).'
        op_result = type(self).__le__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result or self == other

    def _lt_from_le(self, other):
        'Return a < b.  Computed by @total_ordering from (a <= b) and (a != b).'
        op_result = type(self).__le__(self, other)
        if op_result is NotImplemented:
            return op_result
        return op_result and self != other

    def _gt_from_le(self, other):
        'Return a > b.  Computed by @total_ordering from (not a <= b).'
        op_result = type(self).__le__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result

    def _lt_from_gt(self, other):
        'Return a < b.  Computed by @total_ordering from (not a > b) and (a != b).'
        op_result = type(self).__gt__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result and self != other

    def _ge_from_gt(self, other):
        'Return a >= b.  Computed by @total_ordering from (a > b) or (a == b).'
        op_result = type(self).__gt__(self, other)
        if op_result is NotImplemented:
            return op_result
        return op_result or self == other

    def _le_from_gt(self, other):
        'Return a <= b.  Computed by @total_ordering from (not a > b).'
        op_result = type(self).__gt__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result

    def _le_from_ge(self, other):
        'Return a <= b.  Computed by @total_ordering from (not a >= b) or (a == b).'
        op_result = type(self).__ge__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result or self == other

    def _gt_from_ge(self, other):
        'Return a > b.  Computed by @total_ordering from (a >= b) and (a != b).'
        op_result = type(self).__ge__(self, other)
        if op_result is NotImplemented:
            return op_result
        return op_result and self != other

    def _lt_from_ge(self, other):
        'Return a < b.  Computed by @total_ordering from (not a >= b).'
        op_result = type(self).__ge__(self, other)
        if op_result is NotImplemented:
            return op_result
        return not op_result

    convert = {
        '__lt__': [('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)],
        '__le__': [('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)],
        '__gt__': [('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)],
        '__ge__': [('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)],
    }

    def defines(cls, op):
        # getattr(cls, op, None) is not getattr(object, op, None): a class
        # along the MRO (object's own are not heap objects in pymm)
        for klass in cls.__mro__:
            if klass is not object and op in klass.__dict__:
                return True
        return False

    def total_ordering(cls):
        """Class decorator that fills in missing ordering methods"""
        # Find user-defined comparisons (not those inherited from object).
        roots = {op for op in convert if defines(cls, op)}
        if not roots:
            raise ValueError('must define at least one ordering operation: < > <= >=')
        root = max(roots)       # prefer __lt__ to __le__ to __gt__ to __ge__
        for opname, opfunc in convert[root]:
            if opname not in roots:
                opfunc.__name__ = opname
                setattr(cls, opname, opfunc)
        return cls

    return total_ordering


total_ordering = _make_total_ordering()
