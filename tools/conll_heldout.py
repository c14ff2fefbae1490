#!/usr/bin/env python3
"""Keep the held-out fifth of a folder made by ../shared/eval/conll_eval.py
prepare: the documents with index % 5 == 4 (doc004, doc009, ...), which the
NER model is never trained on (tools/train_tagger.c -T).  Rewrites
DIR/gold.json to those documents and prints their text files, one a line.

  conll_heldout.py DIR > files.txt
"""
import json
import os
import sys


def main():
    d = sys.argv[1]
    path = os.path.join(d, "gold.json")
    with open(path, encoding="utf-8") as f:
        gold = json.load(f)
    keep = {k: v for k, v in gold.items() if int(k[3:]) % 5 == 4}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(keep, f)
    for k in sorted(keep):
        print(os.path.join(d, k + ".txt"))


if __name__ == "__main__":
    main()
