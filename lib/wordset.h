/* A small immutable hash set of words (ASCII case folded) with a value per
 * word, for the closed word lists of the stages (month names, function
 * words...).  Built once per context; lookups allocate nothing. */
#ifndef NC_WORDSET_H
#define NC_WORDSET_H
#include "internal.h"

#define NCI_WORD_MAX 32

/* The layout is described in wordset.c; it is here only so that
 * nci_wordset_get() can make its quick rejection inline.  Callers use the
 * functions, never the fields. */
typedef struct nci_wordset {
    /* Per length: bits 0..255 the first bytes of the words of that length,
     * bits 256..511 their last bytes (both cases when caseless). */
    uint64_t seen[NCI_WORD_MAX + 1][8];
    struct nci_wordset_slot *slots;
    uint64_t *ents;
    size_t mask, count, max, nents;
    int caseless; /* fold ASCII case */
} nci_wordset;

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
static inline int nci_wordset_get(const nci_wordset *ws, const char *w, size_t n);

/* nci_wordset_get() for a word that passed the quick rejection. */
int nci_wordset_probe(const nci_wordset *ws, const char *w, size_t n);

/* Most words looked up are not in the set, and most of those are told
 * apart by their length and first and last bytes, inline, with no call
 * and no hashing. */
static inline int nci_wordset_get(const nci_wordset *ws, const char *w, size_t n)
{
    if (n - 1 >= NCI_WORD_MAX) /* n == 0 wraps around */
        return 0;
    unsigned a = (unsigned char)w[0], b = 256u + (unsigned char)w[n - 1];
    const uint64_t *bits = ws->seen[n];
    if (!((bits[a >> 6] >> (a & 63)) & (bits[b >> 6] >> (b & 63)) & 1))
        return 0;
    return nci_wordset_probe(ws, w, n);
}
#endif
