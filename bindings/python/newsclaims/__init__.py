"""Python binding of libnewsclaims: named entities and numeric claims in news.

Standard library and ctypes only.  The library is found through the
``NEWSCLAIMS_LIBRARY`` environment variable (the ``.so`` file or a build
directory), else ``top_builddir``, else the installed ``libnewsclaims``.

>>> import newsclaims
>>> with newsclaims.Context() as ctx:
...     doc = ctx.extract("Foro Penal reported 806 political prisoners on January 5, 2026.",
...                       id="a1", source="Wire")
...     doc["claims"][0]["value"]
806

Results are plain dicts and lists shaped like the JSON output contract
(``../shared/DESIGN.md``): ``ctx.extract(...)`` equals one line of
``newsclaims extract --format=json`` read with ``json.loads``.  Offsets in
them are UTF-8 byte offsets into the document text.

Errors are :class:`Error` subclasses carrying the library's message, status
code and position (``offset``, ``line``, ``column``).

Threads: a :class:`Context` is immutable and may be shared by any number of
threads; ctypes releases the GIL during library calls, so extraction runs in
parallel.  A :class:`Document` or :class:`ClaimSet` is used by one thread at a
time (each has a lock that serialises calls on it).
"""

import ctypes
import json
import os
import threading
import weakref

from . import _lib

__version__ = "0.1.0"

__all__ = [
    "Context", "Document", "ClaimSet", "Error", "OutOfMemoryError", "InvalidArgumentError",
    "FileError", "EncodingError", "ParseError", "LimitError", "NotImplementedInLibraryError",
    "ICUError", "version", "data_version", "library_path", "has_reconcile", "shared_context",
    "name_key", "CTX_DEFAULT", "CTX_ICU_SENTENCES", "CTX_NO_MODEL", "NUMBER_KINDS",
]

#: Context flag: default settings.
CTX_DEFAULT = 0
#: Context flag: ICU's sentence break iterator instead of the library's own rules.
CTX_ICU_SENTENCES = 1
#: Context flag: PERSON/ORG/LOC by capitalisation rules only, without the model.
CTX_NO_MODEL = 2

_LOAD_REPAIR = 1
_JSON_SEGMENTS = 1
_JSON_NUMBERS = 2
_RECONCILE_TABLE = 1
_RECONCILE_MAJORITY = 2
_META = {"id": 0, "source": 1, "date": 2, "url": 3, "title": 4, "lang": 5}

#: Kinds of numbers, in the order of the C enum ``nc_num_kind``.
NUMBER_KINDS = ("count", "percent", "money", "year", "date", "time", "ordinal", "duration", "phone",
                "identifier")


# ---------------------------------------------------------------- errors


class Error(Exception):
    """A libnewsclaims call failed.

    Attributes: ``code`` (the ``nc_status`` value), ``status`` (its name, such
    as ``"NC_EUTF8"``), ``message`` (the library's text, without position),
    ``offset`` (byte offset of the fault in the input, or None), ``line`` and
    ``column`` (1-based, or None when unknown), ``where`` (what was being
    read: a file name, ``"<text>"``..., or None).
    """

    def __init__(self, code, message, offset=None, line=None, column=None, where=None):
        self.code = code
        self.status = _STATUS_NAMES.get(code, "NC_E%d" % code)
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.where = where
        super().__init__(str(self))

    def __str__(self):
        s = ""
        if self.where:
            s += self.where + ": "
        if self.line:
            s += "line %d, column %d: " % (self.line, self.column or 0)
        s += self.message
        if self.offset is not None:
            s += " (byte %d)" % self.offset
        return s

    def __reduce__(self):
        return (_make_error, (self.code, self.message, self.offset, self.line, self.column,
                              self.where))


class OutOfMemoryError(Error, MemoryError):
    """``NC_ENOMEM``: the library ran out of memory."""


class InvalidArgumentError(Error, ValueError):
    """``NC_EINVAL``: an argument is invalid (bad flag, bad date, unsupported language...)."""


class FileError(Error):
    """``NC_EIO``: a file could not be opened or read (the message names the system error)."""


class EncodingError(Error, ValueError):
    """``NC_EUTF8``: text is not valid UTF-8; ``offset``, ``line`` and ``column`` locate
    the first bad sequence (load with ``repair=True`` to replace it by U+FFFD instead)."""


class ParseError(Error, ValueError):
    """``NC_EPARSE``: input could not be parsed (malformed JSON, missing or mistyped field);
    ``offset``, ``line`` and ``column`` are in the record."""


class LimitError(Error):
    """``NC_ELIMIT``: input exceeds a limit of the library (a document over 2 GiB)."""


class NotImplementedInLibraryError(Error, NotImplementedError):
    """``NC_ENOTIMPL``, or a function the loaded library does not export (such as the
    reconcile API in a library built before it landed)."""


class ICUError(Error):
    """``NC_EICU``: an ICU call failed (its error name is in the message)."""


_STATUS_NAMES = {1: "NC_ENOMEM", 2: "NC_EINVAL", 3: "NC_EIO", 4: "NC_EUTF8", 5: "NC_EPARSE",
                 6: "NC_ELIMIT", 7: "NC_ENOTIMPL", 8: "NC_EICU"}
_CLASSES = {1: OutOfMemoryError, 2: InvalidArgumentError, 3: FileError, 4: EncodingError,
            5: ParseError, 6: LimitError, 7: NotImplementedInLibraryError, 8: ICUError}


def _make_error(code, message, offset=None, line=None, column=None, where=None):
    return _CLASSES.get(code, Error)(code, message, offset, line, column, where)


def _raise(code, err=None, where=None, what=None):
    """Raise the Error subclass for status ``code`` with the detail of ``err``."""
    lib = _lib.load()
    if err is not None and err.code == code and err.message:
        msg = err.message.decode("utf-8", "replace")
        offset = err.offset if err.offset >= 0 else None
        line = err.line or None
        column = err.column or None
    else:
        msg = lib.nc_strerror(code).decode()
        offset = line = column = None
    if what:
        msg = "%s: %s" % (what, msg)
    raise _make_error(code, msg, offset, line, column, where)


def _need_reconcile(lib):
    if not _lib.has_reconcile():
        raise NotImplementedInLibraryError(
            7, "the loaded libnewsclaims (%s) has no reconcile API (nc_claimset_*)" % _lib.path())


# ---------------------------------------------------------------- helpers

def _bytes(text):
    """UTF-8 bytes of a str (lone surrogates pass through and fail in the library with
    their offset), or bytes-like as given."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


def _opt(value):
    return None if value is None else _bytes(value)


def version():
    """The running library's version, "MAJOR.MINOR.PATCH" (``nc_version``)."""
    return _lib.load().nc_version().decode()


def data_version():
    """The version of the data tables built into the library (``nc_data_version``)."""
    return _lib.load().nc_data_version().decode()


def library_path():
    """The path (or name) the shared library was loaded from."""
    return _lib.path()


def has_reconcile():
    """Whether the loaded library has the reconcile API (``nc_claimset_*``)."""
    return _lib.has_reconcile()


def name_key(name):
    """Fold a name as reconciliation does to compare names ("U.S." gives "us")."""
    lib = _lib.load()
    _need_reconcile(lib)
    b = _bytes(name)
    out, n = ctypes.c_void_p(), ctypes.c_size_t()
    rc = lib.nc_name_key_dup(b, len(b), ctypes.byref(out), ctypes.byref(n))
    if rc:
        _raise(rc)
    return _lib.take_string(lib, out, n.value).decode()


def _free_ctx(lib, handle):
    lib.nc_ctx_free(handle)


def _free_doc(lib, handle, ctx):
    # ctx is passed only to keep the Context alive until the document is freed.
    lib.nc_doc_free(handle)


def _free_set(lib, handle, ctx):
    lib.nc_claimset_free(handle)


# ---------------------------------------------------------------- context

class Context:
    """A libnewsclaims context: settings and the read-only tables every document uses.

    Create one per process and share it (between threads too).  ``flags`` is
    :data:`CTX_DEFAULT` or an or-combination of :data:`CTX_ICU_SENTENCES` and
    :data:`CTX_NO_MODEL`; the keyword arguments set the same bits.

    ``datadir`` is the folder of the optional data files (the Spanish-English
    word table of reconciliation, which can't be compiled in: see the
    library's data/README); default ``NEWSCLAIMS_DATA_DIR``, else the
    installed ones (``nc_ctx_new_with_data``).  ``newsclaims`` run from a build
    tree reads the source tree's ``data/``: set ``NEWSCLAIMS_DATA_DIR`` to it
    for the same results.  A missing file is not an error (see :meth:`has_data`).

    Use as a context manager or call :meth:`close`; otherwise the context is
    freed when garbage-collected.  Closing a context first closes the
    documents and claim sets still open on it.  No other thread may be using
    the context while it is closed.
    """

    def __init__(self, flags=CTX_DEFAULT, *, datadir=None, icu_sentences=False, no_model=False):
        self._lib = lib = _lib.load()
        flags = int(flags) | (CTX_ICU_SENTENCES if icu_sentences else 0) | \
            (CTX_NO_MODEL if no_model else 0)
        self.flags = flags
        explicit = datadir is not None
        if datadir is None:
            datadir = os.environ.get("NEWSCLAIMS_DATA_DIR") or None
        h, err = ctypes.c_void_p(), _lib.NcError()
        if not explicit and not hasattr(lib, "nc_ctx_new_with_data"):
            datadir = None  # a library older than data files: the environment can't apply
        #: The data folder given (argument or NEWSCLAIMS_DATA_DIR), or None for the installed one.
        self.datadir = datadir
        if hasattr(lib, "nc_ctx_new_with_data"):
            rc = lib.nc_ctx_new_with_data(flags, None if datadir is None else os.fsencode(datadir),
                                          ctypes.byref(h), ctypes.byref(err))
        elif datadir is not None:
            raise NotImplementedInLibraryError(
                7, "the loaded libnewsclaims has no nc_ctx_new_with_data (datadir=%r)" % datadir)
        else:
            rc = lib.nc_ctx_new(flags, ctypes.byref(h), ctypes.byref(err))
        if rc:
            _raise(rc, err, what="cannot create context")
        self._h = h.value
        self._children = weakref.WeakSet()
        self._children_lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _free_ctx, lib, self._h)

    # -- lifetime
    @property
    def closed(self):
        """True once :meth:`close` has run."""
        return self._h is None

    def close(self):
        """Free the context, after closing its open documents and claim sets.  Idempotent."""
        if self._h is None:
            return
        with self._children_lock:
            children = list(self._children)
        for c in children:
            c.close()
        self._h = None
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "<newsclaims.Context flags=%d%s>" % (self.flags, " closed" if self.closed else "")

    def _handle(self):
        if self._h is None:
            raise ValueError("operation on a closed newsclaims.Context")
        return self._h

    def has_data(self, name):
        """Whether the optional data file ``name`` (e.g. "translations-es-en.tsv") was
        loaded (``nc_ctx_has_data``); False when the library predates data files."""
        if not hasattr(self._lib, "nc_ctx_has_data"):
            return False
        return self._lib.nc_ctx_has_data(self._handle(), _bytes(name)) == 1

    def _adopt(self, child):
        with self._children_lock:
            self._children.add(child)

    # -- documents
    def _load_raw(self, text, id, meta, repair):
        """Load a buffer and set metadata; returns the raw nc_doc handle (caller frees)."""
        lib = self._lib
        b = _bytes(text)
        h, err = ctypes.c_void_p(), _lib.NcError()
        rc = lib.nc_doc_load_buffer(self._handle(), b, len(b), _opt(id),
                                    _LOAD_REPAIR if repair else 0, ctypes.byref(h),
                                    ctypes.byref(err))
        if rc:
            _raise(rc, err, where=None if id is None else str(id))
        try:
            _set_meta(lib, h.value, meta)
        except BaseException:
            lib.nc_doc_free(h.value)
            raise
        return h.value

    def load(self, text, *, id=None, date=None, source=None, title=None, url=None, lang=None,
             repair=False):
        """Load one article from ``text`` (str, or UTF-8 bytes) into a :class:`Document`.

        ``id`` defaults to "doc"; ``date`` is ISO 8601 ("2026-01-09", "2026-01"),
        else inferred from the text; ``lang`` "en" or "es", else detected.
        ``repair=True`` replaces invalid UTF-8 by U+FFFD instead of raising
        :class:`EncodingError`.
        """
        meta = {"source": source, "date": date, "title": title, "url": url, "lang": lang}
        return Document(self, self._load_raw(text, id, meta, repair))

    def load_file(self, path, *, repair=False, lang=None):
        """Load one article from a file; its id is the base name without extension.
        Raises :class:`FileError` when the file cannot be read."""
        lib = self._lib
        h, err = ctypes.c_void_p(), _lib.NcError()
        rc = lib.nc_doc_load_file(self._handle(), os.fsencode(path), _LOAD_REPAIR if repair else 0,
                                  ctypes.byref(h), ctypes.byref(err))
        if rc:
            _raise(rc, err, where=os.fsdecode(path))
        doc = Document(self, h.value)
        if lang is not None:
            doc.set_meta("lang", lang)
        return doc

    def _load_record_raw(self, record, text_field, repair):
        if isinstance(record, dict):
            record = json.dumps(record, ensure_ascii=False)
        b = _bytes(record)
        h, err = ctypes.c_void_p(), _lib.NcError()
        rc = self._lib.nc_doc_load_json(self._handle(), b, len(b), _opt(text_field),
                                        _LOAD_REPAIR if repair else 0, ctypes.byref(h),
                                        ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return h.value

    def load_record(self, record, *, text_field=None, repair=False):
        """Load one JSON Lines record (a str/bytes line, or a dict): the text in
        ``text_field`` (default "text") and optional ``id``, ``source``, ``date``,
        ``url``, ``title``, ``lang``; other fields are ignored.  Exactly as
        ``newsclaims --jsonl`` reads a line.  Raises :class:`ParseError` with the
        position in the record when it is not such an object."""
        return Document(self, self._load_record_raw(record, text_field, repair))

    def _json_of(self, h, flags):
        lib = self._lib
        out, n, err = ctypes.c_void_p(), ctypes.c_size_t(), _lib.NcError()
        rc = lib.nc_doc_json(self._h, h, flags, ctypes.byref(out), ctypes.byref(n),
                             ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return _lib.take_string(lib, out, n.value)

    def _extract_handle(self, h, segments, numbers):
        """JSON bytes of a raw doc handle, which it frees."""
        try:
            return self._json_of(h, (_JSON_SEGMENTS if segments else 0) |
                                 (_JSON_NUMBERS if numbers else 0))
        finally:
            self._lib.nc_doc_free(h)

    def extract_json(self, text, *, id=None, date=None, source=None, title=None, url=None,
                     lang=None, repair=False, segments=False, numbers=False):
        """As :meth:`extract`, but the JSON text itself (one line, a str)."""
        meta = {"source": source, "date": date, "title": title, "url": url, "lang": lang}
        h = self._load_raw(text, id, meta, repair)
        return self._extract_handle(h, segments, numbers).decode()

    def extract(self, text, *, id=None, date=None, source=None, title=None, url=None,
                lang=None, repair=False, segments=False, numbers=False):
        """Entities and claims of one article, as a dict of the output contract.

        The same object as one line of ``newsclaims extract --format=json``:
        ``{"id", "source", "date", "date_inferred", "lang", "title", "url",
        "entities": [...], "claims": [...]}``.  ``segments=True`` adds the
        ``sentences``, ``numbers=True`` every numeric expression.  Arguments as
        :meth:`load`.
        """
        return json.loads(self.extract_json(text, id=id, date=date, source=source, title=title,
                                            url=url, lang=lang, repair=repair, segments=segments,
                                            numbers=numbers))

    def extract_record(self, record, *, text_field=None, repair=False, segments=False,
                       numbers=False):
        """Entities and claims of one JSON Lines record (see :meth:`load_record`), as a dict:
        equal to the line ``newsclaims extract --jsonl --format=json`` prints for it."""
        return json.loads(self.extract_record_json(record, text_field=text_field, repair=repair,
                                                   segments=segments, numbers=numbers))

    def extract_record_json(self, record, *, text_field=None, repair=False, segments=False,
                            numbers=False):
        """As :meth:`extract_record`, but the JSON text itself (a str)."""
        h = self._load_record_raw(record, text_field, repair)
        return self._extract_handle(h, segments, numbers).decode()

    def extract_file(self, path, *, repair=False, lang=None):
        """Entities and claims of one article file, as a dict (see :meth:`extract`)."""
        with self.load_file(path, repair=repair, lang=lang) as doc:
            return doc.to_dict()

    # -- numbers
    def numbers(self, text, lang="en", kinds=None, bounded=False):
        """Every numeric expression of ``text`` (the number stage alone, no segmentation):
        a list of ``{"start", "end", "text", "value", "low", "high", "qualifier",
        "unit", "kind", "vague"}``.  ``lang`` is "en" or "es".  ``kinds`` (an
        iterable of kind names: "count", "percent", "money", "year", "date",
        "time", "ordinal", "duration", "phone", "identifier") keeps only those
        kinds; ``bounded=True`` only numbers stated with a bound (a range, "at
        least", "more than", "at most", "less than")."""
        return json.loads(self.numbers_json(text, lang, kinds, bounded))

    def numbers_json(self, text, lang="en", kinds=None, bounded=False):
        """As :meth:`numbers`, but the JSON array as text."""
        lib = self._lib
        b = _bytes(text)
        bits = 0
        for k in kinds or ():
            if k not in NUMBER_KINDS:
                raise ValueError("unknown number kind %r (one of %s)" % (k, ", ".join(NUMBER_KINDS)))
            bits |= 1 << NUMBER_KINDS.index(k)
        out, n, err = ctypes.c_void_p(), ctypes.c_size_t(), _lib.NcError()
        rc = lib.nc_numbers_json_select(self._handle(), b, len(b), _opt(lang), bits, 1 if bounded else 0,
                                        ctypes.byref(out), ctypes.byref(n), ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return _lib.take_string(lib, out, n.value).decode()

    # -- reconcile
    def claimset(self, items=()):
        """A new :class:`ClaimSet` on this context, with ``items`` added (see
        :meth:`ClaimSet.add`)."""
        s = ClaimSet(self)
        try:
            s.update(items)
        except BaseException:
            s.close()
            raise
        return s

    def reconcile(self, claims_or_docs, *, majority=False, table=False):
        """Reconcile claims across documents: the report of ``newsclaims reconcile``.

        ``claims_or_docs`` is an iterable of extract results (dicts, or JSON
        lines as str/bytes), :class:`Document` objects and :class:`ClaimSet`
        partial results (merged with ``nc_claimset_merge``); nested lists are
        flattened.  The report is the same whatever the order or grouping of
        the inputs: reconciling partial results equals reconciling all at once.
        Returns a dict ``{"entities", "groups", ...}``, or the aligned text when
        ``table=True``.  ``majority=True`` uses the majority-vote baseline.
        Raises :class:`NotImplementedInLibraryError` when the library lacks
        the reconcile API.
        """
        with self.claimset(claims_or_docs) as s:
            return s.reconcile(majority=majority, table=table)


def _set_meta(lib, h, meta):
    for name, value in meta.items():
        if value is None:
            continue
        rc = lib.nc_doc_set_meta(h, _META[name], _bytes(value))
        if rc:
            _raise(rc, what="%s %r" % (name, value))


# ---------------------------------------------------------------- document

class Document:
    """One loaded article (from :meth:`Context.load`, :meth:`Context.load_file` or
    :meth:`Context.load_record`): its text, metadata, sentences, and after
    :meth:`extract` its entities, numbers and claims.

    Frees its C object on :meth:`close`, at the end of a ``with`` block, or
    when garbage-collected.  Keeps its context alive.  Calls on one document
    are serialised by a lock (the C API allows one thread at a time).
    """

    def __init__(self, context, handle):
        self.context = context
        self._lib = context._lib
        self._h = handle
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _free_doc, self._lib, handle, context)
        context._adopt(self)

    @property
    def closed(self):
        """True once :meth:`close` has run."""
        return self._h is None

    def close(self):
        """Free the document.  Idempotent."""
        with self._lock:
            self._h = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        if self._h is None:
            return "<newsclaims.Document closed>"
        return "<newsclaims.Document id=%r>" % self.id

    def _handle(self):
        if self._h is None:
            raise ValueError("operation on a closed newsclaims.Document")
        return self._h

    # -- metadata
    def meta(self, name):
        """Metadata field ``name`` ("id", "source", "date", "url", "title", "lang"), or None."""
        with self._lock:
            v = self._lib.nc_doc_meta(self._handle(), _META[name])
        return None if v is None else v.decode()

    def set_meta(self, name, value):
        """Set metadata field ``name`` (see :meth:`meta`) to a str, or None to clear it.
        Call before :meth:`extract`.  Raises :class:`InvalidArgumentError` for a bad date
        or an unsupported language."""
        with self._lock:
            rc = self._lib.nc_doc_set_meta(self._handle(), _META[name], _opt(value))
        if rc:
            _raise(rc, what="%s %r" % (name, value))

    id = property(lambda self: self.meta("id"), doc="The document id.")
    source = property(lambda self: self.meta("source"), doc="The outlet, or None.")
    date = property(lambda self: self.meta("date"),
                    doc="Publication date (ISO 8601, maybe partial), given or inferred, or None.")
    url = property(lambda self: self.meta("url"), doc="Address of the article, or None.")
    title = property(lambda self: self.meta("title"), doc="Headline, or None.")
    lang = property(lambda self: self.meta("lang"), doc='Language, "en" or "es".')

    @property
    def date_inferred(self):
        """Whether the date was inferred from the text (not given in metadata)."""
        with self._lock:
            return bool(self._lib.nc_doc_date_inferred(self._handle()))

    @property
    def text_bytes(self):
        """The text as UTF-8 bytes (BOM removed, repaired if so loaded): offsets index this."""
        n = ctypes.c_size_t()
        with self._lock:
            p = self._lib.nc_doc_text(self._handle(), ctypes.byref(n))
            return ctypes.string_at(p, n.value)

    @property
    def text(self):
        """The text as str."""
        return self.text_bytes.decode("utf-8")

    @property
    def repairs(self):
        """How many invalid UTF-8 sequences were replaced (0 unless loaded with repair)."""
        with self._lock:
            return self._lib.nc_doc_repairs(self._handle())

    @property
    def token_count(self):
        """Number of tokens."""
        with self._lock:
            return self._lib.nc_doc_token_count(self._handle())

    @property
    def sentences(self):
        """The sentences as a list of ``(start, end, furniture)`` (byte offsets, end
        exclusive; ``furniture`` True for page furniture kept out of analysis)."""
        lib = self._lib
        out = []
        s, e = ctypes.c_size_t(), ctypes.c_size_t()
        with self._lock:
            h = self._handle()
            for i in range(lib.nc_doc_sentence_count(h)):
                rc = lib.nc_doc_sentence_span(h, i, ctypes.byref(s), ctypes.byref(e))
                if rc:
                    _raise(rc)
                out.append((s.value, e.value, lib.nc_doc_sentence_is_furniture(h, i) == 1))
        return out

    # -- analysis
    def extract(self):
        """Run the analysis stages (numbers, entities, claims); a second call does nothing.
        Returns the document itself."""
        err = _lib.NcError()
        with self._lock:
            rc = self._lib.nc_doc_extract(self.context._handle(), self._handle(),
                                          ctypes.byref(err))
        if rc:
            _raise(rc, err, where=self.id)
        return self

    def json(self, *, segments=False, numbers=False):
        """The document as one JSON line of the output contract (a str); runs
        :meth:`extract` first if needed.  ``segments``/``numbers`` add the
        ``sentences``/``numbers`` arrays."""
        flags = (_JSON_SEGMENTS if segments else 0) | (_JSON_NUMBERS if numbers else 0)
        with self._lock:
            self._handle()
            return self.context._json_of(self._h, flags).decode()

    def to_dict(self, *, segments=False, numbers=False):
        """The document as a dict of the output contract (see :meth:`Context.extract`)."""
        return json.loads(self.json(segments=segments, numbers=numbers))

    def numbers(self):
        """Every numeric expression of the document (outside page furniture), as dicts."""
        return self.to_dict(numbers=True)["numbers"]


# ---------------------------------------------------------------- claim sets

class ClaimSet:
    """A set of documents' claims to reconcile (``nc_claimset``), a partial result
    that can be merged with others (map/reduce).

    Add extract results with :meth:`add`, other sets with :meth:`merge`, then
    :meth:`reconcile`.  The set also keeps the JSON of each document added, so
    it can be pickled (sent between Dask workers): unpickling rebuilds it on
    the receiving process's :func:`shared_context`.  Requires a library with
    the reconcile API (:func:`has_reconcile`).
    """

    def __init__(self, context):
        lib = context._lib
        _need_reconcile(lib)
        self.context = context
        self._lib = lib
        h = ctypes.c_void_p()
        rc = lib.nc_claimset_new(context._handle(), ctypes.byref(h))
        if rc:
            _raise(rc, what="cannot create claim set")
        self._h = h.value
        self._lines = {}  # JSON of each document added (bytes), in order, without repeats
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _free_set, lib, self._h, context)
        context._adopt(self)

    @property
    def closed(self):
        """True once :meth:`close` has run."""
        return self._h is None

    def close(self):
        """Free the set.  Idempotent."""
        with self._lock:
            self._h = None
            self._lines = {}
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if self._h is None:
            raise ValueError("operation on a closed newsclaims.ClaimSet")
        return self._h

    def __repr__(self):
        if self._h is None:
            return "<newsclaims.ClaimSet closed>"
        return "<newsclaims.ClaimSet docs=%d claims=%d>" % (self.doc_count, self.claim_count)

    def _add_bytes(self, b):
        err = _lib.NcError()
        with self._lock:
            rc = self._lib.nc_claimset_add_json(self._handle(), b, len(b), ctypes.byref(err))
            if rc:
                _raise(rc, err)
            self._lines[b] = None

    def add(self, item):
        """Add one item: an extract result (a dict, or its JSON as str/bytes: a line of
        ``newsclaims extract --format=json``, or claims extracted elsewhere), a
        :class:`Document` (extracted first if needed) or another :class:`ClaimSet`
        (merged).  A document already in the set is ignored.  Raises
        :class:`ParseError` for JSON that is not such an object."""
        if isinstance(item, ClaimSet):
            self.merge(item)
        elif isinstance(item, Document):
            self._add_bytes(item.json().encode())
        elif isinstance(item, dict):
            self._add_bytes(json.dumps(item, ensure_ascii=False).encode())
        elif isinstance(item, (str, bytes, bytearray, memoryview)):
            self._add_bytes(_bytes(item).strip())
        else:
            raise TypeError("cannot add %s to a ClaimSet" % type(item).__name__)

    def update(self, items):
        """Add every item of an iterable (nested lists and tuples are flattened)."""
        if isinstance(items, (ClaimSet, Document, dict, str, bytes)):
            items = [items]
        for it in items:
            if isinstance(it, (list, tuple)) or (hasattr(it, "__next__") and
                                                 not isinstance(it, (str, bytes))):
                self.update(it)
            else:
                self.add(it)

    def merge(self, other):
        """Add every document of ``other`` (a ClaimSet, unchanged) to this set: the
        reduce step (``nc_claimset_merge``)."""
        if other is self:
            raise InvalidArgumentError(2, "cannot merge a claim set into itself")
        with self._lock, other._lock:
            rc = self._lib.nc_claimset_merge(self._handle(), other._handle())
            if rc:
                _raise(rc)
            for b in other._lines:
                self._lines[b] = None

    @property
    def claim_count(self):
        """Number of claims in the set."""
        with self._lock:
            return self._lib.nc_claimset_claim_count(self._handle())

    @property
    def doc_count(self):
        """Number of documents in the set."""
        with self._lock:
            return self._lib.nc_claimset_doc_count(self._handle())

    def __len__(self):
        return self.doc_count

    def documents(self):
        """The JSON (bytes) of each document added, in the order added."""
        with self._lock:
            return list(self._lines)

    def reconcile_json(self, *, majority=False, table=False):
        """The reconcile report as text: one JSON line, or aligned text with ``table=True``."""
        flags = (_RECONCILE_TABLE if table else 0) | (_RECONCILE_MAJORITY if majority else 0)
        out, n, err = ctypes.c_void_p(), ctypes.c_size_t(), _lib.NcError()
        with self._lock:
            rc = self._lib.nc_claimset_reconcile_json(self._handle(), flags, ctypes.byref(out),
                                                      ctypes.byref(n), ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return _lib.take_string(self._lib, out, n.value).decode()

    def reconcile(self, *, majority=False, table=False):
        """The reconcile report (see :meth:`Context.reconcile`): a dict, or text if ``table``."""
        s = self.reconcile_json(majority=majority, table=table)
        return s if table else json.loads(s)

    def __reduce__(self):
        return (_rebuild_claimset, (self.context.flags, self.documents(), self.context.datadir))


def _rebuild_claimset(flags, lines, datadir=None):
    s = ClaimSet(shared_context(flags, datadir))
    for b in lines:
        s._add_bytes(b)
    return s


# ---------------------------------------------------------------- per-process context

_shared = {}
_shared_lock = threading.Lock()


def shared_context(flags=CTX_DEFAULT, datadir=None):
    """The process's shared :class:`Context` for ``flags`` and ``datadir`` (None:
    ``NEWSCLAIMS_DATA_DIR`` or the installed data), created on first use.

    Keyed by process id, so a forked or spawned worker (a Dask worker, a
    multiprocessing pool) creates its own once and reuses it for every task;
    threads of one process share it.  Never close it.
    """
    # None has the same key as the folder it stands for
    key = (os.getpid(), int(flags),
           datadir if datadir is not None else os.environ.get("NEWSCLAIMS_DATA_DIR") or None)
    ctx = _shared.get(key)
    if ctx is None:
        with _shared_lock:
            ctx = _shared.get(key)
            if ctx is None:
                ctx = _shared[key] = Context(flags, datadir=datadir)
    return ctx
