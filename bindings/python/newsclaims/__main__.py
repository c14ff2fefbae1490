"""``python3 -m newsclaims``: the ``newsclaims`` command-line tool over the binding.

Same commands, options, output (byte for byte in JSON), error messages and
exit statuses as the C tool ``newsclaims`` (``src/newsclaims.c``)::

    python3 -m newsclaims segment|extract|reconcile|numbers [--format=json|table] [--jsonl]
            [--text-field=NAME] [--repair] [--lines] [--lang=en|es] [--data-dir=DIR]
            [--majority] [--no-model] [FILE...]

The data folder defaults to ``NEWSCLAIMS_DATA_DIR``, else the installed one
(the C tool run from its build tree uses the source tree's ``data/``).
"""

import json
import os
import sys

import newsclaims
from newsclaims import _lib

USAGE = """\
Usage: newsclaims COMMAND [OPTIONS] [FILE...]

Read news articles and print their entities and numeric claims.

Commands:
  segment     sentences and tokens of each document (furniture flagged)
  extract     entities and claims of each document (the JSON contract)
  reconcile   claims grouped by quantity across documents and sources: series,
              agreements, conflicts, consensus (reads articles or extract output)
  numbers     every numeric expression, valued and classified

FILE is a text file (one article), '-' for standard input, or with --jsonl
a JSON Lines file (one article per line). With no FILE, standard input.

Options:
  --format=json|table  output format (default: table on a terminal, else json)
  --jsonl              inputs are JSON Lines records: {"id", "text", "source",
                       "date", "url", "title", "lang"}; other fields ignored
  --text-field=NAME    field of a JSON Lines record that holds the text (default: text)
  --repair             replace invalid UTF-8 by U+FFFD instead of failing
  --lines              (numbers) each line of the input is a text of its own;
                       prints {"line": N, "numbers": [...]} per line
  --lang=en|es         language of the input (default: detected; en for --lines)
  --data-dir=DIR       folder of the optional data files (default: NEWSCLAIMS_DATA_DIR,
                       else the installed ones)
  --majority           (reconcile) consensus by majority vote instead of truth discovery
  --no-model           names by capitalisation rules, without the NER model (a baseline)
  -h, --help           this help
  -V, --version        library and data versions

Exit status: 0 if every input was processed, 1 if any failed (the others are
still printed), 2 on a usage error.
"""

SEGMENT, EXTRACT, RECONCILE, NUMBERS = range(4)
COMMANDS = {"segment": SEGMENT, "extract": EXTRACT, "reconcile": RECONCILE, "numbers": NUMBERS}


def _strerror(code):
    return _lib.load().nc_strerror(code).decode()


class Tool:
    """State of one run of the tool (options, context, output stream, failure flag)."""

    def __init__(self, cmd, fmt_table, jsonl, lines, repair, text_field, lang):
        self.cmd, self.table, self.jsonl, self.lines = cmd, fmt_table, jsonl, lines
        self.repair, self.text_field, self.lang = repair, text_field, lang
        self.out = sys.stdout.buffer
        self.ctx = None
        self.failed = False
        self.claimset = None

    # -- errors, as report() in src/newsclaims.c
    def report(self, name, recline, e):
        """Print error e to standard error as the C tool does (FILE[:LINE[:COL]]: message)."""
        s = "newsclaims: %s" % name
        if recline > 0:
            s += ":%d" % recline
            if e.code == 5 and (e.column or 0) > 0:
                s += ":%d" % e.column
            s += ": %s" % e.message
            if e.code == 4 and e.offset is not None:
                s += " (text byte %d, line %d, column %d)" % (e.offset, e.line or 0, e.column or 0)
        else:
            if (e.line or 0) > 0:
                s += ":%d:%d" % (e.line, e.column or 0)
            s += ": %s" % e.message
            if e.offset is not None:
                s += " (byte %d)" % e.offset
        sys.stderr.write(s + " [%s]\n" % _strerror(e.code))

    # -- output
    def print_table_doc(self, doc):
        """The header line of a document in the table format (and its sentences for segment)."""
        text = doc.text_bytes
        date = doc.date
        w = self.out.write
        w(("== %s  date: %s%s  lang: %s  sentences: %d  tokens: %d\n" % (
            doc.id, date if date else "-", " (inferred)" if doc.date_inferred else "", doc.lang,
            len(doc.sentences), doc.token_count)).encode())
        if self.cmd == SEGMENT:
            for i, (s, e, furn) in enumerate(doc.sentences):
                clip = min(100, e - s)
                while 0 < clip < e - s and (text[s + clip] & 0xC0) == 0x80:
                    clip -= 1
                w(("%4d %s %6d-%-6d " % (i, "F" if furn else " ", s, e)).encode() +
                  text[s:s + clip] + (b"..." if clip < e - s else b"") + b"\n")

    def print_table_claims(self, js):
        """The claims of a document (its JSON) as aligned text, as the C tool prints them."""
        o = json.loads(js)
        claims, ents = o.get("claims") or [], o.get("entities") or []
        w = self.out.write
        w(("   entities: %d  claims: %d\n" % (len(ents), len(claims))).encode())
        if claims:
            w(("   %-4s %-17s %-9s %-30s %-24s %s\n" % ("id", "figure", "qualifier", "measure",
                                                       "source", "time")).encode())

        def num(v):
            return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0

        def col(v, width):  # the C tool's put_col: width characters (code points), then a space
            t = v if isinstance(v, str) else "-"
            t = t[:width]
            return (t + " " * (width - len(t)) + " ").encode()

        for c in claims:
            lo, hi = num(c.get("low")), num(c.get("high"))
            vague, unit = c.get("vague"), c.get("unit")
            unit = unit if isinstance(unit, str) else None
            if isinstance(vague, str):
                fig = vague
            elif lo == hi:
                fig = "%.15g%s%s" % (lo, " " if unit else "", unit or "")
            else:
                fig = "%.15g-%.15g%s%s" % (lo, hi, " " if unit else "", unit or "")
            fig = fig.encode()[:63].decode("utf-8", "ignore")
            src, tm = c.get("source"), c.get("time")
            when = b"-"
            if isinstance(tm, dict):
                a, b = tm.get("start"), tm.get("end")
                a = a if isinstance(a, str) else "(null)"
                differ = isinstance(b, str) and a != b
                when = ("%s%s%s" % (a, ".." if differ else "", b if differ else "")).encode()[:39]
            cid = c.get("id")
            cid = cid if isinstance(cid, int) and not isinstance(cid, bool) else 0
            srcname = src.get("name") if isinstance(src, dict) else "(the outlet)"
            w(("   %-4d " % cid).encode() + col(fig, 17) + col(c.get("qualifier"), 9) +
              col(c.get("measure"), 30) + col(srcname, 24) + when + b"\n")

    def emit(self, doc, name):
        """Print (or, for reconcile, collect) one document; False when it failed."""
        if self.lang:
            try:
                doc.set_meta("lang", self.lang)
            except newsclaims.Error:
                sys.stderr.write("newsclaims: --lang=%s: unsupported language\n" % self.lang)
                return False
        if self.cmd == RECONCILE:
            self.claimset.add(doc)
            return True
        try:
            if self.table:
                js = doc.json()
                self.print_table_doc(doc)
                if self.cmd != SEGMENT:
                    self.print_table_claims(js)
                return True
            js = doc.json(segments=self.cmd == SEGMENT, numbers=self.cmd == NUMBERS)
        except newsclaims.Error as e:
            self.report(name, 0, e)
            return False
        self.out.write(js.encode() + b"\n")
        return True

    # -- input
    def do_text(self, path):
        """One text file (or standard input for "-") as one document."""
        name = path if path != "-" else "<stdin>"
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                doc = self.ctx.load(data, id="stdin", repair=self.repair)
            else:
                doc = self.ctx.load_file(path, repair=self.repair)
        except newsclaims.Error as e:
            self.report(name, 0, e)
            self.failed = True
            return
        except OSError as e:
            sys.stderr.write("newsclaims: <stdin>: cannot read: %s\n" % os.strerror(e.errno or 5))
            self.failed = True
            return
        with doc:
            if not self.emit(doc, name):
                self.failed = True

    def open_input(self, path):
        """A binary file for path ("-": standard input), or None after printing why not."""
        if path == "-":
            return sys.stdin.buffer
        try:
            return open(path, "rb")
        except OSError as e:
            sys.stderr.write("newsclaims: %s: cannot open: %s\n" % (path, os.strerror(e.errno)))
            return None

    def do_jsonl(self, path):
        """A JSON Lines file: one document per non-blank line."""
        f = self.open_input(path)
        name = path if path != "-" else "<stdin>"
        if f is None:
            self.failed = True
            return
        try:
            for lineno, line in enumerate(f, 1):
                line = line.rstrip(b"\r\n")
                if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                if not line.strip(b" \t"):
                    continue
                if self.cmd == RECONCILE and self.add_extract_record(line, name, lineno):
                    continue
                try:
                    doc = self.ctx.load_record(line, text_field=self.text_field,
                                               repair=self.repair)
                except newsclaims.Error as e:
                    self.report(name, lineno, e)
                    self.failed = True
                    continue
                with doc:
                    if not self.emit(doc, "%s:%d" % (name, lineno)):
                        self.failed = True
        except OSError as e:
            sys.stderr.write("newsclaims: %s: read error: %s\n" % (name, os.strerror(e.errno or 5)))
            self.failed = True
        finally:
            if f is not sys.stdin.buffer:
                f.close()

    def add_extract_record(self, line, name, lineno):
        """reconcile: a record of extract output (a "claims" array) is added as it is."""
        try:
            obj = json.loads(line)
        except ValueError:
            return False
        if not isinstance(obj, dict) or not isinstance(obj.get("claims"), list):
            return False
        try:
            self.claimset.add(line)
        except newsclaims.Error as e:
            self.report(name, lineno, e)
            self.failed = True
        return True

    def do_lines(self, path):
        """numbers --lines: every line of the file a text of its own."""
        f = self.open_input(path)
        name = path if path != "-" else "<stdin>"
        if f is None:
            self.failed = True
            return
        w = self.out.write
        try:
            for lineno, line in enumerate(f, 1):
                line = line.rstrip(b"\r\n")
                try:
                    js = self.ctx.numbers_json(line, self.lang or "en")
                except newsclaims.Error as e:
                    sys.stderr.write("newsclaims: %s:%d:%d: %s [%s]\n" % (
                        name, lineno, e.column or 0, e.message, _strerror(e.code)))
                    w(b'{"line":%d,"numbers":[],"error":"%s"}\n' % (lineno,
                                                                   _strerror(e.code).encode()))
                    self.failed = True
                    continue
                if self.table:
                    w(b"%d: %s\n" % (lineno, js.encode()))
                else:
                    w(b'{"line":%d,"numbers":%s}\n' % (lineno, js.encode()))
        finally:
            if f is not sys.stdin.buffer:
                f.close()


def _usage_error(what, arg=""):
    sys.stderr.write("newsclaims: %s%s\nTry 'newsclaims --help'.\n" % (what, arg))
    return 2


def main(argv=None):
    """Run the tool with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    cmd = None
    table = sys.stdout.isatty()
    jsonl = lines = repair = False
    text_field = lang = datadir = None
    majority = False
    ctx_flags = 0
    files = []
    only_files = False
    for a in argv:
        if only_files or not a.startswith("-") or a == "-":
            if cmd is None:
                if a not in COMMANDS:
                    return _usage_error("unknown command: ", a)
                cmd = COMMANDS[a]
                continue
            if len(files) == 4096:
                return _usage_error("too many files, at most ", "4096")
            files.append(a)
        elif a == "--":
            only_files = True
        elif a in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        elif a in ("-V", "--version"):
            sys.stdout.write("newsclaims %s (data %s)\n" % (newsclaims.version(),
                                                            newsclaims.data_version()))
            return 0
        elif a == "--format=json":
            table = False
        elif a == "--format=table":
            table = True
        elif a == "--jsonl":
            jsonl = True
        elif a == "--lines":
            lines = True
        elif a == "--repair":
            repair = True
        elif a.startswith("--text-field=") and len(a) > 13:
            text_field = a[13:]
        elif a.startswith("--data-dir=") and len(a) > 11:
            datadir = a[11:]
        elif a == "--majority":
            majority = True
        elif a == "--no-model":
            ctx_flags |= newsclaims.CTX_NO_MODEL
        elif a in ("--lang=en", "--lang=es"):
            lang = a[7:]
        else:
            return _usage_error("unknown or malformed option: ", a)
    if cmd is None:
        return _usage_error("no command given (segment, extract, reconcile or numbers)")
    if lines and cmd != NUMBERS:
        return _usage_error("--lines is an option of 'numbers' only")
    if cmd == RECONCILE and not newsclaims.has_reconcile():
        sys.stderr.write("newsclaims: reconcile: not yet implemented\n")
        return 2
    if not files:
        files = ["-"]
    tool = Tool(cmd, table, jsonl, lines, repair, text_field, lang)
    try:
        tool.ctx = newsclaims.Context(ctx_flags, datadir=datadir or
                                      os.environ.get("NEWSCLAIMS_DATA_DIR") or None)
    except newsclaims.Error as e:
        sys.stderr.write("newsclaims: cannot create context: %s [%s]\n" % (e.message,
                                                                          _strerror(e.code)))
        return 1
    try:
        if cmd == RECONCILE:
            tool.claimset = tool.ctx.claimset()
        for path in files:
            if lines:
                tool.do_lines(path)
            elif jsonl:
                tool.do_jsonl(path)
            else:
                tool.do_text(path)
        if cmd == RECONCILE:
            try:
                rep = tool.claimset.reconcile_json(table=table, majority=majority).encode()
                tool.out.write(rep if rep.endswith(b"\n") else rep + b"\n")
            except newsclaims.Error as e:
                sys.stderr.write("newsclaims: reconcile: %s [%s]\n" % (e.message,
                                                                      _strerror(e.code)))
                tool.failed = True
        tool.out.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        tool.ctx.close()
    return 1 if tool.failed else 0


if __name__ == "__main__":
    sys.exit(main())
