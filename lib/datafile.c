/* Reading optional data files (see datafile.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "datafile.h"
#include "utf8.h"

static int cmp_first_field(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)(*a == '\t' ? 0 : *a), y = (unsigned char)(*b == '\t' ? 0 : *b);
        if (x != y || !x)
            return (x > y) - (x < y);
    }
}

nc_status nci_rows_load(const char *dir, const char *name, nci_rows *rows, int *found,
                        nc_error *err)
{
    memset(rows, 0, sizeof *rows);
    *found = 0;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "data folder name too long");
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? NC_OK : nci_error_set(err, NC_EIO, -1, 0, 0, "%s: %s", path, strerror(errno));
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        char *nb = nci_grow(buf, &cap, len + 65536 + 1, 1);
        if (!nb) {
            free(buf);
            fclose(f);
            return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
        }
        buf = nb;
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (!got)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return nci_error_set(err, NC_EIO, -1, 0, 0, "%s: read error", path);
    }
    buf[len] = '\0';
    size_t off = nci_utf8_check(buf, len);
    if (off < len) {
        int64_t line, col;
        nci_line_col(buf, len, off, &line, &col);
        free(buf);
        return nci_error_set(err, NC_EUTF8, (int64_t)off, line, col, "%s: invalid UTF-8", path);
    }
    size_t n = 0, rcap = 0;
    char **r = NULL;
    int64_t lineno = 0;
    for (char *p = buf; p < buf + len;) {
        char *e = memchr(p, '\n', (size_t)(buf + len - p));
        if (!e)
            e = buf + len;
        *e = '\0';
        lineno++;
        if (*p && *p != '#') {
            if (!strchr(p, '\t') || (n && cmp_first_field(r[n - 1], p) > 0)) {
                free(r);
                free(buf);
                return nci_error_set(err, NC_EPARSE, -1, lineno, 1, "%s: %s", path,
                                     strchr(p, '\t') ? "rows not sorted by their first field" : "row without a tab");
            }
            char **nr = nci_grow(r, &rcap, n + 1, sizeof *r);
            if (!nr) {
                free(r);
                free(buf);
                return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
            }
            r = nr;
            r[n++] = p;
        }
        p = e + 1;
    }
    rows->buf = buf;
    rows->rows = r;
    rows->row = (const char *const *)r;
    rows->n = n;
    *found = 1;
    return NC_OK;
}

void nci_rows_free(nci_rows *rows)
{
    free(rows->rows);
    free(rows->buf);
    memset(rows, 0, sizeof *rows);
}
