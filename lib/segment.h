/* Segment stage (DESIGN.md, pipeline 2): sentences and tokens with byte
 * offsets, and page furniture recognised. */
#ifndef NC_SEGMENT_H
#define NC_SEGMENT_H
#include "internal.h"

/* A "sentence" of more tokens than this (a list or a table with no sentence
 * ends, text without punctuation) is cut into pieces of at most this many.
 * The stages read a sentence whole, and claims copy its text into each
 * claim, so an unbounded one costs time and memory quadratic in its length.
 * News sentences are far shorter: 242 tokens at most in the 2,225 BBC
 * articles. */
#define NCI_SENT_MAX_TOKENS 512u

typedef struct nci_sent {
    uint32_t start, end;           /* trimmed of surrounding white space */
    uint32_t tok_first, tok_count;
    unsigned char furniture;
} nci_sent;

typedef struct nci_tok {
    uint32_t start, end;
    unsigned char kind;            /* nc_token_kind */
    unsigned char cap;             /* first character is an upper-case letter */
} nci_tok;

/* Token k of text t is the word lit (lower-case ASCII), ASCII case
 * ignored. */
static inline int nci_tok_is(const char *t, const nci_tok *k, const char *lit)
{
    size_t i = 0, n = k->end - k->start;
    for (; i < n && lit[i]; i++) {
        char c = t[k->start + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lit[i])
            return 0;
    }
    return i == n && !lit[i];
}

typedef struct nci_segs {
    nci_sent *sents;
    size_t nsents, capsents;
    nci_tok *toks;
    size_t ntoks, captoks;
} nci_segs;

/* Tables of the segment stage (sentence-break prototype with ICU's
 * abbreviation suppressions, furniture patterns).  Read-only, shared. */
typedef struct nci_seglex nci_seglex;

struct nci_calendar;
/* use_icu: find sentences with ICU's iterator rather than our own
 * implementation of the same rules (NC_CTX_ICU_SENTENCES). */
nc_status nci_seglex_new(const struct nci_calendar *cal, int use_icu, nci_seglex **out,
                         nc_error *err);
void nci_seglex_free(nci_seglex *lex);

/* Segment text[0..len) (valid UTF-8) into segs (which must be zeroed). */
nc_status nci_segment(const nci_seglex *lex, const char *text, size_t len, nci_segs *segs,
                      nc_error *err);

/* Tokenise text[start..end) only, appending to segs->toks. */
nc_status nci_tokenize(const char *text, size_t start, size_t end, nci_segs *segs);

void nci_segs_free(nci_segs *segs);
#endif
