/* ner_eval: entity F1 (exact span and type, PER/ORG/LOC) of the NER tagger on
 * CoNLL token sequences, straight from lib/tagger.c (no extract pipeline).
 *
 *   ner_eval -m data/ner.model [-1] -f FILE ...    every document of FILE
 *   ner_eval -m data/ner.model -H FILE ...         held-out fifth of FILE:
 *        documents with index % 5 == 4 (index from 0; the text before the
 *        first -DOCSTART-, if any, is document 0, as conll_eval.py counts)
 *   ner_eval -B gaz -g GAZ... -f FILE              gazetteer-only baseline:
 *        longest match of the gazetteer lists on capitalised words (not
 *        sentence-initial); a given name + capitalised words is PER
 *   ner_eval -B dict -t TRAIN... [-T TRAIN...] -f FILE   dictionary baseline
 *        (as conll_eval.py baseline: longest match of spans seen in TRAIN;
 *        -T: without the held-out fifth)
 *   -1: first pass only (no second, document-consistency pass)
 *   -S: also time tagging, 20 rounds (MB/s of token text with one space a
 *       token, tokens/s; CPU time of the process)
 *   -p OUT: write "token gold predicted" lines (CoNLL) of the next files
 *
 * Prints P/R/F1 per type and overall for each file.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strdup */
#include "conll.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int keep_heldout(size_t k, void *arg)
{
    (void)arg;
    return k % 5 == 4;
}

static int keep_not_heldout(size_t k, void *arg)
{
    (void)arg;
    return k % 5 != 4;
}

/* ---- baselines ---- */

typedef struct dict_ent {
    char *key; /* tokens joined by ' ' */
    int counts[5]; /* by type: 1 PER, 2 ORG, 3 LOC; 4 given name (gazetteer) */
} dict_ent;

typedef struct dict {
    dict_ent *e;
    size_t n, cap;
    size_t longest;
} dict;

static int cmp_ent(const void *a, const void *b)
{
    return strcmp(((const dict_ent *)a)->key, ((const dict_ent *)b)->key);
}

static char *join(const nci_tagger_token *t, size_t n)
{
    size_t L = 0;
    for (size_t i = 0; i < n; i++)
        L += t[i].len + 1;
    char *s = malloc(L + 1), *p = s;
    if (!s)
        exit(1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = ' ';
        memcpy(p, t[i].ptr, t[i].len);
        p += t[i].len;
    }
    *p = 0;
    return s;
}

static void dict_build(dict *d, const conll_corpus *c)
{
    for (size_t s = 0; s < c->nsent; s++) {
        size_t a = s ? c->sent_end[s - 1] : 0, b = c->sent_end[s];
        for (size_t i = a; i < b;) {
            if (c->gold[i] == NCI_TAG_O) {
                i++;
                continue;
            }
            unsigned ty = NCI_TAG_TYPE(c->gold[i]);
            size_t st = i++;
            while (i < b && c->gold[i] != NCI_TAG_O && !NCI_TAG_IS_B(c->gold[i]))
                i++;
            if (d->n == d->cap) {
                d->cap = d->cap ? d->cap * 2 : 1024;
                d->e = realloc(d->e, d->cap * sizeof *d->e);
                if (!d->e)
                    exit(1);
            }
            memset(&d->e[d->n], 0, sizeof d->e[0]);
            d->e[d->n].key = join(c->tok + st, i - st);
            d->e[d->n].counts[ty] = 1;
            d->n++;
            if (i - st > d->longest)
                d->longest = i - st;
        }
    }
    qsort(d->e, d->n, sizeof *d->e, cmp_ent);
    size_t w = 0;
    for (size_t r = 0; r < d->n; r++) {
        if (w && strcmp(d->e[w - 1].key, d->e[r].key) == 0) {
            for (int t = 0; t < 5; t++)
                d->e[w - 1].counts[t] += d->e[r].counts[t];
            free(d->e[r].key);
        } else {
            d->e[w++] = d->e[r];
        }
    }
    d->n = w;
}

static int dict_type(const dict *d, const nci_tagger_token *t, size_t n)
{
    char *k = join(t, n);
    dict_ent key = {k, {0}};
    dict_ent *e = bsearch(&key, d->e, d->n, sizeof *d->e, cmp_ent);
    free(k);
    if (!e)
        return 0;
    int best = 1;
    for (int ty = 2; ty <= 3; ty++)
        if (e->counts[ty] > e->counts[best])
            best = ty;
    return best;
}

static void dict_tag(const dict *d, const nci_tagger_token *t, size_t n, uint8_t *lab)
{
    memset(lab, 0, n);
    for (size_t i = 0; i < n;) {
        size_t m = d->longest < n - i ? d->longest : n - i;
        int found = 0;
        for (; m > 0; m--) {
            int ty = dict_type(d, t + i, m);
            if (ty) {
                lab[i] = (uint8_t)(2 * ty - 1);
                for (size_t j = 1; j < m; j++)
                    lab[i + j] = (uint8_t)(2 * ty);
                i += m;
                found = 1;
                break;
            }
        }
        if (!found)
            i++;
    }
}

/* Gazetteer-only baseline: gazetteer lines ("name<TAB>category") become
 * dictionary entries: country/region/city -> LOC, org -> ORG, given -> a
 * given name, which starts a PER span with the capitalised words after it. */
static int gaz_load(dict *d, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        size_t L = strlen(line);
        while (L && (line[L - 1] == '\n' || line[L - 1] == '\r'))
            line[--L] = 0;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = 0;
        const char *cat = tab + 1;
        int ty = strcmp(cat, "org") == 0 ? 2
                 : (strcmp(cat, "country") == 0 || strcmp(cat, "region") == 0 ||
                    strcmp(cat, "city") == 0)
                     ? 3
                 : strcmp(cat, "given") == 0 ? 4
                                             : 0;
        if (!ty)
            continue;
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 1024;
            d->e = realloc(d->e, d->cap * sizeof *d->e);
            if (!d->e)
                exit(1);
        }
        memset(&d->e[d->n], 0, sizeof d->e[0]);
        d->e[d->n].key = strdup(line);
        if (!d->e[d->n].key)
            exit(1);
        d->e[d->n].counts[ty] = 1;
        d->n++;
        size_t words = 1;
        for (const char *q = line; *q; q++)
            words += *q == ' ';
        if (words > d->longest)
            d->longest = words > 6 ? 6 : words;
    }
    fclose(f);
    return 0;
}

static void dict_sort(dict *d)
{
    qsort(d->e, d->n, sizeof *d->e, cmp_ent);
    size_t w = 0;
    for (size_t r = 0; r < d->n; r++) {
        if (w && strcmp(d->e[w - 1].key, d->e[r].key) == 0) {
            for (int t = 0; t < 5; t++)
                d->e[w - 1].counts[t] += d->e[r].counts[t];
            free(d->e[r].key);
        } else {
            d->e[w++] = d->e[r];
        }
    }
    d->n = w;
}

static int initcap(const nci_tagger_token *t)
{
    return t->len && t->ptr[0] >= 'A' && t->ptr[0] <= 'Z';
}

static void gaz_tag(const dict *d, const nci_tagger_token *t, size_t n, uint8_t *lab)
{
    memset(lab, 0, n);
    for (size_t i = 0; i < n;) {
        if (!initcap(&t[i]) || i == 0) { /* sentence-initial words: too ambiguous */
            i++;
            continue;
        }
        size_t m = d->longest < n - i ? d->longest : n - i, got = 0;
        int ty = 0;
        for (; m > 0 && !got; m--) {
            char *k = join(t + i, m);
            dict_ent key = {k, {0}};
            dict_ent *e = bsearch(&key, d->e, d->n, sizeof *d->e, cmp_ent);
            free(k);
            if (!e)
                continue;
            /* place and org lists first, then given names */
            ty = e->counts[3] ? 3 : e->counts[2] ? 2 : e->counts[4] ? 4 : 0;
            if (ty)
                got = m;
        }
        if (ty == 4) {
            size_t j = i + got;
            while (j < n && initcap(&t[j]))
                j++;
            if (j == i + got) {
                i++;
                continue;
            }
            got = j - i;
            ty = 1;
        }
        if (!ty) {
            i++;
            continue;
        }
        lab[i] = (uint8_t)(2 * ty - 1);
        for (size_t j = 1; j < got; j++)
            lab[i + j] = (uint8_t)(2 * ty);
        i += got;
    }
}

int main(int argc, char **argv)
{
    const char *model = NULL, *base = NULL, *dump = NULL;
    int first_only = 0, speed = 0;
    conll_corpus train = {0};
    nci_tagger_model *m = NULL;
    dict dc = {0}, gz = {0};
    int rc = 0, gz_sorted = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-1") == 0) {
            first_only = 1;
            continue;
        }
        if (strcmp(a, "-S") == 0) {
            speed = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "usage: see the comment at the top of ner_eval.c\n");
            return 2;
        }
        const char *v = argv[++i];
        if (strcmp(a, "-m") == 0) {
            model = v;
            nc_status st = nci_tagger_model_load_file(model, &m);
            if (st != NC_OK) {
                fprintf(stderr, "cannot load model %s (status %d)\n", model, (int)st);
                return 1;
            }
        } else if (strcmp(a, "-p") == 0) {
            dump = v;
        } else if (strcmp(a, "-B") == 0) {
            base = v;
        } else if (strcmp(a, "-t") == 0 || strcmp(a, "-T") == 0) {
            if (conll_read(&train, v, a[1] == 'T' ? keep_not_heldout : NULL, NULL, 0))
                return 1;
        } else if (strcmp(a, "-g") == 0) {
            if (gaz_load(&gz, v))
                return 1;
            gz_sorted = 0;
        } else if (strcmp(a, "-f") == 0 || strcmp(a, "-H") == 0) {
            conll_corpus c = {0};
            if (conll_read(&c, v, a[1] == 'H' ? keep_heldout : NULL, NULL, 0))
                return 1;
            conll_finish(&c);
            uint8_t *lab = calloc(c.ntok + 1, 1);
            span_score sc = {0};
            nci_tagger_doc *d = NULL;
            if (!lab)
                return 1;
            if (base && strcmp(base, "gaz") == 0 && !gz_sorted) {
                dict_sort(&gz);
                gz_sorted = 1;
            }
            if (base && strcmp(base, "dict") == 0 && dc.n == 0) {
                conll_finish(&train);
                dict_build(&dc, &train);
            }
            if (!base && (!m || nci_tagger_doc_new(m, &d) != NC_OK)) {
                fprintf(stderr, "need -m MODEL before -f/-H\n");
                return 2;
            }
            size_t bytes = 0;
            for (size_t k = 0; k < c.ntok; k++)
                bytes += c.tok[k].len + 1;
            int reps = speed ? 20 : 1;
            struct timespec t0, t1;
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
            for (int rep = 0; rep < reps; rep++) {
                for (size_t k = 0; k < c.ndoc; k++) {
                    size_t s0 = k ? c.doc_end[k - 1] : 0, s1 = c.doc_end[k];
                    size_t a0 = s0 ? c.sent_end[s0 - 1] : 0;
                    size_t ns = s1 - s0;
                    if (base) {
                        for (size_t s = s0; s < s1; s++) {
                            size_t x = s ? c.sent_end[s - 1] : 0, y = c.sent_end[s];
                            if (strcmp(base, "dict") == 0)
                                dict_tag(&dc, c.tok + x, y - x, lab + x);
                            else
                                gaz_tag(&gz, c.tok + x, y - x, lab + x);
                        }
                        continue;
                    }
                    if (first_only) {
                        nci_tagger_doc_reset(d);
                        for (size_t s = s0; s < s1; s++) {
                            size_t x = s ? c.sent_end[s - 1] : 0, y = c.sent_end[s];
                            nci_tagger_doc_observe(d, c.tok + x, y - x);
                        }
                        for (size_t s = s0; s < s1; s++) {
                            size_t x = s ? c.sent_end[s - 1] : 0, y = c.sent_end[s];
                            nci_tagger_tag(m, d, c.tok + x, y - x, lab + x);
                        }
                        continue;
                    }
                    size_t *ends = calloc(ns ? ns : 1, sizeof *ends);
                    if (!ends)
                        return 1;
                    for (size_t j = 0; j < ns; j++)
                        ends[j] = c.sent_end[s0 + j] - a0;
                    nc_status st = nci_tagger_tag_doc(m, d, c.tok + a0, c.sent_end[s1 - 1] - a0,
                                                      ends, ns, lab + a0);
                    free(ends);
                    if (st != NC_OK) {
                        fprintf(stderr, "tagging failed: %d\n", (int)st);
                        return 1;
                    }
                }
            }
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
            double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
            for (size_t s = 0; s < c.nsent; s++) {
                size_t x = s ? c.sent_end[s - 1] : 0, y = c.sent_end[s];
                span_score_add(&sc, c.gold + x, lab + x, y - x);
            }
            FILE *df = dump ? fopen(dump, "a") : NULL;
            for (size_t k = 0; df && k < c.ndoc; k++) {
                size_t s0 = k ? c.doc_end[k - 1] : 0, s1 = c.doc_end[k];
                fprintf(df, "-DOCSTART-\tO\tO\n\n");
                for (size_t s = s0; s < s1; s++) {
                    size_t x = s ? c.sent_end[s - 1] : 0, y = c.sent_end[s];
                    for (size_t j = x; j < y; j++)
                        fprintf(df, "%.*s\t%s\t%s\n", (int)c.tok[j].len, c.tok[j].ptr,
                                nci_tag_name(c.gold[j]), nci_tag_name(lab[j]));
                    fprintf(df, "\n");
                }
            }
            if (df)
                fclose(df);
            char name[512];
            snprintf(name, sizeof name, "%s%s", v, a[1] == 'H' ? "[heldout]" : "");
            printf("%s: %zu documents, %zu sentences, %zu tokens\n", name, c.ndoc, c.nsent, c.ntok);
            span_score_print(&sc, name);
            if (speed)
                printf("%s speed: %.1f MB/s, %.2f M tokens/s\n", name,
                       (double)bytes * reps / secs / 1e6, (double)c.ntok * reps / secs / 1e6);
            nci_tagger_doc_free(d);
            free(lab);
            conll_free(&c);
        } else {
            fprintf(stderr, "unknown option %s\n", a);
            rc = 2;
        }
    }
    for (size_t i = 0; i < dc.n; i++)
        free(dc.e[i].key);
    free(dc.e);
    for (size_t i = 0; i < gz.n; i++)
        free(gz.e[i].key);
    free(gz.e);
    conll_free(&train);
    nci_tagger_model_free(m);
    return rc;
}
