/* Shared helpers of the Check suites. */
#ifndef NC_TESTUTIL_H
#define NC_TESTUTIL_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "newsclaims.h"

static nc_ctx *g_ctx;

#define NC_TEST_HELPER __attribute__((unused)) static

/* A context reading the data files of the source tree (top_srcdir/data). */
NC_TEST_HELPER void ctx_setup(void)
{
    nc_error err;
    char dir[4096];
    const char *top = getenv("top_srcdir");
    snprintf(dir, sizeof dir, "%s/data", top ? top : ".");
    ck_assert_msg(nc_ctx_new_with_data(NC_CTX_DEFAULT, dir, &g_ctx, &err) == NC_OK, "%s", err.message);
}

NC_TEST_HELPER void ctx_teardown(void)
{
    nc_ctx_free(g_ctx);
    g_ctx = NULL;
}

/* Load a NUL-terminated literal as a document; fails the test on error. */
NC_TEST_HELPER nc_doc *load_str(const char *s)
{
    nc_doc *d = NULL;
    nc_error err;
    nc_status st = nc_doc_load_buffer(g_ctx, s, strlen(s), "t", NC_LOAD_DEFAULT, &d, &err);
    ck_assert_msg(st == NC_OK, "load failed: %s", err.message);
    return d;
}

/* The text of [start, end) of doc as a new string (test only). */
NC_TEST_HELPER char *span_dup(const nc_doc *d, size_t s, size_t e)
{
    size_t len;
    const char *t = nc_doc_text(d, &len);
    ck_assert_uint_le(e, len);
    char *p = malloc(e - s + 1);
    memcpy(p, t + s, e - s);
    p[e - s] = '\0';
    return p;
}

NC_TEST_HELPER int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
#endif
