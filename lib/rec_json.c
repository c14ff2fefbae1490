/* Reconcile: a fast reader of extract output lines (the output contract's
 * document objects) straight into a claim set.  Jansson reads the same
 * input in reconcile.c; this reader exists because a general JSON tree
 * costs more than the whole of reconciliation (bench/bench_reconcile.c).
 * It accepts exactly RFC 8259 JSON; on anything it does not accept it
 * returns -1 and the caller falls back to Jansson, which then reports the
 * error with its position, so the two readers never disagree on what is
 * valid. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reconcile.h"

typedef struct jp {
    const char *p, *e;
    nci_pool *pool;
    char *sb;           /* scratch for strings with escapes */
    size_t sbcap;
    int depth;
} jp;

static void ws(jp *j)
{
    while (j->p < j->e && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int lit(jp *j, const char *w, size_t n)
{
    if ((size_t)(j->e - j->p) < n || memcmp(j->p, w, n) != 0)
        return -1;
    j->p += n;
    return 0;
}

/* Validate UTF-8 of s[0..n) (no surrogates, no overlongs, <= U+10FFFF). */
static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF)
            k = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            k = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3, cp = c & 0x07;
        else
            return -1;
        if (i + k >= n)
            return -1;
        for (size_t q = 1; q <= k; q++) {
            if ((s[i + q] & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (s[i + q] & 0x3F);
        }
        if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return -1;
        i += k + 1;
    }
    return 0;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* A string at j->p (which is at '"'): s and n point into the input or the
 * scratch buffer.  A string containing U+0000 is refused (as Jansson
 * does by default). */
static int str(jp *j, const char **s, size_t *n)
{
    if (j->p >= j->e || *j->p != '"')
        return -1;
    const char *a = ++j->p;
    int esc = 0, high = 0;
    while (j->p < j->e) {
        unsigned char c = (unsigned char)*j->p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* most bytes */
            j->p++;
            continue;
        }
        if (c == '"')
            break;
        if (c < 0x20)
            return -1;
        if (c >= 0x80) {
            high = 1;
        } else { /* a backslash */
            esc = 1;
            j->p++;
            if (j->p >= j->e)
                return -1;
        }
        j->p++;
    }
    if (j->p >= j->e)
        return -1;
    const char *z = j->p++;
    if (!esc) {
        /* ASCII needs no UTF-8 check */
        if (high && utf8_ok((const unsigned char *)a, (size_t)(z - a)))
            return -1;
        *s = a;
        *n = (size_t)(z - a);
        return 0;
    }
    if ((size_t)(z - a) + 4 > j->sbcap) {
        size_t cap = (size_t)(z - a) * 2 + 64;
        char *nb = realloc(j->sb, cap);
        if (!nb)
            return -1;
        j->sb = nb;
        j->sbcap = cap;
    }
    size_t k = 0;
    for (const char *p = a; p < z;) {
        if (*p != '\\') {
            j->sb[k++] = *p++;
            continue;
        }
        p++;
        char c = *p++;
        switch (c) {
        case '"': j->sb[k++] = '"'; break;
        case '\\': j->sb[k++] = '\\'; break;
        case '/': j->sb[k++] = '/'; break;
        case 'b': j->sb[k++] = '\b'; break;
        case 'f': j->sb[k++] = '\f'; break;
        case 'n': j->sb[k++] = '\n'; break;
        case 'r': j->sb[k++] = '\r'; break;
        case 't': j->sb[k++] = '\t'; break;
        case 'u': {
            unsigned u;
            if (z - p < 4 || hex4(p, &u))
                return -1;
            p += 4;
            if (u >= 0xD800 && u <= 0xDBFF) {
                unsigned lo;
                if (z - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return -1;
                p += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
                return -1;
            }
            if (u < 0x80) {
                j->sb[k++] = (char)u;
            } else if (u < 0x800) {
                j->sb[k++] = (char)(0xC0 | (u >> 6));
                j->sb[k++] = (char)(0x80 | (u & 0x3F));
            } else if (u < 0x10000) {
                j->sb[k++] = (char)(0xE0 | (u >> 12));
                j->sb[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
                j->sb[k++] = (char)(0x80 | (u & 0x3F));
            } else {
                j->sb[k++] = (char)(0xF0 | (u >> 18));
                j->sb[k++] = (char)(0x80 | ((u >> 12) & 0x3F));
                j->sb[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
                j->sb[k++] = (char)(0x80 | (u & 0x3F));
            }
            break;
        }
        default:
            return -1;
        }
    }
    if (utf8_ok((const unsigned char *)j->sb, k))
        return -1;
    *s = j->sb;
    *n = k;
    return 0;
}

/* A number: its value, and whether it was written as an integer that a
 * long long holds. */
static int num(jp *j, double *v, int *isint, long long *iv)
{
    const char *a = j->p;
    if (j->p < j->e && *j->p == '-')
        j->p++;
    if (j->p >= j->e)
        return -1;
    if (*j->p == '0')
        j->p++;
    else if (*j->p >= '1' && *j->p <= '9')
        while (j->p < j->e && *j->p >= '0' && *j->p <= '9')
            j->p++;
    else
        return -1;
    int frac = 0;
    if (j->p < j->e && *j->p == '.') {
        frac = 1;
        j->p++;
        if (j->p >= j->e || *j->p < '0' || *j->p > '9')
            return -1;
        while (j->p < j->e && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if (j->p < j->e && (*j->p == 'e' || *j->p == 'E')) {
        frac = 1;
        j->p++;
        if (j->p < j->e && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (j->p >= j->e || *j->p < '0' || *j->p > '9')
            return -1;
        while (j->p < j->e && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    size_t n = (size_t)(j->p - a);
    char tmp[64];
    if (n >= sizeof tmp)
        return -1; /* let Jansson judge long numbers */
    memcpy(tmp, a, n);
    tmp[n] = '\0';
    *isint = 0;
    if (!frac && n <= 18) {
        long long x = 0;
        const char *q = tmp + (tmp[0] == '-');
        while (*q)
            x = x * 10 + (*q++ - '0');
        *iv = tmp[0] == '-' ? -x : x;
        *v = (double)*iv;
        *isint = 1;
        return 0;
    }
    if (!frac)
        return -1; /* big integers: Jansson's rules */
    *v = strtod(tmp, NULL);
    return isfinite(*v) ? 0 : -1;
}

static int skip(jp *j);

static int skip_container(jp *j, char close)
{
    if (++j->depth > 64)
        return -1;
    j->p++;
    ws(j);
    if (j->p < j->e && *j->p == close) {
        j->p++;
        j->depth--;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            const char *s;
            size_t n;
            if (str(j, &s, &n))
                return -1;
            ws(j);
            if (j->p >= j->e || *j->p != ':')
                return -1;
            j->p++;
            ws(j);
        }
        if (skip(j))
            return -1;
        ws(j);
        if (j->p < j->e && *j->p == ',') {
            j->p++;
            ws(j);
            continue;
        }
        if (j->p < j->e && *j->p == close) {
            j->p++;
            j->depth--;
            return 0;
        }
        return -1;
    }
}

static int skip(jp *j)
{
    if (j->p >= j->e)
        return -1;
    double v;
    int isint;
    long long iv;
    const char *s;
    size_t n;
    switch (*j->p) {
    case '{': return skip_container(j, '}');
    case '[': return skip_container(j, ']');
    case '"': return str(j, &s, &n);
    case 't': return lit(j, "true", 4);
    case 'f': return lit(j, "false", 5);
    case 'n': return lit(j, "null", 4);
    default: return num(j, &v, &isint, &iv);
    }
}

/* Value kinds the fields want. */
static int is_null(jp *j)
{
    if (j->p < j->e && *j->p == 'n')
        return lit(j, "null", 4) == 0 ? 1 : -1;
    return 0;
}

/* A string field (or null; anything else is skipped, as the Jansson reader
 * ignores wrong types of optional fields). */
static int f_str(jp *j, uint32_t *out)
{
    *out = 0;
    if (j->p < j->e && *j->p == '"') {
        const char *s;
        size_t n;
        if (str(j, &s, &n))
            return -1;
        *out = nci_pool_intern(j->pool, s, n);
        return *out ? 0 : -1;
    }
    return skip(j);
}

/* An id: a number or a string, as text.  *isnum tells numbers. */
static int f_id(jp *j, uint32_t *out, int *isnum)
{
    *out = 0;
    if (isnum)
        *isnum = 0;
    if (j->p < j->e && *j->p == '"')
        return f_str(j, out);
    if (j->p < j->e && (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))) {
        double v;
        int isint;
        long long iv;
        if (num(j, &v, &isint, &iv))
            return -1;
        char t[40];
        const char *ts = t;
        size_t tl;
        if (isint) {
            /* an integer id, without printf (ids are read for every claim,
             * entity and reference) */
            tl = nci_fmt_int(t, iv);
            ts = t + 24 - tl;
            if (isnum)
                *isnum = 1;
        } else {
            tl = (size_t)snprintf(t, sizeof t, "%.17g", v);
        }
        *out = nci_pool_intern(j->pool, ts, tl);
        return *out ? 0 : -1;
    }
    return skip(j);
}

static int f_num(jp *j, double *out, int *has)
{
    *has = 0;
    if (j->p < j->e && (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))) {
        int isint;
        long long iv;
        if (num(j, out, &isint, &iv))
            return -1;
        *has = 1;
        return 0;
    }
    return skip(j);
}

#define KEYIS(k) (kn == sizeof(k) - 1 && memcmp(ks, k, kn) == 0)

/* Members of an object: calls back per key; the callback reads the value. */
typedef int (*member_fn)(jp *j, const char *ks, size_t kn, void *ud);

static int object(jp *j, member_fn fn, void *ud)
{
    if (j->p >= j->e || *j->p != '{')
        return -1;
    if (++j->depth > 64)
        return -1;
    j->p++;
    ws(j);
    if (j->p < j->e && *j->p == '}') {
        j->p++;
        j->depth--;
        return 0;
    }
    for (;;) {
        const char *s;
        size_t n;
        if (str(j, &s, &n))
            return -1;
        /* the key may live in the scratch buffer: copy it */
        char key[32];
        size_t kn = n < sizeof key ? n : sizeof key - 1;
        memcpy(key, s, kn);
        key[kn] = '\0';
        if (n >= sizeof key)
            kn = 0; /* no field of ours is that long */
        ws(j);
        if (j->p >= j->e || *j->p != ':')
            return -1;
        j->p++;
        ws(j);
        if (fn(j, key, kn, ud))
            return -1;
        ws(j);
        if (j->p < j->e && *j->p == ',') {
            j->p++;
            ws(j);
            continue;
        }
        if (j->p < j->e && *j->p == '}') {
            j->p++;
            j->depth--;
            return 0;
        }
        return -1;
    }
}

static int m_place(jp *j, const char *ks, size_t kn, void *ud)
{
    rec_claim *c = ud;
    if (KEYIS("name"))
        return f_str(j, &c->place_name);
    if (KEYIS("entity"))
        return f_id(j, &c->place_ent, NULL);
    return skip(j);
}

static int m_time(jp *j, const char *ks, size_t kn, void *ud)
{
    rec_claim *c = ud;
    if (KEYIS("start"))
        return f_str(j, &c->t_start);
    if (KEYIS("end"))
        return f_str(j, &c->t_end);
    if (KEYIS("text"))
        return f_str(j, &c->t_text);
    return skip(j);
}

static int m_source(jp *j, const char *ks, size_t kn, void *ud)
{
    rec_claim *c = ud;
    if (KEYIS("name"))
        return f_str(j, &c->src_name);
    if (KEYIS("entity"))
        return f_id(j, &c->src_ent, NULL);
    if (KEYIS("type"))
        return f_str(j, &c->src_type);
    if (KEYIS("cue"))
        return f_str(j, &c->src_cue);
    return skip(j);
}

static int m_claim(jp *j, const char *ks, size_t kn, void *ud)
{
    rec_claim *c = ud;
    int has;
    if (KEYIS("id")) {
        int isnum;
        if (f_id(j, &c->cid, &isnum))
            return -1;
        if (isnum)
            c->flags |= RC_CID_NUM;
        else
            c->flags &= ~(uint32_t)RC_CID_NUM;
        return 0;
    }
    if (KEYIS("value")) {
        if (f_num(j, &c->value, &has))
            return -1;
        c->flags = has ? c->flags | RC_VALUE : c->flags & ~(uint32_t)RC_VALUE;
        return 0;
    }
    if (KEYIS("low")) {
        if (f_num(j, &c->low, &has))
            return -1;
        c->flags = has ? c->flags | RC_LOW : c->flags & ~(uint32_t)RC_LOW;
        return 0;
    }
    if (KEYIS("high")) {
        if (f_num(j, &c->high, &has))
            return -1;
        c->flags = has ? c->flags | RC_HIGH : c->flags & ~(uint32_t)RC_HIGH;
        return 0;
    }
    if (KEYIS("qualifier"))
        return f_str(j, &c->qualifier);
    if (KEYIS("vague"))
        return f_str(j, &c->vague);
    if (KEYIS("unit"))
        return f_str(j, &c->unit);
    if (KEYIS("measure"))
        return f_str(j, &c->measure);
    if (KEYIS("measure_key"))
        return f_str(j, &c->mkey);
    if (KEYIS("lang"))
        return f_str(j, &c->lang);
    if (KEYIS("kind"))
        return f_str(j, &c->kind);
    if (KEYIS("text"))
        return f_str(j, &c->text);
    if (KEYIS("place")) {
        c->place_name = c->place_ent = 0;
        if (j->p < j->e && *j->p == '{')
            return object(j, m_place, c);
        return f_str(j, &c->place_name);
    }
    if (KEYIS("time")) {
        c->t_start = c->t_end = c->t_text = 0;
        if (j->p < j->e && *j->p == '{')
            return object(j, m_time, c);
        return skip(j);
    }
    if (KEYIS("source")) {
        c->src_name = c->src_ent = c->src_type = c->src_cue = 0;
        if (j->p < j->e && *j->p == '{')
            return object(j, m_source, c);
        return f_str(j, &c->src_name);
    }
    return skip(j);
}

static int m_entity(jp *j, const char *ks, size_t kn, void *ud)
{
    rec_ent *e = ud;
    if (KEYIS("id"))
        return f_id(j, &e->lid, NULL);
    if (KEYIS("type"))
        return f_str(j, &e->type);
    if (KEYIS("name"))
        return f_str(j, &e->name);
    return skip(j);
}

typedef struct docctx {
    nc_claimset *s;
    rec_doc d;
    int has_id, id_bad;
    uint32_t docix;
} docctx;

static int m_doc(jp *j, const char *ks, size_t kn, void *ud)
{
    docctx *x = ud;
    nc_claimset *s = x->s;
    if (KEYIS("id")) {
        x->has_id = 1;
        if (is_null(j) == 1) {
            x->d.id = 0;
            x->has_id = 0;
            return 0;
        }
        if (f_id(j, &x->d.id, NULL))
            return -1;
        if (!x->d.id)
            x->id_bad = 1;
        return 0;
    }
    if (KEYIS("source"))
        return f_str(j, &x->d.outlet);
    if (KEYIS("date"))
        return f_str(j, &x->d.date);
    if (KEYIS("lang"))
        return f_str(j, &x->d.lang);
    if (KEYIS("entities") || KEYIS("claims")) {
        int ents = KEYIS("entities");
        if (is_null(j) == 1)
            return 0;
        if (j->p >= j->e || *j->p != '[')
            return -1; /* Jansson reports it */
        /* a repeated key: the last one counts, as in Jansson */
        if (ents)
            x->d.nent = 0;
        else
            x->d.nclaim = 0;
        j->p++;
        ws(j);
        if (j->p < j->e && *j->p == ']') {
            j->p++;
            return 0;
        }
        size_t i = 0;
        for (;; i++) {
            if (j->p >= j->e || *j->p != '{')
                return -1;
            if (ents) {
                rec_ent *ne = nci_grow(s->ents, &s->capents, x->d.ent0 + x->d.nent + 1, sizeof *ne);
                if (!ne)
                    return -1;
                s->ents = ne;
                rec_ent *e = &s->ents[x->d.ent0 + x->d.nent];
                memset(e, 0, sizeof *e);
                e->doc = x->docix;
                if (object(j, m_entity, e))
                    return -1;
                if (e->name)
                    x->d.nent++;
            } else {
                rec_claim *nc = nci_grow(s->claims, &s->capclaims, x->d.claim0 + x->d.nclaim + 1, sizeof *nc);
                if (!nc)
                    return -1;
                s->claims = nc;
                rec_claim *c = &s->claims[x->d.claim0 + x->d.nclaim];
                memset(c, 0, sizeof *c);
                c->doc = x->docix;
                if (object(j, m_claim, c))
                    return -1;
                if (!c->cid) {
                    char t[32];
                    snprintf(t, sizeof t, "%zu", i + 1);
                    c->cid = nci_pool_intern(j->pool, t, strlen(t));
                    c->flags |= RC_CID_NUM;
                }
                if (c->flags & (RC_VALUE | RC_LOW | RC_HIGH))
                    x->d.nclaim++;
            }
            ws(j);
            if (j->p < j->e && *j->p == ',') {
                j->p++;
                ws(j);
                continue;
            }
            if (j->p < j->e && *j->p == ']') {
                j->p++;
                return 0;
            }
            return -1;
        }
    }
    return skip(j);
}

int nci_rec_fast_add(nc_claimset *s, const char *line, size_t len, uint64_t hash, rec_doc *out)
{
    jp j = {line, line + len, &s->pool, NULL, 0, 0};
    docctx x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.docix = (uint32_t)s->ndocs;
    x.d.ent0 = s->nents;
    x.d.claim0 = s->nclaims;
    x.d.hash = hash;
    ws(&j);
    int rc = object(&j, m_doc, &x);
    if (rc == 0) {
        ws(&j);
        if (j.p != j.e)
            rc = -1;
    }
    free(j.sb);
    if (rc || x.id_bad)
        return -1;
    if (!x.has_id) {
        x.d.id = nci_pool_intern(&s->pool, "doc", 3);
        if (!x.d.id)
            return -1;
    }
    *out = x.d;
    return 0;
}
