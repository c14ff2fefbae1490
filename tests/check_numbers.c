/* Unit tests of the number stage (lib/numbers.c, lib/num_lex.c,
 * lib/num_tok.c): one TCase per group of behaviour.  Built from the stage's
 * sources (its functions are internal, hidden in the shared library). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc.h"
#include "numbers.h"
#include "num_impl.h"

static nci_numlex *lex;

static void setup(void)
{
    nc_error err;
    ck_assert_int_eq(nci_numlex_new(&lex, &err), NC_OK);
}

static void teardown(void)
{
    nci_numlex_free(lex);
    lex = NULL;
}

/* The numbers of one text. */
typedef struct res {
    const char *text;
    nci_numvec v;
} res;

static res scan(const char *text, const char *lang)
{
    res r = {text, {0}};
    ck_assert_int_eq(nci_numbers_scan(lex, text, 0, strlen(text), lang, &r.v), NC_OK);
    return r;
}

/* The number whose span is exactly `span`, or NULL. */
static const nci_number *find(const res *r, const char *span)
{
    size_t l = strlen(span);
    for (size_t i = 0; i < r->v.n; i++) {
        const nci_number *p = &r->v.v[i];
        if (p->end - p->start == l && memcmp(r->text + p->start, span, l) == 0)
            return p;
    }
    return NULL;
}

static const nci_number *must(const res *r, const char *span)
{
    const nci_number *p = find(r, span);
    if (!p) {
        fprintf(stderr, "in %s:\n", r->text);
        for (size_t i = 0; i < r->v.n; i++)
            fprintf(stderr, "  [%.*s]\n", (int)(r->v.v[i].end - r->v.v[i].start), r->text + r->v.v[i].start);
    }
    ck_assert_msg(p != NULL, "no number spans \"%s\"", span);
    return p;
}

static void value_is(const char *text, const char *lang, const char *span, double v)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert_msg(p->has_value, "\"%s\" has no value", span);
    ck_assert_msg(fabs(p->value - v) <= 1e-9 * fmax(1, fabs(v)), "\"%s\": %.17g, not %.17g", span,
                  p->value, v);
    nci_numvec_free(&r.v);
}

static void kind_is(const char *text, const char *lang, const char *span, int kind)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert_msg(p->kind == kind, "\"%s\": kind %d, not %d", span, p->kind, kind);
    nci_numvec_free(&r.v);
}

static void count_is(const char *text, const char *lang, size_t n)
{
    res r = scan(text, lang);
    ck_assert_msg(r.v.n == n, "\"%s\": %zu numbers, not %zu", text, r.v.n, n);
    nci_numvec_free(&r.v);
}

/* ---------------------------------------------------------------- tables */

START_TEST(test_numlex)
{
    nci_numlex *l2 = NULL;
    ck_assert_int_eq(nci_numlex_new(&l2, NULL), NC_OK);
    ck_assert_ptr_nonnull(l2);
    nci_numlex_free(l2);
    nci_numlex_free(NULL);
    nc_error err;
    ck_assert_int_eq(nci_numlex_new(NULL, &err), NC_EINVAL);
    nci_numvec v = {0};
    nci_numvec_free(&v);
    nci_numvec_free(NULL);
    ck_assert_int_eq(nci_numbers_scan(NULL, "1", 0, 1, "en", &v), NC_EINVAL);
    ck_assert_int_eq(nci_numbers_scan(lex, "1", 0, 1, "en", NULL), NC_EINVAL);
    ck_assert_int_eq(nci_numbers_scan(lex, NULL, 0, 0, "en", &v), NC_OK);
    ck_assert_uint_eq(v.n, 0);
    ck_assert_int_eq(nci_numbers_scan(lex, "5", 1, 0, "en", &v), NC_EINVAL);
}
END_TEST

/* Every key of both word tables is found by its hash (keys of up to eight
 * bytes compare as one word, longer ones by their first and last eight
 * bytes and, over sixteen, the bytes between), and a long key with one
 * byte changed in the middle is not. */
START_TEST(test_numlex_lookup)
{
    size_t longer = 0;
    for (int t = 0; t < 2; t++) {
        const nci_langtab *tab = &lex->tab[t];
        for (size_t i = 0; i < tab->nents; i++) {
            const nci_lexent *e = &tab->ents[i];
            char key[256];
            size_t n = e->key_len;
            ck_assert_uint_lt(n, sizeof key);
            memcpy(key, tab->pool + e->key_off, n);
            ck_assert_ptr_eq(nci_num_lookup(tab, key, n, nci_num_hash(key, n)), e);
            if (n > 16) {
                key[n / 2] ^= 0x01;
                ck_assert_ptr_ne(nci_num_lookup(tab, key, n, nci_num_hash(key, n)), e);
                longer++;
            }
        }
    }
    ck_assert_uint_gt(longer, 0);
}
END_TEST

/* The tokenizer's fast path reads sixteen bytes at a time; the last words
 * of a text are read from a padded copy of its end, and "http:" is left to
 * the path that knows web addresses. */
START_TEST(test_tokenizer_edges)
{
    kind_is("It cost 5 dollars", "en", "5 dollars", NC_NUM_MONEY);
    value_is("five", "en", "five", 5);
    value_is("llegaron tres veinteavos", "es", "tres veinteavos", 0.15);
    value_is("they paid $5.", "en", "$5", 5);
    count_is("see http://a.b/30", "en", 0);
    value_is("http://example.com/2020 and 5", "en", "5", 5);
    value_is("see https: 30 things", "en", "30", 30);
    value_is("the www 20 times", "en", "20", 20);
    /* words on either side of where the padded copy begins (the last
     * fifteen bytes), each read once: "twenty five" stays one number */
    for (int k = 0; k < 24; k++) {
        char buf[96];
        snprintf(buf, sizeof buf, "%.*sthey counted twenty five owls", k, "abc def ghi jkl mno pqr stu");
        value_is(buf, "en", "twenty five", 25);
        count_is(buf, "en", 1);
    }
}
END_TEST

/* ---------------------------------------------------------------- digits */

START_TEST(test_digits)
{
    value_is("There were 1,200 people.", "en", "1,200", 1200);
    value_is("Hubo 1.200 personas.", "es", "1.200", 1200);
    value_is("It grew 3.5 times.", "en", "3.5", 3.5);
    value_is("Creció 3,5 veces.", "es", "3,5", 3.5);
    value_is("A total of 1,234,567.89 was paid.", "en", "1,234,567.89", 1234567.89);
    value_is("Se pagaron 1.234.567,89.", "es", "1.234.567,89", 1234567.89);
    value_is("It fell to -4.5 degrees.", "en", "-4.5", -4.5);
    value_is("The yield was .08 here.", "en", ".08", 0.08);
    value_is("Population 1 414 021 100.", "en", "1 414 021 100", 1414021100);
    value_is("1e10", "en", "1e10", 1e10);
    value_is("the 12,34,567.89 figure", "en", "12,34,567.89", 1234567.89);
    value_is("the result is 3/4", "en", "3/4", 0.75);
    value_is("about 2 1/4 miles", "en", "2 1/4", 2.25);
    value_is("just ½ of it", "en", "½", 0.5);
    value_is("1.3x10^6", "en", "1.3x10^6", 1.3e6);
    /* a list cut at its commas */
    count_is("Exercises 22,24,26,31.", "en", 4);
}
END_TEST

/* ---------------------------------------------------------------- bad input */

START_TEST(test_bad_input)
{
    /* 400 digits: reported, without a value */
    char big[420];
    memset(big, '9', 400);
    big[400] = '\0';
    res r = scan(big, "en");
    ck_assert_uint_eq(r.v.n, 1);
    ck_assert(r.v.v[0].overflow);
    ck_assert(!r.v.v[0].has_value && !r.v.v[0].has_low && !r.v.v[0].has_high);
    nci_numvec_free(&r.v);
    r = scan("it is 1e999 or so", "en");
    const nci_number *p = must(&r, "1e999");
    ck_assert(p->overflow && !p->has_value);
    nci_numvec_free(&r.v);
    r = scan("$1e400bn", "en");
    for (size_t i = 0; i < r.v.n; i++)
        ck_assert(!r.v.v[i].has_value || isfinite(r.v.v[i].value));
    nci_numvec_free(&r.v);
    /* separators without digits */
    count_is(",,, ... ,.,. - -- %% $ $$ £", "en", 0);
    count_is("1,,2", "en", 2);
    /* a text of only digits, of any length */
    char *digits = malloc(20001);
    memset(digits, '7', 20000);
    digits[20000] = '\0';
    r = scan(digits, "en");
    ck_assert_uint_eq(r.v.n, 1);
    ck_assert(r.v.v[0].overflow);
    nci_numvec_free(&r.v);
    /* many small numbers */
    for (size_t i = 0; i + 2 < 20000; i += 2) {
        digits[i] = '1';
        digits[i + 1] = ' ';
    }
    r = scan(digits, "es");
    ck_assert_uint_gt(r.v.n, 1000);
    nci_numvec_free(&r.v);
    free(digits);
    /* a sub-range of a text: offsets are into the whole text */
    const char *t = "xx 42 yy 17";
    nci_numvec v = {0};
    ck_assert_int_eq(nci_numbers_scan(lex, t, 6, strlen(t), "en", &v), NC_OK);
    ck_assert_uint_eq(v.n, 1);
    ck_assert_uint_eq(v.v[0].start, 9);
    nci_numvec_free(&v);
    /* text cut in the middle of a UTF-8 sequence, and stray bytes */
    count_is("\xe2\x82", "en", 0);
    count_is("5 \xff\xfe 6", "en", 2);
}
END_TEST

/* ---------------------------------------------------------------- scales */

START_TEST(test_scales)
{
    value_is("some 1.5 million people", "en", "1.5 million", 1.5e6);
    value_is("a loss of 20k jobs", "en", "20k", 20000);
    value_is("a dozen eggs", "en", "a dozen", 12);
    value_is("half a dozen eggs", "en", "half a dozen", 6);
    value_is("3 million voters", "en", "3 million", 3e6);
    value_is("three hundred and two dozens", "en", "three hundred and two dozens", 324);
    value_is("2 mil millones", "es", "2 mil millones", 2e9);
    value_is("1.500 millones de personas", "es", "1.500 millones", 1.5e9);
    value_is("the 10M prize", "en", "10M", 1e7);
    count_is("a 1m wall", "en", 0); /* a metre, not a million */
    /* a whole number before a lower-case "m" is millions when a currency or
     * a counted plural follows; a length or a race is not */
    value_is("a deal worth 77m euros in all", "en", "77m euros", 77e6);
    kind_is("a deal worth 77m euros in all", "en", "77m euros", NC_NUM_MONEY);
    value_is("the album sold 3m copies", "en", "3m", 3e6);
    value_is("some 40m viewers watched", "en", "40m", 40e6);
    count_is("she won the 400m hurdles", "en", 0);
    count_is("after the 100m heats", "en", 0);
    count_is("he cleared 2.16m high", "en", 0);
    value_is("it has 1.4m workers", "en", "1.4m", 1.4e6);
    count_is("his 100m and 200m titles", "en", 0);
    /* a year then an amount is no range; nor is a change "by" an amount
     * "to" a level */
    kind_is("sales fell in 2004 to 789m euros", "en", "2004", NC_NUM_YEAR);
    value_is("sales fell in 2004 to 789m euros", "en", "789m euros", 789e6);
    value_is("it raised income by 400m euros to 2.5bn euros", "en", "400m euros", 400e6);
    value_is("it raised income by 400m euros to 2.5bn euros", "en", "2.5bn euros", 2.5e9);
}
END_TEST

/* the range above has no value: check its bounds instead */
START_TEST(test_scale_range)
{
    res r = scan("It sold 5-10bn units", "en");
    const nci_number *p = must(&r, "5-10bn");
    ck_assert(!p->has_value && p->qualifier == NC_QUAL_RANGE);
    ck_assert(p->low == 5e9 && p->high == 10e9);
    nci_numvec_free(&r.v);
}
END_TEST

/* ---------------------------------------------------------------- words */

START_TEST(test_words_en)
{
    value_is("five people", "en", "five", 5);
    value_is("twenty-three boats", "en", "twenty-three", 23);
    value_is("one hundred and twelve days", "en", "one hundred and twelve", 112);
    value_is("twenty-one trillion three hundred", "en", "twenty-one trillion three hundred", 21000000000300.0);
    value_is("two thirds of them", "en", "two thirds", 2.0 / 3);
    value_is("one and a half", "en", "one and a half", 1.5);
    value_is("five and a half million fish", "en", "five and a half million", 5.5e6);
    value_is("two hundred point zero three", "en", "two hundred point zero three", 200.03);
    value_is("The answer is minus one", "en", "minus one", -1);
    value_is("one over three", "en", "one over three", 1.0 / 3);
    /* two numbers, not one */
    count_is("3 hundred and 2 hundred", "en", 2);
    /* "one" as a pronoun */
    count_is("Which one do you prefer?", "en", 0);
    count_is("The one you mentioned", "en", 0);
    /* the article alone is not a number */
    count_is("a man and an apple", "en", 0);
}
END_TEST

START_TEST(test_words_es)
{
    value_is("ochocientos seis presos", "es", "ochocientos seis", 806);
    value_is("en dos mil veintiséis", "es", "dos mil veintiséis", 2026);
    value_is("cuarenta y siete", "es", "cuarenta y siete", 47);
    value_is("ciento sesenta y un", "es", "ciento sesenta y un", 161);
    value_is("tres millones cuatrocientos mil", "es", "tres millones cuatrocientos mil", 3400000);
    value_is("tres billones", "es", "tres billones", 3e12);
    value_is("mil quinientos veintitrés", "es", "mil quinientos veintitrés", 1523);
    value_is("dos tercios", "es", "dos tercios", 2.0 / 3);
    value_is("siete con cincuenta", "es", "siete con cincuenta", 7.5);
    value_is("cinco y medio", "es", "cinco y medio", 5.5);
    value_is("tres veinteavos", "es", "tres veinteavos", 0.15);
    value_is("una docena", "es", "una docena", 12);
}
END_TEST

/* ---------------------------------------------------------------- ranges */

static void range_is(const char *text, const char *lang, const char *span, double lo, double hi)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert_msg(p->qualifier == NC_QUAL_RANGE, "\"%s\" is not a range", span);
    ck_assert(!p->has_value && p->has_low && p->has_high);
    ck_assert_msg(p->low == lo && p->high == hi, "\"%s\": [%g, %g]", span, p->low, p->high);
    nci_numvec_free(&r.v);
}

START_TEST(test_ranges)
{
    range_is("from around 49 to 73 people", "en", "49 to 73", 49, 73);
    range_is("between 800 and 1,200 prisoners", "en", "between 800 and 1,200", 800, 1200);
    range_is("some 49–73 releases", "en", "49–73", 49, 73);
    range_is("from 5 to 10 per cent", "en", "from 5 to 10 per cent", 5, 10);
    range_is("entre 800 y 1.200 presos", "es", "entre 800 y 1.200", 800, 1200);
    range_is("aged 30-40", "en", "30-40", 30, 40);
    range_is("larger than 10 and smaller than 20", "en", "larger than 10 and smaller than 20", 10, 20);
    /* a change is not a range */
    count_is("profits rose from 5 to 10", "en", 2);
    count_is("el precio bajó de 10 a 8", "es", 2);
    count_is("la tasa subió del 3 al 5", "es", 2);
    /* nor are a falling pair or a score */
    count_is("it went 8 to 3", "en", 2);
    /* years and dates */
    kind_is("the 2025–26 season", "en", "2025–26", NC_NUM_YEAR);
    kind_is("on 12–13 January", "en", "12–13", NC_NUM_DATE);
}
END_TEST

/* ---------------------------------------------------------------- qualifiers */

static void qual_is(const char *text, const char *lang, const char *span, int q)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert_msg(p->qualifier == q, "\"%s\": qualifier %d, not %d", span, p->qualifier, q);
    nci_numvec_free(&r.v);
}

START_TEST(test_qualifiers)
{
    qual_is("at least 20 dead", "en", "at least 20", NC_QUAL_AT_LEAST);
    qual_is("no fewer than 20 dead", "en", "no fewer than 20", NC_QUAL_AT_LEAST);
    qual_is("more than 30 people", "en", "more than 30", NC_QUAL_MORE_THAN);
    qual_is("over 30 people", "en", "over 30", NC_QUAL_MORE_THAN);
    qual_is("under 18 people", "en", "under 18", NC_QUAL_LESS_THAN);
    qual_is("fewer than 1,000 pandas", "en", "fewer than 1,000", NC_QUAL_LESS_THAN);
    qual_is("up to 700 workers", "en", "up to 700", NC_QUAL_AT_MOST);
    qual_is("500 or more", "en", "500 or more", NC_QUAL_AT_LEAST);
    /* approximators are outside the span */
    qual_is("around 600 schools", "en", "600", NC_QUAL_ABOUT);
    qual_is("nearly 1,000 schools", "en", "1,000", NC_QUAL_ABOUT);
    qual_is("roughly 5 hours", "en", "5", NC_QUAL_ABOUT);
    qual_is("al menos 20 muertos", "es", "al menos 20", NC_QUAL_AT_LEAST);
    qual_is("más de 300 presos", "es", "más de 300", NC_QUAL_MORE_THAN);
    qual_is("unos 300 presos", "es", "300", NC_QUAL_ABOUT);
    res r = scan("more than 30 people", "en");
    const nci_number *p = must(&r, "more than 30");
    ck_assert(p->has_low && p->low == 30 && !p->has_high && p->has_value);
    nci_numvec_free(&r.v);
    r = scan("less than 10 people", "en");
    p = must(&r, "less than 10");
    ck_assert(!p->has_low && p->has_high && p->high == 10);
    nci_numvec_free(&r.v);
    /* a qualifier with no number is nothing */
    count_is("more than ever, over the hill", "en", 0);
    /* a word that only begins phrases ("in" of "in excess of", "up" of "up
     * to") is tried only where one of them matches; in capitals, always */
    qual_is("sales in excess of 5,000 units", "en", "in excess of 5,000", NC_QUAL_MORE_THAN);
    qual_is("Up to 700 workers", "en", "Up to 700", NC_QUAL_AT_MOST);
    qual_is("sales were up in 2004 to 700", "en", "2004", NC_QUAL_EXACT);
    kind_is("At-1 was named", "en", "At-1", NC_NUM_IDENTIFIER);
}
END_TEST

/* ---------------------------------------------------------------- vague */

static void vague_is(const char *text, const char *lang, const char *span, double lo, double hi)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert(p->qualifier == NC_QUAL_VAGUE && !p->has_value && p->vague);
    ck_assert_msg(p->low == lo && p->high == hi, "\"%s\": [%g, %g]", span, p->low, p->high);
    nci_numvec_free(&r.v);
}

START_TEST(test_vague)
{
    vague_is("dozens of prisoners", "en", "dozens", 24, 99);
    vague_is("hundreds of people", "en", "hundreds", 200, 999);
    vague_is("thousands of people", "en", "thousands", 2000, 9999);
    vague_is("tens of thousands of people", "en", "tens of thousands", 20000, 99999);
    vague_is("a handful of cases", "en", "a handful", 2, 5);
    vague_is("several cases", "en", "several", 3, 7);
    vague_is("several hundred cases", "en", "several hundred", 300, 700);
    vague_is("decenas de presos", "es", "decenas", 20, 99);
    vague_is("cientos de presos", "es", "cientos", 200, 999);
}
END_TEST

/* ---------------------------------------------------------------- units */

static void unit_is(const char *text, const char *lang, const char *span, const char *unit, double v)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert_str_eq(p->unit, unit);
    ck_assert_msg(p->has_value && fabs(p->value - v) <= 1e-9 * fmax(1, fabs(v)), "\"%s\": %g", span, p->value);
    nci_numvec_free(&r.v);
}

START_TEST(test_percent)
{
    unit_is("rose 76% to", "en", "76%", "%", 76);
    unit_is("up 20 per cent", "en", "20 per cent", "%", 20);
    unit_is("up 20 percent", "en", "20 percent", "%", 20);
    unit_is("subió un 20 por ciento", "es", "20 por ciento", "%", 20);
    unit_is("a 3.5 percentage points rise", "en", "3.5 percentage points", "%", 3.5);
    kind_is("rose 76%", "en", "76%", NC_NUM_PERCENT);
}
END_TEST

START_TEST(test_money)
{
    unit_is("profit of $2bn", "en", "$2bn", "USD", 2e9);
    unit_is("a US$ 150 million loan", "en", "US$ 150 million", "USD", 1.5e8);
    unit_is("cost £600m", "en", "£600m", "GBP", 6e8);
    unit_is("cost €2 million", "en", "€2 million", "EUR", 2e6);
    unit_is("cost 323 million euros", "en", "323 million euros", "EUR", 3.23e8);
    unit_is("cuesta 500 pesos", "es", "500 pesos", "MXN", 500);
    unit_is("20 mil bolívares", "es", "20 mil bolívares", "VES", 20000);
    unit_is("500 millones de dólares", "es", "500 millones de dólares", "USD", 5e8);
    unit_is("10,000 swiss francs", "en", "10,000 swiss francs", "CHF", 10000);
    unit_is("five million yen", "en", "five million yen", "JPY", 5e6);
    unit_is("it cost 3 dollars 50 cents", "en", "3 dollars 50 cents", "USD", 3.5);
    unit_is("for USD 200.", "en", "USD 200", "USD", 200);
    res r = scan("shares rose 34 cents", "en");
    const nci_number *p = must(&r, "34 cents");
    ck_assert(p->minor && p->value == 34);
    nci_numvec_free(&r.v);
    /* "a" before "$" is the article, not A$ */
    unit_is("won a $48.2 million contract", "en", "$48.2 million", "USD", 4.82e7);
    /* a code in lower case is a word: "all", "try" */
    count_is("All 70 of us", "en", 1);
    kind_is("All 70 of us", "en", "70", NC_NUM_COUNT);
    /* letters that ICU uses as a sign elsewhere are a measure here */
    count_is("a 29km road", "en", 0);
}
END_TEST

/* ---------------------------------------------------------------- kinds */

START_TEST(test_kinds)
{
    kind_is("in 2024, the vote", "en", "2024", NC_NUM_YEAR);
    kind_is("As of January 5, Foro Penal", "en", "5", NC_NUM_DATE);
    kind_is("Since 8 January, it", "en", "8", NC_NUM_DATE);
    kind_is("desde el 8 de enero", "es", "8", NC_NUM_DATE);
    kind_is("on 2026-01-09 it", "en", "2026-01-09", NC_NUM_DATE);
    kind_is("at 10:30 GMT", "en", "10:30 GMT", NC_NUM_TIME);
    kind_is("at 3pm", "en", "3pm", NC_NUM_TIME);
    kind_is("the 1st time", "en", "1st", NC_NUM_ORDINAL);
    kind_is("the second time", "en", "second", NC_NUM_ORDINAL);
    kind_is("Pope Leo XIV said", "en", "XIV", NC_NUM_ORDINAL);
    kind_is("imprisoned for 23 years", "en", "23", NC_NUM_DURATION);
    kind_is("a 23-year-old man", "en", "23", NC_NUM_DURATION);
    kind_is("call +44 20 7946 0958 now", "en", "+44 20 7946 0958", NC_NUM_PHONE);
    kind_is("Writer: 17GEN4 wrote", "en", "17GEN4", NC_NUM_IDENTIFIER);
    kind_is("the COVID-19 virus", "en", "COVID-19", NC_NUM_IDENTIFIER);
    kind_is("the G7 summit", "en", "G7", NC_NUM_IDENTIFIER);
    kind_is("an F-16 jet", "en", "F-16", NC_NUM_IDENTIFIER);
    kind_is("on A4 paper", "en", "A4", NC_NUM_IDENTIFIER);
    kind_is("told BBC Radio 4 on", "en", "Radio 4", NC_NUM_IDENTIFIER);
    kind_is("the 1990s boom", "en", "1990s", NC_NUM_YEAR);
    kind_is("806 political prisoners", "en", "806", NC_NUM_COUNT);
    kind_is("call 0800 123 4567 now", "en", "0800 123 4567", NC_NUM_PHONE);
    kind_is("el 8 y 9 de enero", "es", "8", NC_NUM_DATE);
    kind_is("on January 8 and 9, 2026", "en", "9", NC_NUM_DATE);
    kind_is("at 1600 GMT", "en", "1600 GMT", NC_NUM_TIME);
    /* "Rodeo I": a lone letter is never a number */
    count_is("El Helicoide and Rodeo I, where", "en", 0);
    /* web addresses hold no numbers */
    count_is("see https://example.com/a?b=30%25&c=2020 now", "en", 0);
}
END_TEST

/* ---------------------------------------------------------------- context */

/* the numbers of a text, one field each, checked in order */
static void none_spans(const char *text, const char *lang, const char *span)
{
    res r = scan(text, lang);
    ck_assert_msg(find(&r, span) == NULL, "\"%s\" is reported in \"%s\"", span, text);
    nci_numvec_free(&r.v);
}

static void bounds_are(const char *text, const char *lang, const char *span, int kind, int q, double lo, double hi)
{
    res r = scan(text, lang);
    const nci_number *p = must(&r, span);
    ck_assert_msg(p->kind == kind, "\"%s\": kind %d, not %d", span, p->kind, kind);
    ck_assert_msg(p->qualifier == q, "\"%s\": qualifier %d, not %d", span, p->qualifier, q);
    ck_assert_msg(p->has_low && fabs(p->low - lo) <= 1e-9 * fmax(1, fabs(lo)), "\"%s\": low %g", span, p->low);
    ck_assert_msg(p->has_high && fabs(p->high - hi) <= 1e-9 * fmax(1, fabs(hi)), "\"%s\": high %g", span, p->high);
    nci_numvec_free(&r.v);
}

/* names with a number in them are identifiers, not counts */
START_TEST(test_names)
{
    kind_is("their first win in the Six Nations since 2003", "en", "Six Nations", NC_NUM_IDENTIFIER);
    kind_is("fit for Saturday's RBS 6 Nations opener", "en", "RBS 6 Nations", NC_NUM_IDENTIFIER);
    kind_is("Collins told Radio Five Live on Monday", "en", "Radio Five Live", NC_NUM_IDENTIFIER);
    kind_is("shown from 2000 on BBC One tonight", "en", "BBC One", NC_NUM_IDENTIFIER);
    kind_is("classic titles, Quake 3 was left out", "en", "Quake 3", NC_NUM_IDENTIFIER);
    kind_is("the TFC 101 Tower opened", "en", "TFC 101 Tower", NC_NUM_IDENTIFIER);
    kind_is("leaders of the Group of Eight met", "en", "Group of Eight", NC_NUM_IDENTIFIER);
    kind_is("he left 10 Downing Street at noon", "en", "10 Downing Street", NC_NUM_IDENTIFIER);
    kind_is("the new 007 film opened", "en", "007", NC_NUM_IDENTIFIER);
    kind_is("sales of Half-Life 2 rose", "en", "Half-Life 2", NC_NUM_IDENTIFIER);
    kind_is("sales of \"Halo 2\" rose", "en", "Halo 2", NC_NUM_IDENTIFIER);
    kind_is("she saw 10 Russian tanks", "en", "10", NC_NUM_COUNT);
    kind_is("the song '03 Bonnie and Clyde", "en", "'03 Bonnie", NC_NUM_IDENTIFIER);
    kind_is("LATEST UPDATE Three people have resigned", "en", "Three", NC_NUM_COUNT);
    kind_is("The Four-Kings clan is staging", "en", "Four-Kings", NC_NUM_IDENTIFIER);
    value_is("we were all class of '83 - and", "en", "83", 1983);
    kind_is("we were all class of '83 - and", "en", "83", NC_NUM_YEAR);
    kind_is("the 2.5G network", "en", "2.5G", NC_NUM_IDENTIFIER);
    kind_is("While in Fahrenheit 9/11 there are", "en", "9/11", NC_NUM_IDENTIFIER);
    kind_is("buying of used P-3 Orion aircraft", "en", "P-3", NC_NUM_IDENTIFIER);
    value_is("the result is 3/4", "en", "3/4", 0.75);
    kind_is("Blue Skies and 04 Sugar and Spice on", "en", "04 Sugar", NC_NUM_IDENTIFIER);
    /* a capitalised number opening a sentence is still a number */
    kind_is("Six British soldiers died.", "en", "Six", NC_NUM_COUNT);
    kind_is("He said: Two Britons died.", "en", "Two", NC_NUM_COUNT);
}
END_TEST

/* ranks, positions and minutes of a match report are ordinals */
START_TEST(test_ranks)
{
    kind_is("in part two of the series", "en", "two", NC_NUM_ORDINAL);
    kind_is("it filed for chapter 11 protection", "en", "11", NC_NUM_ORDINAL);
    kind_is("he died at the age of 29 in Leeds", "en", "29", NC_NUM_DURATION);
    kind_is("the claim was denied by Elgindy, 36.", "en", "36", NC_NUM_DURATION);
    kind_is("the index rose to 36.", "en", "36", NC_NUM_COUNT);
    count_is("One can only hope it works.", "en", 0);
    kind_is("she won a fourth title in 2004", "en", "fourth", NC_NUM_ORDINAL);
    kind_is("only a fifth said so", "en", "a fifth", NC_NUM_COUNT);
    count_is("one must wait", "en", 0);
    kind_is("One man can do it.", "en", "One", NC_NUM_COUNT);
    kind_is("a page of 29 lines", "en", "29", NC_NUM_COUNT);
    kind_is("Jailhouse Rock at number 20, then", "en", "20", NC_NUM_ORDINAL);
    value_is("the world number one Roger Federer", "en", "one", 1);
    kind_is("the world number one Roger Federer", "en", "one", NC_NUM_ORDINAL);
    kind_is("the title debuted at No 3 in the charts", "en", "3", NC_NUM_ORDINAL);
    kind_is("Goals: Ronaldo 9, Rooney 87.", "en", "9", NC_NUM_ORDINAL);
    kind_is("Goals: Ronaldo 9, Rooney 87.", "en", "87", NC_NUM_ORDINAL);
    kind_is("Cole. Henry 2, 29. Cech", "en", "29", NC_NUM_ORDINAL);
    kind_is("Taylor (Martin 89), Clay", "en", "89", NC_NUM_ORDINAL);
    kind_is("Kerr 12, Lund 57 pen, Okafor 81.", "en", "57", NC_NUM_ORDINAL);
    kind_is("for a third successive defeat", "en", "third", NC_NUM_ORDINAL);
    kind_is("(France) 20 Tatiana Golovin (France)", "en", "20", NC_NUM_ORDINAL);
    bounds_are("en los años 90", "es", "90", NC_NUM_YEAR, NC_QUAL_RANGE, 1990, 1999);
    /* not a list of minutes: a name between commas */
    kind_is("the suite, Update Pack 2, did not", "en", "Pack 2", NC_NUM_IDENTIFIER);
    /* "a third of" is still a fraction */
    value_is("a third of the firms", "en", "a third", 1.0 / 3);
}
END_TEST

/* "two or three", a bracketed conversion inside a range, "80-odd", ratios */
START_TEST(test_more_ranges)
{
    bounds_are("two or three days' rest", "en", "two or three", NC_NUM_DURATION, NC_QUAL_RANGE, 2, 3);
    bounds_are("for five or six years", "en", "five or six", NC_NUM_DURATION, NC_QUAL_RANGE, 5, 6);
    bounds_are("one or two players", "en", "one or two", NC_NUM_COUNT, NC_QUAL_RANGE, 1, 2);
    count_is("worth £250 or £500 each", "en", 2); /* a choice, not a range */
    count_is("either 1 or 100", "en", 2);
    bounds_are("worth between $40,000 (£21,000) and $60,000 today", "en", "between $40,000 (£21,000) and $60,000",
               NC_NUM_MONEY, NC_QUAL_RANGE, 40000, 60000);
    unit_is("worth between $40,000 (£21,000) and $60,000 today", "en", "£21,000", "GBP", 21000);
    qual_is("12 of the 80-odd resorts", "en", "80-odd", NC_QUAL_ABOUT);
    qual_is("a £30m-plus bid", "en", "£30m-plus", NC_QUAL_AT_LEAST);
    value_is("Among small firms, more than one in ten of the owners", "en", "more than one in ten", 0.1);
    qual_is("more than one in ten of them", "en", "more than one in ten", NC_QUAL_MORE_THAN);
    value_is("1 in twenty-one", "en", "1 in twenty-one", 1.0 / 21);
    qual_is("How about 2 in 5 or more", "en", "2 in 5 or more", NC_QUAL_AT_LEAST);
    /* not ratios: a year, a unit of time */
    count_is("one in 2005", "en", 2);
    count_is("scored 2 in 5 minutes", "en", 2);
    kind_is("on 10-20 February", "en", "10-20", NC_NUM_DATE);
    {
        /* a date names days, it counts nothing: no value or bounds */
        res r = scan("which runs from 10-20 February.", "en");
        const nci_number *p = must(&r, "10-20");
        ck_assert_int_eq(p->kind, NC_NUM_DATE);
        ck_assert(!p->has_value && !p->has_low && !p->has_high);
        nci_numvec_free(&r.v);
        r = scan("It opened on 12 March 1993 in Leeds.", "en");
        p = must(&r, "12");
        ck_assert_int_eq(p->kind, NC_NUM_DATE);
        ck_assert(!p->has_value && !p->has_low && !p->has_high);
        nci_numvec_free(&r.v);
    }
    count_is("He came from 0-40 down in the game", "en", 2); /* a score */
    bounds_are("films will cost between $10-25m to shoot", "en", "$10-25m", NC_NUM_MONEY, NC_QUAL_RANGE, 1e7, 2.5e7);
    kind_is("Matches are held on 19/20 February.", "en", "19/20", NC_NUM_DATE);
}
END_TEST

/* race times and compound durations are one duration, in the smallest unit */
START_TEST(test_durations)
{
    value_is("she clocked one minute, 47.97 seconds at the meet.", "en", "one minute, 47.97 seconds", 107.97);
    value_is("by one minute 53 secs.", "en", "one minute 53 secs", 113);
    value_is("to win in 20 minutes 38 seconds.", "en", "20 minutes 38 seconds", 1238);
    value_is("after two hours and 40 minutes", "en", "two hours and 40 minutes", 160);
    value_is("the 1500m final in 3:48.82).", "en", "3:48.82", 228.82);
    kind_is("the 1500m final in 3:48.82).", "en", "3:48.82", NC_NUM_DURATION);
    count_is("the 1500m final in 3:48.82).", "en", 1);
    kind_is("for a few seconds each", "en", "a few", NC_NUM_DURATION);
    /* ages are durations, as "a 30-year-old" */
    bounds_are("by learners aged 16 to 18.", "en", "16 to 18", NC_NUM_DURATION, NC_QUAL_RANGE, 16, 18);
    kind_is("Blues flanker Williams, 29, offers", "en", "29", NC_NUM_DURATION);
    kind_is("died of cancer aged 44.", "en", "44", NC_NUM_DURATION);
    kind_is("in charge. Redknapp, 57, quit", "en", "57", NC_NUM_DURATION);
    kind_is("Faces one year's probation", "en", "one", NC_NUM_DURATION);
    bounds_are("a man in his 30s was held", "en", "30s", NC_NUM_DURATION, NC_QUAL_RANGE, 30, 39);
}
END_TEST

/* words that are not quantities */
START_TEST(test_not_quantities)
{
    count_is("host the pools and a quarter-final.", "en", 0);
    count_is("six megabits per second.", "en", 1);
    none_spans("six megabits per second.", "en", "second");
    count_is("it is not a one-off original", "en", 0);
    count_is("buoyed by one-off gains", "en", 0);
    count_is("The vision is a compelling one, but", "en", 0);
    count_is("He is the only one left", "en", 0);
    count_is("It took a further one year", "en", 1);
}
END_TEST

/* times are hours after midnight; decades are their ten years */
START_TEST(test_times_decades)
{
    value_is("from 8am to 6pm.", "en", "6pm", 18);
    value_is("at 10.30am today", "en", "10.30am", 10.5);
    value_is("at 18:30 today", "en", "18:30", 18.5);
    value_is("at 1500 GMT today", "en", "1500 GMT", 15);
    value_is("on Friday 21 March, from 1930 on Channel Nine.", "en", "1930", 19.5);
    kind_is("on Friday 21 March, from 1930 on Channel Nine.", "en", "1930", NC_NUM_TIME);
    kind_is("the crash of 1930 hit", "en", "1930", NC_NUM_YEAR);
    bounds_are("about the late 80s and", "en", "80s", NC_NUM_YEAR, NC_QUAL_RANGE, 1980, 1989);
    bounds_are("derelict since the 1980s.", "en", "1980s", NC_NUM_YEAR, NC_QUAL_RANGE, 1980, 1989);
}
END_TEST

/* a decimal times a scale is the number as written */
START_TEST(test_exact_scaling)
{
    value_is("Profit was 16.4bn rupees", "en", "16.4bn rupees", 16400000000.0);
    res r = scan("Profit was 16.4bn rupees, $8.2 trillion and 4.1 million", "en");
    ck_assert(must(&r, "16.4bn rupees")->value == 16400000000.0);
    ck_assert(must(&r, "$8.2 trillion")->value == 8200000000000.0);
    ck_assert(must(&r, "4.1 million")->value == 4100000.0);
    nci_numvec_free(&r.v);
}
END_TEST

/* ---------------------------------------------------------------- prefilter */

/* A sentence without a digit, a byte outside ASCII or a seed word is skipped
 * before it is tokenized; what reads numbers without such a word must still
 * get through: Roman numerals, Spanish partitives, the longest word of a
 * vague phrase, runs of letters longer than a block of the scan (64 bytes).
 * Then only the tokens that can open an expression are tried. */
START_TEST(test_prefilter)
{
    count_is("No number can be found in this sentence at all.", "en", 0);
    count_is("", "en", 0);
    value_is("They fought in World War II and met Pope Leo XIV.", "en", "XIV", 14);
    vague_is("Only a handful came.", "en", "a handful", 2, 5);
    vague_is("Only a couple came.", "en", "a couple", 2, 3);
    value_is("Llegó un veintiunavo.", "es", "un veintiunavo", 1.0 / 21);
    value_is("THIRTY-FIVE PEOPLE CAME", "en", "THIRTY-FIVE", 35);
    count_is("Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx came.", "en", 0);
    value_is("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa seventeen", "en", "seventeen", 17);
    value_is("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa seventeen", "en", "seventeen", 17);
    value_is("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa seventeenth", "en", "seventeenth", 17);
    /* of the words that are no number words, only codes and Roman numerals
     * are tried; of the symbols, signs before digits */
    kind_is("It was on BBC-1 tonight.", "en", "BBC-1", NC_NUM_IDENTIFIER);
    value_is("Temperatures fell to -5 overnight.", "en", "-5", -5);
    value_is("It was \xe2\x88\x92" "3 and +4 at night.", "en", "+4", 4);
    count_is("The Smith-Jones report - BIG NEWS - came out.", "en", 0);
    /* a word before a point and a space is whole ("business.", "two."); a
     * word with apostrophes is looked up whole ("doesn't", "second's") */
    count_is("It doesn't matter what the business does.", "en", 0);
    value_is("They won two.", "en", "two", 2);
    count_is("The company's third's not bad.", "en", 0);
    value_is("Meet at seven a.m. then.", "en", "seven", 7);
    value_is("It is one o'clock.", "en", "one", 1);
}
END_TEST

/* ---------------------------------------------------------------- accessors */

START_TEST(test_accessors)
{
    struct nc_doc doc;
    memset(&doc, 0, sizeof doc);
    const char *t = "more than 30 people paid $5 and dozens left";
    ck_assert_int_eq(nci_numbers_scan(lex, t, 0, strlen(t), "en", &doc.numbers), NC_OK);
    ck_assert_uint_eq(nc_doc_number_count(&doc), 3);
    ck_assert_uint_eq(nc_doc_number_count(NULL), 0);
    ck_assert_ptr_null(nc_doc_number(&doc, 3));
    ck_assert_ptr_null(nc_doc_number(NULL, 0));
    const nc_number *n0 = nc_doc_number(&doc, 0);
    size_t s, e;
    ck_assert_int_eq(nc_number_span(n0, &s, &e), NC_OK);
    ck_assert_uint_eq(s, 0);
    ck_assert_uint_eq(e, 12);
    ck_assert_int_eq(nc_number_span(NULL, &s, &e), NC_EINVAL);
    ck_assert_int_eq(nc_number_kind(n0), NC_NUM_COUNT);
    ck_assert_int_eq(nc_number_qualifier(n0), NC_QUAL_MORE_THAN);
    double v = 0;
    ck_assert_int_eq(nc_number_value(n0, &v), 1);
    ck_assert(v == 30);
    ck_assert_int_eq(nc_number_low(n0, &v), 1);
    ck_assert_int_eq(nc_number_high(n0, &v), 0);
    ck_assert_str_eq(nc_number_unit(n0), "");
    const nc_number *n1 = nc_doc_number(&doc, 1);
    ck_assert_str_eq(nc_number_unit(n1), "USD");
    ck_assert_int_eq(nc_number_kind(n1), NC_NUM_MONEY);
    ck_assert_int_eq(nc_number_minor(n1), 0);
    const nc_number *n2 = nc_doc_number(&doc, 2);
    ck_assert_str_eq(nc_number_vague(n2), "dozens");
    ck_assert_int_eq(nc_number_value(n2, NULL), 0);
    ck_assert_int_eq(nc_number_overflow(n2), 0);
    ck_assert_int_eq(nc_number_kind(NULL), -1);
    ck_assert_int_eq(nc_number_qualifier(NULL), -1);
    ck_assert_str_eq(nc_number_unit(NULL), "");
    ck_assert_ptr_null(nc_number_vague(NULL));
    ck_assert_str_eq(nc_num_kind_name(NC_NUM_IDENTIFIER), "identifier");
    ck_assert_str_eq(nc_num_kind_name(99), "unknown");
    ck_assert_str_eq(nc_qualifier_name(NC_QUAL_AT_LEAST), "at_least");
    ck_assert_str_eq(nc_qualifier_name(-1), "unknown");
    nci_numvec_free(&doc.numbers);
}
END_TEST

static TCase *group(const char *name)
{
    TCase *tc = tcase_create(name);
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    return tc;
}

static Suite *numbers_suite(void)
{
    Suite *s = suite_create("numbers");
    TCase *tc;
    tc = group("numlex");
    tcase_add_test(tc, test_numlex);
    tcase_add_test(tc, test_numlex_lookup);
    tcase_add_test(tc, test_tokenizer_edges);
    suite_add_tcase(s, tc);
    tc = group("digits");
    tcase_add_test(tc, test_digits);
    suite_add_tcase(s, tc);
    tc = group("bad_input");
    tcase_add_test(tc, test_bad_input);
    suite_add_tcase(s, tc);
    tc = group("scales");
    tcase_add_test(tc, test_scales);
    tcase_add_test(tc, test_scale_range);
    suite_add_tcase(s, tc);
    tc = group("words");
    tcase_add_test(tc, test_words_en);
    tcase_add_test(tc, test_words_es);
    suite_add_tcase(s, tc);
    tc = group("ranges");
    tcase_add_test(tc, test_ranges);
    suite_add_tcase(s, tc);
    tc = group("qualifiers");
    tcase_add_test(tc, test_qualifiers);
    suite_add_tcase(s, tc);
    tc = group("vague");
    tcase_add_test(tc, test_vague);
    suite_add_tcase(s, tc);
    tc = group("percent");
    tcase_add_test(tc, test_percent);
    suite_add_tcase(s, tc);
    tc = group("money");
    tcase_add_test(tc, test_money);
    suite_add_tcase(s, tc);
    tc = group("kinds");
    tcase_add_test(tc, test_kinds);
    suite_add_tcase(s, tc);
    tc = group("context");
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_ranks);
    tcase_add_test(tc, test_more_ranges);
    tcase_add_test(tc, test_durations);
    tcase_add_test(tc, test_not_quantities);
    tcase_add_test(tc, test_times_decades);
    tcase_add_test(tc, test_exact_scaling);
    suite_add_tcase(s, tc);
    tc = group("prefilter");
    tcase_add_test(tc, test_prefilter);
    suite_add_tcase(s, tc);
    tc = group("accessors");
    tcase_add_test(tc, test_accessors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(numbers_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
