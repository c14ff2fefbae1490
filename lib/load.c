/* Load stage: decoding and validation, metadata, then the segment stage and
 * the publication date. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "ctx.h"
#include "dates.h"
#include "doc.h"
#include "json.h"
#include "load.h"
#include "utf8.h"

/* Telling English from Spanish: count the most frequent function words of
 * each language (articles, prepositions, conjunctions, which any grammar
 * lists) among the first LANG_SAMPLE short words.  Words both languages use
 * ("a", "no") are left out. */
static const char *const EN_WORDS[] = {"the", "of", "and", "to", "is", "was", "that", "for",
                                       "on", "with", "said", "has", "have", "by", NULL};
static const char *const ES_WORDS[] = {"el", "la", "de", "que", "los", "las", "y", "del", "por",
                                       "un", "una", "se", "con", "para", "es", "al", "en", NULL};
#define LANG_SAMPLE 400

nc_status nci_langwords_new(nci_wordset **out)
{
    nci_wordset *ws = nci_wordset_new(64);
    if (!ws)
        return NC_ENOMEM;
    for (int k = 0; EN_WORDS[k]; k++)
        nci_wordset_add(ws, EN_WORDS[k], strlen(EN_WORDS[k]), 1);
    for (int k = 0; ES_WORDS[k]; k++)
        nci_wordset_add(ws, ES_WORDS[k], strlen(ES_WORDS[k]), 2);
    *out = ws;
    return NC_OK;
}

const char *nci_detect_lang(const nci_wordset *langwords, const nc_doc *doc)
{
    size_t votes[3] = {0, 0, 0}, words = 0;
    for (size_t i = 0; i < doc->segs.ntoks && words < LANG_SAMPLE; i++) {
        const nci_tok *t = &doc->segs.toks[i];
        size_t n = t->end - t->start;
        if (t->kind != NC_TOKEN_WORD || n > 4)
            continue;
        words++;
        votes[nci_wordset_get(langwords, doc->text + t->start, n)]++;
        /* a clear lead settles it: 20 more votes and three times as many */
        if ((votes[1] >= votes[2] + 20 && votes[1] >= 3 * votes[2]) ||
            (votes[2] >= votes[1] + 20 && votes[2] >= 3 * votes[1]))
            break;
    }
    return votes[2] > votes[1] ? "es" : "en";
}

nc_doc *nci_doc_new(char *text, size_t len)
{
    nc_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->text = text;
    d->len = len;
    d->lang = d->detected_lang = "en";
    return d;
}

static nc_status set_id(nc_doc *d, const char *id)
{
    return nc_doc_set_meta(d, NC_META_ID, id ? id : "doc");
}

/* Validate (or repair) bytes and build a document from them.  When
 * `what` is not NULL it names the input in error messages. */
static nc_status load_bytes(const nc_ctx *ctx, const char *text, size_t len, const char *id,
                            unsigned flags, nc_doc **out, nc_error *err)
{
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        text += 3, len -= 3;
    if (len > NCI_MAX_DOC)
        return nci_error_set(err, NC_ELIMIT, -1, 0, 0, "document of %zu bytes exceeds the limit of %zu",
                             len, (size_t)NCI_MAX_DOC);
    char *copy;
    size_t clen = len, repairs = 0;
    size_t bad = nci_utf8_check(text, len);
    if (bad < len) {
        if (!(flags & NC_LOAD_REPAIR)) {
            int64_t line, col;
            nci_line_col(text, len, bad, &line, &col);
            unsigned char b = (unsigned char)text[bad];
            return nci_error_set(err, NC_EUTF8, (int64_t)bad, line, col,
                                 b ? "invalid UTF-8 (byte 0x%02X)" : "NUL byte in text", b);
        }
        copy = nci_utf8_repair(text, len, &clen, &repairs);
        if (clen > NCI_MAX_DOC) {
            free(copy);
            return nci_error_set(err, NC_ELIMIT, -1, 0, 0, "repaired document exceeds the size limit");
        }
    } else {
        copy = nci_strndup(text, len);
    }
    if (!copy)
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    nc_doc *d = nci_doc_new(copy, clen);
    if (!d) {
        free(copy);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    d->repairs = repairs;
    nc_status s = set_id(d, id);
    if (!s)
        s = nci_segment(ctx->seglex, d->text, d->len, &d->segs, err);
    if (s) {
        nc_doc_free(d);
        return err && err->code ? (nc_status)err->code : nci_error_set(err, s, -1, 0, 0, NULL);
    }
    d->lang = d->detected_lang = nci_detect_lang(ctx->langwords, d);
    if (!nci_dates_infer(ctx->cal, d->text, d->segs.toks, d->segs.ntoks, d->inferred_date))
        d->inferred_date[0] = '\0';
    *out = d;
    return NC_OK;
}

static int check_args(const nc_ctx *ctx, nc_doc **out, unsigned flags, nc_error *err,
                      nc_status *s)
{
    nc_error_clear(err);
    if (out)
        *out = NULL;
    if (!ctx || !out) {
        *s = nci_error_set(err, NC_EINVAL, -1, 0, 0, "%s is NULL", ctx ? "out" : "ctx");
        return 0;
    }
    if (flags & ~(unsigned)NC_LOAD_REPAIR) {
        *s = nci_error_set(err, NC_EINVAL, -1, 0, 0, "unknown load flags 0x%x", flags);
        return 0;
    }
    return 1;
}

NC_EXPORT nc_status nc_doc_load_buffer(const nc_ctx *ctx, const char *text, size_t len,
                                       const char *id, unsigned flags, nc_doc **out,
                                       nc_error *err)
{
    nc_status s;
    if (!check_args(ctx, out, flags, err, &s))
        return s;
    if (!text && len)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "text is NULL");
    return load_bytes(ctx, text ? text : "", len, id, flags, out, err);
}

NC_EXPORT nc_status nc_doc_load_file(const nc_ctx *ctx, const char *path, unsigned flags,
                                     nc_doc **out, nc_error *err)
{
    nc_status s;
    if (!check_args(ctx, out, flags, err, &s))
        return s;
    if (!path)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "path is NULL");
    FILE *f = fopen(path, "rb");
    if (!f)
        return nci_error_set(err, NC_EIO, -1, 0, 0, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        char *nb = nci_grow(buf, &cap, len + 65536, 1);
        if (!nb) {
            free(buf);
            fclose(f);
            return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
        }
        buf = nb;
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
        if (len > NCI_MAX_DOC + 3)
            break;
    }
    int failed = ferror(f);
    int e = errno;
    fclose(f);
    if (failed) {
        free(buf);
        return nci_error_set(err, NC_EIO, -1, 0, 0, "cannot read: %s", strerror(e));
    }
    /* id: base name less its last extension. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t idlen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *id = nci_strndup(base, idlen);
    if (!id) {
        free(buf);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    s = load_bytes(ctx, buf ? buf : "", len, id, flags, out, err);
    free(id);
    free(buf);
    return s;
}

static const char *const META_KEYS[NCI_NMETA] = {"id", "source", "date", "url", "title", "lang"};

/* ---------------------------------------------------------------- records
 *
 * A JSON Lines record is read by a small parser of our own: it decodes the
 * fields a document needs (the text and the metadata) and checks the rest
 * without building it; Jansson's tree costs more than tagging the text.
 * It accepts a part of what Jansson accepts, with the same meaning
 * (duplicate keys: the last one counts).  On anything else (every error,
 * and rare forms: an escape in a top-level key, a number that might not
 * fit, deep nesting) the record goes to Jansson, so errors keep Jansson's
 * messages and positions and the two never disagree. */

/* A field of a record, as the document needs it. */
enum { FIELD_ABSENT, FIELD_STRING, FIELD_NULL, FIELD_INTEGER, FIELD_OTHER };
typedef struct field {
    int type;
    const char *s; /* FIELD_STRING: s[0..n), NUL-terminated; NULs inside are kept */
    size_t n;
    long long i; /* FIELD_INTEGER */
} field;

typedef struct fields {
    field text;
    field meta[NCI_NMETA]; /* by nc_meta */
} fields;

typedef struct reader {
    const char *p, *end;
    char *out; /* where the next decoded string goes (see nc_doc_load_json) */
} reader;

/* Nesting followed before handing a record to Jansson (which allows 2048). */
#define MAX_NEST 64

/* Skips white space; the next byte, or -1 at the end. */
static int ws(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
    return r->p < r->end ? (unsigned char)*r->p : -1;
}

static int hex4(const char *p, unsigned *v)
{
    unsigned x = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
        if (d == 16)
            return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

/* The UTF-8 of code point u (not a surrogate) at o: its length. */
static size_t put_utf8(char *o, unsigned u)
{
    if (u < 0x80) {
        o[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        o[0] = (char)(0xC0 | u >> 6);
        o[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        o[0] = (char)(0xE0 | u >> 12);
        o[1] = (char)(0x80 | (u >> 6 & 0x3F));
        o[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | u >> 18);
    o[1] = (char)(0x80 | (u >> 12 & 0x3F));
    o[2] = (char)(0x80 | (u >> 6 & 0x3F));
    o[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

/* The \u escape at s[i..n) (after the "\u"): its code point, a surrogate
 * pair joined; *i moves past it.  0 for what Jansson refuses (a bad hex
 * digit, a lone surrogate). */
static int unicode_escape(const char *s, size_t *i, size_t n, unsigned *u)
{
    if (n - *i < 4 || !hex4(s + *i, u))
        return 0;
    *i += 4;
    if (*u >= 0xDC00 && *u <= 0xDFFF)
        return 0;
    if (*u >= 0xD800 && *u <= 0xDBFF) {
        unsigned lo;
        if (n - *i < 6 || s[*i] != '\\' || s[*i + 1] != 'u' || !hex4(s + *i + 2, &lo) || lo < 0xDC00 ||
            lo > 0xDFFF)
            return 0;
        *i += 6;
        *u = 0x10000 + ((*u - 0xD800) << 10) + (lo - 0xDC00);
    }
    return 1;
}

/* The string at r->p (its opening quote) decoded to r->out, NUL-terminated
 * (r->out does not move: the caller keeps it or not); *n its length, *nul
 * whether it holds a NUL (from "\u0000").  0 to hand the record over.
 * Its bytes are valid UTF-8 (checked before), and a decoded string is never
 * longer than its JSON. */
static int read_string(reader *r, size_t *n, int *nul)
{
    const char *s = r->p + 1;
    size_t len = (size_t)(r->end - s), i = 0;
    char *o = r->out;
    *nul = 0;
    for (;;) {
        i = nci_json_copy_plain(&o, s, i, len, len, 0);
        if (i >= len)
            return 0; /* no closing quote */
        if (s[i] == '"')
            break;
        if (s[i] != '\\' || len - i < 2)
            return 0; /* a control character */
        char c = s[i + 1];
        i += 2;
        const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t", *k = strchr(from, c);
        if (k && c) {
            *o++ = to[k - from];
            continue;
        }
        unsigned u;
        if (c != 'u' || !unicode_escape(s, &i, len, &u))
            return 0;
        *nul |= !u;
        o += put_utf8(o, u);
    }
    *o = '\0';
    *n = (size_t)(o - r->out);
    r->p = s + i + 1;
    return 1;
}

/* The number at r->p: FIELD_INTEGER with its value, or FIELD_OTHER.  0 to
 * hand the record over: not a JSON number, or one that might not fit
 * (more than 18 digits for an integer; Jansson fails on a real that
 * overflows). */
static int read_number(reader *r, field *f)
{
    const char *p = r->p, *e = r->end;
    int neg = p < e && *p == '-';
    p += neg;
    const char *digits = p;
    if (p < e && *p == '0')
        p++;
    else
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    long nd = (long)(p - digits);
    if (!nd)
        return 0;
    if (p < e && (*p == '.' || *p == 'e' || *p == 'E')) {
        if (*p == '.') {
            const char *q = ++p;
            while (p < e && *p >= '0' && *p <= '9')
                p++;
            if (p == q)
                return 0;
        }
        long ex = 0;
        if (p < e && (*p == 'e' || *p == 'E')) {
            p++;
            int eneg = p < e && (*p == '+' || *p == '-') ? *p++ == '-' : 0;
            const char *q = p;
            while (p < e && *p >= '0' && *p <= '9' && p - q < 4)
                ex = ex * 10 + (*p++ - '0');
            if (p == q || (p < e && *p >= '0' && *p <= '9'))
                return 0;
            ex = eneg ? -ex : ex;
        }
        if (nd + ex > 300) /* below 10^(nd + ex): finite */
            return 0;
        f->type = FIELD_OTHER;
    } else {
        if (nd > 18)
            return 0;
        long long v = 0;
        for (const char *q = digits; q < p; q++)
            v = v * 10 + (*q - '0');
        f->type = FIELD_INTEGER;
        f->i = neg ? -v : v;
    }
    r->p = p;
    return 1;
}

/* A string, number, true, false or null at r->p into f (a string is
 * decoded at r->out).  0 to hand the record over. */
static int read_scalar(reader *r, field *f)
{
    int c = ws(r), nul;
    size_t left = (size_t)(r->end - r->p);
    if (c == '"') {
        f->type = FIELD_STRING;
        f->s = r->out;
        return read_string(r, &f->n, &nul);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return read_number(r, f);
    static const char *const WORDS[] = {"null", "true", "false"};
    for (int k = 0; k < 3; k++) {
        size_t wl = strlen(WORDS[k]);
        if (left >= wl && !memcmp(r->p, WORDS[k], wl)) {
            r->p += wl;
            f->type = k ? FIELD_OTHER : FIELD_NULL;
            return 1;
        }
    }
    return 0;
}

/* A member's key and its colon, in an object that is skipped.  A key with
 * a NUL is an error to Jansson. */
static int skip_key(reader *r)
{
    size_t n;
    int nul;
    if (ws(r) != '"' || !read_string(r, &n, &nul) || nul || ws(r) != ':')
        return 0;
    r->p++;
    return 1;
}

/* Checks the value at r->p and moves past it, building nothing; nesting
 * is followed with a stack of its own (no recursion), MAX_NEST deep. */
static int skip_value(reader *r)
{
    char close[MAX_NEST];
    int depth = 0;
    for (;;) {
        int c = ws(r);
        if (c == '{' || c == '[') {
            if (depth == MAX_NEST)
                return 0;
            close[depth++] = c == '{' ? '}' : ']';
            r->p++;
            if (ws(r) != close[depth - 1]) {
                if (c == '{' && !skip_key(r))
                    return 0;
                continue; /* to the first value inside */
            }
            r->p++;
            depth--;
        } else {
            field f;
            if (!read_scalar(r, &f))
                return 0;
        }
        /* a value ends here: and with it, maybe, the containers it closes */
        for (;;) {
            if (!depth)
                return 1;
            c = ws(r);
            if (c == ',')
                break;
            if (c != close[depth - 1])
                return 0;
            r->p++;
            depth--;
        }
        r->p++;
        if (close[depth - 1] == '}' && !skip_key(r))
            return 0;
    }
}

/* The record at r into F: 1, or 0 to hand it to Jansson. */
static int read_record(reader *r, const char *text_field, fields *F)
{
    memset(F, 0, sizeof *F);
    size_t tl = strlen(text_field);
    if (ws(r) != '{')
        return 0;
    r->p++;
    int c = ws(r);
    while (c != '}') {
        /* the key as it is: one with an escape goes to Jansson */
        if (c != '"')
            return 0;
        const char *k = ++r->p;
        while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (unsigned char)*r->p >= 0x20)
            r->p++;
        if (r->p == r->end || *r->p != '"')
            return 0;
        size_t kl = (size_t)(r->p++ - k);
        if (ws(r) != ':')
            return 0;
        r->p++;
        int meta = -1;
        for (int m = 0; m < NCI_NMETA && meta < 0; m++)
            if (strlen(META_KEYS[m]) == kl && !memcmp(k, META_KEYS[m], kl))
                meta = m;
        int is_text = kl == tl && !memcmp(k, text_field, kl);
        if (meta >= 0 || is_text) {
            field f = {FIELD_OTHER, NULL, 0, 0};
            int v = ws(r);
            if (v == '{' || v == '[') {
                if (!skip_value(r))
                    return 0;
            } else if (!read_scalar(r, &f)) {
                return 0;
            }
            if (f.type == FIELD_STRING)
                r->out += f.n + 1; /* kept */
            if (is_text)
                F->text = f;
            if (meta >= 0)
                F->meta[meta] = f;
        } else if (!skip_value(r)) {
            return 0;
        }
        c = ws(r);
        if (c == ',') {
            r->p++;
            if ((c = ws(r)) != '"')
                return 0;
        } else if (c != '}') {
            return 0;
        }
    }
    r->p++;
    return ws(r) < 0; /* nothing after the object */
}

/* A value of Jansson's tree as a field. */
static field jansson_field(const json_t *v)
{
    field f = {FIELD_ABSENT, NULL, 0, 0};
    if (json_is_string(v)) {
        f.type = FIELD_STRING;
        f.s = json_string_value(v);
        f.n = json_string_length(v);
    } else if (json_is_null(v)) {
        f.type = FIELD_NULL;
    } else if (json_is_integer(v)) {
        f.type = FIELD_INTEGER;
        f.i = (long long)json_integer_value(v);
    } else if (v) {
        f.type = FIELD_OTHER;
    }
    return f;
}

/* The document of a record's fields. */
static nc_status load_fields(const nc_ctx *ctx, const fields *F, const char *text_field, unsigned flags,
                             nc_doc **out, nc_error *err)
{
    if (F->text.type != FIELD_STRING)
        return nci_error_set(err, NC_EPARSE, -1, 0, 0, "field \"%s\" %s", text_field,
                             F->text.type != FIELD_ABSENT ? "is not a string" : "is missing");
    for (int k = 0; k < NCI_NMETA; k++) {
        int t = F->meta[k].type;
        if (t != FIELD_ABSENT && t != FIELD_STRING && t != FIELD_NULL && !(k == NC_META_ID && t == FIELD_INTEGER))
            return nci_error_set(err, NC_EPARSE, -1, 0, 0, "field \"%s\" is not a string", META_KEYS[k]);
    }
    char idbuf[32];
    const field *jid = &F->meta[NC_META_ID];
    const char *id = jid->type == FIELD_STRING ? jid->s : NULL;
    if (jid->type == FIELD_INTEGER) {
        snprintf(idbuf, sizeof idbuf, "%lld", jid->i);
        id = idbuf;
    }
    nc_doc *d = NULL;
    nc_status s = load_bytes(ctx, F->text.s, F->text.n, id, flags, &d, err);
    for (int k = 1; k < NCI_NMETA && !s; k++) {
        if (F->meta[k].type != FIELD_STRING)
            continue;
        s = nc_doc_set_meta(d, k, F->meta[k].s);
        if (s == NC_EINVAL && (k == NC_META_DATE || k == NC_META_LANG)) {
            /* An unreadable date or an unsupported language is metadata we cannot use, not a broken
             * record: keep the inferred one. */
            s = NC_OK;
        } else if (s) {
            nci_error_set(err, s, -1, 0, 0, "field \"%s\": invalid value", META_KEYS[k]);
        }
    }
    if (s) {
        nc_doc_free(d);
        return s;
    }
    *out = d;
    return NC_OK;
}

/* The record read by Jansson: what our parser hands over. */
static nc_status load_jansson(const nc_ctx *ctx, const char *record, size_t len, const char *text_field,
                              unsigned flags, nc_doc **out, nc_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(record, len, JSON_ALLOW_NUL, &je);
    if (!root)
        return nci_error_set(err, NC_EPARSE, je.position > 0 ? je.position - 1 : 0, je.line,
                             je.column, "%s", je.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return nci_error_set(err, NC_EPARSE, 0, 1, 1, "record is not a JSON object");
    }
    fields F;
    F.text = jansson_field(json_object_get(root, text_field));
    for (int k = 0; k < NCI_NMETA; k++)
        F.meta[k] = jansson_field(json_object_get(root, META_KEYS[k]));
    nc_status s = load_fields(ctx, &F, text_field, flags, out, err);
    json_decref(root);
    return s;
}

NC_EXPORT nc_status nc_doc_load_json(const nc_ctx *ctx, const char *record, size_t len,
                                     const char *text_field, unsigned flags, nc_doc **out,
                                     nc_error *err)
{
    nc_status s;
    if (!check_args(ctx, out, flags, err, &s))
        return s;
    if (!record && len)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "record is NULL");
    if (!record)
        record = "";
    if (!text_field)
        text_field = "text";
    /* Bad bytes in the record itself: an encoding error at their position,
     * or repaired before parsing.  (A NUL stops the check; the parsers
     * refuse it.) */
    char *fixed = NULL;
    size_t bad = nci_utf8_check(record, len);
    if (bad < len && record[bad] != '\0') {
        if (!(flags & NC_LOAD_REPAIR)) {
            int64_t line, col;
            nci_line_col(record, len, bad, &line, &col);
            return nci_error_set(err, NC_EUTF8, (int64_t)bad, line, col,
                                 "invalid UTF-8 in record (byte 0x%02X)", (unsigned char)record[bad]);
        }
        size_t rep;
        fixed = nci_utf8_repair(record, len, &len, &rep);
        if (!fixed)
            return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
        record = fixed;
    }
    /* The decoded strings, each no longer than its JSON, one after the
     * other, with the slack of nci_json_copy_plain. */
    char *strings = malloc(len + 17);
    if (!strings) {
        free(fixed);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    reader r = {record, record + len, strings};
    fields F;
    if (read_record(&r, text_field, &F))
        s = load_fields(ctx, &F, text_field, flags, out, err);
    else
        s = load_jansson(ctx, record, len, text_field, flags, out, err);
    free(strings);
    free(fixed);
    return s;
}
