// SPDX-License-Identifier: GPL-2.0
/*
 * refusals.c - the names CPython 3.11 has, so that what pymm lacks fails
 * with "... is not supported by pymm" instead of an error claiming Python
 * lacks it (NameError, AttributeError).  Generated from python3.11's
 * dir(builtins), dir(gc), dir(sys), dir(weakref), dir(collections),
 * dir(functools), dir(itertools) and the dir() of the
 * built-in types; dunder names are left out but for the builtins
 * __import__ and __build_class__ (a script that reaches for
 * them is outside the subset either way).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "interp.h"

struct owner_names {
	const char *owner;
	const char *const *names;
};

static const char *const builtins_names[] = {
	"ArithmeticError", "AssertionError", "AttributeError", "BaseException",
	"BaseExceptionGroup", "BlockingIOError", "BrokenPipeError", "BufferError",
	"BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
	"ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError",
	"Ellipsis", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup",
	"False", "FileExistsError", "FileNotFoundError", "FloatingPointError",
	"FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning",
	"IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
	"KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
	"ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented",
	"NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
	"PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError",
	"ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration",
	"StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit",
	"TabError", "TimeoutError", "True", "TypeError", "UnboundLocalError",
	"UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
	"UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
	"ZeroDivisionError", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool",
	"breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile",
	"complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate",
	"eval", "exec", "exit", "filter", "float", "format", "frozenset", "getattr",
	"globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
	"issubclass", "iter", "len", "license", "list", "locals", "map", "max",
	"memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print",
	"property", "quit", "range", "repr", "reversed", "round", "set", "setattr",
	"slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
	"zip", "__import__", "__build_class__", NULL,
};

static const char *const gc_names[] = {
	"DEBUG_COLLECTABLE", "DEBUG_LEAK", "DEBUG_SAVEALL", "DEBUG_STATS",
	"DEBUG_UNCOLLECTABLE", "callbacks", "collect", "disable", "enable", "freeze",
	"garbage", "get_count", "get_debug", "get_freeze_count", "get_objects",
	"get_referents", "get_referrers", "get_stats", "get_threshold", "is_finalized",
	"is_tracked", "isenabled", "set_debug", "set_threshold", "unfreeze", NULL,
};

static const char *const sys_names[] = {
	"_base_executable", "_clear_type_cache", "_current_exceptions", "_current_frames",
	"_debugmallocstats", "_framework", "_getframe", "_getquickenedcount", "_git",
	"_home", "_stdlib_dir", "_xoptions", "abiflags", "addaudithook", "api_version",
	"argv", "audit", "base_exec_prefix", "base_prefix", "breakpointhook",
	"builtin_module_names", "byteorder", "call_tracing", "copyright", "displayhook",
	"dont_write_bytecode", "exc_info", "excepthook", "exception", "exec_prefix",
	"executable", "exit", "flags", "float_info", "float_repr_style",
	"get_asyncgen_hooks", "get_coroutine_origin_tracking_depth",
	"get_int_max_str_digits", "getallocatedblocks", "getdefaultencoding",
	"getdlopenflags", "getfilesystemencodeerrors", "getfilesystemencoding",
	"getprofile", "getrecursionlimit", "getrefcount", "getsizeof", "getswitchinterval",
	"gettrace", "hash_info", "hexversion", "implementation", "int_info", "intern",
	"is_finalizing", "maxsize", "maxunicode", "meta_path", "modules", "orig_argv",
	"path", "path_hooks", "path_importer_cache", "platform", "platlibdir", "prefix",
	"pycache_prefix", "set_asyncgen_hooks", "set_coroutine_origin_tracking_depth",
	"set_int_max_str_digits", "setdlopenflags", "setprofile", "setrecursionlimit",
	"setswitchinterval", "settrace", "stderr", "stdin", "stdlib_module_names",
	"stdout", "thread_info", "unraisablehook", "version", "version_info",
	"warnoptions", NULL,
};

static const char *const weakref_names[] = {
	"CallableProxyType", "KeyedRef", "ProxyType", "ProxyTypes", "ReferenceType",
	"WeakKeyDictionary", "WeakMethod", "WeakSet", "WeakValueDictionary",
	"_IterationGuard", "_collections_abc", "_remove_dead_weakref", "finalize",
	"getweakrefcount", "getweakrefs", "itertools", "proxy", "ref", "sys", NULL,
};

static const char *const collections_names[] = {
	"ChainMap", "Counter", "OrderedDict", "UserDict", "UserList", "UserString", "_Link",
	"_OrderedDictItemsView", "_OrderedDictKeysView", "_OrderedDictValuesView", "_chain",
	"_collections_abc", "_count_elements", "_eq", "_iskeyword", "_itemgetter", "_proxy",
	"_recursive_repr", "_repeat", "_starmap", "_sys", "_tuplegetter", "abc",
	"defaultdict", "deque", "namedtuple", NULL,
};

static const char *const functools_names[] = {
	"GenericAlias", "RLock", "WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES", "_CacheInfo",
	"_HashedSeq", "_NOT_FOUND", "_c3_merge", "_c3_mro", "_compose_mro", "_convert",
	"_find_impl", "_ge_from_gt", "_ge_from_le", "_ge_from_lt", "_gt_from_ge",
	"_gt_from_le", "_gt_from_lt", "_initial_missing", "_le_from_ge", "_le_from_gt",
	"_le_from_lt", "_lru_cache_wrapper", "_lt_from_ge", "_lt_from_gt", "_lt_from_le",
	"_make_key", "_unwrap_partial", "cache", "cached_property", "cmp_to_key",
	"get_cache_token", "lru_cache", "namedtuple", "partial", "partialmethod",
	"recursive_repr", "reduce", "singledispatch", "singledispatchmethod",
	"total_ordering", "update_wrapper", "wraps", NULL,
};

static const char *const itertools_names[] = {
	"_grouper", "_tee", "_tee_dataobject", "accumulate", "chain", "combinations",
	"combinations_with_replacement", "compress", "count", "cycle", "dropwhile",
	"filterfalse", "groupby", "islice", "pairwise", "permutations", "product", "repeat",
	"starmap", "takewhile", "tee", "zip_longest", NULL,
};

static const char *const list_names[] = {
	"append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove",
	"reverse", "sort", NULL,
};

static const char *const dict_names[] = {
	"clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem",
	"setdefault", "update", "values", NULL,
};

static const char *const str_names[] = {
	"capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs",
	"find", "format", "format_map", "index", "isalnum", "isalpha", "isascii",
	"isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable",
	"isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans",
	"partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust",
	"rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
	"swapcase", "title", "translate", "upper", "zfill", NULL,
};

static const char *const set_names[] = {
	"add", "clear", "copy", "difference", "difference_update", "discard", "intersection",
	"intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
	"symmetric_difference", "symmetric_difference_update", "union", "update", NULL,
};

static const char *const frozenset_names[] = {
	"copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset",
	"symmetric_difference", "union", NULL,
};

static const char *const range_names[] = {
	"count", "index", "start", "step", "stop", NULL,
};

static const char *const dict_keys_names[] = {
	"isdisjoint", "mapping", NULL,
};

static const char *const dict_values_names[] = {
	"mapping", NULL,
};

static const char *const tuple_names[] = {
	"count", "index", NULL,
};

static const char *const bytearray_names[] = {
	"append", "capitalize", "center", "clear", "copy", "count", "decode", "endswith",
	"expandtabs", "extend", "find", "fromhex", "hex", "index", "insert", "isalnum",
	"isalpha", "isascii", "isdigit", "islower", "isspace", "istitle", "isupper", "join",
	"ljust", "lower", "lstrip", "maketrans", "partition", "pop", "remove", "removeprefix",
	"removesuffix", "replace", "reverse", "rfind", "rindex", "rjust", "rpartition",
	"rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title",
	"translate", "upper", "zfill", NULL,
};

static const char *const bytes_names[] = {
	"capitalize", "center", "count", "decode", "endswith", "expandtabs", "find",
	"fromhex", "hex", "index", "isalnum", "isalpha", "isascii", "isdigit", "islower",
	"isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans",
	"partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust",
	"rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
	"swapcase", "title", "translate", "upper", "zfill", NULL,
};

static const char *const int_names[] = {
	"as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator",
	"from_bytes", "imag", "numerator", "real", "to_bytes", NULL,
};

static const char *const float_names[] = {
	"as_integer_ratio", "conjugate", "fromhex", "hex", "imag", "is_integer", "real", NULL,
};

static const char *const code_names[] = {
	"co_argcount", "co_cellvars", "co_code", "co_consts", "co_exceptiontable",
	"co_filename", "co_firstlineno", "co_flags", "co_freevars", "co_kwonlyargcount",
	"co_lines", "co_linetable", "co_lnotab", "co_name", "co_names", "co_nlocals",
	"co_positions", "co_posonlyargcount", "co_qualname", "co_stacksize", "co_varnames",
	"replace", NULL,
};

static const char *const generator_names[] = {
	"close", "gi_code", "gi_frame", "gi_running", "gi_suspended", "gi_yieldfrom", "send",
	"throw", NULL,
};

static const struct owner_names owners[] = {
	{ "builtins", builtins_names },
	{ "gc", gc_names },
	{ "sys", sys_names },
	{ "weakref", weakref_names },
	{ "collections", collections_names },
	{ "functools", functools_names },
	{ "itertools", itertools_names },
	{ "list", list_names },
	{ "dict", dict_names },
	{ "str", str_names },
	{ "tuple", tuple_names },
	{ "set", set_names },
	{ "frozenset", frozenset_names },
	{ "range", range_names },
	{ "dict_keys", dict_keys_names },
	{ "dict_items", dict_keys_names },
	{ "dict_values", dict_values_names },
	{ "bytes", bytes_names },
	{ "bytearray", bytearray_names },
	{ "int", int_names },
	{ "float", float_names },
	{ "generator", generator_names },
	{ "code", code_names },
};

/*
 * The AttributeError for owner.name, or, when CPython 3.11 has it, the
 * NotImplementedError saying pymm does not.
 */
int refuse_attr(struct interp *I, const char *owner, const char *name, bool is_module)
{
	if (cpython_has(owner, name))
		return raise_exc(I, EX_NOT_IMPLEMENTED, "%s.%s is not supported by pymm", owner,
				 name);
	if (is_module)
		return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
				 owner, name);
	return raise_exc(I, PYMM_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", owner,
			 name);
}

/* Does CPython 3.11's `owner` (a module or built-in type) have `name`? */
bool cpython_has(const char *owner, const char *name)
{
	size_t i;
	const char *const *n;

	for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++) {
		if (strcmp(owners[i].owner, owner))
			continue;
		for (n = owners[i].names; *n; n++)
			if (!strcmp(*n, name))
				return true;
	}
	return false;
}
