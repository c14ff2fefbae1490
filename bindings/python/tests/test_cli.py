"""``python3 -m newsclaims`` behaves like the C tool: same standard output (byte for
byte), same standard error and same exit status, for each command and format."""
import os
import subprocess
import sys
import tempfile
import unittest

import nctest


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cli = nctest.need_cli()
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        cls.files = nctest.corpus_files()
        with open(os.path.join(d, "bad.jsonl"), "w") as f:
            f.write('{"id":"a","text":"ok 5 people"}\n{"id":"b","text":3}\nnot json\n\n'
                    '{"id":"c","text":"bad \\udc00 x"}\n')
        with open(os.path.join(d, "lines.txt"), "wb") as f:
            f.write(b"five people\n\xff bad\n20 per cent\nentre 800 y 1.200 presos\n")
        with open(os.path.join(d, "latin1.txt"), "wb") as f:
            f.write(b"caf\xe9 au lait, 5 cups\n")
        cls.d = d

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def same(self, *args, stdin=None):
        run = dict(input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        c = subprocess.run([self.cli] + list(args), **run)
        p = subprocess.run([sys.executable, "-m", "newsclaims"] + list(args), **run)
        self.assertEqual(p.stdout, c.stdout, args)
        self.assertEqual(p.stderr.decode(), c.stderr.decode(), args)
        self.assertEqual(p.returncode, c.returncode, args)
        return c

    def test_extract_json(self):
        self.same("extract", "--format=json", *self.files)

    def test_extract_table(self):
        self.same("extract", "--format=table", *self.files)
        self.same("extract", "--format=table", "--lang=es", self.files[-1])

    def test_segment(self):
        self.same("segment", "--format=json", *self.files)
        self.same("segment", "--format=table", *self.files)

    def test_numbers(self):
        self.same("numbers", "--format=json", *self.files)
        self.same("numbers", "--lines", "--format=json", os.path.join(self.d, "lines.txt"))
        self.same("numbers", "--lines", "--format=table", "--lang=es",
                  os.path.join(self.d, "lines.txt"))

    def test_jsonl(self):
        lines = nctest.bbc_lines(30)
        data = ("\n".join(lines) + "\n").encode()
        self.same("extract", "--jsonl", "--format=json", stdin=data)
        self.same("extract", "--jsonl", "--format=table", "-", stdin=data)
        self.same("extract", "--jsonl", "--format=json", "--text-field=title", "-", stdin=data)

    def test_stdin_text(self):
        with open(self.files[0], "rb") as f:
            self.same("extract", "--format=json", stdin=f.read())

    def test_errors(self):
        bad = os.path.join(self.d, "bad.jsonl")
        self.assertEqual(self.same("extract", "--jsonl", "--format=json", bad).returncode, 1)
        latin = os.path.join(self.d, "latin1.txt")
        self.assertEqual(self.same("extract", "--format=json", latin).returncode, 1)
        self.same("extract", "--format=json", "--repair", latin)
        self.same("extract", "--format=json", os.path.join(self.d, "missing.txt"))
        self.same("extract", "--jsonl", os.path.join(self.d, "missing.jsonl"))
        invalid = os.path.join(nctest.SRC_ROOT, "tests", "cases", "invalid")
        if os.path.isdir(invalid):
            inputs = sorted(os.path.join(invalid, c, "input") for c in os.listdir(invalid)
                            if os.path.exists(os.path.join(invalid, c, "input")))
            self.same("extract", "--format=json", *inputs)

    def test_usage(self):
        for args in (["bogus"], ["extract", "--bad"], ["extract", "--lines"], [],
                     ["extract", "--text-field="], ["--version"]):
            self.same(*args)

    def test_help(self):
        c = subprocess.run([sys.executable, "-m", "newsclaims", "--help"], stdout=subprocess.PIPE,
                           check=True)
        self.assertIn(b"Usage: newsclaims COMMAND", c.stdout)

    def test_options(self):
        self.same("extract", "--format=json", "--no-model", *self.files)
        self.same("extract", "--format=json", "--data-dir=" + self.d, self.files[0])
        self.same("extract", "--format=json", "--data-dir=", self.files[0])

    @nctest.needs_reconcile
    def test_reconcile(self):
        self.same("reconcile", "--format=json", *self.files)
        self.same("reconcile", "--format=table", *self.files)
        self.same("reconcile", "--format=json", "--majority", *self.files)
        c = subprocess.run([self.cli, "extract", "--format=json"] + self.files,
                           stdout=subprocess.PIPE, check=True)
        path = os.path.join(self.d, "extracted.jsonl")
        with open(path, "wb") as f:
            f.write(c.stdout)
        self.same("reconcile", "--jsonl", "--format=json", path)
        lines = nctest.bbc_lines(40)
        self.same("reconcile", "--jsonl", "--format=json", stdin=("\n".join(lines) + "\n").encode())
        self.same("reconcile", "--jsonl", "--format=json", os.path.join(self.d, "bad.jsonl"))

    def test_reconcile_unavailable(self):
        if nctest.HAS_RECONCILE:
            self.skipTest("the library has reconcile: see test_reconcile.py")
        self.same("reconcile", *self.files)


if __name__ == "__main__":
    nctest.main()
