/* Reconcile stage: claim sets, folding, entity merging, groups, series,
 * agreements, conflicts, consensus, order independence and map/reduce, and
 * truth discovery against majority vote on synthetic data. */
#include <stdio.h>
#include <jansson.h>
#include "testutil.h"

/* Lines of a JSON Lines file under tests/cases/reconcile (test only). */
typedef struct lines {
    char **l;
    size_t *n;
    size_t count;
} lines;

static lines read_lines(const char *name)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/cases/reconcile/%s", top ? top : ".", name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    lines L = {0};
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, f)) > 0) {
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            n--;
        if (!n)
            continue;
        L.l = realloc(L.l, (L.count + 1) * sizeof *L.l);
        L.n = realloc(L.n, (L.count + 1) * sizeof *L.n);
        L.l[L.count] = malloc((size_t)n + 1);
        memcpy(L.l[L.count], buf, (size_t)n);
        L.l[L.count][n] = '\0';
        L.n[L.count] = (size_t)n;
        L.count++;
    }
    free(buf);
    fclose(f);
    return L;
}

static void free_lines(lines *L)
{
    for (size_t i = 0; i < L->count; i++)
        free(L->l[i]);
    free(L->l);
    free(L->n);
}

static nc_claimset *set_of(const lines *L, size_t from, size_t to, int reverse)
{
    nc_claimset *s = NULL;
    ck_assert_int_eq(nc_claimset_new(g_ctx, &s), NC_OK);
    for (size_t k = from; k < to; k++) {
        size_t i = reverse ? to - 1 - (k - from) : k;
        nc_error err;
        ck_assert_msg(nc_claimset_add_json(s, L->l[i], L->n[i], &err) == NC_OK, "%s", err.message);
    }
    return s;
}

static nc_claimset *set_of_strings(const char *const *docs, size_t n)
{
    nc_claimset *s = NULL;
    ck_assert_int_eq(nc_claimset_new(g_ctx, &s), NC_OK);
    for (size_t i = 0; i < n; i++) {
        nc_error err;
        ck_assert_msg(nc_claimset_add_json(s, docs[i], strlen(docs[i]), &err) == NC_OK, "doc %zu: %s", i, err.message);
    }
    return s;
}

static char *report(nc_claimset *s, unsigned flags)
{
    char *out = NULL;
    size_t len = 0;
    nc_error err;
    ck_assert_int_eq(nc_claimset_reconcile_json(s, flags, &out, &len, &err), NC_OK);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(strlen(out), len);
    return out;
}

static json_t *report_json(nc_claimset *s, unsigned flags)
{
    char *out = report(s, flags);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_msg(j != NULL, "report is not JSON: %s", je.text);
    nc_free(out);
    return j;
}

/* ------------------------------------------------------------ API */

START_TEST(test_api_basics)
{
    nc_claimset *s = (nc_claimset *)1;
    ck_assert_int_eq(nc_claimset_new(NULL, &s), NC_EINVAL);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(nc_claimset_new(g_ctx, NULL), NC_EINVAL);
    nc_claimset_free(NULL);
    ck_assert_uint_eq(nc_claimset_claim_count(NULL), 0);
    ck_assert_int_eq(nc_claimset_new(g_ctx, &s), NC_OK);
    nc_error err;
    ck_assert_int_eq(nc_claimset_add_json(NULL, "{}", 2, &err), NC_EINVAL);
    /* not JSON: position of the fault */
    ck_assert_int_eq(nc_claimset_add_json(s, "{\"id\": ", 7, &err), NC_EPARSE);
    ck_assert_int_eq(err.code, NC_EPARSE);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_ge(err.offset, 6);
    ck_assert_int_eq(nc_claimset_add_json(s, "[1]", 3, &err), NC_EPARSE);
    ck_assert_int_eq(nc_claimset_add_json(s, "{\"claims\": 3}", 13, &err), NC_EPARSE);
    ck_assert_int_eq(nc_claimset_add_json(s, "{\"claims\": [3]}", 15, &err), NC_EPARSE);
    ck_assert_uint_eq(nc_claimset_doc_count(s), 0);
    /* an empty set reconciles to an empty report */
    char *out = report(s, 0);
    ck_assert_str_eq(out, "{\"entities\":[],\"groups\":[],\"sources\":[]}");
    nc_free(out);
    ck_assert_int_eq(nc_claimset_reconcile_json(s, 0x100, &out, NULL, &err), NC_EINVAL);
    ck_assert_int_eq(nc_claimset_reconcile_json(s, 0, NULL, NULL, &err), NC_EINVAL);
    /* claims without a figure do not count; a repeat of a document is ignored */
    const char *d = "{\"id\":\"a\",\"claims\":[{\"id\":1,\"value\":3},{\"id\":2,\"measure\":\"x\"}]}";
    ck_assert_int_eq(nc_claimset_add_json(s, d, strlen(d), &err), NC_OK);
    ck_assert_int_eq(nc_claimset_add_json(s, d, strlen(d), &err), NC_OK);
    ck_assert_uint_eq(nc_claimset_claim_count(s), 1);
    ck_assert_uint_eq(nc_claimset_doc_count(s), 1);
    ck_assert_int_eq(nc_claimset_merge(s, s), NC_EINVAL);
    ck_assert_int_eq(nc_claimset_merge(NULL, s), NC_EINVAL);
    nc_claimset_free(s);
}
END_TEST

START_TEST(test_add_doc)
{
    nc_doc *doc = load_str("As of January 5, Foro Penal reported 806 political prisoners in Venezuela.");
    nc_claimset *s;
    ck_assert_int_eq(nc_claimset_new(g_ctx, &s), NC_OK);
    nc_error err;
    ck_assert_int_eq(nc_claimset_add_doc(s, doc, &err), NC_OK);
    ck_assert_uint_eq(nc_claimset_doc_count(s), 1);
    char *out = report(s, 0);
    nc_free(out);
    ck_assert_int_eq(nc_claimset_add_doc(s, NULL, &err), NC_EINVAL);
    nc_claimset_free(s);
    nc_doc_free(doc);
}
END_TEST

/* ------------------------------------------------------------ folding */

static void key_is(const char *in, const char *want)
{
    char *k = NULL;
    size_t n;
    ck_assert_int_eq(nc_name_key_dup(in, strlen(in), &k, &n), NC_OK);
    ck_assert_msg(strcmp(k, want) == 0, "key of \"%s\" is \"%s\", want \"%s\"", in, k, want);
    ck_assert_uint_eq(n, strlen(want));
    nc_free(k);
}

START_TEST(test_fold)
{
    key_is("Foro Penal", "foro penal");
    key_is("The Guardian", "guardian");
    key_is("Delcy Rodríguez", "delcy rodriguez");
    key_is("NICOLÁS  MADURO", "nicolas maduro");
    key_is("U.S.", "us");
    key_is("Venezuela\xE2\x80\x99s National Assembly", "venezuela national assembly");
    key_is("Venezuela's National Assembly", "venezuela national assembly");
    key_is("\xEF\xAC\x81nance", "finance"); /* NFKC: the fi ligature */
    key_is("Straße", "strasse");            /* full case folding */
    key_is("O'Brien", "obrien");
    key_is("St. Louis", "st louis");
    key_is("", "");
    /* U+FDFA decomposes into 18 characters: buffers must grow */
    key_is("\xEF\xB7\xBA", "\xD8\xB5\xD9\x84\xD9\x89\x20\xD8\xA7\xD9\x84\xD9\x84\xD9\x87\x20\xD8\xB9\xD9\x84\xD9\x8A\xD9\x87\x20\xD9\x88\xD8\xB3\xD9\x84\xD9\x85");
    key_is("\xEF\xB7\xBA\xEF\xB7\xBA\xEF\xB7\xBA", "\xD8\xB5\xD9\x84\xD9\x89\x20\xD8\xA7\xD9\x84\xD9\x84\xD9\x87\x20\xD8\xB9\xD9\x84\xD9\x8A\xD9\x87\x20\xD9\x88\xD8\xB3\xD9\x84\xD9\x85\xD8\xB5\xD9\x84\xD9\x89\x20\xD8\xA7\xD9\x84\xD9\x84\xD9\x87\x20\xD8\xB9\xD9\x84\xD9\x8A\xD9\x87\x20\xD9\x88\xD8\xB3\xD9\x84\xD9\x85\xD8\xB5\xD9\x84\xD9\x89\x20\xD8\xA7\xD9\x84\xD9\x84\xD9\x87\x20\xD8\xB9\xD9\x84\xD9\x8A\xD9\x87\x20\xD9\x88\xD8\xB3\xD9\x84\xD9\x85");
    char *k = (char *)1;
    ck_assert_int_eq(nc_name_key_dup("\xff", 1, &k, NULL), NC_EUTF8);
    ck_assert_ptr_null(k);
    ck_assert_int_eq(nc_name_key_dup("x", 1, NULL, NULL), NC_EINVAL);
}
END_TEST

/* ------------------------------------------------------------ the seeds story */

static json_t *entity_named(json_t *rep, const char *name)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(rep, "entities"), i, e)
    {
        size_t j;
        json_t *n;
        json_array_foreach(json_object_get(e, "names"), j, n) if (strcmp(json_string_value(n), name) == 0) return e;
    }
    return NULL;
}

static json_t *group_with(json_t *rep, const char *doc_prefix, double low)
{
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(rep, "groups"), i, g)
    {
        size_t j;
        json_t *c;
        json_array_foreach(json_object_get(g, "claims"), j, c)
        {
            if (strncmp(json_string_value(json_object_get(c, "doc")), doc_prefix, strlen(doc_prefix)) == 0 &&
                json_number_value(json_object_get(c, "low")) == low)
                return g;
        }
    }
    return NULL;
}

START_TEST(test_seeds_entities)
{
    lines L = read_lines("seeds-like.jsonl");
    nc_claimset *s = set_of(&L, 0, L.count, 0);
    json_t *rep = report_json(s, 0);
    /* merged: translation, accents, acronym, surname */
    ck_assert_ptr_eq(entity_named(rep, "Foro Penal"), entity_named(rep, "Penal Forum"));
    ck_assert_ptr_eq(entity_named(rep, "Delcy Rodriguez"), entity_named(rep, "Delcy Rodríguez"));
    ck_assert_ptr_eq(entity_named(rep, "United States"), entity_named(rep, "U.S."));
    ck_assert_ptr_eq(entity_named(rep, "United States"), entity_named(rep, "US"));
    ck_assert_ptr_eq(entity_named(rep, "Trump"), entity_named(rep, "Donald Trump"));
    ck_assert_ptr_eq(entity_named(rep, "National Assembly"), entity_named(rep, "Venezuela's National Assembly"));
    /* kept apart: three Rodríguez */
    json_t *j = entity_named(rep, "Jorge Rodríguez"), *d = entity_named(rep, "Delcy Rodríguez"),
           *r = entity_named(rep, "Ronal Rodríguez");
    ck_assert_ptr_nonnull(j);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_ne(j, d);
    ck_assert_ptr_ne(j, r);
    ck_assert_ptr_ne(d, r);
    ck_assert_uint_eq(json_array_size(json_object_get(entity_named(rep, "Foro Penal"), "docs")), 5);
    json_decref(rep);
    nc_claimset_free(s);
    free_lines(&L);
}
END_TEST

START_TEST(test_seeds_groups)
{
    lines L = read_lines("seeds-like.jsonl");
    nc_claimset *s = set_of(&L, 0, L.count, 0);
    json_t *rep = report_json(s, 0);
    json_t *held = group_with(rep, "004", 863), *rel = group_with(rep, "002", 49), *es = group_with(rep, "001", 5);
    ck_assert_ptr_nonnull(held);
    ck_assert_ptr_eq(held, group_with(rep, "001", 806));
    ck_assert_ptr_eq(held, group_with(rep, "003", 711));
    ck_assert_ptr_eq(held, group_with(rep, "002", 800));
    ck_assert_str_eq(json_string_value(json_object_get(held, "kind")), "stock");
    ck_assert_ptr_eq(rel, group_with(rep, "002", 116));
    ck_assert_ptr_eq(rel, group_with(rep, "003", 302));
    ck_assert_ptr_eq(rel, group_with(rep, "003", 808));
    ck_assert_str_eq(json_string_value(json_object_get(rel, "kind")), "flow");
    ck_assert_ptr_eq(es, group_with(rep, "004", 5));
    ck_assert_ptr_ne(held, rel);
    ck_assert_ptr_ne(held, es);
    ck_assert_ptr_ne(rel, es);
    /* the series of Foro Penal falls 863 -> 806 -> 711; no conflict in it */
    json_t *series = json_object_get(held, "series"), *fp = NULL;
    size_t i;
    json_t *x;
    json_array_foreach(series, i, x) if (strcmp(json_string_value(json_object_get(x, "source")), "Foro Penal") == 0) fp = x;
    ck_assert_ptr_nonnull(fp);
    json_t *pts = json_object_get(fp, "points");
    ck_assert_uint_eq(json_array_size(pts), 3);
    ck_assert_int_eq((int)json_number_value(json_object_get(json_array_get(pts, 0), "low")), 863);
    ck_assert_int_eq((int)json_number_value(json_object_get(json_array_get(pts, 1), "low")), 806);
    ck_assert_int_eq((int)json_number_value(json_object_get(json_array_get(pts, 2), "low")), 711);
    ck_assert_str_eq(json_string_value(json_object_get(fp, "trend")), "falling");
    ck_assert_uint_eq(json_array_size(json_object_get(held, "conflicts")), 0);
    json_t *cons = json_object_get(held, "consensus");
    ck_assert_int_eq((int)json_number_value(json_object_get(cons, "low")), 711);
    ck_assert_str_eq(json_string_value(json_object_get(cons, "time")), "2026-01-30");
    /* conflicts: 116 vs 49-73 and 808 vs 302, each with a why */
    int c116 = 0, c808 = 0;
    json_array_foreach(json_object_get(rel, "conflicts"), i, x)
    {
        json_t *a = json_object_get(x, "a"), *b = json_object_get(x, "b");
        const char *why = json_string_value(json_object_get(x, "why"));
        ck_assert_ptr_nonnull(why);
        int ia = (int)json_integer_value(json_object_get(a, "claim"));
        int ib = (int)json_integer_value(json_object_get(b, "claim"));
        const char *da = json_string_value(json_object_get(a, "doc")), *db = json_string_value(json_object_get(b, "doc"));
        if (!strncmp(da, "002", 3) && ia == 4 && !strncmp(db, "002", 3) && ib == 3) {
            c116++;
            ck_assert_ptr_nonnull(strstr(why, "116"));
            ck_assert_ptr_nonnull(strstr(why, "Foro Penal: 49\xE2\x80\x93" "73"));
        }
        if (!strncmp(da, "003", 3) && ia == 3 && !strncmp(db, "003", 3) && ib == 2)
            c808++;
    }
    ck_assert_int_eq(c116, 1);
    ck_assert_int_eq(c808, 1);
    /* the two reports of five Spaniards agree */
    ck_assert_uint_eq(json_array_size(json_object_get(es, "agreements")), 1);
    ck_assert_uint_eq(json_array_size(json_object_get(es, "conflicts")), 0);
    json_decref(rep);
    nc_claimset_free(s);
    free_lines(&L);
}
END_TEST

START_TEST(test_table)
{
    lines L = read_lines("seeds-like.jsonl");
    nc_claimset *s = set_of(&L, 0, L.count, 0);
    char *t = report(s, NC_RECONCILE_TABLE);
    ck_assert_ptr_nonnull(strstr(t, "series     Foro Penal: 863 (2025-12-31) \xE2\x86\x92 806 (2026-01-05) \xE2\x86\x92 711 (2026-01-30)"));
    ck_assert_ptr_nonnull(strstr(t, "conflict   the interior minister: 808"));
    ck_assert_ptr_nonnull(strstr(t, "agreement  2 outlets give 5"));
    ck_assert_ptr_null(strstr(t, "{\"entities\""));
    nc_free(t);
    nc_claimset_free(s);
    free_lines(&L);
}
END_TEST

static size_t group_count(json_t *rep)
{
    return json_array_size(json_object_get(rep, "groups"));
}

START_TEST(test_rules)
{
    /* measures: Spanish translated with noun-adjective order reversed, the
     * event rule, synonyms; entities: a lone surname shared by three full
     * names stays alone, an acronym with two expansions merges with none */
    const char *docs[] = {
        "{\"id\":\"r1\",\"date\":\"2026-03-01\",\"lang\":\"es\",\"entities\":[{\"id\":1,\"type\":\"PERSON\",\"name\":\"Rodríguez\"},"
        "{\"id\":2,\"type\":\"ORG\",\"name\":\"UN\"}],"
        "\"claims\":[{\"id\":1,\"low\":500,\"high\":500,\"measure\":\"presos políticos\",\"lang\":\"es\","
        "\"place\":\"Ruritania\",\"time\":{\"start\":\"2026-03-01\",\"end\":\"2026-03-01\"},\"source\":{\"name\":\"Rodríguez\",\"entity\":1}}]}",
        "{\"id\":\"r2\",\"date\":\"2026-03-01\",\"entities\":[{\"id\":1,\"type\":\"PERSON\",\"name\":\"Jorge Rodríguez\"},"
        "{\"id\":2,\"type\":\"PERSON\",\"name\":\"Delcy Rodríguez\"},{\"id\":3,\"type\":\"PERSON\",\"name\":\"Ronal Rodríguez\"},"
        "{\"id\":4,\"type\":\"ORG\",\"name\":\"United Nations\"},{\"id\":5,\"type\":\"ORG\",\"name\":\"Unión Nacional\"}],"
        "\"claims\":[{\"id\":1,\"low\":505,\"high\":505,\"measure\":\"political prisoners\",\"place\":\"Ruritania\","
        "\"time\":{\"start\":\"2026-03-01\",\"end\":\"2026-03-01\"},\"source\":{\"name\":\"Jorge Rodríguez\",\"entity\":1}},"
        "{\"id\":2,\"low\":40,\"high\":40,\"measure\":\"prisoners released\",\"place\":\"Ruritania\","
        "\"time\":{\"start\":\"2026-02-01\",\"end\":\"2026-03-01\"}},"
        "{\"id\":3,\"low\":3,\"high\":3,\"measure\":\"Spanish nationals released\",\"place\":\"Ruritania\","
        "\"time\":{\"start\":\"2026-02-01\",\"end\":\"2026-03-01\"}}]}",
        "{\"id\":\"r3\",\"date\":\"2026-03-01\",\"claims\":[{\"id\":1,\"low\":41,\"high\":41,\"measure\":\"liberations\","
        "\"place\":\"Ruritania\",\"time\":{\"start\":\"2026-02-01\",\"end\":\"2026-03-01\",\"text\":\"since February\"}},"
        "{\"id\":2,\"low\":3,\"high\":3,\"measure\":\"Spanish citizens freed\",\"place\":\"Ruritania\","
        "\"time\":{\"start\":\"2026-02-01\",\"end\":\"2026-03-01\"}}]}",
    };
    nc_claimset *s = set_of_strings(docs, sizeof docs / sizeof *docs);
    json_t *rep = report_json(s, 0);
    /* presos politicos = political prisoners (stock); prisoners released =
     * liberations (flow); Spanish nationals released = Spanish citizens freed */
    ck_assert_uint_eq(group_count(rep), 3);
    json_t *pp = group_with(rep, "r1", 500), *rel = group_with(rep, "r2", 40), *es = group_with(rep, "r2", 3);
    ck_assert_ptr_eq(pp, group_with(rep, "r2", 505));
    ck_assert_ptr_eq(rel, group_with(rep, "r3", 41));
    ck_assert_ptr_eq(es, group_with(rep, "r3", 3));
    ck_assert_str_eq(json_string_value(json_object_get(pp, "measure_key")), "political prisoner");
    ck_assert_str_eq(json_string_value(json_object_get(rel, "kind")), "flow");
    /* 500 and 505 agree within the 1% tolerance; 40 and 41 do not */
    ck_assert_uint_eq(json_array_size(json_object_get(pp, "agreements")), 1);
    ck_assert_uint_eq(json_array_size(json_object_get(pp, "conflicts")), 0);
    ck_assert_uint_eq(json_array_size(json_object_get(rel, "agreements")), 0);
    ck_assert_uint_eq(json_array_size(json_object_get(rel, "conflicts")), 1);
    /* the lone surname and the acronym stay alone */
    json_t *lone = entity_named(rep, "Rodríguez");
    ck_assert_ptr_nonnull(lone);
    ck_assert_uint_eq(json_array_size(json_object_get(lone, "names")), 1);
    json_t *un = entity_named(rep, "UN");
    ck_assert_uint_eq(json_array_size(json_object_get(un, "names")), 1);
    ck_assert_ptr_ne(entity_named(rep, "United Nations"), un);
    json_decref(rep);
    nc_claimset_free(s);
}
END_TEST

START_TEST(test_city_in_country)
{
    /* a claim placed in a city joins its country's claims of the same
     * measure when it is the one city of that country among them; two
     * cities of one country stay apart, a city of another country too, and
     * a city whose name cities of two countries bear */
    if (!nc_ctx_has_data(g_ctx, "city-countries.tsv"))
        ck_abort_msg("data/city-countries.tsv not found");
    const char *docs[] = {
        "{\"id\":\"p1\",\"date\":\"2026-03-01\",\"claims\":["
        "{\"id\":1,\"low\":7,\"high\":7,\"measure\":\"Dutch nationals\",\"place\":\"Peru\"},"
        "{\"id\":2,\"low\":12,\"high\":12,\"measure\":\"teachers arrested\",\"place\":\"France\"}]}",
        "{\"id\":\"p2\",\"date\":\"2026-03-01\",\"claims\":["
        "{\"id\":1,\"low\":7,\"high\":7,\"measure\":\"Dutch nationals\",\"place\":\"Arequipa\"},"
        "{\"id\":2,\"low\":5,\"high\":5,\"measure\":\"teachers arrested\",\"place\":\"Lyon\"},"
        "{\"id\":3,\"low\":4,\"high\":4,\"measure\":\"teachers arrested\",\"place\":\"Marseille\"},"
        "{\"id\":4,\"low\":9,\"high\":9,\"measure\":\"teachers arrested\",\"place\":\"Bogotá\"},"
        "{\"id\":5,\"low\":8,\"high\":8,\"measure\":\"Dutch nationals\",\"place\":\"Spain\"},"
        "{\"id\":6,\"low\":6,\"high\":6,\"measure\":\"Dutch nationals\",\"place\":\"Valencia\"}]}",
    };
    nc_claimset *s = set_of_strings(docs, sizeof docs / sizeof *docs);
    json_t *rep = report_json(s, 0);
    json_t *nl = group_with(rep, "p1", 7);
    ck_assert_ptr_nonnull(nl);
    ck_assert_ptr_eq(nl, group_with(rep, "p2", 7));
    ck_assert_str_eq(json_string_value(json_object_get(nl, "place")), "Peru");
    json_t *fr = group_with(rep, "p1", 12), *ly = group_with(rep, "p2", 5), *ma = group_with(rep, "p2", 4),
           *bo = group_with(rep, "p2", 9);
    ck_assert_ptr_ne(fr, ly);
    ck_assert_ptr_ne(fr, ma);
    ck_assert_ptr_ne(ly, ma);
    ck_assert_ptr_ne(fr, bo);
    /* Valencia is a city of Spain and of Venezuela: it stays apart */
    ck_assert_ptr_ne(group_with(rep, "p2", 8), group_with(rep, "p2", 6));
    ck_assert_uint_eq(group_count(rep), 7);
    json_decref(rep);
    nc_claimset_free(s);
}
END_TEST

/* ------------------------------------------------------------ order and map/reduce */

START_TEST(test_order_and_merge)
{
    lines L = read_lines("seeds-like.jsonl");
    nc_claimset *all = set_of(&L, 0, L.count, 0);
    nc_claimset *rev = set_of(&L, 0, L.count, 1);
    size_t half = L.count / 2;
    nc_claimset *a = set_of(&L, 0, half, 0), *b = set_of(&L, half, L.count, 1);
    nc_claimset *m = NULL;
    ck_assert_int_eq(nc_claimset_new(g_ctx, &m), NC_OK);
    /* reduce in the other order, and merge one half twice (idempotent) */
    ck_assert_int_eq(nc_claimset_merge(m, b), NC_OK);
    ck_assert_int_eq(nc_claimset_merge(m, a), NC_OK);
    ck_assert_int_eq(nc_claimset_merge(m, a), NC_OK);
    ck_assert_uint_eq(nc_claimset_claim_count(m), nc_claimset_claim_count(all));
    for (unsigned f = 0; f < 2; f++) {
        char *r1 = report(all, f), *r2 = report(rev, f), *r3 = report(m, f);
        ck_assert_str_eq(r1, r2);
        ck_assert_str_eq(r1, r3);
        /* a second call gives the same again */
        char *r4 = report(all, f);
        ck_assert_str_eq(r1, r4);
        nc_free(r1);
        nc_free(r2);
        nc_free(r3);
        nc_free(r4);
    }
    nc_claimset_free(all);
    nc_claimset_free(rev);
    nc_claimset_free(a);
    nc_claimset_free(b);
    nc_claimset_free(m);
    free_lines(&L);
}
END_TEST

START_TEST(test_claims_from_elsewhere)
{
    /* no entity ids, no offsets, sources and places by name only, ids as
     * strings: still grouped, merged and compared */
    const char *d1 = "{\"id\":\"x1\",\"date\":\"2026-02-01\",\"claims\":[{\"id\":\"c1\",\"low\":100,\"high\":100,"
                     "\"measure\":\"prisoners released\",\"place\":\"Freedonia\",\"source\":\"Penal Forum\","
                     "\"time\":{\"start\":\"2026-01-01\",\"end\":\"2026-02-01\"}}]}";
    const char *d2 = "{\"id\":\"x2\",\"date\":\"2026-02-01\",\"claims\":[{\"id\":\"c9\",\"value\":400,"
                     "\"measure\":\"releases\",\"place\":{\"name\":\"Freedonia\"},"
                     "\"source\":{\"name\":\"Ministry\",\"type\":\"ROLE\"},"
                     "\"time\":{\"start\":\"2026-01-01\",\"end\":\"2026-02-01\"}}],"
                     "\"entities\":[{\"id\":7,\"type\":\"ORG\",\"name\":\"Foro Penal\"}]}";
    nc_claimset *s;
    ck_assert_int_eq(nc_claimset_new(g_ctx, &s), NC_OK);
    nc_error err;
    ck_assert_int_eq(nc_claimset_add_json(s, d1, strlen(d1), &err), NC_OK);
    ck_assert_int_eq(nc_claimset_add_json(s, d2, strlen(d2), &err), NC_OK);
    json_t *rep = report_json(s, 0);
    json_t *groups = json_object_get(rep, "groups");
    ck_assert_uint_eq(json_array_size(groups), 1);
    json_t *g = json_array_get(groups, 0);
    ck_assert_str_eq(json_string_value(json_object_get(g, "kind")), "flow");
    ck_assert_str_eq(json_string_value(json_object_get(g, "place")), "Freedonia");
    ck_assert_uint_eq(json_array_size(json_object_get(g, "conflicts")), 1);
    ck_assert_ptr_eq(entity_named(rep, "Penal Forum"), entity_named(rep, "Foro Penal"));
    json_t *c = json_object_get(json_array_get(json_object_get(g, "claims"), 0), "claim");
    ck_assert(json_is_string(c));
    json_decref(rep);
    nc_claimset_free(s);
}
END_TEST

/* ------------------------------------------------------------ bad input */

START_TEST(test_damaged_lines)
{
    /* every prefix of a line, and lines with bytes changed: a status, never
     * a crash, and the set still reconciles */
    lines L = read_lines("seeds-like.jsonl");
    nc_claimset *s;
    ck_assert_int_eq(nc_claimset_new(g_ctx, &s), NC_OK);
    unsigned long long x = 12345;
    for (size_t li = 0; li < L.count; li++) {
        char *m = malloc(L.n[li]);
        for (size_t cut = 0; cut < L.n[li]; cut += 5) {
            nc_error err;
            nc_status st = nc_claimset_add_json(s, L.l[li], cut, &err);
            ck_assert(st == NC_OK || st == NC_EPARSE);
        }
        for (int round = 0; round < 200; round++) {
            memcpy(m, L.l[li], L.n[li]);
            for (int k = 0; k < 3; k++) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                static const char SUB[] = "{}[]\",:0-9e.\\nu\xc3\xff \x01";
                m[(x >> 20) % L.n[li]] = SUB[(x >> 40) % (sizeof SUB - 1)];
            }
            nc_error err;
            nc_status st = nc_claimset_add_json(s, m, L.n[li], &err);
            ck_assert_msg(st == NC_OK || st == NC_EPARSE, "status %d", st);
        }
        free(m);
    }
    char *out = report(s, 0);
    nc_free(out);
    out = report(s, NC_RECONCILE_TABLE);
    nc_free(out);
    nc_claimset_free(s);
    free_lines(&L);
}
END_TEST

/* ------------------------------------------------------------ truth discovery */

static double accuracy(nc_claimset *s, unsigned flags, json_t *truth)
{
    json_t *rep = report_json(s, flags);
    size_t i, ok = 0, n = 0;
    json_t *g;
    json_array_foreach(json_object_get(rep, "groups"), i, g)
    {
        json_t *t = json_object_get(truth, json_string_value(json_object_get(g, "measure_key")));
        ck_assert_ptr_nonnull(t);
        json_t *cons = json_object_get(g, "consensus");
        double v = json_number_value(t);
        n++;
        if (json_number_value(json_object_get(cons, "low")) <= v && v <= json_number_value(json_object_get(cons, "high")))
            ok++;
    }
    json_decref(rep);
    return n ? (double)ok / (double)n : 0;
}

START_TEST(test_truth_beats_majority)
{
    lines L = read_lines("truth/claims.jsonl");
    nc_claimset *s = set_of(&L, 0, L.count, 0);
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/cases/reconcile/truth/truth.json", top ? top : ".");
    json_error_t je;
    json_t *tj = json_load_file(path, 0, &je);
    ck_assert_msg(tj != NULL, "%s", je.text);
    json_t *truth = json_object_get(tj, "truth");
    double td = accuracy(s, 0, truth), mv = accuracy(s, NC_RECONCILE_MAJORITY, truth);
    printf("synthetic truth: truth discovery %.3f, majority vote %.3f\n", td, mv);
    ck_assert_msg(td > mv + 0.1, "truth discovery %.3f does not beat majority %.3f", td, mv);
    ck_assert_msg(td > 0.85, "truth discovery accuracy %.3f", td);
    json_decref(tj);
    nc_claimset_free(s);
    free_lines(&L);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("reconcile");
    TCase *tc = tcase_create("api");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_api_basics);
    tcase_add_test(tc, test_add_doc);
    tcase_add_test(tc, test_damaged_lines);
    suite_add_tcase(s, tc);
    tc = tcase_create("fold");
    tcase_add_test(tc, test_fold);
    suite_add_tcase(s, tc);
    tc = tcase_create("seeds");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_seeds_entities);
    tcase_add_test(tc, test_seeds_groups);
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_claims_from_elsewhere);
    tcase_add_test(tc, test_rules);
    tcase_add_test(tc, test_city_in_country);
    suite_add_tcase(s, tc);
    tc = tcase_create("mapreduce");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_order_and_merge);
    suite_add_tcase(s, tc);
    tc = tcase_create("truth");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_truth_beats_majority);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    (void)span_dup;
    return run_suite(suite());
}
