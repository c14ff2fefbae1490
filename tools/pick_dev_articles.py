#!/usr/bin/env python3
"""Pick the BBC articles of the hand-annotated development set
(tests/gold/bbc-dev.gold.json).  Reproducible: the same seed and corpus give
the same choice.

  pick_dev_articles.py [--corpus ../shared/bench/bbc_news.jsonl] [--seed 2026]
                       [--per-category 8] [--max-chars 3500] [--json]

From each category (business, entertainment, politics, sport, tech) it draws
--per-category articles at random among those whose text is at most
--max-chars characters long (short articles keep hand annotation careful).
Draws use one random.Random(seed), categories in alphabetical order, each
category's candidates in corpus order; the chosen ones are printed in corpus
order as "LINE<TAB>ID<TAB>TITLE" (LINE is 1-based), or with --json one
{"line", "id", "category", "title", "chars"} object per line.
Only the Python standard library is used.
"""
import argparse
import json
import os
import random
import sys

CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench", "bbc_news.jsonl"))


def pick(corpus, seed, per_category, max_chars):
    candidates = {c: [] for c in CATEGORIES}
    with open(corpus, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            cat = rec.get("category")
            if cat in candidates and len(rec.get("text", "")) <= max_chars:
                candidates[cat].append({"line": lineno, "id": rec["id"], "category": cat,
                                        "title": rec.get("title", ""), "chars": len(rec["text"])})
    rng = random.Random(seed)
    chosen = []
    for cat in CATEGORIES:
        if len(candidates[cat]) < per_category:
            raise SystemExit(f"{cat}: only {len(candidates[cat])} articles of at most {max_chars} characters")
        chosen += rng.sample(candidates[cat], per_category)
    chosen.sort(key=lambda r: r["line"])
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="BBC JSON Lines file (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--per-category", type=int, default=8, help="articles per category (default 8)")
    ap.add_argument("--max-chars", type=int, default=3500, help="longest text allowed, in characters (default 3500)")
    ap.add_argument("--json", action="store_true", help="print JSON Lines instead of tab-separated text")
    args = ap.parse_args()

    for r in pick(args.corpus, args.seed, args.per_category, args.max_chars):
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
        else:
            print(f"{r['line']}\t{r['id']}\t{r['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
