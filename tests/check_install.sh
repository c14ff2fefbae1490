#!/bin/sh
# Install into a scratch directory and build a tiny program against the
# installed copy with `pkg-config --cflags --libs newsclaims`.
set -eu
if [ "${NC_SANITIZER_BUILD:-0}" = 1 ]; then
    echo "SKIP: NC_SANITIZER_BUILD=1 (sanitizer builds can't link an uninstrumented program)"
    exit 77
fi
top_builddir=${top_builddir:-.}
MAKE=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
abs_build=$(cd "$top_builddir" && pwd)
$MAKE -C "$abs_build" install DESTDIR="$tmp/root" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
pc=$(find "$tmp/root" -name newsclaims.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: newsclaims.pc not installed"; exit 1; }
tool=$(find "$tmp/root" -path '*/bin/newsclaims' | head -n 1)
[ -x "$tool" ] || { echo "FAIL: newsclaims tool not installed"; exit 1; }
header=$(find "$tmp/root" -name newsclaims.h | head -n 1)
[ -n "$header" ] || { echo "FAIL: header not installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
cflags=$(pkg-config --define-prefix --cflags newsclaims)
libs=$(pkg-config --define-prefix --libs newsclaims)
cat >"$tmp/t.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <newsclaims.h>
int main(void)
{
    nc_ctx *ctx;
    nc_doc *doc;
    if (nc_ctx_new(NC_CTX_DEFAULT, &ctx, NULL) != NC_OK) return 1;
    const char *t = "Installed copy works. Two sentences.";
    if (nc_doc_load_buffer(ctx, t, strlen(t), "x", 0, &doc, NULL) != NC_OK) return 1;
    int ok = nc_doc_sentence_count(doc) == 2 && strcmp(nc_version(), NC_VERSION_STRING) == 0;
    nc_doc_free(doc);
    nc_ctx_free(ctx);
    puts(ok ? "ok" : "wrong");
    return ok ? 0 : 1;
}
C
${CC:-cc} $cflags -o "$tmp/t" "$tmp/t.c" $libs
libdir=$(pkg-config --define-prefix --variable=libdir newsclaims)
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/t")
[ "$out" = ok ] || { echo "FAIL: program built against the installed copy printed '$out'"; exit 1; }
LD_LIBRARY_PATH="$libdir" "$tool" --version >/dev/null
echo "PASS: installed library, header, pkg-config file and tool work"
