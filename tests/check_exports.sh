#!/bin/sh
# The shared library exports exactly the symbols listed in tests/exports.txt:
# every public name starts with nc_, and nothing internal leaks.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
lib="$top_builddir/.libs/libnewsclaims.so"
if [ ! -f "$lib" ]; then
    echo "SKIP: $lib not built (static-only build?)"
    exit 77
fi
nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" { print $3 }' \
    | sort > exports.actual
sort "$top_srcdir/tests/exports.txt" > exports.expected
if ! diff -u exports.expected exports.actual; then
    echo "FAIL: exported symbols differ from tests/exports.txt"
    exit 1
fi
# Every exported function is declared in the public header.
for s in $(cat exports.actual); do
    grep -q "\\b$s(" "$top_srcdir/include/newsclaims.h" || { echo "FAIL: $s not in newsclaims.h"; exit 1; }
done
rm -f exports.actual exports.expected
echo "PASS: $(wc -l < "$top_srcdir/tests/exports.txt") exported symbols"
