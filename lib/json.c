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

enum { SLACK = 1 + 16 }; /* the closing quote, the plain copy's overrun */

/* The rest of a string from its first byte the plain copy stopped at,
 * s[i], at o (room made for the rest as it is and the slack): escapes and
 * the plain runs between them.  The cursor past it, NULL on oom. */
static char *escapes_at(nci_buf *b, char *o, const char *s, size_t i, size_t n, size_t avail)
{
    do {
        char esc[6];
        size_t skip, k = escape(s, i, n, esc, &skip);
        if (!k) {
            *o++ = s[i++];
            continue;
        }
        b->n = (size_t)(o - b->p);
        if (!(o = nci_buf_room(b, k + (n - i - skip) + SLACK)))
            return NULL;
        memcpy(o, esc, k);
        o += k;
        i += skip;
    } while ((i = nci_json_copy_plain(&o, s, i, n, avail, 1)) < n);
    return o;
}

/* s[0..n) as a JSON string at o, a cursor into b (b->n is stale until
 * set from it); s[0..avail) may be read (avail >= n).  Returns the cursor
 * past the closing quote, or NULL (oom).  Room for the string as it is,
 * the closing quote and the copy's slack; escapes_at() makes more.  The
 * copy stops at 0xE2 too, the lead byte of U+2028/2029, looked at closer. */
static inline char *str_at(nci_buf *b, char *o, const char *s, size_t n, size_t avail)
{
    b->n = (size_t)(o - b->p);
    if (!(o = nci_buf_room(b, 1 + n + SLACK)))
        return NULL;
    *o++ = '"';
    size_t i = nci_json_copy_plain(&o, s, 0, n, avail, 1);
    if (i < n && !(o = escapes_at(b, o, s, i, n, avail)))
        return NULL;
    *o++ = '"';
    return o;
}

/* Ends a run of cursor writes: b takes the cursor (NULL: oom, b stays). */
static void done_at(nci_buf *b, char *o)
{
    if (!o)
        return;
    *o = '\0';
    b->n = (size_t)(o - b->p);
}

static void put_str(nci_buf *b, const char *s, size_t n, size_t avail)
{
    char *o = nci_buf_room(b, 0);
    if (o)
        done_at(b, str_at(b, o, s, n, avail));
}

/* Room for n more bytes after cursor o: the cursor, NULL on oom. */
static char *more(nci_buf *b, char *o, size_t n)
{
    if (!o)
        return NULL;
    b->n = (size_t)(o - b->p);
    return nci_buf_room(b, n);
}

/* A literal at cursor o (with room for it): the cursor past it. */
#define LIT_AT(o, lit) (memcpy((o), "" lit, sizeof(lit) - 1), (o) + sizeof(lit) - 1)

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
static inline char *digits_before(char *end, unsigned long long u)
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

/* The digits of u at o (room for 20): the cursor past them.  Written
 * backwards into a scratch buffer, then moved with one copy of a fixed
 * size, which costs less than counting them first (offsets are most of
 * the numbers of the output); the bytes copied past the digits are
 * scratch, written over next. */
static char *uint_at(char *o, unsigned long long u)
{
    char tmp[40]; /* the digits end at tmp + 20; 20 bytes from their start stay inside */
    char *p = digits_before(tmp + 20, u);
    memcpy(o, p, 20);
    return o + (tmp + 20 - p);
}

static char *int_at(char *o, long long v)
{
    if (v < 0)
        *o++ = '-';
    return uint_at(o, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

void nci_buf_int(nci_buf *b, long long v)
{
    char *p = nci_buf_room(b, 20);
    if (p)
        done_at(b, int_at(p, v));
}

/* Writes v (finite, not integral) when it is the double nearest to a
 * decimal m / 10^k with k <= 6 and |m| < 10^15 (m not a multiple of 10^k,
 * v not being integral), as "%.15g" would: such a decimal is what "%.15g"
 * rounds v to (v is within half an ulp of it, far less than half a unit
 * of its 15th digit), it reads back as v, and it lies in [1e-4, 1e14),
 * printed without exponent.  Most amounts are like that ("2.5", "0.65"),
 * and printf costs a hundred times more.  Returns NULL, writing nothing,
 * for the others. */
static char *short_decimal_at(char *o, double v)
{
    static const double P10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(v);
    if (!(a >= 1e-4 && a < 1e14))
        return NULL;
    for (int k = 1; k <= 6; k++) {
        double x = a * P10[k] + 0.5;
        if (x >= 1e15)
            return NULL;
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
        memcpy(o, p, (size_t)(end - p));
        return o + (end - p);
    }
    return NULL;
}

/* NUM_ROOM: the most num_at() writes ("%.17g" of a double: 24 bytes). */
enum { NUM_ROOM = 32 };
static char *num_at(char *o, double v)
{
    if (!isfinite(v))
        return LIT_AT(o, "null");
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return int_at(o, (long long)v);
    char *e = short_decimal_at(o, v);
    if (e)
        return e;
    char tmp[40];
    int k = snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        k = snprintf(tmp, sizeof tmp, "%.17g", v);
    memcpy(o, tmp, (size_t)k);
    return o + k;
}

void nci_buf_num(nci_buf *b, double v)
{
    char *p = nci_buf_room(b, NUM_ROOM);
    if (p)
        done_at(b, num_at(p, v));
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

/* The writers below run at a cursor o into b (NULL after an oom, which
 * they pass on): str_at and those taking b make room for what they write,
 * the others (LIT_AT, int_at, num_at) write into room made by more(). */

/* The piece t[start..end) as a JSON string. */
static char *piece_at(nci_buf *b, char *o, quoted t, size_t start, size_t end)
{
    return o ? str_at(b, o, t.s + start, end - start, t.readable - start) : NULL;
}

/* A piece that may be missing (start == end): null then. */
static char *opt_piece_at(nci_buf *b, char *o, quoted t, size_t start, size_t end)
{
    if (end > start)
        return piece_at(b, o, t, start, end);
    return (o = more(b, o, 4)) ? LIT_AT(o, "null") : NULL;
}

/* A C string (NULL: null).  Mostly short keys and names, which may not be
 * read past their NUL: copied byte by byte up to the NUL (a stop byte
 * too), the general path taking over at a byte to look at closer. */
static char *cstr_at(nci_buf *b, char *o, const char *s)
{
    if (!s)
        return (o = more(b, o, 4)) ? LIT_AT(o, "null") : NULL;
    size_t n = strlen(s), i = 0;
    if (!(o = more(b, o, n + 2)))
        return NULL;
    o[0] = '"';
    while (!(nci_json_stop[(unsigned char)s[i]] & 3)) {
        o[1 + i] = s[i];
        i++;
    }
    if (i < n)
        return str_at(b, o, s, n, n);
    o[1 + n] = '"';
    return o + n + 2;
}

/* A name of the library's own (a type, a qualifier, a language code:
 * plain ASCII, at most NAME_ROOM - 2 bytes) at o, with room for it. */
enum { NAME_ROOM = 16 };
static char *name_at(char *o, const char *s)
{
    *o++ = '"';
    while (*s)
        *o++ = *s++;
    *o++ = '"';
    return o;
}

static const char *const KIND_NAMES[] = {"count", "percent", "money", "year", "date",
                                         "time", "ordinal", "duration", "phone", "identifier"};
static const char *const QUAL_NAMES[] = {"exact", "at_least", "more_than", "at_most",
                                         "less_than", "about", "range", "vague"};

static char *opt_num_at(char *o, int has, double v)
{
    return has ? num_at(o, v) : LIT_AT(o, "null");
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

static char *number_at(nci_buf *b, char *o, quoted text, const nci_number *x, int comma)
{
    if (!(o = more(b, o, 64)))
        return NULL;
    if (comma)
        *o++ = ',';
    o = LIT_AT(o, "{\"start\":");
    o = uint_at(o, x->start);
    o = LIT_AT(o, ",\"end\":");
    o = uint_at(o, x->end);
    o = LIT_AT(o, ",\"text\":");
    if (!(o = more(b, piece_at(b, o, text, x->start, x->end), 3 * NUM_ROOM + 64 + NAME_ROOM)))
        return NULL;
    o = LIT_AT(o, ",\"value\":");
    o = opt_num_at(o, x->has_value && !x->overflow, x->value);
    o = LIT_AT(o, ",\"low\":");
    o = opt_num_at(o, x->has_low && !x->overflow, x->low);
    o = LIT_AT(o, ",\"high\":");
    o = opt_num_at(o, x->has_high && !x->overflow, x->high);
    o = LIT_AT(o, ",\"qualifier\":");
    o = name_at(o, x->qualifier < 8 ? QUAL_NAMES[x->qualifier] : "exact");
    o = LIT_AT(o, ",\"unit\":");
    if (!(o = more(b, cstr_at(b, o, x->unit[0] ? x->unit : NULL), 8 + NAME_ROOM + 16)))
        return NULL;
    o = LIT_AT(o, ",\"kind\":");
    o = name_at(o, x->kind < 10 ? KIND_NAMES[x->kind] : "count");
    o = LIT_AT(o, ",\"vague\":");
    o = cstr_at(b, o, x->vague);
    if (!(o = more(b, o, 24)))
        return NULL;
    if (x->overflow)
        o = LIT_AT(o, ",\"overflow\":true");
    *o++ = '}';
    return o;
}

static void put_numbers(nci_buf *b, quoted text, const nci_numvec *v, unsigned kinds, unsigned flags)
{
    char *o = nci_buf_room(b, 1);
    if (!o)
        return;
    *o++ = '[';
    int first = 1;
    for (size_t i = 0; i < v->n; i++) {
        const nci_number *x = &v->v[i];
        if (!selected(x, kinds, flags))
            continue;
        o = number_at(b, o, text, x, !first);
        first = 0;
    }
    if ((o = more(b, o, 1)))
        *o++ = ']';
    done_at(b, o);
}

/* One entity of the contract: id (1-based), type, name, key, mentions;
 * first and next chain the entity's mentions. */
static char *entity_at(nci_buf *b, char *o, quoted text, const nci_ents *E, size_t e, const uint32_t *first,
                       const uint32_t *next)
{
    const nci_entity *x = &E->e[e];
    const nci_mention *nm = &E->m[x->name_mention];
    if (!(o = more(b, o, 48 + NAME_ROOM)))
        return NULL;
    if (e)
        *o++ = ',';
    o = LIT_AT(o, "{\"id\":");
    o = uint_at(o, e + 1);
    o = LIT_AT(o, ",\"type\":");
    o = name_at(o, nci_ent_type_name(x->type));
    o = LIT_AT(o, ",\"name\":");
    if (!(o = more(b, piece_at(b, o, text, nm->start, nm->end), 16)))
        return NULL;
    o = LIT_AT(o, ",\"key\":");
    if (!(o = more(b, cstr_at(b, o, x->key), 16)))
        return NULL;
    o = LIT_AT(o, ",\"mentions\":[");
    for (uint32_t i = first[e]; i != UINT32_MAX; i = next[i]) {
        const nci_mention *m = &E->m[i];
        if (!(o = more(b, o, 64)))
            return NULL;
        if (i != first[e])
            *o++ = ',';
        o = LIT_AT(o, "{\"start\":");
        o = uint_at(o, m->start);
        o = LIT_AT(o, ",\"end\":");
        o = uint_at(o, m->end);
        o = LIT_AT(o, ",\"text\":");
        if (!(o = more(b, piece_at(b, o, text, m->start, m->end), 1)))
            return NULL;
        *o++ = '}';
    }
    if ((o = more(b, o, 2)))
        o = LIT_AT(o, "]}");
    return o;
}

/* The contract's entities, each entity's mentions in text order. */
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
    char *o = nci_buf_room(b, 1);
    if (o) {
        *o++ = '[';
        for (size_t e = 0; e < E->ne; e++)
            o = entity_at(b, o, text, E, e, first, next);
        if ((o = more(b, o, 1)))
            *o++ = ']';
        done_at(b, o);
    }
    free(first);
}

/* "name": the entity's name as written, "entity": its id. */
static char *entity_ref_at(nci_buf *b, char *o, const nc_doc *doc, int32_t ent)
{
    const nci_ents *E = &doc->ents;
    const nci_mention *nm = &E->m[E->e[ent].name_mention];
    if (!(o = more(b, o, 8)))
        return NULL;
    o = LIT_AT(o, "\"name\":");
    if (!(o = more(b, piece_at(b, o, doc_text(doc), nm->start, nm->end), 32)))
        return NULL;
    o = LIT_AT(o, ",\"entity\":");
    return uint_at(o, (unsigned long long)ent + 1);
}

static char *source_at(nci_buf *b, char *o, const nc_doc *doc, int32_t ent, const char *cue)
{
    if (!(o = more(b, o, 1)))
        return NULL;
    *o++ = '{';
    if (!(o = more(b, entity_ref_at(b, o, doc, ent), 16 + NAME_ROOM)))
        return NULL;
    o = LIT_AT(o, ",\"type\":");
    o = name_at(o, nci_ent_type_name(doc->ents.e[ent].type));
    o = LIT_AT(o, ",\"cue\":");
    if (!(o = more(b, cstr_at(b, o, cue), 1)))
        return NULL;
    *o++ = '}';
    return o;
}

/* Where something written for a claim stands in the buffer, to be copied
 * when the next claim has the same: the place object (most figures of a
 * document share its main place), the sentence string (of the figures of
 * one sentence).  what: the place's entity or the sentence's index. */
typedef struct {
    int64_t what; /* -1: none yet */
    size_t at, n;
} written;

/* A copy of w at o, room for after more bytes after it. */
static char *copy_at(nci_buf *b, char *o, const written *w, size_t after)
{
    if (!(o = more(b, o, w->n + after)))
        return NULL;
    return (char *)memcpy(o, b->p + w->at, w->n) + w->n;
}

/* One claim of the contract (DESIGN.md, Output contract); place, sent:
 * the place object and the sentence last written. */
static char *claim_at(nci_buf *b, char *o, const nc_doc *doc, size_t i, written *place, written *sent)
{
    quoted t = doc_text(doc);
    const nci_claim *c = &doc->claims.v[i];
    const nci_number *x = &doc->numbers.v[c->num];
    const nci_sent *s = &doc->segs.sents[c->sent];
    if (!(o = more(b, o, 128)))
        return NULL;
    if (i)
        *o++ = ',';
    o = LIT_AT(o, "{\"id\":");
    o = uint_at(o, i + 1);
    o = LIT_AT(o, ",\"start\":");
    o = uint_at(o, c->start);
    o = LIT_AT(o, ",\"end\":");
    o = uint_at(o, c->end);
    o = LIT_AT(o, ",\"text\":");
    if (!(o = more(b, piece_at(b, o, t, c->start, c->end), 16)))
        return NULL;
    o = LIT_AT(o, ",\"sentence\":");
    if (c->sent == sent->what) {
        o = copy_at(b, o, sent, 0);
    } else {
        size_t from = (size_t)(o - b->p);
        if ((o = piece_at(b, o, t, s->start, s->end)))
            *sent = (written){c->sent, from, (size_t)(o - b->p) - from};
    }
    if (!(o = more(b, o, 3 * NUM_ROOM + 64)))
        return NULL;
    /* A claim's bounds are those stated: "at least 18" is 18..18 with
     * qualifier at_least (the qualifier says which way it bounds). */
    int one = x->has_value && !(x->has_low && x->has_high);
    double div = x->minor ? 100 : 1; /* "65 cents" is 0.65 of the currency */
    o = LIT_AT(o, ",\"value\":");
    char *value = o;
    o = opt_num_at(o, x->has_value, x->value / div);
    size_t vn = (size_t)(o - value);
    o = LIT_AT(o, ",\"low\":");
    if (one) /* low and high are the value: its digits again */
        o = (char *)memcpy(o, value, vn) + vn;
    else
        o = opt_num_at(o, x->has_low, x->low / div);
    o = LIT_AT(o, ",\"high\":");
    if (one)
        o = (char *)memcpy(o, value, vn) + vn;
    else
        o = opt_num_at(o, x->has_high, x->high / div);
    o = LIT_AT(o, ",\"vague\":");
    if (!(o = more(b, cstr_at(b, o, x->vague), 24 + NAME_ROOM)))
        return NULL;
    o = LIT_AT(o, ",\"qualifier\":");
    o = name_at(o, x->qualifier < 8 ? QUAL_NAMES[x->qualifier] : "exact");
    o = LIT_AT(o, ",\"unit\":");
    if (!(o = more(b, cstr_at(b, o, x->unit[0] ? x->unit : NULL), 32)))
        return NULL;
    o = LIT_AT(o, ",\"measure\":");
    if (!(o = more(b, opt_piece_at(b, o, t, c->m_start, c->m_end), 32)))
        return NULL;
    o = LIT_AT(o, ",\"measure_key\":");
    /* room for the place and time when both are null, and "source": */
    /* the keys of the claims after it may be read too */
    const nci_claims *C = &doc->claims;
    if (!(o = more(b, str_at(b, o, C->keys + c->key, c->key_len, C->nkeys - c->key), 64)))
        return NULL;
    o = LIT_AT(o, ",\"place\":");
    if (c->place >= 0 && c->place == place->what) {
        if (!(o = copy_at(b, o, place, 32)))
            return NULL;
    } else if (c->place >= 0) {
        size_t at = (size_t)(o - b->p);
        *o++ = '{';
        if (!(o = more(b, entity_ref_at(b, o, doc, c->place), 32)))
            return NULL;
        *o++ = '}';
        *place = (written){c->place, at, (size_t)(o - b->p) - at};
    } else {
        o = LIT_AT(o, "null");
    }
    o = LIT_AT(o, ",\"time\":");
    if (c->time_start[0]) {
        o = LIT_AT(o, "{\"start\":");
        if (!(o = more(b, cstr_at(b, o, c->time_start), 32)))
            return NULL;
        o = LIT_AT(o, ",\"end\":");
        if (!(o = more(b, cstr_at(b, o, c->time_end), 32)))
            return NULL;
        o = LIT_AT(o, ",\"text\":");
        if (!(o = more(b, opt_piece_at(b, o, t, c->t_start, c->t_end), 32)))
            return NULL;
        *o++ = '}';
    } else {
        o = LIT_AT(o, "null");
    }
    o = LIT_AT(o, ",\"source\":");
    size_t first = (size_t)(o - b->p); /* the first source, written again first in "sources" */
    if (c->nsources)
        o = source_at(b, o, doc, c->sources[0], c->cues[0]);
    else
        o = LIT_AT(o, "null");
    if (!o)
        return NULL;
    size_t nfirst = (size_t)(o - b->p) - first;
    if (!(o = more(b, o, 16 + nfirst)))
        return NULL;
    o = LIT_AT(o, ",\"sources\":[");
    if (c->nsources) {
        memcpy(o, b->p + first, nfirst);
        o += nfirst;
    }
    for (unsigned k = 1; k < c->nsources; k++) {
        if ((o = more(b, o, 1)))
            *o++ = ',';
        o = source_at(b, o, doc, c->sources[k], c->cues[k]);
    }
    if (!(o = more(b, o, 16 + NAME_ROOM)))
        return NULL;
    o = LIT_AT(o, "],\"lang\":");
    o = name_at(o, doc->lang); /* "en" or "es" */
    *o++ = '}';
    return o;
}

static void put_claims(nci_buf *b, const nc_doc *doc)
{
    char *o = nci_buf_room(b, 1);
    if (!o)
        return;
    *o++ = '[';
    written place = {-1, 0, 0}, sent = {-1, 0, 0};
    for (size_t i = 0; i < doc->claims.n; i++)
        o = claim_at(b, o, doc, i, &place, &sent);
    if ((o = more(b, o, 1)))
        *o++ = ']';
    done_at(b, o);
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
            put_str(&b, doc->text + x->start, x->end - x->start, doc->len + 1 - x->start);
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
