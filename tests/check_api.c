/* API surface: versions, status texts, error detail, context, NULL
 * handling, the JSON contract of nc_doc_json(). */
#include <stdio.h>
#include <jansson.h>
#include "testutil.h"

START_TEST(test_versions)
{
    ck_assert_str_eq(nc_version(), NC_VERSION_STRING);
    ck_assert_int_eq(nc_version_number(), NC_VERSION_NUMBER);
    char buf[32];
    snprintf(buf, sizeof buf, "%d.%d.%d", NC_VERSION_MAJOR, NC_VERSION_MINOR, NC_VERSION_PATCH);
    ck_assert_str_eq(buf, NC_VERSION_STRING);
    ck_assert_uint_ge(strlen(nc_data_version()), 10);
}
END_TEST

START_TEST(test_strerror)
{
    const char *seen[16];
    for (int c = NC_OK; c <= NC_EICU; c++) {
        const char *s = nc_strerror(c);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_ne(s, "unknown error");
        for (int k = 0; k < c; k++)
            ck_assert_str_ne(s, seen[k]); /* each code has its own text */
        seen[c] = s;
    }
    ck_assert_str_eq(nc_strerror(-1), "unknown error");
    ck_assert_str_eq(nc_strerror(1000), "unknown error");
}
END_TEST

START_TEST(test_error_struct)
{
    /* Layout promise: a fixed-size struct, usable from ctypes. */
    ck_assert_uint_eq(sizeof(nc_error), 4 + 4 + 8 * 3 + 256 + 128);
    nc_error e;
    memset(&e, 0x55, sizeof e);
    nc_error_clear(&e);
    ck_assert_int_eq(e.code, NC_OK);
    ck_assert_int_eq(e.offset, -1);
    ck_assert_int_eq(e.line, 0);
    ck_assert_str_eq(e.message, "");
    nc_error_clear(NULL);
}
END_TEST

START_TEST(test_ctx)
{
    nc_ctx *c = (nc_ctx *)1;
    nc_error err;
    ck_assert_int_eq(nc_ctx_new(0x80, &c, &err), NC_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(err.code, NC_EINVAL);
    ck_assert_int_eq(nc_ctx_new(0, NULL, &err), NC_EINVAL);
    ck_assert_int_eq(nc_ctx_new(0, &c, NULL), NC_OK);
    nc_ctx_free(c);
    nc_ctx_free(NULL);
    nc_doc_free(NULL);
    nc_free(NULL);
}
END_TEST

START_TEST(test_null_doc_accessors)
{
    ck_assert_ptr_null(nc_doc_meta(NULL, NC_META_ID));
    ck_assert_int_eq(nc_doc_date_inferred(NULL), 0);
    size_t len = 7;
    ck_assert_ptr_null(nc_doc_text(NULL, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(nc_doc_sentence_count(NULL), 0);
    ck_assert_uint_eq(nc_doc_token_count(NULL), 0);
    ck_assert_int_eq(nc_doc_sentence_span(NULL, 0, NULL, NULL), NC_EINVAL);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(NULL, 0), -1);
    ck_assert_int_eq(nc_doc_token_kind(NULL, 0), -1);
    ck_assert_int_eq(nc_doc_set_meta(NULL, NC_META_ID, "x"), NC_EINVAL);
    ck_assert_int_eq(nc_doc_extract(g_ctx, NULL, NULL), NC_EINVAL);
    ck_assert_int_eq(nc_doc_extract(NULL, NULL, NULL), NC_EINVAL);
}
END_TEST

START_TEST(test_json_contract)
{
    nc_doc *d = load_str("Headline\n\"Quotes\" and \\ back\tslash, on January 13, 2026.");
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_SOURCE, "The \"Wire\""), NC_OK);
    char *js = NULL;
    size_t n;
    nc_error err;
    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_DEFAULT, &js, &n, &err), NC_OK);
    ck_assert_uint_eq(n, strlen(js));
    json_error_t je;
    json_t *o = json_loads(js, 0, &je);
    ck_assert_msg(o != NULL, "invalid JSON: %s: %s", je.text, js);
    ck_assert_str_eq(json_string_value(json_object_get(o, "id")), "t");
    ck_assert_str_eq(json_string_value(json_object_get(o, "source")), "The \"Wire\"");
    ck_assert_str_eq(json_string_value(json_object_get(o, "date")), "2026-01-13");
    ck_assert(json_is_true(json_object_get(o, "date_inferred")));
    ck_assert_str_eq(json_string_value(json_object_get(o, "lang")), "en");
    ck_assert(json_is_null(json_object_get(o, "title")));
    ck_assert(json_is_array(json_object_get(o, "entities")));
    ck_assert(json_is_array(json_object_get(o, "claims")));
    ck_assert_ptr_null(json_object_get(o, "sentences"));
    json_decref(o);
    nc_free(js);

    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_SEGMENTS | NC_JSON_NUMBERS, &js, NULL, &err), NC_OK);
    o = json_loads(js, 0, &je);
    ck_assert_ptr_nonnull(o);
    json_t *sents = json_object_get(o, "sentences");
    ck_assert_uint_eq(json_array_size(sents), 2);
    json_t *s1 = json_array_get(sents, 1);
    size_t len;
    const char *text = nc_doc_text(d, &len);
    json_int_t a = json_integer_value(json_object_get(s1, "start"));
    json_int_t b = json_integer_value(json_object_get(s1, "end"));
    ck_assert_int_eq(b - a, (json_int_t)strlen(json_string_value(json_object_get(s1, "text"))));
    ck_assert(!strncmp(text + a, json_string_value(json_object_get(s1, "text")), (size_t)(b - a)));
    ck_assert(json_is_array(json_object_get(o, "numbers")));
    json_decref(o);
    nc_free(js);
    ck_assert_int_eq(nc_doc_json(g_ctx, d, 0x40, &js, NULL, &err), NC_EINVAL);
    ck_assert_int_eq(nc_doc_json(g_ctx, d, 0, NULL, NULL, &err), NC_EINVAL);
    nc_doc_free(d);
}
END_TEST

START_TEST(test_json_control_chars)
{
    /* Control characters and U+2028 are escaped; the result still parses. */
    nc_doc *d = load_str("a\x01" "b\x1f" "c d");
    ck_assert_int_eq(nc_doc_set_meta(d, NC_META_TITLE, "line\xE2\x80\xA8sep"), NC_OK);
    char *js;
    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_SEGMENTS, &js, NULL, NULL), NC_OK);
    ck_assert_ptr_nonnull(strstr(js, "\\u0001"));
    ck_assert_ptr_nonnull(strstr(js, "\\u2028"));
    json_t *o = json_loads(js, 0, NULL);
    ck_assert_ptr_nonnull(o);
    json_decref(o);
    nc_free(js);
    nc_doc_free(d);
}
END_TEST

/* The escaping nc_doc_json() promises, one byte at a time: what the
 * block-wise writer must match wherever the bytes fall. */
static void ref_escape(char *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            out += sprintf(out, "\\%c", c);
        else if (c == '\n')
            out += sprintf(out, "\\n");
        else if (c == '\r')
            out += sprintf(out, "\\r");
        else if (c == '\t')
            out += sprintf(out, "\\t");
        else if (c < 0x20)
            out += sprintf(out, "\\u%04x", c);
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            out += sprintf(out, "\\u202%c", s[i + 2] == '\xA8' ? '8' : '9'), i += 2;
        else
            *out++ = (char)c;
    }
    *out = '\0';
}

START_TEST(test_json_escape_blocks)
{
    /* Each byte to escape (and one E2 lead byte to keep) at every offset
     * of the first 16-byte blocks, with 0 to 17 bytes after it to the end
     * of the text. */
    static const char *const SPECIAL[] = {"\"", "\\", "\n", "\t", "\x01", "\x1f",
                                          "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\x99"};
    static const size_t AFTER[] = {0, 1, 15, 16, 17};
    for (size_t k = 0; k < sizeof SPECIAL / sizeof *SPECIAL; k++)
        for (size_t at = 0; at < 34; at++)
            for (size_t q = 0; q < sizeof AFTER / sizeof *AFTER; q++) {
                char text[128], want[1024];
                size_t n = 0;
                text[n++] = 'W';
                for (size_t i = 1; i < at; i++)
                    text[n++] = i % 7 ? 'a' : ' ';
                n += (size_t)sprintf(text + n, "%s", SPECIAL[k]);
                for (size_t i = 0; i < AFTER[q]; i++)
                    text[n++] = i % 5 ? 'b' : ' ';
                text[n] = '\0';
                nc_doc *d = load_str(text);
                char *js;
                ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_SEGMENTS, &js, NULL, NULL), NC_OK);
                for (size_t s = 0; s < nc_doc_sentence_count(d); s++) {
                    size_t a, b, len;
                    const char *t = nc_doc_text(d, &len);
                    ck_assert_int_eq(nc_doc_sentence_span(d, s, &a, &b), NC_OK);
                    char *p = want + sprintf(want, "\"text\":\"");
                    ref_escape(p, t + a, b - a);
                    strcat(want, "\"");
                    ck_assert_msg(strstr(js, want), "%s not in %s", want, js);
                }
                nc_free(js);
                nc_doc_free(d);
            }
}
END_TEST

/* Each of want[0..n) is in the numbers JSON of text t. */
static void assert_numbers_json_has(const char *t, const char *const *want, size_t n)
{
    char *js;
    ck_assert_int_eq(nc_numbers_json(g_ctx, t, strlen(t), "en", &js, NULL, NULL), NC_OK);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(strstr(js, want[i]), "%s not in %s", want[i], js);
    nc_free(js);
}

START_TEST(test_json_decimals)
{
    /* Short decimals are written without printf, exactly as "%.15g". */
    const char *t = "Prices were 2.5 and 0.65 and 0.0001 and 3.14159265358979 and "
                    "1234567890123.5 and -4.25 and 12.345678 units.";
    static const char *const WANT[] = {"\"value\":2.5,", "\"value\":0.65,", "\"value\":0.0001,",
                                       "\"value\":3.14159265358979,", "\"value\":1234567890123.5,",
                                       "\"value\":-4.25,", "\"value\":12.345678,"};
    assert_numbers_json_has(t, WANT, sizeof WANT / sizeof *WANT);
}
END_TEST

START_TEST(test_json_integers)
{
    /* Integers at each side of a power of ten (written without printf). */
    const char *t = "Counts were 0 and 9 and 10 and 99 and 100 and 999999 and 1000000 and "
                    "9999999999 and 10000000000 and -7 units.";
    static const char *const WANT[] = {"\"value\":0,", "\"value\":9,", "\"value\":10,", "\"value\":99,",
                                       "\"value\":100,", "\"value\":999999,", "\"value\":1000000,",
                                       "\"value\":9999999999,", "\"value\":10000000000,", "\"value\":-7,"};
    assert_numbers_json_has(t, WANT, sizeof WANT / sizeof *WANT);
}
END_TEST

START_TEST(test_numbers_json_errors)
{
    char *js = NULL;
    nc_error err;
    ck_assert_int_eq(nc_numbers_json(g_ctx, "x", 1, "fr", &js, NULL, &err), NC_EINVAL);
    ck_assert_int_eq(nc_numbers_json(g_ctx, "ab\xFF", 3, "en", &js, NULL, &err), NC_EUTF8);
    ck_assert_int_eq(err.offset, 2);
    ck_assert_int_eq(nc_numbers_json(g_ctx, NULL, 3, "en", &js, NULL, &err), NC_EINVAL);
    ck_assert_int_eq(nc_numbers_json(g_ctx, "", 0, NULL, &js, NULL, &err), NC_OK);
    ck_assert_str_eq(js, "[]");
    nc_free(js);
}
END_TEST

START_TEST(test_numbers_json_select)
{
    const char *t = "More than 5 people paid $20 each in 2004; 3% voted.";
    char *all = NULL, *js = NULL;
    nc_error err;
    ck_assert_int_eq(nc_numbers_json(g_ctx, t, strlen(t), "en", &all, NULL, &err), NC_OK);
    /* no selection: the same as nc_numbers_json */
    ck_assert_int_eq(nc_numbers_json_select(g_ctx, t, strlen(t), "en", 0, 0, &js, NULL, &err), NC_OK);
    ck_assert_str_eq(js, all);
    nc_free(js);
    /* kinds */
    ck_assert_int_eq(nc_numbers_json_select(g_ctx, t, strlen(t), "en", 1u << NC_NUM_MONEY, 0, &js, NULL, &err),
                     NC_OK);
    ck_assert_ptr_nonnull(strstr(js, "\"text\":\"$20\""));
    ck_assert_ptr_null(strstr(js, "2004"));
    ck_assert_ptr_null(strstr(js, "More than 5"));
    nc_free(js);
    ck_assert_int_eq(nc_numbers_json_select(g_ctx, t, strlen(t), "en",
                                            (1u << NC_NUM_PERCENT) | (1u << NC_NUM_YEAR), 0, &js, NULL, &err),
                     NC_OK);
    ck_assert_ptr_nonnull(strstr(js, "2004"));
    ck_assert_ptr_nonnull(strstr(js, "3%"));
    ck_assert_ptr_null(strstr(js, "$20"));
    nc_free(js);
    /* bounded */
    ck_assert_int_eq(nc_numbers_json_select(g_ctx, t, strlen(t), "en", 0, NC_NUMBERS_BOUNDED, &js, NULL, &err),
                     NC_OK);
    ck_assert_ptr_nonnull(strstr(js, "More than 5"));
    ck_assert_ptr_null(strstr(js, "$20"));
    nc_free(js);
    /* unknown bits */
    ck_assert_int_eq(nc_numbers_json_select(g_ctx, t, strlen(t), "en", 1u << 10, 0, &js, NULL, &err), NC_EINVAL);
    ck_assert_int_eq(nc_numbers_json_select(g_ctx, t, strlen(t), "en", 0, 2, &js, NULL, &err), NC_EINVAL);
    nc_free(all);
}
END_TEST

START_TEST(test_extract_idempotent)
{
    nc_doc *d = load_str("Some text with 5 numbers.");
    ck_assert_int_eq(nc_doc_extract(g_ctx, d, NULL), NC_OK);
    char *a, *b;
    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_NUMBERS, &a, NULL, NULL), NC_OK);
    ck_assert_int_eq(nc_doc_extract(g_ctx, d, NULL), NC_OK);
    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_NUMBERS, &b, NULL, NULL), NC_OK);
    ck_assert_str_eq(a, b);
    nc_free(a);
    nc_free(b);
    nc_doc_free(d);
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("basics");
    tcase_add_test(tc, test_versions);
    tcase_add_test(tc, test_strerror);
    tcase_add_test(tc, test_error_struct);
    tcase_add_test(tc, test_ctx);
    suite_add_tcase(s, tc);
    tc = tcase_create("doc");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_null_doc_accessors);
    tcase_add_test(tc, test_json_contract);
    tcase_add_test(tc, test_json_control_chars);
    tcase_add_test(tc, test_json_escape_blocks);
    tcase_add_test(tc, test_json_decimals);
    tcase_add_test(tc, test_json_integers);
    tcase_add_test(tc, test_numbers_json_errors);
    tcase_add_test(tc, test_numbers_json_select);
    tcase_add_test(tc, test_extract_idempotent);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(api_suite());
}
