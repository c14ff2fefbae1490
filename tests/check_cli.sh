#!/bin/sh
# The newsclaims tool: commands, formats, inputs, errors and exit status.
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
nc="$top_builddir/newsclaims"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect_status() { # expect_status WANT DESCRIPTION -- command...
    want=$1; what=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want ($(head -c 300 "$tmp/err"))"; fi
}
contains() { # contains FILE STRING DESCRIPTION
    if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}

printf 'The flood displaced 4,000 people on January 13, 2026.\nBy Jane Doe\n' >"$tmp/a.txt"
printf 'Second article. No dates here.\n' >"$tmp/b.txt"
printf 'caf\351 au lait\n' >"$tmp/bad.txt"

expect_status 0 "help" -- "$nc" --help
contains "$tmp/out" "Usage: newsclaims" "help text"
expect_status 0 "version" -- "$nc" --version
contains "$tmp/out" "newsclaims 0." "version text"
expect_status 2 "no command" -- "$nc"
expect_status 2 "unknown command" -- "$nc" frobnicate
contains "$tmp/err" "unknown command" "unknown command message"
expect_status 2 "unknown option" -- "$nc" extract --bogus

expect_status 0 "extract two files" -- "$nc" extract --format=json "$tmp/a.txt" "$tmp/b.txt"
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "extract: two lines expected"
contains "$tmp/out" '"id":"a","source":null,"date":"2026-01-13","date_inferred":true' "extract metadata"
contains "$tmp/out" '"entities":[],"claims":[]' "extract arrays"
/usr/bin/python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out" && ok || bad "extract output is JSON Lines"

# One bad input: an error with its position, the others still printed, exit 1.
expect_status 1 "bad file among good" -- "$nc" extract --format=json "$tmp/a.txt" "$tmp/bad.txt" "$tmp/missing.txt" "$tmp/b.txt"
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "good documents still printed"
contains "$tmp/err" "bad.txt:1:4: invalid UTF-8 (byte 0xE9) (byte 3)" "encoding error position"
contains "$tmp/err" "missing.txt: cannot open" "missing file message"
expect_status 0 "repair" -- "$nc" extract --format=json --repair "$tmp/bad.txt"
contains "$tmp/out" '"repairs":1' "repair count"

# Standard input, table format, segment.
expect_status 0 "stdin" -- sh -c "\"$nc\" extract --format=json - <\"$tmp/a.txt\""
contains "$tmp/out" '"id":"stdin"' "stdin id"
expect_status 0 "table" -- "$nc" segment --format=table "$tmp/a.txt"
contains "$tmp/out" "F " "furniture flagged in table"
expect_status 0 "segment json" -- "$nc" segment --format=json "$tmp/a.txt"
contains "$tmp/out" '"furniture":true' "segment furniture"

# JSON Lines: metadata, a custom text field, a broken record in the middle.
cat >"$tmp/docs.jsonl" <<'JSONL'
{"id": "r1", "text": "First record, 2 March 2026.", "source": "Wire", "category": "x"}

{"id": "r2", "text": "Broken
{"id": "r3", "text": "Third record.", "date": "2026-01-05"}
JSONL
expect_status 1 "jsonl with a bad record" -- "$nc" extract --jsonl --format=json "$tmp/docs.jsonl"
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "jsonl: two good records expected"
contains "$tmp/out" '"id":"r1","source":"Wire","date":"2026-03-02"' "jsonl metadata"
contains "$tmp/out" '"id":"r3","source":null,"date":"2026-01-05","date_inferred":false' "jsonl date"
contains "$tmp/err" "docs.jsonl:3:" "jsonl error names the line"
printf '{"id": "b1", "body": "Body field."}\n' >"$tmp/body.jsonl"
expect_status 0 "text field" -- "$nc" extract --jsonl --text-field=body --format=json "$tmp/body.jsonl"
contains "$tmp/out" '"id":"b1"' "text field record"
expect_status 1 "missing text field" -- "$nc" extract --jsonl --format=json "$tmp/body.jsonl"
contains "$tmp/err" 'field "text" is missing' "missing field message"

# numbers --lines: one object per input line, bad lines reported.
printf 'one line\n\ncaf\351\nlast\n' >"$tmp/lines.txt"
expect_status 1 "numbers lines" -- sh -c "\"$nc\" numbers --lines --format=json <\"$tmp/lines.txt\""
[ "$(wc -l <"$tmp/out")" -eq 4 ] && ok || bad "numbers --lines: 4 objects expected"
contains "$tmp/out" '{"line":1,"numbers":[' "numbers line object"
contains "$tmp/err" "<stdin>:3:4" "numbers error position"
expect_status 2 "lines needs numbers" -- "$nc" extract --lines "$tmp/a.txt"
printf 'Over 40 people paid $5 in 2001.\n' >"$tmp/sel.txt"
expect_status 0 "numbers kinds" -- "$nc" numbers --lines --format=json --kind=money,year "$tmp/sel.txt"
contains "$tmp/out" '"text":"$5"' "numbers --kind keeps money"
contains "$tmp/out" '"text":"2001"' "numbers --kind keeps years"
grep -q 'Over 40' "$tmp/out" && bad "numbers --kind dropped counts" || ok
expect_status 0 "numbers bounded" -- "$nc" numbers --lines --format=json --bounded "$tmp/sel.txt"
contains "$tmp/out" '"text":"Over 40"' "numbers --bounded keeps bounds"
grep -q '2001' "$tmp/out" && bad "numbers --bounded dropped exact numbers" || ok
expect_status 2 "unknown kind" -- "$nc" numbers --lines --kind=cars "$tmp/sel.txt"
expect_status 2 "kind needs lines" -- "$nc" numbers --kind=money "$tmp/sel.txt"

# -j N: the same output, messages and exit status as one thread.
for args in "extract --jsonl --format=json $tmp/docs.jsonl" "extract --format=table $tmp/a.txt $tmp/bad.txt $tmp/b.txt" \
    "segment --format=json $tmp/a.txt $tmp/b.txt" "reconcile --jsonl --format=json $tmp/docs.jsonl"; do
    # shellcheck disable=SC2086
    "$nc" $args >"$tmp/j1.out" 2>"$tmp/j1.err"; s1=$?
    # shellcheck disable=SC2086
    "$nc" -j 3 $args >"$tmp/j3.out" 2>"$tmp/j3.err"; s3=$?
    if [ "$s1" -eq "$s3" ] && cmp -s "$tmp/j1.out" "$tmp/j3.out" && cmp -s "$tmp/j1.err" "$tmp/j3.err"; then ok
    else bad "-j 3 differs from one thread: $args"; fi
done
expect_status 2 "-j 0" -- "$nc" extract -j 0 "$tmp/a.txt"
expect_status 2 "-j without a number" -- "$nc" extract --jobs=x "$tmp/a.txt"
expect_status 0 "--jobs=2" -- "$nc" extract --jobs=2 --format=json "$tmp/a.txt" "$tmp/b.txt"
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "--jobs=2: two documents expected"

# reconcile: articles, or extract's output read back, give the same report.
printf 'Rights group Watch reported 120 detainees held on January 5, 2026.\n' >"$tmp/r1.txt"
printf 'Rights group Watch reported 95 detainees held on January 20, 2026.\n' >"$tmp/r2.txt"
expect_status 0 "reconcile articles" -- "$nc" reconcile --format=json "$tmp/r1.txt" "$tmp/r2.txt"
cp "$tmp/out" "$tmp/rec-articles.json"
contains "$tmp/out" '"groups":[' "reconcile groups"
"$nc" extract --format=json "$tmp/r1.txt" "$tmp/r2.txt" >"$tmp/ex.jsonl"
expect_status 0 "reconcile extract output" -- "$nc" reconcile --jsonl --format=json "$tmp/ex.jsonl"
cmp -s "$tmp/out" "$tmp/rec-articles.json" && ok || bad "reconcile: articles and extract output differ"
# the key "claims" written with an escape is extract's output all the same
sed 's/"claims":/"cl\\u0061ims":/' "$tmp/ex.jsonl" >"$tmp/ex-esc.jsonl"
contains "$tmp/ex-esc.jsonl" '"cl\u0061ims":' "escaped claims key"
expect_status 0 "reconcile extract output, escaped key" -- "$nc" reconcile --jsonl --format=json "$tmp/ex-esc.jsonl"
cmp -s "$tmp/out" "$tmp/rec-articles.json" && ok || bad "reconcile: an escaped claims key is not extract output"
expect_status 0 "reconcile table" -- "$nc" reconcile --format=table "$tmp/r1.txt" "$tmp/r2.txt"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
