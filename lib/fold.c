/* Name keys (see fold.h).  ICU does the Unicode work: normalisation
 * (unorm2, NFKD), general categories (marks) and full case folding. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "fold.h"

/* The same folding for text that is all ASCII (most names in English
 * news), without ICU: NFKD changes nothing there and case folding is
 * lower-casing. */
static char *fold_ascii(const char *s, size_t n, size_t *outlen)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!space)
                out[k++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    if (k >= 2 && out[k - 2] == '\'' && out[k - 1] == 's')
        k -= 2;
    else if (k >= 1 && out[k - 1] == '\'')
        k -= 1;
    size_t from = k > 4 && !memcmp(out, "the ", 4) ? 4 : 0;
    memmove(out, out + from, k - from);
    out[k - from] = '\0';
    *outlen = k - from;
    return out;
}

char *nci_fold(const char *s, size_t n, size_t *outlen)
{
    size_t ascii = 0;
    while (ascii < n && (unsigned char)s[ascii] < 0x80)
        ascii++;
    if (ascii == n)
        return fold_ascii(s, n, outlen);
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&st);
    if (U_FAILURE(st) || n > (size_t)INT32_MAX / 4)
        return NULL;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &st);
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    int32_t cap = ulen * 4 + 16;
    UChar *d = malloc((size_t)cap * sizeof *d);
    UChar *f = malloc((size_t)cap * 3 * sizeof *f);
    char *out = NULL;
    if (!u || !d || !f)
        goto done;
    u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)n, &st);
    int32_t dlen = unorm2_normalize(nfkd, u, ulen, d, cap, &st);
    if (U_FAILURE(st))
        goto done;
    /* Drop marks; unify apostrophes and dashes; collapse spaces. */
    int32_t k = 0;
    int space = 1;
    for (int32_t i = 0; i < dlen; i++) {
        UChar32 c = d[i];
        if (U16_IS_LEAD(c) && i + 1 < dlen && U16_IS_TRAIL(d[i + 1])) {
            c = U16_GET_SUPPLEMENTARY(c, d[i + 1]);
            i++;
        }
        int8_t gc = u_charType(c);
        if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK)
            continue;
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
            c = '\'';
        if (u_isUWhiteSpace(c)) {
            if (!space)
                d[k++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        if (c > 0xFFFF) {
            d[k++] = U16_LEAD(c);
            d[k++] = U16_TRAIL(c);
        } else {
            d[k++] = (UChar)c;
        }
    }
    while (k > 0 && d[k - 1] == ' ')
        k--;
    /* Possessive 's at the end. */
    if (k >= 2 && d[k - 2] == '\'' && (d[k - 1] == 's' || d[k - 1] == 'S'))
        k -= 2;
    else if (k >= 1 && d[k - 1] == '\'')
        k -= 1;
    int32_t flen = u_strFoldCase(f, cap * 3, d, k, U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st))
        goto done;
    int32_t from = 0;
    if (flen > 4 && f[0] == 't' && f[1] == 'h' && f[2] == 'e' && f[3] == ' ')
        from = 4;
    int32_t blen = 0;
    u_strToUTF8(NULL, 0, &blen, f + from, flen - from, &st);
    st = U_ZERO_ERROR;
    out = malloc((size_t)blen + 1);
    if (!out)
        goto done;
    u_strToUTF8(out, blen + 1, NULL, f + from, flen - from, &st);
    if (U_FAILURE(st)) {
        free(out);
        out = NULL;
        goto done;
    }
    *outlen = (size_t)blen;
done:
    free(u);
    free(d);
    free(f);
    return out;
}
