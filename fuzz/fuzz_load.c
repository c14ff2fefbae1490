/* libFuzzer target: any bytes through every loader and the JSON output.
 *
 *   make fuzz            # builds fuzz/fuzz_load with clang, -fsanitize=fuzzer,address,undefined
 *   fuzz/fuzz_load -max_total_time=60 fuzz/corpus   # seeded by make fuzz
 *
 * The first input byte picks the entry point (buffer strict, buffer repair,
 * JSON Lines record, number stage); the rest is the input.  Every call must
 * return a status, never crash, leak or read out of bounds. */
#include <stdint.h>
#include <stdlib.h>
#include "newsclaims.h"

static nc_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx && nc_ctx_new(NC_CTX_DEFAULT, &ctx, NULL) != NC_OK)
        abort();
    if (size < 1)
        return 0;
    unsigned mode = data[0] & 3;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    nc_doc *doc = NULL;
    nc_error err;
    nc_status st;
    char *js = NULL;
    switch (mode) {
    case 0:
    case 1:
        st = nc_doc_load_buffer(ctx, text, len, "f", mode ? NC_LOAD_REPAIR : 0, &doc, &err);
        break;
    case 2:
        st = nc_doc_load_json(ctx, text, len, NULL, NC_LOAD_REPAIR, &doc, &err);
        break;
    default:
        if (nc_numbers_json(ctx, text, len, "en", &js, NULL, &err) == NC_OK)
            nc_free(js);
        return 0;
    }
    if (st == NC_OK) {
        if (nc_doc_json(ctx, doc, NC_JSON_SEGMENTS | NC_JSON_NUMBERS, &js, NULL, &err) == NC_OK)
            nc_free(js);
        nc_doc_free(doc);
    }
    return 0;
}
