/* A small immutable hash set of words (ASCII case folded) with a value per
 * word, for the closed word lists of the stages (month names, function
 * words...).  Built once per context; lookups allocate nothing. */
#ifndef NC_WORDSET_H
#define NC_WORDSET_H
#include "internal.h"

#define NCI_WORD_MAX 32

typedef struct nci_wordset nci_wordset;

/* An empty set with room for at most `max` words, folding ASCII case. */
nci_wordset *nci_wordset_new(size_t max);

/* The same, but matching bytes exactly (case-sensitive). */
nci_wordset *nci_wordset_new_exact(size_t max);
void nci_wordset_free(nci_wordset *ws);

/* Add w[0..n) (folded to ASCII lower case unless exact) with a value > 0.  Returns 0 on
 * success, -1 when full or the word is longer than NCI_WORD_MAX bytes or
 * empty.  A word already present keeps its first value. */
int nci_wordset_add(nci_wordset *ws, const char *w, size_t n, int value);

/* Value of w[0..n) (ASCII case-insensitive unless exact), or 0 when absent. */
int nci_wordset_get(const nci_wordset *ws, const char *w, size_t n);
#endif
