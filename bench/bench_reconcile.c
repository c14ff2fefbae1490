/* Benchmark of the reconcile stage: generates N synthetic claims (extract
 * output contract, 10 claims per document), adds them to a claim set and
 * reconciles them, timing both steps.
 *
 *   bench_reconcile [N ...]        (default: 100000 1000000)
 *
 * The world: 3,000 measures x 40 places, 400 sources of varying
 * reliability, dates over a year; each claim reports a true level (a slow
 * random walk per quantity) or, when its source errs, a figure off by
 * 10-50%.  Seeded: the same N gives the same claims. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "newsclaims.h"

static unsigned long long rng = 88172645463325252ULL;
static unsigned long long next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* CPU time of the process: one core, whatever else the machine runs. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *const W1[] = {"political", "foreign", "young", "local", "missing", "displaced", "injured",
                                 "armed", "detained", "registered"};
static const char *const W2[] = {"prisoners", "workers", "students", "journalists", "soldiers", "voters",
                                 "refugees", "children", "patients", "migrants", "farmers", "officers"};

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            exit(2);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* One document of `k` claims as a JSON line. */
static void gen_doc(buf *b, size_t d, int k)
{
    char t[512];
    int day = (int)(next() % 365);
    int month = day / 31 + 1, mday = day % 28 + 1;
    unsigned src = (unsigned)(next() % 400);
    unsigned place = (unsigned)(next() % 40);
    snprintf(t, sizeof t,
             "{\"id\":\"bench_%08zu\",\"source\":\"outlet %zu\",\"date\":\"2025-%02d-%02d\",\"lang\":\"en\","
             "\"entities\":[{\"id\":1,\"type\":\"ORG\",\"name\":\"Source %u Institute\"},"
             "{\"id\":2,\"type\":\"LOC\",\"name\":\"Place %u\"},{\"id\":3,\"type\":\"PERSON\",\"name\":\"Person %u Name\"}],"
             "\"claims\":[",
             d, d % 900, month, mday, src, place, (unsigned)(next() % 5000));
    puts_(b, t);
    double rel = 0.5 + (double)(src % 10) / 20.0;
    for (int c = 0; c < k; c++) {
        unsigned m = (unsigned)(next() % 3000);
        int flow = m % 3 == 0;
        double truth = 100 + (double)((m * 7919u + place * 104729u) % 100000) + day * (flow ? 10.0 : 0.5);
        double v = (double)(next() % 1000) / 1000.0 < rel ? truth : truth * (1.1 + (double)(next() % 40) / 100.0);
        long long iv = (long long)v;
        snprintf(t, sizeof t,
                 "%s{\"id\":%d,\"value\":%lld,\"low\":%lld,\"high\":%lld,\"qualifier\":\"exact\","
                 "\"measure\":\"%s %s %u\",\"measure_key\":\"%s %s%s %u\","
                 "\"place\":{\"name\":\"Place %u\",\"entity\":2},"
                 "\"time\":{\"start\":\"%s2025-%02d-%02d\",\"end\":\"2025-%02d-%02d\",\"text\":null},"
                 "\"source\":{\"name\":\"Source %u Institute\",\"entity\":1,\"type\":\"ORG\",\"cue\":\"said\"}}",
                 c ? "," : "", c + 1, iv, iv, iv, W1[m % 10], W2[m % 12], m, W1[m % 10], W2[m % 12],
                 flow ? " released" : "", m, place, flow ? "" : "", flow ? 1 : month, flow ? 1 : mday, month, mday,
                 src);
        puts_(b, t);
    }
    puts_(b, "]}");
}

static int run(size_t n)
{
    nc_ctx *ctx;
    nc_error err;
    if (nc_ctx_new(0, &ctx, &err) != NC_OK)
        return 1;
    nc_claimset *s;
    if (nc_claimset_new(ctx, &s) != NC_OK)
        return 1;
    /* generate first (not timed) */
    size_t ndocs = (n + 9) / 10;
    buf all = {0};
    size_t *off = malloc((ndocs + 1) * sizeof *off);
    for (size_t d = 0; d < ndocs; d++) {
        off[d] = all.n;
        gen_doc(&all, d, (int)(n - d * 10 < 10 ? n - d * 10 : 10));
    }
    off[ndocs] = all.n;
    double t0 = now();
    for (size_t d = 0; d < ndocs; d++)
        if (nc_claimset_add_json(s, all.p + off[d], off[d + 1] - off[d], &err) != NC_OK) {
            fprintf(stderr, "add: %s\n", err.message);
            return 1;
        }
    double t1 = now();
    char *out;
    size_t len;
    if (nc_claimset_reconcile_json(s, 0, &out, &len, &err) != NC_OK) {
        fprintf(stderr, "reconcile: %s\n", err.message);
        return 1;
    }
    double t2 = now();
    printf("%zu claims (%zu docs, %.1f MB JSON in): add_json %.3f s, reconcile %.3f s, total %.3f s CPU; report %.1f MB\n",
           nc_claimset_claim_count(s), ndocs, (double)all.n / 1e6, t1 - t0, t2 - t1, t2 - t0, (double)len / 1e6);
    nc_free(out);
    nc_claimset_free(s);
    nc_ctx_free(ctx);
    free(all.p);
    free(off);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        if (run(100000) || run(1000000))
            return 1;
        return 0;
    }
    for (int i = 1; i < argc; i++)
        if (run((size_t)strtoull(argv[i], NULL, 10)))
            return 1;
    return 0;
}
