/* Entity stage (DESIGN.md, pipeline 3): PERSON, ORG, LOC mentions from the
 * statistical tagger (lib/tagger.c), DATE and ROLE mentions by rules,
 * linked into entities inside the document, each with a folded key. */
#ifndef NC_ENTITIES_H
#define NC_ENTITIES_H
#include "internal.h"
#include "calendar.h"
#include "segment.h"

enum nci_ent_type {
    NCI_ENT_PERSON = 1,
    NCI_ENT_ORG = 2,
    NCI_ENT_LOC = 3,
    NCI_ENT_DATE = 4,
    NCI_ENT_ROLE = 5
};

typedef struct nci_mention {
    uint32_t start, end;      /* bytes */
    uint32_t tok, ntok;       /* tokens [tok, tok+ntok) */
    uint32_t sent;            /* sentence index */
    int32_t entity;           /* index into the entity array */
    unsigned char type;       /* nci_ent_type */
    unsigned char sure;       /* 1: typed by a cue around it ("Villa boss",
                               * "oil firm Shell"), which the document's vote
                               * follows (entities.c, vote_types) */
} nci_mention;

typedef struct nci_entity {
    unsigned char type;
    uint32_t name_mention;    /* the mention whose text is the entity's name */
    const char *key;          /* folded name (fold.h) */
    uint32_t nmentions;
} nci_entity;

typedef struct nci_ents {
    nci_mention *m;           /* in text order */
    size_t nm, capm;
    nci_entity *e;            /* in order of first mention */
    size_t ne, cape;
    char *keys;               /* the keys of the entities point in here */
    size_t capkeys;
} nci_ents;

typedef struct nci_entlex nci_entlex;

/* Tables of the entity stage: the tagger model (built in; none when
 * use_model is 0: rules only), role heads and titles.  Read-only. */
nc_status nci_entlex_new(const nci_calendar *cal, int use_model, nci_entlex **out, nc_error *err);
void nci_entlex_free(nci_entlex *lex);

/* Find and link the entities of a segmented document (sentences flagged as
 * furniture are skipped).  ents must be zeroed.  NC_OK or NC_ENOMEM. */
nc_status nci_entities_run(const nci_entlex *lex, const char *text, const nci_segs *segs,
                           nci_ents *ents);

void nci_ents_free(nci_ents *ents);

/* "PERSON", "ORG", "LOC", "DATE", "ROLE". */
const char *nci_ent_type_name(unsigned type);
#endif
