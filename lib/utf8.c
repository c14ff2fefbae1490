/* Strict UTF-8 validation and repair.  Well-formed sequences are those of
 * Unicode 15 table 3-7: no overlong forms, no surrogates (D800-DFFF), nothing
 * above U+10FFFF.  NUL is rejected as well (see utf8.h). */
#include <stdlib.h>
#include <string.h>
#include "utf8.h"

size_t nci_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    if (b >= 0x01 && b < 0x80)
        return 1;
    if (b < 0xC2 || b > 0xF4)
        return 0; /* NUL, continuation byte, overlong lead C0/C1, or > U+10FFFF */
    if (b < 0xE0) {
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    }
    if (b < 0xF0) {
        if (n < 3)
            return 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b == 0xE0)
            lo = 0xA0; /* overlong */
        else if (b == 0xED)
            hi = 0x9F; /* surrogates */
        if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
            return 0;
        return 3;
    }
    if (n < 4)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b == 0xF0)
        lo = 0x90; /* overlong */
    else if (b == 0xF4)
        hi = 0x8F; /* > U+10FFFF */
    if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    return 4;
}

size_t nci_utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* ASCII fast path, eight bytes at a time: no high bit and no zero byte. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ULL) ||
                ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        size_t k = nci_utf8_seq(s + i, n - i);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

/* Length of the maximal ill-formed subpart at s: the longest prefix of a
 * well-formed sequence that is not itself complete, or one byte. */
static size_t maximal_subpart(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        need = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else
        return 1;
    size_t k = 1;
    if (k < n && k < need && s[k] >= lo && s[k] <= hi) {
        k++;
        while (k < n && k < need && (s[k] & 0xC0) == 0x80)
            k++;
    }
    return k;
}

char *nci_utf8_repair(const char *str, size_t n, size_t *outlen, size_t *repairs)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t cnt = 0;
    /* Each bad byte becomes at most 3 bytes. */
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < n) {
        size_t k = nci_utf8_seq(s + i, n - i);
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        i += maximal_subpart(s + i, n - i);
        memcpy(out + o, "\xEF\xBF\xBD", 3);
        o += 3;
        cnt++;
    }
    out[o] = '\0';
    char *shrunk = realloc(out, o + 1);
    if (shrunk)
        out = shrunk;
    *outlen = o;
    *repairs = cnt;
    return out;
}
