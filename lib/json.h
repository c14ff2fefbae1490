/* JSON out: a growable buffer and writers for the output contract. */
#ifndef NC_JSON_H
#define NC_JSON_H
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "internal.h"

typedef struct nci_buf {
    char *p;
    size_t n, cap;
    int oom; /* sticky: set when an append failed */
} nci_buf;

/* Make room for n more bytes (and a NUL); 0 on success, -1 (sticky oom)
 * on failure. */
int nci_buf_reserve(nci_buf *b, size_t n);

/* Room for n more bytes and the NUL: where they go, or NULL (oom).  The
 * caller writes at most n bytes there, then sets b->n and the NUL. */
static inline char *nci_buf_room(nci_buf *b, size_t n)
{
    if (b->n + n + 1 > b->cap && nci_buf_reserve(b, n))
        return NULL;
    return b->p + b->n;
}

static inline void nci_buf_put(nci_buf *b, const char *s, size_t n)
{
    char *p = nci_buf_room(b, n);
    if (!p)
        return;
    memcpy(p, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}
/* A string literal, without strlen: a key with its quotes and colon, a
 * bracket. */
#define NCI_BUF_LIT(b, lit) nci_buf_put((b), "" lit, sizeof(lit) - 1)
void nci_buf_puts(nci_buf *b, const char *s);
extern const unsigned char nci_json_stop[256];

/* Copies s[i..) to *o up to the first byte a JSON string can't hold as it
 * is ('"', '\\', a control character; and 0xE2 when e2 is set), or to n;
 * returns that index (i <= n) and moves *o past the bytes copied.
 * s[0..avail) may be read (avail >= n).  Strings are mostly such bytes: 16
 * are scanned and stored at a time, so up to 16 bytes past the copy may be
 * written (the caller's slack), and with avail > n (a piece of a larger
 * text) whole blocks go on to the end of the piece.  Inline: e2 is a
 * constant of each caller. */
static inline size_t nci_json_copy_plain(char **o, const char *s, size_t i, size_t n, size_t avail, int e2)
{
    char *out = *o;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i lead = _mm_set1_epi8((char)0xE2), ctl = _mm_set1_epi8(0x1F);
    while (i < n && avail - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)out, v);
        /* min(v, 0x1F) == v: v is a control character */
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v));
        if (e2)
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, lead));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (n - i < 16)
            mask |= 1u << (n - i); /* the end of the piece stops it too */
        if (mask) {
            unsigned k = (unsigned)__builtin_ctz(mask);
            *o = out + k;
            return i + k;
        }
        out += 16;
        i += 16;
    }
#else
    (void)avail;
#endif
    unsigned stop = e2 ? 3 : 1;
    while (i < n && !(nci_json_stop[(unsigned char)s[i]] & stop))
        *out++ = s[i++];
    *o = out;
    return i;
}
/* A JSON string literal of s[0..n) (valid UTF-8), or null when s is NULL. */
void nci_buf_str(nci_buf *b, const char *s, size_t n);
void nci_buf_cstr(nci_buf *b, const char *s);
/* A JSON number: integers exactly, others in the shortest form that reads
 * back equal; null for NaN or infinity (JSON has neither). */
void nci_buf_num(nci_buf *b, double v);
void nci_buf_int(nci_buf *b, long long v);
/* The decimal digits of v (with a '-' when negative) at the end of out:
 * they start at out + 24 - the returned length.  No printf. */
size_t nci_fmt_int(char out[24], long long v);
#endif
