/* CoNLL reader and span scorer for the NER tools.  See conll.h. */
#include "conll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int end_sentence(conll_corpus *c, size_t sent_start_tok)
{
    if (c->ntok == sent_start_tok)
        return 0;
    if (grow((void **)&c->sent_end, &c->cap_sent, c->nsent + 1, sizeof(size_t)))
        return -1;
    c->sent_end[c->nsent++] = c->ntok;
    return 0;
}

static int end_doc(conll_corpus *c, size_t doc_start_sent)
{
    if (c->nsent == doc_start_sent)
        return 0;
    if (grow((void **)&c->doc_end, &c->cap_doc, c->ndoc + 1, sizeof(size_t)))
        return -1;
    c->doc_end[c->ndoc++] = c->nsent;
    return 0;
}

typedef struct reader {
    conll_corpus *c;
    size_t doc_sent0, sent_tok0, mark_arena;
} reader;

/* Close the current document: keep it or drop what was read of it. */
static int close_doc(reader *r, int keepit)
{
    conll_corpus *c = r->c;
    if (end_sentence(c, r->sent_tok0))
        return -1;
    if (!keepit) {
        c->ntok = r->doc_sent0 ? c->sent_end[r->doc_sent0 - 1] : 0;
        c->nsent = r->doc_sent0;
        c->arena_len = r->mark_arena;
    } else if (end_doc(c, r->doc_sent0)) {
        return -1;
    }
    r->doc_sent0 = c->nsent;
    r->sent_tok0 = c->ntok;
    r->mark_arena = c->arena_len;
    return 0;
}

int conll_read(conll_corpus *c, const char *path, int (*keep)(size_t, void *), void *arg,
               int sentence_docs)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    char line[8192];
    size_t docno = 0, lineno = 0;
    int any = 0; /* the current document has tokens */
    reader r = {c, c->nsent, c->ntok, c->arena_len};
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t L = strlen(line);
        while (L && (line[L - 1] == '\n' || line[L - 1] == '\r'))
            line[--L] = 0;
        int docstart = strncmp(line, "-DOCSTART-", 10) == 0;
        if (docstart || L == 0) {
            if (docstart || sentence_docs) {
                if (any) {
                    if (close_doc(&r, keep ? keep(docno, arg) : 1))
                        goto oom;
                    docno++;
                }
                any = 0;
            } else {
                if (end_sentence(c, r.sent_tok0))
                    goto oom;
                r.sent_tok0 = c->ntok;
            }
            continue;
        }
        any = 1;
        char *tab = strrchr(line, '\t');
        if (!tab)
            tab = strrchr(line, ' ');
        if (!tab) {
            fprintf(stderr, "%s:%zu: no tag\n", path, lineno);
            fclose(f);
            return -1;
        }
        char *tag = tab + 1;
        char *tokend = strchr(line, '\t');
        if (!tokend)
            tokend = strchr(line, ' ');
        size_t tl = (size_t)(tokend - line);
        int t = nci_tag_from_name(tag, strlen(tag));
        if (t < 0)
            t = NCI_TAG_O; /* MISC and others */
        if (grow((void **)&c->arena, &c->arena_cap, c->arena_len + tl + 1, 1) ||
            grow((void **)&c->tok_off, &c->cap_tok, c->ntok + 1, sizeof(size_t)))
            goto oom;
        size_t cap = c->cap_tok;
        void *g = realloc(c->gold, cap);
        if (!g)
            goto oom;
        c->gold = g;
        void *tk = realloc(c->tok, cap * sizeof *c->tok);
        if (!tk)
            goto oom;
        c->tok = tk;
        memcpy(c->arena + c->arena_len, line, tl);
        c->tok_off[c->ntok] = c->arena_len;
        c->tok[c->ntok].len = tl;
        c->tok[c->ntok].ptr = NULL;
        c->arena_len += tl;
        /* IOB repair: I-X after anything but B-X/I-X becomes B-X */
        if (t != NCI_TAG_O && !NCI_TAG_IS_B(t)) {
            int prev = c->ntok > r.sent_tok0 ? c->gold[c->ntok - 1] : NCI_TAG_O;
            if (prev == NCI_TAG_O || NCI_TAG_TYPE(prev) != NCI_TAG_TYPE(t))
                t -= 1;
        }
        c->gold[c->ntok++] = (uint8_t)t;
    }
    fclose(f);
    if (any && close_doc(&r, keep ? keep(docno, arg) : 1))
        return -1;
    return 0;
oom:
    fclose(f);
    fprintf(stderr, "out of memory\n");
    return -1;
}

void conll_finish(conll_corpus *c)
{
    for (size_t i = 0; i < c->ntok; i++)
        c->tok[i].ptr = c->arena + c->tok_off[i];
}

void conll_free(conll_corpus *c)
{
    free(c->arena);
    free(c->tok);
    free(c->tok_off);
    free(c->gold);
    free(c->sent_end);
    free(c->doc_end);
    memset(c, 0, sizeof *c);
}

/* spans as (start, end, type) in an array; returns count */
static size_t spans(const uint8_t *l, size_t n, size_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (l[i] == NCI_TAG_O) {
            i++;
            continue;
        }
        unsigned ty = NCI_TAG_TYPE(l[i]);
        size_t s = i++;
        while (i < n && l[i] != NCI_TAG_O && !NCI_TAG_IS_B(l[i]) && NCI_TAG_TYPE(l[i]) == ty)
            i++;
        out[3 * k] = s;
        out[3 * k + 1] = i;
        out[3 * k + 2] = ty;
        k++;
    }
    return k;
}

void span_score_add(span_score *s, const uint8_t *gold, const uint8_t *pred, size_t n)
{
    size_t *g = malloc(3 * (n + 1) * sizeof *g), *p = malloc(3 * (n + 1) * sizeof *p);
    if (!g || !p) {
        free(g);
        free(p);
        return;
    }
    size_t ng = spans(gold, n, g), np = spans(pred, n, p);
    for (size_t i = 0; i < np; i++) {
        int hit = 0;
        for (size_t j = 0; j < ng && !hit; j++)
            hit = g[3 * j] == p[3 * i] && g[3 * j + 1] == p[3 * i + 1] && g[3 * j + 2] == p[3 * i + 2];
        if (hit)
            s->tp[p[3 * i + 2]]++;
        else
            s->fp[p[3 * i + 2]]++;
    }
    for (size_t j = 0; j < ng; j++) {
        int hit = 0;
        for (size_t i = 0; i < np && !hit; i++)
            hit = g[3 * j] == p[3 * i] && g[3 * j + 1] == p[3 * i + 1] && g[3 * j + 2] == p[3 * i + 2];
        if (!hit)
            s->fn[g[3 * j + 2]]++;
    }
    free(g);
    free(p);
}

static void prf(size_t tp, size_t fp, size_t fn, double *P, double *R, double *F)
{
    *P = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
    *R = tp + fn ? (double)tp / (double)(tp + fn) : 0.0;
    *F = *P + *R > 0 ? 2 * *P * *R / (*P + *R) : 0.0;
}

double span_score_f1(const span_score *s, int type)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (int t = 1; t <= 3; t++)
        if (type == 0 || type == t) {
            tp += s->tp[t];
            fp += s->fp[t];
            fn += s->fn[t];
        }
    double P, R, F;
    prf(tp, fp, fn, &P, &R, &F);
    return F;
}

void span_score_print(const span_score *s, const char *name)
{
    static const char *tn[4] = {"ALL", "PER", "ORG", "LOC"};
    size_t tp = 0, fp = 0, fn = 0;
    for (int t = 1; t <= 3; t++) {
        double P, R, F;
        prf(s->tp[t], s->fp[t], s->fn[t], &P, &R, &F);
        printf("%s %s: P=%.3f R=%.3f F1=%.3f (gold %zu, predicted %zu)\n", name, tn[t], P, R, F,
               s->tp[t] + s->fn[t], s->tp[t] + s->fp[t]);
        tp += s->tp[t];
        fp += s->fp[t];
        fn += s->fn[t];
    }
    double P, R, F;
    prf(tp, fp, fn, &P, &R, &F);
    printf("%s ALL: P=%.3f R=%.3f F1=%.3f\n", name, P, R, F);
}
