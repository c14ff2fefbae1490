/* The document object shared by the stages. */
#ifndef NC_DOC_H
#define NC_DOC_H
#include "internal.h"
#include "numbers.h"
#include "entities.h"
#include "claims.h"
#include "segment.h"

#define NCI_NMETA 6

struct nc_doc {
    char *text;               /* valid UTF-8, NUL-terminated */
    size_t len;
    size_t repairs;
    char *meta[NCI_NMETA];    /* given metadata, indexed by nc_meta */
    char inferred_date[16];   /* "" when the text dates nothing */
    const char *lang;         /* given or detected: "en" or "es" */
    const char *detected_lang; /* detected from the text at load */
    nci_segs segs;
    int extracted;
    nci_numvec numbers;
    nci_ents ents;
    nci_claims claims;
};

/* Allocate an empty document owning text[0..len) (taken over). */
nc_doc *nci_doc_new(char *text, size_t len);
#endif
