/* Placeholder until the number stage lands: finds nothing. */
#include <stdlib.h>
#include "numbers.h"

struct nci_numlex { int unused; };

nc_status nci_numlex_new(nci_numlex **out, nc_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? NC_OK : nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
}

void nci_numlex_free(nci_numlex *lex) { free(lex); }

nc_status nci_numbers_scan(const nci_numlex *lex, const char *text, size_t start, size_t end,
                           const char *lang, nci_numvec *vec)
{
    (void)lex; (void)text; (void)start; (void)end; (void)lang; (void)vec;
    return NC_OK;
}

void nci_numvec_free(nci_numvec *vec)
{
    free(vec->v);
    vec->v = NULL;
    vec->n = vec->cap = 0;
}
