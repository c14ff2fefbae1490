/* gaz_icu: prints country and language names from ICU's locale display data
 * as gazetteer lines ("name<TAB>country", "name<TAB>lang"), for
 * tools/gen_gazetteers.sh.  Country names: every ISO 3166 country in every
 * language-only locale ICU has (uloc_getDisplayCountry); language names:
 * every ISO 639 language, in English and Spanish (uloc_getDisplayLanguage).
 * Source: ICU's CLDR-derived locale data, Unicode License (ICU, CLDR).
 * Output is unsorted; the caller sorts and removes duplicates. */
#include <stdio.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

static void put(const UChar *u, int32_t n, const char *cat)
{
    char buf[1024];
    int32_t len = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(buf, (int32_t)sizeof buf, &len, u, n, &e);
    if (U_FAILURE(e) || len <= 1 || len >= (int32_t)sizeof buf)
        return;
    for (int32_t i = 0; i < len; i++)
        if (buf[i] == '\t' || buf[i] == '\n')
            return;
    printf("%.*s\t%s\n", (int)len, buf, cat);
}

int main(void)
{
    const char *const *countries = uloc_getISOCountries();
    int32_t nloc = uloc_countAvailable();
    for (int32_t l = 0; l < nloc; l++) {
        const char *loc = uloc_getAvailable(l);
        if (strchr(loc, '_'))
            continue; /* language-only locales: regional ones repeat them */
        for (int c = 0; countries[c]; c++) {
            char id[16];
            snprintf(id, sizeof id, "und_%s", countries[c]);
            UChar u[256];
            UErrorCode e = U_ZERO_ERROR;
            int32_t n = uloc_getDisplayCountry(id, loc, u, 256, &e);
            /* ICU falls back to the code itself when it has no name */
            if (U_SUCCESS(e) && e != U_USING_DEFAULT_WARNING && n > 2)
                put(u, n, "country");
        }
    }
    const char *const *langs = uloc_getISOLanguages();
    const char *in[] = {"en", "es"};
    for (int k = 0; k < 2; k++)
        for (int c = 0; langs[c]; c++) {
            UChar u[256];
            UErrorCode e = U_ZERO_ERROR;
            int32_t n = uloc_getDisplayLanguage(langs[c], in[k], u, 256, &e);
            if (U_SUCCESS(e) && e != U_USING_DEFAULT_WARNING && n > 3)
                put(u, n, "lang");
        }
    return 0;
}
