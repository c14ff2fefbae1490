/* JSON out: a growable buffer and writers for the output contract. */
#ifndef NC_JSON_H
#define NC_JSON_H
#include <string.h>
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
