/* Segment stage: sentences, tokens, offsets and page furniture. */
#include <stdio.h>
#include "testutil.h"

/* The tokens of d joined by '|'. */
static char *tokens_joined(const nc_doc *d)
{
    size_t len;
    const char *t = nc_doc_text(d, &len);
    char *out = calloc(len * 2 + 2, 1);
    for (size_t i = 0; i < nc_doc_token_count(d); i++) {
        size_t s, e;
        ck_assert_int_eq(nc_doc_token_span(d, i, &s, &e), NC_OK);
        if (i)
            strcat(out, "|");
        strncat(out, t + s, e - s);
    }
    return out;
}

static void check_tokens(const char *text, const char *want)
{
    nc_doc *d = load_str(text);
    char *got = tokens_joined(d);
    ck_assert_msg(!strcmp(got, want), "tokens of '%s': got '%s', want '%s'", text, got, want);
    free(got);
    nc_doc_free(d);
}

START_TEST(test_tokens)
{
    check_tokens("Venezuela\xE2\x80\x99s prisoners", "Venezuela|\xE2\x80\x99s|prisoners");
    check_tokens("the U.S. and the E.U.", "the|U.S.|and|the|E.U.");
    check_tokens("1,200.5 people, 3.5% and $2bn", "1,200.5|people|,|3.5|%|and|$|2bn");
    check_tokens("twenty-three O'Brien don't", "twenty-three|O'Brien|don't");
    check_tokens("17GEN4 COVID-19 G7", "17GEN4|COVID|-|19|G7");
    check_tokens("Wait... what?!", "Wait|...|what|?|!");
    check_tokens("Rodr\xC3\xADguez \xE2\x80\x94 S\xC3\xA3o", "Rodr\xC3\xADguez|\xE2\x80\x94|S\xC3\xA3o");
    check_tokens("\xE2\x80\x9CQuoted\xE2\x80\x9D \xF0\x9F\x98\x80",
                 "\xE2\x80\x9C|Quoted|\xE2\x80\x9D|\xF0\x9F\x98\x80");
    check_tokens("10:30 1.200 8.", "10:30|1.200|8|.");
}
END_TEST

/* Letters and digits are scanned sixteen bytes at a time where the range
 * allows and byte by byte near its end: runs longer than sixteen bytes, runs
 * that end at the very end of the text, and runs stopped by something other
 * than a space on either side of that limit.  (Sentence stops are found the
 * same way: see test_sentences.) */
START_TEST(test_tokens_long_runs)
{
    check_tokens("Pneumonoultramicroscopicsilicovolcanoconiosis",
                 "Pneumonoultramicroscopicsilicovolcanoconiosis");
    check_tokens("x abcdefghijklmnop", "x|abcdefghijklmnop");
    check_tokens("x abcdefghijklmnopq.", "x|abcdefghijklmnopq|.");
    check_tokens("Abcdefghijklmnopqrstuvwxyz's 12345678901234567890,5 and more",
                 "Abcdefghijklmnopqrstuvwxyz|'s|12345678901234567890,5|and|more");
    check_tokens("Abcdefghijklmnopqrstuvwxyz\xC3\xA9t\xC3\xA9 Abcdefghijklmnopqrstuvwxyz-abc d",
                 "Abcdefghijklmnopqrstuvwxyz\xC3\xA9t\xC3\xA9|Abcdefghijklmnopqrstuvwxyz-abc|d");
    check_tokens("the U.S.A. 2bn", "the|U.S.A.|2bn");
    check_tokens("Word\xE2\x80\x99s", "Word|\xE2\x80\x99s");
}
END_TEST

START_TEST(test_token_kinds)
{
    nc_doc *d = load_str("Prices rose 5% \xE2\x82\xAC" "3.");
    ck_assert_int_eq(nc_doc_token_kind(d, 0), NC_TOKEN_WORD);
    ck_assert_int_eq(nc_doc_token_kind(d, 2), NC_TOKEN_NUMBER);
    ck_assert_int_eq(nc_doc_token_kind(d, 3), NC_TOKEN_PUNCT); /* % is Po */
    ck_assert_int_eq(nc_doc_token_kind(d, 4), NC_TOKEN_SYMBOL); /* euro sign is Sc */
    ck_assert_int_eq(nc_doc_token_kind(d, 99), -1);
    ck_assert_int_eq(nc_doc_token_span(d, 99, NULL, NULL), NC_EINVAL);
    nc_doc_free(d);
}
END_TEST

static void check_sentences(const char *text, size_t want, const char *first_want)
{
    nc_doc *d = load_str(text);
    ck_assert_msg(nc_doc_sentence_count(d) == want, "'%s': %zu sentences, want %zu", text,
                  nc_doc_sentence_count(d), want);
    if (first_want) {
        size_t s, e;
        nc_doc_sentence_span(d, 0, &s, &e);
        char *got = span_dup(d, s, e);
        ck_assert_str_eq(got, first_want);
        free(got);
    }
    nc_doc_free(d);
}

START_TEST(test_sentences)
{
    check_sentences("Mr. Smith went to Washington. He said hello.", 2,
                    "Mr. Smith went to Washington.");
    check_sentences("Headline without a stop\nBody text here. More text!", 3, "Headline without a stop");
    check_sentences("  \n\n  Padded.  \n\n", 1, "Padded.");
    check_sentences("He paid $3.50 for it. Then left.", 2, "He paid $3.50 for it.");
    check_sentences("\xE2\x80\x9CWe will go,\xE2\x80\x9D she said. Then they went.", 2, NULL);
    check_sentences("", 0, NULL);
    /* Control characters alone make no sentence (found by fuzz/fuzz_load). */
    check_sentences("\x02", 0, NULL);
    check_sentences("\x01\x02 Hello.\x7f", 1, "Hello.");
    check_sentences("President George W. Bush spoke. J. Doe wrote it.", 2, "President George W. Bush spoke.");
    check_sentences("The team was Plan A.\nNext line.", 2, "The team was Plan A.");
    /* the stop comes after the first sixteen bytes, a non-ASCII letter soon after it */
    check_sentences("A first sentence with no stop for a good while, then one. B\xC3\xA9 two.", 2,
                    "A first sentence with no stop for a good while, then one.");
}
END_TEST

/* A "sentence" of more than 512 tokens (text with no sentence ends) is cut
 * into pieces of 512 tokens that cover all of its tokens, in both sentence
 * modes. */
START_TEST(test_sentence_cap)
{
    size_t n = 1300, cap = 16 * n + 64, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "word%zu ", i);
    len += (size_t)snprintf(text + len, cap - len, "end. Next one.");
    for (int mode = 0; mode < 2; mode++) {
        nc_ctx *ctx = NULL;
        ck_assert_int_eq(nc_ctx_new(mode ? NC_CTX_ICU_SENTENCES : NC_CTX_DEFAULT, &ctx, NULL), NC_OK);
        nc_doc *d = NULL;
        ck_assert_int_eq(nc_doc_load_buffer(ctx, text, len, "cap", 0, &d, NULL), NC_OK);
        /* 1,302 tokens in the first sentence: 512 + 512 + 278, then "Next one." */
        ck_assert_uint_eq(nc_doc_sentence_count(d), 4);
        size_t want[4] = {512, 512, 278, 3}, next = 0;
        for (size_t k = 0; k < 4; k++) {
            size_t first, count, s, e, ts, te;
            ck_assert_int_eq(nc_doc_sentence_tokens(d, k, &first, &count), NC_OK);
            ck_assert_uint_eq(first, next);
            ck_assert_uint_eq(count, want[k]);
            next = first + count;
            nc_doc_sentence_span(d, k, &s, &e);
            nc_doc_token_span(d, first, &ts, &te);
            ck_assert_uint_eq(s, ts);
            nc_doc_token_span(d, first + count - 1, &ts, &te);
            ck_assert_uint_eq(e, te);
        }
        nc_doc_free(d);
        nc_ctx_free(ctx);
    }
    free(text);
}
END_TEST

/* Our implementation of the sentence rules gives ICU's boundaries. */
START_TEST(test_sentences_match_icu)
{
    static const char *const texts[] = {
        "Mr. Smith went to Washington. He said hello.",
        "Shares rose at UBS. \"Money has moved\" he said. It fell at 1830 GMT. Better news came.",
        "It is the U.S. The plan failed. In the U.S.A. Nothing changed. See Ph.D. Students.",
        "Prices etc. and more. It cost 3.5 euros. Really?! Yes... no. Wait.",
        "He said \xE2\x80\x9CGo.\xE2\x80\x9D Then left. (It was late.) Next day.",
        "\xC2\xBFQu\xC3\xA9 pas\xC3\xB3? S\xC3\xAD. El Sr. P\xC3\xA9rez lleg\xC3\xB3.",
        "One.\r\nTwo.\rThree.\xE2\x80\xA9" "Four.\xC2\x85" "Five. e\xCC\x81t\xC3\xA9. Six",
        "End with a dot.\t\tTab follows. A.B. Smith. J. K. Rowling wrote. Dr. No.",
        "\xE2\x80\xA6" "and so\xE2\x80\xA6 it went. \xE3\x80\x82Ideographic\xE3\x80\x82 stop. OK. Done",
        "", ".", "...", "a. b. C. d.", "Jan. 5 was cold. Sept. 2024 too. U.S.C. rules apply. S.A. Corp. Ltd.",
        NULL};
    nc_ctx *icu = NULL;
    ck_assert_int_eq(nc_ctx_new(NC_CTX_ICU_SENTENCES, &icu, NULL), NC_OK);
    for (int i = 0; texts[i]; i++) {
        nc_doc *a = load_str(texts[i]), *b = NULL;
        ck_assert_int_eq(nc_doc_load_buffer(icu, texts[i], strlen(texts[i]), "b", 0, &b, NULL), NC_OK);
        ck_assert_msg(nc_doc_sentence_count(a) == nc_doc_sentence_count(b), "'%s': %zu vs ICU %zu", texts[i],
                      nc_doc_sentence_count(a), nc_doc_sentence_count(b));
        for (size_t k = 0; k < nc_doc_sentence_count(a); k++) {
            size_t s1, e1, s2, e2;
            nc_doc_sentence_span(a, k, &s1, &e1);
            nc_doc_sentence_span(b, k, &s2, &e2);
            ck_assert_msg(s1 == s2 && e1 == e2, "'%s' sentence %zu: [%zu,%zu) vs ICU [%zu,%zu)", texts[i], k,
                          s1, e1, s2, e2);
        }
        nc_doc_free(a);
        nc_doc_free(b);
    }
    nc_ctx_free(icu);
}
END_TEST

/* Every token lies inside its sentence; spans increase and never overlap;
 * no token starts or ends inside a UTF-8 sequence. */
START_TEST(test_offsets_consistent)
{
    nc_doc *d = load_str("Caf\xC3\xA9 \xE2\x80\x9Cs\xC3\xADm\xE2\x80\x9D. Second line\r\n"
                         "Third\xE2\x80\xA8" "fourth \xF0\x9F\x98\x80 5,000.");
    size_t len;
    const char *t = nc_doc_text(d, &len);
    size_t prev_end = 0, seen = 0;
    for (size_t i = 0; i < nc_doc_sentence_count(d); i++) {
        size_t ss, se, first, count;
        ck_assert_int_eq(nc_doc_sentence_span(d, i, &ss, &se), NC_OK);
        ck_assert_int_eq(nc_doc_sentence_tokens(d, i, &first, &count), NC_OK);
        ck_assert_uint_eq(first, seen);
        seen += count;
        for (size_t k = first; k < first + count; k++) {
            size_t s, e;
            nc_doc_token_span(d, k, &s, &e);
            ck_assert_uint_ge(s, ss);
            ck_assert_uint_le(e, se);
            ck_assert_uint_lt(s, e);
            ck_assert_uint_ge(s, prev_end);
            ck_assert((t[s] & 0xC0) != 0x80);
            ck_assert(e == len || (t[e] & 0xC0) != 0x80);
            prev_end = e;
        }
    }
    ck_assert_uint_eq(seen, nc_doc_token_count(d));
    ck_assert_uint_ge(nc_doc_sentence_count(d), 3);
    nc_doc_free(d);
}
END_TEST

/* ---------------------------------------------------------------- furniture */

static void check_furniture(const char *line, int want)
{
    nc_doc *d = load_str(line);
    ck_assert_uint_ge(nc_doc_sentence_count(d), 1);
    ck_assert_msg(nc_doc_sentence_is_furniture(d, 0) == want, "'%s': furniture %d, want %d", line,
                  nc_doc_sentence_is_furniture(d, 0), want);
    nc_doc_free(d);
}

START_TEST(test_furniture_lines)
{
    static const char *const yes[] = {
        "3 min read", "5 minutes read", "4 hours ago", "an hour ago", "Updated 2 hours ago",
        "Published on 12 March 2026", "Last updated: 10:32", "By Jane Doe", "By Ana Maria Perez and John Smith",
        "Share", "Share this article", "Comments", "Comments (14)", "top of page", "Search",
        "Image: Volunteers at a shelter.", "Photo by Ana Ruiz/Getty Images", "Featured image credit: Wikimedia.",
        "Related: Talks collapse in capital", "Advertisement", "\xE2\x80\xA2", "Writer: Someone",
        "hace 3 horas", "5 min de lectura", "Compartir", "March 13, 2026", "13 March 2026",
        "Getty Images", "Sign up for our newsletter", "Read more", NULL};
    static const char *const no[] = {
        "By Thursday, 300 people had left.", "Share prices rose 5% on Monday.",
        "Related talks continue next week.", "The minister said 3 people died.",
        "Published figures show growth.", "Search teams found 12 survivors.",
        "Comments by the minister angered the opposition.", "An hour ago the vote ended, and 40 MPs left.",
        "Venezuela Releases Dozens of Political Prisoners", "by the way", NULL};
    for (int i = 0; yes[i]; i++)
        check_furniture(yes[i], 1);
    for (int i = 0; no[i]; i++)
        check_furniture(no[i], 0);
}
END_TEST

START_TEST(test_furniture_echo)
{
    /* An author's name repeated under the byline, a credit under a caption. */
    nc_doc *d = load_str("Writer: Ann Lee\nAnn Lee\nThe count rose.\nImage: A flooded road.\n(J. Doe / Wire)\n"
                         "(Not a credit, just an aside in brackets at the end of a paragraph.)");
    ck_assert_uint_eq(nc_doc_sentence_count(d), 6);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 0), 1);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 1), 1);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 2), 0);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 3), 1);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 4), 1);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 5), 0);
    ck_assert_int_eq(nc_doc_sentence_is_furniture(d, 6), -1);
    nc_doc_free(d);
}
END_TEST

START_TEST(test_furniture_keeps_offsets)
{
    /* Furniture is flagged, not removed: the text and offsets are intact. */
    const char *text = "By Jane Doe\n3 min read\nThe flood displaced 4,000 people.";
    nc_doc *d = load_str(text);
    size_t s, e;
    ck_assert_uint_eq(nc_doc_sentence_count(d), 3);
    nc_doc_sentence_span(d, 2, &s, &e);
    ck_assert_uint_eq(s, 23);
    ck_assert_uint_eq(e, strlen(text));
    ck_assert_str_eq(nc_doc_text(d, NULL), text);
    nc_doc_free(d);
}
END_TEST

static Suite *segment_suite(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("tokens");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_tokens);
    tcase_add_test(tc, test_tokens_long_runs);
    tcase_add_test(tc, test_sentence_cap);
    tcase_add_test(tc, test_token_kinds);
    suite_add_tcase(s, tc);
    tc = tcase_create("sentences");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_sentences);
    tcase_add_test(tc, test_sentences_match_icu);
    tcase_add_test(tc, test_offsets_consistent);
    suite_add_tcase(s, tc);
    tc = tcase_create("furniture");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_furniture_lines);
    tcase_add_test(tc, test_furniture_echo);
    tcase_add_test(tc, test_furniture_keeps_offsets);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(segment_suite());
}
