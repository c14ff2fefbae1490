/* Private types of the number stage (lib/numbers.c, lib/num_lex.c,
 * lib/num_tok.c).  Not used by other stages. */
#ifndef NC_NUM_IMPL_H
#define NC_NUM_IMPL_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "numbers.h"

/* Roles a folded word (or symbol) can play; a word may have several. */
enum {
    NCI_R_CARD = 1u << 0,      /* cardinal word */
    NCI_R_HUNDRED = 1u << 1,   /* "hundred" */
    NCI_R_SCALE = 1u << 2,     /* thousand, million, "bn", "k" */
    NCI_R_MULT = 1u << 3,      /* dozen */
    NCI_R_ORD = 1u << 4,       /* ordinal word */
    NCI_R_DENOM = 1u << 5,     /* fraction denominator ("thirds", "half") */
    NCI_R_VAGUE = 1u << 6,     /* vague quantity ("dozens") */
    NCI_R_QUAL = 1u << 7,      /* one-word qualifier ("over") */
    NCI_R_PCT = 1u << 8,       /* percent word or sign */
    NCI_R_MONTH = 1u << 9,
    NCI_R_DUR = 1u << 10,      /* unit of duration */
    NCI_R_TIME = 1u << 11,     /* am, pm, GMT */
    NCI_R_YEARCTX = 1u << 12,  /* "in", "since": a year may follow */
    NCI_R_NEG = 1u << 13,      /* minus */
    NCI_R_POINT = 1u << 14,    /* decimal point word */
    NCI_R_AND = 1u << 15,      /* "and", "y" */
    NCI_R_RANGEPRE = 1u << 16, /* "between", "from", "entre" */
    NCI_R_RANGESEP = 1u << 17, /* "to", "a" */
    NCI_R_OVER = 1u << 18,     /* "over", "sobre" (fractions) */
    NCI_R_DET = 1u << 19,      /* determiner: "the one" is a pronoun */
    NCI_R_CUR = 1u << 20,      /* currency symbol or name */
    NCI_R_CODE = 1u << 21,     /* ISO 4217 code (lower-cased key) */
    NCI_R_PHRASE = 1u << 22,   /* first word of one or more phrases */
    NCI_R_PHRKEY = 1u << 23,   /* a whole phrase key (never matches a token) */
    NCI_R_CHANGE = 1u << 24,   /* a verb of change: "rose from 5 to 10" is not a range */
    NCI_R_KEEP = 1u << 25,     /* a word the grammar reads ("of", "but"): kept as a token */
    NCI_R_DAYPART = 1u << 26   /* a part of the day: "10 in the morning", "las 10 de la noche" */
};

enum { NCI_CC_UNIT = 1, NCI_CC_TEEN, NCI_CC_TENS, NCI_CC_HUND, NCI_CC_ARTICLE };
enum { NCI_SK_WORD = 0, NCI_SK_SUFFIX, NCI_SK_UPPER };
enum { NCI_QP_PRE = 0, NCI_QP_POST, NCI_QP_OUT };
enum { NCI_P_QUAL = 1, NCI_P_VAGUE, NCI_P_PCT, NCI_P_CUR, NCI_P_OVER };

typedef struct nci_lexent {
    uint32_t roles;
    uint32_t hash;
    uint64_t k8;       /* the key's first eight bytes, zero padded (fast compare) */
    uint32_t key_off;  /* folded key in the table's pool */
    uint16_t key_len;
    uint8_t cclass, scale_kind, ord_frac, qual, qpos, month, month_cap, point_con;
    uint8_t cur_minor, code_mega, cur_upper; /* cur_upper: a letter symbol, capitals only */
    char cur[4];       /* NCI_R_CUR: ISO code */
    char code[4];      /* NCI_R_CODE: ISO code */
    uint32_t join_hash; /* NCI_R_RANGEPRE: hash of the folded word joining the ends */
    uint32_t phr0, nphr; /* NCI_R_PHRASE: phrases[phr0 .. phr0+nphr), longest first */
    uint32_t phr_roles;  /* bit (1 << role) for each role of those phrases */
    uint8_t phr_start;   /* one of those phrases can open an expression */
    uint8_t trig;        /* NCI_TRIG_*: how the scan treats a token of this word */
    uint8_t seed;        /* a number can hold this word: no number without one (see
                          * nci_langtab.seedmap) */
    double card, scale, mult, ord, denom, vlo, vhi;
} nci_lexent;

typedef struct nci_phrase {
    uint32_t key_off;  /* folded tokens joined by one space */
    uint16_t key_len;
    uint8_t ntok, role, qual, qpos, minor;
    char cur[4];
    uint32_t first;    /* entry of the first token */
    uint32_t w[8];     /* entries of the tokens (w[0] == first) */
    double vlo, vhi;
} nci_phrase;

enum { NCI_SEED_RUN = 15 };

typedef struct nci_langtab {
    nci_lexent *ents;
    size_t nents, cap_ents;
    uint64_t *slots;   /* open addressing: hash << 32 | (entry index + 1); 0 empty */
    size_t nslots;
    uint64_t bloom[1024]; /* one bit per key hash: most words are rejected here */
    const nci_lexent *ascii_sym[128]; /* entries of the ASCII symbols ("$", "%") */
    /* The runs of ASCII letters of the seed words' keys, by length (longer
     * runs share the last row), first letter and (bit) last letter: a
     * sentence whose words miss this map holds no number (nci_numbers_scan). */
    uint32_t seedmap[NCI_SEED_RUN + 1][26];
    /* The prefilter's first test of a run (mark_seeds()): the seed map's row
     * by the run's first byte as written, all ones where seed_run() in
     * numbers.c must look whatever the map says (a Roman numeral's capital
     * I, V or X; in Spanish, runs of five letters or more: partitives). */
    uint32_t runmap[NCI_SEED_RUN + 1][128];
    nci_phrase *phr;
    size_t nphr, cap_phr;
    char *pool;
    size_t pool_len, pool_cap;
} nci_langtab;

struct nci_numlex {
    nci_langtab tab[2]; /* en, es */
};

/* What a word's entry makes of its token in the scan (see nci_numbers_scan).
 * NCI_TRIG_PHRASE: a word whose only part in the grammar is to begin
 * phrases ("in" of "in excess of"): as NCI_TRIG_NEAR, once one matches. */
enum { NCI_TRIG_NONE = 0, NCI_TRIG_ALWAYS = 1, NCI_TRIG_NEAR = 2, NCI_TRIG_ARTICLE = 3, NCI_TRIG_PHRASE = 4 };

/* Token types. */
enum { NCI_TK_WORD = 1, NCI_TK_NUM, NCI_TK_SYM, NCI_TK_IDENT, NCI_TK_DATE, NCI_TK_TIME,
       NCI_TK_PHONE, NCI_TK_DUR /* a race time "3:48.82": v is its seconds */ };

/* Number token flags. */
enum {
    NCI_NF_SEP = 1,      /* had thousands separators */
    NCI_NF_DEC = 2,      /* had a decimal part */
    NCI_NF_EXP = 4,      /* had an exponent or a power */
    NCI_NF_LEAD0 = 8,    /* more than one digit, starting with 0 */
    NCI_NF_FRAC = 16,    /* a digit fraction "3/4" or a vulgar fraction */
    NCI_NF_OVF = 32,     /* the value cannot be held */
    NCI_NF_DOTTED = 64,  /* "192.168.1.2": not one number */
    NCI_NF_LIST = 128    /* an item of a list cut at commas ("22,24,26") */
};

typedef struct nci_ntok {
    uint32_t s, e;       /* bytes of the text */
    uint32_t fs;         /* folded text in the fold buffer */
    uint16_t fl;
    uint8_t type;
    uint8_t sp;          /* white space before the token */
    uint8_t caps;        /* words: 1 capitalised, 2 all capitals (two letters or more) */
    uint8_t flags;       /* numbers: NCI_NF_* */
    uint8_t nd;          /* numbers: integer digits (capped at 255) */
    uint8_t pad;         /* words: a gap (a run of words the grammar never reads) */
    uint8_t trig;        /* words and symbols: the entry's NCI_TRIG_* */
    uint32_t cp;         /* symbols: the code point */
    const nci_lexent *lx;/* words and symbols: the entry, or NULL */
    double v;            /* numbers: the value; times: hours after midnight */
} nci_ntok;

/* Hash of a folded key: its first and last eight bytes and its length,
 * (a key of eight bytes or less: its bytes as one zero-padded word),
 * mixed with multiplications, the high half of the product kept (no
 * byte-serial chain: the tokenizer hashes every word; for a key of eight
 * bytes or less, b is 0: one multiply).  Keys are compared in
 * full after a hit, so collisions only cost a probe. */
static inline uint32_t nci_num_hash8(uint64_t a, uint64_t b, size_t n)
{
    uint64_t h = ((a ^ b * 0xc4ceb9fe1a85ec53ull) + n) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

static inline uint32_t nci_num_hash(const char *s, size_t n)
{
    uint64_t a = 0, b = 0;
    if (n > 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else {
        memcpy(&a, s, n); /* the key's bytes, zero padded */
    }
    return nci_num_hash8(a, b, n);
}

/* One bit per key hash: most words are rejected here, before any probe. */
static inline int nci_num_maybe(const nci_langtab *tab, uint32_t h)
{
    uint32_t b = (h >> 16) & 0xffff;
    return (tab->bloom[b >> 6] >> (b & 63)) & 1;
}

/* Probe for folded key s[0..n) with hash h, whose first eight bytes (zero
 * padded) are k8: a key of eight bytes or less is compared as one integer,
 * a longer one as its first and last eight bytes, then (over sixteen) the
 * bytes between, so the tokenizer's loop calls nothing. */
static inline const nci_lexent *nci_num_probe(const nci_langtab *tab, const char *s, size_t n, uint32_t h,
                                              uint64_t k8)
{
    size_t mask = tab->nslots - 1;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
        uint64_t sl = tab->slots[k];
        if (!sl)
            return NULL;
        if ((uint32_t)(sl >> 32) != h)
            continue;
        const nci_lexent *e = &tab->ents[(uint32_t)sl - 1];
        if (e->key_len != n || e->k8 != k8)
            continue;
        if (n <= 8)
            return e;
        const char *key = tab->pool + e->key_off;
        uint64_t x, y;
        memcpy(&x, key + n - 8, 8);
        memcpy(&y, s + n - 8, 8);
        if (x != y)
            continue;
        size_t q = 8; /* a longer key (rare): the bytes between */
        while (q < n - 8 && key[q] == s[q])
            q++;
        if (q >= n - 8)
            return e;
    }
}

/* The entry of folded key s[0..n) with hash h (nci_num_hash), or NULL. */
static inline const nci_lexent *nci_num_lookup(const nci_langtab *tab, const char *s, size_t n, uint32_t h)
{
    if (!nci_num_maybe(tab, h))
        return NULL;
    uint64_t a = 0;
    memcpy(&a, s, n < 8 ? n : 8);
    return nci_num_probe(tab, s, n, h, a);
}


/* Tokenize text[start,end) into toks (grown with nci_grow; *cap its
 * capacity), folding words into fold (at least end-start bytes) and looking
 * them up in tab (NULL: no lookups).  es selects the Spanish decimal comma.
 * Returns the number of tokens, or (size_t)-1 on ENOMEM. */
size_t nci_num_tokenize(const char *text, size_t start, size_t end, const nci_langtab *tab,
                        int es, nci_ntok **toks, size_t *cap, char *fold);

/* Tokenize a lexicon key (no lookups) into at most max tokens. */
size_t nci_num_tokenize_key(const char *key, size_t len, nci_ntok *toks, size_t max, char *fold);

#endif
