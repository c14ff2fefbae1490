/* Optional data files read when a context is made: tables whose licence
 * keeps them out of the library binary (data/README says which), installed
 * in the package data folder and read from there or from a folder the
 * caller names. */
#ifndef NC_DATAFILE_H
#define NC_DATAFILE_H
#include "internal.h"

/* Rows of a TSV table, comment and blank lines dropped, sorted bytewise by
 * their first field. */
typedef struct nci_rows {
    const char *const *row;
    size_t n;
    char *buf;     /* the file's bytes, which the rows point into */
    char **rows;   /* the same as row, owned */
} nci_rows;

/* Read dir/name into rows.  A missing file is not an error: rows stay empty
 * (n == 0) and *found is 0.  Returns NC_OK, NC_EIO (unreadable), NC_EUTF8,
 * NC_EPARSE (a row without a tab, or not sorted), NC_ENOMEM. */
nc_status nci_rows_load(const char *dir, const char *name, nci_rows *rows, int *found,
                        nc_error *err);
void nci_rows_free(nci_rows *rows);
#endif
