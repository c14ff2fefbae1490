"""Scale-out on Dask: a LocalCluster of 2 worker processes on 127.0.0.1 extracts 200
BBC articles and reconciles their claims; the result equals the single-process one.

Needs dask.distributed (Debian: python3-distributed).  When the interpreter
running the test lacks it, the test re-runs itself under /usr/bin/python3 if
that one has it (a pyenv or venv python first on PATH does not see Debian's
packages), else it is skipped (exit status 77 under make check)."""
import os
import subprocess
import sys
import tempfile
import unittest

FALLBACK_PYTHON = "/usr/bin/python3"


def _have_distributed():
    try:
        import dask.distributed  # noqa: F401
        return True
    except ImportError:
        return False


if __name__ == "__main__" and not _have_distributed():
    if os.environ.get("NC_DASK_REEXEC") != "1" and os.path.exists(FALLBACK_PYTHON) and \
            os.path.realpath(sys.executable) != os.path.realpath(FALLBACK_PYTHON) and \
            subprocess.run([FALLBACK_PYTHON, "-c", "import dask.distributed"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
        print("%s has no dask.distributed: running under %s" % (sys.executable, FALLBACK_PYTHON))
        sys.stdout.flush()
        os.environ["NC_DASK_REEXEC"] = "1"
        os.execv(FALLBACK_PYTHON, [FALLBACK_PYTHON] + sys.argv)
    print("SKIP: dask.distributed is not installed (Debian: apt-get install python3-distributed)")
    raise SystemExit(77)

import nctest  # noqa: E402
import newsclaims  # noqa: E402

N_ARTICLES = 200


def _contexts_in_process():
    """Run on each worker: how many shared contexts this process holds."""
    return sorted(k[1:] for k in newsclaims._shared if k[0] == os.getpid())


@unittest.skipUnless(_have_distributed(), "dask.distributed is not installed "
                     "(Debian: apt-get install python3-distributed)")
class DaskTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from dask.distributed import Client, LocalCluster
        import newsclaims.dask  # noqa: F401
        cls.lines = nctest.bbc_lines(N_ARTICLES)
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "bbc200.jsonl")
        with open(cls.path, "w", encoding="utf-8") as f:
            f.write("\n".join(cls.lines) + "\n")
        # the single-process result
        with newsclaims.Context() as ctx:
            cls.want_docs = [ctx.extract_record(l) for l in cls.lines]
            cls.want_report = ctx.reconcile(cls.want_docs) if nctest.HAS_RECONCILE else None
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        cls.tmp.cleanup()

    def test_extract_from_path(self):
        from newsclaims.dask import extract_and_reconcile
        r = extract_and_reconcile(self.path, npartitions=6, reconcile=False)
        self.assertGreaterEqual(r.npartitions, 4)
        self.assertIsNone(r.report)
        self.assertEqual(len(r.documents), N_ARTICLES)
        self.assertTrue(r.documents == self.want_docs)
        # one Context per worker process, created once and reused
        per_worker = self.client.run(_contexts_in_process)
        self.assertEqual(len(per_worker), 2)
        one = [(0, os.environ.get("NEWSCLAIMS_DATA_DIR"))]
        for w, ctxs in per_worker.items():
            self.assertIn(ctxs, ([], one), w)  # at most one (none if it got no task)
        self.assertIn(one, list(per_worker.values()))

    def test_json_equals_cli(self):
        """With as_json=True the documents are, byte for byte, the lines of the C tool."""
        import subprocess
        from newsclaims.dask import extract_and_reconcile
        cli = nctest.need_cli()
        want = subprocess.run([cli, "extract", "--jsonl", "--format=json", self.path],
                              stdout=subprocess.PIPE, check=True).stdout.decode()
        r = extract_and_reconcile(self.path, npartitions=3, reconcile=False, as_json=True)
        self.assertEqual("".join(d + "\n" for d in r.documents), want)

    def test_extract_from_bag(self):
        import dask.bag as db
        from newsclaims.dask import extract_bag
        bag = db.from_sequence(self.lines, npartitions=5)
        got = extract_bag(bag).compute()
        self.assertTrue(got == self.want_docs)

    @nctest.needs_reconcile
    def test_extract_and_reconcile(self):
        from newsclaims.dask import extract_and_reconcile
        r = extract_and_reconcile(self.path, npartitions=6, split_every=2)
        self.assertTrue(r.documents == self.want_docs)
        self.assertTrue(r.report == self.want_report,
                        "the report of merged partial claim sets differs from all at once")

    @nctest.needs_reconcile
    def test_reconcile_only(self):
        import dask.bag as db
        from newsclaims.dask import extract_and_reconcile
        r = extract_and_reconcile(db.from_sequence(self.lines, npartitions=8), documents=False)
        self.assertIsNone(r.documents)
        self.assertTrue(r.report == self.want_report)

    def test_bad_record(self):
        import dask.bag as db
        from newsclaims.dask import extract_bag
        bag = db.from_sequence(['{"id": "ok", "text": "Five people."}', '{"id": "bad", "text": 3}'],
                               npartitions=1)
        with self.assertRaises(newsclaims.ParseError):
            extract_bag(bag).compute()
        self.assertEqual([d["id"] for d in extract_bag(bag, on_error="skip").compute()], ["ok"])


if __name__ == "__main__":
    nctest.main()
