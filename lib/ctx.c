/* Context construction.  Everything built here is read-only afterwards, so
 * one context serves any number of threads. */
#include <stdlib.h>
#include <string.h>
#include "ctx.h"
#include "load.h"

NC_EXPORT const char *nc_version(void)
{
    return NC_VERSION_STRING;
}

NC_EXPORT int nc_version_number(void)
{
    return NC_VERSION_NUMBER;
}

NC_EXPORT int nc_ctx_has_data(const nc_ctx *ctx, const char *name)
{
    if (!ctx || !name)
        return 0;
    if (!strcmp(name, "translations-es-en.tsv"))
        return ctx->have_translations;
    if (!strcmp(name, "city-countries.tsv"))
        return ctx->have_cities;
    return 0;
}

NC_EXPORT const char *nc_data_version(void)
{
    return "2026-11-23";
}

NC_EXPORT nc_status nc_ctx_new(unsigned flags, nc_ctx **out, nc_error *err)
{
    return nc_ctx_new_with_data(flags, NULL, out, err);
}

NC_EXPORT nc_status nc_ctx_new_with_data(unsigned flags, const char *datadir, nc_ctx **out,
                                         nc_error *err)
{
    nc_error_clear(err);
    if (!out)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "out is NULL");
    *out = NULL;
    if (flags & ~(unsigned)(NC_CTX_ICU_SENTENCES | NC_CTX_NO_MODEL))
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "unknown context flags 0x%x", flags);
    nc_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    c->flags = flags;
    nc_status s;
    if ((s = nci_calendar_new(&c->cal, err)) || (s = nci_seglex_new(c->cal, (flags & NC_CTX_ICU_SENTENCES) != 0, &c->seglex, err)) ||
        (s = nci_numlex_new(&c->numlex, err)) ||
        (s = nci_entlex_new(c->cal, !(flags & NC_CTX_NO_MODEL), &c->entlex, err)) ||
        (s = nci_claimlex_new(c->cal, &c->claimlex, err))) {
        nc_ctx_free(c);
        return s;
    }
    if (nci_langwords_new(&c->langwords)) {
        nc_ctx_free(c);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    if ((s = nci_rows_load(datadir ? datadir : NC_PKGDATADIR, "translations-es-en.tsv", &c->translations,
                           &c->have_translations, err)) ||
        (s = nci_rows_load(datadir ? datadir : NC_PKGDATADIR, "city-countries.tsv", &c->cities,
                           &c->have_cities, err))) {
        nc_ctx_free(c);
        return s;
    }
    *out = c;
    return NC_OK;
}

NC_EXPORT void nc_ctx_free(nc_ctx *ctx)
{
    if (!ctx)
        return;
    nci_numlex_free(ctx->numlex);
    nci_entlex_free(ctx->entlex);
    nci_claimlex_free(ctx->claimlex);
    nci_rows_free(&ctx->translations);
    nci_rows_free(&ctx->cities);
    nci_seglex_free(ctx->seglex);
    nci_calendar_free(ctx->cal);
    nci_wordset_free(ctx->langwords);
    free(ctx);
}
