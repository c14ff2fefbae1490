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
     * or repaired before parsing. */
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
    json_error_t je;
    json_t *root = json_loadb(record, len, JSON_ALLOW_NUL, &je);
    free(fixed);
    if (!root)
        return nci_error_set(err, NC_EPARSE, je.position > 0 ? je.position - 1 : 0, je.line,
                             je.column, "%s", je.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return nci_error_set(err, NC_EPARSE, 0, 1, 1, "record is not a JSON object");
    }
    json_t *tx = json_object_get(root, text_field);
    if (!json_is_string(tx)) {
        json_decref(root);
        return nci_error_set(err, NC_EPARSE, -1, 0, 0, "field \"%s\" %s", text_field,
                             tx ? "is not a string" : "is missing");
    }
    for (int k = 0; k < NCI_NMETA; k++) {
        json_t *v = json_object_get(root, META_KEYS[k]);
        if (v && !json_is_string(v) && !json_is_null(v) && !(k == NC_META_ID && json_is_integer(v))) {
            json_decref(root);
            return nci_error_set(err, NC_EPARSE, -1, 0, 0, "field \"%s\" is not a string",
                                 META_KEYS[k]);
        }
    }
    char idbuf[32];
    json_t *jid = json_object_get(root, "id");
    const char *id = json_is_string(jid) ? json_string_value(jid) : NULL;
    if (json_is_integer(jid)) {
        snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
        id = idbuf;
    }
    nc_doc *d = NULL;
    s = load_bytes(ctx, json_string_value(tx), json_string_length(tx), id, flags, &d, err);
    for (int k = 1; k < NCI_NMETA && !s; k++) {
        json_t *v = json_object_get(root, META_KEYS[k]);
        if (!json_is_string(v))
            continue;
        s = nc_doc_set_meta(d, k, json_string_value(v));
        if (s == NC_EINVAL && (k == NC_META_DATE || k == NC_META_LANG)) {
            /* An unreadable date or an unsupported language is metadata we cannot use, not a broken
             * record: keep the inferred one. */
            s = NC_OK;
        } else if (s) {
            nci_error_set(err, s, -1, 0, 0, "field \"%s\": invalid value", META_KEYS[k]);
        }
    }
    json_decref(root);
    if (s) {
        nc_doc_free(d);
        return s;
    }
    *out = d;
    return NC_OK;
}
