/* Dates stated in a segmented text, and the publication date inferred from
 * them.  Works on the tokens of the segment stage. */
#ifndef NC_DATES_H
#define NC_DATES_H
#include "internal.h"
#include "calendar.h"
#include "segment.h"

/* A calendar date found in text; y, m, d are 0 where the text is silent.
 * [start, end) are the bytes of the whole expression. */
typedef struct nci_date {
    int y, m, d;
    size_t start, end;
} nci_date;

/* Find the explicit dates among toks[0..n) of text: "January 13, 2026",
 * "8 January", "12-13 January" (its last day), "January 13th", "8 de enero
 * de 2026", "December 2025", "2026-01-09".  At most max go to out; returns
 * how many were found. */
size_t nci_dates_find(const nci_calendar *cal, const char *text, const nci_tok *toks, size_t n,
                      nci_date *out, size_t max);

/* Infer a publication date: the latest date stated, partial dates taking
 * the year of the nearest dated mention; a date after "before",
 * "until" (a limit ahead) or "born (in)" is left out.  Writes "YYYY-MM-DD" or "YYYY-MM"
 * into buf and returns 1, or returns 0 when the text dates nothing. */
int nci_dates_infer(const nci_calendar *cal, const char *text, const nci_tok *toks, size_t n,
                    char buf[16]);

/* Normalise an ISO 8601 date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a time after
 * the day, "T..." or " ...", is dropped) into buf.  Returns 1 if valid. */
int nci_iso_date_normalize(const char *s, char buf[16]);
#endif
