/* Unit tests of the NER tagger (lib/tagger.c): model loading, tagging of
 * clear sentences with the built-in model, and robustness on empty, huge and
 * invalid input. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tagger.h"

/* Split text at spaces into toks (pointing into text). */
static size_t split(const char *text, nci_tagger_token *toks, size_t max)
{
    size_t n = 0, i = 0, len = strlen(text);
    while (i < len && n < max) {
        while (i < len && text[i] == ' ')
            i++;
        size_t s = i;
        while (i < len && text[i] != ' ')
            i++;
        if (i > s) {
            toks[n].ptr = text + s;
            toks[n].len = i - s;
            n++;
        }
    }
    return n;
}

/* Labels of text as "O B-PER I-PER ..." */
static void tag_string(const nci_tagger_model *m, const char *text, char *out, size_t cap)
{
    nci_tagger_token toks[128];
    uint8_t lab[128];
    size_t n = split(text, toks, 128);
    ck_assert_int_eq(nci_tagger_tag(m, NULL, toks, n, lab), NC_OK);
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, " ", cap - strlen(out) - 1);
        strncat(out, nci_tag_name(lab[i]), cap - strlen(out) - 1);
    }
}

static int valid_bio(const uint8_t *lab, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (lab[i] >= NCI_TAG_COUNT)
            return 0;
        if (lab[i] != NCI_TAG_O && !NCI_TAG_IS_B(lab[i])) {
            if (i == 0 || lab[i - 1] == NCI_TAG_O ||
                NCI_TAG_TYPE(lab[i - 1]) != NCI_TAG_TYPE(lab[i]))
                return 0;
        }
    }
    return 1;
}

static nci_tagger_model *model;

static void setup(void)
{
    ck_assert_int_eq(nci_tagger_model_builtin(&model), NC_OK);
}

static void teardown(void)
{
    nci_tagger_model_free(model);
    model = NULL;
}

START_TEST(test_builtin_loads)
{
    struct timespec t0, t1;
    nci_tagger_model *m = NULL;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(nci_tagger_model_builtin(&m), NC_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_gt(nci_tagger_model_features(m), 10000);
    ck_assert_uint_gt(nci_tagger_model_gazetteer_size(m), 10000);
    /* generous bound (sanitizers, valgrind); about 10 ms on one core */
    ck_assert_msg(ms < 2000.0, "load took %.1f ms", ms);
    nci_tagger_model_free(m);
    nci_tagger_model_free(NULL);
}
END_TEST

START_TEST(test_clear_sentences)
{
    static const char *const cases[][2] = {
        {"Barack Obama visited Germany last week .", "B-PER I-PER O B-LOC O O O"},
        {"He was born in London and moved to Paris .", "O O O O B-LOC O O O B-LOC O"},
        {"Angela Merkel met Emmanuel Macron in Berlin on Monday .",
         "B-PER I-PER O B-PER I-PER O B-LOC O O O"},
        {"The bank said profits rose in the first quarter .", "O O O O O O O O O O"},
    };
    char got[1024];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        tag_string(model, cases[k][0], got, sizeof got);
        ck_assert_msg(strcmp(got, cases[k][1]) == 0, "%s\n  got:  %s\n  want: %s", cases[k][0],
                      got, cases[k][1]);
    }
}
END_TEST

START_TEST(test_headline_not_by_shape)
{
    /* every word capitalised: capitals alone must not make entities */
    char got[1024];
    tag_string(model, "Stocks Fall Sharply As Investors Worry About Rates", got, sizeof got);
    ck_assert_str_eq(got, "O O O O O O O O");
    tag_string(model, "However , the results were clear .", got, sizeof got);
    ck_assert_str_eq(got, "O O O O O O O");
}
END_TEST

START_TEST(test_empty_and_null)
{
    uint8_t lab[1];
    nci_tagger_doc *d = NULL;
    ck_assert_int_eq(nci_tagger_tag(model, NULL, NULL, 0, NULL), NC_OK);
    ck_assert_int_eq(nci_tagger_tag(NULL, NULL, NULL, 0, NULL), NC_EINVAL);
    nci_tagger_token t = {"x", 1};
    ck_assert_int_eq(nci_tagger_tag(model, NULL, &t, 1, NULL), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_tag(model, NULL, NULL, 1, lab), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_doc_new(model, &d), NC_OK);
    ck_assert_int_eq(nci_tagger_tag_doc(model, d, NULL, 0, NULL, 0, NULL), NC_OK);
    /* empty tokens and NULL pointers with length 0 */
    nci_tagger_token e[3] = {{"", 0}, {NULL, 0}, {"Paris", 5}};
    uint8_t l3[3];
    ck_assert_int_eq(nci_tagger_tag(model, d, e, 3, l3), NC_OK);
    ck_assert(valid_bio(l3, 3));
    ck_assert_int_eq(l3[0], NCI_TAG_O);
    ck_assert_int_eq(l3[1], NCI_TAG_O);
    /* inconsistent sentence ends */
    size_t ends[2] = {2, 1};
    ck_assert_int_eq(nci_tagger_tag_doc(model, d, e, 3, ends, 2, l3), NC_EINVAL);
    size_t short_end[1] = {2};
    ck_assert_int_eq(nci_tagger_tag_doc(model, d, e, 3, short_end, 1, l3), NC_EINVAL);
    /* tagging by position: only tokens of the observed document */
    nci_tagger_doc_reset(d);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 0, 1, l3), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 0, 0, NULL), NC_OK);
    ck_assert_int_eq(nci_tagger_tag_at(model, NULL, 0, 0, l3), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_doc_observe_all(d, e, 3, ends, 2), NC_EINVAL);
    size_t one_end[1] = {3};
    ck_assert_int_eq(nci_tagger_doc_observe_all(d, e, 3, one_end, 1), NC_OK);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 2, 2, l3), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 4, 0, l3), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, (size_t)-1, 2, l3), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 3, 0, l3), NC_OK);
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 0, 3, l3), NC_OK);
    ck_assert(valid_bio(l3, 3));
    ck_assert_int_eq(l3[1], NCI_TAG_O);
    /* an empty sentence after it records nothing (its candidates are not
     * the last sentence's) */
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 3, 0, NULL), NC_OK);
    nci_tagger_doc_reset(d); /* forgets the document */
    ck_assert_int_eq(nci_tagger_tag_at(model, d, 0, 3, l3), NC_EINVAL);
    nci_tagger_doc_free(d);
    nci_tagger_doc_free(NULL);
    ck_assert_int_eq(nci_tagger_doc_new(NULL, &d), NC_EINVAL);
}
END_TEST

START_TEST(test_long_tokens_and_sentences)
{
    size_t L = 1 << 20;
    char *big = malloc(L);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < L; i++)
        big[i] = (char)('A' + i % 26);
    nci_tagger_token t[3] = {{"Mr.", 3}, {big, L}, {"said", 4}};
    uint8_t lab[3];
    ck_assert_int_eq(nci_tagger_tag(model, NULL, t, 3, lab), NC_OK);
    ck_assert(valid_bio(lab, 3));
    /* a 200,000-token "sentence" of capitalised words */
    size_t n = 200000;
    nci_tagger_token *many = malloc(n * sizeof *many);
    uint8_t *ml = malloc(n);
    ck_assert_ptr_nonnull(many);
    ck_assert_ptr_nonnull(ml);
    for (size_t i = 0; i < n; i++) {
        many[i].ptr = big + (i % 1000);
        many[i].len = 1 + i % 7;
    }
    size_t ends[2] = {n / 2, n};
    ck_assert_int_eq(nci_tagger_tag_doc(model, NULL, many, n, ends, 2, ml), NC_OK);
    ck_assert(valid_bio(ml, n));
    free(ml);
    free(many);
    free(big);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    static const char *const bad[] = {"\xff\xfe", "\xc3", "Caf\xc3", "\xe2\x82", "\xf4\x90\x80\x80",
                                      "\xed\xa0\x80", "A\0B", "\xc0\xaf", "\xf0\x9f\x98\x80X"};
    nci_tagger_token t[9];
    for (size_t i = 0; i < 9; i++) {
        t[i].ptr = bad[i];
        t[i].len = i == 6 ? 3 : strlen(bad[i]);
    }
    uint8_t lab[9];
    nci_tagger_doc *d = NULL;
    ck_assert_int_eq(nci_tagger_doc_new(model, &d), NC_OK);
    for (int rep = 0; rep < 3; rep++) {
        ck_assert_int_eq(nci_tagger_doc_observe(d, t, 9), NC_OK);
        ck_assert_int_eq(nci_tagger_tag(model, d, t, 9, lab), NC_OK);
        ck_assert(valid_bio(lab, 9));
    }
    nci_tagger_doc_free(d);
}
END_TEST

START_TEST(test_document_consistency)
{
    /* the same document twice gives the same labels (reset works) */
    const char *text = "Foro Penal reported 806 political prisoners . "
                       "Alfredo Romero of Foro Penal said the figure fell . "
                       "Romero spoke in Caracas .";
    nci_tagger_token toks[64];
    size_t n = split(text, toks, 64), ends[3], k = 0;
    for (size_t i = 0; i < n; i++)
        if (toks[i].len == 1 && toks[i].ptr[0] == '.')
            ends[k++] = i + 1;
    ck_assert_uint_eq(k, 3);
    uint8_t a[64], b[64];
    nci_tagger_doc *d = NULL;
    ck_assert_int_eq(nci_tagger_doc_new(model, &d), NC_OK);
    ck_assert_int_eq(nci_tagger_tag_doc(model, d, toks, n, ends, 3, a), NC_OK);
    ck_assert_int_eq(nci_tagger_tag_doc(model, d, toks, n, ends, 3, b), NC_OK);
    ck_assert(memcmp(a, b, n) == 0);
    ck_assert(valid_bio(a, n));
    nci_tagger_doc_free(d);
}
END_TEST

/* The tagger's word cache (kept by a document state across documents) must
 * not change any label: documents tagged with one state reused throughout,
 * whose cache sees over 16,384 word forms (so entries are evicted and words
 * share slots), get the labels a state without the cache gives.  The documents mix
 * ordinary sentences, sentence-initial words, headlines (every word
 * capitalised), connectors and words longer than the cache keeps. */
START_TEST(test_word_cache_transparent)
{
    static const char *const frame[] = {
        "@ @ said on Monday that @ of @ would rise .",
        "@ Says @ Wins Vote In @ Over @",
        "The talks in @ and @ ended , @ told @ .",
        "Officials from @ , @ , @ and @ met ."};
    unsigned seed = 12345;
    nci_tagger_doc *warm = NULL;
    ck_assert_int_eq(nci_tagger_doc_new(model, &warm), NC_OK);
    for (int doc = 0; doc < 1500; doc++) {
        char text[2048] = "", w[4][64];
        for (int s = 0; s < 4; s++) {
            for (int k = 0; k < 4; k++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = seed >> 8;
                /* a few recurring names, many new ones, some very long */
                if (r % 5 == 0)
                    snprintf(w[k], sizeof w[k], "%s", (const char *[]){"Maria", "Lopez", "Paris", "Acme"}[r % 4]);
                else if (r % 23 == 0)
                    snprintf(w[k], sizeof w[k], "Internationalisationsbehorde%u", r % 1000);
                else
                    snprintf(w[k], sizeof w[k], "%c%c%c%c%u", 'A' + r % 26, 'a' + (r / 26) % 26,
                             'a' + (r / 676) % 26, 'a' + (r / 17576) % 26, r % 97);
            }
            /* the frame with its @ replaced by w[0..3] */
            const char *f = frame[(doc + s) % 4];
            for (int k = 0; *f; f++) {
                char c[2] = {*f, 0};
                strncat(text, *f == '@' ? w[k++] : c, sizeof text - strlen(text) - 2);
            }
            strcat(text, " ");
        }
        nci_tagger_token toks[128];
        size_t n = split(text, toks, 128), ends[8], ne = 0;
        for (size_t i = 0; i < n; i++)
            if (toks[i].len == 1 && toks[i].ptr[0] == '.')
                ends[ne++] = i + 1;
        if (!ne || ends[ne - 1] != n)
            ends[ne++] = n;
        uint8_t a[128], b[128];
        nci_tagger_doc *fresh = NULL;
        ck_assert_int_eq(nci_tagger_doc_new(model, &fresh), NC_OK);
        nci_tagger_doc_use_cache(fresh, 0);
        ck_assert_int_eq(nci_tagger_tag_doc(model, fresh, toks, n, ends, ne, a), NC_OK);
        nci_tagger_doc_free(fresh);
        ck_assert_int_eq(nci_tagger_tag_doc(model, warm, toks, n, ends, ne, b), NC_OK);
        ck_assert_msg(memcmp(a, b, n) == 0, "document %d: labels differ with a warm cache", doc);
        /* sentence by sentence, as the entity stage tags */
        nci_tagger_doc_reset(warm);
        ck_assert_int_eq(nci_tagger_doc_new(model, &fresh), NC_OK);
        nci_tagger_doc_use_cache(fresh, 0);
        for (size_t q = 0, s0 = 0; q < ne; s0 = ends[q++]) {
            ck_assert_int_eq(nci_tagger_tag(model, fresh, toks + s0, ends[q] - s0, a + s0), NC_OK);
            ck_assert_int_eq(nci_tagger_tag(model, warm, toks + s0, ends[q] - s0, b + s0), NC_OK);
        }
        nci_tagger_doc_free(fresh);
        nci_tagger_doc_reset(warm);
        ck_assert_msg(memcmp(a, b, n) == 0, "document %d: labels differ sentence by sentence", doc);
        /* after the document's statistics, tagged by position (what
         * observe_all read of each token is reused) as by pointer */
        ck_assert_int_eq(nci_tagger_doc_new(model, &fresh), NC_OK);
        nci_tagger_doc_use_cache(fresh, 0);
        ck_assert_int_eq(nci_tagger_doc_observe_all(fresh, toks, n, ends, ne), NC_OK);
        ck_assert_int_eq(nci_tagger_doc_observe_all(warm, toks, n, ends, ne), NC_OK);
        for (size_t q = 0, s0 = 0; q < ne; s0 = ends[q++]) {
            ck_assert_int_eq(nci_tagger_tag(model, fresh, toks + s0, ends[q] - s0, a + s0), NC_OK);
            ck_assert_int_eq(nci_tagger_tag_at(model, warm, s0, ends[q] - s0, b + s0), NC_OK);
        }
        nci_tagger_doc_free(fresh);
        nci_tagger_doc_reset(warm);
        ck_assert_msg(memcmp(a, b, n) == 0, "document %d: labels differ tagged by position", doc);
    }
    nci_tagger_doc_free(warm);
}
END_TEST

/* Candidates are found 64 tokens at a time (bit masks): a name and its
 * connectors ("Bank of the West"), a number after a capital ("Apollo 11")
 * and an "@" mention must be candidates wherever they fall, across the
 * edge of a 64-token word too, in a sentence at any offset of the
 * document; the lower-case words around them must not. */
START_TEST(test_candidates_at_mask_edges)
{
    static const char *const name[] = {"Bank", "of",  "the", "West", "and",
                                       "Apollo", "11", "and", "@",    "bbc"};
    enum { NNAME = sizeof name / sizeof name[0] };
    nci_tagger_doc *d = NULL;
    ck_assert_int_eq(nci_tagger_doc_new_raw(&d), NC_OK);
    const nci_tagger_gaz *g = nci_tagger_model_gaz(model);
    for (size_t lead = 0; lead < 70; lead++) {
        for (size_t at = 50; at < 80; at += 3) {
            nci_tagger_token toks[256];
            size_t n = 0;
            for (size_t k = 0; k < lead; k++)
                toks[n++] = (nci_tagger_token){"words", 5};
            size_t first = n;
            for (size_t k = 0; k < at; k++)
                toks[n++] = (nci_tagger_token){"word", 4};
            for (size_t k = 0; k < NNAME; k++)
                toks[n++] = (nci_tagger_token){name[k], strlen(name[k])};
            for (size_t k = 0; k < 5; k++)
                toks[n++] = (nci_tagger_token){"end", 3};
            size_t ends[2] = {first, n};
            const uint8_t *cand;
            const uint64_t *F;
            const uint32_t *off;
            nci_tagger_doc_reset(d);
            ck_assert_int_eq(nci_tagger_doc_observe_all(d, toks, n, ends, 2), NC_OK);
            ck_assert_int_eq(nci_tagger_features(g, d, toks + first, n - first, &cand, &F, &off), NC_OK);
            for (size_t i = 0; i < n - first; i++) {
                /* the first "and" joins two capitalised words, the second
                 * follows a number */
                int want = i >= at && i < at + NNAME && i != at + 7;
                ck_assert_msg(cand[i] == want, "lead %zu at %zu: token %zu", lead, at, i);
            }
            uint8_t lab[256];
            nci_tagger_doc *td = NULL;
            ck_assert_int_eq(nci_tagger_doc_new(model, &td), NC_OK);
            ck_assert_int_eq(nci_tagger_doc_observe_all(td, toks, n, ends, 2), NC_OK);
            ck_assert_int_eq(nci_tagger_tag_at(model, td, 0, first, lab), NC_OK);
            ck_assert_int_eq(nci_tagger_tag_at(model, td, first, n - first, lab + first), NC_OK);
            ck_assert(valid_bio(lab, n));
            for (size_t i = 0; i < n; i++)
                if (i < first + at || i >= first + at + NNAME || i == first + at + 7)
                    ck_assert_msg(lab[i] == NCI_TAG_O, "lead %zu at %zu: token %zu", lead, at, i);
            nci_tagger_doc_free(td);
        }
    }
    nci_tagger_doc_free(d);
}
END_TEST

/* A function word opening a sentence before a lower-case word is no
 * candidate (tagger.c, initial_stop: a binary search on the first eight
 * bytes, then the ninth): in any case but all capitals, and only the
 * exact word, not its prefixes, longer words or bytes after a NUL. */
START_TEST(test_initial_stop_words)
{
    static const struct {
        const char *w;
        size_t len;
        int cand;
    } cases[] = {{"The", 3, 0},       {"THE", 3, 1},        {"A", 1, 0},         {"Ab", 2, 1},
                 {"According", 9, 0}, {"ACCORDING", 9, 1},  {"Accordinf", 9, 1}, {"Accordin", 8, 1},
                 {"Meanwhile", 9, 0}, {"Meanwhiles", 10, 1}, {"Without", 7, 0},  {"Your", 4, 0},
                 {"Yours", 5, 1},     {"Yo", 2, 1},         {"The\0", 4, 1},    {"Th\0", 3, 1},
                 {"Th\xc3\xa9", 4, 1}, {"Zzz", 3, 1},      {"Abo", 3, 1},       {"After", 5, 0}};
    nci_tagger_doc *d = NULL;
    ck_assert_int_eq(nci_tagger_doc_new_raw(&d), NC_OK);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        nci_tagger_token toks[3] = {{cases[k].w, cases[k].len}, {"word", 4}, {"Paris", 5}};
        const uint8_t *cand;
        const uint64_t *F;
        const uint32_t *off;
        ck_assert_int_eq(nci_tagger_features(NULL, d, toks, 3, &cand, &F, &off), NC_OK);
        ck_assert_msg(cand[0] == cases[k].cand, "%s", cases[k].w);
        /* before a capitalised word it stays a candidate */
        toks[1] = (nci_tagger_token){"Hague", 5};
        ck_assert_int_eq(nci_tagger_features(NULL, d, toks, 3, &cand, &F, &off), NC_OK);
        ck_assert_msg(cand[0] == 1, "%s Hague", cases[k].w);
    }
    nci_tagger_doc_free(d);
}
END_TEST

/* A tiny model built here: load, then every truncation and many corruptions
 * of it must give NC_EPARSE or a model that tags without crashing. */
START_TEST(test_corrupt_models)
{
    nci_tagger_gaz *g = nci_tagger_gaz_new();
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(nci_tagger_gaz_add(g, "New York", 8, NCI_GAZ_CITY), NC_OK);
    ck_assert_int_eq(nci_tagger_gaz_add(g, "Guinea-Bissau", 13, NCI_GAZ_COUNTRY), NC_OK);
    uint64_t hs[50];
    float w[50 * NCI_TAG_COUNT], tr[8 * NCI_TAG_COUNT] = {0}, end[NCI_TAG_COUNT] = {0};
    for (int i = 0; i < 50; i++) {
        hs[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL + 12345;
        for (int t = 0; t < NCI_TAG_COUNT; t++)
            w[i * NCI_TAG_COUNT + t] = (float)((i * 7 + t * 3) % 11) - 5.0f;
    }
    unsigned char *buf = NULL;
    size_t len = 0;
    ck_assert_int_eq(nci_tagger_model_write(hs, w, 50, tr, end, g, 8, &buf, &len), NC_OK);
    nci_tagger_model *m = NULL;
    ck_assert_int_eq(nci_tagger_model_load(buf, len, 1, &m), NC_OK);
    ck_assert_uint_eq(nci_tagger_model_features(m), 50);
    nci_tagger_model_free(m);
    nci_tagger_token t[4] = {{"Flights", 7}, {"to", 2}, {"New", 3}, {"York", 4}};
    uint8_t lab[4];
    for (size_t cut = 0; cut < len; cut += (cut < 2000 ? 1 : 97)) {
        m = NULL;
        ck_assert_int_eq(nci_tagger_model_load(buf, cut, 0, &m), NC_EPARSE);
        ck_assert_ptr_null(m);
    }
    unsigned char *c = malloc(len);
    ck_assert_ptr_nonnull(c);
    for (size_t pos = 0; pos < len; pos++) {
        memcpy(c, buf, len);
        c[pos] ^= (unsigned char)(1u << (pos % 8));
        m = NULL;
        nc_status st = nci_tagger_model_load(c, len, 0, &m);
        ck_assert(st == NC_OK || st == NC_EPARSE);
        if (st == NC_OK) {
            ck_assert_int_eq(nci_tagger_tag(m, NULL, t, 4, lab), NC_OK);
            ck_assert(valid_bio(lab, 4));
            nci_tagger_model_free(m);
        }
    }
    free(c);
    ck_assert_int_eq(nci_tagger_model_load(NULL, 10, 0, &m), NC_EINVAL);
    ck_assert_int_eq(nci_tagger_model_load_file("/nonexistent/ner.model", &m), NC_EIO);
    free(buf);
    nci_tagger_gaz_free(g);
}
END_TEST

START_TEST(test_tag_names)
{
    ck_assert_str_eq(nci_tag_name(NCI_TAG_B_ORG), "B-ORG");
    ck_assert_str_eq(nci_tag_name(99), "?");
    ck_assert_int_eq(nci_tag_from_name("I-LOC", 5), NCI_TAG_I_LOC);
    ck_assert_int_eq(nci_tag_from_name("B-MISC", 6), -1);
    ck_assert_uint_eq(NCI_TAG_TYPE(NCI_TAG_I_PER), 1);
    ck_assert_uint_eq(NCI_TAG_TYPE(NCI_TAG_B_LOC), 3);
}
END_TEST

static Suite *tagger_suite(void)
{
    Suite *s = suite_create("tagger");
    TCase *tc = tcase_create("model");
    tcase_add_test(tc, test_builtin_loads);
    tcase_add_test(tc, test_corrupt_models);
    tcase_add_test(tc, test_tag_names);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    tc = tcase_create("tag");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_clear_sentences);
    tcase_add_test(tc, test_headline_not_by_shape);
    tcase_add_test(tc, test_empty_and_null);
    tcase_add_test(tc, test_long_tokens_and_sentences);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_document_consistency);
    tcase_add_test(tc, test_word_cache_transparent);
    tcase_add_test(tc, test_candidates_at_mask_edges);
    tcase_add_test(tc, test_initial_stop_words);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tagger_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
