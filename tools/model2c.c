/* model2c: turns the tagger model (data/ner.model) into lib/gen_tagger_model.c,
 * which defines nci_tagger_model_builtin(), so the library needs no file at
 * run time (nc_ctx_new takes no data path).  The bytes are stored as base64
 * rows (printable, no escapes: about 4/3 of the model's size as source, and
 * no single huge string literal).
 *
 *   model2c data/ner.model lib/gen_tagger_model.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ROW 76 /* base64 characters a row: 57 bytes */

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: model2c MODEL OUT.c\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    size_t cap = 1 << 20, n = 0;
    unsigned char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            b = realloc(b, cap);
        }
    }
    fclose(f);
    if (!b) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    FILE *o = fopen(argv[2], "w");
    if (!o) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        return 1;
    }
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t chars = (n + 2) / 3 * 4, rows = (chars + ROW - 1) / ROW;
    fprintf(o, "/* generated from data/ner.model by tools/model2c; do not edit.\n"
               " * Model: %zu bytes, FNV-1a 64 %016llx.  Regenerate with `make model`. */\n",
            n, (unsigned long long)h);
    fprintf(o, "#include \"tagger.h\"\n\n#define MODEL_LEN %zu\n#define MODEL_ROWS %zu\n\n", n, rows);
    fprintf(o, "static const char model_b64[MODEL_ROWS][%d] = {\n", ROW + 1);
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)b[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)b[i + 1] << 8;
        if (i + 2 < n)
            v |= b[i + 2];
        char q[4] = {tab[(v >> 18) & 63], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        if (col == 0)
            fputc('"', o);
        fwrite(q, 1, 4, o);
        col += 4;
        if (col == ROW) {
            fputs("\",\n", o);
            col = 0;
        }
    }
    if (col)
        fputs("\",\n", o);
    fputs("};\n\n", o);
    fputs("nc_status nci_tagger_model_builtin(nci_tagger_model **out)\n{\n"
          "    return nci_tagger_model_load_base64(&model_b64[0][0], sizeof model_b64[0], MODEL_ROWS,\n"
          "                                        MODEL_LEN, out);\n}\n",
          o);
    if (fclose(o) != 0) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        return 1;
    }
    free(b);
    return 0;
}
