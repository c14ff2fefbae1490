/* Load stage: decoding, validation with positions, repair, metadata, JSON
 * Lines records, files, dates and language. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <jansson.h>
#include "testutil.h"

/* ---------------------------------------------------------------- buffer */

START_TEST(test_buffer_basic)
{
    nc_doc *d = load_str("Hello world. Second sentence.");
    size_t len;
    ck_assert_str_eq(nc_doc_text(d, &len), "Hello world. Second sentence.");
    ck_assert_uint_eq(len, 29);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "t");
    ck_assert_ptr_null(nc_doc_meta(d, NC_META_SOURCE));
    ck_assert_uint_eq(nc_doc_repairs(d), 0);
    nc_doc_free(d);
}
END_TEST

START_TEST(test_buffer_not_terminated)
{
    /* The length is what counts: no NUL terminator is read. */
    char buf[5] = {'a', 'b', 'c', 'd', 'e'};
    nc_doc *d = NULL;
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, buf, 3, NULL, 0, &d, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_text(d, NULL), "abc");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "doc");
    nc_doc_free(d);
}
END_TEST

START_TEST(test_buffer_empty)
{
    nc_doc *d = NULL;
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, NULL, 0, "e", 0, &d, NULL), NC_OK);
    ck_assert_uint_eq(nc_doc_sentence_count(d), 0);
    ck_assert_uint_eq(nc_doc_token_count(d), 0);
    ck_assert_ptr_null(nc_doc_meta(d, NC_META_DATE));
    nc_doc_free(d);
}
END_TEST

START_TEST(test_buffer_bad_args)
{
    nc_doc *d = (nc_doc *)1;
    nc_error err;
    ck_assert_int_eq(nc_doc_load_buffer(NULL, "x", 1, NULL, 0, &d, &err), NC_EINVAL);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(err.code, NC_EINVAL);
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, NULL, 4, NULL, 0, &d, &err), NC_EINVAL);
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, "x", 1, NULL, 0x100, &d, &err), NC_EINVAL);
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, "x", 1, NULL, 0, NULL, &err), NC_EINVAL);
}
END_TEST

START_TEST(test_bom_dropped)
{
    nc_doc *d = load_str("\xEF\xBB\xBFHello.");
    ck_assert_str_eq(nc_doc_text(d, NULL), "Hello.");
    size_t s, e;
    ck_assert_int_eq(nc_doc_sentence_span(d, 0, &s, &e), NC_OK);
    ck_assert_uint_eq(s, 0);
    ck_assert_uint_eq(e, 6);
    nc_doc_free(d);
}
END_TEST

/* ---------------------------------------------------------------- encoding */

static void read_file(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    *buf = malloc(65536);
    *len = fread(*buf, 1, 65536, f);
    fclose(f);
}

/* tests/cases/invalid/NAME/{input,error}: error holds "EUTF8 OFFSET LINE COLUMN". */
START_TEST(test_invalid_cases)
{
    const char *top = getenv("top_srcdir");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/cases/invalid", top ? top : ".");
    DIR *dp = opendir(dir);
    ck_assert_msg(dp != NULL, "no %s", dir);
    int cases = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        char path[8192];
        char *input, *expect;
        size_t ilen, elen;
        snprintf(path, sizeof path, "%s/%s/input", dir, de->d_name);
        read_file(path, &input, &ilen);
        snprintf(path, sizeof path, "%s/%s/error", dir, de->d_name);
        read_file(path, &expect, &elen);
        expect[elen] = '\0';
        char code[16];
        long long off, line, col;
        ck_assert_int_eq(sscanf(expect, "%15s %lld %lld %lld", code, &off, &line, &col), 4);
        ck_assert_str_eq(code, "EUTF8");
        nc_doc *d = NULL;
        nc_error err;
        nc_status st = nc_doc_load_buffer(g_ctx, input, ilen, de->d_name, 0, &d, &err);
        ck_assert_msg(st == NC_EUTF8, "%s: status %d", de->d_name, st);
        ck_assert_ptr_null(d);
        ck_assert_msg(err.offset == off && err.line == line && err.column == col,
                      "%s: got offset %lld line %lld col %lld", de->d_name, (long long)err.offset,
                      (long long)err.line, (long long)err.column);
        ck_assert_str_ne(err.message, "");
        /* Repair mode loads it, counts the repairs and leaves valid UTF-8. */
        st = nc_doc_load_buffer(g_ctx, input, ilen, de->d_name, NC_LOAD_REPAIR, &d, &err);
        ck_assert_int_eq(st, NC_OK);
        ck_assert_uint_ge(nc_doc_repairs(d), 1);
        size_t tl;
        const char *t = nc_doc_text(d, &tl);
        ck_assert_ptr_nonnull(strstr(t, "\xEF\xBF\xBD"));
        nc_doc *again = NULL;
        ck_assert_int_eq(nc_doc_load_buffer(g_ctx, t, tl, "again", 0, &again, &err), NC_OK);
        nc_doc_free(again);
        nc_doc_free(d);
        free(input);
        free(expect);
        cases++;
    }
    closedir(dp);
    ck_assert_int_ge(cases, 8);
}
END_TEST

START_TEST(test_repair_maximal_subparts)
{
    /* Unicode's best practice: E0 80 is two ill-formed subparts (E0 can't
     * take 80), F0 9F 98 (truncated 4-byte form) is one. */
    nc_doc *d = NULL;
    const char in[] = "a\xE0\x80" "b\xF0\x9F\x98" "c";
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, in, sizeof in - 1, NULL, NC_LOAD_REPAIR, &d, NULL), NC_OK);
    ck_assert_uint_eq(nc_doc_repairs(d), 3);
    ck_assert_str_eq(nc_doc_text(d, NULL), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    nc_doc_free(d);
}
END_TEST

START_TEST(test_valid_multibyte)
{
    nc_doc *d = load_str("Bogot\xC3\xA1 \xE2\x80\x94 \xF0\x9F\x98\x80 \xE4\xB8\xAD.");
    ck_assert_uint_eq(nc_doc_repairs(d), 0);
    nc_doc_free(d);
}
END_TEST

/* ---------------------------------------------------------------- JSON Lines */

static nc_status load_json(const char *rec, nc_doc **d, nc_error *err)
{
    return nc_doc_load_json(g_ctx, rec, strlen(rec), NULL, 0, d, err);
}

START_TEST(test_json_fields)
{
    nc_doc *d = NULL;
    nc_error err;
    ck_assert_int_eq(load_json("{\"id\":\"a1\",\"text\":\"Hello there.\",\"source\":\"Wire\","
                               "\"date\":\"2026-01-09T10:00:00Z\",\"url\":\"http://x\",\"title\":\"T\","
                               "\"lang\":\"en\",\"extra\":[1,2,{\"k\":null}]}", &d, &err), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "a1");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_SOURCE), "Wire");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_DATE), "2026-01-09");
    ck_assert_int_eq(nc_doc_date_inferred(d), 0);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_URL), "http://x");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_TITLE), "T");
    ck_assert_str_eq(nc_doc_text(d, NULL), "Hello there.");
    nc_doc_free(d);
}
END_TEST

START_TEST(test_json_text_field_and_ids)
{
    nc_doc *d = NULL;
    const char *rec = "{\"id\":42,\"body\":\"Body text.\",\"title\":null}";
    ck_assert_int_eq(nc_doc_load_json(g_ctx, rec, strlen(rec), "body", 0, &d, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "42");
    ck_assert_str_eq(nc_doc_text(d, NULL), "Body text.");
    ck_assert_ptr_null(nc_doc_meta(d, NC_META_TITLE));
    nc_doc_free(d);
    ck_assert_int_eq(load_json("{\"text\":\"x\"}", &d, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "doc");
    nc_doc_free(d);
}
END_TEST

START_TEST(test_json_errors)
{
    nc_doc *d = NULL;
    nc_error err;
    ck_assert_int_eq(load_json("{\"id\":\"a\",\"text\":\"x\"", &d, &err), NC_EPARSE);
    ck_assert_ptr_null(d);
    ck_assert_int_ge(err.offset, 0);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(load_json("{\"id\":\"a\" \"text\":\"x\"}", &d, &err), NC_EPARSE);
    ck_assert_int_eq(err.column, 16); /* jansson points at the end of the unexpected token */
    ck_assert_int_eq(load_json("[1,2]", &d, &err), NC_EPARSE);
    ck_assert_int_eq(load_json("{\"id\":\"a\"}", &d, &err), NC_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.message, "missing"));
    ck_assert_int_eq(load_json("{\"text\":5}", &d, &err), NC_EPARSE);
    ck_assert_int_eq(load_json("{\"text\":\"x\",\"source\":[1]}", &d, &err), NC_EPARSE);
    ck_assert_int_eq(load_json("", &d, &err), NC_EPARSE);
}
END_TEST

START_TEST(test_json_encoding)
{
    nc_doc *d = NULL;
    nc_error err;
    /* An escaped NUL decodes to a NUL in the text: an encoding error with
     * its offset in the text. */
    ck_assert_int_eq(load_json("{\"text\":\"ab\\u0000c\"}", &d, &err), NC_EUTF8);
    ck_assert_int_eq(err.offset, 2);
    /* A raw bad byte in the record: its offset in the record. */
    const char bad[] = "{\"text\":\"caf\xE9\"}";
    ck_assert_int_eq(nc_doc_load_json(g_ctx, bad, sizeof bad - 1, NULL, 0, &d, &err), NC_EUTF8);
    ck_assert_int_eq(err.offset, 12);
    ck_assert_int_eq(nc_doc_load_json(g_ctx, bad, sizeof bad - 1, NULL, NC_LOAD_REPAIR, &d, &err), NC_OK);
    ck_assert_str_eq(nc_doc_text(d, NULL), "caf\xEF\xBF\xBD");
    nc_doc_free(d);
}
END_TEST

START_TEST(test_json_reader)
{
    /* What the record parser decodes itself: escapes, a surrogate pair,
     * the last of duplicate keys, the text field also a metadata key, an
     * escaped NUL cutting a metadata value, ignored values of all kinds. */
    nc_doc *d = NULL;
    ck_assert_int_eq(load_json("{\"text\":\"\\ud83d\\ude00 \\u00e9\\u20AC \\/ \\\"q\\\"\\t.\",\"id\":1,"
                               "\"id\":\"z\",\"title\":\"t\\u0000u\",\"x\":[1,-2.5e3,true,false,null,"
                               "{\"k\":[{}],\"\":\"\"}],\"y\":{}}", &d, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_text(d, NULL), "\xF0\x9F\x98\x80 \xC3\xA9\xE2\x82\xAC / \"q\"\t.");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "z");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_TITLE), "t");
    nc_doc_free(d);
    const char *rec = "{\"title\":\"Rain on 1 May 2020.\",\"id\":-0,\"text\":\"a\",\"text\":\"b\"}";
    ck_assert_int_eq(nc_doc_load_json(g_ctx, rec, strlen(rec), "title", 0, &d, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_text(d, NULL), "Rain on 1 May 2020.");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_TITLE), "Rain on 1 May 2020.");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), "0");
    nc_doc_free(d);
}
END_TEST

START_TEST(test_json_reader_hands_over)
{
    /* What it leaves to Jansson keeps Jansson's verdict and message. */
    nc_doc *d = NULL;
    nc_error err;
    static const char *const BAD[][2] = {
        {"{\"text\":\"\\ud83d lone\"}", "invalid Unicode"},
        {"{\"text\":\"x\",\"n\":1e400}", "real number overflow"},
        {"{\"text\":\"x\",}", "string or '}' expected"},
        {"{\"text\":\"x\",\"k\":{\"a\\u0000\":1}}", "NUL byte in object key"},
        {"{\"text\":\"x\"} x", "end of file expected"},
        {"{\"text\":\"x\",\"n\":01}", "invalid token"},
        {"{\"id\":9223372036854775808,\"text\":\"x\"}", "too big integer"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        ck_assert_int_eq(load_json(BAD[i][0], &d, &err), NC_EPARSE);
        ck_assert_msg(strstr(err.message, BAD[i][1]), "%s: %s", BAD[i][0], err.message);
        ck_assert_int_eq(err.line, 1);
        ck_assert_int_gt(err.column, 0);
    }
    /* Nesting: deeper than the parser follows is Jansson's to read; far
     * deeper, its error, and no recursion of ours either way. */
    char rec[8200];
    for (int depth = 100; depth <= 4000; depth += 3900) {
        int n = sprintf(rec, "{\"text\":\"x\",\"deep\":");
        for (int k = 0; k < depth; k++)
            rec[n++] = '[';
        for (int k = 0; k < depth; k++)
            rec[n++] = ']';
        strcpy(rec + n, "}");
        nc_status s = load_json(rec, &d, &err);
        if (depth == 100) {
            ck_assert_int_eq(s, NC_OK);
            nc_doc_free(d);
        } else {
            ck_assert_int_eq(s, NC_EPARSE);
            ck_assert_ptr_nonnull(strstr(err.message, "depth"));
        }
    }
}
END_TEST

START_TEST(test_json_bad_metadata_values)
{
    /* A date we can't read or a language we don't support is not fatal. */
    nc_doc *d = NULL;
    ck_assert_int_eq(load_json("{\"text\":\"On January 13, 2026 it rained.\",\"date\":\"yesterday\","
                               "\"lang\":\"fr\"}", &d, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_DATE), "2026-01-13");
    ck_assert_int_eq(nc_doc_date_inferred(d), 1);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_LANG), "en");
    nc_doc_free(d);
}
END_TEST

/* ---------------------------------------------------------------- files */

START_TEST(test_file)
{
    char path[] = "/tmp/nc_check_load_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "wb");
    fputs("Line one.\r\nLine two.\r\n", f);
    fclose(f);
    nc_doc *d = NULL;
    nc_error err;
    ck_assert_int_eq(nc_doc_load_file(g_ctx, path, 0, &d, &err), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_ID), strrchr(path, '/') + 1);
    ck_assert_uint_eq(nc_doc_sentence_count(d), 2);
    size_t s, e;
    nc_doc_sentence_span(d, 1, &s, &e);
    ck_assert_uint_eq(s, 11);
    ck_assert_uint_eq(e, 20);
    nc_doc_free(d);
    remove(path);
    ck_assert_int_eq(nc_doc_load_file(g_ctx, path, 0, &d, &err), NC_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
    ck_assert_int_eq(nc_doc_load_file(g_ctx, "/", 0, &d, &err), NC_EIO);
}
END_TEST

/* ---------------------------------------------------------------- dates */

static void check_inferred(const char *text, const char *want)
{
    nc_doc *d = load_str(text);
    const char *got = nc_doc_meta(d, NC_META_DATE);
    if (want) {
        ck_assert_msg(got && !strcmp(got, want), "%s: got %s, want %s", text, got ? got : "null", want);
        ck_assert_int_eq(nc_doc_date_inferred(d), 1);
    } else {
        ck_assert_msg(got == NULL, "%s: got %s, want null", text, got);
        ck_assert_int_eq(nc_doc_date_inferred(d), 0);
    }
    nc_doc_free(d);
}

START_TEST(test_date_inference)
{
    check_inferred("It happened on January 13, 2026, in town.", "2026-01-13");
    check_inferred("Talks began on 8 January 2026. By January 12-13 they ended.", "2026-01-13");
    check_inferred("El proceso empez\xC3\xB3 el 8 de enero de 2026 en Caracas.", "2026-01-08");
    check_inferred("Figures from December 2025 were higher.", "2025-12");
    check_inferred("Posted 2026-02-03 by staff.", "2026-02-03");
    check_inferred("In Sept. 2024 prices rose; on Jan. 4, 2025 they fell.", "2025-01-04");
    check_inferred("As of March 3 the count was 1,105 (March 2, 2026 report).", "2026-03-03");
    check_inferred("Nothing dates this text, not even 2024 or May.", NULL);
    check_inferred("They may 2 go.", NULL);
}
END_TEST

START_TEST(test_date_metadata)
{
    nc_doc *d = load_str("It happened on January 13, 2026.");
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_DATE, "2026-02"), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_DATE), "2026-02");
    ck_assert_int_eq(nc_doc_date_inferred(d), 0);
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_DATE, "2026-02-30"), NC_EINVAL);
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_DATE, "13/01/2026"), NC_EINVAL);
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_DATE, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_DATE), "2026-01-13");
    ck_assert_int_eq(nc_doc_date_inferred(d), 1);
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_ID, NULL), NC_EINVAL);
    ck_assert_int_eq(nc_doc_set_meta(d, 99, "x"), NC_EINVAL);
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_SOURCE, "caf\xE9"), NC_EUTF8);
    nc_doc_free(d);
}
END_TEST

/* ---------------------------------------------------------------- language */

START_TEST(test_language)
{
    nc_doc *d = load_str("El gobierno de Venezuela anunci\xC3\xB3 la liberaci\xC3\xB3n de los presos "
                         "pol\xC3\xADticos que estaban en la c\xC3\xA1rcel.");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_LANG), "es");
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_LANG, "EN-gb"), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_LANG), "en");
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_LANG, "fr"), NC_EINVAL);
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_LANG, NULL), NC_OK);
    ck_assert_str_eq(nc_doc_meta(d, NC_META_LANG), "es");
    nc_doc_free(d);
    d = load_str("The government of Venezuela announced the release of the prisoners.");
    ck_assert_str_eq(nc_doc_meta(d, NC_META_LANG), "en");
    nc_doc_free(d);
}
END_TEST

/* ---------------------------------------------------------------- robustness */

/* Pieces that random documents are made of: plain words, every kind of
 * UTF-8 sequence, broken sequences, line ends, abbreviations, furniture,
 * dates and JSON syntax. */
static const char *const PIECES[] = {
    "word", " ", "  ", "\n", "\r\n", "\r", ".", "?", "!", "...", "Mr.", "U.S.", "J.", "\"", "'",
    "\xE2\x80\x99s", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x94", "\xC3\xA9", "\xE4\xB8\xAD",
    "\xF0\x9F\x98\x80", "\xCC\x81", "\xE2\x80\xA8", "\xC2\x85", "\xC2\xA0", "1,200", "3.5", "17GEN4",
    "January 13, 2026", "12\xE2\x80\x93" "13 January", "8 de enero de 2026", "2026-01-09", "3 min read",
    "By Jane Doe", "Share", "Image:", "(", ")", "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
    "\xC3", "\xE2\x80", "\xFF", "{", "}", ":", ",", "\\", "\t", "\x01", "Z", "a."};

static uint32_t rng_next(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

static size_t random_doc(uint32_t *seed, char *buf, size_t cap)
{
    size_t n = 0, pieces = rng_next(seed) % 60;
    for (size_t i = 0; i < pieces; i++) {
        const char *p = PIECES[rng_next(seed) % (sizeof PIECES / sizeof *PIECES)];
        size_t l = strlen(p);
        if (n + l >= cap)
            break;
        memcpy(buf + n, p, l);
        n += l;
    }
    if (rng_next(seed) % 8 == 0 && n < cap)
        buf[n++] = '\0'; /* an embedded NUL now and then */
    return n;
}

static void check_doc_invariants(const nc_doc *d)
{
    size_t len;
    const char *t = nc_doc_text(d, &len);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(t[len], '\0');
    size_t prev = 0, toks = 0;
    for (size_t i = 0; i < nc_doc_sentence_count(d); i++) {
        size_t s, e, first, count;
        ck_assert_int_eq(nc_doc_sentence_span(d, i, &s, &e), NC_OK);
        ck_assert_uint_le(prev, s);
        ck_assert_uint_lt(s, e);
        ck_assert_uint_le(e, len);
        nc_doc_sentence_tokens(d, i, &first, &count);
        ck_assert_uint_eq(first, toks);
        toks += count;
        prev = e;
    }
    ck_assert_uint_eq(toks, nc_doc_token_count(d));
}

START_TEST(test_random_documents)
{
    uint32_t seed = 0x9E3779B9u;
    char buf[1024];
    int strict_ok = 0, strict_bad = 0;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = random_doc(&seed, buf, sizeof buf);
        nc_doc *d = NULL;
        nc_error err;
        nc_status st = nc_doc_load_buffer(g_ctx, buf, n, "r", 0, &d, &err);
        if (st == NC_OK) {
            strict_ok++;
            check_doc_invariants(d);
            nc_doc_free(d);
        } else {
            ck_assert_int_eq(st, NC_EUTF8);
            ck_assert_int_ge(err.offset, 0);
            ck_assert_int_lt(err.offset, (int64_t)n);
            ck_assert_int_ge(err.line, 1);
            strict_bad++;
        }
        ck_assert_int_eq(nc_doc_load_buffer(g_ctx, buf, n, "r", NC_LOAD_REPAIR, &d, &err), NC_OK);
        check_doc_invariants(d);
        char *js = NULL;
        ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_SEGMENTS | NC_JSON_NUMBERS, &js, NULL, &err), NC_OK);
        json_t *o = json_loads(js, 0, NULL);
        ck_assert_msg(o != NULL, "output is not JSON: %s", js);
        json_decref(o);
        nc_free(js);
        nc_doc_free(d);
        /* The same bytes as a JSON Lines record: an error or a document, never a crash. */
        if (nc_doc_load_json(g_ctx, buf, n, NULL, 0, &d, &err) == NC_OK)
            nc_doc_free(d);
        else
            ck_assert(err.code == NC_EPARSE || err.code == NC_EUTF8);
    }
    ck_assert_int_gt(strict_ok, 100);
    ck_assert_int_gt(strict_bad, 100);
}
END_TEST

static Suite *load_suite(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("buffer");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_buffer_basic);
    tcase_add_test(tc, test_buffer_not_terminated);
    tcase_add_test(tc, test_buffer_empty);
    tcase_add_test(tc, test_buffer_bad_args);
    tcase_add_test(tc, test_bom_dropped);
    suite_add_tcase(s, tc);
    tc = tcase_create("encoding");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_invalid_cases);
    tcase_add_test(tc, test_repair_maximal_subparts);
    tcase_add_test(tc, test_valid_multibyte);
    suite_add_tcase(s, tc);
    tc = tcase_create("jsonl");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_json_fields);
    tcase_add_test(tc, test_json_text_field_and_ids);
    tcase_add_test(tc, test_json_errors);
    tcase_add_test(tc, test_json_encoding);
    tcase_add_test(tc, test_json_bad_metadata_values);
    tcase_add_test(tc, test_json_reader);
    tcase_add_test(tc, test_json_reader_hands_over);
    suite_add_tcase(s, tc);
    tc = tcase_create("file");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("metadata");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_date_inference);
    tcase_add_test(tc, test_date_metadata);
    tcase_add_test(tc, test_language);
    suite_add_tcase(s, tc);
    tc = tcase_create("robustness");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_random_documents);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(load_suite());
}
