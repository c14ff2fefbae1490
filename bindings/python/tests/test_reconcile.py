"""Reconciliation through the binding: partial results merged equal all at once,
claim sets pickle, errors carry positions.  Skipped (with the reason) while the
loaded library lacks the reconcile API."""
import json
import os
import pickle
import subprocess
import sys
import tempfile
import unittest

import nctest
import newsclaims


class WithoutReconcileTest(unittest.TestCase):
    @unittest.skipIf(nctest.HAS_RECONCILE, "the library has the reconcile API")
    def test_clear_error(self):
        with newsclaims.Context() as ctx:
            with self.assertRaises(newsclaims.NotImplementedInLibraryError) as cm:
                ctx.reconcile([ctx.extract("Five people.")])
            self.assertIn("reconcile", str(cm.exception))
            self.assertRaises(NotImplementedError, ctx.claimset)


@nctest.needs_reconcile
class ReconcileTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = newsclaims.Context()
        cls.docs = [cls.ctx.extract_file(f) for f in nctest.corpus_files()]
        cls.report = cls.ctx.reconcile(cls.docs)

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def test_report_shape(self):
        r = self.report
        self.assertIn("entities", r)
        self.assertIn("groups", r)
        self.assertTrue(r["groups"])
        g = r["groups"][0]
        for k in ("id", "measure", "place", "kind", "claims", "series", "agreements",
                  "conflicts", "consensus"):
            self.assertIn(k, g)

    def test_inputs_of_every_kind(self):
        ctx = self.ctx
        as_json = [json.dumps(d) for d in self.docs]
        self.assertEqual(ctx.reconcile(as_json), self.report)
        self.assertEqual(ctx.reconcile([s.encode() for s in as_json]), self.report)
        self.assertEqual(ctx.reconcile(reversed(self.docs)), self.report)
        docs = [ctx.load_file(f) for f in nctest.corpus_files()]
        self.assertEqual(ctx.reconcile(docs), self.report)
        for d in docs:
            d.close()

    def test_partial_results_merge(self):
        ctx = self.ctx
        a = ctx.claimset(self.docs[:2])
        b = ctx.claimset(self.docs[2:5])
        c = ctx.claimset(self.docs[5:])
        self.assertEqual(a.doc_count + b.doc_count + c.doc_count, len(self.docs))
        self.assertEqual(ctx.reconcile([a, [b, c]]), self.report)
        # merging by hand, and again: a document already in a set is ignored
        a.merge(b)
        a.merge(c)
        a.merge(c)
        self.assertEqual(a.doc_count, len(self.docs))
        self.assertEqual(a.reconcile(), self.report)
        self.assertEqual(a.reconcile(), self.report)  # a second call gives the same
        self.assertIsInstance(a.reconcile(table=True), str)
        self.assertIsInstance(a.reconcile(majority=True), dict)
        self.assertRaises(newsclaims.InvalidArgumentError, a.merge, a)
        for s in (a, b, c):
            s.close()

    def test_pickle(self):
        with self.ctx.claimset(self.docs[:3]) as a, self.ctx.claimset(self.docs[3:]) as b:
            a2, b2 = pickle.loads(pickle.dumps(a)), pickle.loads(pickle.dumps(b))
            self.assertEqual((a2.doc_count, a2.claim_count), (a.doc_count, a.claim_count))
            self.assertEqual(self.ctx.reconcile([a2, b2]), self.report)

    def test_sets_from_another_context(self):
        with newsclaims.Context() as other:
            s = other.claimset(self.docs[:4])
            self.assertEqual(self.ctx.reconcile([s, self.docs[4:]]), self.report)

    def test_claims_from_elsewhere(self):
        doc = {"id": "x1", "source": "Wire", "date": "2026-01-10", "claims": [
            {"id": 1, "value": 806, "low": 806, "high": 806, "measure": "political prisoners",
             "measure_key": "political prisoner", "qualifier": "exact", "unit": None,
             "place": {"name": "Venezuela"}, "time": {"start": "2026-01-05"},
             "source": {"name": "Foro Penal", "type": "ORG", "cue": "reported"}}]}
        r = self.ctx.reconcile([doc])
        self.assertEqual(len(r["groups"]), 1)

    def test_parse_error(self):
        with self.ctx.claimset() as s:
            with self.assertRaises(newsclaims.ParseError) as cm:
                s.add('{"id": "a", "claims": [1,,2]}')
            self.assertEqual(cm.exception.line, 1)
            self.assertIsNotNone(cm.exception.offset)
            self.assertEqual(s.doc_count, 0)
            self.assertRaises(TypeError, s.add, 42)

    def test_name_key(self):
        self.assertEqual(newsclaims.name_key("U.S."), "us")

    def test_cli_reconcile(self):
        """python3 -m newsclaims reconcile reads articles or extract output alike."""
        run = dict(stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        p = subprocess.run([sys.executable, "-m", "newsclaims", "reconcile", "--format=json"] +
                           nctest.corpus_files(), **run)
        self.assertEqual(json.loads(p.stdout), self.report)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            for d in self.docs:
                f.write(json.dumps(d) + "\n")
        try:
            p = subprocess.run([sys.executable, "-m", "newsclaims", "reconcile", "--jsonl",
                                "--format=json", f.name], **run)
        finally:
            os.unlink(f.name)
        self.assertEqual(json.loads(p.stdout), self.report)
        # and like the C tool, once the tool has the command
        if os.access(nctest.CLI, os.X_OK):
            c = subprocess.run([nctest.CLI, "reconcile", "--format=json"] + nctest.corpus_files(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            if c.returncode == 0:
                self.assertEqual(json.loads(c.stdout), self.report)

    def bbc(self):
        lines = nctest.bbc_lines(200)
        docs = [self.ctx.extract_record(l) for l in lines]
        return docs, self.ctx.reconcile(docs)

    def test_bbc_partial_equals_all(self):
        """Partial claim sets of consecutive slices, merged, equal all at once (the Dask reduce)."""
        docs, whole = self.bbc()
        parts = [self.ctx.claimset(docs[i:i + 37]) for i in range(0, len(docs), 37)]
        self.assertTrue(self.ctx.reconcile(parts) == whole)

    def test_bbc_order_independent(self):
        """The header's contract: the report does not depend on the order documents were
        added or merged in."""
        docs, whole = self.bbc()
        self.assertTrue(self.ctx.reconcile(docs[::-1]) == whole, "documents added in reverse")
        parts = [self.ctx.claimset(docs[i:i + 37]) for i in range(0, len(docs), 37)]
        self.assertTrue(self.ctx.reconcile(parts[::-1]) == whole, "partial sets merged in reverse")


if __name__ == "__main__":
    nctest.main()
