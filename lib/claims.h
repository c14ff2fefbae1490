/* Claim stage (DESIGN.md, pipeline 5): a number that states a figure about
 * the world, with what it counts (measure), where (place), when (time) and
 * who says so (source).  Reads the segments, numbers and entities.
 *
 * The rules are listed, with examples, at the top of claims.c.  In short:
 * - measure: the noun phrase after the figure ("35% of their components",
 *   "six out of every 10 planes"), else the one before a change verb
 *   ("shares in X surged 8%", auxiliaries skipped), else, for a figure
 *   linked by to/from/up or an adverb, the measure of the figure before it
 *   ("sales rose 2.3% to 80,600"); price verbs make a price;
 * - source: "according to X", "X said", "said X", passives excluded;
 *   pronouns and descriptions point back (they: the previous source; he/she:
 *   the last person named; it: the last organisation quoted; the company,
 *   the report: the last organisation quoted or named; a study by X: X); a
 *   figure in a quotation takes its speaker;
 * - time: the nearest date or year expression of the sentence ("in/by/for
 *   YEAR", quarters, "2003's", "a year earlier" after the figure; not a
 *   comparison's "than ... 2004"), resolved against the publication date;
 * - one pass over the sentences; per claim, work bounded by its sentence. */
#ifndef NC_CLAIMS_H
#define NC_CLAIMS_H
#include "internal.h"
#include "calendar.h"
#include "entities.h"
#include "numbers.h"
#include "segment.h"

#define NCI_MAX_SOURCES 3

typedef struct nci_claim {
    uint32_t num;                 /* index into the document's numbers */
    uint32_t sent;
    uint32_t start, end;          /* the claim's text: number and measure (and place) */
    uint32_t m_start, m_end;      /* the measure as written; m_end == m_start: none */
    uint32_t key, key_len;        /* the measure key: the claims' keys + key, key_len bytes and a NUL */
    int32_t place;                /* entity index, -1: none */
    int32_t sources[NCI_MAX_SOURCES]; /* entity indexes, -1: none */
    const char *cues[NCI_MAX_SOURCES];
    unsigned nsources;
    char time_start[16], time_end[16]; /* ISO dates, "" when none */
    uint32_t t_start, t_end;      /* the time phrase; t_end == t_start: none written */
} nci_claim;

typedef struct nci_claims {
    nci_claim *v;
    size_t n, cap;
    char *keys; /* the measure keys of the claims, one after another */
    size_t nkeys, capkeys;
} nci_claims;

typedef struct nci_claimlex nci_claimlex;

nc_status nci_claimlex_new(const nci_calendar *cal, nci_claimlex **out, nc_error *err);
void nci_claimlex_free(nci_claimlex *lex);

/* Claims of a document.  pubdate is "YYYY-MM-DD", "YYYY-MM" or NULL.
 * NC_OK or NC_ENOMEM. */
nc_status nci_claims_run(const nci_claimlex *lex, const char *text, const nci_segs *segs,
                         const nci_numvec *nums, const nci_ents *ents, const char *lang,
                         const char *pubdate, nci_claims *out);

void nci_claims_free(nci_claims *c);
#endif
