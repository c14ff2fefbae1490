/* Load stage (DESIGN.md, pipeline 1): bytes to a document with valid UTF-8
 * text and metadata, then segmented and dated. */
#ifndef NC_LOAD_H
#define NC_LOAD_H
#include "internal.h"

#include "wordset.h"

struct nc_doc;
/* The function words that tell the languages apart (for the context). */
nc_status nci_langwords_new(nci_wordset **out);
/* Detected language of a segmented document: "en" or "es". */
const char *nci_detect_lang(const nci_wordset *langwords, const struct nc_doc *doc);
#endif
