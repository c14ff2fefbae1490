/* Open-addressing hash set of short words (linear probing, load factor at
 * most 1/2), laid out so that a lookup touches few cache lines:
 *
 * - a filter of 2^12 bits (512 bytes, so that the filters of the sets
 *   in use stay in the first-level cache), one per hash of the length and
 *   the first, middle and last bytes of a word, rejects most words that
 *   are not in the set before the word is hashed, inline in the caller
 *   (nci_wordset_get() in wordset.h): on the BBC articles 94 lookups in
 *   100 end there;
 * - the word is read in 8-byte chunks, folded to lower case eight bytes at
 *   a time, and hashed one chunk at a time;
 * - a slot (16 bytes) holds a tag (part of the hash, and the length), the
 *   value and the first chunk, so a word of up to 8 bytes (most) is found
 *   or rejected reading its slots only; the other chunks of a longer word
 *   are in an array of their own;
 * - the table is sized for the words added (doubled as they come), not for
 *   the most a set may hold, so that it spans few cache lines. */
#include <stdlib.h>
#include <string.h>
#include "wordset.h"

#define CHUNKS ((NCI_WORD_MAX + 7) / 8)

/* A slot of the table (struct nci_wordset in wordset.h). */
typedef struct nci_wordset_slot {
    uint32_t tag; /* TAG(hash, length); 0: empty */
    uint32_t v;   /* the value; for a word of over 8 bytes, the offset in ents
                     of its value and its chunks after the first */
    uint64_t c0;  /* the first chunk */
} slot;

/* The high 24 bits of the hash (its low bits choose the slot) and the
 * length: never 0. */
#define TAG(h, n) (((h) & 0xFFFFFF00u) | (uint32_t)(n))

/* Bytes p[0..r) (1 <= r <= 8) as one integer, higher bytes zero.  Two
 * overlapping loads instead of a byte loop; the byte order does not matter
 * as long as adding and looking up read words the same way. */
static inline uint64_t load_chunk(const char *p, size_t r)
{
    if (r >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        return x;
    }
    if (r >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + r - 4, 4);
        return (uint64_t)a | ((uint64_t)b << (8 * (r - 4)));
    }
    if (r >= 2) {
        uint16_t a, b;
        memcpy(&a, p, 2);
        memcpy(&b, p + r - 2, 2);
        return (uint64_t)a | ((uint64_t)b << (8 * (r - 2)));
    }
    return (unsigned char)p[0];
}

/* ASCII 'A'..'Z' to lower case in all eight bytes; other bytes (UTF-8
 * included) unchanged.  Adding 0x80 - 'A' to the low seven bits sets bit 7
 * from 'A' up, adding 0x80 - 'Z' - 1 sets it above 'Z'; bytes with bit 7
 * already set are left out. */
static inline uint64_t fold8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t low7 = x & ~high;
    uint64_t ge_a = low7 + ones * (0x80 - 'A');
    uint64_t gt_z = low7 + ones * (0x80 - 'Z' - 1);
    uint64_t upper = ge_a & ~gt_z & ~x & high;
    return x | (upper >> 2);
}

/* The chunk of w[0..n) from byte i, folded when the set is caseless. */
static inline uint64_t chunk_at(const nci_wordset *ws, const char *w, size_t n, size_t i)
{
    uint64_t x = load_chunk(w + i, n - i);
    return ws->caseless ? fold8(x) : x;
}

/* The hash of a word of n bytes: started from n, mixed with each chunk,
 * finished to 32 bits. */
static inline uint64_t hash_mix(uint64_t h, uint64_t x)
{
    h = (h ^ x) * 0xFF51AFD7ED558CCDu;
    return h ^ (h >> 32);
}

static inline uint32_t hash_end(uint64_t h)
{
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 29;
    return (uint32_t)h;
}

#define HASH_START(n) (0x9E3779B97F4A7C15u ^ (uint64_t)(n))

/* Reads w[0..n) (1 <= n <= NCI_WORD_MAX) into chunks; returns its hash. */
static inline uint32_t read_word(const nci_wordset *ws, const char *w, size_t n, uint64_t c[CHUNKS])
{
    uint64_t h = HASH_START(n);
    for (size_t i = 0, k = 0; i < n; i += 8, k++) {
        c[k] = chunk_at(ws, w, n, i);
        h = hash_mix(h, c[k]);
    }
    return hash_end(h);
}

static inline void set_bit(uint64_t *bits, unsigned b)
{
    bits[b >> 6] |= (uint64_t)1 << (b & 63);
}

static nci_wordset *wordset_new(size_t max, int caseless)
{
    nci_wordset *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    size_t size = 16; /* doubled by grow() as words come */
    ws->slots = calloc(size, sizeof *ws->slots);
    /* at most: a value and CHUNKS - 1 chunks for each word */
    ws->ents = malloc((max ? max : 1) * CHUNKS * sizeof *ws->ents);
    if (!ws->slots || !ws->ents) {
        free(ws->slots);
        free(ws->ents);
        free(ws);
        return NULL;
    }
    ws->mask = size - 1;
    ws->max = max;
    ws->caseless = caseless;
    ws->fold_or = caseless ? 0x20 : 0;
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
    free(ws->ents);
    free(ws);
}

/* The chunks of the word in slot s (the first, and the others of a long
 * word), into c; returns its length. */
static size_t slot_word(const nci_wordset *ws, const slot *s, uint64_t c[CHUNKS])
{
    size_t n = s->tag & 0xFF;
    c[0] = s->c0;
    for (size_t k = 1; k * 8 < n; k++)
        c[k] = ws->ents[s->v + k];
    return n;
}

/* Whether slot s (whose tag agrees) holds the word of n > 8 bytes read
 * into c. */
static int same_long(const nci_wordset *ws, const slot *s, const uint64_t *c, size_t n)
{
    if (s->c0 != c[0])
        return 0;
    for (size_t k = 1; k * 8 < n; k++)
        if (ws->ents[s->v + k] != c[k])
            return 0;
    return 1;
}

/* Doubles the table, keeping the load at most 1/2; each word's slot is
 * found again from its hash.  Returns -1 when out of memory. */
static int grow(nci_wordset *ws)
{
    size_t size = (ws->mask + 1) * 2;
    slot *v = calloc(size, sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i <= ws->mask; i++) {
        const slot *s = &ws->slots[i];
        if (!s->tag)
            continue;
        uint64_t c[CHUNKS];
        size_t n = slot_word(ws, s, c);
        uint64_t h = HASH_START(n);
        for (size_t k = 0; k * 8 < n; k++)
            h = hash_mix(h, c[k]);
        size_t j = hash_end(h) & (size - 1);
        while (v[j].tag)
            j = (j + 1) & (size - 1);
        v[j] = *s;
    }
    free(ws->slots);
    ws->slots = v;
    ws->mask = size - 1;
    return 0;
}

int nci_wordset_add(nci_wordset *ws, const char *w, size_t n, int value)
{
    if (n == 0 || n > NCI_WORD_MAX || value <= 0)
        return -1;
    if (ws->count < ws->max && (ws->count + 1) * 2 > ws->mask + 1 && grow(ws))
        return -1;
    uint64_t c[CHUNKS];
    uint32_t h = read_word(ws, w, n, c), tag = TAG(h, n);
    for (size_t i = h & ws->mask;; i = (i + 1) & ws->mask) {
        slot *s = &ws->slots[i];
        if (!s->tag) {
            if (ws->count >= ws->max)
                return -1;
            s->tag = tag;
            s->c0 = c[0];
            s->v = (uint32_t)value;
            if (n > 8) { /* the value and the other chunks in ents */
                uint64_t *e = ws->ents + ws->nents;
                size_t nc = (n + 7) / 8;
                e[0] = (uint32_t)value;
                memcpy(e + 1, c + 1, (nc - 1) * sizeof *c);
                s->v = (uint32_t)ws->nents;
                ws->nents += nc;
            }
            ws->count++;
            set_bit(ws->filter, nci_wordset_filter_bit(ws, w, n));
            return 0;
        }
        if (s->tag == tag && (n <= 8 ? s->c0 == c[0] : same_long(ws, s, c, n)))
            return 0;
    }
}

int nci_wordset_probe(const nci_wordset *ws, const char *w, size_t n)
{
    if (n <= 8) {
        /* Most words: one chunk, kept in a register; the slots alone. */
        uint64_t x = chunk_at(ws, w, n, 0);
        uint32_t h = hash_end(hash_mix(HASH_START(n), x)), tag = TAG(h, n);
        for (size_t i = h & ws->mask;; i = (i + 1) & ws->mask) {
            const slot *s = &ws->slots[i];
            if (!s->tag)
                return 0;
            if (s->tag == tag && s->c0 == x)
                return (int)s->v;
        }
    }
    uint64_t c[CHUNKS];
    uint32_t h = read_word(ws, w, n, c), tag = TAG(h, n);
    for (size_t i = h & ws->mask;; i = (i + 1) & ws->mask) {
        const slot *s = &ws->slots[i];
        if (!s->tag)
            return 0;
        if (s->tag == tag && same_long(ws, s, c, n))
            return (int)(uint32_t)ws->ents[s->v];
    }
}
