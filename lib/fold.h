/* Folded keys for matching names across spellings and documents: NFKD,
 * combining marks removed, Unicode case folding, apostrophes unified,
 * possessive 's dropped, white space collapsed, a leading "the " dropped,
 * and the periods of an acronym written with them dropped ("U.S." -> "us"). */
#ifndef NC_FOLD_H
#define NC_FOLD_H
#include "internal.h"

/* Fold s[0..n) (valid UTF-8) into a new NUL-terminated string; *outlen gets
 * its length.  Returns NULL when out of memory or on an ICU failure. */
char *nci_fold(const char *s, size_t n, size_t *outlen);

/* The same into out (room for n + 1 bytes), without allocating, when s[0..n)
 * is all ASCII: returns the folded length (out is NUL-terminated), or
 * SIZE_MAX when s is not ASCII (out holds nothing of use; call nci_fold). */
size_t nci_fold_ascii(const char *s, size_t n, char *out);
#endif
