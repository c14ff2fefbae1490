/* Reconcile: which country a place is in.  Country names come from ICU's
 * locale display data (English and Spanish); cities from the GeoNames table
 * data/city-countries.tsv, read at run time when installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include "reconcile.h"

/* Folded country names, sorted for bsearch. */
typedef struct cname {
    char *key;
    char cc[3];
} cname;

struct nci_places {
    cname *v;
    size_t n;
    const nci_rows *cities;
};

static int cmp_cname(const void *a, const void *b)
{
    return strcmp(((const cname *)a)->key, ((const cname *)b)->key);
}

nc_status nci_places_new(const nci_rows *cities, nci_places **out)
{
    *out = NULL;
    nci_places *p = calloc(1, sizeof *p);
    if (!p)
        return NC_ENOMEM;
    p->cities = cities;
    const char *const *codes = uloc_getISOCountries();
    size_t nc = 0;
    while (codes[nc])
        nc++;
    static const char *const langs[] = {"en", "es"};
    p->v = calloc(nc * 2 + 1, sizeof *p->v);
    if (!p->v) {
        free(p);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < nc; i++) {
        char loc[8];
        snprintf(loc, sizeof loc, "und_%s", codes[i]);
        for (size_t l = 0; l < 2; l++) {
            UChar u[128];
            char s[512];
            UErrorCode st = U_ZERO_ERROR;
            int32_t ul = uloc_getDisplayCountry(loc, langs[l], u, 128, &st);
            if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || ul <= 0)
                continue;
            int32_t sl = 0;
            u_strToUTF8(s, (int32_t)sizeof s, &sl, u, ul, &st);
            if (U_FAILURE(st) || sl <= 0 || sl >= (int32_t)sizeof s)
                continue;
            nci_buf b = {0};
            if (nci_rec_fold(s, (size_t)sl, &b) != NC_OK || !b.n) {
                free(b.p);
                if (b.oom) {
                    nci_places_free(p);
                    return NC_ENOMEM;
                }
                continue;
            }
            cname *e = &p->v[p->n++];
            e->key = b.p;
            memcpy(e->cc, codes[i], 2);
            e->cc[2] = '\0';
        }
    }
    qsort(p->v, p->n, sizeof *p->v, cmp_cname);
    *out = p;
    return NC_OK;
}

void nci_places_free(nci_places *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].key);
    free(p->v);
    free(p);
}

const char *nci_places_country(const nci_places *p, const char *key)
{
    size_t lo = 0, hi = p ? p->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, p->v[mid].key);
        if (!c)
            return p->v[mid].cc;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *nci_places_city(const nci_places *p, const char *key, size_t *len)
{
    const nci_rows *t = p ? p->cities : NULL;
    size_t n = strlen(key), lo = 0, hi = t ? t->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *row = t->row[mid];
        const char *tab = strchr(row, '\t');
        size_t rl = tab ? (size_t)(tab - row) : strlen(row);
        int c = memcmp(key, row, n < rl ? n : rl);
        if (!c)
            c = n < rl ? -1 : n > rl;
        if (!c) {
            if (!tab)
                return NULL;
            *len = strlen(tab + 1);
            return tab + 1;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int nci_places_city_in(const nci_places *p, const char *key, const char *cc)
{
    size_t len = 0;
    const char *v = nci_places_city(p, key, &len);
    /* a name that cities of two countries bear ("Dublin", "Valencia") says
     * nothing of the country */
    return v && len == 2 && v[0] == cc[0] && v[1] == cc[1];
}
