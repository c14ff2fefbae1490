/* Dates stated in a text and the publication date inferred from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dates.h"

static int is_year(int v) { return v >= 1900 && v <= 2100; }

/* Value of a token of 1..maxdigits digits, optionally followed by an
 * English ordinal suffix when ordinal is set ("13th"); -1 otherwise. */
static int tok_int(const char *t, const nci_tok *k, size_t maxdigits, int ordinal)
{
    if (k->kind != NC_TOKEN_NUMBER)
        return -1;
    size_t i = k->start, nd = 0;
    int v = 0;
    while (i < k->end && t[i] >= '0' && t[i] <= '9' && nd <= maxdigits)
        v = v * 10 + (t[i++] - '0'), nd++;
    if (nd == 0 || nd > maxdigits)
        return -1;
    if (i == k->end)
        return v;
    if (ordinal && k->end - i == 2) {
        char a = (char)(t[i] | 32), b = (char)(t[i + 1] | 32);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h'))
            return v;
    }
    return -1;
}

static int day_of(const char *t, const nci_tok *k)
{
    int v = tok_int(t, k, 2, 1);
    return v >= 1 && v <= 31 ? v : -1;
}

/* Two tokens belong to one expression when at most two bytes of blank
 * space, and no line end, stand between them. */
static int near(const char *t, const nci_tok *a, const nci_tok *b)
{
    if (b->start < a->end || b->start - a->end > 2)
        return 0;
    for (size_t i = a->end; i < b->start; i++)
        if (t[i] != ' ')
            return 0;
    return 1;
}

static int tok_is(const char *t, const nci_tok *k, const char *lit)
{
    size_t n = strlen(lit);
    return k->end - k->start == n && !memcmp(t + k->start, lit, n);
}

/* A dash between the days of a range: '-', en dash, em dash. */
static int is_dash(const char *t, const nci_tok *k)
{
    return k->kind == NC_TOKEN_PUNCT &&
           (tok_is(t, k, "-") || tok_is(t, k, "\xE2\x80\x93") || tok_is(t, k, "\xE2\x80\x94"));
}

static int adjacent(const nci_tok *a, const nci_tok *b)
{
    return a->end == b->start;
}

/* The first number token among k[i..n), or n.  Most tokens of a text are
 * passed over here, so four are tested a step: one bound check and one
 * index update for four tokens. */
static size_t next_number(const nci_tok *k, size_t i, size_t n)
{
    for (; i + 4 <= n; i += 4) {
        if (k[i].kind == NC_TOKEN_NUMBER)
            return i;
        if (k[i + 1].kind == NC_TOKEN_NUMBER)
            return i + 1;
        if (k[i + 2].kind == NC_TOKEN_NUMBER)
            return i + 2;
        if (k[i + 3].kind == NC_TOKEN_NUMBER)
            return i + 3;
    }
    while (i < n && k[i].kind != NC_TOKEN_NUMBER)
        i++;
    return i;
}

size_t nci_dates_find(const nci_calendar *cal, const char *t, const nci_tok *k, size_t n,
                      nci_date *out, size_t max)
{
    size_t found = 0;
    /* A month name makes a date only with a number token at most two
     * tokens before it (the day: "8 January", "8 de enero") or two after
     * it (the day or the year: "January 8", "Jan. 8", "enero de 2026"; the
     * rest of the expression follows that number); most words have none
     * and are passed over.  prev_num: the last number
     * token before i (SIZE_MAX: none); next_num: the first one after the
     * last word that looked (n: none). */
    size_t prev_num = SIZE_MAX, next_num = 0;
    for (size_t i = 0; i < n && found < max; i++) {
        if (k[i].kind == NC_TOKEN_NUMBER) {
            prev_num = i;
            /* ISO 8601: 2026-01-09 */
            if (i + 4 < n && k[i].end - k[i].start == 4 && adjacent(&k[i], &k[i + 1]) &&
                adjacent(&k[i + 1], &k[i + 2]) && adjacent(&k[i + 2], &k[i + 3]) &&
                adjacent(&k[i + 3], &k[i + 4]) && tok_is(t, &k[i + 1], "-") && tok_is(t, &k[i + 3], "-")) {
                int y = tok_int(t, &k[i], 4, 0), m = tok_int(t, &k[i + 2], 2, 0), d = tok_int(t, &k[i + 4], 2, 0);
                if (is_year(y) && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
                    k[i + 2].end - k[i + 2].start == 2 && k[i + 4].end - k[i + 4].start == 2) {
                    out[found++] = (nci_date){y, m, d, k[i].start, k[i + 4].end};
                    i += 4;
                    prev_num = i; /* the day */
                }
            }
            continue;
        }
        if (k[i].kind != NC_TOKEN_WORD)
            continue;
        if (prev_num == SIZE_MAX || prev_num + 2 < i) {
            if (next_num <= i)
                next_num = next_number(k, i + 1, n);
            /* No number near this word, nor near any word before
             * next_num - 2 (and no number token to read there): go on
             * from there. */
            if (next_num > i + 2) {
                i = next_num - 3;
                continue;
            }
        }
        int m = nci_month_lookup(cal, t + k[i].start, k[i].end - k[i].start);
        if (!m)
            continue;
        nci_date dt = {0, m, 0, k[i].start, k[i].end};
        /* Before the month: "8 January", "12-13 January", "8 de enero". */
        if (i >= 1 && near(t, &k[i - 1], &k[i])) {
            if (day_of(t, &k[i - 1]) > 0) {
                dt.d = day_of(t, &k[i - 1]);
                dt.start = k[i - 1].start;
                if (i >= 3 && is_dash(t, &k[i - 2]) && day_of(t, &k[i - 3]) > 0 &&
                    day_of(t, &k[i - 3]) < dt.d)
                    dt.start = k[i - 3].start;
            } else if (i >= 2 && tok_is(t, &k[i - 1], "de") && near(t, &k[i - 2], &k[i - 1]) &&
                       day_of(t, &k[i - 2]) > 0) {
                dt.d = day_of(t, &k[i - 2]);
                dt.start = k[i - 2].start;
            }
        }
        /* After it: "January 13", "January 12-13", ", 2026", "2025", "de 2026". */
        size_t j = i + 1;
        if (j + 1 < n && tok_is(t, &k[j], ".") && adjacent(&k[i], &k[j]) && k[i].end - k[i].start <= 4 &&
            k[j + 1].kind == NC_TOKEN_NUMBER) {
            dt.end = k[j].end; /* "Jan. 4": an abbreviation's dot, not a full stop */
            j++;
        }
        if (j < n && near(t, &k[j - 1], &k[j])) {
            if (!dt.d && day_of(t, &k[j]) > 0) {
                dt.d = day_of(t, &k[j]);
                dt.end = k[j].end;
                j++;
                if (j + 1 < n && is_dash(t, &k[j]) && day_of(t, &k[j + 1]) > dt.d) {
                    dt.d = day_of(t, &k[j + 1]);
                    dt.end = k[j + 1].end;
                    j += 2;
                }
                if (j + 1 < n && tok_is(t, &k[j], ",") && adjacent(&k[j - 1], &k[j]) &&
                    near(t, &k[j], &k[j + 1]) && is_year(tok_int(t, &k[j + 1], 4, 0))) {
                    dt.y = tok_int(t, &k[j + 1], 4, 0);
                    dt.end = k[j + 1].end;
                } else if (j < n && near(t, &k[j - 1], &k[j]) && is_year(tok_int(t, &k[j], 4, 0))) {
                    dt.y = tok_int(t, &k[j], 4, 0);
                    dt.end = k[j].end;
                }
            } else if (is_year(tok_int(t, &k[j], 4, 0))) {
                dt.y = tok_int(t, &k[j], 4, 0);
                dt.end = k[j].end;
            } else if (tok_is(t, &k[j], "de") && j + 1 < n && near(t, &k[j], &k[j + 1]) &&
                       is_year(tok_int(t, &k[j + 1], 4, 0))) {
                dt.y = tok_int(t, &k[j + 1], 4, 0);
                dt.end = k[j + 1].end;
            }
        }
        /* A month name alone ("May", "in January") is not a date here: too
         * many month names are ordinary words. */
        if (dt.d || dt.y)
            out[found++] = dt;
    }
    return found;
}

static long key_of(const nci_date *x)
{
    return (long)x->y * 10000 + x->m * 100 + x->d;
}

#define MAX_DATES 512

/* A date that cannot be the day of writing: a limit ahead ("before June
 * 2006", "until 15 July 2006", "till"; not "by", which also closes past
 * events: "by January 13 they had ended") or a birth ("born in January
 * 1934").  Tokens are sorted by offset: found by bisection. */
static int not_publication(const char *t, const nci_tok *k, size_t n, size_t start)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (k[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    const nci_tok *p = &k[lo - 1];
    if (nci_tok_is(t, p, "before") || nci_tok_is(t, p, "until") || nci_tok_is(t, p, "till") ||
        nci_tok_is(t, p, "born") || nci_tok_is(t, p, "hasta") || nci_tok_is(t, p, "antes"))
        return 1;
    return lo >= 2 && (nci_tok_is(t, p, "in") || nci_tok_is(t, p, "on") || nci_tok_is(t, p, "en")) &&
           (nci_tok_is(t, &k[lo - 2], "born") || nci_tok_is(t, &k[lo - 2], "nació") || nci_tok_is(t, &k[lo - 2], "nacido"));
}

int nci_dates_infer(const nci_calendar *cal, const char *text, const nci_tok *toks, size_t n,
                    char buf[16])
{
    nci_date found[MAX_DATES];
    size_t nf = nci_dates_find(cal, text, toks, n, found, MAX_DATES);
    /* Dates that cannot be the day of writing give neither the date nor a
     * year to a partial one. */
    size_t w = 0;
    for (size_t i = 0; i < nf; i++)
        if (!not_publication(text, toks, n, found[i].start))
            found[w++] = found[i];
    nf = w;
    int have = 0;
    nci_date best = {0};
    for (size_t i = 0; i < nf; i++) {
        nci_date x = found[i];
        if (!x.y) {
            /* The year of the nearest dated mention, before or after. */
            size_t dist = SIZE_MAX;
            for (size_t k = 0; k < nf; k++) {
                if (!found[k].y)
                    continue;
                size_t dk = found[k].start > x.start ? found[k].start - x.start : x.start - found[k].start;
                if (dk < dist)
                    dist = dk, x.y = found[k].y;
            }
            if (!x.y)
                continue;
        }
        if (!have || key_of(&x) > key_of(&best))
            best = x, have = 1;
    }
    if (!have)
        return 0;
    best.y %= 10000; /* four digits by construction; tells the compiler so */
    if (best.d)
        snprintf(buf, 16, "%04d-%02d-%02d", best.y, best.m, best.d);
    else
        snprintf(buf, 16, "%04d-%02d", best.y, best.m);
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
