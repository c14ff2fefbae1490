/* The context: settings and the read-only tables every document uses. */
#ifndef NC_CTX_H
#define NC_CTX_H
#include <unicode/ubrk.h>
#include "internal.h"
#include "calendar.h"
#include "wordset.h"
#include "numbers.h"
#include "entities.h"
#include "claims.h"
#include "datafile.h"
#include "segment.h"

struct nc_ctx {
    unsigned flags;
    nci_calendar *cal;
    nci_wordset *langwords;
    nci_seglex *seglex;
    nci_numlex *numlex;
    nci_entlex *entlex;
    nci_claimlex *claimlex;
    nci_rows translations; /* data/translations-es-en.tsv when found (GPL-2: not compiled in) */
    int have_translations;
    nci_rows cities;       /* data/city-countries.tsv when found (GeoNames, CC BY 4.0) */
    int have_cities;
};
#endif
