/* The number stage's word table, generated from data/ (see
 * tools/gen_numbers.py).  Private to lib/numbers.c. */
#ifndef NC_NUM_LEX_H
#define NC_NUM_LEX_H
#include <stddef.h>

typedef struct nci_numword {
    const char *lang;  /* "en", "es" or "*" (both) */
    const char *key;   /* word, phrase (words joined by one space) or symbol */
    const char *type;  /* row type, see data/numbers-en.tsv */
    const char *a, *b; /* the row's two value columns ("" when empty) */
} nci_numword;

extern const nci_numword nci_gen_numwords[];
extern const size_t nci_gen_numwords_count;

#endif
