#!/usr/bin/env python3
"""Adjectives and nouns of places' people from WordNet 3.0, for the entity
rules (a lone "Swiss", "Scottish" or "Briton" names no entity).

Reads WordNet's databases (Debian package wordnet-base: /usr/share/wordnet)
and prints "kind<TAB>word" lines:

  - adj: capitalised adjectives whose pertainym is a place, that is a
    noun.location synset ("Swiss" -> Switzerland, "Parisian" -> Paris);
  - people: capitalised noun.person lemmas that are no instances and whose
    gloss begins "a native or inhabitant of", "a native of", "an inhabitant
    of" or "a member of ... people" ("Briton", "Swede", "Maori").

A word that is also a place's name in the project's gazetteers (GeoNames
cities and regions: "Alabama", "Roma", "Kansas") or in WordNet ("the
Baltic", "the Balkans") is left out, and so is a noun that is also a given
name or a company's ("Frank", "Norman").  Plurals of the nouns are added
("Britons", "Dutchmen").

    tools/gaz_demonyms.py DATA_DIR [WORDNET_DIR]
"""
import re
import sys


def synsets(path):
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):  # licence header
                continue
            head, _, gloss = line.partition("|")
            fields = head.split()
            off, lexfile, n = fields[0], fields[1], int(fields[3], 16)
            words = [re.sub(r"\([a-z]+\)$", "", fields[4 + 2 * i]).replace("_", " ")
                     for i in range(n)]
            p = 4 + 2 * n
            ptrs = [(fields[p + 1 + 4 * i], fields[p + 2 + 4 * i], fields[p + 3 + 4 * i])
                    for i in range(int(fields[p]))]
            yield off, lexfile, words, ptrs, gloss.strip()


def gazetteer_names(data, files):
    names = set()
    for f, cat in files:
        with open(f"{data}/{f}.tsv", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    name, _, c = line.rstrip("\n").partition("\t")
                    if cat is None or c == cat:
                        names.add(name)
    return names


def plural(w):
    if w.endswith(("hman", "sman", "tman", "eman")):  # Dutchman, Norseman; not Roman
        return w[:-3] + "men"
    if w.endswith(("s", "x", "ch", "sh", "z")):
        return w + "es"
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def main():
    data = sys.argv[1]
    wn = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/wordnet"
    places = set()
    place_names = set()
    out = set()
    for off, lexfile, words, ptrs, gloss in synsets(wn + "/data.noun"):
        if lexfile == "15":
            places.add(off)
            place_names.update(words)
        elif lexfile == "18" and not any(s == "@i" for s, _, _ in ptrs):
            g = gloss.lower()
            if (g.startswith(("a native or inhabitant of", "a native of", "an inhabitant of"))
                    or re.match(r"a member of (a|the) .*people", g)):
                for w in words:
                    if w[:1].isupper() and " " not in w:
                        out.add(("people", w))
    for off, lexfile, words, ptrs, gloss in synsets(wn + "/data.adj"):
        if any(s == "\\" and pos == "n" and t in places for s, t, pos in ptrs):
            for w in words:
                if w[:1].isupper() and " " not in w:
                    out.add(("adj", w))
    places = gazetteer_names(data, [("gaz_geonames_cities", None), ("gaz_geonames_regions", None)])
    places |= place_names  # "the Baltic", "the Balkans"
    # not ICU's country names: they are in many languages ("Argentine" and
    # "Swede" are countries' names in some)
    names = gazetteer_names(data, [("gaz_given_names", None), ("gaz_companies", None)])
    rows = set()
    for kind, w in out:
        for v in (w, plural(w)) if kind == "people" else (w,):
            if v not in places and not (kind == "people" and v in names):
                rows.add((kind, v))
    print("# Adjectives and nouns of places' people, from WordNet 3.0 by")
    print("# tools/gaz_demonyms.py (see data/README).  kind<TAB>word.")
    for kind, w in sorted(rows):
        print(f"{kind}\t{w}")


if __name__ == "__main__":
    main()
