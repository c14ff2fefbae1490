/* A small immutable hash set of words (ASCII case folded) with a value per
 * word, for the closed word lists of the stages (month names, function
 * words...).  Built once per context; lookups allocate nothing. */
#ifndef NC_WORDSET_H
#define NC_WORDSET_H
#include "internal.h"

#define NCI_WORD_MAX 32

/* Bits of the quick-rejection filter (a power of two). */
#define NCI_WORDSET_FILTER_BITS 12

/* The layout is described in wordset.c; it is here only so that
 * nci_wordset_get() can make its quick rejection inline.  Callers use the
 * functions, never the fields. */
typedef struct nci_wordset {
    /* A bit per hash of (length, first, middle and last byte) of the words
     * (bytes ORed with fold_or: 0x20 when caseless, so that both cases of
     * a letter give one key). */
    uint64_t filter[(1u << NCI_WORDSET_FILTER_BITS) / 64];
    unsigned fold_or;
    struct nci_wordset_slot *slots;
    uint64_t *ents;
    size_t mask, count, max, nents;
    int caseless; /* fold ASCII case */
} nci_wordset;

/* The filter bit of w[0..n), 1 <= n <= NCI_WORD_MAX. */
static inline uint32_t nci_wordset_filter_bit(const nci_wordset *ws, const char *w, size_t n)
{
    uint32_t o = ws->fold_or;
    uint32_t key = (((unsigned char)w[0] | o) << 16 | ((unsigned char)w[n >> 1] | o) << 8 |
                    ((unsigned char)w[n - 1] | o)) ^ ((uint32_t)n << 24);
    return (key * 0x9E3779B1u) >> (32 - NCI_WORDSET_FILTER_BITS);
}

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
 * apart by their length and first, middle and last bytes, inline, with no
 * call and no hashing of the whole word. */
static inline int nci_wordset_get(const nci_wordset *ws, const char *w, size_t n)
{
    if (n - 1 >= NCI_WORD_MAX) /* n == 0 wraps around */
        return 0;
    uint32_t b = nci_wordset_filter_bit(ws, w, n);
    if (!((ws->filter[b >> 6] >> (b & 63)) & 1))
        return 0;
    return nci_wordset_probe(ws, w, n);
}
#endif
