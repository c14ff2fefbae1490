/* Calendar words: month and weekday names in English and Spanish, read from
 * ICU's CLDR date symbols when a context is made. */
#ifndef NC_CALENDAR_H
#define NC_CALENDAR_H
#include "internal.h"

typedef struct nci_calendar nci_calendar;

nc_status nci_calendar_new(nci_calendar **out, nc_error *err);
void nci_calendar_free(nci_calendar *c);

/* Month (1-12) named by the word w[0..n) in English or Spanish, full or
 * abbreviated, any case, with or without a final period; 0 if none. */
int nci_month_lookup(const nci_calendar *c, const char *w, size_t n);

/* Weekday (1 = Monday .. 7 = Sunday) named by w[0..n); 0 if none. */
int nci_weekday_lookup(const nci_calendar *c, const char *w, size_t n);
#endif
