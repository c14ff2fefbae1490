/* train_tagger: trains the NER tagger's model (lib/tagger.c) from CoNLL files.
 *
 *   train_tagger [options] -o data/ner.model
 *     -t FILE      training file, all documents
 *     -T FILE      training file without its held-out fifth (documents with
 *                  index % 5 == 4, counted as ner_eval --heldout counts them)
 *     -s FILE      training file whose sentences are independent documents
 *                  (tweets: BTC, WNUT-17)
 *     -g FILE      gazetteer (data/gaz_*.tsv: "name<TAB>category" lines)
 *     -e N         epochs (default 14)
 *     -b BITS      log2 of the model's feature table (default 18)
 *     -n N         keep at most the N most important features (default
 *                  90000: the table stays about a third full, so lookups of
 *                  unknown features stop after one or two probes)
 *     -r SEED      shuffling seed (default 1)
 *     -a RATE      headline augmentation: copy this fraction of sentences in
 *                  title case and all caps (default 0.05)
 *     -j J         stacking: document evidence in training comes from J
 *                  models each trained without 1/J of the documents
 *                  (default 0: from the model's own predictions)
 *     -k K         K training runs with different shuffles, weights averaged
 *                  (default 2)
 *     -c C         passive-aggressive updates (PA-I) with this cap; 0: plain
 *                  perceptron steps (default 0)
 *     -p P         feature dropout: leave each feature out of a sentence
 *                  visit with probability P in training (default 0)
 *     -d FILE      development file: print its F1 after training
 *     -o FILE      output model
 *
 * Averaged structured perceptron (Collins 2002) with Viterbi decoding over
 * BIO, trained on the same features and the same two-pass document decoding
 * as the library uses (nci_tagger_features), so training and tagging can't
 * drift apart.  Reproducible: the only randomness is a xorshift generator
 * seeded by -r.
 */
#include "conll.h"
#include "tagger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NT NCI_TAG_COUNT

/* ------------------------------------------------------------------ */
/* Weights: hash map from feature hash to a row of NT weights, with the
 * accumulators of the averaging trick (w_avg = w - acc / c). */

typedef struct wmap {
    uint64_t *key; /* 0 = empty */
    uint32_t *idx;
    size_t mask, n;
    float *w;
    double *acc;
    size_t cap;
} wmap;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return q;
}

static void *xcalloc(size_t n, size_t e)
{
    void *q = calloc(n ? n : 1, e);
    if (!q) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return q;
}

static inline uint64_t nz(uint64_t k)
{
    return k ? k : 1;
}

static long wmap_find(const wmap *m, uint64_t k)
{
    k = nz(k);
    size_t i = (k >> 7) & m->mask;
    for (;;) {
        if (m->key[i] == k)
            return m->idx[i];
        if (!m->key[i])
            return -1;
        i = (i + 1) & m->mask;
    }
}

static size_t wmap_get(wmap *m, uint64_t k)
{
    long f = wmap_find(m, k);
    if (f >= 0)
        return (size_t)f;
    if ((m->n + 1) * 2 > m->mask + 1) {
        size_t nm = m->mask * 2 + 1;
        uint64_t *nk = xcalloc(nm + 1, sizeof *nk);
        uint32_t *ni = xcalloc(nm + 1, sizeof *ni);
        for (size_t i = 0; i <= m->mask; i++) {
            if (!m->key[i])
                continue;
            size_t j = (m->key[i] >> 7) & nm;
            while (nk[j])
                j = (j + 1) & nm;
            nk[j] = m->key[i];
            ni[j] = m->idx[i];
        }
        free(m->key);
        free(m->idx);
        m->key = nk;
        m->idx = ni;
        m->mask = nm;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 65536;
        m->w = xrealloc(m->w, m->cap * NT * sizeof *m->w);
        m->acc = xrealloc(m->acc, m->cap * NT * sizeof *m->acc);
    }
    k = nz(k);
    size_t i = (k >> 7) & m->mask;
    while (m->key[i])
        i = (i + 1) & m->mask;
    m->key[i] = k;
    m->idx[i] = (uint32_t)m->n;
    memset(m->w + m->n * NT, 0, NT * sizeof *m->w);
    memset(m->acc + m->n * NT, 0, NT * sizeof *m->acc);
    return m->n++;
}

/* Transition weights (8 rows: 7 labels + run start) and run-end weights,
 * with their accumulators. */
typedef struct trans_w {
    float t[8 * NT], e[NT];
    double ta[8 * NT], ea[NT];
} trans_w;

/* ------------------------------------------------------------------ */

static uint64_t rng_state;
static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* Titles before names.  GUM and wikigold (CoNLL guidelines) leave them out
 * of PER spans ("President [Obama]"); the tweet sets often put them in.
 * Training spans are cut to the GUM convention. */
static const char *const titles[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "professor",
    "president", "vice", "justice", "judge", "senator", "sen.", "sen", "rep.", "rep",
    "governor", "gov.", "gov", "mayor", "minister", "prime", "premier", "chancellor", "king",
    "queen", "prince", "princess", "pope", "lord", "lady", "sir", "dame", "chief", "general",
    "gen.", "gen", "col.", "colonel", "capt.", "captain", "lt.", "lieutenant", "sgt.",
    "sergeant", "coach", "ambassador", "secretary", "emperor", "empress", "sheikh", "rev.",
    "reverend", "father", "saint", "officer", "commissioner", "director", "ceo", "chairman",
    "speaker", "admiral", "detective", "inspector", "attorney", "councillor", "councilman",
    "congressman", "congresswoman", "representative", "superintendent", "uncle", "aunt", NULL};

static int is_title(const char *p, size_t len)
{
    char low[24];
    if (len >= sizeof low)
        return 0;
    for (size_t k = 0; k < len; k++)
        low[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
    low[len] = 0;
    for (int k = 0; titles[k]; k++)
        if (strcmp(titles[k], low) == 0)
            return 1;
    return 0;
}

static size_t strip_titles(conll_corpus *c)
{
    size_t n = 0;
    for (size_t i = 0; i + 1 < c->ntok; i++) {
        if (c->gold[i] != NCI_TAG_B_PER || c->gold[i + 1] != NCI_TAG_I_PER)
            continue;
        const char *p = c->arena + c->tok_off[i];
        if (!is_title(p, c->tok[i].len))
            continue;
        c->gold[i] = NCI_TAG_O;
        c->gold[i + 1] = NCI_TAG_B_PER;
        n++;
    }
    return n;
}

static int keep_not_heldout(size_t k, void *arg)
{
    (void)arg;
    return k % 5 != 4;
}

/* Gold labels restricted to candidates: non-candidates are O, and an I- left
 * without its B- becomes B- (the span is cut where the tagger can't reach). */
static void gold_on_candidates(const uint8_t *gold, const uint8_t *cand, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t g = cand[i] ? gold[i] : NCI_TAG_O;
        if (g != NCI_TAG_O && !NCI_TAG_IS_B(g)) {
            uint8_t p = i ? out[i - 1] : NCI_TAG_O;
            if (p == NCI_TAG_O || NCI_TAG_TYPE(p) != NCI_TAG_TYPE(g))
                g -= 1;
        }
        out[i] = g;
    }
}

typedef struct trainer {
    wmap W;
    trans_w T;
    double c; /* update counter for averaging */
    const nci_tagger_gaz *gaz;
    nci_tagger_doc *doc;
    float *emit;
    uint8_t *back, *pred, *gold, *pass1;
    size_t cap;
    size_t updates, errors;
    double pa_c; /* > 0: passive-aggressive steps capped at pa_c */
    double drop; /* feature dropout rate in training */
    uint64_t visit; /* counter of sentence visits (dropout) */
} trainer;

static void tr_reserve(trainer *tr, size_t n)
{
    if (n <= tr->cap)
        return;
    tr->cap = n * 2;
    tr->emit = xrealloc(tr->emit, tr->cap * NT * sizeof(float));
    tr->back = xrealloc(tr->back, tr->cap * NT);
    tr->pred = xrealloc(tr->pred, tr->cap);
    tr->gold = xrealloc(tr->gold, tr->cap);
}

/* Feature dropout: in training, a feature is left out of one sentence visit
 * with probability tr->drop (decided by a hash of the feature and the visit,
 * so scoring and update agree). */
static inline int dropped(const trainer *tr, uint64_t f)
{
    if (tr->drop <= 0)
        return 0;
    uint64_t x = (f ^ tr->visit) * 0x9e3779b97f4a7c15ULL;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 32;
    return (double)(x & 0xffffff) < tr->drop * 16777216.0;
}

static void upd_feats(trainer *tr, const uint64_t *F, uint32_t a, uint32_t b, unsigned lab, float d)
{
    for (uint32_t k = a; k < b; k++) {
        if (dropped(tr, F[k]))
            continue;
        size_t r = wmap_get(&tr->W, F[k]);
        tr->W.w[r * NT + lab] += d;
        tr->W.acc[r * NT + lab] += tr->c * d;
    }
}

static void upd_trans(trainer *tr, unsigned row, unsigned lab, float d)
{
    tr->T.t[row * NT + lab] += d;
    tr->T.ta[row * NT + lab] += tr->c * d;
}

static void upd_end(trainer *tr, unsigned lab, float d)
{
    tr->T.e[lab] += d;
    tr->T.ea[lab] += tr->c * d;
}

/* Decode one sentence with the current weights (pred), and if learn, update
 * towards gold.  Features are extracted with the document state as it is. */
static void sentence(trainer *tr, const nci_tagger_token *toks, const uint8_t *gold_in, size_t n,
                     int learn)
{
    const uint8_t *cand;
    const uint64_t *F;
    const uint32_t *off;
    tr_reserve(tr, n + 1);
    if (nci_tagger_features(tr->gaz, tr->doc, toks, n, &cand, &F, &off) != NC_OK) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    if (gold_in)
        gold_on_candidates(gold_in, cand, n, tr->gold);
    if (tr->drop > 0)
        tr->visit = rng(); /* only then: the default model stays reproducible */
    size_t i = 0;
    while (i < n) {
        if (!cand[i]) {
            tr->pred[i++] = NCI_TAG_O;
            continue;
        }
        size_t s = i;
        while (i < n && cand[i]) {
            float *e = tr->emit + (i - s) * NT;
            for (unsigned t = 0; t < NT; t++)
                e[t] = 0;
            for (uint32_t k = off[i]; k < off[i + 1]; k++) {
                if (learn && dropped(tr, F[k]))
                    continue;
                long r = wmap_find(&tr->W, F[k]);
                if (r >= 0)
                    for (unsigned t = 0; t < NT; t++)
                        e[t] += tr->W.w[(size_t)r * NT + t];
            }
            i++;
        }
        size_t len = i - s;
        nci_tagger_viterbi(tr->emit, len, tr->T.t, tr->T.e, tr->back, tr->pred + s);
        if (!learn)
            continue;
        const uint8_t *g = tr->gold + s, *p = tr->pred + s;
        if (memcmp(g, p, len) == 0) {
            tr->c += 1;
            continue;
        }
        tr->errors++;
        float step = 1.0f;
        if (tr->pa_c > 0) {
            /* passive-aggressive (PA-I, Crammer et al. 2006): the smallest
             * step that puts gold ahead of the prediction by a margin of the
             * Hamming loss, capped at C */
            double sg = 0, sp = 0, norm = 0, loss = 0;
            for (size_t j = 0; j < len; j++) {
                unsigned gp = j ? g[j - 1] : 7, pp = j ? p[j - 1] : 7;
                sg += tr->emit[j * NT + g[j]] + tr->T.t[gp * NT + g[j]];
                sp += tr->emit[j * NT + p[j]] + tr->T.t[pp * NT + p[j]];
                if (g[j] != p[j]) {
                    loss += 1;
                    norm += 2.0 * (off[s + j + 1] - off[s + j]);
                }
                if (g[j] != p[j] || gp != pp)
                    norm += 2;
            }
            sg += tr->T.e[g[len - 1]];
            sp += tr->T.e[p[len - 1]];
            if (g[len - 1] != p[len - 1])
                norm += 2;
            double tau = norm > 0 ? (sp - sg + loss) / norm : 0;
            if (tau > tr->pa_c)
                tau = tr->pa_c;
            if (tau <= 0) {
                tr->c += 1;
                continue;
            }
            step = (float)tau;
        }
        for (size_t j = 0; j < len; j++) {
            unsigned gp = j ? g[j - 1] : 7, pp = j ? p[j - 1] : 7;
            if (g[j] != p[j]) {
                upd_feats(tr, F, off[s + j], off[s + j + 1], g[j], step);
                upd_feats(tr, F, off[s + j], off[s + j + 1], p[j], -step);
            }
            if (g[j] != p[j] || gp != pp) {
                upd_trans(tr, gp, g[j], step);
                upd_trans(tr, pp, p[j], -step);
            }
        }
        if (g[len - 1] != p[len - 1]) {
            upd_end(tr, g[len - 1], step);
            upd_end(tr, p[len - 1], -step);
        }
        tr->updates++;
        tr->c += 1;
    }
}

/* One document, both passes, as nci_tagger_tag_doc does it.  out1/out2 (if
 * not NULL, indexed like the corpus) get the predictions of each pass.  If
 * fix1/fix2 are given, the document evidence (label history, first-pass
 * labels) is built from them instead of from this model's predictions: the
 * labels a model trained without this document gave it (stacking, see -j). */
static void document(trainer *tr, const conll_corpus *c, size_t d, int learn, uint8_t *out1,
                     uint8_t *out2, const uint8_t *fix1, const uint8_t *fix2)
{
    size_t s0 = d ? c->doc_end[d - 1] : 0, s1 = c->doc_end[d];
    size_t t0 = s0 ? c->sent_end[s0 - 1] : 0, t1 = c->sent_end[s1 - 1];
    size_t ns = s1 - s0;
    size_t *ends = xrealloc(NULL, ns * sizeof *ends);
    for (size_t k = 0; k < ns; k++)
        ends[k] = c->sent_end[s0 + k] - t0;
    nci_tagger_doc_reset(tr->doc);
    nci_tagger_doc_observe_all(tr->doc, c->tok + t0, t1 - t0, ends, ns);
    uint8_t *p1 = xrealloc(NULL, t1 - t0 + 1);
    for (int pass = 0; pass < 2; pass++) {
        size_t prev = 0;
        const uint8_t *fix = pass ? fix2 : fix1;
        for (size_t k = 0; k < ns; k++) {
            size_t n = ends[k] - prev;
            const uint8_t *first = fix1 ? fix1 + t0 + prev : p1 + prev;
            nci_tagger_doc_set_pass1(tr->doc, pass ? first : NULL);
            sentence(tr, c->tok + t0 + prev, c->gold + t0 + prev, n, learn);
            if (!pass)
                memcpy(p1 + prev, tr->pred, n);
            uint8_t *o = pass ? out2 : out1;
            if (o)
                memcpy(o + t0 + prev, tr->pred, n);
            nci_tagger_doc_record(tr->doc, c->tok + t0 + prev, n,
                                  fix ? fix + t0 + prev : tr->pred);
            prev = ends[k];
        }
        if (!pass)
            nci_tagger_doc_second_pass(tr->doc);
    }
    nci_tagger_doc_set_pass1(tr->doc, NULL);
    free(p1);
    free(ends);
}

/* Train tr (fresh weights) for epochs over the documents d with
 * d % folds != fold (folds 0: all). */
static void train_run(trainer *tr, const conll_corpus *tc, int epochs, size_t folds, size_t fold,
                      const uint8_t *fix1, const uint8_t *fix2, const char *what)
{
    if (tr->W.key == NULL) {
        tr->W.mask = (1u << 20) - 1;
        tr->W.key = xcalloc(tr->W.mask + 1, sizeof *tr->W.key);
        tr->W.idx = xcalloc(tr->W.mask + 1, sizeof *tr->W.idx);
    } else {
        memset(tr->W.key, 0, (tr->W.mask + 1) * sizeof *tr->W.key);
    }
    tr->W.n = 0;
    memset(&tr->T, 0, sizeof tr->T);
    tr->c = 1;
    if (!tr->doc && nci_tagger_doc_new_raw(&tr->doc) != NC_OK)
        exit(1);
    size_t *order = xcalloc(tc->ndoc, sizeof *order), n = 0;
    for (size_t d = 0; d < tc->ndoc; d++)
        if (folds == 0 || d % folds != fold)
            order[n++] = d;
    clock_t t0 = clock();
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t d = n; d > 1; d--) {
            size_t j = rng() % d;
            size_t x = order[d - 1];
            order[d - 1] = order[j];
            order[j] = x;
        }
        tr->updates = tr->errors = 0;
        for (size_t k = 0; k < n; k++)
            document(tr, tc, order[k], 1, NULL, NULL, fix1, fix2);
        fprintf(stderr, "%s epoch %d: %zu runs wrong, %zu features, %.1fs\n", what, ep + 1,
                tr->errors, tr->W.n, (double)(clock() - t0) / CLOCKS_PER_SEC);
    }
    /* the decoding weights become the averaged ones */
    for (size_t i = 0; i < tr->W.n * NT; i++)
        tr->W.w[i] = (float)(tr->W.w[i] - tr->W.acc[i] / tr->c);
    for (int i = 0; i < 8 * NT; i++)
        tr->T.t[i] = (float)(tr->T.t[i] - tr->T.ta[i] / tr->c);
    for (int i = 0; i < NT; i++)
        tr->T.e[i] = (float)(tr->T.e[i] - tr->T.ea[i] / tr->c);
    free(order);
}

/* Headline augmentation: a copy of some sentences in title case or all caps,
 * so that the headline templates learn that capitals there mean little. */
static void augment(conll_corpus *c, double rate)
{
    size_t ns = c->nsent, nd = c->ndoc;
    for (size_t d = 0; d < nd; d++) {
        size_t s0 = d ? c->doc_end[d - 1] : 0, s1 = c->doc_end[d];
        size_t added = 0;
        for (size_t s = s0; s < s1; s++) {
            if ((double)(rng() % 1000000) / 1e6 >= rate)
                continue;
            size_t a = s ? c->sent_end[s - 1] : 0, b = c->sent_end[s];
            int caps = rng() % 3 == 0;
            if (b - a < 3 || b - a > 40)
                continue;
            /* a new one-sentence document */
            size_t need = c->ntok + (b - a);
            if (need > c->cap_tok) {
                c->cap_tok = need * 2;
                c->tok = xrealloc(c->tok, c->cap_tok * sizeof *c->tok);
                c->tok_off = xrealloc(c->tok_off, c->cap_tok * sizeof *c->tok_off);
                c->gold = xrealloc(c->gold, c->cap_tok);
            }
            for (size_t i = a; i < b; i++) {
                size_t L = c->tok[i].len;
                if (c->arena_len + L + 1 > c->arena_cap) {
                    c->arena_cap = (c->arena_len + L + 1) * 2;
                    c->arena = xrealloc(c->arena, c->arena_cap);
                }
                char *dst = c->arena + c->arena_len;
                memcpy(dst, c->arena + c->tok_off[i], L);
                if (caps) {
                    for (size_t k = 0; k < L; k++)
                        if (dst[k] >= 'a' && dst[k] <= 'z')
                            dst[k] -= 32;
                } else if (L >= 4 && dst[0] >= 'a' && dst[0] <= 'z') {
                    dst[0] -= 32;
                }
                c->tok_off[c->ntok] = c->arena_len;
                c->tok[c->ntok].len = L;
                c->gold[c->ntok] = c->gold[i];
                c->arena_len += L;
                c->ntok++;
            }
            if (c->nsent + 1 > c->cap_sent) {
                c->cap_sent = (c->nsent + 1) * 2;
                c->sent_end = xrealloc(c->sent_end, c->cap_sent * sizeof *c->sent_end);
            }
            c->sent_end[c->nsent++] = c->ntok;
            if (c->ndoc + 1 > c->cap_doc) {
                c->cap_doc = (c->ndoc + 1) * 2;
                c->doc_end = xrealloc(c->doc_end, c->cap_doc * sizeof *c->doc_end);
            }
            c->doc_end[c->ndoc++] = c->nsent;
            added++;
        }
        (void)added;
    }
    fprintf(stderr, "augmentation: %zu headline sentences added\n", c->nsent - ns);
}

static int read_gaz(nci_tagger_gaz *g, const char *path)
{
    static const char *cats[NCI_GAZ_NCAT] = {"country", "region", "city", "given",
                                             "org",     "lang",   "person"};
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    char line[4096];
    size_t n = 0;
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
        int ci = -1;
        for (int k = 0; k < NCI_GAZ_NCAT; k++)
            if (strcmp(cat, cats[k]) == 0)
                ci = k;
        if (ci < 0) {
            fprintf(stderr, "%s: unknown category '%s'\n", path, cat);
            fclose(f);
            return -1;
        }
        if (nci_tagger_gaz_add(g, line, strlen(line), (unsigned)ci) != NC_OK) {
            fclose(f);
            return -1;
        }
        n++;
    }
    fclose(f);
    fprintf(stderr, "gazetteer %s: %zu entries\n", path, n);
    return 0;
}

typedef struct rowref {
    float norm;
    uint32_t idx;
} rowref;

static int by_norm(const void *a, const void *b)
{
    const rowref *x = a, *y = b;
    if (x->norm != y->norm)
        return x->norm < y->norm ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int main(int argc, char **argv)
{
    conll_corpus tc = {0}, dc = {0};
    const char *out = NULL, *dev = NULL;
    int epochs = 14;
    double pa_c = 0;
    int bags = 2, jack = 0;
    double drop = 0;
    unsigned bits = 18;
    size_t maxfeat = 90000;
    double aug = 0.05;
    rng_state = 1;
    nci_tagger_gaz *gaz = nci_tagger_gaz_new();
    if (!gaz)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (a[0] != '-' || !a[1] || a[2] || !v) {
            fprintf(stderr, "usage: see the comment at the top of train_tagger.c\n");
            return 2;
        }
        i++;
        switch (a[1]) {
        case 't':
            if (conll_read(&tc, v, NULL, NULL, 0))
                return 1;
            break;
        case 'T':
            if (conll_read(&tc, v, keep_not_heldout, NULL, 0))
                return 1;
            break;
        case 's':
            if (conll_read(&tc, v, NULL, NULL, 1))
                return 1;
            break;
        case 'g':
            if (read_gaz(gaz, v))
                return 1;
            break;
        case 'e':
            epochs = atoi(v);
            break;
        case 'b':
            bits = (unsigned)atoi(v);
            break;
        case 'n':
            maxfeat = (size_t)strtoull(v, NULL, 10);
            break;
        case 'r':
            rng_state = strtoull(v, NULL, 10) * 2654435761ULL + 1;
            break;
        case 'a':
            aug = atof(v);
            break;
        case 'j':
            jack = atoi(v);
            break;
        case 'k':
            bags = atoi(v) > 0 ? atoi(v) : 1;
            break;
        case 'c':
            pa_c = atof(v);
            break;
        case 'p':
            drop = atof(v);
            break;
        case 'd':
            dev = v;
            break;
        case 'o':
            out = v;
            break;
        default:
            fprintf(stderr, "unknown option %s\n", a);
            return 2;
        }
    }
    if (!out || tc.ndoc == 0) {
        fprintf(stderr, "need -o and training data\n");
        return 2;
    }
    fprintf(stderr, "titles cut from PER spans: %zu\n", strip_titles(&tc));
    conll_finish(&tc);
    if (aug > 0)
        augment(&tc, aug);
    conll_finish(&tc);
    fprintf(stderr, "training: %zu documents, %zu sentences, %zu tokens\n", tc.ndoc, tc.nsent,
            tc.ntok);

    trainer tr = {0};
    tr.gaz = gaz;
    tr.pa_c = pa_c;
    tr.drop = drop;
    uint8_t *fix1 = NULL, *fix2 = NULL;
    if (jack > 1) {
        /* stacking: the document evidence of each training document comes
         * from a model that did not see it, so the final model learns how
         * far to trust labels from unseen text (as at run time) rather than
         * the near-perfect labels of its own training data */
        fix1 = xcalloc(tc.ntok + 1, 1);
        fix2 = xcalloc(tc.ntok + 1, 1);
        for (int f = 0; f < jack; f++) {
            char what[32];
            snprintf(what, sizeof what, "fold %d", f + 1);
            train_run(&tr, &tc, epochs, (size_t)jack, (size_t)f, NULL, NULL, what);
            for (size_t d = (size_t)f; d < tc.ndoc; d += (size_t)jack)
                document(&tr, &tc, d, 0, fix1, fix2, NULL, NULL);
        }
    }
    /* K runs over differently shuffled data; their averaged weights are
     * averaged again (a cheap ensemble: less variance from the order) */
    wmap comb = {0};
    comb.mask = (1u << 20) - 1;
    comb.key = xcalloc(comb.mask + 1, sizeof *comb.key);
    comb.idx = xcalloc(comb.mask + 1, sizeof *comb.idx);
    float tavg[8 * NT] = {0}, eavg[NT] = {0};
    for (int bag = 0; bag < bags; bag++) {
        char what[32];
        snprintf(what, sizeof what, "run %d", bag + 1);
        train_run(&tr, &tc, epochs, 0, 0, fix1, fix2, what);
        for (size_t i = 0; i <= tr.W.mask; i++) {
            if (!tr.W.key[i])
                continue;
            size_t r = tr.W.idx[i];
            size_t cr = wmap_get(&comb, tr.W.key[i]);
            for (int t = 0; t < NT; t++)
                comb.w[cr * NT + t] += tr.W.w[r * NT + t] / (float)bags;
        }
        for (int i = 0; i < 8 * NT; i++)
            tavg[i] += tr.T.t[i] / (float)bags;
        for (int i = 0; i < NT; i++)
            eavg[i] += tr.T.e[i] / (float)bags;
    }
    free(fix1);
    free(fix2);
    size_t nf = comb.n;
    float *avg = comb.w;
    comb.w = NULL;
    /* rows by importance (L1 norm), with their hashes */
    uint64_t *hash_of = xcalloc(nf, sizeof *hash_of);
    for (size_t i = 0; i <= comb.mask; i++)
        if (comb.key[i])
            hash_of[comb.idx[i]] = comb.key[i];
    rowref *rows = xcalloc(nf, sizeof *rows);
    for (size_t i = 0; i < nf; i++) {
        float s = 0;
        for (int t = 0; t < NT; t++)
            s += fabsf(avg[i * NT + t]);
        rows[i].norm = s;
        rows[i].idx = (uint32_t)i;
    }
    qsort(rows, nf, sizeof *rows, by_norm);
    uint64_t *hs = xcalloc(nf, sizeof *hs);
    float *ws = xcalloc(nf * NT, sizeof *ws);
    for (size_t i = 0; i < nf; i++) {
        /* wmap keys were made non-zero; a hash of 0 is practically absent */
        hs[i] = hash_of[rows[i].idx];
        memcpy(ws + i * NT, avg + (size_t)rows[i].idx * NT, NT * sizeof *ws);
    }
    unsigned char *buf;
    size_t len;
    if (nci_tagger_model_write(hs, ws, nf < maxfeat ? nf : maxfeat, tavg, eavg, gaz, bits, &buf,
                               &len) != NC_OK) {
        fprintf(stderr, "cannot build the model\n");
        return 1;
    }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", out);
        return 1;
    }
    nci_tagger_model *m = NULL;
    if (nci_tagger_model_load(buf, len, 1, &m) != NC_OK) {
        fprintf(stderr, "written model does not load\n");
        return 1;
    }
    fprintf(stderr, "model %s: %zu bytes, %zu of %zu features kept, %zu gazetteer keys\n", out, len,
            nci_tagger_model_features(m), nf, nci_tagger_model_gazetteer_size(m));
    if (dev) {
        if (conll_read(&dc, dev, NULL, NULL, 0))
            return 1;
        conll_finish(&dc);
        span_score sc = {0};
        nci_tagger_doc *d = NULL;
        nci_tagger_doc_new(m, &d);
        uint8_t *lab = xcalloc(dc.ntok + 1, 1);
        for (size_t k = 0; k < dc.ndoc; k++) {
            size_t s0 = k ? dc.doc_end[k - 1] : 0, s1 = dc.doc_end[k];
            size_t a = s0 ? dc.sent_end[s0 - 1] : 0;
            size_t ns = s1 - s0;
            size_t *ends = xcalloc(ns, sizeof *ends);
            for (size_t j = 0; j < ns; j++)
                ends[j] = dc.sent_end[s0 + j] - a;
            nci_tagger_tag_doc(m, d, dc.tok + a, dc.sent_end[s1 - 1] - a, ends, ns, lab + a);
            for (size_t s = s0; s < s1; s++) {
                size_t x = s ? dc.sent_end[s - 1] : 0, y = dc.sent_end[s];
                span_score_add(&sc, dc.gold + x, lab + x, y - x);
            }
            free(ends);
        }
        span_score_print(&sc, "dev");
        free(lab);
        nci_tagger_doc_free(d);
        conll_free(&dc);
    }
    nci_tagger_model_free(m);
    free(buf);
    free(rows);
    free(hs);
    free(ws);
    free(hash_of);
    free(avg);
    free(comb.key);
    free(comb.idx);
    free(comb.acc);
    free(tr.W.key);
    free(tr.W.idx);
    free(tr.W.acc);
    free(tr.W.w);
    free(tr.emit);
    free(tr.back);
    free(tr.pred);
    free(tr.gold);
    nci_tagger_doc_free(tr.doc);
    nci_tagger_gaz_free(gaz);
    conll_free(&tc);
    return 0;
}
