/* Open-addressing hash set of short words (FNV-1a over ASCII-folded bytes,
 * linear probing, load factor at most 1/2). */
#include <stdlib.h>
#include <string.h>
#include "wordset.h"

typedef struct {
    char w[NCI_WORD_MAX];
    unsigned char len;
    int value;
} slot;

struct nci_wordset {
    slot *slots;
    size_t mask, count, max;
    unsigned char caseless; /* fold ASCII case */
    /* Quick rejection before hashing: the lengths and first bytes the
     * words have.  Most lookups are of words that are not in the set. */
    size_t minlen, maxlen;
    unsigned char first[256];
};

#define fold(c) (ws->caseless && (c) >= 'A' && (c) <= 'Z' ? (unsigned char)((c) + 32) : (unsigned char)(c))

static inline uint32_t hash(const nci_wordset *ws, const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ fold((unsigned char)w[i])) * 16777619u;
    return h;
}

static nci_wordset *wordset_new(size_t max, int caseless)
{
    nci_wordset *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    size_t size = 16;
    while (size < max * 2)
        size *= 2;
    ws->slots = calloc(size, sizeof *ws->slots);
    if (!ws->slots) {
        free(ws);
        return NULL;
    }
    ws->mask = size - 1;
    ws->max = max;
    ws->caseless = (unsigned char)caseless;
    return ws;
}

nci_wordset *nci_wordset_new(size_t max)
{
    return wordset_new(max, 1);
}

nci_wordset *nci_wordset_new_exact(size_t max)
{
    return wordset_new(max, 0);
}

void nci_wordset_free(nci_wordset *ws)
{
    if (!ws)
        return;
    free(ws->slots);
    free(ws);
}

static int same(const nci_wordset *ws, const slot *s, const char *w, size_t n)
{
    if (s->len != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s->w[i] != (char)fold((unsigned char)w[i]))
            return 0;
    return 1;
}

int nci_wordset_add(nci_wordset *ws, const char *w, size_t n, int value)
{
    if (n == 0 || n > NCI_WORD_MAX || value <= 0)
        return -1;
    for (size_t i = hash(ws, w, n) & ws->mask;; i = (i + 1) & ws->mask) {
        slot *s = &ws->slots[i];
        if (!s->len) {
            if (ws->count >= ws->max)
                return -1;
            for (size_t k = 0; k < n; k++)
                s->w[k] = (char)fold((unsigned char)w[k]);
            s->len = (unsigned char)n;
            s->value = value;
            ws->count++;
            if (!ws->minlen || n < ws->minlen)
                ws->minlen = n;
            if (n > ws->maxlen)
                ws->maxlen = n;
            unsigned char c0 = (unsigned char)w[0];
            ws->first[c0] = 1;
            if (ws->caseless && c0 >= 'a' && c0 <= 'z')
                ws->first[c0 - 32] = 1;
            if (ws->caseless && c0 >= 'A' && c0 <= 'Z')
                ws->first[c0 + 32] = 1;
            return 0;
        }
        if (same(ws, s, w, n))
            return 0;
    }
}

int nci_wordset_get(const nci_wordset *ws, const char *w, size_t n)
{
    if (n < ws->minlen || n > ws->maxlen || n == 0 || !ws->first[(unsigned char)w[0]])
        return 0;
    for (size_t i = hash(ws, w, n) & ws->mask;; i = (i + 1) & ws->mask) {
        const slot *s = &ws->slots[i];
        if (!s->len)
            return 0;
        if (same(ws, s, w, n))
            return s->value;
    }
}
