/* Statistical NER tagger: features, model file, decoding.  See tagger.h.
 *
 * Why it is shaped this way:
 * - Candidates.  A token is scored only if it could be part of a name: it
 *   has an upper-case letter, or it is a name-internal connector ("of",
 *   "de", "van", "-", ...) or a number between capitalised tokens, or it is
 *   an "@" mention; a function word opening a sentence ("The", "However")
 *   before a lower-case word is not.  Everything else is O by construction.
 *   In news about
 *   one token in six is a candidate (measured on GUM: 16%), and a sentence
 *   without candidates costs one scan.  Runs of candidates are decoded
 *   independently (the O tokens around them cut the Markov chain), which is
 *   exact for a first-order model.
 * - Features are 64-bit hashes of (template, values), built from per-token
 *   hashes computed once; no feature string is ever built.  The model looks
 *   them up in an open-addressed table with a 16-bit check, probing at most
 *   NCI_MAX_PROBE slots (so a corrupt model can't make decoding loop).
 * - Headlines ("Venezuela Frees Prisoners", all-caps lines): shape features
 *   get separate templates there, so capitalisation alone doesn't make an
 *   entity where every word is capitalised; sentence-initial tokens get
 *   their own shape templates for the same reason.
 * - Runs: every token of a run of candidates also sees the run's first and
 *   last words, its length and its own position in it ("... Football Club",
 *   "University of ..."): +2 points F1 on GUM dev.
 * - Neighbours: the last three letters of the words before and after,
 *   the shapes two words away, and the position in the sentence: with the
 *   administrative-division gazetteer, +0.9 points F1 on GUM dev and +1.3
 *   on the wikigold held-out fifth (tagger on CoNLL tokens, one pass).
 * - Document evidence: (a) is this word written in lower case elsewhere in
 *   the document, or capitalised mid-sentence elsewhere (for sentence-
 *   initial words); is it first, inside or last of a run of capitalised
 *   words elsewhere, and the last word of that run; is it the acronym of
 *   such a run ("FLP" after "Fiji Labour Party"); (b) the labels the tagger
 *   gave the same word in earlier sentences; (c) in nci_tagger_tag_doc's
 *   second pass, the labels of the first pass elsewhere in the document
 *   (never the token's own: that taught the model to copy its first pass).
 *   The second pass rescores only the label features: everything else is
 *   cached from the first.
 */
/* madvise (Linux): the big tables are asked for in 2 MB pages */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1
#endif
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <unicode/uchar.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define NT NCI_TAG_COUNT
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif
#define NCI_MAX_PROBE 64
#define NCI_GAZ_MAXLEN 6
/* Most features one token can have: 33 of the word and its context, 6 per
 * gazetteer category (x 7), 4 document statistics, 2 label features = 81;
 * rounded up. */
#define NCI_MAX_TOKEN_FEATS 96
/* Zeros after a sentence's features: what tag_piece prefetches ahead. */
#define PF_DIST 24
/* Longest sentence given to nci_tagger_features; tagging cuts longer ones
 * into pieces of this size (feature offsets are 32-bit). */
#define NCI_MAX_SENT ((size_t)1 << 20)

/* ------------------------------------------------------------------ */
/* Labels */

static const char *const tag_names[NT] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"};

const char *nci_tag_name(unsigned tag)
{
    return tag < NT ? tag_names[tag] : "?";
}

int nci_tag_from_name(const char *s, size_t len)
{
    for (int t = 0; t < NT; t++)
        if (strlen(tag_names[t]) == len && memcmp(tag_names[t], s, len) == 0)
            return t;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Zeroed memory for a table read at random (the weights, the word cache).
 * On Linux a table of 1 MB or more is asked for in 2 MB pages: lookups all
 * over 2-4 MB of 4 KB pages miss the TLB on almost every feature.  The
 * kernel may refuse (transparent huge pages off); the table works the same
 * then.  Free with free(). */
static void *table_alloc(size_t size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const size_t huge = (size_t)2 << 20;
    if (size >= huge / 2 && size <= SIZE_MAX - huge) {
        size_t sz = (size + huge - 1) / huge * huge;
        void *p = aligned_alloc(huge, sz);
        if (!p)
            return NULL;
        (void)madvise(p, sz, MADV_HUGEPAGE);
        memset(p, 0, size);
        return p;
    }
#endif
    return calloc(1, size ? size : 1);
}

#define HUGE_PAGE ((size_t)2 << 20)
#define WC_BYTES ((size_t)4 << 20) /* the word cache (below) */
#define STOP_MEMO_BITS 5

/* The word cache's table, WC_BYTES zeroed.  On Linux, pages straight from
 * the kernel, which zeroes them (table_alloc's memset would write the 4 MB
 * a second time for each document state), in 2 MB pages where it may.
 * Free with wc_free. */
static void *wc_alloc(void)
{
#if defined(__linux__) && defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
    char *p = mmap(NULL, WC_BYTES + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    /* keep the 2 MB-aligned WC_BYTES inside */
    size_t head = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (head)
        munmap(p, head);
    if (HUGE_PAGE - head)
        munmap(p + head + WC_BYTES, HUGE_PAGE - head);
    (void)madvise(p + head, WC_BYTES, MADV_HUGEPAGE);
    return p + head;
#else
    return table_alloc(WC_BYTES);
#endif
}

static void wc_free(void *wc)
{
#if defined(__linux__) && defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
    if (wc)
        munmap(wc, WC_BYTES);
#else
    free(wc);
#endif
}

/* ------------------------------------------------------------------ */
/* Hashing */

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static inline uint64_t hc(uint64_t a, uint64_t b)
{
    return mix64(a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL);
}

#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t fnv_cp(uint64_t h, uint32_t cp)
{
    return (h ^ cp) * FNV_PRIME;
}

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Decode one code point at s[*i] (i < n); invalid or truncated sequences are
 * read as U+FFFD, one byte. */
static inline uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    unsigned c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    size_t k;
    uint32_t cp, min;
    if (c >= 0xc2 && c <= 0xdf) {
        k = 1;
        cp = c & 0x1f;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        k = 2;
        cp = c & 0x0f;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        k = 3;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        (*i)++;
        return 0xfffd;
    }
    if (*i + k >= n) {
        (*i)++;
        return 0xfffd;
    }
    for (size_t j = 1; j <= k; j++) {
        unsigned b = s[*i + j];
        if ((b & 0xc0) != 0x80) {
            (*i)++;
            return 0xfffd;
        }
        cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        (*i)++;
        return 0xfffd;
    }
    *i += k + 1;
    return cp;
}

static inline int cp_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
}

static inline int cp_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return u_islower((UChar32)cp);
}

static inline int cp_alpha(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return u_isalpha((UChar32)cp);
}

static inline int cp_digit(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return u_isdigit((UChar32)cp);
}

static inline uint32_t cp_tolower(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return (uint32_t)u_tolower((UChar32)cp);
}

/* ------------------------------------------------------------------ */
/* Token analysis */

enum {
    TF_UPPER = 1,      /* has an upper-case letter */
    TF_INITCAP = 2,    /* first letter upper case */
    TF_ALLCAPS = 4,    /* >= 2 letters, all upper case */
    TF_DIGIT = 8,      /* has a digit */
    TF_ALPHA = 16,     /* has a letter */
    TF_LOWWORD = 32,   /* starts with a lower-case letter, no upper case */
    TF_PUNCT = 64,     /* no letter and no digit */
    TF_CONN = 128      /* name-internal connector word */
};

typedef struct tokinfo {
    uint64_t form, lower, shape;
    uint64_t pre[4], suf[4];
    uint8_t flags, ncp, full, npre, nsuf;
} tokinfo;

/* n <= 8 bytes at p as a little-endian number. */
static inline uint64_t load_le(const unsigned char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n == 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    if (n == 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    if (n == 2) {
        uint16_t v;
        memcpy(&v, p, 2);
        return v;
    }
#endif
    uint64_t v = 0;
    for (size_t k = 0; k < n; k++)
        v |= (uint64_t)p[k] << (8 * k);
    return v;
}

/* The 1 <= len <= 8 bytes at p as a little-endian number (zero above),
 * read with overlapping loads, never outside them. */
static inline uint64_t load_upto8(const unsigned char *p, size_t len)
{
    if (len >= 4)
        return load_le(p, 4) | load_le(p + len - 4, 4) << (8 * (len - 4));
    if (len >= 2)
        return load_le(p, 2) | load_le(p + len - 2, 2) << (8 * (len - 2));
    return p[0];
}

/* Connector words are told by their bytes as one number with the length
 * above them (a switch: a few comparisons, no memcmp). */
#define PK(a, b, c, d, e, n)                                                                   \
    ((uint64_t)(unsigned char)(a) | (uint64_t)(unsigned char)(b) << 8 |                        \
     (uint64_t)(unsigned char)(c) << 16 | (uint64_t)(unsigned char)(d) << 24 |                 \
     (uint64_t)(unsigned char)(e) << 32 | (uint64_t)(n) << 40)
#define K1(a) PK(a, 0, 0, 0, 0, 1)
#define K2(a, b) PK(a, b, 0, 0, 0, 2)
#define K3(a, b, c) PK(a, b, c, 0, 0, 3)
#define K4(a, b, c, d) PK(a, b, c, d, 0, 4)
#define K5(a, b, c, d, e) PK(a, b, c, d, e, 5)

/* Lower-case connector words that occur inside names ("University of
 * Chicago", "Bank of the West", "Vincent van Gogh", "Guinea - Bissau" with
 * GUM's split hyphens).  Measured: with these, 98% of entity tokens in GUM
 * and wikigold are candidates. */
static int is_connector(const char *p, size_t len)
{
    if (len == 0 || len > 5)
        return 0;
    switch (load_upto8((const unsigned char *)p, len) | (uint64_t)len << 40) {
    case K2('o', 'f'): case K3('t', 'h', 'e'): case K2('d', 'e'): case K3('d', 'e', 'l'):
    case K5('d', 'e', 'l', 'l', 'a'): case K2('d', 'i'): case K2('d', 'a'): case K2('d', 'o'):
    case K3('d', 'o', 's'): case K3('d', 'a', 's'): case K2('d', 'u'): case K3('v', 'a', 'n'):
    case K3('v', 'o', 'n'): case K3('d', 'e', 'r'): case K3('d', 'e', 'n'): case K2('l', 'a'):
    case K2('l', 'e'): case K3('l', 'e', 's'): case K2('e', 'l'): case K2('a', 'l'):
    case K3('b', 'i', 'n'): case K3('i', 'b', 'n'): case K1('y'): case K3('u', 'n', 'd'):
    case K3('a', 'n', 'd'): case K1('&'): case K3('f', 'o', 'r'): case K2('o', 'n'):
    case K4('u', 'p', 'o', 'n'): case K1('-'): case K2('\'', 's'): case K1('e'): case K2('z', 'u'):
    case K2('a', 't'): case K3('s', 't', '.'): case K5('&', 'a', 'm', 'p', ';'):
        return 1;
    default:
        return 0;
    }
}
#undef PK
#undef K1
#undef K2
#undef K3
#undef K4
#undef K5

#define BYTES_ONES 0x0101010101010101ULL
#define BYTES_HIGH 0x8080808080808080ULL

/* The high bit of each byte of w (all bytes < 0x80) that is in [lo, hi]:
 * adding 0x80 - lo sets it from lo up, adding 0x7f - hi from hi + 1 up,
 * and no byte carries into the next. */
static inline uint64_t bytes_in(uint64_t w, unsigned lo, unsigned hi)
{
    return (w + BYTES_ONES * (0x80 - lo)) & ~(w + BYTES_ONES * (0x7f - hi)) & BYTES_HIGH;
}

/* tok_flags of an ASCII token of at most 16 bytes, its first 8 (or fewer)
 * in w (load_upto8), the rest in w2 (0 if none), with no branch on its
 * letters. */
static inline uint8_t ascii_flags(uint64_t w, uint64_t w2)
{
    uint64_t lo = bytes_in(w, 'a', 'z'), up = bytes_in(w, 'A', 'Z'), dg = bytes_in(w, '0', '9');
    uint64_t lo2 = bytes_in(w2, 'a', 'z'), up2 = bytes_in(w2, 'A', 'Z'), dg2 = bytes_in(w2, '0', '9');
    uint64_t let = lo | up, let2 = lo2 | up2;
    unsigned nlet = (unsigned)(((let >> 7) * BYTES_ONES) >> 56) + (unsigned)(((let2 >> 7) * BYTES_ONES) >> 56);
    uint8_t f = 0;
    f |= up | up2 ? TF_UPPER : 0;
    /* the first letter */
    f |= (let ? let & (0 - let) & up : let2 & (0 - let2) & up2) ? TF_INITCAP : 0;
    f |= nlet >= 2 && !(lo | lo2) ? TF_ALLCAPS : 0;
    f |= dg | dg2 ? TF_DIGIT : 0;
    f |= let | let2 ? TF_ALPHA : 0;
    f |= (let | let2) && !(up | up2) ? TF_LOWWORD : 0;
    f |= !(let | let2) && !(dg | dg2) ? TF_PUNCT : 0;
    return f;
}

/* Function words that start sentences ("The", "However", "After"): when such
 * a word opens a sentence and the next word is not capitalised, it is not a
 * candidate.  Keeps sentence-initial capitals from becoming entities by
 * shape, and saves work.  Sorted; at most 9 bytes, zeros after. */
static const char initial_stop[][10] = {
    "a", "about", "according", "after", "again", "against", "all", "almost", "also", "although",
    "among", "an", "and", "another", "any", "are", "around", "as", "at", "because", "before",
    "being", "between", "both", "but", "by", "can", "could", "despite", "did", "do", "does",
    "during", "each", "earlier", "even", "every", "few", "for", "from", "had", "has", "have", "he",
    "her", "here", "his", "how", "however", "if", "in", "instead", "into", "is", "it", "its",
    "just", "last", "later", "many", "may", "meanwhile", "more", "most", "much", "my", "no", "not",
    "now", "of", "on", "once", "one", "only", "or", "other", "our", "over", "she", "should",
    "since", "so", "some", "still", "such", "than", "that", "the", "their", "then", "there",
    "these", "they", "this", "those", "though", "through", "to", "today", "two", "under", "unlike",
    "until", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
    "why", "will", "with", "within", "without", "would", "yes", "yet", "you", "your"};

/* The 8 bytes of w as a number that orders as the bytes in memory do. */
static inline uint64_t bytes_order(uint64_t w)
{
#if defined(__GNUC__)
    return __builtin_bswap64(w);
#else
    uint64_t v = 0;
    for (unsigned k = 0; k < 8; k++)
        v = v << 8 | ((w >> (8 * k)) & 0xff);
    return v;
#endif
}

/* The len bytes at p, case aside, are a word of initial_stop: a binary
 * search on the first eight bytes as one number, then the ninth. */
static int is_initial_stop(const char *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p;
    if (len == 0 || len > 9)
        return 0;
    size_t l8 = len < 8 ? len : 8;
    uint64_t w = load_upto8(s, l8);
    unsigned c8 = len == 9 ? s[8] : 0;
    /* ASCII, no NUL byte (the words have none) */
    if ((w & BYTES_HIGH) || bytes_in(w, 1, 0x7f) != BYTES_HIGH >> (8 * (8 - l8)) || c8 >= 0x80 ||
        (len == 9 && c8 == 0))
        return 0;
    w = bytes_order(w + (bytes_in(w, 'A', 'Z') >> 2)); /* lower case */
    c8 += c8 - 'A' < 26u ? 32u : 0u;
    size_t lo = 0, hi = sizeof initial_stop / sizeof initial_stop[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint64_t r = bytes_order(load_le((const unsigned char *)initial_stop[mid], 8));
        unsigned r8 = (unsigned char)initial_stop[mid][8];
        if (r == w && r8 == c8)
            return 1;
        if (r < w || (r == w && r8 < c8))
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ASCII classes: 1 lower, 2 upper, 3 digit */
static const uint8_t ascii_cls[128] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3,
    ['8'] = 3, ['9'] = 3, ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
    ['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2,
    ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2,
    ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1};

/* Cheap pass: flags only (lex_fill reads short ASCII tokens by ascii_flags). */
static uint8_t tok_flags(const char *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    int nlet = 0, nup = 0, first_letter = -1, dig = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            unsigned c = ascii_cls[s[i++]];
            if (c == 3) {
                dig = 1;
            } else if (c) {
                int up = c == 2;
                if (first_letter < 0)
                    first_letter = up;
                nlet++;
                nup += up;
            }
            continue;
        }
        uint32_t cp = utf8_next(s, len, &i);
        if (cp_alpha(cp)) {
            int up = cp_upper(cp);
            if (first_letter < 0)
                first_letter = up;
            nlet++;
            nup += up;
        } else if (cp_digit(cp)) {
            dig = 1;
        }
    }
    uint8_t f = 0;
    if (nup)
        f |= TF_UPPER;
    if (first_letter == 1)
        f |= TF_INITCAP;
    if (nlet >= 2 && nup == nlet)
        f |= TF_ALLCAPS;
    if (dig)
        f |= TF_DIGIT;
    if (nlet)
        f |= TF_ALPHA;
    if (nlet && !nup && first_letter == 0)
        f |= TF_LOWWORD;
    if (!nlet && !dig)
        f |= TF_PUNCT;
    /* TF_CONN is set by the callers, only next to capitalised words */
    return f;
}

/* Hash of the lower-cased token (also the key of document statistics and of
 * gazetteer entries). */
static uint64_t lower_hash(const char *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p;
    uint64_t h = FNV_OFF;
    size_t i = 0;
    /* ASCII up to 8 bytes at a time, lower-cased at once */
    while (i < len) {
        size_t r = len - i < 8 ? len - i : 8;
        uint64_t w = load_upto8(s + i, r);
        if (w & BYTES_HIGH)
            break;
        w += bytes_in(w, 'A', 'Z') >> 2;
        for (size_t k = 0; k < r; k++, w >>= 8)
            h = fnv_cp(h, (uint32_t)(w & 0xff));
        i += r;
    }
    while (i < len) {
        uint32_t cp = s[i] < 0x80 ? s[i++] : utf8_next(s, len, &i);
        h = fnv_cp(h, cp_tolower(cp));
    }
    return mix64(h ^ len);
}

/* A 4096-bit filter over (first two bytes, lower-cased if ASCII; length) of
 * the capitalised words of a document, so that counting lower-case
 * occurrences hashes only the lower-case words that may match one: the
 * bit of a word whose first two bytes so lower-cased are c01 (the second
 * in bits 8-15, 0 if none).  A multiplication, its top 12 bits: the
 * callers have c01 in a register. */
static inline uint16_t filter_bit(unsigned c01, size_t len)
{
    return (uint16_t)(((c01 ^ (unsigned)len << 16) * 0x9e3779b1u) >> 20);
}

/* The filter bit of the lower-case words that start with a non-ASCII
 * character (LX_LOWU: their capitalised forms may start otherwise),
 * always set, so that the filter is one test for every word. */
#define FILTER_ANY 4096u

/* filter_bit of the token of len >= 1 bytes at p. */
static inline uint16_t cap_filter_bit(const char *p, size_t len)
{
    unsigned c0 = (unsigned char)p[0], c1 = len > 1 ? (unsigned char)p[1] : 0;
    if (c0 >= 'A' && c0 <= 'Z')
        c0 += 32;
    if (c1 >= 'A' && c1 <= 'Z')
        c1 += 32;
    return filter_bit(c0 | c1 << 8, len);
}

/* What the tagger reads of every token of a document (the one given to
 * nci_tagger_doc_observe_all) or of one sentence (the other calls), from
 * one pass over it (lex_fill): flags (tok_flags), LX_* bits and
 * cap_filter_bit, and the lower-case hash (lower_hash), computed the first
 * time it is asked for (lex_lower): most tokens are never looked up.  Kept
 * as arrays, not records, so that the bit masks of the flags are made 16
 * tokens at a time: the per-token loops over sentences (candidates,
 * document statistics) then look at 64 tokens at once, and most tokens
 * (lower-case words) are never visited one by one. */
enum {
    LX_AT = 1,   /* the token is "@" */
    LX_LONG = 2, /* four bytes or more */
    /* what the document statistics (doc_observe_phase) count: */
    LX_CAPW = 4, /* starts with an upper-case ASCII letter or a non-ASCII
                  * character, first letter upper case */
    LX_LOWA = 8, /* two bytes or more, starts with a lower-case ASCII letter */
    LX_LOWU = 16, /* two bytes or more, starts with a non-ASCII character,
                   * TF_LOWWORD */
    LX_HASLOWER = 32, /* lower[i] is set */
    LX_LOW = 64       /* LX_LOWA or LX_LOWU */
};

/* The masks: token i is bit i % 64 of word i / 64 of m[LM_*]. */
enum { LM_UPPER, LM_DIGIT, LM_ALPHA, LM_ALLCAPS, LM_INITCAP, LM_LONG, LM_AT, LM_CAPW, LM_LOW, LM_COUNT };

/* Mask k has the tokens with bit number bit of fl (x == 0) or of x (x == 1):
 * X(k, x, bit) for each mask (as constants, so that lex_masks's shifts
 * are immediates). */
#define LM_SPECS(X)                                                                            \
    X(LM_UPPER, 0, 0)    /* TF_UPPER */                                                        \
    X(LM_INITCAP, 0, 1)  /* TF_INITCAP */                                                      \
    X(LM_ALLCAPS, 0, 2)  /* TF_ALLCAPS */                                                      \
    X(LM_DIGIT, 0, 3)    /* TF_DIGIT */                                                        \
    X(LM_ALPHA, 0, 4)    /* TF_ALPHA */                                                        \
    X(LM_AT, 1, 0)       /* LX_AT */                                                           \
    X(LM_LONG, 1, 1)     /* LX_LONG */                                                         \
    X(LM_CAPW, 1, 2)     /* LX_CAPW */                                                         \
    X(LM_LOW, 1, 6)      /* LX_LOW */
#define LM_SPEC_ENTRY(k, xx, b) [k] = {xx, b},
static const struct {
    uint8_t x, bit;
} lm_spec[LM_COUNT] = {LM_SPECS(LM_SPEC_ENTRY)};
#undef LM_SPEC_ENTRY
_Static_assert(TF_UPPER == 1 && TF_INITCAP == 2 && TF_ALLCAPS == 4 && TF_DIGIT == 8 && TF_ALPHA == 16 &&
                   LX_AT == 1 && LX_LONG == 2 && LX_CAPW == 4 && LX_LOW == 64,
               "lm_spec's bit numbers");

typedef struct lexarr {
    const nci_tagger_token *toks;
    size_t n, cap;
    uint8_t *fl, *x;
    uint16_t *fb; /* filter_bit, for LX_CAPW and LX_LOWA; FILTER_ANY for LX_LOWU */
    uint64_t *lower;
    uint64_t *m[LM_COUNT]; /* n / 64 + 3 words each (the last ones zero) */
} lexarr;

static void lex_free(lexarr *L)
{
    free(L->fl);
    free(L->lower);
    free(L->m[0]);
}

static nc_status lex_reserve(lexarr *L, size_t n)
{
    if (n <= L->cap && L->fl)
        return NC_OK;
    size_t c = n + n / 2 + 16, words = c / 64 + 3;
    uint8_t *b = malloc(c * 4); /* fl, x, fb */
    uint64_t *lw = malloc(c * sizeof *lw), *mw = malloc(words * LM_COUNT * sizeof *mw);
    if (!b || !lw || !mw) {
        free(b);
        free(lw);
        free(mw);
        return NC_ENOMEM;
    }
    lex_free(L);
    L->fl = b;
    L->x = b + c;
    L->fb = (uint16_t *)(void *)(b + 2 * c);
    L->lower = lw;
    for (unsigned k = 0; k < LM_COUNT; k++)
        L->m[k] = mw + k * words;
    L->cap = c;
    return NC_OK;
}

static inline uint64_t lex_lower(lexarr *L, size_t i)
{
    if (!(L->x[i] & LX_HASLOWER)) {
        const nci_tagger_token *t = &L->toks[i];
        L->lower[i] = lower_hash(t->ptr ? t->ptr : "", t->ptr ? t->len : 0);
        L->x[i] |= LX_HASLOWER;
    }
    return L->lower[i];
}

/* Bit j of the result: byte j of w is not zero. */
static inline unsigned bytes_nonzero(uint64_t w)
{
    uint64_t nz = ((w & ~BYTES_HIGH) + ~BYTES_HIGH) | w; /* high bit: byte != 0 */
    return (unsigned)((((nz & BYTES_HIGH) >> 7) * 0x0102040810204080ULL) >> 56);
}

/* The masks of L's n tokens from its fl and x. */
static void lex_masks(lexarr *L)
{
    size_t n = L->n, words = n / 64 + 3, i = 0;
    for (unsigned k = 0; k < LM_COUNT; k++)
        memset(L->m[k], 0, words * sizeof *L->m[k]);
#if defined(__SSE2__)
    /* 64 tokens at a time: each mask's bits of 16 bytes by one shift of
     * the bit to the bytes' top and one movemask */
    for (; i + 64 <= n; i += 64) {
        uint64_t w[LM_COUNT] = {0};
        for (size_t j = 0; j < 64; j += 16) {
            __m128i v[2] = {_mm_loadu_si128((const __m128i *)(const void *)(L->fl + i + j)),
                            _mm_loadu_si128((const __m128i *)(const void *)(L->x + i + j))};
#define LM_GATHER(k, xx, b) w[k] |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16(v[xx], 7 - (b))) << j;
            LM_SPECS(LM_GATHER)
#undef LM_GATHER
        }
        for (unsigned k = 0; k < LM_COUNT; k++)
            L->m[k][i / 64] = w[k];
    }
#endif
    /* 8 at a time: bit 0 of each byte gathered by a multiplication */
    for (; i + 8 <= n; i += 8) {
        uint64_t v[2] = {load_le(L->fl + i, 8), load_le(L->x + i, 8)};
        for (unsigned k = 0; k < LM_COUNT; k++) {
            uint64_t b = (v[lm_spec[k].x] >> lm_spec[k].bit) & BYTES_ONES;
            L->m[k][i / 64] |= ((b * 0x0102040810204080ULL) >> 56) << (i % 64);
        }
    }
    for (; i < n; i++)
        for (unsigned k = 0; k < LM_COUNT; k++)
            L->m[k][i / 64] |= (uint64_t)(((lm_spec[k].x ? L->x[i] : L->fl[i]) >> lm_spec[k].bit) & 1u)
                               << (i % 64);
}

/* Bits of tokens pos .. pos + 63 (pos <= n + 64) of mask m (of L's n
 * tokens), those after the last token 0. */
static inline uint64_t mask_at(const uint64_t *m, size_t pos)
{
    unsigned s = pos % 64;
    return m[pos / 64] >> s | (m[pos / 64 + 1] << 1) << (63 - s);
}

/* Bits of tokens pos .. pos + 63 (pos > -64, pos <= n + 64) of mask m, those outside
 * [lo, hi) cleared. */
static inline uint64_t bits_at(const uint64_t *m, size_t lo, size_t hi, ptrdiff_t pos)
{
    uint64_t v;
    if (pos < 0) {
        v = m[0] << (-pos);
    } else {
        size_t w = (size_t)pos / 64, s = (size_t)pos % 64;
        v = s ? m[w] >> s | m[w + 1] << (64 - s) : m[w];
    }
    if ((ptrdiff_t)lo > pos) {
        size_t k = (size_t)((ptrdiff_t)lo - pos);
        v = k >= 64 ? 0 : v >> k << k;
    }
    if ((ptrdiff_t)hi < pos + 64) {
        ptrdiff_t k = (ptrdiff_t)hi - pos;
        v = k <= 0 ? 0 : v & (~0ULL >> (64 - k));
    }
    return v;
}

/* The len > 8 bytes at p are all lower-case ASCII letters: up to 16 bytes
 * as two overlapping words, more one by one.  (bytes_in of a byte of 0x80
 * or more is 0, whatever the carries of the others.) */
static inline int is_lower_word(const unsigned char *p, size_t len)
{
    if (len <= 16)
        return (bytes_in(load_le(p, 8), 'a', 'z') & bytes_in(load_le(p + len - 8, 8), 'a', 'z')) ==
               BYTES_HIGH;
    size_t k = 0;
    while (k < len && (unsigned)(p[k] - 'a') < 26u)
        k++;
    return k == len;
}

/* LX_* bits and cap_filter_bit (*fb) of an ASCII token of 1 <= len <= 16
 * bytes, its first 8 (or fewer) w (load_upto8), that is not a lower-case
 * word. */
static inline uint8_t ascii_lx(uint64_t w, size_t len, uint16_t *fb)
{
    unsigned c0 = (unsigned)(w & 0xff);
    uint8_t b = len == 1 && c0 == '@' ? LX_AT : 0;
    b |= c0 - 'A' < 26u ? LX_CAPW : 0;
    b |= len >= 2 && c0 - 'a' < 26u ? LX_LOWA | LX_LOW : 0;
    if (b & (LX_CAPW | LX_LOWA)) {
        uint64_t lw = w + (bytes_in(w, 'A', 'Z') >> 2); /* lower case */
        *fb = filter_bit((unsigned)(lw & 0xffff), len);
    }
    return b;
}

/* lex_fill of a token of 1 <= len bytes that is not ASCII of at most 8:
 * its flags into *f and cap_filter_bit into *fb; returns its LX_* bits
 * but LX_LONG. */
static uint8_t lex_long(const unsigned char *p, size_t len, uint8_t *f, uint16_t *fb)
{
    uint8_t b = 0;
    if (len > 8 && is_lower_word(p, len)) {
        *f = TF_ALPHA | TF_LOWWORD;
        *fb = filter_bit(p[0] | (unsigned)p[1] << 8, len);
        return LX_LOWA | LX_LOW;
    }
    if (len > 8 && len <= 16) { /* ASCII in two words ("Washington") */
        uint64_t w = load_le(p, 8), w2 = load_upto8(p + 8, len - 8);
        if (!((w | w2) & BYTES_HIGH)) {
            *f = ascii_flags(w, w2);
            return ascii_lx(w, len, fb);
        }
    }
    unsigned c0 = p[0];
    *f = tok_flags((const char *)p, len);
    b |= len == 1 && c0 == '@' ? LX_AT : 0;
    b |= (c0 >= 0x80 ? (*f & TF_INITCAP) != 0 : c0 - 'A' < 26u) ? LX_CAPW : 0;
    if (len >= 2)
        b |= c0 < 0x80 ? (c0 - 'a' < 26u ? LX_LOWA : 0) : (*f & TF_LOWWORD ? LX_LOWU : 0);
    b |= b & (LX_LOWA | LX_LOWU) ? LX_LOW : 0;
    if (b & (LX_CAPW | LX_LOWA))
        *fb = cap_filter_bit((const char *)p, len);
    else if (b & LX_LOWU)
        *fb = FILTER_ANY;
    return b;
}

/* The lexical pass over toks[0..n) into L. */
static nc_status lex_fill(lexarr *L, const nci_tagger_token *toks, size_t n)
{
    nc_status st = lex_reserve(L, n);
    if (st)
        return st;
    L->toks = toks;
    L->n = n;
    uint8_t *fls = L->fl, *xs = L->x;
    uint16_t *fbs = L->fb;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)toks[i].ptr;
        size_t len = p ? toks[i].len : 0;
        /* (a token without bytes is no letter: LM_LONG is read with LM_ALPHA) */
        uint8_t b = len >= 4 ? LX_LONG : 0, f = TF_PUNCT;
        uint16_t fb = 0;
        uint64_t w = len - 1 < 8 ? load_upto8(p, len) : BYTES_HIGH;
        if (!(w & BYTES_HIGH)) {
            /* most tokens: ASCII of at most 8 bytes, one word read */
            if (len == 1) {
                /* punctuation mostly: ascii_flags and ascii_lx by its class */
                static const uint8_t cls_flags[4] = {TF_PUNCT, TF_ALPHA | TF_LOWWORD,
                                                     TF_UPPER | TF_INITCAP | TF_ALPHA, TF_DIGIT};
                unsigned k = ascii_cls[w];
                f = cls_flags[k];
                b |= w == '@' ? LX_AT : 0;
                if (k == 2) {
                    b |= LX_CAPW;
                    fb = filter_bit((unsigned)w + 32u, 1);
                }
            } else if (bytes_in(w, 'a', 'z') == BYTES_HIGH >> (8 * (8 - len))) {
                f = TF_ALPHA | TF_LOWWORD;
                b |= LX_LOWA | LX_LOW;
                fb = filter_bit((unsigned)(w & 0xffff), len);
            } else {
                f = ascii_flags(w, 0);
                b |= ascii_lx(w, len, &fb);
            }
        } else if (len) {
            b |= lex_long(p, len, &f, &fb);
        }
        fls[i] = f;
        xs[i] = b;
        fbs[i] = fb;
    }
    lex_masks(L);
    return NC_OK;
}

static inline char shape_class(uint32_t cp)
{
    if (cp_upper(cp))
        return 'X';
    if (cp_alpha(cp))
        return 'x';
    if (cp_digit(cp))
        return 'd';
    if (cp < 0x80)
        return (char)cp;
    return 'o';
}

/* Analysis of one token: hashes of form, lower case, shape (runs
 * collapsed, at most 8 classes), and with affixes, of its prefixes and
 * suffixes of 1-4 code points (ti->full = 1); without, only of the suffix
 * of 3, which the templates of neighbours read (ti->full = 2). */
static void tok_analyse(const char *p, size_t len, uint8_t flags, int affixes, tokinfo *ti)
{
    const unsigned char *s = (const unsigned char *)p;
    uint64_t hf = FNV_OFF, hl = FNV_OFF, hs = FNV_OFF, hp[4];
    uint32_t last4[4] = {0, 0, 0, 0};
    char prev = 0;
    int nsh = 0;
    unsigned ncp = 0;
    size_t i = 0;
    uint64_t w = len - 1 < 8 ? load_upto8(s, len) : BYTES_HIGH;
    if (!(w & BYTES_HIGH)) {
        /* most words: ASCII of at most 8 bytes, lower-cased and classed
         * (shape_class) 8 bytes at once; at most 8 shape classes */
        uint64_t up = bytes_in(w, 'A', 'Z'), lo = bytes_in(w, 'a', 'z'), dg = bytes_in(w, '0', '9');
        uint64_t lw = w + (up >> 2), mu = (up >> 7) * 0xff, ml = (lo >> 7) * 0xff, md = (dg >> 7) * 0xff;
        uint64_t sw = (w & ~(mu | ml | md)) | (mu & BYTES_ONES * 'X') | (ml & BYTES_ONES * 'x') |
                      (md & BYTES_ONES * 'd');
        uint64_t wb = w, lb = lw, sb = sw;
        for (; ncp < len; ncp++, wb >>= 8, lb >>= 8, sb >>= 8) {
            unsigned c = (unsigned)sb & 0xff;
            hf = fnv_cp(hf, (uint32_t)wb & 0xff);
            hl = fnv_cp(hl, (uint32_t)lb & 0xff);
            last4[ncp & 3] = (uint32_t)lb & 0xff;
            if (ncp < 4)
                hp[ncp] = hl;
            if (c != (unsigned char)prev) {
                hs = fnv_cp(hs, c);
                prev = (char)c;
            }
        }
        i = len;
    }
    while (i < len) {
        uint32_t cp, lc;
        char c;
        if (s[i] < 0x80) { /* shape_class and cp_tolower of ASCII */
            cp = s[i++];
            unsigned k = ascii_cls[cp];
            lc = k == 2 ? cp + 32 : cp;
            c = k ? "?xXd"[k] : (char)cp;
        } else {
            cp = utf8_next(s, len, &i);
            lc = cp_tolower(cp);
            c = shape_class(cp);
        }
        hf = fnv_cp(hf, cp);
        hl = fnv_cp(hl, lc);
        if (ncp < 4)
            hp[ncp] = hl;
        last4[ncp & 3] = lc;
        ncp++;
        if (c != prev && nsh < 8) {
            hs = fnv_cp(hs, (unsigned char)c);
            nsh++;
            prev = c;
        }
    }
    ti->form = mix64(hf ^ len);
    ti->lower = mix64(hl ^ len);
    ti->shape = mix64(hs);
    ti->flags = flags;
    ti->ncp = ncp > 255 ? 255 : (uint8_t)ncp;
    /* prefixes, and suffixes: the last k code points, newest first */
    unsigned ns = ncp < 4 ? ncp : 4;
    ti->npre = affixes ? (uint8_t)ns : 0;
    for (unsigned k = 0; k < ti->npre; k++)
        ti->pre[k] = mix64(hp[k] + k);
    uint64_t h = FNV_OFF;
    for (unsigned k = 0; k < ns; k++) {
        h = fnv_cp(h, last4[(ncp - 1 - k) & 3]);
        if (affixes || k == 2)
            ti->suf[k] = mix64(h + 77 + k);
    }
    ti->nsuf = (uint8_t)ns;
    ti->full = affixes ? 1 : 2;
}

/* ------------------------------------------------------------------ */
/* Gazetteer: open-addressed set of token-sequence keys.  vals: bit c for
 * category c, bit 7 = some longer entry starts with this sequence. */

#define GAZ_PREFIX 0x80u
/* a token's gazetteer marks (nci_tagger_doc's gz): the bytes of the
 * categories of spans it is alone in, begins, is inside, ends */
enum { GZ_U = 0, GZ_B = 8, GZ_I = 16, GZ_E = 24 };

struct nci_tagger_gaz {
    uint32_t *keys; /* 0 = empty */
    uint8_t *vals;
    size_t mask, count;
    int owned;
};

static inline uint64_t gaz_step(uint64_t k, uint64_t lower)
{
    return hc(k ^ 0x5bd1e995ULL, lower);
}

static inline uint32_t gaz_check(uint64_t k)
{
    uint32_t c = (uint32_t)(k >> 32);
    return c ? c : 1;
}

nci_tagger_gaz *nci_tagger_gaz_new(void)
{
    nci_tagger_gaz *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->mask = 1023;
    g->keys = calloc(g->mask + 1, sizeof *g->keys);
    g->vals = calloc(g->mask + 1, 1);
    g->owned = 1;
    if (!g->keys || !g->vals) {
        nci_tagger_gaz_free(g);
        return NULL;
    }
    return g;
}

void nci_tagger_gaz_free(nci_tagger_gaz *g)
{
    if (!g)
        return;
    if (g->owned) {
        free(g->keys);
        free(g->vals);
    }
    free(g);
}

static int gaz_put(nci_tagger_gaz *g, uint64_t k, uint8_t v)
{
    if ((g->count + 1) * 2 > g->mask + 1) {
        size_t nm = g->mask * 2 + 1;
        uint32_t *nk = calloc(nm + 1, sizeof *nk);
        uint8_t *nv = calloc(nm + 1, 1);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return -1;
        }
        /* keys keep only 32 bits: re-place by those bits' own hash would
         * change positions, so the table is indexed by the check too. */
        for (size_t i = 0; i <= g->mask; i++) {
            if (!g->keys[i])
                continue;
            size_t j = mix64(g->keys[i]) & nm;
            while (nk[j])
                j = (j + 1) & nm;
            nk[j] = g->keys[i];
            nv[j] = g->vals[i];
        }
        free(g->keys);
        free(g->vals);
        g->keys = nk;
        g->vals = nv;
        g->mask = nm;
    }
    uint32_t c = gaz_check(k);
    size_t i = mix64(c) & g->mask;
    for (;;) {
        if (g->keys[i] == c) {
            g->vals[i] |= v;
            return 0;
        }
        if (!g->keys[i]) {
            g->keys[i] = c;
            g->vals[i] = v;
            g->count++;
            return 0;
        }
        i = (i + 1) & g->mask;
    }
}

static nc_status gaz_add_tokens(nci_tagger_gaz *g, const char *const *tp, const size_t *tl,
                                size_t nt, unsigned cat)
{
    if (nt == 0 || nt > NCI_GAZ_MAXLEN)
        return NC_OK;
    uint64_t k = 0;
    for (size_t j = 0; j < nt; j++) {
        k = gaz_step(k, lower_hash(tp[j], tl[j]));
        uint8_t v = j + 1 < nt ? GAZ_PREFIX : (uint8_t)(1u << cat);
        if (gaz_put(g, k, v))
            return NC_ENOMEM;
    }
    return NC_OK;
}

nc_status nci_tagger_gaz_add(nci_tagger_gaz *g, const char *text, size_t len, unsigned cat)
{
    const char *tp[2 * NCI_GAZ_MAXLEN + 2];
    size_t tl[2 * NCI_GAZ_MAXLEN + 2];
    if (!g || !text || cat >= NCI_GAZ_NCAT)
        return NC_EINVAL;
    for (int variant = 0; variant < 2; variant++) {
        size_t nt = 0, i = 0;
        int hy = 0;
        while (i < len && nt < 2 * NCI_GAZ_MAXLEN + 1) {
            while (i < len && text[i] == ' ')
                i++;
            if (i >= len)
                break;
            size_t st = i;
            while (i < len && text[i] != ' ' && !(variant && text[i] == '-'))
                i++;
            if (i > st) {
                tp[nt] = text + st;
                tl[nt++] = i - st;
            }
            if (variant && i < len && text[i] == '-') {
                tp[nt] = text + i;
                tl[nt++] = 1;
                i++;
                hy = 1;
            }
        }
        if (variant && !hy)
            break;
        if (nt <= NCI_GAZ_MAXLEN) {
            nc_status st = gaz_add_tokens(g, tp, tl, nt, cat);
            if (st)
                return st;
        }
    }
    return NC_OK;
}

/* The table is probed from mix64(check) (see gaz_put), so lookups must do the
 * same. */
static int gaz_find(const nci_tagger_gaz *g, uint64_t k)
{
    if (!g || !g->keys)
        return 0;
    uint32_t c = gaz_check(k);
    size_t i = mix64(c) & g->mask;
    for (int p = 0; p < NCI_MAX_PROBE; p++) {
        uint32_t kk = g->keys[i];
        if (kk == 0)
            return 0;
        if (kk == c)
            return g->vals[i];
        i = (i + 1) & g->mask;
    }
    return 0;
}

/* Scores of the NT labels being summed, in lanes 1..NT (lane 0 gets the
 * weight slot's check, which model_add adds with the weights: a slot is
 * added as one 8-lane vector). */
typedef struct wacc {
    _Alignas(16) int32_t v[8];
} wacc;
#define WACC_ZERO {{0, 0, 0, 0, 0, 0, 0, 0}}

static inline void wacc_add(wacc *a, const wacc *b)
{
#if defined(__SSE2__)
    __m128i *x = (__m128i *)(void *)a->v;
    const __m128i *y = (const __m128i *)(const void *)b->v;
    x[0] = _mm_add_epi32(x[0], y[0]);
    x[1] = _mm_add_epi32(x[1], y[1]);
#else
    for (unsigned t = 0; t < 8; t++)
        a->v[t] += b->v[t];
#endif
}

/* ------------------------------------------------------------------ */
/* Document state */

typedef struct docent {
    uint64_t key; /* lower-case hash; 0 = empty */
    uint16_t lc, capmid, capinit;
    uint16_t hist[4];  /* labels of earlier sentences (type 0..3) */
    uint16_t pass1[4]; /* labels of the whole first pass */
    uint8_t runbits, runlen; /* RUN_* of the word's capitalised runs */
    uint64_t runlast; /* lower-case hash of the last word of its longest run */
} docent;

/* A word of the word cache (below): its bytes, byte k at bits 8 (k % 8) of
 * w[k / 8], zero after the last. */
#define WC_MAXLEN 24 /* longer words are not cached */
typedef struct wckey {
    uint64_t w[WC_MAXLEN / 8];
} wckey;

struct nci_tagger_doc {
    const nci_tagger_model *model;
    docent *tab;
    size_t tmask, tcount;
    uint32_t *used; /* the slots of tab in use (tcount): a state reused after a
                     * long document clears only what the last one used */
    int second_pass;
    uint64_t capf[FILTER_ANY / 64 + 1]; /* filter of capitalised forms seen
                                        * (filter_bit), and FILTER_ANY */
    const uint8_t *pass1_labels; /* the current sentence's first-pass labels */
    /* scratch, grown as needed */
    size_t cap_tok, cap_feat;
    tokinfo *ti;
    uint8_t *cand, *fl, *out2;
    uint32_t *gz; /* gazetteer marks of each token: categories of spans it
                   * is alone in, begins, is inside, ends (GZ_*) */
    uint32_t *off;       /* nci_tagger_features's offsets of each token */
    uint32_t *qoff, *dyn; /* of each candidate (features_lx); dyn[q]: where
                           * candidate q's label features start */
    uint32_t *ci, *wi;   /* a sentence's candidates; they and their neighbours */
    uint8_t *cs8;        /* context of each token's shape templates */
    uint64_t *feats;
    /* nci_tagger_tag_doc's cache of the whole document (first pass -> second) */
    size_t cap_doc;
    uint64_t *c_lower;
    float *c_emit;
    uint8_t *c_cs, *c_fl;
    float *emit;
    uint8_t *back;
    /* word cache and shape cache (below): kept across documents
     * (nci_tagger_doc_reset) */
    struct wcent *wc;
    struct scent *sc;
    int nocache;        /* nci_tagger_doc_use_cache(d, 0) */
    struct wcent **wce; /* each token's cache entry, or NULL */
    struct wckey *wkey; /* and the key of its word */
    struct wacc *own;   /* own[q]: candidate q's summed weights (features
                         * not in feats: word cache, small templates) */
    docent **dent;      /* dent[q]: candidate q's document entry (features_lx
                         * looks up those of capitalised words), or NULL */
    /* lexical pass over the document given to nci_tagger_doc_observe_all
     * (lxd; lxd.n = 0 after a reset), and over the sentence of a call on
     * tokens of another array (lxs) */
    lexarr lxd, lxs;
    uint64_t *cu, *cc, *ca; /* a sentence's masks of capitals, connectors, "@" */
    /* initial_stop_memo's entries (key: the word's bytes with its length
     * above, 0 = empty; a pure function of the bytes, never cleared) */
    struct stopmemo {
        uint64_t key;
        uint8_t stop;
    } stops[1 << STOP_MEMO_BITS];
    size_t ncand;      /* candidates of the last sentence (ci) */
    uint8_t stamp;     /* of that sentence, in the cache entries it read */
    size_t dropped;    /* its first word, when it is a capitalised stop word
                        * (find_candidates), else SIZE_MAX */
};

/* A new entry for key (which is not in the table), zeroed; the table is
 * grown first if it would be more than half full.  NULL: no memory. */
static docent *doc_insert(nci_tagger_doc *d, uint64_t key)
{
    if ((d->tcount + 1) * 2 > d->tmask + 1) {
        size_t nm = d->tmask ? d->tmask * 2 + 1 : 255;
        docent *nt = calloc(nm + 1, sizeof *nt);
        uint32_t *nu = malloc((nm + 1) / 2 * sizeof *nu);
        if (!nt || !nu) {
            free(nt);
            free(nu);
            return NULL;
        }
        for (size_t k = 0; k < d->tcount; k++) {
            const docent *e = &d->tab[d->used[k]];
            size_t j = e->key & nm;
            while (nt[j].key)
                j = (j + 1) & nm;
            nt[j] = *e;
            nu[k] = (uint32_t)j;
        }
        free(d->tab);
        free(d->used);
        d->tab = nt;
        d->used = nu;
        d->tmask = nm;
    }
    size_t i = key & d->tmask;
    while (d->tab[i].key)
        i = (i + 1) & d->tmask;
    memset(&d->tab[i], 0, sizeof d->tab[i]);
    d->tab[i].key = key;
    d->used[d->tcount++] = (uint32_t)i;
    return &d->tab[i];
}

/* The entry of key (0 is taken as 1); with insert, made when missing.
 * NULL: missing (or no memory to make it). */
static inline docent *doc_get(nci_tagger_doc *d, uint64_t key, int insert)
{
    if (key == 0)
        key = 1;
    if (d->tab) {
        for (size_t i = key & d->tmask;; i = (i + 1) & d->tmask) {
            if (d->tab[i].key == key)
                return &d->tab[i];
            if (!d->tab[i].key)
                break;
        }
    }
    return insert ? doc_insert(d, key) : NULL;
}

nc_status nci_tagger_doc_new_raw(nci_tagger_doc **out)
{
    if (!out)
        return NC_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? NC_OK : NC_ENOMEM;
}

nc_status nci_tagger_doc_new(const nci_tagger_model *m, nci_tagger_doc **out)
{
    if (!m || !out)
        return NC_EINVAL;
    nc_status st = nci_tagger_doc_new_raw(out);
    if (st == NC_OK)
        (*out)->model = m;
    return st;
}

void nci_tagger_doc_reset(nci_tagger_doc *d)
{
    if (!d)
        return;
    for (size_t k = 0; k < d->tcount; k++)
        memset(&d->tab[d->used[k]], 0, sizeof *d->tab);
    d->tcount = 0;
    d->second_pass = 0;
    memset(d->capf, 0, sizeof d->capf);
    d->pass1_labels = NULL;
    d->lxd.n = 0;
}

void nci_tagger_doc_use_cache(nci_tagger_doc *d, int on)
{
    if (!d)
        return;
    d->nocache = !on;
    if (!on) {
        wc_free(d->wc);
        d->wc = NULL;
        free(d->sc);
        d->sc = NULL;
    }
}

void nci_tagger_doc_free(nci_tagger_doc *d)
{
    if (!d)
        return;
    free(d->tab);
    free(d->used);
    free(d->ti);
    free(d->cand);
    free(d->gz);
    free(d->off);
    free(d->qoff);
    free(d->dyn);
    free(d->ci);
    free(d->cs8);
    free(d->c_lower);
    free(d->c_emit);
    free(d->c_cs);
    free(d->c_fl);
    free(d->feats);
    free(d->emit);
    free(d->back);
    wc_free(d->wc);
    free(d->sc);
    free(d->wce);
    free(d->wkey);
    free(d->own);
    free(d->dent);
    lex_free(&d->lxd);
    lex_free(&d->lxs);
    free(d->cu);
    free(d);
}

static nc_status doc_reserve(nci_tagger_doc *d, size_t n)
{
    if (n <= d->cap_tok)
        return NC_OK;
    size_t c = d->cap_tok ? d->cap_tok : 64;
    while (c < n)
        c *= 2;
    tokinfo *ti = realloc(d->ti, c * sizeof *ti);
    if (ti)
        d->ti = ti;
    uint8_t *cand = realloc(d->cand, c * 3); /* cand, fl, out2 */
    if (cand)
        d->cand = cand;
    uint32_t *gz = realloc(d->gz, c * sizeof *gz);
    if (gz)
        d->gz = gz;
    uint32_t *off = realloc(d->off, (c + 1) * sizeof *off);
    if (off)
        d->off = off;
    uint32_t *qoff = realloc(d->qoff, (c + 1) * sizeof *qoff);
    if (qoff)
        d->qoff = qoff;
    uint32_t *dyn = realloc(d->dyn, (c + 1) * sizeof *dyn);
    if (dyn)
        d->dyn = dyn;
    uint32_t *ci = realloc(d->ci, 2 * c * sizeof *ci);
    if (ci)
        d->ci = ci;
    uint8_t *cs8 = realloc(d->cs8, c + 1);
    if (cs8)
        d->cs8 = cs8;
    float *emit = realloc(d->emit, c * NT * sizeof *emit);
    if (emit)
        d->emit = emit;
    uint8_t *back = realloc(d->back, c * NT);
    if (back)
        d->back = back;
    struct wcent **wce = realloc(d->wce, c * sizeof *wce);
    if (wce)
        d->wce = wce;
    struct wckey *wkey = realloc(d->wkey, c * sizeof *wkey);
    if (wkey)
        d->wkey = wkey;
    struct wacc *own = realloc(d->own, c * sizeof *own);
    if (own)
        d->own = own;
    docent **dent = realloc(d->dent, c * sizeof *dent);
    if (dent)
        d->dent = dent;
    uint64_t *cu = realloc(d->cu, 3 * (c / 64 + 3) * sizeof *cu);
    if (cu)
        d->cu = cu;
    if (!ti || !cand || !gz || !off || !emit || !back || !qoff || !dyn || !ci || !cs8 || !wce || !wkey ||
        !own || !dent || !cu)
        return NC_ENOMEM;
    d->cc = d->cu + c / 64 + 3;
    d->ca = d->cc + c / 64 + 3;
    d->wi = d->ci + c;
    d->fl = d->cand + c;
    d->out2 = d->cand + 2 * c;
    d->cap_tok = c;
    return NC_OK;
}

static nc_status doc_reserve_feats(nci_tagger_doc *d, size_t n)
{
    if (n <= d->cap_feat)
        return NC_OK;
    size_t c = d->cap_feat ? d->cap_feat : 1024;
    while (c < n)
        c *= 2;
    uint64_t *f = realloc(d->feats, c * sizeof *f);
    if (!f)
        return NC_ENOMEM;
    d->feats = f;
    d->cap_feat = c;
    return NC_OK;
}

#define RUN_FIRST 1u /* first word of a run of >= 2 capitalised words */
#define RUN_LAST 2u  /* last word of such a run */
#define RUN_MID 4u   /* inside one */
#define RUN_ACRO 8u  /* the initials of such a run ("FLP": Fiji Labour Party) */

static inline unsigned ctz64(uint64_t v)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(v);
#else
    unsigned k = 0;
    while (!(v & 1)) {
        v >>= 1;
        k++;
    }
    return k;
#endif
}

/* (without -mpopcnt, __builtin_popcountll is a library call) */
static inline unsigned popcount64(uint64_t v)
{
    v -= (v >> 1) & 0x5555555555555555ULL;
    v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
    v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (unsigned)((v * BYTES_ONES) >> 56);
}

/* The first token in [from, end) in mask m, or end. */
static inline size_t next_bit(const uint64_t *m, size_t from, size_t end)
{
    if (from >= end)
        return end;
    size_t w = from / 64;
    uint64_t v = m[w] & (~0ULL << (from % 64));
    while (!v) {
        if (++w * 64 >= end)
            return end;
        v = m[w];
    }
    size_t i = w * 64 + ctz64(v);
    return i < end ? i : end;
}

static uint64_t doc_lower(nci_tagger_doc *d, lexarr *L, size_t i);

/* Document statistics, phase 1, of the sentence of tokens [a, a + n) of L:
 * capitalised forms (inserted), with the runs of capitalised words they
 * occur in. */
static nc_status observe_caps(nci_tagger_doc *d, lexarr *L, size_t a, size_t n)
{
    const nci_tagger_token *toks = L->toks;
    const uint8_t *lx = L->x;
    size_t e = a + n;
    for (size_t i = next_bit(L->m[LM_CAPW], a, e); i < e;) {
        /* the run: capitalised words, connectors between them */
        enum { RUNMAX = 8 };
        docent *ents[RUNMAX];
        uint64_t hs[RUNMAX];
        size_t ncap = 0, j = i, acro_len = 0;
        uint64_t acro = FNV_OFF;
        int acro_ok = 1;
        while (j < e) {
            if (lx[j] & LX_CAPW) {
                uint64_t h = doc_lower(d, L, j);
                unsigned fb = L->fb[j];
                d->capf[fb >> 6] |= 1ULL << (fb & 63);
                docent *en = doc_get(d, h, 1);
                if (!en)
                    return NC_ENOMEM;
                if (j == a) {
                    if (en->capinit < 0xffff)
                        en->capinit++;
                } else if (en->capmid < 0xffff) {
                    en->capmid++;
                }
                if (ncap < RUNMAX) {
                    hs[ncap] = h;
                    unsigned char c0 = (unsigned char)toks[j].ptr[0];
                    if (c0 >= 'A' && c0 <= 'Z') {
                        acro = fnv_cp(acro, (uint32_t)c0 + 32u);
                        acro_len++;
                    } else {
                        acro_ok = 0;
                    }
                }
                ncap++;
                j++;
            } else if (j + 1 < e && (lx[j + 1] & LX_CAPW) && is_connector(toks[j].ptr, toks[j].len)) {
                j++;
            } else {
                break;
            }
        }
        if (ncap >= 2 && ncap <= RUNMAX) {
            /* entries may have moved while the run was inserted */
            for (size_t k = 0; k < ncap; k++) {
                ents[k] = doc_get(d, hs[k], 0);
                if (!ents[k])
                    continue;
                ents[k]->runbits |= k == 0 ? RUN_FIRST : k + 1 == ncap ? RUN_LAST : RUN_MID;
                if (k + 1 < ncap && ncap > ents[k]->runlen) {
                    ents[k]->runlen = (uint8_t)ncap;
                    ents[k]->runlast = hs[ncap - 1];
                }
            }
            if (acro_ok && ncap >= 2) {
                docent *en = doc_get(d, mix64(acro ^ acro_len), 1);
                if (!en)
                    return NC_ENOMEM;
                en->runbits |= RUN_ACRO;
                if (ncap > en->runlen) {
                    en->runlen = (uint8_t)ncap;
                    en->runlast = hs[ncap - 1];
                }
            }
        }
        i = next_bit(L->m[LM_CAPW], j, e);
    }
    return NC_OK;
}

/* Document statistics, phase 2, of tokens [0, n) of L: lower-case words
 * (counted only where a capitalised form exists, so the table holds only
 * name-like words). */
static void observe_lower(nci_tagger_doc *d, lexarr *L, size_t n)
{
    if (!d->tcount)
        return;
    /* the words that pass the filter are mostly a few function words
     * written capitalised at a sentence's start ("the", "in"): the entry
     * (or none) of each ASCII word of up to 8 bytes is kept in a small
     * direct-mapped memo (nothing is inserted here, so entries stay put) */
    enum { MEMO_BITS = 6 };
    struct {
        uint64_t w; /* the word's bytes with its length above: 0 = empty */
        docent *e;
    } memo[1 << MEMO_BITS];
    memset(memo, 0, sizeof memo);
    d->capf[FILTER_ANY / 64] |= 1ULL << (FILTER_ANY % 64);
    for (size_t w = 0; w * 64 < n; w++) {
        uint64_t bits = bits_at(L->m[LM_LOW], 0, n, (ptrdiff_t)(w * 64));
        for (; bits; bits &= bits - 1) {
            size_t i = w * 64 + ctz64(bits);
            unsigned fb = L->fb[i];
            if (!(d->capf[fb >> 6] & (1ULL << (fb & 63))))
                continue;
            const nci_tagger_token *t = &L->toks[i];
            uint64_t key = t->len <= 7 ? load_upto8((const unsigned char *)t->ptr, t->len) : BYTES_HIGH;
            docent *e;
            if (!(key & BYTES_HIGH)) {
                key |= (uint64_t)t->len << 56; /* (LX_LOW: 2 bytes or more) */
                size_t h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> (64 - MEMO_BITS));
                if (memo[h].w != key) {
                    memo[h].w = key;
                    memo[h].e = doc_get(d, doc_lower(d, L, i), 0);
                }
                e = memo[h].e;
            } else {
                e = doc_get(d, doc_lower(d, L, i), 0);
            }
            if (e && e->lc < 0xffff)
                e->lc++;
        }
    }
}

nc_status nci_tagger_doc_observe(nci_tagger_doc *d, const nci_tagger_token *toks, size_t n)
{
    if (!d || (!toks && n))
        return NC_EINVAL;
    nc_status st = lex_fill(&d->lxs, toks, n);
    if (st == NC_OK)
        st = observe_caps(d, &d->lxs, 0, n);
    if (st == NC_OK)
        observe_lower(d, &d->lxs, n);
    return st;
}

/* Labels of tokens [a, a + n) of L into the history. */
static nc_status record_lx(nci_tagger_doc *d, lexarr *L, size_t a, size_t n, const uint8_t *labels)
{
    /* 64 tokens at a time: those capitalised or labelled */
    for (size_t c = 0; c < n; c += 64) {
        uint64_t bits = bits_at(L->m[LM_CAPW], a, a + n, (ptrdiff_t)(a + c));
        size_t lim = n - c < 64 ? n - c : 64;
        for (size_t k = 0; k < lim; k += 8)
            bits |= (uint64_t)bytes_nonzero(load_le(labels + c + k, lim - k < 8 ? lim - k : 8)) << k;
        for (; bits; bits &= bits - 1) {
            size_t i = c + ctz64(bits);
            const nci_tagger_token *t = &L->toks[a + i];
            unsigned ty = labels[i] < NT ? NCI_TAG_TYPE(labels[i]) : 0;
            /* an O only says something about words that look like names */
            if (ty == 0 ? !(L->x[a + i] & LX_CAPW) : !t->ptr || !t->len)
                continue;
            docent *e = doc_get(d, doc_lower(d, L, a + i), 1);
            if (!e)
                return NC_ENOMEM;
            uint16_t *h = e->hist;
            if (h[ty] < 0xffff)
                h[ty]++;
        }
    }
    return NC_OK;
}

nc_status nci_tagger_doc_record(nci_tagger_doc *d, const nci_tagger_token *toks, size_t n,
                                const uint8_t *labels)
{
    if (!d || (n && (!toks || !labels)))
        return NC_EINVAL;
    nc_status st = lex_fill(&d->lxs, toks, n);
    return st ? st : record_lx(d, &d->lxs, 0, n, labels);
}

nc_status nci_tagger_doc_observe_all(nci_tagger_doc *d, const nci_tagger_token *toks,
                                     size_t ntoks, const size_t *sent_end, size_t nsent)
{
    if (!d || (ntoks && !toks) || (nsent && !sent_end))
        return NC_EINVAL;
    for (size_t k = 0, prev = 0; k < nsent; prev = sent_end[k++])
        if (sent_end[k] < prev || sent_end[k] > ntoks)
            return NC_EINVAL;
    d->lxd.n = 0;
    nc_status st = lex_fill(&d->lxd, toks, ntoks);
    if (st)
        return st;
    size_t prev = 0;
    for (size_t k = 0; k < nsent && st == NC_OK; k++) {
        st = observe_caps(d, &d->lxd, prev, sent_end[k] - prev);
        prev = sent_end[k];
    }
    /* the sentences are tokens [0, prev) */
    if (st == NC_OK)
        observe_lower(d, &d->lxd, prev);
    return st;
}

void nci_tagger_doc_set_pass1(nci_tagger_doc *d, const uint8_t *labels)
{
    if (d)
        d->pass1_labels = labels;
}

void nci_tagger_doc_second_pass(nci_tagger_doc *d)
{
    if (!d)
        return;
    for (size_t k = 0; k < d->tcount; k++) {
        docent *e = &d->tab[d->used[k]];
        memcpy(e->pass1, e->hist, sizeof e->hist);
        memset(e->hist, 0, sizeof e->hist);
    }
    d->second_pass = 1;
}

/* ------------------------------------------------------------------ */
/* Features */

static inline unsigned majority(const uint16_t *c, int exclude);
static inline size_t label_feats(const nci_tagger_doc *d, const docent *e, uint64_t cs, int self,
                                 uint64_t *F);

enum {
    F_BIAS = 1, F_FORM, F_LOWER, F_PRE, F_SUF = F_PRE + 4, F_SHAPE = F_SUF + 4, F_SHAPELEN,
    F_LM1, F_LP1, F_LM2, F_LP2, F_SM1, F_SP1, F_S3, F_BIL, F_BIR, F_LM1S, F_SLP1,
    F_FIRSTL, F_HLL, F_FLAGS, F_GAZ, F_GAZN, F_GAZP, F_DLC, F_DCAP, F_HIST, F_PASS1,
    F_LENB, F_FM1S, F_CONNCTX, F_RUNF, F_RUNL, F_RUNLEN, F_RUNPOS, F_DRUN, F_DRUNL,
    F_SUFM1, F_SUFP1, F_SM2, F_SP2, F_POS,
    F_END
};

/* Shape-like templates are shifted by this times the context (0 ordinary,
 * 1 sentence-initial, 2 headline, 3 all-caps line). */
#define F_CTX 64
/* Values of the templates of model_small are below this. */
#define SMALL_V 32

static const uint64_t BOS = 0x1234567ULL, EOS = 0x7654321ULL;

/* The sentence's context from the counts of its words (with letters), of
 * those in all capitals, of those of four bytes or more and of those
 * capitalised.  Headline: >= 3 words of >= 4 letters and >= 75% of them
 * capitalised; all-caps line: >= 3 words with letters and >= 80% of them
 * all caps. */
static inline size_t sentence_mode(size_t nword, size_t ncaps, size_t nlong, size_t nlongcap)
{
    if (nword >= 3 && ncaps * 5 >= nword * 4)
        return 3;
    if (nlong >= 3 && nlongcap * 4 >= nlong * 3)
        return 2;
    return 0;
}

static inline unsigned majority(const uint16_t *c, int exclude)
{
    uint64_t any;
    memcpy(&any, c, sizeof any); /* the four counts at once: most are 0 */
    if (!any)
        return 0;
    unsigned best = 0, bc = 0, tot = 0;
    for (unsigned t = 0; t < 4; t++) {
        unsigned v = c[t] - (exclude == (int)t ? 1u : 0u);
        if ((int)t == exclude && c[t] == 0)
            v = 0;
        tot += v;
        if (v > bc) {
            bc = v;
            best = t;
        }
    }
    if (!tot)
        return 0;
    /* 1..4 type, + 4 if unanimous */
    return best + 1 + (bc == tot ? 4u : 0u);
}

/* Features from the labels given so far in the document: the only ones that
 * change between the two passes (so the second pass rescores only these). */
static inline size_t label_feats(const nci_tagger_doc *d, const docent *e, uint64_t cs, int self,
                                 uint64_t *F)
{
    size_t nf = 0;
    unsigned h = majority(e->hist, -1);
    if (h)
        F[nf++] = hc(F_HIST, h);
    if (d->second_pass) {
        unsigned p = majority(e->pass1, self);
        if (p)
            F[nf++] = hc(F_PASS1 + cs, p);
    }
    return nf;
}

/* ------------------------------------------------------------------ */
/* Word cache.  News repeats its words: over the BBC articles, 87% of the
 * capitalised tokens are forms seen in an earlier article.  The cache keeps,
 * for each word form met, its analysis (the hashes tok_analyse computes,
 * without the affixes), the summed weights of its own features (own_feats)
 * in the sentence contexts 0 and 1, and those of the features it gives a
 * candidate one or two words before or after it (context 0: nb_feats), so
 * that a known word costs one lookup here instead of tok_analyse and a
 * dozen weight-table misses.  Direct-mapped and keyed by the exact bytes:
 * an entry is only a copy of what would be computed, so results don't
 * depend on what the cache held (sums of integer weights don't depend on
 * their order).  Only documents of a model (nci_tagger_doc_new) use it: the
 * weights are the model's.  Its size is fixed (WC_SIZE entries of 256
 * bytes, 4 MB). */

#define WC_BITS 14
#define WC_SIZE ((size_t)1 << WC_BITS)
_Static_assert(WC_SIZE * 256 == WC_BYTES, "the word cache is WC_SIZE entries of 256 bytes");
#define WC_NCTX 2    /* contexts whose own weights are kept: ordinary, first */
#define WC_GAZ 0x80u
/* A word's roles next to a candidate (nb_feats): 1 and 2 words before it,
 * 1 and 2 after (ownok bits 4 << role). */
enum { NB_M1, NB_M2, NB_P1, NB_P2, NB_COUNT };

typedef struct wcent {
    wckey key;
    uint8_t len; /* 0: empty */
    uint8_t ncp, nsuf, ownok; /* ownok bit c: own[c] is filled; 4 << r:
                               * nb[r]; WC_GAZ: gaz */
    uint8_t gaz;  /* the model's gazetteer value of the word alone (gaz_find) */
    uint8_t mark; /* the stamp of the last sentence that read it (features_lx) */
    uint64_t form, lower, shape, suf2;
    wacc own[WC_NCTX];
    wacc nb[NB_COUNT];
} wcent;
_Static_assert(sizeof(wcent) == 256, "a word cache entry is 256 bytes");


static inline void model_add(const nci_tagger_model *m, uint64_t h, wacc *acc);
static const wacc *model_small(const nci_tagger_model *m, uint64_t tp);
static const wacc *model_edge(const nci_tagger_model *m, uint64_t ctx);

/* Feature hc(tp, v) of a candidate, v < SMALL_V: with a model, its weights
 * from the model's table of small templates go to the candidate's summed
 * weights *acc; else (or for another template) its hash goes to *F.
 * Returns the features put in F. */
static inline size_t small_feat(const nci_tagger_doc *d, wacc *acc, uint64_t tp, uint64_t v, uint64_t *F)
{
    const wacc *row = d->model ? model_small(d->model, tp) : NULL;
    if (!row) {
        *F = hc(tp, v);
        return 1;
    }
    wacc_add(acc, &row[v]);
    return 0;
}

/* Features of the token alone (its form, affixes, shape) in context ctx. */
static size_t own_feats(const tokinfo *t, uint64_t ctx, uint64_t *F)
{
    uint64_t cs = ctx * F_CTX;
    size_t nf = 0;
    F[nf++] = hc(F_BIAS, 0);
    F[nf++] = hc(F_FORM + cs * (ctx >= 2), t->form);
    F[nf++] = hc(F_LOWER, t->lower);
    for (unsigned k = 0; k < t->npre && k + 1 < t->ncp; k++)
        F[nf++] = hc(F_PRE + k, t->pre[k]);
    for (unsigned k = 0; k < t->nsuf && k + 1 < t->ncp; k++)
        F[nf++] = hc(F_SUF + k, t->suf[k]);
    F[nf++] = hc(F_SHAPE + cs, t->shape);
    F[nf++] = hc(F_SHAPELEN + cs, t->shape * 31 + (t->ncp > 12 ? 12 : t->ncp));
    F[nf++] = hc(F_FLAGS + cs, t->flags);
    if (ctx)
        F[nf++] = hc(F_FIRSTL + cs, t->lower);
    F[nf++] = hc(F_LENB, t->ncp > 20 ? 20 : t->ncp);
    return nf;
}

static inline int wc_same(const wcent *e, const wckey *k, size_t len)
{
    /* (the words after the length's are 0 in both) */
    return e->len == len && e->key.w[0] == k->w[0] &&
           (len <= 8 || (e->key.w[1] == k->w[1] && e->key.w[2] == k->w[2]));
}

/* The key of the len bytes at p (1 <= len <= WC_MAXLEN), read a few words
 * at a time, overlapping, never outside the token. */
static inline void wc_key(const unsigned char *p, size_t len, wckey *k)
{
    k->w[0] = k->w[1] = k->w[2] = 0;
    if (len <= 8) {
        k->w[0] = load_upto8(p, len);
    } else {
        /* whole words, then the last len % 8 bytes from a word ending at
         * the token's end */
        size_t full = len / 8, r = len % 8;
        for (size_t j = 0; j < full; j++)
            k->w[j] = load_le(p + 8 * j, 8);
        if (r)
            k->w[full] = load_le(p + len - 8, 8) >> (8 * (8 - r));
    }
}

/* The cache entry of token tk's word, its key into *k (NULL: not
 * cacheable). */
static inline wcent *wc_slot(const nci_tagger_doc *d, const nci_tagger_token *tk, wckey *k)
{
    size_t len = tk->ptr ? tk->len : 0;
    if (!d->wc || len == 0 || len > WC_MAXLEN)
        return NULL;
    wc_key((const unsigned char *)tk->ptr, len, k);
    uint64_t h = (k->w[0] * 0x9e3779b97f4a7c15ULL) ^ len;
    if (len > 8) /* (else the other words are 0) */
        h ^= (k->w[1] * 0xc2b2ae3d27d4eb4fULL) ^ (k->w[2] * 0x165667b19e3779f9ULL);
    return &d->wc[(h * 0xff51afd7ed558ccdULL) >> (64 - WC_BITS)];
}

/* tok_analyse through the cache entry e (wc_slot; NULL: not cached), which
 * then holds the token's word.  A cached analysis has full = 2: no affixes
 * but the third suffix, which neighbours use.  Returns 1 if e was given
 * another word. */
static int analyse_new(const nci_tagger_token *tk, const wckey *k, uint8_t fl, int affixes,
                       tokinfo *ti, wcent *e);

static inline int analyse(const nci_tagger_token *tk, const wckey *k, uint8_t fl, int affixes,
                          tokinfo *ti, wcent *e)
{
    if (e && wc_same(e, k, tk->len)) {
        ti->form = e->form;
        ti->lower = e->lower;
        ti->shape = e->shape;
        ti->suf[2] = e->suf2;
        ti->ncp = e->ncp;
        ti->nsuf = e->nsuf;
        ti->npre = 0;
        ti->flags = fl;
        ti->full = 2;
        return 0;
    }
    return analyse_new(tk, k, fl, affixes, ti, e);
}

/* analyse of a word not in the cache. */
static int analyse_new(const nci_tagger_token *tk, const wckey *k, uint8_t fl, int affixes,
                       tokinfo *ti, wcent *e)
{
    const char *p = tk->ptr ? tk->ptr : "";
    size_t len = tk->ptr ? tk->len : 0;
    tok_analyse(p, len, fl, affixes, ti);
    if (!e)
        return 0;
    e->key = *k;
    e->len = (uint8_t)len;
    e->ncp = ti->ncp;
    e->nsuf = ti->nsuf;
    e->ownok = 0;
    e->form = ti->form;
    e->lower = ti->lower;
    e->shape = ti->shape;
    e->suf2 = ti->nsuf >= 3 ? ti->suf[2] : 0;
    return 1;
}

/* lex_lower, from the word cache when it holds the token's word
 * (tok_analyse's lower is lower_hash). */
static uint64_t doc_lower(nci_tagger_doc *d, lexarr *L, size_t i)
{
    if (!(L->x[i] & LX_HASLOWER) && d->wc) {
        wckey k;
        const wcent *e = wc_slot(d, &L->toks[i], &k);
        if (e && wc_same(e, &k, L->toks[i].len)) {
            L->lower[i] = e->lower;
            L->x[i] |= LX_HASLOWER;
        }
    }
    return lex_lower(L, i);
}

/* The summed weights of the features F[0..nf). */
static wacc sum_feats(const nci_tagger_model *m, const uint64_t *F, size_t nf)
{
    wacc acc = WACC_ZERO;
    for (size_t k = 0; k < nf; k++)
        model_add(m, F[k], &acc);
    return acc;
}

/* The own-feature weights of token tk (flags fl, without TF_CONN; its
 * analysis ti) in context ctx < WC_NCTX into out, from its cache entry e
 * (which holds tk's word), computed and kept there the first time. */
static void own_cached(nci_tagger_doc *d, wcent *e, const nci_tagger_token *tk, uint8_t fl,
                       const tokinfo *ti, unsigned ctx, wacc *out)
{
    if (!(e->ownok & (1u << ctx))) {
        tokinfo t;
        uint64_t F[24];
        if (ti->full != 1) { /* from the cache: no affixes */
            tok_analyse(tk->ptr, tk->len, fl, 1, &t);
            ti = &t;
        }
        e->own[ctx] = sum_feats(d->model, F, own_feats(ti, ctx, F));
        e->ownok |= (uint8_t)(1u << ctx);
    }
    *out = e->own[ctx];
}

/* Features a word (analysis in cache entry e) gives a candidate in context
 * 0 in role r (NB_*): the neighbour templates of features_lx. */
static size_t nb_feats(const wcent *e, unsigned r, uint64_t *F)
{
    /* templates of the word's lower case, shape and ending (0: none) */
    static const uint8_t tpl[NB_COUNT][3] = {[NB_M1] = {F_LM1, F_SM1, F_SUFM1},
                                             [NB_M2] = {F_LM2, F_SM2, 0},
                                             [NB_P1] = {F_LP1, F_SP1, F_SUFP1},
                                             [NB_P2] = {F_LP2, F_SP2, 0}};
    size_t nf = 0;
    F[nf++] = hc(tpl[r][0], e->lower);
    F[nf++] = hc(tpl[r][1], e->shape);
    if (tpl[r][2] && e->nsuf >= 3 && e->ncp > 3)
        F[nf++] = hc(tpl[r][2], e->suf2);
    return nf;
}

/* Add the weights of nb_feats(e, r) to a candidate's (*acc), computed and
 * kept in e the first time. */
static void nb_cached(nci_tagger_doc *d, wcent *e, unsigned r, wacc *acc)
{
    if (!(e->ownok & (4u << r))) {
        uint64_t F[4];
        e->nb[r] = sum_feats(d->model, F, nb_feats(e, r, F));
        e->ownok |= (uint8_t)(4u << r);
    }
    wacc_add(acc, &e->nb[r]);
}

/* The weights a candidate's neighbour j (of n tokens) in role r gives it
 * in context ctx, added to *acc: from edge (the model's, of ctx) when j is
 * outside the sentence, from the neighbour's cache entry in context 0.
 * Returns 1 << r if they were added (else they are features in F). */
static inline unsigned nb_weights(nci_tagger_doc *d, const wacc *edge, uint64_t ctx, size_t j,
                                  size_t n, unsigned r, wacc *acc)
{
    if (j >= n) {
        wacc_add(acc, &edge[r]);
        return 1u << r;
    }
    if (ctx == 0 && d->wce[j]) {
        nb_cached(d, d->wce[j], r, acc);
        return 1u << r;
    }
    return 0;
}

/* Shape cache.  The shapes of a candidate and of the words around it (the
 * template S3) take few values ("Xx Xx x", "x Xx ,"): 96% of the BBC's
 * candidates find theirs among the last few hundred met.  The weights of S3
 * are kept in a small direct-mapped table keyed by the three shapes and the
 * context, which is all the feature is computed from. */
#define SC_BITS 9
#define SC_SIZE ((size_t)1 << SC_BITS)

/* One cache line: the shapes, and the weights with the context + 1 in the
 * unused lane 0 (0: empty). */
typedef struct scent {
    uint64_t k[3];
    wacc w;
} scent;
_Static_assert(sizeof(scent) == 64, "a shape cache entry is one cache line");

/* Add the weights of S3 of a candidate (shapes sm1, sh, sp1, context ctx)
 * to its own (*acc), from the shape cache or computed and kept there. */
static void s3_cached(nci_tagger_doc *d, wacc *acc, uint64_t sm1, uint64_t sh, uint64_t sp1,
                      uint64_t ctx)
{
    int32_t tag = (int32_t)ctx + 1;
    uint64_t h = (sm1 * 0x9e3779b97f4a7c15ULL) ^ (sh * 0xc2b2ae3d27d4eb4fULL) ^
                 (sp1 * 0x165667b19e3779f9ULL) ^ (uint64_t)tag;
    scent *e = &d->sc[(h * 0xff51afd7ed558ccdULL) >> (64 - SC_BITS)];
    if (e->w.v[0] != tag || e->k[0] != sm1 || e->k[1] != sh || e->k[2] != sp1) {
        wacc w = WACC_ZERO;
        model_add(d->model, hc(F_S3 + ctx * F_CTX, hc(hc(sm1, sh), sp1)), &w);
        w.v[0] = tag;
        e->k[0] = sm1;
        e->k[1] = sh;
        e->k[2] = sp1;
        e->w = w;
    }
    wacc_add(acc, &e->w);
}

/* gaz_find(g, k) of a span's first word, whose cache entry is e (NULL:
 * none): kept there when g is the model's. */
static int gaz_first(const nci_tagger_doc *d, const nci_tagger_gaz *g, uint64_t k, wcent *e)
{
    if (!e || g != nci_tagger_model_gaz(d->model))
        return gaz_find(g, k);
    if (!(e->ownok & WC_GAZ)) {
        e->gaz = (uint8_t)gaz_find(g, k);
        e->ownok |= WC_GAZ;
    }
    return e->gaz;
}

/* is_initial_stop of token t (capitalised, so 1 byte or more), through the
 * state's memo of the last sentence-initial words of up to 7 bytes (a few
 * words open most sentences: "The", "But", "He"). */
static int initial_stop_memo(nci_tagger_doc *d, const nci_tagger_token *t)
{
    if (t->len > 7)
        return is_initial_stop(t->ptr, t->len);
    uint64_t key = load_upto8((const unsigned char *)t->ptr, t->len) | (uint64_t)t->len << 56;
    struct stopmemo *m = &d->stops[(key * 0x9e3779b97f4a7c15ULL) >> (64 - STOP_MEMO_BITS)];
    if (m->key != key) {
        m->key = key;
        m->stop = (uint8_t)is_initial_stop(t->ptr, t->len);
    }
    return m->stop;
}

/* Candidates of the sentence of tokens [a, a + n) of L (section
 * "Candidates" at the top), 64 tokens at a time from L's masks: cand[i] and
 * the list ci (d->ncand of them); fl[i] gets L's flags and TF_CONN (a
 * connector one or two tokens after a capitalised word).  The counts of
 * sentence_mode go to cnt. */
static void find_candidates(nci_tagger_doc *d, lexarr *L, size_t a, size_t n, size_t cnt[4])
{
    const nci_tagger_token *toks = L->toks + a;
    uint8_t *fl = d->fl, *cand = d->cand;
    uint32_t *ci = d->ci;
    size_t nch = (n + 63) / 64, ncand = 0;
    /* cu[k + 1], cc[k + 1]: capitals and connectors of tokens 64k ..;
     * cu[0], cc[0] and those after the last are 0 */
    uint64_t *cu = d->cu, *cc = d->cc, *ca = d->ca;
    memcpy(fl, L->fl + a, n);
    memset(cand, 0, n);
    cu[0] = cc[0] = ca[0] = cu[nch + 1] = cc[nch + 1] = 0;
    for (size_t k = 0; k < nch; k++) {
        uint64_t in = n - 64 * k < 64 ? ~0ULL >> (64 - (n - 64 * k)) : ~0ULL;
        cu[k + 1] = mask_at(L->m[LM_UPPER], a + 64 * k) & in;
        ca[k + 1] = mask_at(L->m[LM_AT], a + 64 * k) & in;
    }
    for (size_t k = 0; k < nch; k++) {
        /* a connector makes a candidate (below) only with a capitalised
         * word one or two tokens before it and one or two after it; its
         * flag is a feature of a candidate after an "@" too */
        uint64_t u = cu[k + 1], c = 0;
        uint64_t atm1 = ca[k + 1] << 1 | ca[k] >> 63;
        uint64_t maybe = ~u & (u << 1 | cu[k] >> 63 | u << 2 | cu[k] >> 62) &
                         (u >> 1 | cu[k + 2] << 63 | u >> 2 | cu[k + 2] << 62 | atm1);
        if (n - 64 * k < 64)
            maybe &= ~0ULL >> (64 - (n - 64 * k));
        for (; maybe; maybe &= maybe - 1) {
            size_t i = 64 * k + ctz64(maybe);
            if (toks[i].ptr && is_connector(toks[i].ptr, toks[i].len)) {
                c |= maybe & (0 - maybe);
                fl[i] |= TF_CONN;
            }
        }
        cc[k + 1] = c;
    }
    for (size_t k = 0; k < nch; k++) {
        size_t pos = a + 64 * k;
        uint64_t u = cu[k + 1], c = cc[k + 1], at = ca[k + 1];
        uint64_t um1 = u << 1 | cu[k] >> 63, um2 = u << 2 | cu[k] >> 62;
        uint64_t up1 = u >> 1 | cu[k + 2] << 63, up2 = u >> 2 | cu[k + 2] << 62;
        uint64_t cm1 = c << 1 | cc[k] >> 63, cp1 = c >> 1 | cc[k + 2] << 63;
        uint64_t atm1 = at << 1 | ca[k] >> 63;
        uint64_t in = n - 64 * k < 64 ? ~0ULL >> (64 - (n - 64 * k)) : ~0ULL;
        uint64_t dg = mask_at(L->m[LM_DIGIT], pos) & in;
        uint64_t notlast = n - 64 * k <= 64 ? in >> 1 : ~0ULL; /* i + 1 < n */
        uint64_t cd = u | (at & notlast) | atm1 | (um1 & (dg | (c & (up1 | (cp1 & up2))))) |
                      (cm1 & c & um2 & up1);
        cd &= in;
        uint64_t alpha = mask_at(L->m[LM_ALPHA], pos) & in;
        uint64_t lng = alpha & mask_at(L->m[LM_LONG], pos);
        cnt[0] += popcount64(alpha);
        cnt[1] += popcount64(alpha & mask_at(L->m[LM_ALLCAPS], pos));
        cnt[2] += popcount64(lng);
        cnt[3] += popcount64(lng & mask_at(L->m[LM_INITCAP], pos));
        for (; cd; cd &= cd - 1) {
            size_t i = 64 * k + ctz64(cd);
            cand[i] = 1;
            ci[ncand++] = (uint32_t)i;
        }
    }
    /* the sentence's first word (after opening punctuation) */
    d->dropped = SIZE_MAX;
    size_t p0 = 0;
    while (p0 < n && p0 < 2 && (fl[p0] & TF_PUNCT))
        p0++;
    if (p0 < n && cand[p0] && (fl[p0] & TF_INITCAP) && !(fl[p0] & TF_ALLCAPS) &&
        !(p0 + 1 < n && (fl[p0 + 1] & TF_UPPER)) && initial_stop_memo(d, &toks[p0])) {
        cand[p0] = 0;
        d->dropped = p0;
        ncand--;
        size_t q = 0;
        while (ci[q] != p0)
            q++;
        memmove(ci + q, ci + q + 1, (ncand - q) * sizeof *ci);
    }
    d->ncand = ncand;
}

/* The analyses (ti) and cache entries (wce) of the candidates of the
 * sentence toks[0..n) and of two tokens either side of each (wi, in
 * order; their gazetteer marks cleared).  The entries are asked for first,
 * so that the misses overlap.  Only these tokens' analyses and gazetteer
 * marks are read. */
static void analyse_window(nci_tagger_doc *d, const nci_tagger_token *toks, size_t n)
{
    tokinfo *ti = d->ti;
    const uint8_t *cand = d->cand, *fl = d->fl;
    const uint32_t *ci = d->ci;
    uint32_t *wi = d->wi;
    size_t ncand = d->ncand;
    size_t nw = 0;
    for (size_t q = 0, next = 0; q < ncand; q++) {
        size_t i = ci[q];
        size_t lo = i >= 2 ? i - 2 : 0, hi = i + 2 < n ? i + 2 : n - 1;
        for (size_t j = lo > next ? lo : next; j <= hi; j++) {
            wi[nw++] = (uint32_t)j;
            d->gz[j] = 0;
            if ((d->wce[j] = wc_slot(d, &toks[j], &d->wkey[j])) != NULL)
                PREFETCH(d->wce[j]);
        }
        next = hi + 1;
    }
    /* a later token of the sentence may take an entry an earlier one read
     * (entries read are marked with the sentence's stamp) */
    uint8_t stamp = ++d->stamp;
    int taken = 0;
    for (size_t q = 0; q < nw; q++) {
        size_t j = wi[q];
        wcent *e = d->wce[j];
        if (analyse(&toks[j], &d->wkey[j], fl[j], cand[j], &ti[j], e) && e->mark == stamp)
            taken = 1;
        if (e)
            e->mark = stamp;
    }
    for (size_t q = 0; taken && q < nw; q++) {
        wcent *e = d->wce[wi[q]];
        if (e && !wc_same(e, &d->wkey[wi[q]], toks[wi[q]].len))
            d->wce[wi[q]] = NULL;
    }
}

/* The gazetteer marks (gz) of spans of g starting at the capitalised
 * candidates of the sentence of n tokens (analysed). */
static void gaz_marks(const nci_tagger_gaz *g, nci_tagger_doc *d, size_t n)
{
    const tokinfo *ti = d->ti;
    const uint8_t *cand = d->cand, *fl = d->fl;
    const uint32_t *ci = d->ci;
    size_t ncand = d->ncand;
    for (size_t q = 0; q < ncand; q++) {
        size_t i = ci[q];
        if (!(fl[i] & TF_UPPER))
            continue;
        uint64_t k = 0;
        for (size_t j = i; j < n && j < i + NCI_GAZ_MAXLEN && cand[j]; j++) {
            k = gaz_step(k, ti[j].lower);
            int v = j == i ? gaz_first(d, g, k, d->wce[i]) : gaz_find(g, k);
            if (!v)
                break;
            uint8_t cats = (uint8_t)(v & 0x7f);
            if (cats) {
                if (j == i) {
                    d->gz[i] |= (uint32_t)cats << GZ_U;
                } else {
                    d->gz[i] |= (uint32_t)cats << GZ_B;
                    for (size_t m = i + 1; m < j; m++)
                        d->gz[m] |= (uint32_t)cats << GZ_I;
                    d->gz[j] |= (uint32_t)cats << GZ_E;
                }
            }
            if (!(v & GAZ_PREFIX))
                break;
        }
    }
}

/* The features of tokens [a, a + n) of L (one sentence): the candidates
 * (cand, the list ci of d->ncand), and for the q-th candidate, features
 * feats[qoff[q] .. qoff[q + 1]) (those from dyn[q] on are label features)
 * and summed weights own[q]. */
static nc_status features_lx(const nci_tagger_gaz *g, nci_tagger_doc *d, lexarr *L, size_t a,
                             size_t n)
{
    nc_status st = doc_reserve(d, n + 1);
    if (st)
        return st;
    const nci_tagger_token *toks = L->toks + a;
    tokinfo *ti = d->ti;
    uint8_t *cand = d->cand;
    uint8_t *fl = d->fl;
    uint32_t *ci = d->ci;

    if (d->model && !d->wc && !d->nocache) {
        d->wc = wc_alloc();
        d->sc = aligned_alloc(64, SC_SIZE * sizeof *d->sc); /* one line an entry */
        if (!d->wc || !d->sc) {
            wc_free(d->wc);
            free(d->sc);
            d->wc = NULL;
            d->sc = NULL;
            return NC_ENOMEM;
        }
        memset(d->sc, 0, SC_SIZE * sizeof *d->sc);
    }
    size_t cnt[4] = {0, 0, 0, 0}; /* for sentence_mode */
    find_candidates(d, L, a, n, cnt);
    size_t ncand = d->ncand;
    d->qoff[0] = 0;
    if (ncand == 0)
        return NC_OK;
    size_t mode = sentence_mode(cnt[0], cnt[1], cnt[2], cnt[3]);
    analyse_window(d, toks, n);
    if (g && g->count)
        gaz_marks(g, d, n);
    st = doc_reserve_feats(d, ncand * NCI_MAX_TOKEN_FEATS + PF_DIST);
    if (st)
        return st;
    uint64_t *F = d->feats;
    size_t nf = 0;
    size_t run_s = 0, run_e = 0; /* the run of candidates around i */
    for (size_t q = 0; q < ncand; q++) {
        size_t i = ci[q];
        if (i >= run_e) {
            run_s = i;
            run_e = i;
            while (run_e < n && cand[run_e])
                run_e++;
        }
        const tokinfo *t = &ti[i];
        uint64_t lm1 = i >= 1 ? ti[i - 1].lower : BOS, lm2 = i >= 2 ? ti[i - 2].lower : BOS;
        uint64_t lp1 = i + 1 < n ? ti[i + 1].lower : EOS, lp2 = i + 2 < n ? ti[i + 2].lower : EOS;
        uint64_t sm1 = i >= 1 ? ti[i - 1].shape : BOS, sp1 = i + 1 < n ? ti[i + 1].shape : EOS;
        uint64_t ctx = mode ? mode : (i == 0 ? 1 : 0);
        uint64_t cs = ctx * F_CTX;
        wacc acc = WACC_ZERO; /* the weights summed here, not put in F */
        d->cs8[i] = (uint8_t)ctx;
        if (ctx < WC_NCTX && d->wce[i] && !(fl[i] & TF_CONN)) {
            own_cached(d, d->wce[i], &toks[i], fl[i], t, (unsigned)ctx, &acc);
        } else {
            if (ti[i].full == 2) /* from the cache: no affixes */
                tok_analyse(toks[i].ptr, toks[i].len, fl[i], 1, &ti[i]);
            nf += own_feats(t, ctx, F + nf);
        }
        /* the neighbours' own templates, from their cache entries, or the
         * model's weights of a neighbour missing at an end of the sentence
         * (bit r of nbc: role r is summed in acc) */
        unsigned nbc = 0;
        if (d->model) {
            const wacc *edge = model_edge(d->model, ctx);
            /* (i - 1 and i - 2 wrap below 0: >= n) */
            nbc = nb_weights(d, edge, ctx, i - 1, n, NB_M1, &acc) |
                  nb_weights(d, edge, ctx, i - 2, n, NB_M2, &acc) |
                  nb_weights(d, edge, ctx, i + 1, n, NB_P1, &acc) |
                  nb_weights(d, edge, ctx, i + 2, n, NB_P2, &acc);
        }
        if (!(nbc & 1u << NB_M1))
            F[nf++] = hc(F_LM1, lm1);
        if (!(nbc & 1u << NB_P1))
            F[nf++] = hc(F_LP1, lp1);
        if (!(nbc & 1u << NB_M2))
            F[nf++] = hc(F_LM2, lm2);
        if (!(nbc & 1u << NB_P2))
            F[nf++] = hc(F_LP2, lp2);
        if (!(nbc & 1u << NB_M1))
            F[nf++] = hc(F_SM1 + cs, sm1);
        if (!(nbc & 1u << NB_P1))
            F[nf++] = hc(F_SP1 + cs, sp1);
        if (d->sc)
            s3_cached(d, &acc, sm1, t->shape, sp1, ctx);
        else
            F[nf++] = hc(F_S3 + cs, hc(hc(sm1, t->shape), sp1));
        F[nf++] = hc(F_BIL, hc(lm1, t->lower));
        F[nf++] = hc(F_BIR, hc(t->lower, lp1));
        F[nf++] = hc(F_LM1S + cs, hc(lm1, t->shape));
        F[nf++] = hc(F_SLP1 + cs, hc(t->shape, lp1));
        F[nf++] = hc(F_FM1S, hc(i >= 1 ? ti[i - 1].form : BOS, t->shape));
        /* neighbours' endings ("... Inc", "-ese") and shapes two away */
        if (!(nbc & 1u << NB_M1) && i >= 1 && ti[i - 1].nsuf >= 3 && ti[i - 1].ncp > 3)
            F[nf++] = hc(F_SUFM1, ti[i - 1].suf[2]);
        if (!(nbc & 1u << NB_P1) && i + 1 < n && ti[i + 1].nsuf >= 3 && ti[i + 1].ncp > 3)
            F[nf++] = hc(F_SUFP1 + cs, ti[i + 1].suf[2]);
        if (!(nbc & 1u << NB_M2))
            F[nf++] = hc(F_SM2 + cs, i >= 2 ? ti[i - 2].shape : BOS);
        if (!(nbc & 1u << NB_P2))
            F[nf++] = hc(F_SP2 + cs, i + 2 < n ? ti[i + 2].shape : EOS);
        nf += small_feat(d, &acc, F_POS, (i > 3 ? 3 : i) * 2 + (i + 1 == n || (i + 2 == n && (fl[n - 1] & TF_PUNCT))),
                         F + nf);
        if (fl[i] & TF_CONN)
            F[nf++] = hc(F_CONNCTX, hc(hc(sm1, t->lower), sp1));
        /* the name-like run this token is in: its first and last words
         * ("... Football Club", "University of ...") and its length */
        if (run_e - run_s > 1) {
            size_t rl = run_e - run_s;
            if (ti[run_s].full && run_s != i)
                F[nf++] = hc(F_RUNF, ti[run_s].lower);
            if (run_e - 1 != i) {
                F[nf++] = hc(F_RUNL, ti[run_e - 1].full ? ti[run_e - 1].lower
                                                         : lex_lower(L, a + run_e - 1));
            }
            nf += small_feat(d, &acc, F_RUNLEN + cs, rl > 5 ? 5 : rl, F + nf);
            nf += small_feat(d, &acc, F_RUNPOS,
                             (i - run_s > 3 ? 3 : i - run_s) * 8 + (run_e - 1 - i > 3 ? 3 : run_e - 1 - i), F + nf);
        }
        /* of the token, the spans after it (alone or first), the spans
         * before it (alone or last) */
        uint32_t gz = d->gz[i];
        unsigned gn = i + 1 < n ? (d->gz[i + 1] | d->gz[i + 1] >> GZ_B) & 0xffu : 0u;
        unsigned gp = i >= 1 ? (d->gz[i - 1] | d->gz[i - 1] >> GZ_E) & 0xffu : 0u;
        unsigned gany = ((gz | gz >> 8 | gz >> 16 | gz >> 24) & 0xffu) | gn | gp;
        for (; gany; gany &= gany - 1) {
            unsigned c = ctz64(gany), bit = 1u << c;
            /* the marks of category c: bit 8k for mark k (GZ_*) */
            for (uint32_t mk = gz >> c & 0x01010101u; mk; mk &= mk - 1)
                nf += small_feat(d, &acc, F_GAZ, c * 4 + ctz64(mk) / 8, F + nf);
            if (gn & bit)
                nf += small_feat(d, &acc, F_GAZN, c, F + nf);
            if (gp & bit)
                nf += small_feat(d, &acc, F_GAZP, c, F + nf);
        }
        docent *e = d->tcount && (fl[i] & TF_UPPER) ? doc_get(d, t->lower, 0) : NULL;
        d->dent[q] = e;
        if (e) {
            unsigned capmid = e->capmid - (i > 0 && (fl[i] & TF_INITCAP) && e->capmid ? 1 : 0);
            if (e->lc)
                nf += small_feat(d, &acc, F_DLC + cs, e->lc > 2 ? 3 : e->lc, F + nf);
            if (capmid)
                nf += small_feat(d, &acc, F_DCAP + cs, capmid > 2 ? 3 : capmid, F + nf);
            if (e->runbits)
                nf += small_feat(d, &acc, F_DRUN + cs, e->runbits, F + nf);
            if (e->runlast && e->runlast != t->lower)
                F[nf++] = hc(F_DRUNL, e->runlast);
        }
        d->dyn[q] = (uint32_t)nf;
        if (e)
            nf += label_feats(d, e, cs, d->pass1_labels ? (int)NCI_TAG_TYPE(d->pass1_labels[i]) : -1,
                              F + nf);
        d->qoff[q + 1] = (uint32_t)nf;
        d->own[q] = acc;
    }
    memset(F + nf, 0, PF_DIST * sizeof *F);
    return NC_OK;
}

nc_status nci_tagger_features(const nci_tagger_gaz *g, nci_tagger_doc *d,
                              const nci_tagger_token *toks, size_t n, const uint8_t **cand_out,
                              const uint64_t **feats_out, const uint32_t **off_out)
{
    if (!d || (n && !toks))
        return NC_EINVAL;
    if (n > NCI_MAX_SENT)
        return NC_ELIMIT; /* feature offsets are 32-bit */
    nc_status st = lex_fill(&d->lxs, toks, n);
    if (st == NC_OK)
        st = features_lx(g, d, &d->lxs, 0, n);
    if (st)
        return st;
    /* the offsets of every token's features */
    uint32_t *off = d->off;
    off[0] = 0;
    for (size_t i = 0, q = 0; i < n; i++)
        off[i + 1] = q < d->ncand && d->ci[q] == i ? d->qoff[++q] : off[i];
    *cand_out = d->cand;
    *feats_out = d->feats;
    *off_out = off;
    return NC_OK;
}

/* ------------------------------------------------------------------ */
/* Viterbi over BIO */

/* Viterbi of a run of one token (most runs): the best of O and B-X, as
 * nci_tagger_viterbi's steps would take it. */
static inline uint8_t viterbi1(const float *emit, const float *trans, const float *end)
{
    const float NEG = -1e30f;
    float best = NEG;
    uint8_t bt = 0;
    for (unsigned t = 0; t < NT; t += (t == 0 ? 1u : 2u)) {
        float c = trans[7 * NT + t] + emit[t], v = c + end[t];
        if (c > NEG * 0.5f && v > best) {
            best = v;
            bt = (uint8_t)t;
        }
    }
    return bt;
}

void nci_tagger_viterbi(const float *emit, size_t n, const float *trans, const float *end,
                        uint8_t *back, uint8_t *out)
{
    /* O and B-X may follow any label; I-X only B-X or I-X (labels 2t-1, 2t).
     * Illegal paths are never taken: the run starts from O (row 7 scores),
     * where no I- is allowed. */
    float cur[NT], nxt[NT];
    const float NEG = -1e30f;
    if (n == 0)
        return;
    if (n == 1) {
        out[0] = viterbi1(emit, trans, end);
        return;
    }
    for (unsigned t = 0; t < NT; t++)
        cur[t] = (t == 0 || (t & 1u)) ? trans[7 * NT + t] + emit[t] : NEG;
#if defined(__SSE2__)
    /* the transitions to O, B-PER, B-ORG, B-LOC from each label: the four
     * maxima below are taken at once, with the same sums and comparisons
     * (the first best label wins) */
    __m128 tob[NT];
    for (unsigned p = 0; p < NT; p++)
        tob[p] = _mm_setr_ps(trans[p * NT], trans[p * NT + 1], trans[p * NT + 3], trans[p * NT + 5]);
#endif
    for (size_t i = 1; i < n; i++) {
        const float *e = emit + i * NT;
        uint8_t *bk = back + i * NT;
        /* O (t = 0) and B-X (t odd): from any label */
#if defined(__SSE2__)
        __m128 best = _mm_add_ps(_mm_set1_ps(cur[0]), tob[0]);
        __m128i bp = _mm_setzero_si128();
        for (unsigned p = 1; p < NT; p++) {
            __m128 v = _mm_add_ps(_mm_set1_ps(cur[p]), tob[p]);
            __m128 gt = _mm_cmpgt_ps(v, best);
            __m128i gi = _mm_castps_si128(gt);
            best = _mm_or_ps(_mm_and_ps(gt, v), _mm_andnot_ps(gt, best));
            bp = _mm_or_si128(_mm_and_si128(gi, _mm_set1_epi32((int)p)), _mm_andnot_si128(gi, bp));
        }
        float b4[4];
        int32_t p4[4];
        _mm_storeu_ps(b4, best);
        _mm_storeu_si128((__m128i *)(void *)p4, bp);
        for (unsigned k = 0; k < 4; k++) {
            unsigned t = k ? 2 * k - 1 : 0;
            nxt[t] = b4[k] + e[t];
            bk[t] = (uint8_t)p4[k];
        }
#else
        for (unsigned t = 0; t < NT; t += (t == 0 ? 1u : 2u)) {
            float best = cur[0] + trans[t];
            uint8_t bp = 0;
            for (unsigned p = 1; p < NT; p++) {
                float v = cur[p] + trans[p * NT + t];
                if (v > best) {
                    best = v;
                    bp = (uint8_t)p;
                }
            }
            nxt[t] = best + e[t];
            bk[t] = bp;
        }
#endif
        for (unsigned t = 2; t < NT; t += 2) {
            /* I-X: from B-X (t - 1) or I-X (t) */
            float vb = cur[t - 1] + trans[(t - 1) * NT + t], vi = cur[t] + trans[t * NT + t];
            if (vi > vb) {
                nxt[t] = vi + e[t];
                bk[t] = (uint8_t)t;
            } else {
                nxt[t] = vb + e[t];
                bk[t] = (uint8_t)(t - 1);
            }
            if (nxt[t] < NEG * 0.5f)
                nxt[t] = NEG;
        }
        memcpy(cur, nxt, sizeof cur);
    }
    float best = NEG;
    uint8_t bt = 0;
    for (unsigned t = 0; t < NT; t++) {
        float v = cur[t] + end[t];
        if (cur[t] > NEG * 0.5f && v > best) {
            best = v;
            bt = (uint8_t)t;
        }
    }
    out[n - 1] = bt;
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * NT + out[i]];
}

/* ------------------------------------------------------------------ */
/* Model file
 *
 * Little-endian; byte layout:
 *   header: struct model_hdr below (magic "NCITAG02", sizes, the 256-entry
 *           codebook, transition and run-end weights as float32)
 *   nfeat feature rows, by increasing slot: slot - previous slot (LEB128
 *           varint; the first from 0), 16-bit check, 7 weight codes
 *   ngaz gazetteer entries: 32-bit key check, 8-bit categories
 * Weights are quantised to 256 levels of a symmetric geometric codebook
 * (fine steps near 0, where most weights are; 2.5% steps for the largest).
 * The loader rebuilds the hash tables (a few ms), so the file holds no empty
 * slots.  A corrupt file gives NC_EPARSE, never a crash: every read is
 * bounds-checked and lookups probe at most NCI_MAX_PROBE slots. */

#define MODEL_MAGIC "NCITAG02"
#define MODEL_VERSION 2u
#define FEATURE_VERSION 6u /* bump when features change */

typedef struct model_hdr {
    char magic[8];
    uint32_t endian, version, feature_version, table_bits, gaz_bits, nfeat, ngaz, reserved;
    float codebook[256];
    float trans[8 * NT];
    float end[NT];
    float pad;
} model_hdr;

struct nci_tagger_model {
    model_hdr hdr;
    /* 2^table_bits slots of 16 bytes (a quarter of a cache line): the
     * feature's check (0 = empty) and its 7 weights as int16 in units of
     * wscale.  One line is read per probe, where separate arrays of checks
     * and codes cost two misses, and no codebook is read while decoding. */
    struct wslot {
        uint16_t chk;
        int16_t w[NT];
    } *slots;
    float wscale;
    size_t tmask;
    nci_tagger_gaz gaz;
    /* weights of the templates of few values (model_small) */
    const wacc *srow[256];  /* template -> its row of small, NULL: none */
    wacc (*small)[SMALL_V]; /* row: the weights of values 0 .. SMALL_V - 1 */
    /* edge[ctx][r]: the weights of the features a neighbour missing in
     * role r (NB_*: BOS before the sentence, EOS after it) gives a
     * candidate in context ctx (model_edge) */
    wacc edge[4][NB_COUNT];
};

/* Templates (with their context shifts) whose values are below SMALL_V:
 * the loader sums each (template, value)'s weights once, and candidates
 * add the row's vector instead of hashing and looking the feature up. */
static const uint8_t small_tp[] = {
    F_POS, F_RUNPOS, F_GAZ, F_GAZN, F_GAZP,
#define CTX4(t) t, t + F_CTX, t + 2 * F_CTX, t + 3 * F_CTX
    CTX4(F_RUNLEN), CTX4(F_DLC), CTX4(F_DCAP), CTX4(F_DRUN)
#undef CTX4
};

static nc_status model_small_init(nci_tagger_model *m)
{
    enum { NROW = sizeof small_tp };
    m->small = calloc(NROW, sizeof *m->small);
    if (!m->small)
        return NC_ENOMEM;
    for (unsigned r = 0; r < NROW; r++) {
        m->srow[small_tp[r]] = m->small[r];
        for (unsigned v = 0; v < SMALL_V; v++)
            model_add(m, hc(small_tp[r], v), &m->small[r][v]);
    }
    /* what features_lx gives for such a neighbour: its lower case and
     * shape (no ending) */
    static const uint8_t tpl[NB_COUNT][2] = {[NB_M1] = {F_LM1, F_SM1}, [NB_M2] = {F_LM2, F_SM2},
                                             [NB_P1] = {F_LP1, F_SP1}, [NB_P2] = {F_LP2, F_SP2}};
    for (uint64_t ctx = 0; ctx < 4; ctx++) {
        for (unsigned r = 0; r < NB_COUNT; r++) {
            uint64_t v = r == NB_M1 || r == NB_M2 ? BOS : EOS;
            model_add(m, hc(tpl[r][0], v), &m->edge[ctx][r]);
            model_add(m, hc(tpl[r][1] + ctx * F_CTX, v), &m->edge[ctx][r]);
        }
    }
    return NC_OK;
}

static const wacc *model_small(const nci_tagger_model *m, uint64_t tp)
{
    return tp < 256 ? m->srow[tp] : NULL;
}

static const wacc *model_edge(const nci_tagger_model *m, uint64_t ctx)
{
    return m->edge[ctx];
}

void nci_tagger_model_free(nci_tagger_model *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m->small);
    free(m->gaz.keys);
    free(m->gaz.vals);
    free(m);
}

nc_status nci_tagger_model_load(const void *buf, size_t len, int copy, nci_tagger_model **out)
{
    (void)copy; /* the tables are always rebuilt: nothing points into buf */
    if (!buf || !out)
        return NC_EINVAL;
    *out = NULL;
    if (len < sizeof(model_hdr))
        return NC_EPARSE;
    model_hdr h;
    memcpy(&h, buf, sizeof h);
    if (memcmp(h.magic, MODEL_MAGIC, 8) != 0 || h.endian != 0x01020304u ||
        h.version != MODEL_VERSION || h.feature_version != FEATURE_VERSION ||
        h.table_bits < 4 || h.table_bits > 24 || h.gaz_bits < 4 || h.gaz_bits > 24)
        return NC_EPARSE;
    size_t ts = (size_t)1 << h.table_bits, gs = (size_t)1 << h.gaz_bits;
    if (h.nfeat > ts || (size_t)h.ngaz * 10 > gs * 9)
        return NC_EPARSE;
    for (int i = 0; i < 256; i++)
        if (!isfinite(h.codebook[i]))
            return NC_EPARSE;
    for (int i = 0; i < 8 * NT; i++)
        if (!isfinite(h.trans[i]))
            return NC_EPARSE;
    for (int i = 0; i < NT; i++)
        if (!isfinite(h.end[i]))
            return NC_EPARSE;
    nci_tagger_model *m = calloc(1, sizeof *m);
    if (!m)
        return NC_ENOMEM;
    m->hdr = h;
    m->tmask = ts - 1;
    m->slots = table_alloc(ts * sizeof *m->slots);
    m->gaz.keys = table_alloc(gs * sizeof *m->gaz.keys);
    m->gaz.vals = table_alloc(gs);
    m->gaz.mask = gs - 1;
    m->gaz.count = h.ngaz;
    m->gaz.owned = 0;
    if (!m->slots || !m->gaz.keys || !m->gaz.vals) {
        nci_tagger_model_free(m);
        return NC_ENOMEM;
    }
    /* weights of empty slots are never read (the check comes first) */
    float wmax = 1e-6f;
    for (int c = 0; c < 256; c++)
        if (fabsf(h.codebook[c]) > wmax)
            wmax = fabsf(h.codebook[c]);
    m->wscale = wmax / 32000.0f;
    int16_t q[256];
    for (int c = 0; c < 256; c++)
        q[c] = (int16_t)lrintf(h.codebook[c] / m->wscale);
    const unsigned char *b = buf;
    size_t o = sizeof(model_hdr);
    size_t slot = 0;
    for (uint32_t f = 0; f < h.nfeat; f++) {
        uint64_t delta = 0;
        unsigned shift = 0;
        for (;;) {
            if (o >= len || shift > 35)
                goto bad;
            unsigned char c = b[o++];
            delta |= (uint64_t)(c & 0x7f) << shift;
            shift += 7;
            if (!(c & 0x80))
                break;
        }
        if ((f > 0 && delta == 0) || delta >= ts || slot + delta >= ts)
            goto bad;
        slot += (size_t)delta;
        if (len - o < 2 + 7)
            goto bad;
        uint16_t c = (uint16_t)(b[o] | (b[o + 1] << 8));
        if (c == 0)
            goto bad;
        m->slots[slot].chk = c;
        for (unsigned t = 0; t < NT; t++)
            m->slots[slot].w[t] = q[b[o + 2 + t]];
        o += 9;
    }
    for (uint32_t g = 0; g < h.ngaz; g++) {
        if (len - o < 5)
            goto bad;
        uint32_t k = (uint32_t)b[o] | ((uint32_t)b[o + 1] << 8) | ((uint32_t)b[o + 2] << 16) |
                     ((uint32_t)b[o + 3] << 24);
        uint8_t v = b[o + 4];
        o += 5;
        if (k == 0)
            goto bad;
        size_t i = mix64(k) & m->gaz.mask;
        while (m->gaz.keys[i] && m->gaz.keys[i] != k)
            i = (i + 1) & m->gaz.mask; /* ends: ngaz < 0.9 * size */
        m->gaz.keys[i] = k;
        m->gaz.vals[i] |= v;
    }
    if (o != len)
        goto bad;
    if (model_small_init(m)) {
        nci_tagger_model_free(m);
        return NC_ENOMEM;
    }
    *out = m;
    return NC_OK;
bad:
    nci_tagger_model_free(m);
    return NC_EPARSE;
}

nc_status nci_tagger_model_load_file(const char *path, nci_tagger_model **out)
{
    if (!path || !out)
        return NC_EINVAL;
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NC_EIO;
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return NC_EIO;
    }
    long sz = ftell(f);
    if (sz < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NC_EIO;
    }
    void *buf = malloc(sz ? (size_t)sz : 1);
    if (!buf) {
        fclose(f);
        return NC_ENOMEM;
    }
    size_t got = fread(buf, 1, (size_t)sz, f);
    fclose(f);
    if (got != (size_t)sz) {
        free(buf);
        return NC_EIO;
    }
    nc_status st = nci_tagger_model_load(buf, (size_t)sz, 0, out);
    free(buf);
    return st;
}

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

nc_status nci_tagger_model_load_base64(const char *rows, size_t stride, size_t nrows, size_t len,
                                       nci_tagger_model **out)
{
    if (!rows || !out || stride == 0)
        return NC_EINVAL;
    *out = NULL;
    unsigned char *buf = malloc(len ? len : 1);
    if (!buf)
        return NC_ENOMEM;
    int8_t val[256];
    for (int c = 0; c < 256; c++)
        val[c] = (int8_t)b64val((unsigned char)c);
    size_t o = 0;
    uint32_t acc = 0;
    int nb = 0;
    for (size_t r = 0; r < nrows && o < len; r++) {
        const unsigned char *row = (const unsigned char *)rows + r * stride;
        size_t k = 0;
        /* whole quads: 4 characters, 3 bytes */
        while (nb == 0 && k + 4 <= stride && o + 3 <= len) {
            int a = val[row[k]], b = val[row[k + 1]], c = val[row[k + 2]], e = val[row[k + 3]];
            if ((a | b | c | e) < 0)
                break;
            uint32_t q = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)e;
            buf[o] = (unsigned char)(q >> 16);
            buf[o + 1] = (unsigned char)(q >> 8);
            buf[o + 2] = (unsigned char)q;
            o += 3;
            k += 4;
        }
        for (; k < stride && row[k] && o < len; k++) {
            int v = val[row[k]];
            if (v < 0)
                continue; /* padding */
            acc = (acc << 6) | (uint32_t)v;
            nb += 6;
            if (nb >= 8) {
                nb -= 8;
                buf[o++] = (unsigned char)(acc >> nb);
            }
        }
    }
    nc_status st = o == len ? nci_tagger_model_load(buf, len, 0, out) : NC_EPARSE;
    free(buf);
    return st;
}

unsigned nci_tagger_model_gaz_word(const nci_tagger_model *m, const char *w, size_t len)
{
    if (!m || !w || !len)
        return 0;
    return (unsigned)gaz_find(&m->gaz, gaz_step(0, lower_hash(w, len))) & 0x7fu;
}

size_t nci_tagger_model_features(const nci_tagger_model *m)
{
    return m ? m->hdr.nfeat : 0;
}

size_t nci_tagger_model_gazetteer_size(const nci_tagger_model *m)
{
    return m ? m->hdr.ngaz : 0;
}

const nci_tagger_gaz *nci_tagger_model_gaz(const nci_tagger_model *m)
{
    return m ? &m->gaz : NULL;
}

_Static_assert(sizeof(struct wslot) == 16, "a weight slot is 8 int16: check, weights");

static inline uint16_t feat_check(uint64_t h)
{
    uint16_t c = (uint16_t)(h >> 48);
    return c ? c : 1;
}

/* Add feature h's weights (in units of m->wscale) to acc. */
static inline void model_add(const nci_tagger_model *m, uint64_t h, wacc *acc)
{
    uint16_t c = feat_check(h);
    size_t i = (size_t)h & m->tmask;
    for (int p = 0; p < NCI_MAX_PROBE; p++) {
        const struct wslot *sl = &m->slots[i];
        if (sl->chk == 0)
            return;
        if (sl->chk == c) {
#if defined(__SSE2__)
            /* the slot's 8 int16 (check, 7 weights) widened to int32 */
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)sl);
            __m128i *a = (__m128i *)(void *)acc->v;
            a[0] = _mm_add_epi32(a[0], _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
            a[1] = _mm_add_epi32(a[1], _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
#else
            for (unsigned t = 0; t < NT; t++)
                acc->v[t + 1] += sl->w[t];
#endif
            return;
        }
        i = (i + 1) & m->tmask;
    }
}

static float code_value(int c, float a, float r)
{
    int k = c - 128;
    float v = a * (powf(1.0f + r, (float)(k < 0 ? -k : k)) - 1.0f);
    return k < 0 ? -v : v;
}

static uint8_t code_of(float w, float a, float r, const float *cb)
{
    float x = fabsf(w) / a + 1.0f;
    int k = (int)lroundf(logf(x) / logf(1.0f + r));
    if (k > 127)
        k = 127;
    /* nearest of k-1, k, k+1 */
    int best = k;
    float bd = 1e30f;
    for (int j = k - 1; j <= k + 1; j++) {
        if (j < 0 || j > 127)
            continue;
        float d = fabsf(cb[128 + j] - fabsf(w));
        if (d < bd) {
            bd = d;
            best = j;
        }
    }
    return (uint8_t)(w < 0 ? 128 - best : 128 + best);
}

nc_status nci_tagger_model_write(const uint64_t *hashes, const float *w, size_t nfeat,
                                 const float *trans, const float *end,
                                 const nci_tagger_gaz *g, unsigned table_bits,
                                 unsigned char **out, size_t *outlen)
{
    if (!out || !outlen || !trans || !end || (nfeat && (!hashes || !w)) || table_bits < 4 ||
        table_bits > 24)
        return NC_EINVAL;
    size_t ts = (size_t)1 << table_bits;
    unsigned gb = 4;
    size_t gcount = g ? g->count : 0;
    while (((size_t)1 << gb) * 7 < gcount * 10 + 16)
        gb++;
    model_hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MODEL_MAGIC, 8);
    h.endian = 0x01020304u;
    h.version = MODEL_VERSION;
    h.feature_version = FEATURE_VERSION;
    h.table_bits = table_bits;
    h.gaz_bits = gb;
    memcpy(h.trans, trans, sizeof h.trans);
    memcpy(h.end, end, sizeof h.end);
    float mx = 1e-6f;
    for (size_t i = 0; i < nfeat * NT; i++)
        if (fabsf(w[i]) > mx)
            mx = fabsf(w[i]);
    const float r = 0.05f;
    float a = mx / (powf(1.0f + r, 127.0f) - 1.0f);
    for (int c = 0; c < 256; c++)
        h.codebook[c] = code_value(c, a, r);
    /* place the features as the loader's table will hold them, in the order
     * given (the caller sorts by importance); a feature that would need more
     * than NCI_MAX_PROBE probes, or whose check is met on the way, is dropped */
    uint16_t *chk = calloc(ts, sizeof *chk);
    uint8_t *codes = malloc(ts * 8);
    size_t cap = sizeof h + ts * 12 + gcount * 5 + 16;
    unsigned char *b = malloc(cap);
    if (!chk || !codes || !b) {
        free(chk);
        free(codes);
        free(b);
        return NC_ENOMEM;
    }
    size_t nk = 0;
    for (size_t f = 0; f < nfeat && nk * 10 < ts * 7; f++) {
        uint8_t cd[NT];
        int nz = 0;
        for (unsigned t = 0; t < NT; t++) {
            cd[t] = code_of(w[f * NT + t], a, r, h.codebook);
            nz |= cd[t] != 128;
        }
        if (!nz)
            continue;
        uint16_t c = feat_check(hashes[f]);
        size_t i = (size_t)hashes[f] & (ts - 1);
        int ok = 0;
        for (int p = 0; p < NCI_MAX_PROBE; p++) {
            if (chk[i] == c)
                break;
            if (chk[i] == 0) {
                ok = 1;
                break;
            }
            i = (i + 1) & (ts - 1);
        }
        if (!ok)
            continue;
        chk[i] = c;
        memcpy(codes + i * 8, cd, NT);
        nk++;
    }
    size_t o = sizeof h, prev = 0;
    for (size_t i = 0; i < ts; i++) {
        if (!chk[i])
            continue;
        size_t delta = i - prev;
        prev = i;
        do {
            unsigned char c = (unsigned char)(delta & 0x7f);
            delta >>= 7;
            b[o++] = (unsigned char)(c | (delta ? 0x80 : 0));
        } while (delta);
        b[o++] = (unsigned char)(chk[i] & 0xff);
        b[o++] = (unsigned char)(chk[i] >> 8);
        memcpy(b + o, codes + i * 8, NT);
        o += NT;
    }
    size_t ng = 0;
    for (size_t i = 0; g && i <= g->mask; i++) {
        if (!g->keys[i])
            continue;
        uint32_t k = g->keys[i];
        b[o++] = (unsigned char)(k & 0xff);
        b[o++] = (unsigned char)((k >> 8) & 0xff);
        b[o++] = (unsigned char)((k >> 16) & 0xff);
        b[o++] = (unsigned char)(k >> 24);
        b[o++] = g->vals[i];
        ng++;
    }
    h.nfeat = (uint32_t)nk;
    h.ngaz = (uint32_t)ng;
    memcpy(b, &h, sizeof h);
    free(chk);
    free(codes);
    *out = b;
    *outlen = o;
    return NC_OK;
}

/* ------------------------------------------------------------------ */
/* Tagging */

/* Tag one sentence.  If cache is not SIZE_MAX, the sentence starts at token
 * cache of the document cache (nci_tagger_tag_doc), which gets each token's
 * lower-case hash, flags, context and the part of its scores that the second
 * pass won't change. */
static nc_status tag_piece(const nci_tagger_model *m, nci_tagger_doc *d, lexarr *L, size_t a,
                           size_t n, uint8_t *labels, size_t cache);

/* The sentence: tokens [a, a + n) of L. */
static nc_status tag_sentence(const nci_tagger_model *m, nci_tagger_doc *d, lexarr *L, size_t a,
                              size_t n, uint8_t *labels, size_t cache)
{
    /* absurdly long "sentences" (no punctuation in megabytes of text) are
     * tagged in pieces; a name cut in two there is an acceptable loss */
    for (size_t o = 0; o < n; o += NCI_MAX_SENT) {
        size_t k = n - o < NCI_MAX_SENT ? n - o : NCI_MAX_SENT;
        nc_status st = tag_piece(m, d, L, a + o, k, labels + o, cache == SIZE_MAX ? cache : cache + o);
        if (st)
            return st;
    }
    return NC_OK;
}

/* e[t] = the score of label t summed in acc (units of scale). */
static inline void acc_emit(const wacc *acc, float scale, float *e)
{
#if defined(__SSE2__)
    /* lanes 1..7 of acc, converted and scaled 4 at a time */
    __m128i a0 = _mm_load_si128((const __m128i *)(const void *)acc->v);
    __m128i a1 = _mm_load_si128((const __m128i *)(const void *)(acc->v + 4));
    __m128 s = _mm_set1_ps(scale);
    __m128 f0 = _mm_mul_ps(_mm_cvtepi32_ps(_mm_or_si128(_mm_srli_si128(a0, 4), _mm_slli_si128(a1, 12))), s);
    __m128 f1 = _mm_mul_ps(_mm_cvtepi32_ps(_mm_srli_si128(a1, 4)), s);
    _mm_storeu_ps(e, f0);
    _mm_storel_pi((__m64 *)(void *)(e + 4), f1);
    _mm_store_ss(e + 6, _mm_shuffle_ps(f1, f1, 2));
#else
    for (unsigned t = 0; t < NT; t++)
        e[t] = (float)acc->v[t + 1] * scale;
#endif
}

static nc_status tag_piece(const nci_tagger_model *m, nci_tagger_doc *d, lexarr *L, size_t a,
                           size_t n, uint8_t *labels, size_t cache)
{
    nc_status st = features_lx(&m->gaz, d, L, a, n);
    if (st)
        return st;
    const uint64_t *F = d->feats;
    const uint32_t *off = d->qoff, *dyn = d->dyn;
#if defined(__GNUC__)
    /* the weight table doesn't fit in L2: each slot is asked for PF_DIST
     * features ahead, so that misses overlap instead of coming one after
     * another (asking for all of a long sentence's slots at once evicts
     * the first before they are read); F is followed by PF_DIST zeros */
    const uint32_t total = d->ncand ? off[d->ncand] : 0, first = total < PF_DIST ? total : PF_DIST;
    for (uint32_t k = 0; k < first; k++)
        __builtin_prefetch(m->slots + ((size_t)F[k] & m->tmask));
#define PF(k) __builtin_prefetch(m->slots + ((size_t)F[(k) + PF_DIST] & m->tmask))
#else
#define PF(k) ((void)0)
#endif
    /* every token is O but the runs of candidates, decoded one by one */
    memset(labels, NCI_TAG_O, n);
    if (cache != SIZE_MAX)
        memset(d->c_cs + cache, 0, n);
    const uint32_t *ci = d->ci;
    for (size_t q = 0; q < d->ncand;) {
        size_t s = ci[q], i = s;
        for (; q < d->ncand && ci[q] == i; q++, i++) {
            float *e = d->emit + (i - s) * NT;
            wacc acc = d->own[q];
            for (uint32_t k = off[q]; k < dyn[q]; k++) {
                PF(k);
                model_add(m, F[k], &acc);
            }
            if (cache != SIZE_MAX) {
                acc_emit(&acc, m->wscale, d->c_emit + (cache + i) * NT);
                d->c_lower[cache + i] = d->ti[i].lower;
                d->c_fl[cache + i] = d->fl[i];
                d->c_cs[cache + i] = (uint8_t)(d->cs8[i] + 1);
            }
            for (uint32_t k = dyn[q]; k < off[q + 1]; k++) {
                PF(k);
                model_add(m, F[k], &acc);
            }
            acc_emit(&acc, m->wscale, e);
        }
        if (i - s == 1)
            labels[s] = viterbi1(d->emit, m->hdr.trans, m->hdr.end);
        else
            nci_tagger_viterbi(d->emit, i - s, m->hdr.trans, m->hdr.end, d->back, labels + s);
    }
#undef PF
    return NC_OK;
}

/* The second pass over a cached sentence: only the label features are
 * scored again.  pass1: this sentence's first-pass labels. */
static nc_status tag_sentence_cached(const nci_tagger_model *m, nci_tagger_doc *d, size_t cache,
                                     size_t n, const uint8_t *pass1, uint8_t *labels)
{
    uint64_t F[8];
    size_t i = 0;
    while (i < n) {
        if (!d->c_cs[cache + i]) {
            labels[i++] = NCI_TAG_O;
            continue;
        }
        size_t s = i;
        while (i < n && d->c_cs[cache + i]) {
            float *e = d->emit + (i - s) * NT;
            memcpy(e, d->c_emit + (cache + i) * NT, NT * sizeof *e);
            if (d->tcount && (d->c_fl[cache + i] & TF_UPPER)) {
                const docent *de = doc_get(d, d->c_lower[cache + i], 0);
                if (de) {
                    uint64_t cs = (uint64_t)(d->c_cs[cache + i] - 1) * F_CTX;
                    size_t nf = label_feats(d, de, cs, (int)NCI_TAG_TYPE(pass1[i]), F);
                    wacc acc = WACC_ZERO;
                    for (size_t k = 0; k < nf; k++)
                        model_add(m, F[k], &acc);
                    for (unsigned t = 0; t < NT; t++)
                        e[t] += (float)acc.v[t + 1] * m->wscale;
                }
            }
            i++;
        }
        nci_tagger_viterbi(d->emit, i - s, m->hdr.trans, m->hdr.end, d->back, labels + s);
    }
    return NC_OK;
}

/* nci_tagger_doc_record from the cache. */
static nc_status record_cached(nci_tagger_doc *d, size_t cache, size_t n, const uint8_t *labels)
{
    for (size_t i = 0; i < n; i++) {
        if (!d->c_cs[cache + i])
            continue; /* O, and not capitalised */
        unsigned ty = NCI_TAG_TYPE(labels[i]);
        if (ty == 0 && !(d->c_fl[cache + i] & TF_INITCAP))
            continue;
        docent *e = doc_get(d, d->c_lower[cache + i], 1);
        if (!e)
            return NC_ENOMEM;
        if (e->hist[ty] < 0xffff)
            e->hist[ty]++;
    }
    return NC_OK;
}

/* record_lx of the sentence of tokens [a, a + n) of L just tagged into
 * labels by one tag_piece: only candidates have labels, and its candidates'
 * entries found by features_lx are still where they were (nothing was
 * inserted since); those are counted first, then the rest (which may
 * insert, and move entries). */
static nc_status record_tagged(nci_tagger_doc *d, lexarr *L, size_t a, size_t n,
                               const uint8_t *labels)
{
    if (n == 0)
        return NC_OK;
    if (n > NCI_MAX_SENT) /* tagged in pieces */
        return record_lx(d, L, a, n, labels);
    size_t nc = d->ncand;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t q = 0; q < nc; q++) {
            size_t i = d->ci[q];
            unsigned ty = NCI_TAG_TYPE(labels[i]);
            /* an O only says something about words that look like names */
            if ((ty == 0 && !(L->x[a + i] & LX_CAPW)) || (pass == 0) != (d->dent[q] != NULL))
                continue;
            docent *e = pass == 0 ? d->dent[q] : doc_get(d, d->ti[i].lower, 1);
            if (!e)
                return NC_ENOMEM;
            if (e->hist[ty] < 0xffff)
                e->hist[ty]++;
        }
    }
    /* a capitalised word is a candidate (LX_CAPW: its first letter is
     * upper case, TF_UPPER) but for a stop word dropped at the start */
    size_t i = d->dropped;
    if (i != SIZE_MAX && (L->x[a + i] & LX_CAPW)) {
        docent *e = doc_get(d, doc_lower(d, L, a + i), 1);
        if (!e)
            return NC_ENOMEM;
        if (e->hist[0] < 0xffff)
            e->hist[0]++;
    }
    return NC_OK;
}

nc_status nci_tagger_tag(const nci_tagger_model *m, nci_tagger_doc *d,
                         const nci_tagger_token *toks, size_t n, uint8_t *labels)
{
    if (!m || (n && (!toks || !labels)))
        return NC_EINVAL;
    if (n == 0)
        return NC_OK;
    nci_tagger_doc *tmp = NULL;
    if (!d) {
        nc_status st = nci_tagger_doc_new(m, &tmp);
        if (st)
            return st;
        d = tmp;
    }
    nc_status st = lex_fill(&d->lxs, toks, n);
    if (st == NC_OK)
        st = tag_sentence(m, d, &d->lxs, 0, n, labels, SIZE_MAX);
    if (st == NC_OK && !d->second_pass)
        st = record_tagged(d, &d->lxs, 0, n, labels);
    nci_tagger_doc_free(tmp);
    return st;
}

nc_status nci_tagger_tag_at(const nci_tagger_model *m, nci_tagger_doc *d, size_t first, size_t n,
                            uint8_t *labels)
{
    if (!m || !d || first > d->lxd.n || n > d->lxd.n - first || (n && !labels))
        return NC_EINVAL;
    nc_status st = tag_sentence(m, d, &d->lxd, first, n, labels, SIZE_MAX);
    if (st == NC_OK && !d->second_pass)
        st = record_tagged(d, &d->lxd, first, n, labels);
    return st;
}

nc_status nci_tagger_tag_doc(const nci_tagger_model *m, nci_tagger_doc *d,
                             const nci_tagger_token *toks, size_t ntoks,
                             const size_t *sent_end, size_t nsent, uint8_t *labels)
{
    if (!m || (ntoks && (!toks || !labels)) || (nsent && !sent_end))
        return NC_EINVAL;
    size_t prev = 0;
    for (size_t k = 0; k < nsent; k++) {
        if (sent_end[k] < prev || sent_end[k] > ntoks)
            return NC_EINVAL;
        prev = sent_end[k];
    }
    if (prev != ntoks)
        return NC_EINVAL;
    nci_tagger_doc *tmp = NULL;
    if (!d) {
        nc_status st = nci_tagger_doc_new(m, &tmp);
        if (st)
            return st;
        d = tmp;
    }
    nci_tagger_doc_reset(d);
    nc_status st = nci_tagger_doc_observe_all(d, toks, ntoks, sent_end, nsent);
    if (st == NC_OK && ntoks > d->cap_doc) {
        size_t c = ntoks + ntoks / 2;
        uint64_t *lw = realloc(d->c_lower, c * sizeof *lw);
        if (lw)
            d->c_lower = lw;
        float *em = realloc(d->c_emit, c * NT * sizeof *em);
        if (em)
            d->c_emit = em;
        uint8_t *cs = realloc(d->c_cs, c);
        if (cs)
            d->c_cs = cs;
        uint8_t *fl = realloc(d->c_fl, c);
        if (fl)
            d->c_fl = fl;
        if (lw && em && cs && fl)
            d->cap_doc = c;
        else
            st = NC_ENOMEM;
    }
    for (int pass = 0; pass < 2 && st == NC_OK; pass++) {
        prev = 0;
        for (size_t k = 0; k < nsent && st == NC_OK; k++) {
            size_t n = sent_end[k] - prev;
            if (n) {
                uint8_t *outl = labels + prev;
                if (pass == 0) {
                    d->pass1_labels = NULL;
                    st = tag_sentence(m, d, &d->lxd, prev, n, outl, prev);
                } else {
                    /* decode into scratch: the first-pass labels are read */
                    st = doc_reserve(d, n + 1);
                    if (st == NC_OK)
                        st = tag_sentence_cached(m, d, prev, n, outl, d->out2);
                    if (st == NC_OK)
                        memcpy(outl, d->out2, n);
                }
                if (st == NC_OK)
                    st = record_cached(d, prev, n, outl);
            }
            prev = sent_end[k];
        }
        if (pass == 0)
            nci_tagger_doc_second_pass(d);
    }
    d->pass1_labels = NULL;
    nci_tagger_doc_free(tmp);
    return st;
}
