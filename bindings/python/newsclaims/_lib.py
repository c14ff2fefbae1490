"""Loading ``libnewsclaims`` and declaring its functions for ctypes.

Internal module: the public API is in :mod:`newsclaims`.  Every function the
binding calls is declared here with its ``argtypes`` and ``restype``, exactly
as ``include/newsclaims.h`` declares it.  Functions of the reconcile section
(``nc_claimset_*``) are declared only when the loaded library exports them
(:data:`HAS_RECONCILE`).
"""

import ctypes
import ctypes.util
import os
import threading

__all__ = ["NcError", "find_library", "load", "HAS_RECONCILE_SYMBOL"]

P = ctypes.c_void_p
S = ctypes.c_size_t
PP = ctypes.POINTER(ctypes.c_void_p)
PS = ctypes.POINTER(ctypes.c_size_t)

HAS_RECONCILE_SYMBOL = "nc_claimset_reconcile_json"


class NcError(ctypes.Structure):
    """``nc_error``: the fixed-size error detail of one call (416 bytes)."""

    _fields_ = [("code", ctypes.c_int), ("reserved0", ctypes.c_int),
                ("offset", ctypes.c_int64), ("line", ctypes.c_int64),
                ("column", ctypes.c_int64), ("message", ctypes.c_char * 256),
                ("reserved", ctypes.c_ubyte * 128)]


def _candidates():
    """Where to look for the library, in order."""
    env = os.environ.get("NEWSCLAIMS_LIBRARY")
    if env:
        # A file, or a directory holding it (a build tree or its .libs).
        if os.path.isdir(env):
            for sub in (".libs", ""):
                for name in ("libnewsclaims.so", "libnewsclaims.so.0", "libnewsclaims.dylib"):
                    p = os.path.join(env, sub, name)
                    if os.path.exists(p):
                        return [p]
            return [os.path.join(env, "libnewsclaims.so")]
        return [env]
    out = []
    top = os.environ.get("top_builddir")
    if top:
        out.append(os.path.join(top, ".libs", "libnewsclaims.so"))
    found = ctypes.util.find_library("newsclaims")
    if found:
        out.append(found)
    # find_library needs ldconfig or gcc; try the soname and plain name too,
    # which the dynamic loader resolves in its usual search path, then the
    # usual install directories (`make install` before `ldconfig` has run).
    out += ["libnewsclaims.so.0", "libnewsclaims.so", "libnewsclaims.dylib"]
    for d in ("/usr/local/lib", "/usr/local/lib64", "/usr/lib", "/usr/lib64"):
        p = os.path.join(d, "libnewsclaims.so.0")
        if os.path.exists(p):
            out.append(p)
    return out


def find_library():
    """The path (or name) of the library that :func:`load` opens.

    ``NEWSCLAIMS_LIBRARY`` (a file, or a build directory) wins; then
    ``top_builddir/.libs/libnewsclaims.so`` when ``top_builddir`` is set (as
    under ``make check``); then the installed library
    (``ctypes.util.find_library("newsclaims")``, ``libnewsclaims.so.0`` through
    the dynamic loader, then in /usr/local/lib and /usr/lib).
    Raises ``OSError`` when none can be opened.
    """
    errors = []
    for c in _candidates():
        if os.sep in c and not os.path.exists(c):
            errors.append("%s: no such file" % c)
            continue
        try:
            ctypes.CDLL(os.path.abspath(c) if os.sep in c else c)
            return os.path.abspath(c) if os.sep in c else c
        except OSError as e:
            errors.append(str(e))
    raise OSError("libnewsclaims not found (set NEWSCLAIMS_LIBRARY to the library file or the "
                  "build directory): " + "; ".join(errors))


def _declare(lib):
    E = ctypes.POINTER(NcError)
    c_int, c_uint, c_char_p = ctypes.c_int, ctypes.c_uint, ctypes.c_char_p
    decl = {
        "nc_version": ([], c_char_p),
        "nc_version_number": ([], c_int),
        "nc_data_version": ([], c_char_p),
        "nc_strerror": ([c_int], c_char_p),
        "nc_error_clear": ([E], None),
        "nc_free": ([P], None),
        "nc_ctx_new": ([c_uint, PP, E], c_int),
        "nc_ctx_free": ([P], None),
        "nc_doc_load_buffer": ([P, c_char_p, S, c_char_p, c_uint, PP, E], c_int),
        "nc_doc_load_file": ([P, c_char_p, c_uint, PP, E], c_int),
        "nc_doc_load_json": ([P, c_char_p, S, c_char_p, c_uint, PP, E], c_int),
        "nc_doc_free": ([P], None),
        "nc_doc_meta": ([P, c_int], c_char_p),
        "nc_doc_set_meta": ([P, c_int, c_char_p], c_int),
        "nc_doc_date_inferred": ([P], c_int),
        "nc_doc_text": ([P, PS], P),
        "nc_doc_repairs": ([P], S),
        "nc_doc_sentence_count": ([P], S),
        "nc_doc_sentence_span": ([P, S, PS, PS], c_int),
        "nc_doc_sentence_is_furniture": ([P, S], c_int),
        "nc_doc_token_count": ([P], S),
        "nc_doc_extract": ([P, P, E], c_int),
        "nc_doc_json": ([P, P, c_uint, PP, PS, E], c_int),
        "nc_numbers_json": ([P, c_char_p, S, c_char_p, PP, PS, E], c_int),
        "nc_numbers_json_select": ([P, c_char_p, S, c_char_p, c_uint, c_uint, PP, PS, E], c_int),
    }
    reconcile = {
        "nc_claimset_new": ([P, PP], c_int),
        "nc_claimset_free": ([P], None),
        "nc_claimset_add_json": ([P, c_char_p, S, E], c_int),
        "nc_claimset_add_doc": ([P, P, E], c_int),
        "nc_claimset_merge": ([P, P], c_int),
        "nc_claimset_claim_count": ([P], S),
        "nc_claimset_doc_count": ([P], S),
        "nc_claimset_reconcile_json": ([P, c_uint, PP, PS, E], c_int),
        "nc_name_key_dup": ([c_char_p, S, PP, PS], c_int),
    }
    optional = {  # newer than the first API: declared when the library has them
        "nc_ctx_new_with_data": ([c_uint, c_char_p, PP, E], c_int),
        "nc_ctx_has_data": ([P, c_char_p], c_int),
    }
    for name, (args, res) in decl.items():
        f = getattr(lib, name)
        f.argtypes = args
        f.restype = res
    for name, (args, res) in optional.items():
        if hasattr(lib, name):
            f = getattr(lib, name)
            f.argtypes = args
            f.restype = res
    has_reconcile = hasattr(lib, HAS_RECONCILE_SYMBOL)
    if has_reconcile:
        for name, (args, res) in reconcile.items():
            f = getattr(lib, name)
            f.argtypes = args
            f.restype = res
    return has_reconcile


# Quick calls (accessors, frees) keep the GIL: releasing and taking it back
# costs more than they run, and under contention each hand-back waits for the
# thread that holds it.  The calls that do the work (load, extract, JSON,
# numbers, reconcile) release it, so threads run them in parallel.
KEEP_GIL = (
    "nc_version", "nc_version_number", "nc_data_version", "nc_strerror", "nc_error_clear",
    "nc_free", "nc_doc_free", "nc_doc_meta", "nc_doc_set_meta", "nc_doc_date_inferred",
    "nc_doc_text", "nc_doc_repairs", "nc_doc_sentence_count", "nc_doc_sentence_span",
    "nc_doc_sentence_is_furniture", "nc_doc_token_count", "nc_claimset_new",
    "nc_claimset_claim_count", "nc_claimset_doc_count", "nc_ctx_has_data",
)

_lock = threading.Lock()
_lib = None
_has_reconcile = False
_path = None


def load():
    """The loaded library (a ``ctypes.CDLL``), opened once per process."""
    global _lib, _has_reconcile, _path
    if _lib is None:
        with _lock:
            if _lib is None:
                path = find_library()
                lib = ctypes.CDLL(path)        # calls release the GIL
                _has_reconcile = _declare(lib)
                held = ctypes.PyDLL(path)      # the same library; calls keep the GIL
                _declare(held)
                for name in KEEP_GIL:
                    if hasattr(held, name):
                        setattr(lib, name, getattr(held, name))
                _path = path
                _lib = lib
    return _lib


def has_reconcile():
    """Whether the loaded library exports the reconcile API (``nc_claimset_*``)."""
    load()
    return _has_reconcile


def path():
    """The path or name the library was loaded from."""
    load()
    return _path


def take_string(lib, ptr, n):
    """Copy ``n`` bytes at ``ptr`` (a buffer the library handed over) and nc_free it."""
    try:
        return ctypes.string_at(ptr, n)
    finally:
        lib.nc_free(ptr)
