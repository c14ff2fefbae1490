/* CoNLL reader and span scorer shared by the NER tools (train_tagger,
 * ner_eval).  Not part of the library. */
#ifndef NC_TOOLS_CONLL_H
#define NC_TOOLS_CONLL_H

#include <stddef.h>
#include <stdint.h>
#include "tagger.h"

/* A corpus: documents of sentences of tokens with gold labels.  Documents
 * follow -DOCSTART- lines; text before the first one is document 0 (as
 * shared/eval/conll_eval.py reads it). */
typedef struct conll_corpus {
    char *arena;                /* token bytes */
    size_t arena_len, arena_cap;
    nci_tagger_token *tok;      /* ptr filled once the arena is final */
    size_t *tok_off;            /* offset of each token in the arena */
    uint8_t *gold;
    size_t ntok, cap_tok;
    size_t *sent_end;           /* end token of each sentence */
    size_t nsent, cap_sent;
    size_t *doc_end;            /* end sentence of each document */
    size_t ndoc, cap_doc;
} conll_corpus;

/* Read path; keep == NULL keeps every document, otherwise document k is kept
 * iff keep(k, arg).  Appends to c.  Returns 0, or -1 with a message on
 * stderr. */
int conll_read(conll_corpus *c, const char *path, int (*keep)(size_t, void *), void *arg,
               int sentence_docs);
/* Fill tok[].ptr from the arena (call after the last conll_read). */
void conll_finish(conll_corpus *c);
void conll_free(conll_corpus *c);

/* Span counts per type (index 1 PER, 2 ORG, 3 LOC): tp, fp, fn. */
typedef struct span_score {
    size_t tp[4], fp[4], fn[4];
} span_score;

/* Compare predicted and gold labels of one sentence (exact span and type;
 * I- without a matching B- starts a span, as conll_eval.py reads IOB). */
void span_score_add(span_score *s, const uint8_t *gold, const uint8_t *pred, size_t n);
void span_score_print(const span_score *s, const char *name);
double span_score_f1(const span_score *s, int type); /* type 0: all */

#endif
