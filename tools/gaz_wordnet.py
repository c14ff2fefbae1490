#!/usr/bin/env python3
"""Proper names from WordNet 3.0 for the NER tagger's gazetteers.

Reads WordNet's noun database (Debian package wordnet-base:
/usr/share/wordnet/data.noun) and prints "name<TAB>category" lines:

  - noun.person synsets that are instances (famous people: "Einstein",
    "Albert Einstein")                                  -> person
  - noun.location synsets that are instances (places: "Seville",
    "East Anglia", "Aleutian Islands")                  -> region
  - every capitalised lemma of noun.group (organisations: "Bank of
    Japan", "FBI", "League of Nations")                 -> org

Only capitalised lemmas are kept; WordNet's underscores become spaces and
its syntactic markers ("(a)", "(p)") are dropped.  Lemmas of noun.person
that are not instances are nationalities and peoples ("Norseman"), which
are not names, hence the instance test.

    tools/gaz_wordnet.py [DATA.NOUN]
"""
import re
import sys

LEXFILES = {"14": "org", "15": "region", "18": "person"}  # lexnames: noun.group, noun.location, noun.person


def names(path):
    seen = set()
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):  # licence header
                continue
            head = line.split("|", 1)[0]
            fields = head.split(" ")
            cat = LEXFILES.get(fields[1])
            if cat is None:
                continue
            # pointers follow the words; "@i" is an instance hypernym
            if cat != "org" and " @i " not in head:
                continue
            for i in range(int(fields[3], 16)):
                name = re.sub(r"\([a-z]+\)$", "", fields[4 + 2 * i]).replace("_", " ")
                if name[:1].isupper() and (name, cat) not in seen:
                    seen.add((name, cat))
                    yield name, cat


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet/data.noun"
    for name, cat in names(path):
        print(f"{name}\t{cat}")


if __name__ == "__main__":
    main()
