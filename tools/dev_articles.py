#!/usr/bin/env python3
"""Print the BBC articles of the hand-annotated development set as JSON Lines,
so the set can be rebuilt from ../shared without copying the articles.

  dev_articles.py [--gold tests/gold/bbc-dev.gold.json]
                  [--corpus ../shared/bench/bbc_news.jsonl] > bbc-dev.jsonl

The gold file names each article by id and 1-based line number in the corpus;
the records on those lines are printed unchanged, in the gold file's order.
A line whose record has another id is an error (the corpus is not the one the
gold was made for).  Only the Python standard library is used.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_GOLD = os.path.normpath(os.path.join(HERE, "..", "tests", "gold", "bbc-dev.gold.json"))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench", "bbc_news.jsonl"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=DEFAULT_GOLD, help="gold file (default: %(default)s)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="BBC JSON Lines file (default: %(default)s)")
    args = ap.parse_args()

    with open(args.gold, encoding="utf-8") as f:
        docs = json.load(f)["docs"]
    wanted = {}
    for doc_id, doc in docs.items():
        wanted[int(doc["line"])] = doc_id
    found = {}
    with open(args.corpus, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if lineno in wanted:
                rec = json.loads(line)
                if rec.get("id") != wanted[lineno]:
                    sys.exit(f"{args.corpus}:{lineno}: id {rec.get('id')!r}, expected {wanted[lineno]!r}")
                found[wanted[lineno]] = line.rstrip("\n")
    missing = [d for d in docs if d not in found]
    if missing:
        sys.exit(f"{args.corpus}: lines not found for {', '.join(missing)}")
    out = sys.stdout
    for doc_id in docs:
        out.write(found[doc_id] + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
