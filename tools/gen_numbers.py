#!/usr/bin/env python3
"""Turn the number stage's word lists (data/numbers-en.tsv, data/numbers-es.tsv,
data/currency-extra.tsv) into lib/gen_numbers.c, a C table compiled into the
library, so nothing is read from disk at run time.

  gen_numbers.py [SRCDIR]      (writes SRCDIR/lib/gen_numbers.c; SRCDIR defaults to .)

Each data row becomes {lang, key, type, a, b}; lib/numbers.c builds its hash
tables from them when a context is created.  Rows are checked here: a bad type
or a missing value stops the build with the file and line.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_table import c_string  # noqa: E402  (one C string writer for all tables)

SOURCES = [("en", "data/numbers-en.tsv"), ("es", "data/numbers-es.tsv"),
           ("*", "data/currency-extra.tsv")]
TYPES = {"card", "hundred", "scale", "mult", "ord", "denom", "vague", "qual", "pct",
         "month", "dur", "time", "yearctx", "neg", "point", "and", "rangepre",
         "rangesep", "over", "det", "cur", "change", "keep", "daypart"}
NEEDS_A = {"card", "hundred", "scale", "mult", "ord", "denom", "vague", "qual", "month",
           "rangepre", "cur"}


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "."
    rows = []
    for lang, rel in SOURCES:
        path = os.path.join(top, rel)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                while len(cols) < 4:
                    cols.append("")
                key, typ, a, b = cols[:4]
                if typ not in TYPES:
                    sys.exit(f"{rel}:{n}: unknown type {typ!r}")
                if typ in NEEDS_A and not a:
                    sys.exit(f"{rel}:{n}: type {typ} needs a value")
                if key != key.strip() or "  " in key or not key:
                    sys.exit(f"{rel}:{n}: bad key {key!r}")
                rows.append((lang, key, typ, a, b))
    dst = os.path.join(top, "lib", "gen_numbers.c")
    with open(dst, "w", encoding="utf-8") as out:
        out.write("/* generated from data/numbers-en.tsv, data/numbers-es.tsv and "
                  "data/currency-extra.tsv by tools/gen_numbers.py; do not edit */\n")
        out.write('#include "num_lex.h"\n\n')
        out.write("const nci_numword nci_gen_numwords[] = {\n")
        for lang, key, typ, a, b in rows:
            out.write(f"    {{{c_string(lang)}, {c_string(key)}, {c_string(typ)}, "
                      f"{c_string(a)}, {c_string(b)}}},\n")
        out.write("    {NULL, NULL, NULL, NULL, NULL}\n};\n")
        out.write(f"const size_t nci_gen_numwords_count = {len(rows)};\n")


if __name__ == "__main__":
    main()
