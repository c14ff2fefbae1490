/* Calendar words and the publication-date finder.
 *
 * Month and weekday names are not a hand list: they are read from ICU's CLDR
 * date format symbols (udat_getSymbols) for each supported language, wide
 * and abbreviated forms, at context creation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include "dates.h"
#include "utf8.h"

#define NAME_MAX_BYTES 24
#define MAX_NAMES 128

typedef struct {
    char w[NAME_MAX_BYTES]; /* lower case, no final period */
    unsigned char len, value;
} name_t;

struct nci_dates {
    name_t months[MAX_NAMES];
    size_t nmonths;
    name_t days[MAX_NAMES];
    size_t ndays;
};

static const char *const LOCALES[] = {"en", "es"};

static void add_name(name_t *tab, size_t *n, const UChar *s, int32_t slen, int value)
{
    char buf[NAME_MAX_BYTES * 2];
    UErrorCode st = U_ZERO_ERROR;
    UChar low[NAME_MAX_BYTES];
    int32_t ll = u_strToLower(low, NAME_MAX_BYTES, s, slen, "", &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return;
    int32_t blen = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(buf, (int32_t)sizeof buf, &blen, low, ll, &st);
    if (U_FAILURE(st) || blen <= 0 || blen >= NAME_MAX_BYTES)
        return;
    while (blen > 0 && buf[blen - 1] == '.')
        blen--;
    if (blen < 3 || *n >= MAX_NAMES) /* two-letter abbreviations are too ambiguous */
        return;
    for (size_t i = 0; i < *n; i++)
        if (tab[i].len == blen && !memcmp(tab[i].w, buf, (size_t)blen))
            return;
    memcpy(tab[*n].w, buf, (size_t)blen);
    tab[*n].len = (unsigned char)blen;
    tab[*n].value = (unsigned char)value;
    (*n)++;
}

static nc_status load_symbols(nci_dates *d, const char *loc, UDateFormatSymbolType type,
                              int months, nc_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UDateFormat *fmt = udat_open(UDAT_NONE, UDAT_SHORT, loc, NULL, 0, NULL, 0, &st);
    if (U_FAILURE(st))
        return nci_error_set(err, NC_EICU, -1, 0, 0, "udat_open(%s): %s", loc, u_errorName(st));
    int32_t cnt = udat_countSymbols(fmt, type);
    for (int32_t i = 0; i < cnt; i++) {
        UChar buf[64];
        st = U_ZERO_ERROR;
        int32_t len = udat_getSymbols(fmt, type, i, buf, 64, &st);
        if (U_FAILURE(st) || len <= 0)
            continue;
        if (months) {
            if (i < 12)
                add_name(d->months, &d->nmonths, buf, len, i + 1);
        } else if (i >= 1 && i <= 7) {
            /* ICU numbers weekdays from Sunday = 1; we use Monday = 1. */
            add_name(d->days, &d->ndays, buf, len, i == 1 ? 7 : i - 1);
        }
    }
    udat_close(fmt);
    return NC_OK;
}

nc_status nci_dates_new(nci_dates **out, nc_error *err)
{
    nci_dates *d = calloc(1, sizeof *d);
    if (!d)
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    for (size_t l = 0; l < sizeof LOCALES / sizeof *LOCALES; l++) {
        nc_status s;
        if ((s = load_symbols(d, LOCALES[l], UDAT_MONTHS, 1, err)) ||
            (s = load_symbols(d, LOCALES[l], UDAT_SHORT_MONTHS, 1, err)) ||
            (s = load_symbols(d, LOCALES[l], UDAT_WEEKDAYS, 0, err))) {
            free(d);
            return s;
        }
    }
    *out = d;
    return NC_OK;
}

void nci_dates_free(nci_dates *d)
{
    free(d);
}

static int lookup(const name_t *tab, size_t n, const char *w, size_t len)
{
    char buf[NAME_MAX_BYTES];
    while (len > 0 && w[len - 1] == '.')
        len--;
    if (len < 3 || len >= NAME_MAX_BYTES)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        buf[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    for (size_t i = 0; i < n; i++)
        if (tab[i].len == len && !memcmp(tab[i].w, buf, len))
            return tab[i].value;
    return 0;
}

int nci_month_lookup(const nci_dates *d, const char *w, size_t n)
{
    return lookup(d->months, d->nmonths, w, n);
}

int nci_weekday_lookup(const nci_dates *d, const char *w, size_t n)
{
    return lookup(d->days, d->ndays, w, n);
}

/* ---------------------------------------------------------------- finder */

/* A lightweight word view of the text: letters (ASCII or any non-ASCII
 * byte, enough for month names) or digit runs. */
typedef struct {
    size_t s, e;
    int digits; /* 1 when all digits */
} wtok;

/* Letter at t[i] (ASCII, or a non-ASCII letter or mark); *n gets its length. */
static int letter_at(const char *t, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)t[i];
    *n = 1;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    size_t j = i;
    uint32_t cp = nci_utf8_next(t, &j);
    if (j > len)
        return 0;
    *n = j - i;
    return u_isalpha((UChar32)cp) || (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK);
}

static size_t next_tok(const char *t, size_t len, size_t i, wtok *w)
{
    w->s = w->e = len; /* no token */
    w->digits = 0;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (c >= '0' && c <= '9') {
            size_t j = i;
            while (j < len && t[j] >= '0' && t[j] <= '9')
                j++;
            w->s = i, w->e = j, w->digits = 1;
            return j;
        }
        size_t k;
        if (letter_at(t, len, i, &k)) {
            size_t j = i + k;
            while (j < len && letter_at(t, len, j, &k))
                j += k;
            if (j < len && t[j] == '.')
                j++;
            w->s = i, w->e = j, w->digits = 0;
            return j;
        }
        i += k;
    }
    return len;
}

static int num_of(const char *t, const wtok *w, int maxdigits)
{
    if (!w->digits || w->e - w->s > (size_t)maxdigits)
        return -1;
    int v = 0;
    for (size_t i = w->s; i < w->e; i++)
        v = v * 10 + (t[i] - '0');
    return v;
}

static int is_year(int v) { return v >= 1900 && v <= 2100; }

/* Between two tokens only spaces, commas or a dash may stand (max 4 bytes). */
static int joined(const char *t, const wtok *a, const wtok *b, int allow_dash)
{
    if (b->s < a->e || b->s - a->e > 5)
        return 0;
    for (size_t i = a->e; i < b->s; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == ' ' || c == ',')
            continue;
        if (allow_dash && (c == '-' || c == 0xE2 || c == 0x80 || c == 0x93 || c == 0x94))
            continue; /* '-' or U+2013/U+2014 */
        return 0;
    }
    return 1;
}

static int word_is(const char *t, const wtok *w, const char *lit)
{
    size_t n = strlen(lit);
    return !w->digits && w->e - w->s == n && !strncmp(t + w->s, lit, n);
}

size_t nci_dates_find(const nci_dates *d, const char *t, size_t len, nci_date *out, size_t max)
{
    size_t n = 0;
    wtok win[6]; /* sliding window of the last tokens, win[5] is the newest */
    size_t have = 0, i = 0;
    memset(win, 0, sizeof win);
    /* ISO dates first: YYYY-MM-DD. */
    for (size_t k = 0; k + 10 <= len && n < max; k++) {
        const char *p = t + k;
        if (p[4] == '-' && p[7] == '-' && (k == 0 || !(t[k - 1] >= '0' && t[k - 1] <= '9'))) {
            int ok = 1;
            for (int q = 0; q < 10; q++)
                if (q != 4 && q != 7 && !(p[q] >= '0' && p[q] <= '9'))
                    ok = 0;
            if (ok && (k + 10 == len || !(p[10] >= '0' && p[10] <= '9'))) {
                int y = atoi(p), m = (p[5] - '0') * 10 + p[6] - '0', dd = (p[8] - '0') * 10 + p[9] - '0';
                if (is_year(y) && m >= 1 && m <= 12 && dd >= 1 && dd <= 31)
                    out[n++] = (nci_date){y, m, dd, k, k + 10};
            }
        }
    }
    while (i < len && n < max) {
        wtok w;
        i = next_tok(t, len, i, &w);
        if (w.e <= w.s)
            break;
        memmove(win, win + 1, 5 * sizeof *win);
        win[5] = w;
        if (have < 6)
            have++;
        if (w.digits)
            continue;
        int m = nci_month_lookup(d, t + w.s, w.e - w.s);
        if (!m)
            continue;
        /* "May", "March" are also ordinary words: need a number beside them. */
        nci_date dt = {0, m, 0, w.s, w.e};
        /* Look back: "8 January", "12-13 January", "8 de enero". */
        if (have >= 2) {
            const wtok *p1 = &win[4];
            if (word_is(t, p1, "de") && have >= 3 && joined(t, &win[3], p1, 0)) {
                int v = num_of(t, &win[3], 2);
                if (v >= 1 && v <= 31)
                    dt.d = v, dt.start = win[3].s;
            } else if (joined(t, p1, &win[5], 0)) {
                int v = num_of(t, p1, 2);
                if (v >= 1 && v <= 31)
                    dt.d = v, dt.start = p1->s;
            }
        }
        /* Look ahead: "January 13", "January 12-13", ", 2026", "de 2026", "2025". */
        size_t j = i;
        wtok a;
        size_t j2 = next_tok(t, len, j, &a);
        if (a.e > a.s && joined(t, &w, &a, 0)) {
            int v = num_of(t, &a, 4);
            if (!dt.d && v >= 1 && v <= 31 && a.e - a.s <= 2) {
                dt.d = v, dt.end = a.e, j = j2;
                wtok b;
                size_t j3 = next_tok(t, len, j, &b);
                if (b.e > b.s && joined(t, &a, &b, 1)) {
                    int v2 = num_of(t, &b, 2);
                    if (v2 > v && v2 <= 31) /* a range of days: keep its end */
                        dt.d = v2, dt.end = b.e, j = j3, a = b;
                }
                wtok c;
                size_t j4 = next_tok(t, len, j, &c);
                if (c.e > c.s && joined(t, &a, &c, 0) && is_year(num_of(t, &c, 4)))
                    dt.y = num_of(t, &c, 4), dt.end = c.e, j = j4;
            } else if (is_year(v)) {
                dt.y = v, dt.end = a.e, j = j2;
            } else if (word_is(t, &a, "de")) {
                wtok c;
                size_t j4 = next_tok(t, len, j2, &c);
                if (c.e > c.s && joined(t, &a, &c, 0) && is_year(num_of(t, &c, 4)))
                    dt.y = num_of(t, &c, 4), dt.end = c.e, j = j4;
            }
        }
        if (dt.d || dt.y) {
            out[n++] = dt;
            i = j;
        }
    }
    return n;
}

static long key_of(const nci_date *x)
{
    return (long)x->y * 10000 + x->m * 100 + x->d;
}

int nci_dates_infer(const nci_dates *d, const char *text, size_t len, char buf[16])
{
    nci_date found[256];
    size_t n = nci_dates_find(d, text, len, found, 256);
    const nci_date *best = NULL;
    nci_date tmp, bestv = {0};
    for (size_t i = 0; i < n; i++) {
        tmp = found[i];
        if (!tmp.y) {
            /* The year of the nearest dated mention, before or after. */
            size_t dist = SIZE_MAX;
            for (size_t k = 0; k < n; k++) {
                if (!found[k].y)
                    continue;
                size_t dk = found[k].start > tmp.start ? found[k].start - tmp.start
                                                        : tmp.start - found[k].start;
                if (dk < dist)
                    dist = dk, tmp.y = found[k].y;
            }
            if (!tmp.y)
                continue;
        }
        if (!best || key_of(&tmp) > key_of(&bestv))
            bestv = tmp, best = &bestv;
    }
    if (!best)
        return 0;
    if (best->d)
        snprintf(buf, 16, "%04d-%02d-%02d", best->y, best->m, best->d);
    else
        snprintf(buf, 16, "%04d-%02d", best->y, best->m);
    return 1;
}

int nci_iso_date_normalize(const char *s, char buf[16])
{
    int y = 0, m = 0, dd = 0;
    size_t i = 0;
    for (; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + s[i] - '0';
    }
    if (s[4] == '-') {
        if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
            return 0;
        m = (s[5] - '0') * 10 + s[6] - '0';
        if (m < 1 || m > 12)
            return 0;
        if (s[7] == '-') {
            if (s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
                return 0;
            dd = (s[8] - '0') * 10 + s[9] - '0';
            static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            if (dd < 1 || dd > mdays[m - 1])
                return 0;
            if (s[10] && s[10] != 'T' && s[10] != ' ')
                return 0;
        } else if (s[7]) {
            return 0;
        }
    } else if (s[4]) {
        return 0;
    }
    y %= 10000; /* four digits by construction; tells the compiler so */
    if (dd)
        snprintf(buf, 16, "%04d-%02d-%02d", y, m, dd);
    else if (m)
        snprintf(buf, 16, "%04d-%02d", y, m);
    else
        snprintf(buf, 16, "%04d", y);
    return 1;
}
