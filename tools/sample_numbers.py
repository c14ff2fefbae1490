#!/usr/bin/env python3
"""Draw numbers at random from a run of the number stage over a JSON Lines
corpus, for checking by hand.  Reproducible: the same seed, corpus and
numbers give the same sample.

  sample_numbers.py --corpus ../shared/bench/bbc_news.jsonl \\
      --cmd "./newsclaims numbers --lines --format=json --lang=en" [-n 200] [--seed 2026]
  sample_numbers.py --corpus C.jsonl --numbers RUN.jsonl

With --cmd the texts are sent one per line (line breaks inside a text become
spaces, which keeps every byte offset) and the command's output is used; with
--numbers a saved output of the same shape is read ({"line": N, "numbers":
[...]} per text, in corpus order).  Prints one block per number: where it is,
its fields, and the text around it with the span in [brackets].
"""
import argparse
import json
import random
import shlex
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="JSON Lines with a text field")
    ap.add_argument("--field", default="text", help="name of the text field (default: text)")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--cmd", help="command that reads one text per line and prints numbers JSON Lines")
    g.add_argument("--numbers", help="saved output of such a command")
    ap.add_argument("-n", type=int, default=200, help="how many numbers to draw (default 200)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--context", type=int, default=70, help="bytes of context on each side")
    ap.add_argument("--kind", help="draw only numbers of these kinds (comma separated)")
    args = ap.parse_args()

    texts, ids = [], []
    with open(args.corpus, encoding="utf-8") as f:
        for ln in f:
            if ln.strip():
                rec = json.loads(ln)
                texts.append(rec.get(args.field) or "")
                ids.append(rec.get("id", str(len(ids) + 1)))
    if args.cmd:
        inp = "".join(t.replace("\r", " ").replace("\n", " ") + "\n" for t in texts)
        run = subprocess.run(shlex.split(args.cmd), input=inp.encode("utf-8"), capture_output=True)
        if run.returncode != 0:
            sys.exit(f"command failed ({run.returncode}): {run.stderr.decode()[:300]}")
        lines = run.stdout.decode("utf-8").splitlines()
    else:
        with open(args.numbers, encoding="utf-8") as f:
            lines = f.read().splitlines()
    found = []
    for k, ln in enumerate(l for l in lines if l.strip()):
        obj = json.loads(ln)
        i = int(obj.get("line", k + 1)) - 1
        for p in obj.get("numbers", []):
            found.append((i, p))
    if args.kind:
        keep = set(args.kind.split(","))
        found = [x for x in found if x[1].get("kind") in keep]
    rng = random.Random(args.seed)
    sample = rng.sample(found, min(args.n, len(found)))
    sample.sort(key=lambda x: (x[0], x[1]["start"]))
    print(f"# {len(sample)} of {len(found)} numbers from {len(texts)} texts; seed {args.seed}")
    for n, (i, p) in enumerate(sample, 1):
        b = texts[i].encode("utf-8")
        s, e = p["start"], p["end"]
        left = b[max(0, s - args.context):s].decode("utf-8", "replace")
        right = b[e:e + args.context].decode("utf-8", "replace")
        span = b[s:e].decode("utf-8", "replace")
        ctx = (left + "[" + span + "]" + right).replace("\n", " ")
        fields = " ".join(f"{k}={p.get(k)}" for k in ("kind", "qualifier", "value", "low", "high", "unit"))
        print(f"{n:3d}. {ids[i]} @{s}: {fields}")
        print(f"     ...{ctx}...")


if __name__ == "__main__":
    main()
