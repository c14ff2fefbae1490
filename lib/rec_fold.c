/* Reconcile: folding of names and measures, the Spanish-English word table,
 * and the lexical rules that make measure keys comparable. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include "reconcile.h"


/* ------------------------------------------------------------ folding */

/* Whether code point c separates words in a key (everything but letters,
 * digits and marks; apostrophes and dots are handled by the caller). */
static int is_sep(UChar32 c)
{
    if (c < 0x80)
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    return !(u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK);
}

/* Tokens of the folded text t[0..n) (already NFKD, case folded, marks out)
 * into out: apostrophes (' and U+2019) join ("o'brien" -> "obrien") except a
 * final possessive "'s", which is dropped; dots join ("u.s." -> "us"); other
 * separators become one space; a leading "the" goes. */
static void tokens_out(const char *t, size_t n, nci_buf *out)
{
    size_t start = out->n;
    int need_space = 0;
    size_t i = 0;
    while (i < n) {
        UChar32 c;
        size_t j = i;
        U8_NEXT(t, j, n, c);
        if (c < 0)
            c = 0xFFFD;
        if (c == '\'' || c == 0x2019) {
            /* possessive 's at the end of a word */
            if (j < n && t[j] == 's' && (j + 1 >= n || is_sep((unsigned char)t[j + 1]))) {
                i = j + 1;
                continue;
            }
            i = j;
            continue;
        }
        if (c == '.') {
            /* a dot inside a word of initials joins it; else it separates */
            if (j < n && !is_sep((unsigned char)t[j]) && i > 0 && !is_sep((unsigned char)t[i - 1])) {
                i = j;
                continue;
            }
            if (j >= n || is_sep((unsigned char)t[j])) { /* "u.s." final dot */
                i = j;
                if (out->n > start)
                    need_space = 1;
                continue;
            }
        }
        if (is_sep(c)) {
            if (out->n > start)
                need_space = 1;
            i = j;
            continue;
        }
        if (need_space) {
            nci_buf_put(out, " ", 1);
            need_space = 0;
        }
        nci_buf_put(out, t + i, j - i);
        i = j;
    }
    if (out->oom)
        return;
    if (out->n - start > 4 && memcmp(out->p + start, "the ", 4) == 0) {
        memmove(out->p + start, out->p + start + 4, out->n - start - 4);
        out->n -= 4;
        out->p[out->n] = '\0';
    }
}

nc_status nci_rec_fold(const char *s, size_t n, nci_buf *out)
{
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) {
            ascii = 0;
            break;
        }
    if (ascii) {
        char stackbuf[256] = {0};
        char *low = n <= sizeof stackbuf ? stackbuf : malloc(n);
        if (!low)
            return NC_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        tokens_out(low, n, out);
        if (low != stackbuf)
            free(low);
        return out->oom ? NC_ENOMEM : NC_OK;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&st);
    if (U_FAILURE(st))
        return NC_EICU;
    int32_t ulen = 0;
    u_strFromUTF8Lenient(NULL, 0, &ulen, s, (int32_t)n, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NC_EICU;
    st = U_ZERO_ERROR;
    /* Full case folding and NFKD grow text (NFKD up to 18 times, for
     * U+FDFA): try a small buffer, then one that always suffices. */
    size_t cap = (size_t)ulen * 4 + 16;
    UChar *a = NULL, *b = NULL;
    char *u8 = NULL;
    nc_status rc = NC_OK;
    int32_t alen = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        free(a);
        free(b);
        free(u8);
        a = malloc(cap * sizeof *a);
        b = malloc(cap * sizeof *b);
        u8 = malloc(cap * 3 + 4);
        if (!a || !b || !u8) {
            rc = NC_ENOMEM;
            goto done;
        }
        st = U_ZERO_ERROR;
        u_strFromUTF8Lenient(a, (int32_t)cap, &ulen, s, (int32_t)n, &st);
        int32_t blen = u_strFoldCase(b, (int32_t)cap, a, ulen, U_FOLD_CASE_DEFAULT, &st);
        alen = unorm2_normalize(nfkd, b, blen, a, (int32_t)cap, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            cap = (size_t)ulen * 3 * 18 + 16;
            continue;
        }
        break;
    }
    if (U_FAILURE(st)) {
        rc = NC_EICU;
        goto done;
    }
    /* marks out (accents), a second fold (compatibility forms can fold
     * further), then NFC so the key is NFKC text, then UTF-8 */
    int32_t m = 0;
    for (int32_t i = 0; i < alen;) {
        UChar32 c;
        U16_NEXT(a, i, alen, c);
        if (U_GET_GC_MASK(c) & U_GC_M_MASK)
            continue;
        c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        if ((size_t)m + 2 > cap)
            break;
        U16_APPEND_UNSAFE(b, m, c);
    }
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    alen = U_SUCCESS(st) ? unorm2_normalize(nfc, b, m, a, (int32_t)cap, &st) : 0;
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        /* NFC rarely grows text; keep the decomposed form then */
        st = U_ZERO_ERROR;
        memcpy(a, b, (size_t)m * sizeof *a);
        alen = m;
    }
    if (U_FAILURE(st)) {
        rc = NC_EICU;
        goto done;
    }
    size_t k = 0;
    for (int32_t i = 0; i < alen;) {
        UChar32 c;
        U16_NEXT(a, i, alen, c);
        if (k + 4 > cap * 3)
            break;
        U8_APPEND_UNSAFE(u8, k, c);
    }
    tokens_out(u8, k, out);
    if (out->oom)
        rc = NC_ENOMEM;
done:
    free(a);
    free(b);
    free(u8);
    return rc;
}

NC_EXPORT nc_status nc_name_key_dup(const char *text, size_t len, char **out, size_t *outlen)
{
    if (!out || (!text && len))
        return NC_EINVAL;
    *out = NULL;
    /* reject invalid UTF-8 rather than fold replacement characters */
    for (size_t i = 0; i < len;) {
        UChar32 c;
        U8_NEXT(text, i, len, c);
        if (c < 0)
            return NC_EUTF8;
    }
    nci_buf b = {0};
    nc_status rc = nci_rec_fold(text ? text : "", len, &b);
    if (rc == NC_OK && !b.p) {
        b.p = malloc(1);
        if (!b.p)
            rc = NC_ENOMEM;
        else
            b.p[0] = '\0';
    }
    if (rc != NC_OK) {
        free(b.p);
        return rc;
    }
    *out = b.p;
    if (outlen)
        *outlen = b.n;
    return NC_OK;
}

/* ------------------------------------------------------------ word table */

static int cmp_form(const char *w, size_t n, const char *row)
{
    size_t i = 0;
    for (; i < n && row[i] && row[i] != '\t'; i++)
        if (w[i] != row[i])
            return (unsigned char)w[i] < (unsigned char)row[i] ? -1 : 1;
    if (i < n)
        return 1; /* row's form ended first */
    return (row[i] == '\t' || !row[i]) ? 0 : -1;
}

const char *nci_rec_translate(const nci_rows *tab, const char *w, size_t n, char pos, size_t *len)
{
    size_t lo = 0, hi = tab ? tab->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_form(w, n, tab->row[mid]);
        if (c > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* rows of one form are adjacent, one per part of speech */
    for (size_t i = lo; tab && i < tab->n && cmp_form(w, n, tab->row[i]) == 0; i++) {
        const char *r = tab->row[i] + n + 1;
        char p = r[0] == 'n' ? 'n' : 'a';
        if (p != pos)
            continue;
        const char *e = strchr(r, '\t');
        if (!e)
            return NULL;
        e++;
        *len = strlen(e);
        return e;
    }
    return NULL;
}

/* ------------------------------------------------------------ measure keys */

/* Function words left out of content keys (English and Spanish). */
static const char *const STOP[] = {
    "a", "an", "the", "of", "for", "in", "on", "at", "to", "by", "from", "with", "and", "or",
    "who", "that", "which", "were", "was", "have", "has", "had", "been", "being", "be", "is",
    "are", "their", "its", "his", "her", "those", "these", "them", "they", "some", "all",
    "de", "del", "la", "las", "el", "los", "para", "por", "y", "e", "en", "a", "al", "con",
    "un", "una", "unos", "unas", "que", "sus", "su", NULL};

/* Words of a measure that say how a figure is held or known, not what is
 * counted ("political prisoners remain", "verified liberations",
 * "reported deaths"): dropped from measure keys. */
static const char *const MEASURE_DROP[] = {
    "remain", "remaining", "still", "currently", "current", "total", "overall", "estimated",
    "verified", "confirmed", "reported", "documented", "official", "registered", "known", "recorded",
    "alleged", "so-called", NULL};

static int measure_drop(const char *w, size_t n)
{
    for (size_t i = 0; MEASURE_DROP[i]; i++)
        if (strlen(MEASURE_DROP[i]) == n && memcmp(MEASURE_DROP[i], w, n) == 0)
            return 1;
    return 0;
}

int nci_rec_stopword(const char *w, size_t n)
{
    for (size_t i = 0; STOP[i]; i++)
        if (strlen(STOP[i]) == n && memcmp(STOP[i], w, n) == 0)
            return 1;
    return 0;
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* English plural to singular: irregular nouns of news counts, then -ies,
 * -sses/-shes/-ches/-xes, then -s (not -ss, -us, -is).  The same rules as
 * the scorer's, plus the -es forms. */
size_t nci_rec_singular(char *w, size_t n)
{
    static const char *const IRR[][2] = {{"people", "person"}, {"men", "man"}, {"women", "woman"},
                                         {"children", "child"}, {"persons", "person"}, {NULL, NULL}};
    for (size_t i = 0; IRR[i][0]; i++)
        if (strlen(IRR[i][0]) == n && memcmp(w, IRR[i][0], n) == 0) {
            size_t k = strlen(IRR[i][1]);
            memcpy(w, IRR[i][1], k);
            return k;
        }
    if (n > 3 && ends(w, n, "ies")) {
        w[n - 3] = 'y';
        return n - 2;
    }
    if (n > 4 && (ends(w, n, "sses") || ends(w, n, "shes") || ends(w, n, "ches") || ends(w, n, "xes")))
        return n - 2;
    if (n > 3 && w[n - 1] == 's' && !ends(w, n, "ss") && !ends(w, n, "us") && !ends(w, n, "is"))
        return n - 1;
    return n;
}

/* Lexical rules of measures (documented in the README, "Reconcile").
 * SYN: a word and the canonical word it stands for.  EVENT: participles
 * and event nouns, with the event they denote; "detain" is special: as a
 * stock it is a level of prisoners, as a flow the event "detention". */
static const char *const SYN[][2] = {
    {"liberation", "release"}, {"freeing", "release"}, {"excarcelation", "release"},
    {"releasing", "release"}, {"citizen", "national"}, {"detainee", "prisoner"},
    {"inmate", "prisoner"}, {"killing", "death"}, {"fatality", "death"},
    {"individual", "person"}, {"resident", "person"}, {NULL, NULL}};

static const char *const EVENT[][2] = {
    {"released", "release"}, {"freed", "release"}, {"liberated", "release"},
    {"release", "release"}, {"arrested", "arrest"}, {"arrest", "arrest"},
    {"killed", "death"}, {"dead", "death"}, {"death", "death"}, {"deported", "deportation"},
    {"deportation", "deportation"}, {"pardoned", "pardon"}, {"pardon", "pardon"},
    {"detention", "detention"}, {"detained", "detain"}, {"held", "detain"},
    {"jailed", "detain"}, {"imprisoned", "detain"}, {"incarcerated", "detain"},
    {NULL, NULL}};

static const char *lookup2(const char *const tab[][2], const char *w, size_t n)
{
    for (size_t i = 0; tab[i][0]; i++)
        if (strlen(tab[i][0]) == n && memcmp(tab[i][0], w, n) == 0)
            return tab[i][1];
    return NULL;
}

/* Whether a time phrase makes the claim a count over a window. */
static int flow_time(const char *t)
{
    static const char *const CUE[] = {"since", "desde", "from", "over", "in the past", "in the last",
                                      "during", "so far", "to date", "this year", "en lo que va",
                                      "durante", NULL};
    if (!t)
        return 0;
    nci_buf b = {0};
    if (nci_rec_fold(t, strlen(t), &b) != NC_OK || !b.p) {
        free(b.p);
        return 0;
    }
    int r = 0;
    for (size_t i = 0; CUE[i] && !r; i++) {
        size_t k = strlen(CUE[i]);
        if (b.n >= k && memcmp(b.p, CUE[i], k) == 0 && (b.n == k || b.p[k] == ' '))
            r = 1;
    }
    free(b.p);
    return r;
}

#define MAXTOK 24
typedef struct tok {
    char w[48];
    size_t n;
    char pos; /* 'n', 'a' or 0 when translated from no table row */
} tok;

/* Translate Spanish tokens in place: each word by the table (first
 * equivalent), a noun followed by its adjectives reordered adjectives
 * first ("presos politicos" -> "political prisoner"). */
static void translate_es(const nci_rows *tab, tok *t, size_t nt)
{
    size_t i = 0;
    while (i < nt) {
        size_t el;
        const char *e = nci_rec_translate(tab, t[i].w, t[i].n, 'n', &el);
        if (!e) {
            e = nci_rec_translate(tab, t[i].w, t[i].n, 'a', &el);
            if (e) {
                const char *bar = memchr(e, '|', el);
                size_t k = bar ? (size_t)(bar - e) : el;
                if (k < sizeof t[i].w) {
                    memcpy(t[i].w, e, k);
                    t[i].n = k;
                }
            }
            i++;
            continue;
        }
        /* a noun: collect the adjectives after it */
        size_t j = i + 1;
        tok adj[MAXTOK];
        size_t na = 0;
        while (j < nt) {
            size_t al;
            const char *a = nci_rec_translate(tab, t[j].w, t[j].n, 'a', &al);
            if (!a)
                break;
            const char *bar = memchr(a, '|', al);
            size_t k = bar ? (size_t)(bar - a) : al;
            if (k >= sizeof adj[na].w)
                break;
            memcpy(adj[na].w, a, k);
            adj[na].n = k;
            na++;
            j++;
        }
        tok noun;
        const char *bar = memchr(e, '|', el);
        size_t k = bar ? (size_t)(bar - e) : el;
        noun = t[i];
        if (k < sizeof noun.w) {
            memcpy(noun.w, e, k);
            noun.n = k;
        }
        for (size_t q = 0; q < na; q++)
            t[i + q] = adj[q];
        t[i + na] = noun;
        i = j;
    }
}

static size_t split_tokens(const char *s, size_t n, tok *t)
{
    size_t nt = 0, i = 0;
    while (i < n && nt < MAXTOK) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i && j - i < sizeof t[nt].w) {
            memcpy(t[nt].w, s + i, j - i);
            t[nt].n = j - i;
            t[nt].pos = 0;
            nt++;
        }
        i = j;
    }
    return nt;
}

static int tok_is(const tok *t, const char *w)
{
    return strlen(w) == t->n && memcmp(t->w, w, t->n) == 0;
}

nc_status nci_rec_measure(const nci_rows *tab, const char *mkey, const char *measure, const char *lang,
                          const char *kind_hint, const char *time_text, int has_window,
                          nci_buf *out, int *kind)
{
    (void)has_window;
    const char *src = mkey && *mkey ? mkey : measure;
    int k = flow_time(time_text) ? RK_FLOW : RK_STOCK;
    int hinted = 0;
    if (kind_hint && strcmp(kind_hint, "flow") == 0)
        k = RK_FLOW, hinted = 1;
    else if (kind_hint && strcmp(kind_hint, "stock") == 0)
        k = RK_STOCK, hinted = 1;
    *kind = k;
    if (!src)
        return NC_OK;
    nci_buf f = {0};
    nc_status rc = nci_rec_fold(src, strlen(src), &f);
    if (rc != NC_OK || !f.p) {
        free(f.p);
        return rc;
    }
    tok t[MAXTOK];
    size_t nt = split_tokens(f.p, f.n, t);
    free(f.p);
    if (lang && strcmp(lang, "es") == 0) {
        /* drop Spanish function words first: they break noun-adjective runs */
        size_t m = 0;
        for (size_t i = 0; i < nt; i++)
            if (!nci_rec_stopword(t[i].w, t[i].n))
                t[m++] = t[i];
        nt = m;
        translate_es(tab, t, nt);
    }
    size_t m = 0;
    for (size_t i = 0; i < nt; i++) {
        if (nci_rec_stopword(t[i].w, t[i].n) || (nt > 1 && measure_drop(t[i].w, t[i].n)))
            continue;
        const char *ev = lookup2(EVENT, t[i].w, t[i].n);
        if (!ev)
            t[i].n = nci_rec_singular(t[i].w, t[i].n);
        const char *syn = lookup2(SYN, t[i].w, t[i].n);
        if (syn && strlen(syn) < sizeof t[i].w) {
            t[i].n = strlen(syn);
            memcpy(t[i].w, syn, t[i].n);
        }
        t[m++] = t[i];
    }
    nt = m;
    /* the event rule */
    const char *event = NULL;
    size_t evi = 0;
    for (size_t i = 0; i < nt && !event; i++)
        if ((event = lookup2(EVENT, t[i].w, t[i].n)))
            evi = i;
    if (event) {
        /* R: the other words, the patient ("political prisoner released") */
        tok r[MAXTOK];
        size_t nr = 0;
        for (size_t i = 0; i < nt; i++)
            if (i != evi && !lookup2(EVENT, t[i].w, t[i].n))
                r[nr++] = t[i];
        int generic = nr == 0 || tok_is(&r[nr - 1], "person");
        int natural = generic || tok_is(&r[nr - 1], "prisoner");
        if (strcmp(event, "detain") == 0 && k == RK_STOCK) {
            if (generic) {
                nci_buf_puts(out, "prisoner");
            } else {
                for (size_t i = 0; i < nr; i++) {
                    if (i)
                        nci_buf_put(out, " ", 1);
                    nci_buf_put(out, r[i].w, r[i].n);
                }
            }
        } else {
            if (strcmp(event, "detain") == 0)
                event = "detention";
            if (!hinted)
                *kind = RK_FLOW;
            if (natural) {
                nci_buf_puts(out, event);
            } else {
                for (size_t i = 0; i < nr; i++) {
                    if (i)
                        nci_buf_put(out, " ", 1);
                    nci_buf_put(out, r[i].w, r[i].n);
                }
            }
        }
    } else {
        for (size_t i = 0; i < nt; i++) {
            if (i)
                nci_buf_put(out, " ", 1);
            nci_buf_put(out, t[i].w, t[i].n);
        }
    }
    return out->oom ? NC_ENOMEM : NC_OK;
}
