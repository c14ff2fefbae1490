/* JSON output.  A small writer of our own rather than a DOM library: the
 * output contract fixes key order, and extraction output is the hot path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctx.h"
#include "doc.h"
#include "json.h"
#include "utf8.h"

int nci_buf_reserve(nci_buf *b, size_t n)
{
    if (b->oom)
        return -1;
    char *p = nci_grow(b->p, &b->cap, b->n + n + 1, 1);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    return 0;
}

void nci_buf_puts(nci_buf *b, const char *s)
{
    nci_buf_put(b, s, strlen(s));
}

/* 1: '"', '\\' and the control characters; 2: 0xE2 */
const unsigned char nci_json_stop[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    ['"'] = 1, ['\\'] = 1, [0xE2] = 2};

/* The escape of the special byte s[i] (i < n) into out: its length, 0 when
 * it stays as it is (a character other than U+2028/2029 with lead byte
 * 0xE2); *skip = the bytes it stands for. */
static size_t escape(const char *s, size_t i, size_t n, char out[6], size_t *skip)
{
    unsigned char c = (unsigned char)s[i];
    *skip = 1;
    if (c == 0xE2) {
        /* U+2028/2029 are valid JSON but break JavaScript readers. */
        if (!(i + 2 < n && (unsigned char)s[i + 1] == 0x80 && ((unsigned char)s[i + 2] & 0xFE) == 0xA8))
            return 0;
        memcpy(out, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
        *skip = 3;
        return 6;
    }
    out[0] = '\\';
    char e = c == '"' || c == '\\' ? (char)c : c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 0;
    if (e) {
        out[1] = e;
        return 2;
    }
    /* the other control characters by number, as "\\u%04x" writes them */
    memcpy(out + 1, "u00", 3);
    out[4] = (char)('0' + (c >> 4));
    out[5] = "0123456789abcdef"[c & 15];
    return 6;
}

/* s[0..n) as a JSON string; s[0..avail) may be read (avail >= n). */
static void put_str(nci_buf *b, const char *s, size_t n, size_t avail)
{
    /* Room for what is left of the string as it is, the closing quote
     * and the copy's slack, checked again after each escape.  The copy
     * stops at 0xE2 too, the lead byte of U+2028/2029, looked at closer. */
    enum { SLACK = 1 + 16 };
    char *o = nci_buf_room(b, 1 + n + SLACK);
    if (!o)
        return;
    *o++ = '"';
    size_t i = 0;
    while ((i = nci_json_copy_plain(&o, s, i, n, avail, 1)) < n) {
        char esc[6];
        size_t skip, k = escape(s, i, n, esc, &skip);
        if (!k) {
            *o++ = s[i++];
            continue;
        }
        b->n = (size_t)(o - b->p);
        if (!(o = nci_buf_room(b, k + (n - i - skip) + SLACK)))
            return;
        memcpy(o, esc, k);
        o += k;
        i += skip;
    }
    *o++ = '"';
    *o = '\0';
    b->n = (size_t)(o - b->p);
}

void nci_buf_str(nci_buf *b, const char *s, size_t n)
{
    if (s)
        put_str(b, s, n, n);
    else
        NCI_BUF_LIT(b, "null");
}

void nci_buf_cstr(nci_buf *b, const char *s)
{
    nci_buf_str(b, s, s ? strlen(s) : 0);
}

/* "00" to "99": integers are written two digits at a time */
static const char PAIRS[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                            "8081828384858687888990919293949596979899";

/* The digits of u, written backwards so that they end at end: their start. */
static char *digits_before(char *end, unsigned long long u)
{
    for (; u >= 100; u /= 100) {
        end -= 2;
        memcpy(end, PAIRS + u % 100 * 2, 2);
    }
    if (u >= 10) {
        end -= 2;
        memcpy(end, PAIRS + u * 2, 2);
    } else {
        *--end = (char)('0' + u);
    }
    return end;
}

size_t nci_fmt_int(char out[24], long long v)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char *p = digits_before(out + 24, u);
    if (v < 0)
        *--p = '-';
    return (size_t)(out + 24 - p);
}

void nci_buf_int(nci_buf *b, long long v)
{
    /* straight into the buffer, without printf: offsets are most of the
     * numbers of the output */
    char *p = nci_buf_room(b, 20);
    if (!p)
        return;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        *p++ = '-';
    p++;
    for (unsigned long long t = 10; t <= u; t *= 10) /* u <= 2^63 < 10^19: no overflow */
        p++;
    digits_before(p, u);
    *p = '\0';
    b->n = (size_t)(p - b->p);
}

/* Writes v (finite, not integral) when it is the double nearest to a
 * decimal m / 10^k with k <= 6 and |m| < 10^15 (m not a multiple of 10^k,
 * v not being integral), as "%.15g" would: such a decimal is what "%.15g"
 * rounds v to (v is within half an ulp of it, far less than half a unit
 * of its 15th digit), it reads back as v, and it lies in [1e-4, 1e14),
 * printed without exponent.  Most amounts are like that ("2.5", "0.65"),
 * and printf costs a hundred times more.  Returns 0, writing nothing, for
 * the others. */
static int put_short_decimal(nci_buf *b, double v)
{
    static const double P10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(v);
    if (!(a >= 1e-4 && a < 1e14))
        return 0;
    for (int k = 1; k <= 6; k++) {
        double x = a * P10[k] + 0.5;
        if (x >= 1e15)
            return 0;
        /* m / 10^k is correctly rounded: equal to a only when a is the
         * double nearest to the decimal */
        unsigned long long m = (unsigned long long)x;
        if ((double)m / P10[k] != a)
            continue;
        char tmp[24], *end = tmp + sizeof tmp;
        unsigned long long p10 = (unsigned long long)P10[k], frac = m % p10;
        int nf = k;
        for (; frac % 10 == 0; frac /= 10)
            nf--;
        char *p = digits_before(end, frac);
        while (p > end - nf)
            *--p = '0';
        *--p = '.';
        p = digits_before(p, m / p10);
        if (v < 0)
            *--p = '-';
        nci_buf_put(b, p, (size_t)(end - p));
        return 1;
    }
    return 0;
}

void nci_buf_num(nci_buf *b, double v)
{
    char tmp[40];
    if (!isfinite(v)) {
        NCI_BUF_LIT(b, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        nci_buf_int(b, (long long)v);
        return;
    }
    if (put_short_decimal(b, v))
        return;
    int k = snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        k = snprintf(tmp, sizeof tmp, "%.17g", v);
    nci_buf_put(b, tmp, (size_t)k);
}

/* ---------------------------------------------------------------- contract */

/* A text the output quotes pieces of: s[0..readable) may be read, which
 * for a document is its text and the NUL after it. */
typedef struct quoted {
    const char *s;
    size_t readable;
} quoted;

static quoted doc_text(const nc_doc *doc)
{
    return (quoted){doc->text, doc->len + 1};
}

/* The piece t[start..end) as a JSON string. */
static void put_piece(nci_buf *b, quoted t, size_t start, size_t end)
{
    put_str(b, t.s + start, end - start, t.readable - start);
}

/* A piece that may be missing (start == end): null then. */
static void put_opt_piece(nci_buf *b, quoted t, size_t start, size_t end)
{
    if (end > start)
        put_piece(b, t, start, end);
    else
        NCI_BUF_LIT(b, "null");
}

static const char *const KIND_NAMES[] = {"count", "percent", "money", "year", "date",
                                         "time", "ordinal", "duration", "phone", "identifier"};
static const char *const QUAL_NAMES[] = {"exact", "at_least", "more_than", "at_most",
                                         "less_than", "about", "range", "vague"};

static void put_opt_num(nci_buf *b, int has, double v)
{
    if (has)
        nci_buf_num(b, v);
    else
        NCI_BUF_LIT(b, "null");
}

/* The numbers of the number stage as a JSON array (DESIGN.md, `numbers`). */
/* Whether number x passes a selection of nc_numbers_json_select(). */
static int selected(const nci_number *x, unsigned kinds, unsigned flags)
{
    unsigned k = x->kind < 10 ? x->kind : 0;
    if (kinds && !(kinds & (1u << k)))
        return 0;
    if ((flags & NC_NUMBERS_BOUNDED) &&
        !(x->qualifier == NC_QUAL_AT_LEAST || x->qualifier == NC_QUAL_MORE_THAN || x->qualifier == NC_QUAL_AT_MOST ||
          x->qualifier == NC_QUAL_LESS_THAN || x->qualifier == NC_QUAL_RANGE))
        return 0;
    return 1;
}

static void put_numbers(nci_buf *b, quoted text, const nci_numvec *v, unsigned kinds, unsigned flags)
{
    NCI_BUF_LIT(b, "[");
    int first = 1;
    for (size_t i = 0; i < v->n; i++) {
        const nci_number *x = &v->v[i];
        if (!selected(x, kinds, flags))
            continue;
        if (!first)
            NCI_BUF_LIT(b, ",");
        first = 0;
        NCI_BUF_LIT(b, "{\"start\":");
        nci_buf_int(b, (long long)x->start);
        NCI_BUF_LIT(b, ",\"end\":");
        nci_buf_int(b, (long long)x->end);
        NCI_BUF_LIT(b, ",\"text\":");
        put_piece(b, text, x->start, x->end);
        NCI_BUF_LIT(b, ",\"value\":");
        put_opt_num(b, x->has_value && !x->overflow, x->value);
        NCI_BUF_LIT(b, ",\"low\":");
        put_opt_num(b, x->has_low && !x->overflow, x->low);
        NCI_BUF_LIT(b, ",\"high\":");
        put_opt_num(b, x->has_high && !x->overflow, x->high);
        NCI_BUF_LIT(b, ",\"qualifier\":");
        nci_buf_cstr(b, x->qualifier < 8 ? QUAL_NAMES[x->qualifier] : "exact");
        NCI_BUF_LIT(b, ",\"unit\":");
        nci_buf_cstr(b, x->unit[0] ? x->unit : NULL);
        NCI_BUF_LIT(b, ",\"kind\":");
        nci_buf_cstr(b, x->kind < 10 ? KIND_NAMES[x->kind] : "count");
        NCI_BUF_LIT(b, ",\"vague\":");
        nci_buf_cstr(b, x->vague);
        if (x->overflow) {
            NCI_BUF_LIT(b, ",\"overflow\":true");
        }
        NCI_BUF_LIT(b, "}");
    }
    NCI_BUF_LIT(b, "]");
}

/* The contract's entities: id (1-based), type, name, key, mentions. */
static void put_entities(nci_buf *b, quoted text, const nci_ents *E)
{
    /* Each entity's mentions in text order, chained (first[e], next[i]):
     * one walk over the mentions rather than one per entity. */
    uint32_t *first = malloc((E->ne + E->nm + 1) * sizeof *first), *next = first + E->ne; /* +1: never malloc(0) */
    if (!first) {
        b->oom = 1;
        return;
    }
    for (size_t e = 0; e < E->ne; e++)
        first[e] = UINT32_MAX;
    for (size_t i = E->nm; i-- > 0;) {
        int32_t e = E->m[i].entity;
        if (e >= 0 && (size_t)e < E->ne) {
            next[i] = first[e];
            first[e] = (uint32_t)i;
        }
    }
    NCI_BUF_LIT(b, "[");
    for (size_t e = 0; e < E->ne; e++) {
        const nci_entity *x = &E->e[e];
        const nci_mention *nm = &E->m[x->name_mention];
        if (e)
            NCI_BUF_LIT(b, ",");
        NCI_BUF_LIT(b, "{\"id\":");
        nci_buf_int(b, (long long)e + 1);
        NCI_BUF_LIT(b, ",\"type\":");
        nci_buf_cstr(b, nci_ent_type_name(x->type));
        NCI_BUF_LIT(b, ",\"name\":");
        put_piece(b, text, nm->start, nm->end);
        NCI_BUF_LIT(b, ",\"key\":");
        nci_buf_cstr(b, x->key);
        NCI_BUF_LIT(b, ",\"mentions\":[");
        for (uint32_t i = first[e]; i != UINT32_MAX; i = next[i]) {
            const nci_mention *m = &E->m[i];
            if (i != first[e])
                NCI_BUF_LIT(b, ",");
            NCI_BUF_LIT(b, "{\"start\":");
            nci_buf_int(b, m->start);
            NCI_BUF_LIT(b, ",\"end\":");
            nci_buf_int(b, m->end);
            NCI_BUF_LIT(b, ",\"text\":");
            put_piece(b, text, m->start, m->end);
            NCI_BUF_LIT(b, "}");
        }
        NCI_BUF_LIT(b, "]}");
    }
    NCI_BUF_LIT(b, "]");
    free(first);
}

static void put_entity_ref(nci_buf *b, const nc_doc *doc, int32_t ent)
{
    const nci_ents *E = &doc->ents;
    const nci_mention *nm = &E->m[E->e[ent].name_mention];
    NCI_BUF_LIT(b, "\"name\":");
    put_piece(b, doc_text(doc), nm->start, nm->end);
    NCI_BUF_LIT(b, ",\"entity\":");
    nci_buf_int(b, (long long)ent + 1);
}

static void put_source(nci_buf *b, const nc_doc *doc, int32_t ent, const char *cue)
{
    NCI_BUF_LIT(b, "{");
    put_entity_ref(b, doc, ent);
    NCI_BUF_LIT(b, ",\"type\":");
    nci_buf_cstr(b, nci_ent_type_name(doc->ents.e[ent].type));
    NCI_BUF_LIT(b, ",\"cue\":");
    nci_buf_cstr(b, cue);
    NCI_BUF_LIT(b, "}");
}

/* The contract's claims (DESIGN.md, Output contract). */
static void put_claims(nci_buf *b, const nc_doc *doc)
{
    quoted t = doc_text(doc);
    NCI_BUF_LIT(b, "[");
    for (size_t i = 0; i < doc->claims.n; i++) {
        const nci_claim *c = &doc->claims.v[i];
        const nci_number *x = &doc->numbers.v[c->num];
        const nci_sent *s = &doc->segs.sents[c->sent];
        if (i)
            NCI_BUF_LIT(b, ",");
        NCI_BUF_LIT(b, "{\"id\":");
        nci_buf_int(b, (long long)i + 1);
        NCI_BUF_LIT(b, ",\"start\":");
        nci_buf_int(b, c->start);
        NCI_BUF_LIT(b, ",\"end\":");
        nci_buf_int(b, c->end);
        NCI_BUF_LIT(b, ",\"text\":");
        put_piece(b, t, c->start, c->end);
        NCI_BUF_LIT(b, ",\"sentence\":");
        put_piece(b, t, s->start, s->end);
        /* A claim's bounds are those stated: "at least 18" is 18..18 with
         * qualifier at_least (the qualifier says which way it bounds). */
        int one = x->has_value && !(x->has_low && x->has_high);
        double div = x->minor ? 100 : 1; /* "65 cents" is 0.65 of the currency */
        NCI_BUF_LIT(b, ",\"value\":");
        put_opt_num(b, x->has_value, x->value / div);
        NCI_BUF_LIT(b, ",\"low\":");
        put_opt_num(b, x->has_low || one, (one ? x->value : x->low) / div);
        NCI_BUF_LIT(b, ",\"high\":");
        put_opt_num(b, x->has_high || one, (one ? x->value : x->high) / div);
        NCI_BUF_LIT(b, ",\"vague\":");
        nci_buf_cstr(b, x->vague);
        NCI_BUF_LIT(b, ",\"qualifier\":");
        nci_buf_cstr(b, x->qualifier < 8 ? QUAL_NAMES[x->qualifier] : "exact");
        NCI_BUF_LIT(b, ",\"unit\":");
        nci_buf_cstr(b, x->unit[0] ? x->unit : NULL);
        NCI_BUF_LIT(b, ",\"measure\":");
        put_opt_piece(b, t, c->m_start, c->m_end);
        NCI_BUF_LIT(b, ",\"measure_key\":");
        nci_buf_cstr(b, c->measure_key);
        NCI_BUF_LIT(b, ",\"place\":");
        if (c->place >= 0) {
            NCI_BUF_LIT(b, "{");
            put_entity_ref(b, doc, c->place);
            NCI_BUF_LIT(b, "}");
        } else {
            NCI_BUF_LIT(b, "null");
        }
        NCI_BUF_LIT(b, ",\"time\":");
        if (c->time_start[0]) {
            NCI_BUF_LIT(b, "{\"start\":");
            nci_buf_cstr(b, c->time_start);
            NCI_BUF_LIT(b, ",\"end\":");
            nci_buf_cstr(b, c->time_end);
            NCI_BUF_LIT(b, ",\"text\":");
            put_opt_piece(b, t, c->t_start, c->t_end);
            NCI_BUF_LIT(b, "}");
        } else {
            NCI_BUF_LIT(b, "null");
        }
        NCI_BUF_LIT(b, ",\"source\":");
        if (c->nsources)
            put_source(b, doc, c->sources[0], c->cues[0]);
        else
            NCI_BUF_LIT(b, "null");
        NCI_BUF_LIT(b, ",\"sources\":[");
        for (unsigned k = 0; k < c->nsources; k++) {
            if (k)
                NCI_BUF_LIT(b, ",");
            put_source(b, doc, c->sources[k], c->cues[k]);
        }
        NCI_BUF_LIT(b, "]");
        NCI_BUF_LIT(b, ",\"lang\":");
        nci_buf_cstr(b, doc->lang);
        NCI_BUF_LIT(b, "}");
    }
    NCI_BUF_LIT(b, "]");
}

static nc_status finish(nci_buf *b, char **out, size_t *len, nc_error *err)
{
    if (b->oom) {
        free(b->p);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    *out = b->p;
    if (len)
        *len = b->n;
    return NC_OK;
}

NC_EXPORT nc_status nc_doc_json(const nc_ctx *ctx, nc_doc *doc, unsigned flags, char **out,
                                size_t *len, nc_error *err)
{
    nc_error_clear(err);
    if (!ctx || !doc || !out)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "NULL argument");
    *out = NULL;
    if (flags & ~(unsigned)(NC_JSON_SEGMENTS | NC_JSON_NUMBERS))
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "unknown JSON flags 0x%x", flags);
    nc_status s = nc_doc_extract(ctx, doc, err);
    if (s)
        return s;
    nci_buf b = {0};
    /* Most documents write 2 to 4 bytes per byte of text: room for that
     * at once rather than a dozen doublings from nothing.  Longer ones
     * grow from there. */
    size_t guess = doc->len < ((size_t)1 << 20) ? doc->len : (size_t)1 << 20;
    nci_buf_reserve(&b, 1024 + 3 * guess);
    NCI_BUF_LIT(&b, "{\"id\":");
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_ID));
    NCI_BUF_LIT(&b, ",\"source\":");
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_SOURCE));
    NCI_BUF_LIT(&b, ",\"date\":");
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_DATE));
    NCI_BUF_LIT(&b, ",\"date_inferred\":");
    nci_buf_puts(&b, nc_doc_date_inferred(doc) ? "true" : "false");
    NCI_BUF_LIT(&b, ",\"lang\":");
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_LANG));
    NCI_BUF_LIT(&b, ",\"title\":");
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_TITLE));
    NCI_BUF_LIT(&b, ",\"url\":");
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_URL));
    if (doc->repairs) {
        NCI_BUF_LIT(&b, ",\"repairs\":");
        nci_buf_int(&b, (long long)doc->repairs);
    }
    NCI_BUF_LIT(&b, ",\"entities\":");
    put_entities(&b, doc_text(doc), &doc->ents);
    NCI_BUF_LIT(&b, ",\"claims\":");
    put_claims(&b, doc);
    if (flags & NC_JSON_NUMBERS) {
        NCI_BUF_LIT(&b, ",\"numbers\":");
        put_numbers(&b, doc_text(doc), &doc->numbers, 0, 0);
    }
    if (flags & NC_JSON_SEGMENTS) {
        NCI_BUF_LIT(&b, ",\"sentences\":[");
        for (size_t i = 0; i < doc->segs.nsents; i++) {
            const nci_sent *x = &doc->segs.sents[i];
            if (i)
                NCI_BUF_LIT(&b, ",");
            NCI_BUF_LIT(&b, "{\"start\":");
            nci_buf_int(&b, x->start);
            NCI_BUF_LIT(&b, ",\"end\":");
            nci_buf_int(&b, x->end);
            NCI_BUF_LIT(&b, ",\"text\":");
            put_piece(&b, doc_text(doc), x->start, x->end);
            NCI_BUF_LIT(&b, ",\"furniture\":");
            nci_buf_puts(&b, x->furniture ? "true" : "false");
            NCI_BUF_LIT(&b, ",\"tokens\":[");
            for (uint32_t k = 0; k < x->tok_count; k++) {
                const nci_tok *t = &doc->segs.toks[x->tok_first + k];
                if (k)
                    NCI_BUF_LIT(&b, ",");
                NCI_BUF_LIT(&b, "[");
                nci_buf_int(&b, t->start);
                NCI_BUF_LIT(&b, ",");
                nci_buf_int(&b, t->end);
                NCI_BUF_LIT(&b, "]");
            }
            NCI_BUF_LIT(&b, "]}");
        }
        NCI_BUF_LIT(&b, "]");
    }
    NCI_BUF_LIT(&b, "}");
    return finish(&b, out, len, err);
}

NC_EXPORT nc_status nc_numbers_json(const nc_ctx *ctx, const char *text, size_t len,
                                    const char *lang, char **out, size_t *outlen, nc_error *err)
{
    return nc_numbers_json_select(ctx, text, len, lang, 0, 0, out, outlen, err);
}

NC_EXPORT nc_status nc_numbers_json_select(const nc_ctx *ctx, const char *text, size_t len,
                                           const char *lang, unsigned kinds, unsigned flags,
                                           char **out, size_t *outlen, nc_error *err)
{
    nc_error_clear(err);
    if (!ctx || !out || (!text && len))
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "NULL argument");
    if (kinds >> 10 || flags & ~(unsigned)NC_NUMBERS_BOUNDED)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "unknown kinds 0x%x or flags 0x%x", kinds, flags);
    *out = NULL;
    if (!text)
        text = "";
    if (!lang)
        lang = "en";
    if (strcmp(lang, "en") && strcmp(lang, "es"))
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "unsupported language \"%s\"", lang);
    size_t bad = nci_utf8_check(text, len);
    if (bad < len) {
        int64_t line, col;
        nci_line_col(text, len, bad, &line, &col);
        return nci_error_set(err, NC_EUTF8, (int64_t)bad, line, col, "invalid UTF-8 (byte 0x%02X)",
                             (unsigned char)text[bad]);
    }
    nci_numvec v = {0};
    nc_status s = nci_numbers_scan(ctx->numlex, text, 0, len, lang, &v);
    if (s) {
        nci_numvec_free(&v);
        return nci_error_set(err, s, -1, 0, 0, NULL);
    }
    nci_buf b = {0};
    put_numbers(&b, (quoted){text, len}, &v, kinds, flags);
    nci_numvec_free(&v);
    return finish(&b, out, outlen, err);
}
