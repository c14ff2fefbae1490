/* Calendar words: month and weekday names in English and Spanish, read from
 * ICU's CLDR date symbols when a context is made. */
#ifndef NC_CALENDAR_H
#define NC_CALENDAR_H
#include "internal.h"
#include "wordset.h"

/* Here so that the lookups below can be inline; callers use the
 * functions. */
typedef struct nci_calendar {
    nci_wordset *months; /* value: month 1-12 */
    nci_wordset *days;   /* value: 1 = Monday .. 7 = Sunday */
} nci_calendar;

nc_status nci_calendar_new(nci_calendar **out, nc_error *err);
void nci_calendar_free(nci_calendar *c);

/* The value of w[0..n) in a calendar table, without a final period; names
 * are at least three letters long. */
static inline int nci_calendar_word(const nci_wordset *ws, const char *w, size_t n)
{
    if (n > 0 && w[n - 1] == '.')
        n--;
    return n >= 3 ? nci_wordset_get(ws, w, n) : 0;
}

/* Month (1-12) named by the word w[0..n) in English or Spanish, full or
 * abbreviated, any case, with or without a final period; 0 if none. */
static inline int nci_month_lookup(const nci_calendar *c, const char *w, size_t n)
{
    return nci_calendar_word(c->months, w, n);
}

/* Weekday (1 = Monday .. 7 = Sunday) named by w[0..n); 0 if none. */
static inline int nci_weekday_lookup(const nci_calendar *c, const char *w, size_t n)
{
    return nci_calendar_word(c->days, w, n);
}
#endif
