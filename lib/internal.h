/* Private definitions shared by the modules of lib/.  Not installed. */
#ifndef NC_INTERNAL_H
#define NC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "newsclaims.h"

#define NCI_HIDDEN __attribute__((visibility("hidden")))

/* Largest document accepted: offsets are kept in 32 bits in hot arrays. */
#define NCI_MAX_DOC ((size_t)0x7fffffff)

/* error.c: fill an nc_error (if not NULL) and return code.  line/column are
 * 0 when unknown, offset -1. */
nc_status nci_error_set(nc_error *err, nc_status code, int64_t offset, int64_t line,
                        int64_t column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Line (1-based) and column (1-based, in code points) of byte offset off in
 * the valid-or-not UTF-8 text. */
void nci_line_col(const char *text, size_t len, size_t off, int64_t *line, int64_t *col);

/* alloc.c: checked allocation helpers. */
void *nci_grow(void *ptr, size_t *cap, size_t need, size_t elem);
char *nci_strndup(const char *s, size_t n);

#endif
