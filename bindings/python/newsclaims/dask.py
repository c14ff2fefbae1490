"""Scale-out on Dask: extract over partitions of documents on the workers, reconcile
by merging partial claim sets (map/reduce).

Needs ``dask`` (and ``distributed`` for a cluster; Debian: ``python3-dask``,
``python3-distributed``); the rest of :mod:`newsclaims` does not.

>>> from dask.distributed import Client, LocalCluster
>>> from newsclaims.dask import extract_and_reconcile
>>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
...     result = extract_and_reconcile("articles.jsonl", npartitions=8)
>>> len(result.documents), len(result.report["groups"])

Each worker process creates one :class:`newsclaims.Context` on its first task
(:func:`newsclaims.shared_context`, cached per process) and reuses it for
every partition; its threads share it.  Documents are read as JSON Lines
records (``{"id", "text", "source", "date", "url", "title", "lang"}``) exactly
as ``newsclaims extract --jsonl`` reads them, so the documents equal the
tool's output line for line, and the report equals reconciling all documents
in one process: the partial claim sets of the partitions are merged
(``nc_claimset_merge``) in a tree, and reconciliation does not depend on the
order or grouping of its inputs.
"""

import collections
import functools
import json
import logging
import os

import dask
import dask.bag as db

import newsclaims

__all__ = ["read_records", "extract_partition", "extract_bag", "reconcile_bag",
           "extract_and_reconcile", "Result"]

log = logging.getLogger("newsclaims.dask")

#: What :func:`extract_and_reconcile` returns: ``documents`` (the extract dicts in
#: input order, or None), ``report`` (the reconcile dict, or None) and
#: ``npartitions``.
Result = collections.namedtuple("Result", "documents report npartitions")


def read_records(source, *, blocksize=None, npartitions=None):
    """A ``dask.bag`` of JSON Lines records (str, one per article) from ``source``.

    ``source`` is a path, a glob or a list of paths (anything
    ``dask.bag.read_text`` reads, such as ``s3://...`` with fsspec), or a bag
    (returned as it is; its items may be JSON lines or dicts).
    ``npartitions`` splits a single local file into about that many blocks
    (by bytes, on line ends); else ``blocksize`` (bytes or "64MiB") is passed
    to ``read_text`` (None: one partition per file).  Blank lines are dropped.
    """
    if isinstance(source, db.Bag):
        return source
    if npartitions and blocksize is None and isinstance(source, (str, os.PathLike)) \
            and os.path.isfile(source):
        size = os.path.getsize(source)
        blocksize = max(1, -(-size // int(npartitions)))
    bag = db.read_text(os.fspath(source) if isinstance(source, os.PathLike) else source,
                       blocksize=blocksize)
    return bag.map_partitions(_clean_lines)


def _clean_lines(lines):
    out = []
    for i, line in enumerate(lines):
        line = line.rstrip("\r\n")
        if i == 0 and line.startswith("\ufeff"):
            line = line[1:]
        if line.strip(" \t"):
            out.append(line)
    return out


def extract_partition(records, *, text_field=None, repair=False, flags=0, on_error="raise",
                      as_json=False, datadir=None):
    """Extract every record of one partition with the process's shared context.

    ``records`` are JSON Lines records (str/bytes) or dicts.  Returns a list
    of extract dicts (or JSON strings with ``as_json=True``), in order.
    ``on_error="raise"`` raises the :class:`newsclaims.Error` of the first bad
    record; ``"skip"`` logs it (logger ``newsclaims.dask``) and leaves the
    record out.  ``flags`` and ``datadir`` choose the worker's shared context
    (:func:`newsclaims.shared_context`; datadir None: the worker's
    ``NEWSCLAIMS_DATA_DIR`` or installed data).  Runs on a worker; usable on
    its own in ``map_partitions``.
    """
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    ctx = newsclaims.shared_context(flags, datadir)
    out = []
    for rec in records:
        try:
            js = ctx.extract_record_json(rec, text_field=text_field, repair=repair)
        except newsclaims.Error as e:
            if on_error == "raise":
                raise
            log.warning("record skipped: %s", e)
            continue
        out.append(js if as_json else json.loads(js))
    return out


def extract_bag(source, *, text_field=None, repair=False, flags=0, on_error="raise",
                as_json=False, blocksize=None, npartitions=None, datadir=None):
    """A lazy ``dask.bag`` of extract dicts (one per record, in input order).

    ``source`` as :func:`read_records`; the other arguments as
    :func:`extract_partition`.
    """
    return read_records(source, blocksize=blocksize, npartitions=npartitions).map_partitions(
        extract_partition, text_field=text_field, repair=repair, flags=flags,
        on_error=on_error, as_json=as_json, datadir=datadir)


def _claimset_of(items, flags, datadir=None):
    s = newsclaims.shared_context(flags, datadir).claimset()
    for it in items:
        s.add(it)
    return s


def _merge(sets, flags=0, datadir=None):
    # A new set: the inputs stay unchanged, so a retried task sees the same inputs.
    dst = newsclaims.shared_context(flags, datadir).claimset()
    for s in sets:
        if s is not None:
            dst.merge(s)
    return dst


def _report(claimset, flags, majority, as_json, datadir=None):
    if claimset is None:
        claimset = newsclaims.shared_context(flags, datadir).claimset()
    # not closed here: freed when collected (a retried task must find its input intact)
    return claimset.reconcile_json(majority=majority) if as_json else \
        claimset.reconcile(majority=majority)


def reconcile_bag(extracts, *, flags=0, majority=False, split_every=None, as_json=False,
                  datadir=None):
    """A lazy ``dask.bag.Item``: the reconcile report (dict) of a bag of extract results.

    ``extracts`` holds extract dicts or their JSON strings (from
    :func:`extract_bag`, or claims extracted elsewhere).  Each partition
    becomes a :class:`newsclaims.ClaimSet` on its worker; the sets are merged
    in a tree of fan-in ``split_every`` (pickled between workers as their
    documents' JSON) and the union is reconciled.  The report equals
    ``Context().reconcile(all extract results)``.  ``as_json=True`` gives
    the report's JSON text instead of a dict (cheaper to send to the client).
    """
    merged = extracts.reduction(functools.partial(_claimset_of, flags=flags, datadir=datadir),
                                functools.partial(_merge, flags=flags, datadir=datadir),
                                split_every=split_every, name="newsclaims-claimset")
    return merged.apply(functools.partial(_report, flags=flags, majority=majority,
                                          as_json=as_json, datadir=datadir))


def extract_and_reconcile(source, *, text_field=None, repair=False, flags=0, on_error="raise",
                          blocksize=None, npartitions=None, reconcile=True, documents=True,
                          majority=False, split_every=None, as_json=False, datadir=None,
                          **compute_kwargs):
    """Extract every article of ``source`` on the Dask workers and reconcile the claims.

    ``source`` is a JSON Lines path/glob/list (see :func:`read_records`) or
    a bag of records.  Runs on the current Dask scheduler: a
    ``distributed.Client`` if one is active, else dask's default (or pass
    ``scheduler=...``, as to ``dask.compute``).  One call computes the
    extraction once and feeds it to both outputs.

    Returns :data:`Result` ``(documents, report, npartitions)``: the extract
    dicts in input order (None with ``documents=False``, for corpora too big
    to bring back), and the reconcile report dict (None with
    ``reconcile=False``).  With ``as_json=True`` both are JSON text instead:
    the documents byte for byte the lines of the tool, the report as
    ``newsclaims reconcile --format=json`` prints it.  ``flags`` and
    ``datadir`` choose the workers' contexts (datadir None: each worker's
    ``NEWSCLAIMS_DATA_DIR``, else the installed data files).
    The documents equal ``newsclaims extract --jsonl --format=json`` line for
    line; the report equals reconciling all of them in one process.
    """
    if reconcile:
        try:
            ok = newsclaims.has_reconcile()
        except OSError:  # no library on the client: the workers will tell
            ok = True
        if not ok:
            raise newsclaims.NotImplementedInLibraryError(
                7, "the loaded libnewsclaims has no reconcile API (nc_claimset_*)")
    js = extract_bag(source, text_field=text_field, repair=repair, flags=flags,
                     on_error=on_error, as_json=True, blocksize=blocksize,
                     npartitions=npartitions, datadir=datadir)
    # Results travel as JSON text and are parsed here: pickling the dicts
    # across processes costs more than json.loads.
    wanted = []
    if documents:
        wanted.append(js)
    if reconcile:
        wanted.append(reconcile_bag(js, flags=flags, majority=majority, split_every=split_every,
                                    as_json=True, datadir=datadir))
    got = list(dask.compute(*wanted, **compute_kwargs)) if wanted else []
    docs = got.pop(0) if documents else None
    report = got.pop(0) if reconcile else None
    if not as_json:
        docs = None if docs is None else [json.loads(d) for d in docs]
        report = None if report is None else json.loads(report)
    return Result(docs, report, js.npartitions)
