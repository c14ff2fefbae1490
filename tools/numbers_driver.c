/* numbers_driver: the number stage alone, for rt_score.py and the sampler,
 * until (and beside) `newsclaims numbers --lines`.  Reads standard input one
 * line at a time (each line a text of its own) and prints for each line
 *   {"line": N, "numbers": [{"start","end","text","value","low","high",
 *    "qualifier","unit","kind"}...]}
 * as DESIGN.md's output contract says.
 *
 *   numbers_driver [--lines] [--format=json] [--lang=en|es] [--kind=K[,K...]]
 *
 * --kind keeps only numbers of the given kinds (count, percent, money, ...).
 * --jsonl reads JSON Lines records and scans their "text" field instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "numbers.h"

static const char *const kinds[] = {"count", "percent", "money", "year", "date", "time",
                                    "ordinal", "duration", "phone", "identifier"};
static const char *const quals[] = {"exact", "at_least", "more_than", "at_most",
                                    "less_than", "about", "range", "vague"};

static void put_str(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void put_num(int has, double v)
{
    if (!has) {
        fputs("null", stdout);
        return;
    }
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, sizeof buf, "%.17g", v);
    fputs(buf, stdout);
}

int main(int argc, char **argv)
{
    const char *lang = "en";
    unsigned keep = 0xffff;
    int jsonl = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--lang=", 7) == 0)
            lang = argv[i] + 7;
        else if (strcmp(argv[i], "--jsonl") == 0)
            jsonl = 1;
        else if (strncmp(argv[i], "--kind=", 7) == 0) {
            keep = 0;
            char *list = strdup(argv[i] + 7);
            for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
                for (unsigned k = 0; k < 10; k++)
                    if (strcmp(tok, kinds[k]) == 0)
                        keep |= 1u << k;
            free(list);
        } else if (strcmp(argv[i], "--lines") && strncmp(argv[i], "--format=", 9)) {
            fprintf(stderr, "usage: %s [--lines] [--format=json] [--lang=en|es] [--kind=K,...] [--jsonl]\n",
                    argv[0]);
            return 2;
        }
    }
    nci_numlex *lex;
    nc_error err;
    if (nci_numlex_new(&lex, &err) != NC_OK) {
        fprintf(stderr, "numlex: %s\n", err.message);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long no = 0;
    while ((got = getline(&line, &cap, stdin)) != -1) {
        no++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        const char *text = line;
        json_t *rec = NULL;
        if (jsonl) {
            json_error_t je;
            rec = json_loadb(line, len, 0, &je);
            json_t *tx = rec ? json_object_get(rec, "text") : NULL;
            if (!json_is_string(tx)) {
                fprintf(stderr, "line %ld: no text\n", no);
                json_decref(rec);
                continue;
            }
            text = json_string_value(tx);
            len = json_string_length(tx);
        }
        nci_numvec vec = {0};
        if (nci_numbers_scan(lex, text, 0, len, lang, &vec) != NC_OK) {
            fprintf(stderr, "line %ld: scan failed\n", no);
            return 1;
        }
        printf("{\"line\": %ld, \"numbers\": [", no);
        int first = 1;
        for (size_t i = 0; i < vec.n; i++) {
            const nci_number *p = &vec.v[i];
            if (!(keep & (1u << p->kind)))
                continue;
            printf("%s{\"start\": %zu, \"end\": %zu, \"text\": ", first ? "" : ", ", p->start, p->end);
            first = 0;
            put_str(text + p->start, p->end - p->start);
            fputs(", \"value\": ", stdout);
            put_num(p->has_value, p->value);
            fputs(", \"low\": ", stdout);
            put_num(p->has_low, p->low);
            fputs(", \"high\": ", stdout);
            put_num(p->has_high, p->high);
            printf(", \"qualifier\": \"%s\", \"unit\": ", quals[p->qualifier]);
            if (p->unit[0])
                put_str(p->unit, strlen(p->unit));
            else
                fputs("null", stdout);
            printf(", \"kind\": \"%s\"", kinds[p->kind]);
            if (p->vague)
                printf(", \"vague\": \"%s\"", p->vague);
            if (p->minor)
                fputs(", \"minor\": true", stdout);
            if (p->overflow)
                fputs(", \"overflow\": true", stdout);
            putchar('}');
        }
        puts("]}");
        nci_numvec_free(&vec);
        json_decref(rec);
    }
    free(line);
    nci_numlex_free(lex);
    return 0;
}
