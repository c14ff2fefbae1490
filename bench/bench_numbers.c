/* bench_numbers: the number stage alone against one ICU word-break pass.
 *
 *   bench_numbers CORPUS.jsonl [RUNS]
 *
 * Reads the "text" field of every JSON Lines record, then on one core times
 * (median of RUNS, default 3): the number stage over every text
 * (nci_numbers_scan on the whole text), and one ICU word-break pass over the
 * same texts (UTF-8 to UTF-16 conversion, ubrk_setText, every boundary).
 * Prints MB/s for both and the ratio, and the cost of building the tables
 * (nci_numlex_new: number words and ICU's currency names). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include "numbers.h"

typedef struct text {
    char *s;
    size_t n;
} text;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    return v[n / 2];
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS.jsonl [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    if (runs < 1 || runs > 99)
        runs = 3;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    text *texts = NULL;
    size_t nt = 0, cap = 0, bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, f)) != -1) {
        json_error_t je;
        json_t *rec = json_loadb(line, (size_t)got, 0, &je);
        json_t *tx = rec ? json_object_get(rec, "text") : NULL;
        if (json_is_string(tx)) {
            if (nt == cap) {
                cap = cap ? cap * 2 : 1024;
                texts = realloc(texts, cap * sizeof *texts);
                if (!texts)
                    return 1;
            }
            texts[nt].n = json_string_length(tx);
            texts[nt].s = malloc(texts[nt].n + 1);
            memcpy(texts[nt].s, json_string_value(tx), texts[nt].n + 1);
            bytes += texts[nt].n;
            nt++;
        }
        json_decref(rec);
    }
    free(line);
    fclose(f);
    printf("corpus: %zu texts, %.2f MB\n", nt, bytes / 1e6);

    double t0 = now();
    nci_numlex *lex;
    nc_error err;
    if (nci_numlex_new(&lex, &err) != NC_OK) {
        fprintf(stderr, "numlex: %s\n", err.message);
        return 1;
    }
    printf("tables: nci_numlex_new %.1f ms (number words and ICU currency names, en and es)\n",
           (now() - t0) * 1e3);

    double tn[99], tb[99];
    size_t found = 0;
    nci_numvec vec = {0};
    for (int r = 0; r < runs; r++) {
        double a = now();
        found = 0;
        for (size_t i = 0; i < nt; i++) {
            vec.n = 0;
            if (nci_numbers_scan(lex, texts[i].s, 0, texts[i].n, "en", &vec) != NC_OK) {
                fprintf(stderr, "scan failed on text %zu\n", i);
                return 1;
            }
            found += vec.n;
        }
        tn[r] = now() - a;
    }
    nci_numvec_free(&vec);

    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "ubrk_open: %s\n", u_errorName(st));
        return 1;
    }
    UChar *u = NULL;
    size_t ucap = 0;
    long bounds = 0;
    for (int r = 0; r < runs; r++) {
        double a = now();
        bounds = 0;
        for (size_t i = 0; i < nt; i++) {
            if (texts[i].n + 1 > ucap) {
                ucap = texts[i].n + 1;
                u = realloc(u, ucap * sizeof *u);
            }
            int32_t ulen = 0;
            st = U_ZERO_ERROR;
            u_strFromUTF8(u, (int32_t)ucap, &ulen, texts[i].s, (int32_t)texts[i].n, &st);
            ubrk_setText(bi, u, ulen, &st);
            if (U_FAILURE(st)) {
                fprintf(stderr, "ICU: %s\n", u_errorName(st));
                return 1;
            }
            for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
                bounds++;
        }
        tb[r] = now() - a;
    }
    ubrk_close(bi);
    free(u);

    double mn = median(tn, runs), mb = median(tb, runs);
    printf("number stage:   %8.1f MB/s  (%.1f ms, %zu numbers)\n", bytes / 1e6 / mn, mn * 1e3, found);
    printf("ICU word break: %8.1f MB/s  (%.1f ms, %ld boundaries)\n", bytes / 1e6 / mb, mb * 1e3, bounds);
    printf("ratio: the number stage takes %.2fx the time of one ICU word-break pass (median of %d)\n",
           mn / mb, runs);
    for (size_t i = 0; i < nt; i++)
        free(texts[i].s);
    free(texts);
    nci_numlex_free(lex);
    return 0;
}
