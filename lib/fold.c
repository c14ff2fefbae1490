/* Name keys (see fold.h).  ICU does the Unicode work: normalisation
 * (unorm2, NFKD), general categories (marks) and full case folding. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "fold.h"

/* Whether the eight bytes of x fold to themselves lower-cased: all ASCII,
 * no control character, no two spaces in a row. */
static int chunk_plain(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80, low7 = ones * 0x7F;
    uint64_t y = x ^ (ones * ' ');
    uint64_t sp = ~(((y & low7) + low7) | y) & high; /* 0x80 in each space */
    uint64_t ctl = (x - ones * 0x20) & ~x & high;    /* some byte below ' ' */
    return !((x & high) | ctl | (sp & (sp >> 8)));
}

/* ASCII 'A'..'Z' to lower case in eight bytes, all below 0x80. */
static uint64_t lower8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t upper = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) & high;
    return x | (upper >> 2);
}

/* The same folding for text that is all ASCII (most names in English
 * news), without ICU: NFKD changes nothing there and case folding is
 * lower-casing.  Eight bytes at a time where they fold so (a space that
 * follows one is not copied). */
/* An acronym written with periods is the same name without them ("u.s."
 * and "us", "u.k." and "uk"): out[0..k) of single letters each followed by
 * a period (the last may lack it), two letters or more, loses its periods.
 * Returns the new length. */
static size_t undot_acronym(char *out, size_t k)
{
    if (k < 3)
        return k;
    for (size_t i = 0; i < k; i++)
        if (i % 2 ? out[i] != '.' : !(out[i] >= 'a' && out[i] <= 'z'))
            return k;
    size_t m = 0;
    for (size_t i = 0; i < k; i += 2)
        out[m++] = out[i];
    return m;
}

size_t nci_fold_ascii(const char *s, size_t n, char *out)
{
    size_t k = 0, i = 0;
    int space = 1;
    while (i < n) {
        /* the next eight bytes; at the end, the last eight when all before
         * were copied as they are (out + j mirrors s + j) */
        size_t j = i + 8 <= n ? i : k == i && n >= 8 ? n - 8 : SIZE_MAX;
        uint64_t x;
        if (j != SIZE_MAX && (memcpy(&x, s + j, 8), chunk_plain(x)) && !(space && s[i] == ' ')) {
            x = lower8(x);
            memcpy(out + k - (i - j), &x, 8);
            k += j + 8 - i;
            i = j + 8;
            space = s[i - 1] == ' ';
            continue;
        }
        unsigned char c = (unsigned char)s[i++];
        if (c >= 0x80)
            return SIZE_MAX;
        if (c == ' ' || (c >= '\t' && c <= '\r')) { /* \t \n \v \f \r */
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
    if (k > 4 && !memcmp(out, "the ", 4)) {
        memmove(out, out + 4, k - 4);
        k -= 4;
    }
    k = undot_acronym(out, k);
    out[k] = '\0';
    return k;
}

char *nci_fold(const char *s, size_t n, size_t *outlen)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    if ((*outlen = nci_fold_ascii(s, n, out)) != SIZE_MAX)
        return out;
    free(out);
    out = NULL;
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
