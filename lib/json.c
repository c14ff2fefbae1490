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

/* Bytes a JSON string can't hold as they are: '"', '\\', control
 * characters; and 0xE2, the lead byte of U+2028/2029, looked at closer. */
static const unsigned char SPECIAL[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    ['"'] = 1, ['\\'] = 1, [0xE2] = 1};

void nci_buf_str(nci_buf *b, const char *s, size_t n)
{
    if (!s) {
        nci_buf_put(b, "null", 4);
        return;
    }
    nci_buf_put(b, "\"", 1);
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !SPECIAL[(unsigned char)s[run]])
            run++;
        nci_buf_put(b, s + i, run - i);
        if (run >= n)
            break;
        unsigned char c = (unsigned char)s[run];
        char ubuf[8];
        const char *esc = ubuf;
        size_t skip = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20)
            snprintf(ubuf, sizeof ubuf, "\\u%04x", c);
        else if (run + 2 < n && (unsigned char)s[run + 1] == 0x80 &&
                 ((unsigned char)s[run + 2] == 0xA8 || (unsigned char)s[run + 2] == 0xA9)) {
            /* U+2028/2029 are valid JSON but break JavaScript readers. */
            esc = (unsigned char)s[run + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        } else {
            esc = NULL; /* another character with lead byte 0xE2: as it is */
        }
        if (esc)
            nci_buf_puts(b, esc);
        else
            nci_buf_put(b, s + run, 1);
        i = run + skip;
    }
    nci_buf_put(b, "\"", 1);
}

void nci_buf_cstr(nci_buf *b, const char *s)
{
    nci_buf_str(b, s, s ? strlen(s) : 0);
}

size_t nci_fmt_int(char out[24], long long v)
{
    size_t k = 24;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        out[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        out[--k] = '-';
    return 24 - k;
}

void nci_buf_int(nci_buf *b, long long v)
{
    /* without printf: offsets are most of the numbers of the output */
    char tmp[24];
    size_t n = nci_fmt_int(tmp, v);
    nci_buf_put(b, tmp + 24 - n, n);
}

void nci_buf_num(nci_buf *b, double v)
{
    char tmp[40];
    if (!isfinite(v)) {
        nci_buf_put(b, "null", 4);
        return;
    }
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        nci_buf_int(b, (long long)v);
        return;
    }
    int k = snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v)
        k = snprintf(tmp, sizeof tmp, "%.17g", v);
    nci_buf_put(b, tmp, (size_t)k);
}

/* ---------------------------------------------------------------- contract */

static const char *const KIND_NAMES[] = {"count", "percent", "money", "year", "date",
                                         "time", "ordinal", "duration", "phone", "identifier"};
static const char *const QUAL_NAMES[] = {"exact", "at_least", "more_than", "at_most",
                                         "less_than", "about", "range", "vague"};

/* A key of an object: `"k":`, after a comma unless it is the first. */
static void key(nci_buf *b, const char *k, int first)
{
    size_t n = strlen(k);
    if (b->n + n + 5 > b->cap && nci_buf_reserve(b, n + 4))
        return;
    char *p = b->p + b->n;
    if (!first)
        *p++ = ',';
    *p++ = '"';
    memcpy(p, k, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    *p = '\0';
    b->n = (size_t)(p - b->p);
}

static void put_opt_num(nci_buf *b, int has, double v)
{
    if (has)
        nci_buf_num(b, v);
    else
        nci_buf_put(b, "null", 4);
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

static void put_numbers(nci_buf *b, const char *text, const nci_numvec *v, unsigned kinds, unsigned flags)
{
    nci_buf_put(b, "[", 1);
    int first = 1;
    for (size_t i = 0; i < v->n; i++) {
        const nci_number *x = &v->v[i];
        if (!selected(x, kinds, flags))
            continue;
        if (!first)
            nci_buf_put(b, ",", 1);
        first = 0;
        nci_buf_put(b, "{", 1);
        key(b, "start", 1);
        nci_buf_int(b, (long long)x->start);
        key(b, "end", 0);
        nci_buf_int(b, (long long)x->end);
        key(b, "text", 0);
        nci_buf_str(b, text + x->start, x->end - x->start);
        key(b, "value", 0);
        put_opt_num(b, x->has_value && !x->overflow, x->value);
        key(b, "low", 0);
        put_opt_num(b, x->has_low && !x->overflow, x->low);
        key(b, "high", 0);
        put_opt_num(b, x->has_high && !x->overflow, x->high);
        key(b, "qualifier", 0);
        nci_buf_cstr(b, x->qualifier < 8 ? QUAL_NAMES[x->qualifier] : "exact");
        key(b, "unit", 0);
        nci_buf_cstr(b, x->unit[0] ? x->unit : NULL);
        key(b, "kind", 0);
        nci_buf_cstr(b, x->kind < 10 ? KIND_NAMES[x->kind] : "count");
        key(b, "vague", 0);
        nci_buf_cstr(b, x->vague);
        if (x->overflow) {
            key(b, "overflow", 0);
            nci_buf_puts(b, "true");
        }
        nci_buf_put(b, "}", 1);
    }
    nci_buf_put(b, "]", 1);
}

/* The contract's entities: id (1-based), type, name, key, mentions. */
static void put_entities(nci_buf *b, const char *text, const nci_ents *E)
{
    nci_buf_put(b, "[", 1);
    for (size_t e = 0; e < E->ne; e++) {
        const nci_entity *x = &E->e[e];
        const nci_mention *nm = &E->m[x->name_mention];
        if (e)
            nci_buf_put(b, ",", 1);
        nci_buf_put(b, "{", 1);
        key(b, "id", 1);
        nci_buf_int(b, (long long)e + 1);
        key(b, "type", 0);
        nci_buf_cstr(b, nci_ent_type_name(x->type));
        key(b, "name", 0);
        nci_buf_str(b, text + nm->start, nm->end - nm->start);
        key(b, "key", 0);
        nci_buf_cstr(b, x->key);
        key(b, "mentions", 0);
        nci_buf_put(b, "[", 1);
        int first = 1;
        for (size_t i = 0; i < E->nm; i++) {
            const nci_mention *m = &E->m[i];
            if (m->entity != (int32_t)e)
                continue;
            if (!first)
                nci_buf_put(b, ",", 1);
            first = 0;
            nci_buf_put(b, "{", 1);
            key(b, "start", 1);
            nci_buf_int(b, m->start);
            key(b, "end", 0);
            nci_buf_int(b, m->end);
            key(b, "text", 0);
            nci_buf_str(b, text + m->start, m->end - m->start);
            nci_buf_put(b, "}", 1);
        }
        nci_buf_put(b, "]}", 2);
    }
    nci_buf_put(b, "]", 1);
}

static void put_entity_ref(nci_buf *b, const nc_doc *doc, int32_t ent)
{
    const nci_ents *E = &doc->ents;
    const nci_mention *nm = &E->m[E->e[ent].name_mention];
    key(b, "name", 1);
    nci_buf_str(b, doc->text + nm->start, nm->end - nm->start);
    key(b, "entity", 0);
    nci_buf_int(b, (long long)ent + 1);
}

static void put_source(nci_buf *b, const nc_doc *doc, int32_t ent, const char *cue)
{
    nci_buf_put(b, "{", 1);
    put_entity_ref(b, doc, ent);
    key(b, "type", 0);
    nci_buf_cstr(b, nci_ent_type_name(doc->ents.e[ent].type));
    key(b, "cue", 0);
    nci_buf_cstr(b, cue);
    nci_buf_put(b, "}", 1);
}

/* The contract's claims (DESIGN.md, Output contract). */
static void put_claims(nci_buf *b, const nc_doc *doc)
{
    const char *t = doc->text;
    nci_buf_put(b, "[", 1);
    for (size_t i = 0; i < doc->claims.n; i++) {
        const nci_claim *c = &doc->claims.v[i];
        const nci_number *x = &doc->numbers.v[c->num];
        const nci_sent *s = &doc->segs.sents[c->sent];
        if (i)
            nci_buf_put(b, ",", 1);
        nci_buf_put(b, "{", 1);
        key(b, "id", 1);
        nci_buf_int(b, (long long)i + 1);
        key(b, "start", 0);
        nci_buf_int(b, c->start);
        key(b, "end", 0);
        nci_buf_int(b, c->end);
        key(b, "text", 0);
        nci_buf_str(b, t + c->start, c->end - c->start);
        key(b, "sentence", 0);
        nci_buf_str(b, t + s->start, s->end - s->start);
        /* A claim's bounds are those stated: "at least 18" is 18..18 with
         * qualifier at_least (the qualifier says which way it bounds). */
        int one = x->has_value && !(x->has_low && x->has_high);
        double div = x->minor ? 100 : 1; /* "65 cents" is 0.65 of the currency */
        key(b, "value", 0);
        put_opt_num(b, x->has_value, x->value / div);
        key(b, "low", 0);
        put_opt_num(b, x->has_low || one, (one ? x->value : x->low) / div);
        key(b, "high", 0);
        put_opt_num(b, x->has_high || one, (one ? x->value : x->high) / div);
        key(b, "vague", 0);
        nci_buf_cstr(b, x->vague);
        key(b, "qualifier", 0);
        nci_buf_cstr(b, x->qualifier < 8 ? QUAL_NAMES[x->qualifier] : "exact");
        key(b, "unit", 0);
        nci_buf_cstr(b, x->unit[0] ? x->unit : NULL);
        key(b, "measure", 0);
        nci_buf_str(b, c->m_end > c->m_start ? t + c->m_start : NULL, c->m_end - c->m_start);
        key(b, "measure_key", 0);
        nci_buf_cstr(b, c->measure_key);
        key(b, "place", 0);
        if (c->place >= 0) {
            nci_buf_put(b, "{", 1);
            put_entity_ref(b, doc, c->place);
            nci_buf_put(b, "}", 1);
        } else {
            nci_buf_puts(b, "null");
        }
        key(b, "time", 0);
        if (c->time_start[0]) {
            nci_buf_put(b, "{", 1);
            key(b, "start", 1);
            nci_buf_cstr(b, c->time_start);
            key(b, "end", 0);
            nci_buf_cstr(b, c->time_end);
            key(b, "text", 0);
            nci_buf_str(b, c->t_end > c->t_start ? t + c->t_start : NULL, c->t_end - c->t_start);
            nci_buf_put(b, "}", 1);
        } else {
            nci_buf_puts(b, "null");
        }
        key(b, "source", 0);
        if (c->nsources)
            put_source(b, doc, c->sources[0], c->cues[0]);
        else
            nci_buf_puts(b, "null");
        key(b, "sources", 0);
        nci_buf_put(b, "[", 1);
        for (unsigned k = 0; k < c->nsources; k++) {
            if (k)
                nci_buf_put(b, ",", 1);
            put_source(b, doc, c->sources[k], c->cues[k]);
        }
        nci_buf_put(b, "]", 1);
        key(b, "lang", 0);
        nci_buf_cstr(b, doc->lang);
        nci_buf_put(b, "}", 1);
    }
    nci_buf_put(b, "]", 1);
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
    nci_buf_put(&b, "{", 1);
    key(&b, "id", 1);
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_ID));
    key(&b, "source", 0);
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_SOURCE));
    key(&b, "date", 0);
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_DATE));
    key(&b, "date_inferred", 0);
    nci_buf_puts(&b, nc_doc_date_inferred(doc) ? "true" : "false");
    key(&b, "lang", 0);
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_LANG));
    key(&b, "title", 0);
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_TITLE));
    key(&b, "url", 0);
    nci_buf_cstr(&b, nc_doc_meta(doc, NC_META_URL));
    if (doc->repairs) {
        key(&b, "repairs", 0);
        nci_buf_int(&b, (long long)doc->repairs);
    }
    key(&b, "entities", 0);
    put_entities(&b, doc->text, &doc->ents);
    key(&b, "claims", 0);
    put_claims(&b, doc);
    if (flags & NC_JSON_NUMBERS) {
        key(&b, "numbers", 0);
        put_numbers(&b, doc->text, &doc->numbers, 0, 0);
    }
    if (flags & NC_JSON_SEGMENTS) {
        key(&b, "sentences", 0);
        nci_buf_put(&b, "[", 1);
        for (size_t i = 0; i < doc->segs.nsents; i++) {
            const nci_sent *x = &doc->segs.sents[i];
            if (i)
                nci_buf_put(&b, ",", 1);
            nci_buf_put(&b, "{", 1);
            key(&b, "start", 1);
            nci_buf_int(&b, x->start);
            key(&b, "end", 0);
            nci_buf_int(&b, x->end);
            key(&b, "text", 0);
            nci_buf_str(&b, doc->text + x->start, x->end - x->start);
            key(&b, "furniture", 0);
            nci_buf_puts(&b, x->furniture ? "true" : "false");
            key(&b, "tokens", 0);
            nci_buf_put(&b, "[", 1);
            for (uint32_t k = 0; k < x->tok_count; k++) {
                const nci_tok *t = &doc->segs.toks[x->tok_first + k];
                if (k)
                    nci_buf_put(&b, ",", 1);
                nci_buf_put(&b, "[", 1);
                nci_buf_int(&b, t->start);
                nci_buf_put(&b, ",", 1);
                nci_buf_int(&b, t->end);
                nci_buf_put(&b, "]", 1);
            }
            nci_buf_put(&b, "]}", 2);
        }
        nci_buf_put(&b, "]", 1);
    }
    nci_buf_put(&b, "}", 1);
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
    put_numbers(&b, text, &v, kinds, flags);
    nci_numvec_free(&v);
    return finish(&b, out, outlen, err);
}
