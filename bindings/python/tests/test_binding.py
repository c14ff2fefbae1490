"""The Python binding: contexts, documents, errors, ownership, and equality with
``newsclaims extract --format=json``."""
import gc
import json
import os
import subprocess
import tempfile
import unittest
import weakref

import nctest
import newsclaims


class ContextTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = newsclaims.Context()

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def test_versions(self):
        self.assertRegex(newsclaims.version(), r"^\d+\.\d+\.\d+$")
        self.assertTrue(newsclaims.data_version())
        self.assertTrue(newsclaims.library_path())

    def test_extract_shape(self):
        text = "Foro Penal reported 806 political prisoners on January 5, 2026. They agreed."
        d = self.ctx.extract(text, id="a1", date="2026-01-09", source="Wire", title="T")
        self.assertEqual(list(d)[:9], ["id", "source", "date", "date_inferred", "lang", "title",
                                       "url", "entities", "claims"])
        self.assertEqual((d["id"], d["source"], d["date"], d["date_inferred"], d["title"]),
                         ("a1", "Wire", "2026-01-09", False, "T"))
        self.assertIsInstance(d["claims"], list)
        c = [c for c in d["claims"] if c["value"] == 806]
        self.assertEqual(len(c), 1)
        b = text.encode()
        self.assertEqual(b[c[0]["start"]:c[0]["end"]].decode(), c[0]["text"])
        self.assertEqual(self.ctx.extract(text.encode(), id="a1", date="2026-01-09", source="Wire",
                                          title="T"), d)
        self.assertEqual(json.loads(self.ctx.extract_json(text, id="a1", date="2026-01-09",
                                                          source="Wire", title="T")), d)

    def test_extract_defaults(self):
        d = self.ctx.extract("Nothing to see.")
        self.assertEqual((d["id"], d["source"], d["date"], d["date_inferred"], d["lang"]),
                         ("doc", None, None, False, "en"))
        self.assertEqual(d["claims"], [])

    def test_segments_and_numbers(self):
        d = self.ctx.extract("Five people came. Then 20 more.", segments=True, numbers=True)
        self.assertEqual(len(d["sentences"]), 2)
        self.assertEqual([n["value"] for n in d["numbers"]], [5, 20])

    def test_numbers(self):
        nums = self.ctx.numbers("around 49 to 73 and five, 3.5% and $2bn")
        self.assertEqual([n["kind"] for n in nums], ["count", "count", "percent", "money"])
        self.assertEqual((nums[0]["low"], nums[0]["high"], nums[0]["qualifier"]), (49, 73, "range"))
        self.assertEqual(nums[3]["unit"], "USD")
        es = self.ctx.numbers("ochocientos seis presos", lang="es")
        self.assertEqual(es[0]["value"], 806)
        self.assertEqual(self.ctx.numbers(""), [])
        self.assertEqual(json.loads(self.ctx.numbers_json("five")), self.ctx.numbers("five"))
        sel = self.ctx.numbers("more than 5 paid $20 in 2004", kinds=["money", "year"])
        self.assertEqual([n["text"] for n in sel], ["$20", "2004"])
        self.assertEqual([n["text"] for n in self.ctx.numbers("more than 5 paid $20", bounded=True)],
                         ["more than 5"])
        with self.assertRaises(ValueError):
            self.ctx.numbers("5", kinds=["cars"])

    def test_document(self):
        with self.ctx.load("Caf\u00e9 owners met on January 13, 2026. They agreed.", id="d",
                           source="S") as doc:
            self.assertEqual((doc.id, doc.source, doc.date, doc.date_inferred, doc.lang),
                             ("d", "S", "2026-01-13", True, "en"))
            self.assertEqual(doc.text, "Caf\u00e9 owners met on January 13, 2026. They agreed.")
            s = doc.sentences
            self.assertEqual(len(s), 2)
            self.assertEqual(doc.text_bytes[s[1][0]:s[1][1]], b"They agreed.")
            self.assertFalse(s[0][2])
            self.assertGreater(doc.token_count, 8)
            self.assertIs(doc.extract(), doc)
            self.assertEqual(doc.to_dict(), json.loads(doc.json()))
            self.assertEqual(doc.to_dict()["id"], "d")
            doc.set_meta("date", "2026-02")
            self.assertEqual((doc.date, doc.date_inferred), ("2026-02", False))
            doc.set_meta("date", None)
            self.assertEqual(doc.date, "2026-01-13")
            self.assertIsInstance(doc.numbers(), list)
            self.assertIn("id='d'", repr(doc))
        self.assertTrue(doc.closed)
        self.assertRaises(ValueError, doc.json)
        doc.close()  # idempotent

    def test_load_record(self):
        rec = {"id": "r", "text": "Hello. 5 people.", "source": "Wire", "extra": 1}
        with self.ctx.load_record(rec) as d1, self.ctx.load_record(json.dumps(rec)) as d2:
            self.assertEqual((d1.id, d1.source), ("r", "Wire"))
            self.assertEqual(d1.to_dict(), d2.to_dict())
        d = self.ctx.extract_record({"id": "x", "body": "Ten."}, text_field="body")
        self.assertEqual(d["id"], "x")

    def test_repair(self):
        d = self.ctx.load(b"bad \xff byte", repair=True)
        self.assertEqual(d.repairs, 1)
        self.assertEqual(d.text, "bad \ufffd byte")
        d.close()


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.ctx = newsclaims.Context()

    def tearDown(self):
        self.ctx.close()

    def test_encoding_error_position(self):
        with self.assertRaises(newsclaims.EncodingError) as cm:
            self.ctx.extract(b"line one\nbad \xff byte")
        e = cm.exception
        self.assertIsInstance(e, newsclaims.Error)
        self.assertIsInstance(e, ValueError)
        self.assertEqual((e.code, e.status), (4, "NC_EUTF8"))
        self.assertEqual((e.offset, e.line, e.column), (13, 2, 5))
        self.assertIn("invalid UTF-8", e.message)
        self.assertIn("byte 13", str(e))

    def test_lone_surrogate_in_str(self):
        with self.assertRaises(newsclaims.EncodingError) as cm:
            self.ctx.extract("ab\udc80")
        self.assertEqual(cm.exception.offset, 2)

    def test_parse_error(self):
        with self.assertRaises(newsclaims.ParseError) as cm:
            self.ctx.extract_record('{"id": "a", "text": 3}')
        self.assertEqual(cm.exception.code, 5)
        with self.assertRaises(newsclaims.ParseError) as cm:
            self.ctx.load_record('{"id": "a",, "text": "x"}')
        self.assertEqual(cm.exception.line, 1)
        self.assertIsNotNone(cm.exception.column)

    def test_file_error(self):
        with self.assertRaises(newsclaims.FileError) as cm:
            self.ctx.load_file("/nonexistent/file.txt")
        self.assertEqual(cm.exception.where, "/nonexistent/file.txt")

    def test_invalid_argument(self):
        self.assertRaises(newsclaims.InvalidArgumentError, self.ctx.extract, "x", date="nodate")
        self.assertRaises(newsclaims.InvalidArgumentError, self.ctx.extract, "x", lang="fr")
        self.assertRaises(newsclaims.InvalidArgumentError, self.ctx.numbers, "x", lang="fr")
        self.assertRaises(newsclaims.InvalidArgumentError, newsclaims.Context, 1 << 20)
        self.assertRaises(TypeError, self.ctx.extract, 42)

    def test_errors_pickle(self):
        import pickle
        try:
            self.ctx.extract(b"\xff")
        except newsclaims.Error as e:
            e2 = pickle.loads(pickle.dumps(e))
            self.assertIs(type(e2), newsclaims.EncodingError)
            self.assertEqual((e2.offset, e2.message), (e.offset, e.message))

    def test_closed_context(self):
        ctx = newsclaims.Context()
        doc = ctx.load("One. Two.")
        ctx.close()
        self.assertTrue(doc.closed)  # closing a context closes its documents first
        self.assertRaises(ValueError, ctx.extract, "x")
        ctx.close()


class OwnershipTest(unittest.TestCase):
    def test_document_freed_when_collected(self):
        ctx = newsclaims.Context()
        doc = ctx.load("Some text with 5 numbers.")
        fin = doc._finalizer
        ref = weakref.ref(doc)
        del doc
        gc.collect()
        self.assertIsNone(ref())
        self.assertFalse(fin.alive)
        ctx.close()

    def test_context_kept_alive_by_documents(self):
        doc = newsclaims.Context().load("Some text.")
        gc.collect()
        self.assertFalse(doc.context.closed)
        self.assertEqual(doc.to_dict()["id"], "doc")

    def test_no_leak(self):
        """Loading and dropping many documents does not grow the process."""
        def rss_kb():
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
            return 0
        if not os.path.exists("/proc/self/status"):
            self.skipTest("no /proc")
        ctx = newsclaims.Context()
        text = ("The flood displaced 4,000 people on January 13, 2026, officials said. " * 100)
        for _ in range(100):  # warm up allocators
            ctx.load(text).extract()
        before = rss_kb()
        for _ in range(1000):
            d = ctx.load(text)
            d.extract()
            del d
            ctx.extract(text)
        gc.collect()
        grown = rss_kb() - before
        ctx.close()
        # 1,000 unfreed documents of 7 KB grow it by about 85 MB.
        self.assertLess(grown, 8000, "RSS grew by %d kB" % grown)


class CliEqualityTest(unittest.TestCase):
    """ctx.extract* equals the C tool's JSON output, document for document."""

    @classmethod
    def setUpClass(cls):
        cls.ctx = newsclaims.Context()

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def run_cli(self, *args, stdin=None):
        p = subprocess.run([nctest.need_cli()] + list(args), input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, check=False)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        return [json.loads(l) for l in p.stdout.decode().splitlines()]

    def test_files(self):
        files = nctest.corpus_files()
        want = self.run_cli("extract", "--format=json", *files)
        got = [self.ctx.extract_file(f) for f in files]
        self.assertEqual(len(got), len(files))
        for g, w in zip(got, want):
            self.assertEqual(g, w, g["id"])

    def test_extract_with_metadata(self):
        """ctx.extract(text, id=, date=, source=) equals the tool on the same JSON record."""
        recs = []
        for i, f in enumerate(nctest.corpus_files()):
            with open(f, encoding="utf-8") as fh:
                recs.append({"id": "r%d" % i, "text": fh.read(), "source": "Outlet %d" % (i % 3),
                             "date": "2026-03-%02d" % (i + 1), "title": "Title %d" % i})
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
            for r in recs:
                tmp.write(json.dumps(r) + "\n")
        try:
            want = self.run_cli("extract", "--jsonl", "--format=json", tmp.name)
        finally:
            os.unlink(tmp.name)
        for r, w in zip(recs, want):
            self.assertEqual(self.ctx.extract(r["text"], id=r["id"], date=r["date"],
                                              source=r["source"], title=r["title"]), w)
            self.assertEqual(self.ctx.extract_record(r), w)

    def test_bbc_records(self):
        lines = nctest.bbc_lines(100)
        want = self.run_cli("extract", "--jsonl", "--format=json", "-",
                            stdin=("\n".join(lines) + "\n").encode())
        got = [self.ctx.extract_record(l) for l in lines]
        self.assertEqual(got, want)
        # and through the dict API: the text and metadata as arguments
        for l, w in zip(lines[:20], want):
            r = json.loads(l)
            self.assertEqual(self.ctx.extract(r["text"], id=r["id"], title=r.get("title")), w)


if __name__ == "__main__":
    nctest.main()
