"""Shared set-up of the binding's tests (not a test itself).

- The package is imported from this source tree (``bindings/python``).
- The library: ``NEWSCLAIMS_LIBRARY`` if set, else ``$top_builddir/.libs/``
  (as under ``make check``), else the build tree two levels up; the path is
  made absolute and exported, so Dask worker processes find the same one.
- The C tool: ``NEWSCLAIMS_CLI``, else ``$top_builddir/newsclaims``, else
  ``newsclaims`` in the build tree two levels up (may be missing: the tests
  that need it skip).
- ``NC_SHARED`` (or ``../shared`` beside the project): the BBC bench corpus.
"""
import os
import sys
import unittest

# A sanitizer-built library can't be loaded into an uninstrumented python
# (ASan must come first in the process): skip before anything loads it.
if os.environ.get("NC_SANITIZER_BUILD") == "1":
    print("SKIP: a sanitizer-built library can't be loaded into an uninstrumented python")
    raise SystemExit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)                      # bindings/python
SRC_ROOT = os.path.dirname(os.path.dirname(PKG_ROOT))  # the project
BUILD = os.path.abspath(os.environ.get("top_builddir") or SRC_ROOT)

if PKG_ROOT not in sys.path:
    sys.path.insert(0, PKG_ROOT)
_pp = os.environ.get("PYTHONPATH", "")
if PKG_ROOT not in _pp.split(os.pathsep):
    os.environ["PYTHONPATH"] = PKG_ROOT + (os.pathsep + _pp if _pp else "")

if not os.environ.get("NEWSCLAIMS_LIBRARY"):
    os.environ["NEWSCLAIMS_LIBRARY"] = os.path.join(BUILD, ".libs", "libnewsclaims.so")
else:
    os.environ["NEWSCLAIMS_LIBRARY"] = os.path.abspath(os.environ["NEWSCLAIMS_LIBRARY"])

# The C tool run from the build tree reads the source tree's data/ (optional
# data files); the binding reads NEWSCLAIMS_DATA_DIR: point both at the same.
if not os.environ.get("NEWSCLAIMS_DATA_DIR") and os.path.isdir(os.path.join(SRC_ROOT, "data")):
    os.environ["NEWSCLAIMS_DATA_DIR"] = os.path.join(SRC_ROOT, "data")

CLI = os.path.abspath(os.environ.get("NEWSCLAIMS_CLI") or os.path.join(BUILD, "newsclaims"))

SHARED = os.path.abspath(os.environ.get("NC_SHARED") or os.path.join(SRC_ROOT, "..", "shared"))
BBC = os.path.join(SHARED, "bench", "bbc_news.jsonl")
CORPUS = os.path.join(SRC_ROOT, "examples", "corpus")

import newsclaims  # noqa: E402  (after the path set-up above)


def corpus_files():
    """The bundled example articles (examples/corpus/*.txt), sorted."""
    return sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS) if f.endswith(".txt"))


def bbc_lines(n):
    """The first n records of the BBC bench corpus (str, without newline), or skip."""
    if not os.path.exists(BBC):
        raise unittest.SkipTest("%s not found (set NC_SHARED)" % BBC)
    out = []
    with open(BBC, encoding="utf-8") as f:
        for line in f:
            out.append(line.rstrip("\n"))
            if len(out) == n:
                break
    return out


def need_cli():
    """Skip unless the C tool is there."""
    if not os.access(CLI, os.X_OK):
        raise unittest.SkipTest("the newsclaims tool not found at %s (set NEWSCLAIMS_CLI)" % CLI)
    return CLI


HAS_RECONCILE = newsclaims.has_reconcile()
#: Decorator for the tests that need the reconcile API.
needs_reconcile = unittest.skipUnless(
    HAS_RECONCILE, "the loaded libnewsclaims (%s) does not export nc_claimset_reconcile_json yet "
    "(lib/reconcile.c not built in): reconcile tests skipped" % newsclaims.library_path())


def main():
    """Run the calling test module like automake expects (77 = skipped)."""
    if os.environ.get("NC_SANITIZER_BUILD") == "1":
        print("SKIP: a sanitizer-built library can't be loaded into an uninstrumented python")
        raise SystemExit(77)
    unittest.main(module="__main__", verbosity=2)
