#!/usr/bin/env python3
"""Synthetic truth for the reconcile stage: sources of known reliability make
noisy claims about quantities whose true values are known, so the consensus
(truth discovery) can be measured against majority vote.

  tests/gen_truth.py [OUTDIR] [--seed N]     (default tests/cases/reconcile/truth)

Writes OUTDIR/claims.jsonl (extract output contract, one document per source)
and OUTDIR/truth.json ({"measure key": true value}).  Standard library only,
seeded: the same seed gives the same files.

The world: 4 reliable sources (right 85-95% of the time) and 8 unreliable
ones (right 25-40%).  Each quantity is reported by 5 to 7 sources drawn at
random.  A wrong source picks one of two plausible wrong figures (the true
value scaled by 0.8 or 1.25), so wrong sources often agree with each other:
the case where counting heads fails and weighting sources by their record
should not.
"""
import json
import os
import random
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    seed = 7
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
        args = [a for a in args if a != str(seed)]
    out = args[0] if args else os.path.join(os.path.dirname(__file__), "cases", "reconcile", "truth")
    rnd = random.Random(seed)
    sources = []
    for i in range(12):
        rel = rnd.uniform(0.85, 0.95) if i < 4 else rnd.uniform(0.25, 0.40)
        sources.append({"name": "Agency %s" % chr(ord("A") + i), "rel": rel, "claims": []})
    truth = {}
    for q in range(400):
        key = "q%04d" % q
        value = rnd.randrange(100, 10000)
        truth[key] = value
        wrong = [round(value * 0.8), round(value * 1.25)]
        for s in rnd.sample(sources, rnd.randint(5, 7)):
            v = value if rnd.random() < s["rel"] else rnd.choice(wrong)
            s["claims"].append((key, v))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "claims.jsonl"), "w", encoding="utf-8") as f:
        for i, s in enumerate(sources):
            doc = {"id": "synthetic_%02d" % i, "source": "outlet %d" % i, "date": "2026-01-10", "lang": "en",
                   "entities": [{"id": 1, "type": "ORG", "name": s["name"]}], "claims": []}
            for j, (key, v) in enumerate(s["claims"]):
                doc["claims"].append({"id": j + 1, "value": v, "low": v, "high": v, "qualifier": "exact",
                                      "measure": key, "measure_key": key, "place": None,
                                      "time": {"start": "2026-01-10", "end": "2026-01-10", "text": "on January 10"},
                                      "source": {"name": s["name"], "entity": 1, "type": "ORG", "cue": "said"}})
            f.write(json.dumps(doc, sort_keys=False) + "\n")
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": seed, "reliability": {s["name"]: round(s["rel"], 3) for s in sources},
                   "truth": truth}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
