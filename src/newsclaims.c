/* newsclaims: command-line front end of libnewsclaims.
 *
 *   newsclaims segment|extract|reconcile|numbers [OPTIONS] [FILE...]
 *
 * Uses the public API only.  Errors go to stderr as FILE:LINE:COLUMN: text;
 * the exit status is 0 when every input was processed, 1 when any failed
 * (the others are still printed), 2 on a usage error or an unimplemented
 * command. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "newsclaims.h"

enum { CMD_SEGMENT, CMD_EXTRACT, CMD_RECONCILE, CMD_NUMBERS };
enum { FMT_JSON, FMT_TABLE };

typedef struct {
    int cmd;
    int format;
    int jsonl;
    int lines;
    unsigned load_flags;
    const char *text_field;
    const char *lang;
    const char *datadir;
    int majority;
    unsigned kinds, num_flags; /* numbers --lines: the selection */
    int jobs;                  /* -j N: documents extracted by N threads */
    unsigned ctx_flags;
    nc_ctx *ctx;
    nc_claimset *set; /* reconcile: the claims of every input */
    int failed;
} opts;

static const char USAGE[] =
    "Usage: newsclaims COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Read news articles and print their entities and numeric claims.\n"
    "\n"
    "Commands:\n"
    "  segment     sentences and tokens of each document (furniture flagged)\n"
    "  extract     entities and claims of each document (the JSON contract)\n"
    "  reconcile   claims grouped by quantity across documents and sources: series,\n"
    "              agreements, conflicts, consensus (reads articles or extract output)\n"
    "  numbers     every numeric expression, valued and classified\n"
    "\n"
    "FILE is a text file (one article), '-' for standard input, or with --jsonl\n"
    "a JSON Lines file (one article per line). With no FILE, standard input.\n"
    "\n"
    "Options:\n"
    "  --format=json|table  output format (default: table on a terminal, else json)\n"
    "  --jsonl              inputs are JSON Lines records: {\"id\", \"text\", \"source\",\n"
    "                       \"date\", \"url\", \"title\", \"lang\"}; other fields ignored\n"
    "  --text-field=NAME    field of a JSON Lines record that holds the text (default: text)\n"
    "  --repair             replace invalid UTF-8 by U+FFFD instead of failing\n"
    "  --lines              (numbers) each line of the input is a text of its own;\n"
    "                       prints {\"line\": N, \"numbers\": [...]} per line\n"
    "  --kind=K[,K...]      (numbers --lines) only numbers of these kinds: count, percent,\n"
    "                       money, year, date, time, ordinal, duration, phone, identifier\n"
    "  --bounded            (numbers --lines) only numbers stated with a bound (a range,\n"
    "                       \"at least\", \"more than\", \"at most\", \"less than\")\n"
    "  --lang=en|es         language of the input (default: detected; en for --lines)\n"
    "  --data-dir=DIR       folder of the optional data files (default: NEWSCLAIMS_DATA_DIR,\n"
    "                       else the installed ones)\n"
    "  -j N, --jobs=N       extract documents with N threads (output in input order)\n"
    "  --majority           (reconcile) consensus by majority vote instead of truth discovery\n"
    "  --no-model           names by capitalisation rules, without the NER model (a baseline)\n"
    "  -h, --help           this help\n"
    "  -V, --version        library and data versions\n"
    "\n"
    "Exit status: 0 if every input was processed, 1 if any failed (the others are\n"
    "still printed), 2 on a usage error.\n";

static void report(const char *name, long long recline, const nc_error *e)
{
    fprintf(stderr, "newsclaims: %s", name);
    if (recline > 0) {
        /* JSON Lines: the file line of the record, then the position inside. */
        fprintf(stderr, ":%lld", recline);
        if (e->code == NC_EPARSE && e->column > 0)
            fprintf(stderr, ":%lld", (long long)e->column);
        fprintf(stderr, ": %s", e->message);
        if (e->code == NC_EUTF8 && e->offset >= 0)
            fprintf(stderr, " (text byte %lld, line %lld, column %lld)", (long long)e->offset,
                    (long long)e->line, (long long)e->column);
    } else {
        if (e->line > 0)
            fprintf(stderr, ":%lld:%lld", (long long)e->line, (long long)e->column);
        fprintf(stderr, ": %s", e->message);
        if (e->offset >= 0)
            fprintf(stderr, " (byte %lld)", (long long)e->offset);
    }
    fprintf(stderr, " [%s]\n", nc_strerror(e->code));
}

/* ---------------------------------------------------------------- output */

static void print_table_doc(const nc_doc *doc, int cmd)
{
    size_t len;
    const char *text = nc_doc_text(doc, &len);
    const char *date = nc_doc_meta(doc, NC_META_DATE);
    printf("== %s  date: %s%s  lang: %s  sentences: %zu  tokens: %zu\n",
           nc_doc_meta(doc, NC_META_ID), date ? date : "-",
           nc_doc_date_inferred(doc) ? " (inferred)" : "", nc_doc_meta(doc, NC_META_LANG),
           nc_doc_sentence_count(doc), nc_doc_token_count(doc));
    if (cmd == CMD_SEGMENT) {
        for (size_t i = 0; i < nc_doc_sentence_count(doc); i++) {
            size_t s, e;
            nc_doc_sentence_span(doc, i, &s, &e);
            int clip = e - s > 100 ? 100 : (int)(e - s);
            while (clip > 0 && clip < (int)(e - s) && (text[s + (size_t)clip] & 0xC0) == 0x80)
                clip--; /* cut on a character boundary */
            printf("%4zu %s %6zu-%-6zu %.*s%s\n", i, nc_doc_sentence_is_furniture(doc, i) ? "F" : " ",
                   s, e, clip, text + s, clip < (int)(e - s) ? "..." : "");
        }
    }
}

/* Print s in a column of `width` characters (code points, not bytes, so
 * that "Raúl Ibáñez" lines up), cut or padded. */
static void put_col(const char *s, int width)
{
    int n = 0;
    const char *p = s ? s : "-";
    while (*p && n < width) {
        const char *q = p + 1;
        while ((*q & 0xC0) == 0x80)
            q++;
        fwrite(p, 1, (size_t)(q - p), stdout);
        p = q;
        n++;
    }
    for (; n < width; n++)
        fputc(' ', stdout);
    fputc(' ', stdout);
}

/* The claims of a document as aligned text, from its JSON (the contract). */
static void print_table_claims(const char *js)
{
    json_t *o = json_loads(js, 0, NULL);
    json_t *claims = json_object_get(o, "claims"), *ents = json_object_get(o, "entities"), *c;
    size_t i;
    printf("   entities: %zu  claims: %zu\n", json_array_size(ents), json_array_size(claims));
    if (json_array_size(claims))
        printf("   %-4s %-17s %-9s %-30s %-24s %s\n", "id", "figure", "qualifier", "measure", "source",
               "time");
    json_array_foreach(claims, i, c) {
        char fig[64];
        json_t *lo = json_object_get(c, "low"), *hi = json_object_get(c, "high");
        const char *vague = json_string_value(json_object_get(c, "vague"));
        const char *unit = json_string_value(json_object_get(c, "unit"));
        if (vague)
            snprintf(fig, sizeof fig, "%s", vague);
        else if (json_number_value(lo) == json_number_value(hi))
            snprintf(fig, sizeof fig, "%.15g%s%s", json_number_value(lo), unit ? " " : "", unit ? unit : "");
        else
            snprintf(fig, sizeof fig, "%.15g-%.15g%s%s", json_number_value(lo), json_number_value(hi),
                     unit ? " " : "", unit ? unit : "");
        json_t *src = json_object_get(c, "source"), *tm = json_object_get(c, "time");
        char when[40] = "-";
        if (json_is_object(tm)) {
            const char *a = json_string_value(json_object_get(tm, "start"));
            const char *b = json_string_value(json_object_get(tm, "end"));
            snprintf(when, sizeof when, "%s%s%s", a, b && strcmp(a, b) ? ".." : "", b && strcmp(a, b) ? b : "");
        }
        printf("   %-4lld ", (long long)json_integer_value(json_object_get(c, "id")));
        put_col(fig, 17);
        put_col(json_string_value(json_object_get(c, "qualifier")), 9);
        put_col(json_string_value(json_object_get(c, "measure")), 30);
        put_col(json_is_object(src) ? json_string_value(json_object_get(src, "name")) : "(the outlet)", 24);
        printf("%s\n", when);
    }
    json_decref(o);
}

static int emit(opts *o, nc_doc *doc, const char *name)
{
    nc_error err;
    if (o->lang && nc_doc_set_meta(doc, NC_META_LANG, o->lang) != NC_OK) {
        fprintf(stderr, "newsclaims: --lang=%s: unsupported language\n", o->lang);
        return -1;
    }
    if (o->cmd == CMD_RECONCILE) {
        if (nc_claimset_add_doc(o->set, doc, &err)) {
            report(name, 0, &err);
            return -1;
        }
        return 0;
    }
    if (o->format == FMT_TABLE) {
        char *js;
        if (nc_doc_json(o->ctx, doc, 0, &js, NULL, &err)) {
            report(name, 0, &err);
            return -1;
        }
        print_table_doc(doc, o->cmd);
        if (o->cmd != CMD_SEGMENT)
            print_table_claims(js);
        nc_free(js);
        return 0;
    }
    unsigned jf = o->cmd == CMD_SEGMENT ? NC_JSON_SEGMENTS : o->cmd == CMD_NUMBERS ? NC_JSON_NUMBERS : 0;
    char *js;
    size_t n;
    if (nc_doc_json(o->ctx, doc, jf, &js, &n, &err)) {
        report(name, 0, &err);
        return -1;
    }
    fwrite(js, 1, n, stdout);
    fputc('\n', stdout);
    nc_free(js);
    return 0;
}

/* ---------------------------------------------------------------- -j N
 * Documents are read in batches; N threads load and extract the documents
 * of a batch (and, for JSON output, write their JSON), then the main thread
 * prints them or adds them to the claim set in input order, so the output
 * is the same as with one thread. */

typedef struct item {
    char *text;        /* a JSON Lines record, or NULL for a file */
    size_t len;
    const char *path;  /* the file (a record's input file) */
    long long lineno;  /* the record's line, 0 for a file */
    nc_doc *doc;
    char *js;          /* the document's JSON (JSON output) */
    size_t jl;
    nc_error err;
    int failed;        /* 1: load failed (err), 2: JSON failed (err) */
    int claims;        /* reconcile: the record is extract output */
} item;

typedef struct batch {
    opts *o;
    item *it;
    size_t n;
    size_t next;       /* next item to take */
    pthread_mutex_t mu;
} batch;

#define BATCH_MAX 512

static void work_item(opts *o, item *x)
{
    nc_status s;
    if (x->text)
        s = nc_doc_load_json(o->ctx, x->text, x->len, o->text_field, o->load_flags, &x->doc, &x->err);
    else
        s = nc_doc_load_file(o->ctx, x->path, o->load_flags, &x->doc, &x->err);
    if (s) {
        x->failed = 1;
        return;
    }
    if (o->lang && nc_doc_set_meta(x->doc, NC_META_LANG, o->lang) != NC_OK)
        return; /* reported by emit() */
    if (o->format == FMT_JSON && o->cmd != CMD_RECONCILE) {
        unsigned jf = o->cmd == CMD_SEGMENT ? NC_JSON_SEGMENTS : o->cmd == CMD_NUMBERS ? NC_JSON_NUMBERS : 0;
        if (nc_doc_json(o->ctx, x->doc, jf, &x->js, &x->jl, &x->err))
            x->failed = 2;
    } else {
        nc_doc_extract(o->ctx, x->doc, NULL); /* emit() reports a failure */
    }
}

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->mu);
        size_t i = b->next < b->n ? b->next++ : b->n;
        pthread_mutex_unlock(&b->mu);
        if (i >= b->n)
            return NULL;
        if (!b->it[i].claims)
            work_item(b->o, &b->it[i]);
    }
}

/* Process the items of a batch with o->jobs threads, then print or add
 * them in order, and free them. */
static void run_batch(opts *o, item *it, size_t n)
{
    batch b = {o, it, n, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t th[64];
    int started = 0;
    for (int t = 1; t < o->jobs && t < 64; t++)
        if (pthread_create(&th[started], NULL, worker, &b) == 0)
            started++;
    worker(&b);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < n; i++) {
        item *x = &it[i];
        char label[4096];
        const char *name = strcmp(x->path, "-") ? x->path : "<stdin>";
        if (x->lineno)
            snprintf(label, sizeof label, "%s:%lld", name, x->lineno);
        else
            snprintf(label, sizeof label, "%s", name);
        if (x->claims) {
            nc_error err;
            if (nc_claimset_add_json(o->set, x->text, x->len, &err)) {
                report(name, x->lineno, &err);
                o->failed = 1;
            }
        } else if (x->failed == 1) {
            report(name, x->lineno, &x->err);
            o->failed = 1;
        } else if (x->failed == 2) {
            report(label, 0, &x->err);
            o->failed = 1;
        } else if (x->js) {
            fwrite(x->js, 1, x->jl, stdout);
            fputc('\n', stdout);
        } else if (emit(o, x->doc, label)) {
            o->failed = 1;
        }
        nc_free(x->js);
        nc_doc_free(x->doc);
        free(x->text);
    }
}

typedef struct queue {
    item it[BATCH_MAX];
    size_t n, bytes;
} queue;

static void queue_flush(opts *o, queue *q)
{
    if (q->n)
        run_batch(o, q->it, q->n);
    q->n = q->bytes = 0;
}

static void queue_add(opts *o, queue *q, const char *path, long long lineno, const char *text, size_t len,
                      int claims)
{
    item *x = &q->it[q->n];
    memset(x, 0, sizeof *x);
    x->path = path;
    x->lineno = lineno;
    x->claims = claims;
    if (text) {
        x->text = malloc(len + 1);
        if (!x->text) {
            fprintf(stderr, "newsclaims: out of memory\n");
            o->failed = 1;
            return;
        }
        memcpy(x->text, text, len);
        x->text[len] = '\0';
        x->len = len;
    }
    q->n++;
    q->bytes += len;
    if (q->n == BATCH_MAX || q->bytes > ((size_t)16 << 20))
        queue_flush(o, q);
}

static queue *g_queue; /* -j N: the pending documents (main thread only) */

/* ---------------------------------------------------------------- input */

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static void do_text(opts *o, const char *path)
{
    nc_error err;
    nc_doc *doc = NULL;
    nc_status s;
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    if (g_queue && strcmp(path, "-")) {
        queue_add(o, g_queue, path, 0, NULL, 0, 0);
        return;
    }
    if (g_queue)
        queue_flush(o, g_queue); /* standard input is read here, in order */
    if (!strcmp(path, "-")) {
        size_t len;
        char *buf = read_all(stdin, &len);
        if (!buf) {
            fprintf(stderr, "newsclaims: <stdin>: cannot read: %s\n", strerror(errno));
            o->failed = 1;
            return;
        }
        s = nc_doc_load_buffer(o->ctx, buf, len, "stdin", o->load_flags, &doc, &err);
        free(buf);
    } else {
        s = nc_doc_load_file(o->ctx, path, o->load_flags, &doc, &err);
    }
    if (s) {
        report(name, 0, &err);
        o->failed = 1;
        return;
    }
    if (emit(o, doc, name))
        o->failed = 1;
    nc_doc_free(doc);
}

static FILE *open_input(const char *path)
{
    if (!strcmp(path, "-"))
        return stdin;
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "newsclaims: %s: cannot open: %s\n", path, strerror(errno));
    return f;
}

static void strip_eol(char *line, ssize_t *n)
{
    while (*n > 0 && (line[*n - 1] == '\n' || line[*n - 1] == '\r'))
        line[--*n] = '\0';
}

/* Call fn for each line of the input, without its line end; lines are
 * numbered from 1. */
typedef void (*line_fn)(opts *o, const char *name, long long lineno, char *line, size_t n);

static void for_each_line(opts *o, const char *path, line_fn fn)
{
    FILE *f = open_input(path);
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    if (!f) {
        o->failed = 1;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long long lineno = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        strip_eol(line, &n);
        fn(o, name, lineno, line, (size_t)n);
    }
    free(line);
    if (ferror(f)) {
        fprintf(stderr, "newsclaims: %s: read error: %s\n", name, strerror(errno));
        o->failed = 1;
    }
    if (f != stdin)
        fclose(f);
}

/* Whether s[0..n) holds the bytes w. */
static int contains(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++) {
        const char *p = memchr(s + i, w[0], n - wl + 1 - i);
        if (!p)
            return 0;
        i = (size_t)(p - s);
        if (!memcmp(p, w, wl))
            return 1;
    }
    return 0;
}

/* A JSON Lines record that already holds claims (extract's output).  The
 * key "claims" is written so, or with a \u escape: without either, an
 * article is told without building its tree. */
static int is_extract_output(const char *line, size_t n)
{
    if (!contains(line, n, "\"claims\"") && !contains(line, n, "\\u"))
        return 0;
    json_t *o = json_loadb(line, n, 0, NULL);
    int yes = json_is_array(json_object_get(o, "claims"));
    json_decref(o);
    return yes;
}

/* --jsonl: one document per line. */
static void jsonl_line(opts *o, const char *name, long long lineno, char *line, size_t n)
{
    if (lineno == 1 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
        line += 3;
        n -= 3;
    }
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (k == n)
        return; /* blank line */
    nc_error err;
    nc_doc *doc = NULL;
    if (g_queue) {
        queue_add(o, g_queue, name, lineno, line, n, o->cmd == CMD_RECONCILE && is_extract_output(line, n));
        return;
    }
    if (o->cmd == CMD_RECONCILE && is_extract_output(line, n)) {
        /* extract's output read back: its claims as they are */
        if (nc_claimset_add_json(o->set, line, n, &err)) {
            report(name, lineno, &err);
            o->failed = 1;
        }
        return;
    }
    if (nc_doc_load_json(o->ctx, line, n, o->text_field, o->load_flags, &doc, &err)) {
        report(name, lineno, &err);
        o->failed = 1;
        return;
    }
    char label[4096];
    snprintf(label, sizeof label, "%s:%lld", name, lineno);
    if (emit(o, doc, label))
        o->failed = 1;
    nc_doc_free(doc);
}

/* numbers --lines: the number stage alone, one text per input line. */
static void numbers_line(opts *o, const char *name, long long lineno, char *line, size_t n)
{
    nc_error err;
    char *js;
    size_t jl;
    if (nc_numbers_json_select(o->ctx, line, n, o->lang ? o->lang : "en", o->kinds, o->num_flags, &js, &jl,
                               &err)) {
        fprintf(stderr, "newsclaims: %s:%lld:%lld: %s [%s]\n", name, lineno, (long long)err.column,
                err.message, nc_strerror(err.code));
        printf("{\"line\":%lld,\"numbers\":[],\"error\":\"%s\"}\n", lineno, nc_strerror(err.code));
        o->failed = 1;
        return;
    }
    if (o->format == FMT_JSON) {
        printf("{\"line\":%lld,\"numbers\":", lineno);
        fwrite(js, 1, jl, stdout);
        fputs("}\n", stdout);
    } else {
        printf("%lld: %s\n", lineno, js);
    }
    nc_free(js);
}

/* ---------------------------------------------------------------- main */

/* Bits of the kinds named in a comma-separated list, 0 when a name is
 * unknown. */
static unsigned parse_kinds(const char *s)
{
    static const char *const names[] = {"count", "percent", "money", "year", "date",
                                        "time", "ordinal", "duration", "phone", "identifier"};
    unsigned bits = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        unsigned k = 0;
        while (k < 10 && !(strlen(names[k]) == n && !strncmp(names[k], s, n)))
            k++;
        if (k == 10)
            return 0;
        bits |= 1u << k;
        s += n;
        if (*s == ',')
            s++;
    }
    return bits;
}

/* The installed data folder, or, for a tool run from its build tree before
 * `make install`, the source tree's data/. */
static const char *default_datadir(void)
{
#if defined(NC_PKGDATADIR) && defined(NC_SRCDATADIR)
    FILE *f = fopen(NC_PKGDATADIR "/translations-es-en.tsv", "rb");
    if (f) {
        fclose(f);
        return NULL;
    }
    return NC_SRCDATADIR;
#else
    return NULL;
#endif
}

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "newsclaims: %s%s\nTry 'newsclaims --help'.\n", what, arg);
    return 2;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    opts o = {0};
    o.cmd = -1;
    o.format = isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_JSON;
    const char *files[4096];
    int nfiles = 0, only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            if (o.cmd < 0) {
                if (!strcmp(a, "segment")) o.cmd = CMD_SEGMENT;
                else if (!strcmp(a, "extract")) o.cmd = CMD_EXTRACT;
                else if (!strcmp(a, "reconcile")) o.cmd = CMD_RECONCILE;
                else if (!strcmp(a, "numbers")) o.cmd = CMD_NUMBERS;
                else return usage_error("unknown command: ", a);
                continue;
            }
            if (nfiles == (int)(sizeof files / sizeof *files))
                return usage_error("too many files, at most ", "4096");
            files[nfiles++] = a;
        } else if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return 0;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("newsclaims %s (data %s)\n", nc_version(), nc_data_version());
            return 0;
        } else if (!strcmp(a, "--format=json")) {
            o.format = FMT_JSON;
        } else if (!strcmp(a, "--format=table")) {
            o.format = FMT_TABLE;
        } else if (!strcmp(a, "--jsonl")) {
            o.jsonl = 1;
        } else if (!strcmp(a, "--lines")) {
            o.lines = 1;
        } else if (!strcmp(a, "--repair")) {
            o.load_flags |= NC_LOAD_REPAIR;
        } else if (!strncmp(a, "--text-field=", 13) && a[13]) {
            o.text_field = a + 13;
        } else if (!strncmp(a, "--data-dir=", 11) && a[11]) {
            o.datadir = a + 11;
        } else if (!strncmp(a, "--kind=", 7)) {
            if (!(o.kinds = parse_kinds(a + 7)))
                return usage_error("unknown kind in ", a);
        } else if (!strcmp(a, "-j") || !strncmp(a, "--jobs=", 7) || (!strncmp(a, "-j", 2) && a[2])) {
            const char *v = !strcmp(a, "-j") ? (i + 1 < argc ? argv[++i] : "") : a[1] == 'j' ? a + 2 : a + 7;
            char *end;
            long j = strtol(v, &end, 10);
            if (!*v || *end || j < 1 || j > 64)
                return usage_error("-j needs a number of threads from 1 to 64: ", v);
            o.jobs = (int)j;
        } else if (!strcmp(a, "--bounded")) {
            o.num_flags |= NC_NUMBERS_BOUNDED;
        } else if (!strcmp(a, "--majority")) {
            o.majority = 1;
        } else if (!strcmp(a, "--no-model")) {
            o.ctx_flags |= NC_CTX_NO_MODEL;
        } else if (!strcmp(a, "--lang=en") || !strcmp(a, "--lang=es")) {
            o.lang = a + 7;
        } else {
            return usage_error("unknown or malformed option: ", a);
        }
    }
    if (o.cmd < 0)
        return usage_error("no command given (segment, extract, reconcile or numbers)", "");
    if (o.lines && o.cmd != CMD_NUMBERS)
        return usage_error("--lines is an option of 'numbers' only", "");
    if ((o.kinds || o.num_flags) && !o.lines)
        return usage_error("--kind and --bounded need 'numbers --lines'", "");
    if (nfiles == 0)
        files[nfiles++] = "-";
    nc_error err;
    if (!o.datadir)
        o.datadir = getenv("NEWSCLAIMS_DATA_DIR");
    if (!o.datadir)
        o.datadir = default_datadir();
    if (nc_ctx_new_with_data(o.ctx_flags, o.datadir, &o.ctx, &err)) {
        fprintf(stderr, "newsclaims: cannot create context: %s [%s]\n", err.message,
                nc_strerror(err.code));
        return 1;
    }
    if (o.cmd == CMD_RECONCILE && nc_claimset_new(o.ctx, &o.set)) {
        fprintf(stderr, "newsclaims: out of memory\n");
        nc_ctx_free(o.ctx);
        return 1;
    }
    queue *q = NULL;
    if (o.jobs > 1 && !o.lines) {
        q = malloc(sizeof *q);
        if (!q) {
            fprintf(stderr, "newsclaims: out of memory\n");
            return 1;
        }
        q->n = q->bytes = 0;
        g_queue = q;
    }
    for (int i = 0; i < nfiles; i++) {
        if (o.lines)
            for_each_line(&o, files[i], numbers_line);
        else if (o.jsonl)
            for_each_line(&o, files[i], jsonl_line);
        else
            do_text(&o, files[i]);
    }
    if (q) {
        queue_flush(&o, q);
        g_queue = NULL;
        free(q);
    }
    if (o.set) {
        char *rep;
        size_t rl;
        unsigned rf = (o.format == FMT_TABLE ? NC_RECONCILE_TABLE : 0) | (o.majority ? NC_RECONCILE_MAJORITY : 0);
        if (nc_claimset_reconcile_json(o.set, rf, &rep, &rl, &err)) {
            fprintf(stderr, "newsclaims: reconcile: %s [%s]\n", err.message, nc_strerror(err.code));
            o.failed = 1;
        } else {
            fwrite(rep, 1, rl, stdout);
            if (!rl || rep[rl - 1] != '\n')
                fputc('\n', stdout);
            nc_free(rep);
        }
        nc_claimset_free(o.set);
    }
    nc_ctx_free(o.ctx);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "newsclaims: write error: %s\n", strerror(errno));
        return 1;
    }
    return o.failed ? 1 : 0;
}
