/* The number stage's read-only tables (nci_numlex): number words, qualifiers,
 * vague quantities and units from data/ (lib/gen_numbers.c), and currency
 * symbols and names from ICU's currency data, folded and hashed once per
 * context.  Private to the number stage; see lib/num_impl.h. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>
#include "num_impl.h"
#include "num_lex.h"


/* Append s[0..n) and a NUL to a growing pool; *off: where it starts. */
static int pool_put(char **pool, size_t *len, size_t *pcap, const char *s, size_t n, uint32_t *off)
{
    if (*len + n + 1 > *pcap) {
        size_t cap = *pcap ? *pcap : 4096;
        while (cap < *len + n + 1)
            cap *= 2;
        char *p = realloc(*pool, cap);
        if (!p)
            return -1;
        *pool = p;
        *pcap = cap;
    }
    memcpy(*pool + *len, s, n);
    (*pool)[*len + n] = '\0';
    *off = (uint32_t)*len;
    *len += n + 1;
    return 0;
}

static int pool_add(nci_langtab *tab, const char *s, size_t n, uint32_t *off)
{
    return pool_put(&tab->pool, &tab->pool_len, &tab->pool_cap, s, n, off);
}

static int rehash(nci_langtab *tab, size_t nslots)
{
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < tab->nents; i++) {
        size_t k = tab->ents[i].hash & (nslots - 1);
        while (slots[k])
            k = (k + 1) & (nslots - 1);
        slots[k] = (uint64_t)tab->ents[i].hash << 32 | (uint32_t)(i + 1);
    }
    free(tab->slots);
    tab->slots = slots;
    tab->nslots = nslots;
    return 0;
}

/* The entry for folded key s[0..n), created empty if missing; NULL on ENOMEM. */
static nci_lexent *ent_get(nci_langtab *tab, const char *s, size_t n)
{
    uint32_t h = nci_num_hash(s, n);
    const nci_lexent *found = tab->nslots ? nci_num_lookup(tab, s, n, h) : NULL;
    if (found)
        return (nci_lexent *)found;
    if (n > 0xffff)
        return NULL;
    if ((tab->nents + 1) * 2 > tab->nslots && rehash(tab, tab->nslots ? tab->nslots * 2 : 1024))
        return NULL;
    nci_lexent *ents = nci_grow(tab->ents, &tab->cap_ents, tab->nents + 1, sizeof *ents);
    if (!ents)
        return NULL;
    tab->ents = ents;
    nci_lexent *e = &ents[tab->nents];
    memset(e, 0, sizeof *e);
    if (pool_add(tab, s, n, &e->key_off))
        return NULL;
    e->key_len = (uint16_t)n;
    e->hash = h;
    memcpy(&e->k8, s, n < 8 ? n : 8);
    size_t k = h & (tab->nslots - 1);
    while (tab->slots[k])
        k = (k + 1) & (tab->nslots - 1);
    tab->slots[k] = (uint64_t)h << 32 | (uint32_t)(++tab->nents);
    uint32_t b = (h >> 16) & 0xffff;
    tab->bloom[b >> 6] |= 1ull << (b & 63);
    return e;
}

static int qual_code(const char *s)
{
    static const char *const names[] = {"exact", "at_least", "more_than", "at_most",
                                        "less_than", "about", "range", "vague"};
    for (int i = 0; i < 8; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static int qual_pos(const char *s)
{
    if (strcmp(s, "pre") == 0)
        return NCI_QP_PRE;
    if (strcmp(s, "post") == 0)
        return NCI_QP_POST;
    return NCI_QP_OUT;
}

/* Tokenize a key with the scanner's own tokenizer so that keys and text fold
 * the same way; returns the number of tokens and fills folded[] with the
 * folded tokens joined by single spaces. */
static size_t fold_key(const char *key, size_t len, char *folded, size_t cap, size_t *flen)
{
    nci_ntok toks[16];
    char fbuf[256];
    if (len >= sizeof fbuf)
        return 0;
    size_t n = nci_num_tokenize_key(key, len, toks, 16, fbuf);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t fl = toks[i].fl;
        if (o + fl + 2 > cap)
            return 0;
        if (i)
            folded[o++] = ' ';
        memcpy(folded + o, fbuf + toks[i].fs, fl);
        o += fl;
    }
    folded[o] = '\0';
    *flen = o;
    return n;
}

static int add_phrase(nci_langtab *tab, const char *folded, size_t flen, size_t ntok,
                      const nci_phrase *proto)
{
    const char *sp = memchr(folded, ' ', flen);
    size_t first_len = sp ? (size_t)(sp - folded) : flen;
    /* the same phrase twice (ICU gives many locales the same name): first
     * wins.  The whole key is kept as an entry of its own to find it; it has
     * spaces, so no token ever looks it up. */
    nci_lexent *whole = ent_get(tab, folded, flen);
    if (!whole)
        return -1;
    if (whole->roles & NCI_R_PHRKEY)
        return 0;
    whole->roles |= NCI_R_PHRKEY;
    /* every later word of a phrase must stay a token ("than", "least") */
    uint32_t wids[8];
    size_t nw = 1;
    if (ntok > 8)
        return 0;
    for (size_t p = first_len; p < flen;) {
        size_t w0 = p + 1, w1 = w0;
        while (w1 < flen && folded[w1] != ' ')
            w1++;
        nci_lexent *we = ent_get(tab, folded + w0, w1 - w0);
        if (!we)
            return -1;
        we->roles |= NCI_R_KEEP;
        wids[nw++] = (uint32_t)(we - tab->ents);
        p = w1;
    }
    nci_lexent *e = ent_get(tab, folded, first_len);
    if (!e)
        return -1;
    e->roles |= NCI_R_PHRASE;
    nci_phrase *ph = nci_grow(tab->phr, &tab->cap_phr, tab->nphr + 1, sizeof *ph);
    if (!ph)
        return -1;
    tab->phr = ph;
    ph = &tab->phr[tab->nphr];
    *ph = *proto;
    if (pool_add(tab, folded, flen, &ph->key_off))
        return -1;
    ph->key_len = (uint16_t)flen;
    ph->ntok = (uint8_t)ntok;
    ph->first = (uint32_t)(e - tab->ents);
    wids[0] = ph->first;
    memcpy(ph->w, wids, sizeof ph->w);
    tab->nphr++;
    return 0;
}

/* Apply one data row (or one ICU name) to a table. */
static int add_row(nci_langtab *tab, const char *key, const char *type, const char *a,
                   const char *b)
{
    char folded[256];
    size_t flen = 0;
    size_t ntok = fold_key(key, strlen(key), folded, sizeof folded, &flen);
    if (ntok == 0)
        return 0;
    if (ntok > 1) {
        nci_phrase p;
        memset(&p, 0, sizeof p);
        if (strcmp(type, "vague") == 0) {
            p.role = NCI_P_VAGUE;
            p.vlo = atof(a);
            p.vhi = atof(b);
        } else if (strcmp(type, "qual") == 0) {
            p.role = NCI_P_QUAL;
            p.qual = (uint8_t)qual_code(a);
            p.qpos = (uint8_t)qual_pos(b);
        } else if (strcmp(type, "pct") == 0) {
            p.role = NCI_P_PCT;
        } else if (strcmp(type, "cur") == 0) {
            p.role = NCI_P_CUR;
            strncpy(p.cur, a, 3);
            p.minor = strcmp(b, "minor") == 0;
        } else if (strcmp(type, "over") == 0) {
            p.role = NCI_P_OVER;
        } else {
            return 0; /* other types are single words */
        }
        return add_phrase(tab, folded, flen, ntok, &p);
    }
    nci_lexent *e = ent_get(tab, folded, flen);
    if (!e)
        return -1;
    if (strcmp(type, "card") == 0) {
        e->roles |= NCI_R_CARD;
        e->card = atof(a);
        e->cclass = strcmp(b, "unit") == 0   ? NCI_CC_UNIT
                    : strcmp(b, "teen") == 0 ? NCI_CC_TEEN
                    : strcmp(b, "tens") == 0 ? NCI_CC_TENS
                    : strcmp(b, "hund") == 0 ? NCI_CC_HUND
                                             : NCI_CC_ARTICLE;
    } else if (strcmp(type, "hundred") == 0) {
        e->roles |= NCI_R_HUNDRED;
    } else if (strcmp(type, "scale") == 0) {
        e->roles |= NCI_R_SCALE;
        e->scale = atof(a);
        e->scale_kind = strcmp(b, "suffix") == 0  ? NCI_SK_SUFFIX
                        : strcmp(b, "upper") == 0 ? NCI_SK_UPPER
                                                  : NCI_SK_WORD;
    } else if (strcmp(type, "mult") == 0) {
        e->roles |= NCI_R_MULT;
        e->mult = atof(a);
    } else if (strcmp(type, "ord") == 0) {
        e->roles |= NCI_R_ORD;
        e->ord = atof(a);
        e->ord_frac = strcmp(b, "frac") == 0;
    } else if (strcmp(type, "denom") == 0) {
        e->roles |= NCI_R_DENOM;
        e->denom = atof(a);
    } else if (strcmp(type, "vague") == 0) {
        e->roles |= NCI_R_VAGUE;
        e->vlo = atof(a);
        e->vhi = atof(b);
    } else if (strcmp(type, "qual") == 0) {
        e->roles |= NCI_R_QUAL;
        e->qual = (uint8_t)qual_code(a);
        e->qpos = (uint8_t)qual_pos(b);
    } else if (strcmp(type, "pct") == 0) {
        e->roles |= NCI_R_PCT;
    } else if (strcmp(type, "month") == 0) {
        e->roles |= NCI_R_MONTH;
        e->month = (uint8_t)atoi(a);
        e->month_cap = strcmp(b, "cap") == 0;
    } else if (strcmp(type, "dur") == 0) {
        e->roles |= NCI_R_DUR;
    } else if (strcmp(type, "time") == 0) {
        e->roles |= NCI_R_TIME;
    } else if (strcmp(type, "yearctx") == 0) {
        e->roles |= NCI_R_YEARCTX;
    } else if (strcmp(type, "neg") == 0) {
        e->roles |= NCI_R_NEG;
    } else if (strcmp(type, "point") == 0) {
        e->roles |= NCI_R_POINT;
        e->point_con = strcmp(a, "con") == 0;
    } else if (strcmp(type, "and") == 0) {
        e->roles |= NCI_R_AND;
    } else if (strcmp(type, "rangepre") == 0) {
        e->roles |= NCI_R_RANGEPRE;
        char jf[64];
        size_t jl = 0;
        if (fold_key(a, strlen(a), jf, sizeof jf, &jl) == 1)
            e->join_hash = nci_num_hash(jf, jl);
    } else if (strcmp(type, "rangesep") == 0) {
        e->roles |= NCI_R_RANGESEP;
    } else if (strcmp(type, "over") == 0) {
        e->roles |= NCI_R_OVER;
    } else if (strcmp(type, "daypart") == 0) {
        e->roles |= NCI_R_DAYPART;
    } else if (strcmp(type, "keep") == 0) {
        e->roles |= NCI_R_KEEP;
    } else if (strcmp(type, "change") == 0) {
        e->roles |= NCI_R_CHANGE;
    } else if (strcmp(type, "det") == 0) {
        e->roles |= NCI_R_DET;
    } else if (strcmp(type, "cur") == 0) {
        if (!(e->roles & NCI_R_CUR)) { /* first definition wins */
            e->roles |= NCI_R_CUR;
            strncpy(e->cur, a, 3);
            e->cur_minor = strcmp(b, "minor") == 0;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- ICU */

static int utf8_of(const UChar *u, int32_t ulen, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(out, (int32_t)cap - 1, &n, u, ulen, &st);
    if (U_FAILURE(st) || n <= 0 || (size_t)n >= cap)
        return 0;
    out[n] = '\0';
    /* drop a parenthetical ("Venezuelan bolívars (2008–2018)") */
    char *par = strstr(out, " (");
    if (par)
        *par = '\0';
    return 1;
}

/* A symbol made of letters only ("KM", "Kz", "Br") reads like a word or an
 * abbreviation ("29km" is a distance): such symbols are kept only when written
 * in capitals, as ISO codes are; the others are dropped. */
static int letter_only(const char *s)
{
    int letters = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
            letters++;
        else if (*p == '.' || (*p >= 0xC3 && *p <= 0xC5) || (*p >= 0x80 && *p <= 0xBF))
            continue;
        else
            return 0;
    }
    return letters > 0;
}

static int add_cur_name(nci_langtab *tab, const char *name, const char *code, int is_symbol)
{
    if (is_symbol && letter_only(name)) {
        char folded[64];
        size_t flen = 0;
        if (fold_key(name, strlen(name), folded, sizeof folded, &flen) != 1)
            return 0;
        nci_lexent *e = ent_get(tab, folded, flen);
        if (!e)
            return -1;
        if (!(e->roles & NCI_R_CUR)) {
            e->roles |= NCI_R_CUR;
            memcpy(e->cur, code, 3);
            e->cur_upper = 1;
        }
        return 0;
    }
    return add_row(tab, name, "cur", code, "major");
}

/* ICU's currency names of one locale, as UTF-8: for each ISO code of the
 * enumeration, in its order, the symbol, the long name and the plural names
 * "one" and "other" (narrow: the narrow symbol alone).  ICU's lookups are
 * slow (a resource bundle search each), and the en and es tables read some
 * locales both: the names are fetched once per context (namecache). */
enum { NAMES_PER_CODE = 4 };
typedef struct curnames {
    const char *locale;
    int32_t which;
    int narrow;
    size_t n, cap;
    char (*code)[4];
    uint32_t (*name)[NAMES_PER_CODE]; /* offsets in pool; 0: no name */
    char *pool;
    size_t pool_len, pool_cap;
} curnames;

/* The names already applied to the table being built, with the symbol flag
 * of add_cur_name(): applying one again would change nothing (the first
 * definition of a word or a phrase wins), and ICU gives most locales the
 * same names, so each is applied once. */
enum { SEEN_SLOTS = 16384 };
typedef struct seen_name {
    const char *name; /* in a curnames pool; NULL: empty slot */
    uint32_t hash;
    int is_symbol;
} seen_name;

typedef struct namecache {
    curnames sets[16];
    size_t n;
    seen_name *seen; /* SEEN_SLOTS slots, cleared for each table */
    size_t nseen;
} namecache;

/* 1 if (name, is_symbol) was applied to the current table before, else
 * records it and returns 0 (also when the set is full). */
static int seen_before(namecache *nc, const char *name, int is_symbol)
{
    size_t len = strlen(name);
    uint32_t h = nci_num_hash(name, len);
    size_t k = h & (SEEN_SLOTS - 1);
    for (; nc->seen[k].name; k = (k + 1) & (SEEN_SLOTS - 1))
        if (nc->seen[k].hash == h && nc->seen[k].is_symbol == is_symbol && strcmp(nc->seen[k].name, name) == 0)
            return 1;
    if (nc->nseen * 2 >= SEEN_SLOTS)
        return 0;
    nc->seen[k] = (seen_name){name, h, is_symbol};
    nc->nseen++;
    return 0;
}

/* Keep name u (ICU's answer) in set cn as the name k of its last code when
 * ICU found it, it converts and it is not the code itself.  0 or -1 (ENOMEM). */
static int keep_name(curnames *cn, size_t k, const UChar *u, int32_t len, UErrorCode s2)
{
    char buf[128];
    const char *code = cn->code[cn->n - 1];
    cn->name[cn->n - 1][k] = 0;
    if (U_FAILURE(s2) || !u || !utf8_of(u, len, buf, sizeof buf) || strncmp(buf, code, 4) == 0)
        return 0;
    return pool_put(&cn->pool, &cn->pool_len, &cn->pool_cap, buf, strlen(buf), &cn->name[cn->n - 1][k]);
}

/* Fetch the names of cn->locale from ICU.  0, -1 (ENOMEM) or -2 (ICU). */
static int fetch_names(curnames *cn)
{
    UErrorCode st = U_ZERO_ERROR;
    UEnumeration *en = ucurr_openISOCurrencies((uint32_t)cn->which, &st);
    if (U_FAILURE(st))
        return -2;
    cn->pool_len = 1; /* offset 0 means no name */
    const char *code;
    int32_t clen;
    int rc = 0;
    while (rc == 0 && (code = uenum_next(en, &clen, &st)) != NULL && clen == 3) {
        if (cn->n == cn->cap) {
            size_t cap = cn->cap ? cn->cap * 2 : 512;
            char(*c2)[4] = realloc(cn->code, cap * sizeof *c2);
            if (c2)
                cn->code = c2;
            uint32_t(*n2)[NAMES_PER_CODE] = realloc(cn->name, cap * sizeof *n2);
            if (n2)
                cn->name = n2;
            if (!c2 || !n2) {
                rc = -1;
                break;
            }
            cn->cap = cap;
        }
        memcpy(cn->code[cn->n], code, 3);
        cn->code[cn->n][3] = '\0';
        cn->n++;
        UChar ucode[4];
        u_charsToUChars(code, ucode, 3);
        ucode[3] = 0;
        UBool choice = 0;
        int32_t len = 0;
        for (size_t k = 0; k < NAMES_PER_CODE; k++)
            cn->name[cn->n - 1][k] = 0;
        if (cn->narrow) {
            UErrorCode s2 = U_ZERO_ERROR;
            const UChar *nm = ucurr_getName(ucode, cn->locale, UCURR_NARROW_SYMBOL_NAME, &choice, &len, &s2);
            rc = keep_name(cn, 0, nm, len, s2);
            continue;
        }
        static const int kinds[2] = {UCURR_SYMBOL_NAME, UCURR_LONG_NAME};
        for (int k = 0; k < 2 && rc == 0; k++) {
            UErrorCode s2 = U_ZERO_ERROR;
            choice = 0;
            const UChar *nm = ucurr_getName(ucode, cn->locale, (UCurrNameStyle)kinds[k], &choice, &len, &s2);
            if (!choice)
                rc = keep_name(cn, (size_t)k, nm, len, s2);
        }
        static const char *const counts[2] = {"one", "other"};
        for (int k = 0; k < 2 && rc == 0; k++) {
            UErrorCode s2 = U_ZERO_ERROR;
            const UChar *nm = ucurr_getPluralName(ucode, cn->locale, &choice, counts[k], &len, &s2);
            rc = keep_name(cn, 2 + (size_t)k, nm, len, s2);
        }
    }
    uenum_close(en);
    return rc;
}

/* The names of a locale, fetched on first use; NULL with *rc set on error. */
static const curnames *names_of(namecache *nc, const char *locale, int32_t which, int narrow, int *rc)
{
    for (size_t i = 0; i < nc->n; i++)
        if (strcmp(nc->sets[i].locale, locale) == 0 && nc->sets[i].which == which && nc->sets[i].narrow == narrow)
            return &nc->sets[i];
    if (nc->n == sizeof nc->sets / sizeof nc->sets[0]) {
        *rc = -1;
        return NULL;
    }
    curnames *cn = &nc->sets[nc->n++];
    memset(cn, 0, sizeof *cn);
    cn->locale = locale;
    cn->which = which;
    cn->narrow = narrow;
    *rc = fetch_names(cn);
    return *rc ? NULL : cn;
}

static void namecache_free(namecache *nc)
{
    for (size_t i = 0; i < nc->n; i++) {
        free(nc->sets[i].code);
        free(nc->sets[i].name);
        free(nc->sets[i].pool);
    }
    nc->n = 0;
    free(nc->seen);
    nc->seen = NULL;
}

/* Currency symbols, names and plural names of one locale. */
static int add_icu_locale(nci_langtab *tab, namecache *nc, const char *locale, int32_t which, int narrow)
{
    /* narrow symbols ("$" for the peso, "£" for the Falklands pound) are
     * ambiguous: they come last, so every currency's own symbol wins */
    int rc = 0;
    const curnames *cn = names_of(nc, locale, which, narrow == 2, &rc);
    if (!cn)
        return rc;
    for (size_t i = 0; i < cn->n && rc == 0; i++) {
        const char *code = cn->code[i];
        const uint32_t *nm = cn->name[i];
        if (narrow == 2) {
            if (nm[0]) {
                const char *buf = cn->pool + nm[0];
                if (!seen_before(nc, buf, 1))
                    rc = add_cur_name(tab, buf, code, 1);
                /* "$" as narrow symbol: the code itself before "$" names it ("MXN$") */
                if (rc == 0 && strcmp(buf, "$") == 0) {
                    char k2[8];
                    memcpy(k2, code, 3);
                    memcpy(k2 + 3, " $", 3);
                    rc = add_cur_name(tab, k2, code, 0);
                }
            }
            continue;
        }
        /* the symbol, the long name, the plural names */
        for (size_t k = 0; k < NAMES_PER_CODE && rc == 0; k++)
            if (nm[k] && !seen_before(nc, cn->pool + nm[k], k == 0))
                rc = add_cur_name(tab, cn->pool + nm[k], code, k == 0);
        if (rc == 0) {
            /* the ISO code itself ("USD"), and "M" + code for millions ("MUSD");
             * both are only taken when written in capitals (see numbers.c) */
            char low[5];
            for (int j = 0; j < 3; j++)
                low[j] = (char)(code[j] | 0x20);
            low[3] = '\0';
            nci_lexent *e = ent_get(tab, low, 3);
            if (!e)
                rc = -1;
            else if (!(e->roles & NCI_R_CODE)) {
                e->roles |= NCI_R_CODE;
                memcpy(e->code, code, 3);
            }
            char mlow[5] = {'m', low[0], low[1], low[2], '\0'};
            e = rc ? NULL : ent_get(tab, mlow, 4);
            if (!rc && !e)
                rc = -1;
            else if (e && !(e->roles & NCI_R_CODE)) {
                e->roles |= NCI_R_CODE;
                e->code_mega = 1;
                memcpy(e->code, code, 3);
            }
        }
    }
    return rc;
}

static int phrase_cmp(const void *a, const void *b)
{
    const nci_phrase *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->ntok != y->ntok)
        return x->ntok > y->ntok ? -1 : 1; /* longest first */
    return x->key_off < y->key_off ? -1 : x->key_off > y->key_off;
}

/* Mark e as a seed word and put the runs of ASCII letters of its key in the
 * table's seed map. */
static void seed_add(nci_langtab *tab, nci_lexent *e)
{
    const char *k = tab->pool + e->key_off;
    size_t n = e->key_len;
    e->seed = 1;
    for (size_t a = 0; a < n;) {
        if ((unsigned char)(k[a] - 'a') >= 26) {
            a++;
            continue;
        }
        size_t b = a;
        while (b < n && (unsigned char)(k[b] - 'a') < 26)
            b++;
        size_t row = b - a > NCI_SEED_RUN ? NCI_SEED_RUN : b - a;
        tab->seedmap[row][k[a] - 'a'] |= 1u << (k[b - 1] - 'a');
        a = b;
    }
}

/* The seed words: without one of them, a sentence with no digit and no byte
 * outside ASCII holds no number (every expression needs a value, and a
 * currency, a percent word, a qualifier or an article only make one next to
 * a number word).  They are the number words of every sort (a scale word
 * only when spelled out: "m" and "bn" follow digits) and, for each vague
 * phrase ("a handful", "scores of"), its longest word, since the phrase
 * matches only with all its words. */
static void mark_seeds(nci_langtab *tab, int es)
{
    const uint32_t value = NCI_R_HUNDRED | NCI_R_MULT | NCI_R_ORD | NCI_R_DENOM | NCI_R_VAGUE;
    for (size_t i = 0; i < tab->nents; i++) {
        nci_lexent *e = &tab->ents[i];
        if ((e->roles & value) || ((e->roles & NCI_R_CARD) && e->cclass != NCI_CC_ARTICLE) ||
            ((e->roles & NCI_R_SCALE) && e->scale_kind == NCI_SK_WORD))
            seed_add(tab, e);
    }
    for (size_t i = 0; i < tab->nphr; i++) {
        const nci_phrase *ph = &tab->phr[i];
        if (ph->role != NCI_P_VAGUE)
            continue;
        nci_lexent *best = &tab->ents[ph->w[0]];
        for (size_t w = 1; w < ph->ntok; w++)
            if (tab->ents[ph->w[w]].key_len > best->key_len)
                best = &tab->ents[ph->w[w]];
        seed_add(tab, best);
    }
    for (int row = 1; row <= NCI_SEED_RUN; row++)
        for (int f = 'a'; f <= 'z'; f++) {
            uint32_t bits = es && row >= 5 ? ~0u : tab->seedmap[row][f - 'a'];
            tab->runmap[row][f] = bits;
            tab->runmap[row][f - 0x20] = (f == 'i' || f == 'v' || f == 'x') && row >= 2 && row <= 6 ? ~0u : bits;
        }
}

static int build_tab(nci_langtab *tab, namecache *nc, const char *lang)
{
    /* data first: its choices ("$" is USD, "dollars" is USD) win over ICU's */
    for (size_t i = 0; i < nci_gen_numwords_count; i++) {
        const nci_numword *w = &nci_gen_numwords[i];
        if ((strcmp(w->lang, lang) == 0 || strcmp(w->lang, "*") == 0) &&
            add_row(tab, w->key, w->type, w->a, w->b))
            return -1;
    }
    /* ICU currency data: the text's language first, then the other one, and
     * English for the historic currencies news still names (markka, peseta). */
    static const char *const en_locs[] = {"en", "en_GB", "en_IN", "es", NULL};
    static const char *const es_locs[] = {"es", "es_VE", "es_MX", "es_AR", "en", NULL};
    const char *const *locs = strcmp(lang, "es") == 0 ? es_locs : en_locs;
    for (int i = 0; locs[i]; i++) {
        int rc = add_icu_locale(tab, nc, locs[i], UCURR_COMMON | UCURR_NON_DEPRECATED, 0);
        if (rc)
            return rc;
    }
    int rc0 = add_icu_locale(tab, nc, locs[0], UCURR_COMMON | UCURR_NON_DEPRECATED, 2);
    if (rc0)
        return rc0;
    int rc = add_icu_locale(tab, nc, strcmp(lang, "es") == 0 ? "es" : "en", UCURR_DEPRECATED, 0);
    if (rc)
        return rc;
    /* how the scan treats each word (precomputed: the scan reads a byte of
     * the token instead of the entry) */
    for (size_t i = 0; i < tab->nents; i++) {
        nci_lexent *e = &tab->ents[i];
        const uint32_t numeric = NCI_R_CARD | NCI_R_SCALE | NCI_R_HUNDRED | NCI_R_VAGUE | NCI_R_ORD |
                                 NCI_R_DENOM;
        const uint32_t trig = numeric | NCI_R_PCT | NCI_R_QUAL | NCI_R_RANGEPRE | NCI_R_CUR | NCI_R_CODE |
                              NCI_R_NEG;
        if ((e->roles & NCI_R_CARD) && e->cclass == NCI_CC_ARTICLE)
            e->trig = NCI_TRIG_ARTICLE;
        else if (e->roles & numeric)
            e->trig = NCI_TRIG_ALWAYS;
        else if (e->roles & trig)
            e->trig = NCI_TRIG_NEAR;
        else
            e->trig = NCI_TRIG_NONE;
    }
    /* the ASCII symbols, looked up once */
    for (int ch = 0x21; ch < 0x7f; ch++) {
        char k1 = (char)ch;
        if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
            continue;
        if (ch >= '0' && ch <= '9')
            continue;
        tab->ascii_sym[ch] = nci_num_lookup(tab, &k1, 1, nci_num_hash(&k1, 1));
    }
    /* index the phrases by first word */
    qsort(tab->phr, tab->nphr, sizeof *tab->phr, phrase_cmp);
    for (size_t i = 0; i < tab->nphr; i++) {
        nci_lexent *e = &tab->ents[tab->phr[i].first];
        if (e->nphr == 0)
            e->phr0 = (uint32_t)i;
        e->nphr++;
        e->phr_roles |= 1u << tab->phr[i].role;
        if (tab->phr[i].role != NCI_P_QUAL || tab->phr[i].qpos != NCI_QP_POST) {
            e->phr_start = 1; /* the phrase can open an expression */
            if (e->trig == NCI_TRIG_NONE)
                e->trig = NCI_TRIG_PHRASE;
        }
    }
    mark_seeds(tab, strcmp(lang, "es") == 0);
    return 0;
}

static void free_tab(nci_langtab *tab)
{
    free(tab->ents);
    free(tab->slots);
    free(tab->phr);
    free(tab->pool);
}

nc_status nci_numlex_new(nci_numlex **out, nc_error *err)
{
    if (!out)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "numlex: out is NULL");
    *out = NULL;
    nci_numlex *lex = calloc(1, sizeof *lex);
    if (!lex)
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, "out of memory");
    static const char *const langs[2] = {"en", "es"};
    namecache nc;
    nc.n = 0;
    nc.seen = malloc(SEEN_SLOTS * sizeof *nc.seen);
    for (int i = 0; i < 2; i++) {
        int rc = nc.seen ? 0 : -1;
        if (rc == 0) {
            memset(nc.seen, 0, SEEN_SLOTS * sizeof *nc.seen);
            nc.nseen = 0;
            rc = build_tab(&lex->tab[i], &nc, langs[i]);
        }
        if (rc || i == 1)
            namecache_free(&nc);
        if (rc) {
            nci_numlex_free(lex);
            if (rc == -2)
                return nci_error_set(err, NC_EICU, -1, 0, 0,
                                     "ICU currency data could not be enumerated");
            return nci_error_set(err, NC_ENOMEM, -1, 0, 0, "out of memory");
        }
    }
    *out = lex;
    return NC_OK;
}

void nci_numlex_free(nci_numlex *lex)
{
    if (!lex)
        return;
    for (int i = 0; i < 2; i++)
        free_tab(&lex->tab[i]);
    free(lex);
}
