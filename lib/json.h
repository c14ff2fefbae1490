/* JSON out: a growable buffer and writers for the output contract. */
#ifndef NC_JSON_H
#define NC_JSON_H
#include "internal.h"

typedef struct nci_buf {
    char *p;
    size_t n, cap;
    int oom; /* sticky: set when an append failed */
} nci_buf;

void nci_buf_put(nci_buf *b, const char *s, size_t n);
void nci_buf_puts(nci_buf *b, const char *s);
/* A JSON string literal of s[0..n) (valid UTF-8), or null when s is NULL. */
void nci_buf_str(nci_buf *b, const char *s, size_t n);
void nci_buf_cstr(nci_buf *b, const char *s);
/* A JSON number: integers exactly, others in the shortest form that reads
 * back equal; null for NaN or infinity (JSON has neither). */
void nci_buf_num(nci_buf *b, double v);
void nci_buf_int(nci_buf *b, long long v);
#endif
