/* bench_pipeline: speed of the pipeline stages against one ICU word-break
 * pass over the same texts, in the same run (DESIGN.md, performance targets).
 *
 *   bench_pipeline CORPUS.jsonl [RUNS]
 *
 * CORPUS.jsonl holds one JSON object per line with the text in "text" (for
 * example ../shared/bench/bbc_news.jsonl).  Every measure is the median of
 * RUNS (default 3) passes over all texts on one thread, in CPU time of that
 * thread; reading the corpus is not timed.  Printed: MB/s of each measure
 * and its time as a multiple of the ICU pass (lower is better).  The
 * targets: load + segment <= 1.5x, and extract (entities, numbers, claims,
 * JSON out, over texts already loaded) <= 1.6x; the whole of load, extract
 * and JSON is printed too. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include "newsclaims.h"

typedef struct {
    char **text;
    size_t *len;
    size_t n, bytes;
} corpus;

/* CPU time of this thread: the measures run one after another on one
 * thread, and time the thread waits for a core (other jobs on the machine)
 * is not the pipeline's. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int load_corpus(const char *path, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t n;
    memset(c, 0, sizeof *c);
    while ((n = getline(&line, &cap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)n, 0, NULL);
        json_t *t = o ? json_object_get(o, "text") : NULL;
        if (json_is_string(t)) {
            if (c->n == alloc) {
                alloc = alloc ? alloc * 2 : 1024;
                c->text = realloc(c->text, alloc * sizeof *c->text);
                c->len = realloc(c->len, alloc * sizeof *c->len);
            }
            c->len[c->n] = json_string_length(t);
            c->text[c->n] = malloc(c->len[c->n] + 1);
            memcpy(c->text[c->n], json_string_value(t), c->len[c->n] + 1);
            c->bytes += c->len[c->n];
            c->n++;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return c->n ? 0 : -1;
}

/* The baseline: UTF-8 to UTF-16, then every word boundary. */
static double icu_words(const corpus *c, size_t *count)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    UChar *buf = NULL;
    int32_t cap = 0;
    size_t k = 0;
    double t0 = now();
    for (size_t i = 0; i < c->n; i++) {
        int32_t need = 0;
        st = U_ZERO_ERROR;
        u_strFromUTF8(NULL, 0, &need, c->text[i], (int32_t)c->len[i], &st);
        if (need + 1 > cap) {
            cap = need + 1;
            buf = realloc(buf, (size_t)cap * sizeof *buf);
        }
        st = U_ZERO_ERROR;
        u_strFromUTF8(buf, cap, &need, c->text[i], (int32_t)c->len[i], &st);
        ubrk_setText(bi, buf, need, &st);
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            k++;
    }
    double t = now() - t0;
    ubrk_close(bi);
    free(buf);
    *count = k;
    return t;
}

static double load_segment(const nc_ctx *ctx, const corpus *c, size_t *count)
{
    size_t k = 0;
    double t0 = now();
    for (size_t i = 0; i < c->n; i++) {
        nc_doc *d;
        if (nc_doc_load_buffer(ctx, c->text[i], c->len[i], "b", 0, &d, NULL) != NC_OK)
            continue;
        k += nc_doc_token_count(d);
        nc_doc_free(d);
    }
    *count = k;
    return now() - t0;
}

/* Extract and JSON out, as DESIGN.md's target defines it (entities,
 * numbers, claims, JSON out): the texts are loaded and segmented first, not
 * timed (load + segment has a target of its own). */
static double extract_only(const nc_ctx *ctx, const corpus *c, size_t *count)
{
    nc_doc **docs = calloc(c->n, sizeof *docs);
    size_t k = 0;
    if (!docs) {
        *count = 0;
        return 0;
    }
    for (size_t i = 0; i < c->n; i++)
        if (nc_doc_load_buffer(ctx, c->text[i], c->len[i], "b", 0, &docs[i], NULL) != NC_OK)
            docs[i] = NULL;
    double t0 = now();
    for (size_t i = 0; i < c->n; i++) {
        char *js;
        size_t n;
        if (docs[i] && nc_doc_json(ctx, docs[i], NC_JSON_DEFAULT, &js, &n, NULL) == NC_OK) {
            k += n;
            nc_free(js);
        }
    }
    double t = now() - t0;
    for (size_t i = 0; i < c->n; i++)
        nc_doc_free(docs[i]);
    free(docs);
    *count = k;
    return t;
}

/* Load, segment, extract and JSON out, one text after another. */
static double extract_json(const nc_ctx *ctx, const corpus *c, size_t *count)
{
    size_t k = 0;
    double t0 = now();
    for (size_t i = 0; i < c->n; i++) {
        nc_doc *d;
        char *js;
        size_t n;
        if (nc_doc_load_buffer(ctx, c->text[i], c->len[i], "b", 0, &d, NULL) != NC_OK)
            continue;
        if (nc_doc_json(ctx, d, NC_JSON_DEFAULT, &js, &n, NULL) == NC_OK) {
            k += n;
            nc_free(js);
        }
        nc_doc_free(d);
    }
    *count = k;
    return now() - t0;
}

/* Our sentence boundaries against ICU's iterator on every text: prints how
 * many texts agree, and the first disagreements. */
static void compare_sentences(const nc_ctx *own, const nc_ctx *icu, const corpus *c, int show)
{
    size_t same = 0, sents = 0, diff = 0;
    for (size_t i = 0; i < c->n; i++) {
        nc_doc *a, *b;
        if (nc_doc_load_buffer(own, c->text[i], c->len[i], "a", 0, &a, NULL) != NC_OK)
            continue;
        if (nc_doc_load_buffer(icu, c->text[i], c->len[i], "b", 0, &b, NULL) != NC_OK) {
            nc_doc_free(a);
            continue;
        }
        size_t na = nc_doc_sentence_count(a), nb = nc_doc_sentence_count(b);
        int eq = na == nb;
        for (size_t k = 0; eq && k < na; k++) {
            size_t s1, e1, s2, e2;
            nc_doc_sentence_span(a, k, &s1, &e1);
            nc_doc_sentence_span(b, k, &s2, &e2);
            eq = s1 == s2 && e1 == e2;
        }
        sents += nb;
        if (eq) {
            same++;
        } else {
            diff++;
            if (show-- > 0) {
                size_t k = 0, s1 = 0, e1 = 0, s2 = 0, e2 = 0;
                for (; k < na && k < nb; k++) {
                    nc_doc_sentence_span(a, k, &s1, &e1);
                    nc_doc_sentence_span(b, k, &s2, &e2);
                    if (s1 != s2 || e1 != e2)
                        break;
                }
                fprintf(stderr, "text %zu, sentence %zu: own [%zu,%zu) \"%.*s\"\n   icu [%zu,%zu) \"%.*s\"\n", i,
                        k, s1, e1, (int)(e1 - s1 > 160 ? 160 : e1 - s1), c->text[i] + s1, s2, e2,
                        (int)(e2 - s2 > 160 ? 160 : e2 - s2), c->text[i] + s2);
            }
        }
        nc_doc_free(a);
        nc_doc_free(b);
    }
    printf("sentences: own rules and ICU's iterator agree on %zu of %zu texts (%zu sentences)\n", same,
           same + diff, sents);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS.jsonl [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    if (runs < 1 || runs > 50)
        runs = 3;
    corpus c;
    if (load_corpus(argv[1], &c)) {
        fprintf(stderr, "%s: no texts\n", argv[1]);
        return 1;
    }
    nc_ctx *ctx, *icuctx;
    if (nc_ctx_new(NC_CTX_DEFAULT, &ctx, NULL) != NC_OK ||
        nc_ctx_new(NC_CTX_ICU_SENTENCES, &icuctx, NULL) != NC_OK)
        return 1;
    double t_icu[50], t_seg[50], t_ext[50], t_seg_icu[50], t_all[50];
    size_t n_icu = 0, n_seg = 0, n_ext = 0, n_seg_icu = 0, n_all = 0;
    for (int r = 0; r < runs; r++) {
        t_icu[r] = icu_words(&c, &n_icu);
        t_seg[r] = load_segment(ctx, &c, &n_seg);
        t_seg_icu[r] = load_segment(icuctx, &c, &n_seg_icu);
        t_ext[r] = extract_only(ctx, &c, &n_ext);
        t_all[r] = extract_json(ctx, &c, &n_all);
    }
    qsort(t_seg_icu, (size_t)runs, sizeof(double), cmp);
    qsort(t_icu, (size_t)runs, sizeof(double), cmp);
    qsort(t_seg, (size_t)runs, sizeof(double), cmp);
    qsort(t_ext, (size_t)runs, sizeof(double), cmp);
    qsort(t_all, (size_t)runs, sizeof(double), cmp);
    double icu = t_icu[runs / 2], seg = t_seg[runs / 2], ext = t_ext[runs / 2];
    double mb = (double)c.bytes / 1e6;
    printf("corpus: %zu texts, %.2f MB; median of %d runs, one thread\n", c.n, mb, runs);
    printf("%-28s %8.1f MB/s  %5.2fx  (%zu boundaries)\n", "ICU word-break pass (UTF-16)", mb / icu, 1.0, n_icu);
    printf("%-28s %8.1f MB/s  %5.2fx  (%zu tokens; target <= 1.5x)\n", "load + segment", mb / seg, seg / icu, n_seg);
    printf("%-28s %8.1f MB/s  %5.2fx  (%zu tokens)\n", "load + segment, ICU sentences", mb / t_seg_icu[runs / 2],
           t_seg_icu[runs / 2] / icu, n_seg_icu);
    printf("%-28s %8.1f MB/s  %5.2fx  (%zu JSON bytes; target <= 1.6x)\n", "extract + JSON", mb / ext, ext / icu, n_ext);
    printf("%-28s %8.1f MB/s  %5.2fx  (%zu JSON bytes)\n", "load + extract + JSON", mb / t_all[runs / 2],
           t_all[runs / 2] / icu, n_all);
    compare_sentences(ctx, icuctx, &c, getenv("NC_BENCH_SHOW") ? atoi(getenv("NC_BENCH_SHOW")) : 0);
    nc_ctx_free(icuctx);
    nc_ctx_free(ctx);
    for (size_t i = 0; i < c.n; i++)
        free(c.text[i]);
    free(c.text);
    free(c.len);
    return 0;
}
