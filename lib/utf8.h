/* Strict UTF-8 validation and repair (Unicode 15, chapter 3, table 3-7). */
#ifndef NC_UTF8_H
#define NC_UTF8_H
#include "internal.h"

/* Length of the valid sequence at s[0..n) (1-4), or 0 when the bytes there
 * are not a well-formed sequence.  NUL is treated as invalid: documents are
 * text, and a NUL is almost always a sign of binary or UTF-16 input. */
size_t nci_utf8_seq(const unsigned char *s, size_t n);

/* Offset of the first invalid sequence in s[0..n), or n when all is valid. */
size_t nci_utf8_check(const char *s, size_t n);

/* Copy s[0..n) into a new NUL-terminated buffer, replacing each maximal
 * ill-formed subpart (Unicode's "best practice for U+FFFD substitution") by
 * U+FFFD.  *outlen gets the new length, *repairs the number of
 * replacements.  Returns NULL when out of memory. */
char *nci_utf8_repair(const char *s, size_t n, size_t *outlen, size_t *repairs);

/* Decode the code point at s[*i] (valid UTF-8 assumed) and advance *i. */
static inline uint32_t nci_utf8_next(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    uint32_t c = p[0];
    if (c < 0x80) { *i += 1; return c; }
    if (c < 0xE0) { *i += 2; return ((c & 0x1F) << 6) | (p[1] & 0x3F); }
    if (c < 0xF0) { *i += 3; return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); }
    *i += 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Decode the code point ending before s[*i] (valid UTF-8) and move *i back. */
static inline uint32_t nci_utf8_prev(const char *s, size_t *i)
{
    size_t j = *i;
    do {
        j--;
    } while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
    size_t k = j;
    *i = j;
    return nci_utf8_next(s, &k);
}
#endif
