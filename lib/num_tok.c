/* Tokenizer of the number stage: one pass over the bytes that cuts words
 * (folded and looked up in the word table), numbers (digits with separators,
 * valued here), symbols, and the digit shapes that are never counts (dates,
 * times, phone numbers).  ASCII is handled byte by byte; other code points are
 * decoded only to tell letters from spaces and symbols. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "num_impl.h"

enum { CL_SPACE, CL_DIGIT, CL_LETTER, CL_SYM, CL_VFRAC };

/* Decode one UTF-8 sequence at s[i] (the text is valid UTF-8, but stay safe on
 * anything): returns its length and the code point. */
static size_t dec(const unsigned char *s, size_t i, size_t end, uint32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n == 1 || i + n > end) {
        *cp = c;
        return 1;
    }
    uint32_t v = c & (0x3F >> (n - 1));
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            *cp = c;
            return 1;
        }
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    *cp = v;
    return n;
}

static int cp_class(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp == ' ' || (cp >= 9 && cp <= 13))
            return CL_SPACE;
        if (cp >= '0' && cp <= '9')
            return CL_DIGIT;
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            return CL_LETTER;
        return CL_SYM;
    }
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF)
        return CL_SPACE;
    if ((cp >= 0xBC && cp <= 0xBE) || (cp >= 0x2150 && cp <= 0x215E))
        return CL_VFRAC;
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
        return CL_LETTER;
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return CL_SYM;
    if (cp < 0x2000)
        return CL_LETTER; /* Latin, Greek, Cyrillic, ..., Indic scripts and their marks */
    if (cp < 0x2C00)
        return CL_SYM;    /* punctuation, currency signs, arrows, maths */
    if ((cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF20) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0x1F000 && cp <= 0x1FAFF))
        return CL_SYM;
    return CL_LETTER;
}

static double vfrac_value(uint32_t cp)
{
    switch (cp) {
    case 0xBC: return 0.25;
    case 0xBD: return 0.5;
    case 0xBE: return 0.75;
    case 0x2150: return 1.0 / 7;
    case 0x2151: return 1.0 / 9;
    case 0x2152: return 0.1;
    case 0x2153: return 1.0 / 3;
    case 0x2154: return 2.0 / 3;
    case 0x2155: return 0.2;
    case 0x2156: return 0.4;
    case 0x2157: return 0.6;
    case 0x2158: return 0.8;
    case 0x2159: return 1.0 / 6;
    case 0x215A: return 5.0 / 6;
    case 0x215B: return 0.125;
    case 0x215C: return 0.375;
    case 0x215D: return 0.625;
    case 0x215E: return 0.875;
    default: return 0;
    }
}

/* Latin-1 letters folded to lower case without accents (0 = keep as is). */
static const char latin1_fold[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   0,
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};

static inline int isdig(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static double p10(int e)
{
    static const double t[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (e >= 0 && e <= 22)
        return t[e];
    return pow(10.0, e);
}

/* Value of a decimal number given as its digits (separators removed) with
 * `frac` of them after the point, times 10^exp.  Locale-free (no strtod).
 * Returns 0 and sets *ovf when the value cannot be held in a double. */
static double digits_value(const char *d, size_t n, size_t frac, long exp, int *ovf)
{
    uint64_t m = 0;
    int sig = 0;
    long e = exp;
    size_t i = 0;
    while (i < n && d[i] == '0') {
        if (i >= n - frac)
            e--; /* ".08": zeros after the point still shift the value */
        i++;
    }
    for (; i < n; i++) {
        int in_frac = i >= n - frac;
        if (sig < 19) {
            m = m * 10 + (uint64_t)(d[i] - '0');
            if (m)
                sig++;
            if (in_frac)
                e--;
        } else if (!in_frac) {
            e++; /* integer digits beyond precision scale the value */
        }
    }
    if (m == 0)
        return 0.0;
    if (sig + e > 309) {
        *ovf = 1;
        return 0.0;
    }
    if (sig + e < -330)
        return 0.0;
    double v = e >= 0 ? (double)m * p10((int)e) : (double)m / p10((int)-e);
    if (!isfinite(v)) {
        *ovf = 1;
        return 0.0;
    }
    return v;
}

/* Length of a space-like separator at s[i] that may group digits ("40 000",
 * NBSP, narrow NBSP, thin space), or 0. */
static size_t group_space(const unsigned char *s, size_t i, size_t end)
{
    if (i < end && s[i] == ' ')
        return 1;
    if (i + 1 < end && s[i] == 0xC2 && s[i + 1] == 0xA0)
        return 2;
    if (i + 2 < end && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xAF || s[i + 2] == 0x89))
        return 3;
    return 0;
}

static size_t digit_run(const unsigned char *s, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && isdig(s[j]))
        j++;
    return j - i;
}

static int atoi_n(const unsigned char *s, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n && k < 9; k++)
        v = v * 10 + (s[k] - '0');
    return v;
}

static int is_alnum_at(const unsigned char *s, size_t i, size_t end)
{
    if (i >= end)
        return 0;
    uint32_t cp;
    dec(s, i, end, &cp);
    int c = cp_class(cp);
    return c == CL_DIGIT || c == CL_LETTER;
}

/* Shapes made of digits that are not numbers: times "10:30", dates
 * "2026-01-09", "5/17/2018", "17.05.2018", phone numbers "+1-222-2222-2222".
 * Returns the end of the shape, or 0. */
static size_t digit_shape(const unsigned char *s, size_t i, size_t end, uint8_t *type, double *v)
{
    size_t a = digit_run(s, i, end);
    /* time of day: H:MM or HH:MM[:SS]; with hundredths after the last
     * field it is a race time, M:SS.ff or H:MM:SS.ff ("3:48.82") */
    if (a >= 1 && a <= 2 && i + a + 2 < end && s[i + a] == ':' && digit_run(s, i + a + 1, end) == 2) {
        size_t j = i + a + 3;
        int ss = -1;
        if (j + 2 < end && s[j] == ':' && digit_run(s, j + 1, end) == 2) {
            ss = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
            j += 3;
        }
        int hh = a == 1 ? s[i] - '0' : (s[i] - '0') * 10 + (s[i + 1] - '0');
        int mm = (s[i + a + 1] - '0') * 10 + (s[i + a + 2] - '0');
        size_t fr = j + 1 < end && s[j] == '.' ? digit_run(s, j + 1, end) : 0;
        if (fr >= 1 && fr <= 3 && mm <= 59 && ss <= 59 && !is_alnum_at(s, j + 1 + fr, end) &&
            !(j + 1 + fr < end && s[j + 1 + fr] == '.' && is_alnum_at(s, j + 2 + fr, end))) {
            double f = atoi_n(s + j + 1, fr) / (fr == 1 ? 10.0 : fr == 2 ? 100.0 : 1000.0);
            *type = NCI_TK_DUR;
            *v = ss < 0 ? hh * 60.0 + mm + f : hh * 3600.0 + mm * 60.0 + ss + f;
            return j + 1 + fr;
        }
        if (hh <= 24 && mm <= 59 && !is_alnum_at(s, j, end)) {
            *type = NCI_TK_TIME;
            *v = hh + mm / 60.0 + (ss > 0 ? ss / 3600.0 : 0);
            return j;
        }
    }
    /* ISO date: YYYY-MM-DD, or YYYY-0M (a month with its leading zero) */
    if (a == 4 && i + 7 <= end && s[i + 4] == '-' && digit_run(s, i + 5, end) == 2) {
        int mo = (s[i + 5] - '0') * 10 + (s[i + 6] - '0');
        size_t j = i + 7;
        int day_ok = 0;
        if (j + 3 <= end && s[j] == '-' && digit_run(s, j + 1, end) == 2) {
            int dd = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
            day_ok = dd >= 1 && dd <= 31;
            if (day_ok)
                j += 3;
        }
        if (mo >= 1 && mo <= 12 && (day_ok || s[i + 5] == '0') && !is_alnum_at(s, j, end)) {
            *type = NCI_TK_DATE;
            *v = 0;
            return j;
        }
    }
    /* D/M/Y, M/D/Y with one separator kind: / . - */
    if (a >= 1 && a <= 2 && i + a < end && (s[i + a] == '/' || s[i + a] == '.' || s[i + a] == '-')) {
        unsigned char sep = s[i + a];
        size_t b = digit_run(s, i + a + 1, end);
        size_t j = i + a + 1 + b;
        if (b >= 1 && b <= 2 && j < end && s[j] == sep) {
            size_t c = digit_run(s, j + 1, end);
            if ((c == 2 || c == 4) && !is_alnum_at(s, j + 1 + c, end)) {
                int x = atoi_n(s + i, a), y = atoi_n(s + i + a + 1, b);
                if (x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)) {
                    *type = NCI_TK_DATE;
                    *v = 0;
                    return j + 1 + c;
                }
            }
        }
    }
    return 0;
}

/* Phone numbers: "+" and at least eight digits in groups, or three or more
 * groups joined by hyphens with at least nine digits ("555-123-4567").
 * Returns the end, or 0. */
static size_t phone_shape(const unsigned char *s, size_t i, size_t end)
{
    int plus = s[i] == '+';
    size_t j = i + plus;
    int digits = 0, groups = 0, spaces = 0, others = 0;
    size_t last_end = 0;
    while (j < end) {
        size_t r = digit_run(s, j, end);
        if (r) {
            digits += (int)r;
            groups++;
            j += r;
            last_end = j;
            continue;
        }
        unsigned char c = s[j];
        if ((c == '-' || c == '.' || c == '/' || c == ' ' || c == '(' || c == ')') && j + 1 < end &&
            (isdig(s[j + 1]) || (c == ' ' && s[j + 1] == '(') || (c == ')' && s[j + 1] == ' '))) {
            if (c == ' ')
                spaces++;
            else if (c != '-')
                others++;
            j++;
            continue;
        }
        break;
    }
    if (!last_end || is_alnum_at(s, last_end, end))
        return 0;
    if (plus && digits >= 8 && groups >= 2)
        return last_end;
    if (!plus && !spaces && !others && groups >= 3 && digits >= 9)
        return last_end;
    /* a national number with its trunk zero: "0800 123 4567", "020 7946 0958" */
    if (!plus && s[i] == '0' && digit_run(s, i, end) >= 3 && groups >= 2 && digits >= 10 && digits <= 13 &&
        !others)
        return last_end;
    return 0;
}

typedef struct numlex_out {
    size_t end;
    double v;
    uint8_t flags, nd;
} numlex_out;

/* A number at s[i] (a digit, or "." / "," before a digit): digit groups with
 * separators, read by the conventions of the language (es: "1.234,5"; en:
 * "1,234.5"), then an exponent ("1e10", "1.1^23"). */
static void lex_number(const unsigned char *s, size_t i, size_t end, int es, int nosep, numlex_out *o)
{
    enum { MAXG = 40 };
    size_t gs[MAXG], gl[MAXG];
    unsigned char sep[MAXG]; /* separator before group k: ',', '.', ' ' */
    size_t ng = 0, p = i;
    unsigned char lead = 0;
    memset(o, 0, sizeof *o);
    if (s[p] == '.' || s[p] == ',')
        lead = s[p++];
    gs[0] = p;
    gl[0] = digit_run(s, p, end);
    p += gl[0];
    sep[0] = 0;
    ng = 1;
    int nspace = 0;
    while (!lead && !nosep && ng < MAXG && p < end) {
        unsigned char c = s[p];
        size_t sl;
        if ((c == ',' || c == '.') && p + 1 < end && isdig(s[p + 1])) {
            sep[ng] = c;
            gs[ng] = p + 1;
            gl[ng] = digit_run(s, p + 1, end);
            p = gs[ng] + gl[ng];
            ng++;
        } else if ((sl = group_space(s, p, end)) != 0 && nspace == (int)ng - 1 &&
                   gl[ng - 1] <= 3 && (ng == 1 || gl[ng - 1] == 3) && s[gs[0]] != '0' &&
                   digit_run(s, p + sl, end) == 3 && !is_alnum_at(s, p + sl + 3, end) &&
                   !(ng == 1 && i > 0 && 0)) {
            sep[ng] = ' ';
            gs[ng] = p + sl;
            gl[ng] = 3;
            p = gs[ng] + 3;
            ng++;
            nspace++;
        } else {
            break;
        }
    }
    /* decide which separators group thousands and which one is the point */
    size_t int_groups = ng; /* groups [0, int_groups) are the integer part */
    int has_dec = 0, dotted = 0, cut = 0;
    int nc = 0, ndot = 0;
    for (size_t k = 1; k < ng; k++) {
        nc += sep[k] == ',';
        ndot += sep[k] == '.';
    }
    if (lead) {
        has_dec = 1;
        int_groups = 0;
    } else if (nc && ndot) {
        unsigned char last = sep[ng - 1];
        unsigned char other = last == ',' ? '.' : ',';
        int ok = (last == ',' ? nc : ndot) == 1 && gl[0] >= 1 && gl[0] <= 3;
        for (size_t k = 1; ok && k + 1 < ng; k++) {
            if (sep[k] != other && sep[k] != ' ')
                ok = 0;
            else if (gl[k] != 3 && !(other == ',' && gl[k] == 2 && k + 2 < ng))
                ok = 0; /* Indian grouping "12,34,567.89": twos, then a three */
        }
        if (ok) {
            has_dec = 1;
            int_groups = ng - 1;
        } else {
            cut = 1;
        }
    } else if (nc + ndot > 0) {
        unsigned char c = nc ? ',' : '.';
        int k = nc + ndot;
        if (nspace) {
            if (k == 1 && sep[ng - 1] == c) {
                has_dec = 1;
                int_groups = ng - 1;
            } else {
                cut = 1;
            }
        } else if (k >= 2) {
            int ok = gl[0] >= 1 && gl[0] <= 3 && s[gs[0]] != '0';
            for (size_t g = 1; ok && g < ng; g++)
                if (gl[g] != 3 && !(c == ',' && gl[g] == 2 && g + 1 < ng))
                    ok = 0;
            if (!ok) {
                if (c == ',')
                    cut = 1;   /* a list: "22,24,26" */
                else
                    dotted = 1; /* "192.168.1.2", "1.2.3" */
            }
        } else {
            unsigned char thou = es ? '.' : ',';
            if (!(c == thou && gl[1] == 3 && gl[0] <= 3 && s[gs[0]] != '0')) {
                has_dec = 1;
                int_groups = ng - 1;
            }
        }
    }
    if (cut) {
        o->flags |= NCI_NF_LIST;
        ng = 1;
        int_groups = 1;
        has_dec = 0;
        p = gs[0] + gl[0];
    }
    if (dotted) {
        o->end = p;
        o->flags = NCI_NF_DOTTED;
        o->nd = (uint8_t)(gl[0] > 255 ? 255 : gl[0]);
        return;
    }
    /* digits without separators; the value is computed from them */
    char dbuf[512];
    size_t dn = 0, frac = 0, total = 0;
    int too_long = 0;
    for (size_t g = 0; g < ng; g++) {
        total += gl[g];
        if (g >= int_groups)
            frac += gl[g];
    }
    if (total > sizeof dbuf)
        too_long = 1;
    else
        for (size_t g = 0; g < ng; g++) {
            memcpy(dbuf + dn, s + gs[g], gl[g]);
            dn += gl[g];
        }
    long exp = 0;
    int ovf = 0;
    /* exponent: 1e10, 12.32e+14, -12e-1 */
    if (p + 1 < end && (s[p] == 'e' || s[p] == 'E')) {
        size_t q = p + 1;
        int neg = 0;
        if (q < end && (s[q] == '+' || s[q] == '-'))
            neg = s[q++] == '-';
        size_t r = digit_run(s, q, end);
        if (r && !is_alnum_at(s, q + r, end)) {
            long x = 0;
            for (size_t k = 0; k < r; k++)
                x = x < 100000 ? x * 10 + (s[q + k] - '0') : x;
            exp = neg ? -x : x;
            p = q + r;
            o->flags |= NCI_NF_EXP;
        }
    }
    /* scientific notation written out: 1.3x10^6, 6.23×10^-4 */
    if (!(o->flags & NCI_NF_EXP) && p + 4 < end) {
        size_t q = p;
        if (s[q] == 'x' || s[q] == '*')
            q++;
        else if (s[q] == 0xC3 && s[q + 1] == 0x97)
            q += 2;
        if (q > p && q + 3 < end && s[q] == '1' && s[q + 1] == '0' && s[q + 2] == '^') {
            q += 3;
            int neg = 0;
            while (q < end && (s[q] == '+' || s[q] == '-'))
                neg ^= s[q++] == '-';
            size_t r = digit_run(s, q, end);
            if (r && r <= 4 && !is_alnum_at(s, q + r, end)) {
                long x = atoi_n(s + q, r);
                exp = neg ? -x : x;
                p = q + r;
                o->flags |= NCI_NF_EXP;
            }
        }
    }
    size_t intd = 0;
    for (size_t g = 0; g < int_groups; g++)
        intd += gl[g];
    double v = too_long ? 0.0 : digits_value(dbuf, dn, frac, exp, &ovf);
    if (too_long && intd > 309)
        ovf = 1;
    else if (too_long) /* long decimals: the integer part decides */
        v = 0.0, ovf = 1;
    /* power: 1.1^23, 2.5^-1, -1.1^--23 (the signs of the exponent multiply) */
    if (!ovf && p + 1 < end && s[p] == '^') {
        size_t q = p + 1;
        int neg = 0;
        while (q < end && (s[q] == '+' || s[q] == '-'))
            neg ^= s[q++] == '-';
        size_t r = digit_run(s, q, end);
        if (r && r <= 4 && !is_alnum_at(s, q + r, end)) {
            int x = atoi_n(s + q, r);
            v = pow(v, neg ? -x : x);
            if (!isfinite(v))
                ovf = 1, v = 0;
            p = q + r;
            o->flags |= NCI_NF_EXP;
        }
    }
    o->end = p;
    o->v = v;
    o->flags |= cut ? NCI_NF_LIST : 0;
    o->nd = (uint8_t)(intd > 255 ? 255 : intd);
    if (nspace || (int_groups > 1))
        o->flags |= NCI_NF_SEP;
    if (has_dec)
        o->flags |= NCI_NF_DEC;
    if (intd > 1 && s[gs[0]] == '0' && !lead)
        o->flags |= NCI_NF_LEAD0;
    if (ovf)
        o->flags |= NCI_NF_OVF;
}

/* "http://", "https://", "www.": a web address, whose digits are not numbers */
static int is_url(const unsigned char *s, size_t i, size_t end)
{
    size_t n = end - i;
    if (n >= 7 && (s[i] | 0x20) == 'h' && (s[i + 1] | 0x20) == 't' && (s[i + 2] | 0x20) == 't' &&
        (s[i + 3] | 0x20) == 'p') {
        size_t k = i + 4;
        if (k < end && (s[k] | 0x20) == 's')
            k++;
        return k + 2 < end && s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/';
    }
    return n >= 5 && (s[i] | 0x20) == 'w' && (s[i + 1] | 0x20) == 'w' && (s[i + 2] | 0x20) == 'w' &&
           s[i + 3] == '.' && is_alnum_at(s, i + 4, end);
}

/* Room for token n in *toks (grown with nci_grow): &(*toks)[n], or NULL. */
static inline nci_ntok *room(nci_ntok **toks, size_t *cap, size_t n)
{
    if (n >= *cap) {
        nci_ntok *t = nci_grow(*toks, cap, n + 1, sizeof **toks);
        if (!t)
            return NULL;
        *toks = t;
    }
    return &(*toks)[n];
}

/* Token n, cleared; NULL on ENOMEM. */
static inline nci_ntok *push(nci_ntok **toks, size_t *cap, size_t n)
{
    nci_ntok *t = room(toks, cap, n);
    if (!t)
        return NULL;
    t->fs = 0;
    t->fl = 0;
    t->caps = t->flags = t->nd = t->pad = t->trig = 0;
    t->cp = 0;
    t->lx = NULL;
    t->v = 0;
    return t;
}

/* Fold s[i, i+len) (one code point) into out; returns bytes written. */
static size_t fold_cp(const unsigned char *s, size_t i, size_t len, uint32_t cp, char *out,
                      int *upper)
{
    if (cp < 0x80) {
        *upper = cp >= 'A' && cp <= 'Z';
        out[0] = (char)(*upper ? cp | 0x20 : cp);
        return 1;
    }
    if (cp >= 0xC0 && cp <= 0xFF && latin1_fold[cp - 0xC0]) {
        *upper = cp < 0xDF;
        out[0] = latin1_fold[cp - 0xC0];
        return 1;
    }
    if (cp == 0xBA || cp == 0xAA) { /* ordinal indicators: 1º, 1ª */
        *upper = 0;
        out[0] = cp == 0xBA ? 'o' : 'a';
        return 1;
    }
    if (cp == 0x2019) {
        *upper = 0;
        out[0] = '\'';
        return 1;
    }
    *upper = 0;
    memcpy(out, s + i, len);
    return len;
}

/* Byte classes for the ASCII fast path. */
enum { B_SPACE = 1, B_DIGIT = 2, B_LOWER = 4, B_UPPER = 8, B_SYM = 16, B_HIGH = 32,
       B_MARK = 64 /* "'", ".", ":": after a word, they may need the careful path */ };
static const uint8_t bcls[256] = {
#define R8(x) x, x, x, x, x, x, x, x
    /* 0x00 */ B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM,
    B_SYM, B_SPACE, B_SPACE, B_SPACE, B_SPACE, B_SPACE, B_SYM, B_SYM,
    R8(B_SYM), R8(B_SYM),
    /* 0x20 */ B_SPACE, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM | B_MARK,
    B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM | B_MARK, B_SYM,
    /* 0x30 */ R8(B_DIGIT), B_DIGIT, B_DIGIT, B_SYM | B_MARK, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM,
    /* 0x40 */ B_SYM, B_UPPER, B_UPPER, B_UPPER, B_UPPER, B_UPPER, B_UPPER, B_UPPER, R8(B_UPPER),
    /* 0x50 */ R8(B_UPPER), B_UPPER, B_UPPER, B_UPPER, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM,
    /* 0x60 */ B_SYM, B_LOWER, B_LOWER, B_LOWER, B_LOWER, B_LOWER, B_LOWER, B_LOWER, R8(B_LOWER),
    /* 0x70 */ R8(B_LOWER), B_LOWER, B_LOWER, B_LOWER, B_SYM, B_SYM, B_SYM, B_SYM, B_SYM,
    R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH),
    R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH), R8(B_HIGH)
#undef R8
};

/* High bit of each byte of x that is an ASCII letter.  Bytes are taken to
 * seven bits first so that no sum carries into the next byte. */
static inline uint64_t letter_mask(uint64_t x)
{
    uint64_t hi = x & 0x8080808080808080ull;
    uint64_t y = (x | 0x2020202020202020ull) & 0x7F7F7F7F7F7F7F7Full;
    uint64_t ge_a = (y + 0x1F1F1F1F1F1F1F1Full) & 0x8080808080808080ull; /* >= 'a' */
    uint64_t gt_z = (y + 0x0505050505050505ull) & 0x8080808080808080ull; /* >  'z' */
    return ge_a & ~gt_z & ~hi;
}

/* A Spanish partitive in -avo(s), -ava(s) ("veinteavos"): never a gap. */
static inline int is_avo(int es, const char *fw, size_t fl2)
{
    return es && fl2 > 4 &&
           ((fw[fl2 - 1] == 's' && fw[fl2 - 3] == 'v' && fw[fl2 - 4] == 'a') ||
            (fw[fl2 - 2] == 'v' && fw[fl2 - 3] == 'a'));
}

/* Fill *t as word text[i, i+len), folded at fs (fl bytes), entry lx. */
static inline void word_tok(nci_ntok *t, size_t i, size_t len, size_t fs, size_t fl, int sp, int caps,
                            const nci_lexent *lx)
{
    t->s = (uint32_t)i;
    t->e = (uint32_t)(i + len);
    t->fs = (uint32_t)fs;
    t->fl = (uint16_t)fl;
    t->type = NCI_TK_WORD;
    t->sp = (uint8_t)sp;
    t->caps = (uint8_t)caps;
    t->flags = t->nd = t->pad = 0;
    t->trig = lx ? lx->trig : 0;
    t->cp = 0;
    t->lx = lx;
    t->v = 0;
}

/* State of the tokenizer handed to ascii_words(). */
typedef struct wordrun {
    const unsigned char *s, *tail; /* the text; its last bytes from tb, zero padded */
    size_t tb, end;
    const nci_langtab *tab;
    char *fold;
    int es;
    size_t i, n, fo, gap_n;        /* in and out: see tokenize() */
    int sp;
    nci_ntok *toks;
    size_t cap;
} wordrun;

/* The common case of the tokenizer: white space, ASCII punctuation that
 * cannot start a number, and words of one to fifteen ASCII letters ending at
 * a space or plain punctuation, found and folded eight bytes at a time
 * (SWAR).  Stops at the first byte or word it does not take: digits, other
 * code points, "+", a point or comma before a digit, and words that need
 * the careful path of tokenize(), which reads them.  Near the end of the
 * text the bytes are read from a zero-padded copy (r->tail), so no word is
 * left to the careful path for want of sixteen readable bytes.  A separate
 * function, so that its state stays in registers.  Returns -1 on ENOMEM,
 * else 0.  Each copy has constants (ascii_words()): es is r->es; near_end
 * whether it reads the last fifteen bytes of the text (from the copy), or
 * stops before them. */
static inline __attribute__((always_inline)) int ascii_words_in(wordrun *r, const int es, const int near_end)
{
    const unsigned char *s = r->s, *tail = r->tail;
    const size_t tb = r->tb, end = r->end;
    const size_t stop = near_end ? end : end > 15 ? end - 15 : 0; /* i + 16 <= end below stop */
    const nci_langtab *tab = r->tab;
    char *fold = r->fold;
    size_t i = r->i, n = r->n, fo = r->fo, gap_n = r->gap_n;
    int sp = r->sp, rc = 0;
    nci_ntok *tk = r->toks;
    size_t cap = r->cap;
    while (i < stop) {
        unsigned c = s[i];
        uint8_t bc = bcls[c];
        if (bc & B_SPACE) {
            sp = 1;
            i++;
            continue;
        }
        if (n >= cap && !room(&tk, &cap, n)) { /* room for the one token this step may add */
            rc = -1;
            break;
        }
        if (!(bc & (B_LOWER | B_UPPER))) {
            /* ASCII punctuation that cannot start a number: one token, no
             * lookups ("+" and a point or comma before a digit are left to
             * tokenize()) */
            if (!(bc & B_SYM) || c == '+' || ((c == '.' || c == ',') && i + 1 < end && isdig(s[i + 1])))
                break;
            nci_ntok *t = &tk[n++];
            word_tok(t, i, 1, fo, 1, sp, 0, tab ? tab->ascii_sym[c] : NULL);
            t->type = NCI_TK_SYM;
            t->cp = c;
            fold[fo++] = (char)c;
            sp = 0;
            i++;
            continue;
        }
        const unsigned char *w = near_end ? tail + (i - tb) : s + i;
        uint64_t x, x2 = 0;
        memcpy(&x, w, 8);
        uint64_t nl = ~letter_mask(x) & 0x8080808080808080ull;
        unsigned L = nl ? (unsigned)__builtin_ctzll(nl) >> 3 : 8;
        if (L == 8) {
            memcpy(&x2, w + 8, 8);
            uint64_t nl2 = ~letter_mask(x2) & 0x8080808080808080ull;
            L = nl2 ? 8 + ((unsigned)__builtin_ctzll(nl2) >> 3) : 16;
        }
        if (L == 16)
            break;
        unsigned nb = w[L]; /* 0: a padding byte past the end */
        if ((bcls[nb] & (B_DIGIT | B_HIGH | B_MARK)) || es) { /* rare: one test for the common case */
            if (bcls[nb] & (B_DIGIT | B_HIGH))
                break;
            /* a dot or an apostrophe after the word may belong to it
             * ("U.S.", "o'clock"): then the careful path reads it */
            if ((nb == '\'' || nb == '.') && i + L + 1 < end &&
                (bcls[w[L + 1]] & (B_LOWER | B_UPPER | B_DIGIT | B_HIGH)))
                break;
            /* a word after a space that begins with "ht" or "ww" is left to
             * the careful path, which knows web addresses: only "http:" and
             * "https:" can be one here ("www." was left above), and only in
             * Spanish can the careful path read such a word otherwise (a
             * partitive "-avos" is never a gap there) */
            if (sp && (nb == ':' || es) &&
                (((c | 0x20) == 'h' && (w[1] | 0x20) == 't') || ((c | 0x20) == 'w' && (w[1] | 0x20) == 'w')))
                break;
        }
        uint64_t keep = L >= 8 ? ~0ull : (1ull << (8 * L)) - 1;
        uint64_t f8 = (x | 0x2020202020202020ull) & keep;
        int anylower = (x & keep & 0x2020202020202020ull) != 0;
        memcpy(fold + fo, &f8, 8); /* the bytes past the word are overwritten later (slack) */
        uint32_t hh;
        if (L > 8) {
            uint64_t keep2 = (1ull << (8 * (L - 8))) - 1;
            uint64_t g8 = (x2 | 0x2020202020202020ull) & keep2;
            anylower |= (x2 & keep2 & 0x2020202020202020ull) != 0;
            memcpy(fold + fo + 8, &g8, 8);
            uint64_t b;
            memcpy(&b, fold + fo + L - 8, 8);
            hh = nci_num_hash8(f8, b, L);
        } else {
            hh = nci_num_hash8(f8, 0, L);
        }
        int caps = (c & 0x20) ? 0 : L >= 2 && !anylower ? 2 : 1;
        const nci_lexent *lx = tab && nci_num_maybe(tab, hh) ? nci_num_probe(tab, fold + fo, L, hh, f8) : NULL;
        /* a lower-case word the grammar never reads: runs of them become one
         * gap token (near the end, as on the careful path, a Spanish
         * partitive "veinteavos" stays a word) */
        if (tab && !lx && !caps && sp && !(near_end && is_avo(es, fold + fo, L))) {
            if (gap_n == n)
                tk[n - 1].e = (uint32_t)(i + L);
            else {
                word_tok(&tk[n], i, L, 0, 0, 1, 0, NULL);
                tk[n].pad = 1;
                gap_n = ++n;
            }
        } else {
            word_tok(&tk[n], i, L, fo, L, sp, caps, lx);
            fo += L;
            n++;
        }
        /* one space after the word is read here */
        sp = nb == ' ';
        i += L + (unsigned)sp;
    }
    r->i = i;
    r->n = n;
    r->fo = fo;
    r->gap_n = gap_n;
    r->sp = sp;
    r->toks = tk;
    r->cap = cap;
    return rc;
}

/* ascii_words_in() with constants: English words skip the tests that only
 * Spanish needs, and words far from the end read the text itself. */
__attribute__((noinline)) static int ascii_words(wordrun *r)
{
    size_t stop = r->end > 15 ? r->end - 15 : 0;
    if (r->i < stop) {
        int rc = r->es ? ascii_words_in(r, 1, 0) : ascii_words_in(r, 0, 0);
        if (rc || r->i < stop)
            return rc; /* stopped at a word or byte it does not take */
    }
    return r->es ? ascii_words_in(r, 1, 1) : ascii_words_in(r, 0, 1);
}

static size_t tokenize(const char *text, size_t start, size_t end, const nci_langtab *tab,
                       int es, nci_ntok **toks, size_t *cap, char *fold, int keymode)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = start, n = 0, fo = 0;
    size_t gap_n = (size_t)-1; /* == n when toks[n - 1] is an open gap */
    int sp = 1;
    /* the last sixteen bytes (or fewer) of the text from tb, zero padded */
    unsigned char tail[40] = {0};
    size_t tb = end - start >= 16 ? end - 16 : start;
    if (!keymode && end > tb)
        memcpy(tail, s + tb, end - tb); /* not with a NULL text of length 0 */
    while (i < end) {
        /* the common case first: plain ASCII words, spaces and punctuation
         * (ascii_words) */
        if (!keymode) {
            wordrun r = {s, tail, tb, end, tab, fold, es, i, n, fo, gap_n, sp, *toks, *cap};
            int rc = ascii_words(&r);
            *toks = r.toks;
            *cap = r.cap;
            if (rc)
                return (size_t)-1;
            i = r.i;
            n = r.n;
            fo = r.fo;
            gap_n = r.gap_n;
            sp = r.sp;
            if (i >= end)
                break;
        }
        /* what ascii_words left (or, for a key, every byte) */
        unsigned c = s[i];
        uint8_t bc = bcls[c];
        uint32_t cp = c;
        size_t len = 1;
        int cl;
        if (bc & B_HIGH) {
            len = dec(s, i, end, &cp);
            cl = cp_class(cp);
        } else {
            cl = bc & B_SPACE ? CL_SPACE : bc & B_DIGIT ? CL_DIGIT : bc & (B_LOWER | B_UPPER) ? CL_LETTER : CL_SYM;
        }
        if (cl == CL_SPACE) {
            sp = 1;
            i += len;
            continue;
        }
        if (!keymode && sp && ((c | 0x20) == 'h' || (c | 0x20) == 'w') && i + 1 < end &&
            ((s[i + 1] | 0x20) == 't' || (s[i + 1] | 0x20) == 'w') && is_url(s, i, end)) {
            while (i < end && s[i] > ' ')
                i++;
            continue;
        }
        nci_ntok *t = push(toks, cap, n);
        if (!t)
            return (size_t)-1;
        t->s = (uint32_t)i;
        t->sp = (uint8_t)sp;
        int was_sp = sp;
        sp = 0;
        if (!keymode && (cl == CL_DIGIT || (c == '+' && i + 1 < end && isdig(s[i + 1])) ||
                         ((c == '.' || c == ',') && i + 1 < end && isdig(s[i + 1]) &&
                          !(n > 0 && (*toks)[n - 1].e == i &&
                            ((*toks)[n - 1].type == NCI_TK_WORD || (*toks)[n - 1].type == NCI_TK_NUM ||
                             (*toks)[n - 1].type == NCI_TK_IDENT))))) {
            size_t e2;
            uint8_t ty;
            double v;
            if ((c == '+' || cl == CL_DIGIT) && (e2 = phone_shape(s, i, end)) != 0) {
                t->type = NCI_TK_PHONE;
                t->e = (uint32_t)e2;
                i = e2;
            } else if (cl == CL_DIGIT && (e2 = digit_shape(s, i, end, &ty, &v)) != 0) {
                t->type = ty;
                t->v = v;
                t->e = (uint32_t)e2;
                i = e2;
            } else if (c == '+') {
                t->type = NCI_TK_SYM;
                t->cp = '+';
                t->e = (uint32_t)(i + 1);
                if (tab)
                    t->lx = tab->ascii_sym['+'];
                i++;
            } else {
                numlex_out o;
                /* in a list cut at commas ("22,24,26,31") the items are plain */
                int nosep = n >= 2 && (*toks)[n - 1].type == NCI_TK_SYM && (*toks)[n - 1].cp == ',' &&
                            (*toks)[n - 1].s == i - 1 && (*toks)[n - 2].type == NCI_TK_NUM &&
                            ((*toks)[n - 2].flags & NCI_NF_LIST);
                lex_number(s, i, end, es, nosep, &o);
                if (nosep)
                    o.flags |= NCI_NF_LIST;
                t->type = NCI_TK_NUM;
                t->v = o.v;
                t->flags = o.flags;
                t->nd = o.nd;
                t->e = (uint32_t)o.end;
                i = o.end;
            }
            n++;
            continue;
        }
        if (!keymode && cl == CL_VFRAC) {
            t->type = NCI_TK_NUM;
            t->v = vfrac_value(cp);
            t->flags = NCI_NF_FRAC;
            t->e = (uint32_t)(i + len);
            i += len;
            n++;
            continue;
        }
        if (cl == CL_LETTER || (keymode && cl == CL_DIGIT)) {
            /* a word: letters, inner apostrophes, inner dots of initialisms
             * ("u.s", "a.m"), and digits (then it is a code: "G7", "COVID19").
             * ASCII letters take the fast path; the hash is computed while
             * folding. */
            size_t j = i, seg = 0;
            int letters = 0, uppers = 0, digits = 0, first_upper = 0;
            uint32_t h;
            size_t f0 = fo;
            /* the common case: ASCII letters ending at a space or plain
             * punctuation, folded eight bytes at a time */
            if (!keymode) {
                size_t q = i;
                while (q < end && (bcls[s[q]] & (B_LOWER | B_UPPER)))
                    q++;
                unsigned nb = q < end ? s[q] : ' ';
                if (q > i && !(bcls[nb] & (B_DIGIT | B_HIGH)) && nb != '\'' && nb != '.') {
                    size_t L = q - i, k = 0;
                    int anylower;
                    if (L <= 8 && i + 8 <= end) {
                        /* one load, one store: the bytes past the word are
                         * overwritten by the next token (the buffer has slack) */
                        uint64_t x;
                        memcpy(&x, s + i, 8);
                        uint64_t keep = L == 8 ? ~0ull : (1ull << (8 * L)) - 1;
                        uint64_t f8 = (x | 0x2020202020202020ull) & keep;
                        memcpy(fold + fo, &f8, 8);
                        anylower = (x & keep & 0x2020202020202020ull) != 0;
                    } else {
                        for (; k + 8 <= L; k += 8) {
                            uint64_t x;
                            memcpy(&x, s + i + k, 8);
                            x |= 0x2020202020202020ull;
                            memcpy(fold + fo + k, &x, 8);
                        }
                        for (; k < L; k++)
                            fold[fo + k] = (char)(s[i + k] | 0x20);
                        anylower = 0;
                        for (size_t z = 0; z < L && !anylower; z++)
                            anylower = (s[i + z] & 0x20) != 0;
                    }
                    fo += L;
                    letters = (int)L;
                    first_upper = !(s[i] & 0x20);
                    uppers = anylower ? 0 : (int)L;
                    j = q;
                    goto word_done;
                }
            }
            while (j < end) {
                /* the common case: a run of ASCII letters */
                if (!digits) {
                    size_t j0 = j;
                    int ups = 0;
                    while (j < end && (bcls[s[j]] & (B_LOWER | B_UPPER))) {
                        unsigned b0 = s[j];
                        char fc = (char)(b0 | 0x20);
                        ups += (bcls[b0] & B_UPPER) != 0;
                        fold[fo++] = fc;
                        j++;
                    }
                    if (j > j0) {
                        if (!letters)
                            first_upper = (bcls[s[j0]] & B_UPPER) != 0;
                        letters += (int)(j - j0);
                        uppers += ups;
                        seg += j - j0;
                        if (j >= end)
                            break;
                    }
                }
                unsigned b = s[j];
                uint8_t k8 = bcls[b];
                if (k8 & (B_LOWER | B_UPPER)) {
                    if (digits && !keymode)
                        break; /* "COVID19x": stop after the digits */
                    int up = (k8 & B_UPPER) != 0;
                    char fc = (char)(b | 0x20);
                    fold[fo++] = fc;
                    h = (h ^ (unsigned char)fc) * 16777619u;
                    if (!letters)
                        first_upper = up;
                    letters++;
                    uppers += up;
                    seg++;
                    j++;
                    continue;
                }
                if (k8 & B_DIGIT) {
                    if (!digits && !keymode && tab) {
                        /* an ISO code before digits ("USD115") stays a word */
                        h = nci_num_hash(fold + f0, fo - f0);
                        const nci_lexent *e = nci_num_lookup(tab, fold + f0, fo - f0, h);
                        if (e && (e->roles & NCI_R_CODE) && uppers == letters)
                            break;
                    }
                    digits++;
                    fold[fo++] = (char)b;
                    j++;
                    continue;
                }
                if (k8 & B_HIGH) {
                    uint32_t cq;
                    size_t l2 = dec(s, j, end, &cq);
                    int k = cp_class(cq);
                    if (k == CL_LETTER) {
                        if (digits && !keymode)
                            break;
                        int up;
                        fo += fold_cp(s, j, l2, cq, fold + fo, &up);
                        if (!letters)
                            first_upper = up;
                        letters++;
                        uppers += up;
                        seg++;
                        j += l2;
                        continue;
                    }
                    if (cq == 0x2019 && j + l2 < end && is_alnum_at(s, j + l2, end) && !digits) {
                        fold[fo++] = '\'';
                        j += l2;
                        continue;
                    }
                    break;
                }
                if (b == '\'' && j + 1 < end && is_alnum_at(s, j + 1, end) && !digits) {
                    fold[fo++] = '\'';
                    j++;
                    continue;
                }
                if (b == '.' && seg == 1 && j + 1 < end && !digits && (bcls[s[j + 1]] & (B_LOWER | B_UPPER)) &&
                    !(j + 2 < end && (bcls[s[j + 2]] & (B_LOWER | B_UPPER)))) {
                    fold[fo++] = '.';
                    seg = 0;
                    j++;
                    continue;
                }
                break;
            }
        word_done:
            t->type = digits && letters && !keymode ? NCI_TK_IDENT : NCI_TK_WORD;
            t->e = (uint32_t)j;
            t->fs = (uint32_t)f0;
            t->fl = (uint16_t)(fo - f0 > 0xffff ? 0xffff : fo - f0);
            t->caps = (uint8_t)(letters >= 2 && uppers == letters ? 2 : first_upper ? 1 : 0);
            if (tab && t->type == NCI_TK_WORD) {
                t->lx = nci_num_lookup(tab, fold + f0, fo - f0, nci_num_hash(fold + f0, fo - f0));
                t->trig = t->lx ? t->lx->trig : 0;
            }
            i = j;
            /* a lower-case word the grammar never reads: runs of them become
             * one gap token (less work for the parser, same adjacency) */
            if (tab && !t->lx && !t->caps && t->type == NCI_TK_WORD && was_sp && !is_avo(es, fold + f0, fo - f0)) {
                fo = f0;
                t->fl = 0;
                if (gap_n == n) {
                    (*toks)[n - 1].e = t->e;
                    continue;
                }
                t->pad = 1; /* a gap */
                gap_n = n + 1;
            }
            n++;
            continue;
        }
        /* a symbol: one code point */
        t->type = NCI_TK_SYM;
        t->cp = cp;
        t->fs = (uint32_t)fo;
        for (size_t q = 0; q < len; q++)
            fold[fo + q] = (char)s[i + q];
        fo += len;
        t->fl = (uint16_t)len;
        t->e = (uint32_t)(i + len);
        if (tab) {
            if (c < 0x80)
                t->lx = tab->ascii_sym[c];
            else
                t->lx = nci_num_lookup(tab, fold + t->fs, t->fl, nci_num_hash(fold + t->fs, t->fl));
            t->trig = t->lx ? t->lx->trig : 0;
        }
        i += len;
        n++;
    }
    return n;
}

size_t nci_num_tokenize(const char *text, size_t start, size_t end, const nci_langtab *tab,
                        int es, nci_ntok **toks, size_t *cap, char *fold)
{
    return tokenize(text, start, end, tab, es, toks, cap, fold, 0);
}

size_t nci_num_tokenize_key(const char *key, size_t len, nci_ntok *toks, size_t max, char *fold)
{
    /* a key has no more tokens than bytes: a short one tokenizes on the
     * stack (the block never grows), a long one on the heap; copy out */
    nci_ntok local[256];
    nci_ntok *tmp = len < sizeof local / sizeof local[0] ? local : NULL;
    size_t cap = tmp ? sizeof local / sizeof local[0] : 0;
    size_t n = tokenize(key, 0, len, NULL, 0, &tmp, &cap, fold, 1);
    if (n != (size_t)-1 && n <= max)
        memcpy(toks, tmp, n * sizeof *tmp);
    if (tmp != local)
        free(tmp);
    return n == (size_t)-1 || n > max ? 0 : n;
}
