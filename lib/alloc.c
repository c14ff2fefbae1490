/* Allocation helpers and nc_free(). */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

NC_EXPORT void nc_free(void *p)
{
    free(p);
}

/* Make room for `need` elements of size `elem` in *ptr (capacity *cap),
 * growing geometrically.  Returns the (maybe moved) block, or NULL on
 * overflow or out of memory, in which case *ptr is untouched. */
void *nci_grow(void *ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return ptr;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return NULL;
    void *p = realloc(ptr, n * elem);
    if (!p)
        return NULL;
    *cap = n;
    return p;
}

char *nci_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
