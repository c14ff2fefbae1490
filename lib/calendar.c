/* Calendar words: month and weekday names.
 *
 * Not a hand list: the names are read from ICU's CLDR date format symbols
 * (udat_getSymbols) for each supported language, wide and abbreviated
 * forms, when a context is made. */
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include "calendar.h"
#include "wordset.h"

static const char *const LOCALES[] = {"en", "es"};

static void add_name(nci_wordset *ws, const UChar *s, int32_t slen, int value)
{
    UChar low[64];
    char buf[NCI_WORD_MAX * 2];
    UErrorCode st = U_ZERO_ERROR;
    int32_t ll = u_strToLower(low, 64, s, slen, "", &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        return;
    int32_t blen = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(buf, (int32_t)sizeof buf, &blen, low, ll, &st);
    if (U_FAILURE(st) || blen <= 0 || blen > NCI_WORD_MAX)
        return;
    while (blen > 0 && buf[blen - 1] == '.')
        blen--;
    if (blen >= 3) /* two-letter abbreviations are too ambiguous */
        nci_wordset_add(ws, buf, (size_t)blen, value);
}

static nc_status load_symbols(nci_calendar *c, const char *loc, UDateFormatSymbolType type,
                              int months, nc_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UDateFormat *fmt = udat_open(UDAT_NONE, UDAT_SHORT, loc, NULL, 0, NULL, 0, &st);
    if (U_FAILURE(st))
        return nci_error_set(err, NC_EICU, -1, 0, 0, "udat_open(%s): %s", loc, u_errorName(st));
    int32_t cnt = udat_countSymbols(fmt, type);
    for (int32_t i = 0; i < cnt; i++) {
        UChar buf[64];
        st = U_ZERO_ERROR;
        int32_t len = udat_getSymbols(fmt, type, i, buf, 64, &st);
        if (U_FAILURE(st) || len <= 0)
            continue;
        if (months) {
            if (i < 12)
                add_name(c->months, buf, len, i + 1);
        } else if (i >= 1 && i <= 7) {
            /* ICU numbers weekdays from Sunday = 1; we use Monday = 1. */
            add_name(c->days, buf, len, i == 1 ? 7 : i - 1);
        }
    }
    udat_close(fmt);
    return NC_OK;
}

nc_status nci_calendar_new(nci_calendar **out, nc_error *err)
{
    nci_calendar *c = calloc(1, sizeof *c);
    if (!c || !(c->months = nci_wordset_new(128)) || !(c->days = nci_wordset_new(128))) {
        nci_calendar_free(c);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    for (size_t l = 0; l < sizeof LOCALES / sizeof *LOCALES; l++) {
        nc_status s;
        if ((s = load_symbols(c, LOCALES[l], UDAT_MONTHS, 1, err)) ||
            (s = load_symbols(c, LOCALES[l], UDAT_SHORT_MONTHS, 1, err)) ||
            (s = load_symbols(c, LOCALES[l], UDAT_WEEKDAYS, 0, err))) {
            nci_calendar_free(c);
            return s;
        }
    }
    *out = c;
    return NC_OK;
}

void nci_calendar_free(nci_calendar *c)
{
    if (!c)
        return;
    nci_wordset_free(c->months);
    nci_wordset_free(c->days);
    free(c);
}
