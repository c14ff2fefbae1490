#!/usr/bin/python3
"""Draw a reproducible random sample of PERSON/ORG/LOC mentions for hand checking.

Runs `newsclaims extract --jsonl --format=json CORPUS` (or reads a saved
extract output with --extract), collects every PERSON/ORG/LOC mention, and
draws N of them at random with a fixed seed.  For each it prints the doc id,
type, mention text, the entity's canonical name and about 8 words of context
on each side, taken from the article text at the mention's UTF-8 byte offsets.

Standard library only.  Example:

    /usr/bin/python3 tools/sample_entities.py \
        --corpus /work/shared/bench/bbc_news.jsonl --seed 2026 -n 200

The corpus is research-use only: do not paste the printed context into the
project beyond a few words per row.
"""

import argparse
import json
import os
import random
import subprocess
import sys

TYPES = ("PERSON", "ORG", "LOC")
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CLI = os.path.join(os.path.dirname(HERE), "newsclaims")
DEFAULT_CORPUS = "/work/shared/bench/bbc_news.jsonl"


def load_corpus(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            obj = json.loads(line)
            docs[obj["id"]] = obj["text"].encode("utf-8")
    return docs


def iter_json_objects(text):
    """Yield JSON objects from JSONL or from concatenated/pretty JSON."""
    dec = json.JSONDecoder()
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        obj, i = dec.raw_decode(text, i)
        if isinstance(obj, list):
            for o in obj:
                yield o
        else:
            yield obj


def run_extract(cli, corpus):
    out = subprocess.run([cli, "extract", "--jsonl", "--format=json", corpus],
                         stdout=subprocess.PIPE, check=True)
    return out.stdout.decode("utf-8")


def collect(extract_text):
    mentions = []
    for doc in iter_json_objects(extract_text):
        for ent in doc.get("entities") or []:
            if ent.get("type") not in TYPES:
                continue
            for m in ent.get("mentions") or []:
                mentions.append({
                    "doc": doc["id"], "type": ent["type"],
                    "name": ent.get("name"), "key": ent.get("key"),
                    "start": m["start"], "end": m["end"], "text": m["text"],
                })
    # Deterministic order independent of output ordering quirks.
    mentions.sort(key=lambda r: (r["doc"], r["start"], r["end"], r["type"]))
    return mentions


def dec(b):
    return b.decode("utf-8", errors="replace")


def context(raw, start, end, words):
    left = dec(raw[:start]).split()
    right = dec(raw[end:]).split()
    # If the span starts/ends mid-word, show the glued fragment explicitly.
    lctx = " ".join(left[-words:]) if left else ""
    rctx = " ".join(right[:words]) if right else ""
    if start > 0 and not raw[start - 1:start].isspace():
        lctx += "|"   # '|' marks a span boundary inside a token
    else:
        lctx += " "
    if end < len(raw) and not raw[end:end + 1].isspace():
        rctx = "|" + rctx
    else:
        rctx = " " + rctx
    return lctx, rctx


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--cli", default=DEFAULT_CLI)
    ap.add_argument("--extract", help="saved extract output (skip running the CLI)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--words", type=int, default=8, help="context words each side")
    ap.add_argument("--format", choices=("text", "tsv", "jsonl"), default="text")
    args = ap.parse_args()

    docs = load_corpus(args.corpus)
    if args.extract:
        with open(args.extract, encoding="utf-8") as f:
            extract_text = f.read()
    else:
        extract_text = run_extract(args.cli, args.corpus)
    mentions = collect(extract_text)
    counts = {t: sum(1 for m in mentions if m["type"] == t) for t in TYPES}
    print("# %d mentions (%s); seed=%d n=%d" % (
        len(mentions), ", ".join("%s=%d" % kv for kv in counts.items()),
        args.seed, args.n), file=sys.stderr)

    rng = random.Random(args.seed)
    sample = rng.sample(mentions, min(args.n, len(mentions)))

    for i, m in enumerate(sample, 1):
        raw = docs.get(m["doc"], b"")
        span = dec(raw[m["start"]:m["end"]])
        ok = "" if span == m["text"] else "  [OFFSET MISMATCH: text at offsets=%r]" % span
        lctx, rctx = context(raw, m["start"], m["end"], args.words)
        if args.format == "jsonl":
            print(json.dumps(dict(m, n=i, left=lctx, right=rctx, span_ok=not ok),
                             ensure_ascii=False))
        elif args.format == "tsv":
            print("\t".join(str(x) for x in (i, m["doc"], m["type"], m["text"], m["name"],
                                              lctx + "[[" + m["text"] + "]]" + rctx)))
        else:
            print("%3d  %-18s %-6s %r  (name=%r)%s" % (i, m["doc"], m["type"], m["text"],
                                                        m["name"], ok))
            print("     ...%s[[%s]]%s..." % (lctx, m["text"], rctx))


if __name__ == "__main__":
    main()
