/* nc_doc_extract(): runs the analysis stages in pipeline order over the
 * sentences that are not page furniture: numbers, entities (claims and
 * reconciliation build on both). */
#include "ctx.h"
#include "doc.h"

NC_EXPORT nc_status nc_doc_extract(const nc_ctx *ctx, nc_doc *doc, nc_error *err)
{
    nc_error_clear(err);
    if (!ctx || !doc)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "NULL argument");
    if (doc->extracted)
        return NC_OK;
    for (size_t i = 0; i < doc->segs.nsents; i++) {
        const nci_sent *s = &doc->segs.sents[i];
        if (s->furniture)
            continue;
        nc_status st = nci_numbers_scan(ctx->numlex, doc->text, s->start, s->end, doc->lang,
                                        &doc->numbers);
        if (st)
            return nci_error_set(err, st, -1, 0, 0, "number stage: %s", nc_strerror(st));
    }
    nc_status st = nci_entities_run(ctx->entlex, doc->text, &doc->segs, &doc->ents);
    if (st)
        return nci_error_set(err, st, -1, 0, 0, "entity stage: %s", nc_strerror(st));
    st = nci_claims_run(ctx->claimlex, doc->text, &doc->segs, &doc->numbers, &doc->ents, doc->lang,
                        nc_doc_meta(doc, NC_META_DATE), &doc->claims);
    if (st)
        return nci_error_set(err, st, -1, 0, 0, "claim stage: %s", nc_strerror(st));
    doc->extracted = 1;
    return NC_OK;
}
