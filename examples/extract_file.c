/* extract_file: load one article and print its JSON (the output contract).
 *
 *   extract_file ARTICLE.txt
 *
 * Shows the whole life cycle of the API: a context, a document loaded from a
 * file, extraction, JSON out, and errors with their position. */
#include <stdio.h>
#include "newsclaims.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ARTICLE.txt\n", argv[0]);
        return 2;
    }
    nc_error err;
    nc_ctx *ctx = NULL;
    if (nc_ctx_new(NC_CTX_DEFAULT, &ctx, &err) != NC_OK) {
        fprintf(stderr, "context: %s\n", err.message);
        return 1;
    }
    nc_doc *doc = NULL;
    if (nc_doc_load_file(ctx, argv[1], NC_LOAD_DEFAULT, &doc, &err) != NC_OK) {
        fprintf(stderr, "%s:%lld:%lld: %s (%s)\n", argv[1], (long long)err.line,
                (long long)err.column, err.message, nc_strerror(err.code));
        nc_ctx_free(ctx);
        return 1;
    }
    printf("%s: %zu sentences, %zu tokens, published %s%s\n", nc_doc_meta(doc, NC_META_ID),
           nc_doc_sentence_count(doc), nc_doc_token_count(doc),
           nc_doc_meta(doc, NC_META_DATE) ? nc_doc_meta(doc, NC_META_DATE) : "(unknown)",
           nc_doc_date_inferred(doc) ? " (inferred from the text)" : "");
    char *json = NULL;
    if (nc_doc_json(ctx, doc, NC_JSON_DEFAULT, &json, NULL, &err) != NC_OK) {
        fprintf(stderr, "json: %s\n", err.message);
    } else {
        puts(json);
        nc_free(json);
    }
    nc_doc_free(doc);
    nc_ctx_free(ctx);
    return 0;
}
