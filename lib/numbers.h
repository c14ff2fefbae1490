/* Number stage (DESIGN.md, pipeline 4): numeric expressions with value,
 * bounds, qualifier, unit and kind.  Reads text; knows nothing of entities
 * or claims. */
#ifndef NC_NUMBERS_H
#define NC_NUMBERS_H

#include "internal.h"

/* One numeric expression.  Offsets are bytes into the document text. */
typedef struct nci_number {
    size_t start, end;
    double value, low, high;      /* meaningful only when the has_ flag is set */
    unsigned char has_value;      /* 0 for a range or a vague quantity */
    unsigned char has_low, has_high;
    unsigned char overflow;       /* the digits can't be held in a double: no value */
    unsigned char kind;           /* nc_num_kind */
    unsigned char qualifier;      /* nc_qualifier */
    char unit[8];                 /* "" count, "%" percent, ISO 4217 code for money */
    const char *vague;            /* the vague word, folded ("dozens"), else NULL; owned by
                                   * the nci_numlex, which outlives the document */
    unsigned char minor;          /* money in hundredths: "50 cents" is value 50, unit USD */
} nci_number;

typedef struct nci_numvec {
    nci_number *v;
    size_t n, cap;
} nci_numvec;

/* Read-only tables of the number stage (number words, currency names from
 * ICU...), built once per context and shared by all threads. */
typedef struct nci_numlex nci_numlex;

nc_status nci_numlex_new(nci_numlex **out, nc_error *err);
void nci_numlex_free(nci_numlex *lex);

/* Scan text[start,end) (valid UTF-8, one sentence or line) and append every
 * numeric expression found to vec.  lang is "en" or "es".  Returns NC_OK or
 * NC_ENOMEM. */
nc_status nci_numbers_scan(const nci_numlex *lex, const char *text, size_t start, size_t end,
                           const char *lang, nci_numvec *vec);

void nci_numvec_free(nci_numvec *vec);

#endif
