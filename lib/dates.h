/* Calendar words (month and weekday names in English and Spanish, from
 * ICU's CLDR date symbols) and the date finder used to infer a document's
 * publication date. */
#ifndef NC_DATES_H
#define NC_DATES_H
#include "internal.h"

typedef struct nci_dates nci_dates;

nc_status nci_dates_new(nci_dates **out, nc_error *err);
void nci_dates_free(nci_dates *d);

/* Month (1-12) named by the word w[0..n) in English or Spanish, full or
 * abbreviated, any case, with or without a final period; 0 if none. */
int nci_month_lookup(const nci_dates *d, const char *w, size_t n);

/* Weekday (1 = Monday .. 7 = Sunday) named by w[0..n); 0 if none. */
int nci_weekday_lookup(const nci_dates *d, const char *w, size_t n);

/* A calendar date found in text; y, m, d are 0 where the text is silent. */
typedef struct nci_date {
    int y, m, d;
    size_t start, end;
} nci_date;

/* Find the explicit dates of text[0..len) ("January 13, 2026", "8 January",
 * "12-13 January", "8 de enero de 2026", "December 2025", "2026-01-09"),
 * at most max of them, into out.  Returns how many were found. */
size_t nci_dates_find(const nci_dates *d, const char *text, size_t len, nci_date *out,
                      size_t max);

/* Infer a publication date from the dates in text: the latest date stated,
 * partial dates taking the year of the nearest full date.  Writes "YYYY-MM-DD"
 * or "YYYY-MM" into buf and returns 1, or returns 0 when the text dates
 * nothing. */
int nci_dates_infer(const nci_dates *d, const char *text, size_t len, char buf[16]);

/* Parse an ISO 8601 date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (anything after
 * the day, like a time, is ignored) into buf in the same form.  Returns 1 if
 * valid. */
int nci_iso_date_normalize(const char *s, char buf[16]);
#endif
