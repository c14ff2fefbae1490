/* Document lifetime, metadata and segment accessors. */
#include <stdlib.h>
#include <string.h>
#include "ctx.h"
#include "dates.h"
#include "doc.h"
#include "load.h"
#include "utf8.h"

NC_EXPORT void nc_doc_free(nc_doc *doc)
{
    if (!doc)
        return;
    for (int i = 0; i < NCI_NMETA; i++)
        free(doc->meta[i]);
    nci_segs_free(&doc->segs);
    nci_numvec_free(&doc->numbers);
    nci_ents_free(&doc->ents);
    nci_claims_free(&doc->claims);
    free(doc->text);
    free(doc);
}

NC_EXPORT const char *nc_doc_meta(const nc_doc *doc, int field)
{
    if (!doc || field < 0 || field >= NCI_NMETA)
        return NULL;
    if (field == NC_META_LANG)
        return doc->lang;
    if (field == NC_META_DATE && !doc->meta[field])
        return doc->inferred_date[0] ? doc->inferred_date : NULL;
    return doc->meta[field];
}

NC_EXPORT int nc_doc_date_inferred(const nc_doc *doc)
{
    return doc && !doc->meta[NC_META_DATE] && doc->inferred_date[0];
}

NC_EXPORT nc_status nc_doc_set_meta(nc_doc *doc, int field, const char *value)
{
    if (!doc || field < 0 || field >= NCI_NMETA)
        return NC_EINVAL;
    if (field == NC_META_ID && !value)
        return NC_EINVAL;
    char buf[16];
    char *copy = NULL;
    if (value) {
        size_t n = strlen(value);
        if (nci_utf8_check(value, n) != n)
            return NC_EUTF8;
        if (field == NC_META_DATE) {
            if (!nci_iso_date_normalize(value, buf))
                return NC_EINVAL;
            value = buf;
            n = strlen(buf);
        } else if (field == NC_META_LANG) {
            /* "en", "EN", "en-GB", "es_MX" */
            if (n < 2 || (n > 2 && value[2] != '-' && value[2] != '_'))
                return NC_EINVAL;
            char l0 = (char)(value[0] | 32), l1 = (char)(value[1] | 32);
            if (l0 == 'e' && l1 == 'n')
                value = "en";
            else if (l0 == 'e' && l1 == 's')
                value = "es";
            else
                return NC_EINVAL;
            n = 2;
        }
        copy = nci_strndup(value, n);
        if (!copy)
            return NC_ENOMEM;
    }
    free(doc->meta[field]);
    doc->meta[field] = copy;
    if (field == NC_META_LANG)
        doc->lang = copy ? copy : doc->detected_lang;
    return NC_OK;
}

NC_EXPORT const char *nc_doc_text(const nc_doc *doc, size_t *len)
{
    if (len)
        *len = doc ? doc->len : 0;
    return doc ? doc->text : NULL;
}

NC_EXPORT size_t nc_doc_repairs(const nc_doc *doc)
{
    return doc ? doc->repairs : 0;
}

NC_EXPORT size_t nc_doc_sentence_count(const nc_doc *doc)
{
    return doc ? doc->segs.nsents : 0;
}

NC_EXPORT nc_status nc_doc_sentence_span(const nc_doc *doc, size_t i, size_t *start, size_t *end)
{
    if (!doc || i >= doc->segs.nsents)
        return NC_EINVAL;
    if (start)
        *start = doc->segs.sents[i].start;
    if (end)
        *end = doc->segs.sents[i].end;
    return NC_OK;
}

NC_EXPORT int nc_doc_sentence_is_furniture(const nc_doc *doc, size_t i)
{
    if (!doc || i >= doc->segs.nsents)
        return -1;
    return doc->segs.sents[i].furniture;
}

NC_EXPORT nc_status nc_doc_sentence_tokens(const nc_doc *doc, size_t i, size_t *first, size_t *count)
{
    if (!doc || i >= doc->segs.nsents)
        return NC_EINVAL;
    if (first)
        *first = doc->segs.sents[i].tok_first;
    if (count)
        *count = doc->segs.sents[i].tok_count;
    return NC_OK;
}

NC_EXPORT size_t nc_doc_token_count(const nc_doc *doc)
{
    return doc ? doc->segs.ntoks : 0;
}

NC_EXPORT nc_status nc_doc_token_span(const nc_doc *doc, size_t i, size_t *start, size_t *end)
{
    if (!doc || i >= doc->segs.ntoks)
        return NC_EINVAL;
    if (start)
        *start = doc->segs.toks[i].start;
    if (end)
        *end = doc->segs.toks[i].end;
    return NC_OK;
}

NC_EXPORT int nc_doc_token_kind(const nc_doc *doc, size_t i)
{
    if (!doc || i >= doc->segs.ntoks)
        return -1;
    return doc->segs.toks[i].kind;
}
