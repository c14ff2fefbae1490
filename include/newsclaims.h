/**
 * @file newsclaims.h
 * @brief libnewsclaims: named entities and numeric claims from news articles,
 *        reconciled across articles and sources.
 *
 * This header is the reference for the library's C API.  Everything that is
 * not declared here is not API.
 *
 * Conventions (they hold for every function below unless its comment says
 * otherwise):
 *
 * - Every public name starts with `nc_` or `NC_`.
 * - Objects are opaque handles with a constructor and a destructor; a
 *   destructor given NULL does nothing.
 * - Text in is `const char *text, size_t len`: no NUL terminator is needed
 *   and none is relied on.  Text must be valid UTF-8 (or be repaired with
 *   ::NC_LOAD_REPAIR).
 * - Offsets are byte offsets into a document's text (UTF-8), end exclusive.
 * - Functions that can fail return an ::nc_status.  Those that read input take
 *   an optional `nc_error *err` that is filled with the code, position and a
 *   message.  There is no hidden "last error" state.
 * - Ownership: strings and objects returned by accessors belong to the object
 *   they come from and live as long as it does.  Memory the caller must free
 *   is returned by functions whose names end in `_json` or `_dup` and is
 *   released with nc_free().
 * - Thread-safety: an ::nc_ctx is immutable once created and may be shared
 *   by any number of threads.  An ::nc_doc is used by one thread at a time.
 * - The library never prints, never calls exit() or abort() on bad input,
 *   and holds no global mutable state: there is no init or cleanup call.
 * - No varargs, no struct passed by value, no callbacks: every function can
 *   be called through Python's ctypes.
 */
#ifndef NEWSCLAIMS_H
#define NEWSCLAIMS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(NC_BUILDING_LIBRARY)
#  define NC_EXPORT __declspec(dllexport)
#elif defined(_WIN32)
#  define NC_EXPORT __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define NC_EXPORT __attribute__((visibility("default")))
#else
#  define NC_EXPORT
#endif

/** @name Version
 *  The package version.  The shared library's ABI version (libtool
 *  `-version-info`) is kept separately in configure.ac.
 *  @{ */
#define NC_VERSION_MAJOR 0
#define NC_VERSION_MINOR 1
#define NC_VERSION_PATCH 0
#define NC_VERSION_STRING "0.1.0"
/** MAJOR*10000 + MINOR*100 + PATCH, for compile-time comparisons. */
#define NC_VERSION_NUMBER (NC_VERSION_MAJOR * 10000 + NC_VERSION_MINOR * 100 + NC_VERSION_PATCH)

/**
 * The version of the library that is running, as "MAJOR.MINOR.PATCH".
 * Compare with ::NC_VERSION_STRING to check the header against the library.
 * @return a static string, never NULL.
 * Ownership: static.  Thread-safety: safe.
 */
NC_EXPORT const char *nc_version(void);

/**
 * The version of the running library as MAJOR*10000 + MINOR*100 + PATCH.
 * @return the number; compare with ::NC_VERSION_NUMBER.
 * Thread-safety: safe.
 */
NC_EXPORT int nc_version_number(void);

/**
 * The version of the data tables (word lists, gazetteers, models) built into
 * the library, as a date "YYYY-MM-DD" with an optional suffix.
 * @return a static string, never NULL.
 * Ownership: static.  Thread-safety: safe.
 */
NC_EXPORT const char *nc_data_version(void);
/** @} */

/** @name Status codes and errors
 *  @{ */

/**
 * Result of a call.  Values are explicit and never renumbered; new codes are
 * added at the end.
 */
typedef enum nc_status {
    NC_OK = 0,        /**< Success. */
    NC_ENOMEM = 1,    /**< Out of memory. */
    NC_EINVAL = 2,    /**< An argument is invalid (NULL handle, bad option, index out of range). */
    NC_EIO = 3,       /**< A file could not be opened or read. */
    NC_EUTF8 = 4,     /**< Text is not valid UTF-8 (invalid byte, overlong form, surrogate, NUL); see the error's offset. */
    NC_EPARSE = 5,    /**< Input could not be parsed (malformed JSON, missing field); see the error's position. */
    NC_ELIMIT = 6,    /**< Input exceeds a limit of the library (document larger than 2 GiB). */
    NC_ENOTIMPL = 7,  /**< The requested operation is not implemented in this version. */
    NC_EICU = 8       /**< An ICU call failed (its error name is in the message). */
} nc_status;

/**
 * Static English text for a status code.
 * @param code a value of ::nc_status (other values give "unknown error").
 * @return a static string, never NULL.
 * Ownership: static.  Thread-safety: safe.
 */
NC_EXPORT const char *nc_strerror(int code);

/**
 * Error detail of one call.  The only public struct: its size is fixed and it
 * has reserved bytes so fields can be added without changing the ABI.
 *
 * The caller owns it (usually on the stack) and passes a pointer to each
 * load or parse call; NULL is always allowed.  On success the call leaves
 * `code` at ::NC_OK and `offset` at -1.
 */
typedef struct nc_error {
    int code;            /**< an ::nc_status value */
    int reserved0;       /**< zero */
    int64_t offset;      /**< byte offset of the fault in the input, or -1 */
    int64_t line;        /**< 1-based line of the fault, or 0 when unknown */
    int64_t column;      /**< 1-based column (in characters) of the fault, or 0 when unknown */
    char message[256];   /**< NUL-terminated English text, without position */
    unsigned char reserved[128]; /**< zero; room for future fields */
} nc_error;

/**
 * Reset an error struct: code ::NC_OK, offset -1, line and column 0, empty
 * message.  Calls that take an `nc_error *` do this themselves.
 * @param err may be NULL (then nothing happens).
 */
NC_EXPORT void nc_error_clear(nc_error *err);

/**
 * Free memory the library handed to the caller (results of `_json` and
 * `_dup` functions).  NULL is a harmless no-op.
 */
NC_EXPORT void nc_free(void *p);
/** @} */

/** @name Context
 *  A context holds settings and the read-only tables (word lists, models)
 *  every document uses.  Create one per program and share it.
 *  @{ */

/** Opaque context.  Immutable once created; shareable across threads. */
typedef struct nc_ctx nc_ctx;

/** Flags for nc_ctx_new(). */
enum {
    NC_CTX_DEFAULT = 0,       /**< default settings */
    /** Find sentence boundaries with ICU's sentence break iterator
     *  ("en@ss=standard") instead of the library's own implementation of
     *  the same rules (UAX #29 over ICU's Sentence_Break property, with
     *  CLDR's abbreviation suppressions), which gives the same boundaries
     *  several times faster.  For comparison and testing. */
    NC_CTX_ICU_SENTENCES = 1,
    /** Recognise PERSON, ORG and LOC without the statistical model, by
     *  capitalisation rules only: a floor to measure the model against. */
    NC_CTX_NO_MODEL = 2
};

/**
 * Create a context.
 * @param flags  ::NC_CTX_DEFAULT, or ::NC_CTX_ICU_SENTENCES and/or
 *               ::NC_CTX_NO_MODEL (other bits are reserved and rejected).
 * @param out    receives the new context; set to NULL on failure.
 * @param err    optional error detail.
 * @return ::NC_OK, ::NC_EINVAL (out is NULL or unknown flag), ::NC_ENOMEM, ::NC_EICU.
 * Ownership: the caller frees the context with nc_ctx_free(), after every
 * document that uses it.
 * Thread-safety: safe.
 */
NC_EXPORT nc_status nc_ctx_new(unsigned flags, nc_ctx **out, nc_error *err);

/**
 * Create a context that reads its optional data files from a folder.
 *
 * Some tables can't be compiled into the library because of their licence
 * (data/README): the Spanish-English word table of the reconcile stage
 * (translations-es-en.tsv, GPL-2, from Apertium), which lets organisation
 * names match across languages ("Foro Penal" = "Penal Forum"), and the
 * GeoNames city table (city-countries.tsv, CC BY 4.0), which puts a claim
 * about a city with its country's.  They are
 * installed in the package data folder (`$(datadir)/libnewsclaims`) and read
 * from there by nc_ctx_new(), or from `datadir` here.  A missing file is not
 * an error: the context works without it (see nc_ctx_has_data()).
 *
 * @param flags    as nc_ctx_new().
 * @param datadir  folder of the data files, or NULL for the installed one.
 * @param out      receives the new context; set to NULL on failure.
 * @param err      optional error detail.
 * @return as nc_ctx_new(), plus ::NC_EIO (a data file exists but can't be
 *         read), ::NC_EUTF8 and ::NC_EPARSE (a data file is malformed; the
 *         error names it, with the line).
 * Ownership: free the context with nc_ctx_free().
 * Thread-safety: safe.
 */
NC_EXPORT nc_status nc_ctx_new_with_data(unsigned flags, const char *datadir, nc_ctx **out,
                                         nc_error *err);

/**
 * Whether the context found an optional data file.
 * @param name  "translations-es-en.tsv" or "city-countries.tsv".
 * @return 1 when it was read, 0 otherwise (or for an unknown name).
 * Thread-safety: safe.
 */
NC_EXPORT int nc_ctx_has_data(const nc_ctx *ctx, const char *name);

/**
 * Free a context.  NULL is a no-op.
 * Thread-safety: no other thread may be using the context.
 */
NC_EXPORT void nc_ctx_free(nc_ctx *ctx);
/** @} */

/** @name Loading documents
 *  A document is a text (valid UTF-8) and its metadata.  Loading decodes and
 *  validates the text, reads the metadata, segments it into sentences and
 *  tokens, recognises page furniture and settles the publication date (from
 *  metadata, else inferred from the dates in the text).
 *  @{ */

/** Opaque document.  Used by one thread at a time. */
typedef struct nc_doc nc_doc;

/** Flags for the load functions; combine with `|`. */
enum {
    NC_LOAD_DEFAULT = 0,  /**< strict: invalid UTF-8 is an error */
    NC_LOAD_REPAIR = 1    /**< replace each invalid sequence by U+FFFD and count it (nc_doc_repairs()) */
};

/**
 * Load a document from a memory buffer.
 *
 * A UTF-8 byte order mark at the start is dropped; CRLF and lone CR line ends
 * are kept in the text (offsets are into the text as given, less the BOM) and
 * treated as line ends.
 *
 * @param ctx    the context.
 * @param text   the bytes; need not be NUL-terminated.  May be NULL when len is 0.
 * @param len    number of bytes.
 * @param id     document id (NUL-terminated), or NULL for "doc".
 * @param flags  ::NC_LOAD_DEFAULT or ::NC_LOAD_REPAIR.
 * @param out    receives the document; NULL on failure.
 * @param err    optional error detail: for ::NC_EUTF8 the byte offset, line
 *               and column of the first bad sequence.
 * @return ::NC_OK, ::NC_EINVAL, ::NC_ENOMEM, ::NC_EUTF8, ::NC_ELIMIT, ::NC_EICU.
 * Ownership: the caller frees the document with nc_doc_free().  The text is
 * copied; the buffer may be freed after the call.
 * Thread-safety: safe (ctx is only read).
 */
NC_EXPORT nc_status nc_doc_load_buffer(const nc_ctx *ctx, const char *text, size_t len,
                                       const char *id, unsigned flags, nc_doc **out,
                                       nc_error *err);

/**
 * Load a document from a file.  The id is the file's base name without its
 * last extension ("dir/001_ab.txt" gives "001_ab").
 * @param path   NUL-terminated file name.
 * @return as nc_doc_load_buffer(), plus ::NC_EIO when the file cannot be read
 *         (the message names the system error).
 * Ownership: the caller frees the document with nc_doc_free().
 */
NC_EXPORT nc_status nc_doc_load_file(const nc_ctx *ctx, const char *path, unsigned flags,
                                     nc_doc **out, nc_error *err);

/**
 * Load a document from one JSON Lines record: a JSON object with the text in
 * `text_field` (a string) and optional string or null fields `id`, `source`,
 * `date`, `url`, `title`, `lang`.  Unknown fields are ignored.  When `id` is
 * missing the document gets the id "doc".
 *
 * @param record      the record's bytes (one line, without its newline).
 * @param len         its length.
 * @param text_field  name of the text field (NUL-terminated), or NULL for "text".
 * @param err         for ::NC_EPARSE the position is in the record (line 1,
 *                    column and byte offset of the fault); for ::NC_EUTF8 the
 *                    position is in the decoded text.
 * @return as nc_doc_load_buffer(), plus ::NC_EPARSE (not JSON, not an object,
 *         text field missing or not a string, metadata field not a string).
 * Ownership: the caller frees the document with nc_doc_free().
 */
NC_EXPORT nc_status nc_doc_load_json(const nc_ctx *ctx, const char *record, size_t len,
                                     const char *text_field, unsigned flags, nc_doc **out,
                                     nc_error *err);

/**
 * Free a document.  NULL is a no-op.
 */
NC_EXPORT void nc_doc_free(nc_doc *doc);

/** Metadata fields, for nc_doc_meta() and nc_doc_set_meta(). */
typedef enum nc_meta {
    NC_META_ID = 0,      /**< document id */
    NC_META_SOURCE = 1,  /**< outlet or publisher */
    NC_META_DATE = 2,    /**< publication date, ISO 8601 ("2026-01-09", or partial "2026-01") */
    NC_META_URL = 3,     /**< address of the article */
    NC_META_TITLE = 4,   /**< headline */
    NC_META_LANG = 5     /**< language code: "en" or "es" (detected when not given) */
} nc_meta;

/**
 * A metadata field of a document.
 * @param doc    the document.
 * @param field  an ::nc_meta value.
 * @return the NUL-terminated value, or NULL when unknown.  For ::NC_META_DATE
 *         this is the metadata date, else the date inferred from the text (see
 *         nc_doc_date_inferred()); for ::NC_META_LANG the given or detected
 *         language, never NULL.
 * Ownership: the document's; valid until the field is set again or the
 * document is freed.
 */
NC_EXPORT const char *nc_doc_meta(const nc_doc *doc, int field);

/**
 * Set a metadata field.  Setting ::NC_META_DATE to NULL brings back the date
 * inferred from the text; setting it to a value marks it as not inferred.
 * Call before nc_doc_extract() so that later stages see it.
 * @param value  NUL-terminated UTF-8, or NULL to clear.  A date must be ISO
 *               8601 (YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a
 *               time, which is dropped); "en" or "es" for the language.
 * @return ::NC_OK, ::NC_EINVAL (bad field, bad date, unsupported language),
 *         ::NC_EUTF8, ::NC_ENOMEM.
 * Ownership: the value is copied.
 */
NC_EXPORT nc_status nc_doc_set_meta(nc_doc *doc, int field, const char *value);

/**
 * Whether the publication date was inferred from the text (1) or came from
 * metadata or is unknown (0).
 */
NC_EXPORT int nc_doc_date_inferred(const nc_doc *doc);

/**
 * The document's text (valid UTF-8, BOM removed, repaired if so loaded).
 * @param len  receives the length in bytes; may be NULL.
 * @return the text, also NUL-terminated for convenience.
 * Ownership: the document's.
 */
NC_EXPORT const char *nc_doc_text(const nc_doc *doc, size_t *len);

/**
 * How many invalid UTF-8 sequences were replaced by U+FFFD when the
 * document was loaded with ::NC_LOAD_REPAIR (0 otherwise).
 */
NC_EXPORT size_t nc_doc_repairs(const nc_doc *doc);
/** @} */

/** @name Sentences and tokens
 *  Available as soon as a document is loaded.  Offsets are bytes into
 *  nc_doc_text(), end exclusive.
 *  @{ */

/** Number of sentences (furniture lines count as sentences, flagged). */
NC_EXPORT size_t nc_doc_sentence_count(const nc_doc *doc);

/**
 * Span of sentence `i`.
 * @param start,end  receive the byte offsets; may be NULL.
 * @return ::NC_OK or ::NC_EINVAL when `i` is out of range.
 */
NC_EXPORT nc_status nc_doc_sentence_span(const nc_doc *doc, size_t i, size_t *start, size_t *end);

/**
 * Whether sentence `i` is page furniture (navigation, bylines, "3 min read",
 * share buttons, image credits...), kept out of analysis.
 * @return 1 for furniture, 0 for text, -1 when `i` is out of range.
 */
NC_EXPORT int nc_doc_sentence_is_furniture(const nc_doc *doc, size_t i);

/**
 * The tokens of sentence `i` are the indexes [first, first+count).
 * @return ::NC_OK or ::NC_EINVAL when `i` is out of range.
 */
NC_EXPORT nc_status nc_doc_sentence_tokens(const nc_doc *doc, size_t i, size_t *first, size_t *count);

/** Number of tokens (white space is not a token). */
NC_EXPORT size_t nc_doc_token_count(const nc_doc *doc);

/** Kinds of token. */
typedef enum nc_token_kind {
    NC_TOKEN_WORD = 0,    /**< letters (and marks, apostrophes, inner hyphens) */
    NC_TOKEN_NUMBER = 1,  /**< digits, possibly with separators and letters ("1,200", "3.5", "17GEN4") */
    NC_TOKEN_PUNCT = 2,   /**< punctuation */
    NC_TOKEN_SYMBOL = 3,  /**< symbols ("$", "%", "€", emoji) */
    NC_TOKEN_OTHER = 4    /**< anything else */
} nc_token_kind;

/**
 * Span of token `i`.
 * @return ::NC_OK or ::NC_EINVAL when `i` is out of range.
 */
NC_EXPORT nc_status nc_doc_token_span(const nc_doc *doc, size_t i, size_t *start, size_t *end);

/** Kind of token `i` (an ::nc_token_kind), or -1 when `i` is out of range. */
NC_EXPORT int nc_doc_token_kind(const nc_doc *doc, size_t i);
/** @} */

/** @name Extraction
 *  @{ */

/**
 * Run the analysis stages (numbers; entities and claims as they land) on a
 * loaded document.  Calling it again does nothing.
 * @return ::NC_OK, ::NC_EINVAL, ::NC_ENOMEM, ::NC_EICU.
 * Thread-safety: ctx may be shared; doc must not be used by another thread.
 */
NC_EXPORT nc_status nc_doc_extract(const nc_ctx *ctx, nc_doc *doc, nc_error *err);

/** Flags for nc_doc_json(). */
enum {
    NC_JSON_DEFAULT = 0,   /**< the extract object of the output contract, one line */
    NC_JSON_SEGMENTS = 1,  /**< add a "sentences" array: spans, text, furniture flag, token spans */
    NC_JSON_NUMBERS = 2    /**< add a "numbers" array: every numeric expression (see nc_numbers_json()) */
};

/**
 * The document as one JSON object of the output contract (see DESIGN.md):
 * id, source, date, date_inferred, lang, title, url, entities, claims.
 * Runs nc_doc_extract() first if it has not run.
 * @param flags  ::NC_JSON_DEFAULT or ::NC_JSON_SEGMENTS.
 * @param out    receives a NUL-terminated string without a trailing newline.
 * @param len    receives its length; may be NULL.
 * @return ::NC_OK, ::NC_EINVAL, ::NC_ENOMEM.
 * Ownership: the caller frees `*out` with nc_free().
 */
NC_EXPORT nc_status nc_doc_json(const nc_ctx *ctx, nc_doc *doc, unsigned flags, char **out,
                                size_t *len, nc_error *err);
/**
 * The number stage alone over one text: every numeric expression found, as
 * a JSON array of objects {"start", "end", "text", "value", "low", "high",
 * "qualifier", "unit", "kind", "vague"} (DESIGN.md, `newsclaims numbers`).
 * The text is not segmented or checked for page furniture.
 * @param text   UTF-8 text; need not be NUL-terminated.
 * @param len    its length in bytes.
 * @param lang   "en" or "es" (NULL for "en").
 * @param out    receives the NUL-terminated array.
 * @param outlen receives its length; may be NULL.
 * @return ::NC_OK, ::NC_EINVAL (NULL argument, unsupported language),
 *         ::NC_EUTF8 (with offset, line and column), ::NC_ENOMEM.
 * Ownership: the caller frees `*out` with nc_free().
 * Thread-safety: safe (ctx is only read).
 */
NC_EXPORT nc_status nc_numbers_json(const nc_ctx *ctx, const char *text, size_t len,
                                    const char *lang, char **out, size_t *outlen, nc_error *err);

/** Flag of nc_numbers_json_select(): only numbers stated with a bound (a
 *  range, "at least", "more than", "at most", "less than"). */
#define NC_NUMBERS_BOUNDED 1u

/**
 * As nc_numbers_json(), keeping only some numbers: those whose kind is in
 * `kinds`, a set of bits `1u << NC_NUM_...` (see ::nc_num_kind; 0 keeps
 * every kind), and, with ::NC_NUMBERS_BOUNDED in `flags`, only those stated
 * with a bound.  The numbers are found as by nc_numbers_json() (a number's
 * kind and span do not depend on the selection).
 * @param kinds  bits of the kinds to keep, or 0 for all.
 * @param flags  0 or ::NC_NUMBERS_BOUNDED.
 * @return as nc_numbers_json(); ::NC_EINVAL also for an unknown kind bit or
 *         flag.
 * Ownership: the caller frees `*out` with nc_free().
 * Thread-safety: safe (ctx is only read).
 */
NC_EXPORT nc_status nc_numbers_json_select(const nc_ctx *ctx, const char *text, size_t len,
                                           const char *lang, unsigned kinds, unsigned flags,
                                           char **out, size_t *outlen, nc_error *err);
/** @} */

/* BEGIN reconcile: this section is owned by the reconcile stage (lib/reconcile.c) */
/** @name Reconciliation
 *  Claims from many documents, grouped by quantity and compared across
 *  sources (DESIGN.md, pipeline stage 6).  Reconciliation reads claims, not
 *  text: its input is the extract output contract (one JSON object per
 *  document with its `entities` and `claims`), from this library or from
 *  elsewhere, and claim sets can be merged (map/reduce).  The report is the
 *  same whatever the order in which documents were added or merged.
 *
 *  What it does, in order:
 *  - Entities of all documents are merged by folded key (NFKC, case fold,
 *    accents, a leading "the" and possessive "'s" removed), then by rules
 *    that must be unambiguous both ways: acronyms ("AP" = "Associated
 *    Press"), a possessor dropped ("Venezuela's National Assembly"), a
 *    surname or a given name plus surname against exactly one full name
 *    ("Maduro" = "Nicolás Maduro"; "Rodríguez" with three full names stays
 *    apart), and Spanish names translated word by word with noun-adjective
 *    order reversed ("Foro Penal" = "Penal Forum"; Apertium's eng-spa
 *    dictionary, see data/README), and a descriptor before a name
 *    ("Venezuelan NGO Foro Penal" = "Foro Penal").
 *  - Claims are grouped by kind (a stock, a level at a time; or a flow, a
 *    count over a window), place and measure, where measures match when
 *    their keys are equal after documented lexical rules (plural, synonyms,
 *    "prisoners released" = "release"), or when one is the head of exactly
 *    one other ("prisoner" ~ "political prisoner").
 *  - Per group: series (each source's values in time order), agreements
 *    (overlapping bounds, same time, independent outlets), conflicts (same
 *    time, bounds that cannot both hold, different sources, with a readable
 *    `why`) and a consensus at the latest time with a confidence.  Bounds
 *    are widened by 1% (10% for "about") before they are compared; two
 *    stocks are the same time when their dates overlap within a day, two
 *    flows when their windows overlap and end within 3 days; undated claims
 *    are as of their document's publication.
 *  - The consensus comes from truth discovery: source trust and value
 *    belief are iterated to a fixed point over all groups (a TruthFinder /
 *    ACCU-style model; see lib/rec_truth.c and the README).  Flag
 *    ::NC_RECONCILE_MAJORITY gives the majority-vote baseline instead.
 *  @{ */

/** Opaque set of claims to reconcile.  Used by one thread at a time. */
typedef struct nc_claimset nc_claimset;

/** Flags for nc_claimset_reconcile_json(). */
enum {
    NC_RECONCILE_DEFAULT = 0,  /**< the JSON report of the output contract */
    NC_RECONCILE_TABLE = 1,    /**< aligned plain text for people instead of JSON */
    NC_RECONCILE_MAJORITY = 2  /**< consensus by majority vote of sources (the baseline) instead of truth discovery */
};

/**
 * Create an empty claim set.
 * @param ctx  the context (its tables are used; it must outlive the set).
 * @param out  receives the new set; NULL on failure.
 * @return ::NC_OK, ::NC_EINVAL (ctx or out NULL), ::NC_ENOMEM.
 * Ownership: the caller frees the set with nc_claimset_free().
 * Thread-safety: safe (ctx is only read).
 */
NC_EXPORT nc_status nc_claimset_new(const nc_ctx *ctx, nc_claimset **out);

/**
 * Free a claim set.  NULL is a no-op.
 */
NC_EXPORT void nc_claimset_free(nc_claimset *set);

/**
 * Add one document of the extract output contract: a JSON object (one line
 * of `newsclaims extract --format=json`) with `id`, optional `source`
 * (outlet), `date`, `lang`, `entities` and `claims`.  Claims may come from
 * elsewhere: offsets, sentence and entity ids are optional; a claim needs
 * `low` or `high` (or `value`) to count.  Unknown fields are ignored.  A
 * document already in the set (same id and same bytes) is ignored.
 * @param set   the claim set.
 * @param line  the JSON text (need not be NUL-terminated).
 * @param len   its length in bytes.
 * @param err   optional error detail: for ::NC_EPARSE the line, column and
 *              byte offset in `line`, and what is wrong.
 * @return ::NC_OK, ::NC_EINVAL (NULL argument), ::NC_EPARSE (not JSON, not
 *         an object, a field of the wrong type), ::NC_ENOMEM.  On error the
 *         set is unchanged.
 * Ownership: the text is copied.
 * Thread-safety: set must not be used by another thread.
 */
NC_EXPORT nc_status nc_claimset_add_json(nc_claimset *set, const char *line, size_t len,
                                         nc_error *err);

/**
 * Add a document of this library: its entities and claims as nc_doc_json()
 * gives them (extraction runs first if it has not).
 * @param set  the claim set (created with the same context as the document).
 * @param doc  the document.
 * @param err  optional error detail.
 * @return as nc_claimset_add_json() and nc_doc_json().
 * Ownership: nothing of doc is kept.
 * Thread-safety: neither set nor doc may be used by another thread.
 */
NC_EXPORT nc_status nc_claimset_add_doc(nc_claimset *set, nc_doc *doc, nc_error *err);

/**
 * Add every document of `src` to `dst` (the reduce step): reconciling the
 * result gives the same report as adding all documents to one set.
 * @param dst  the set that grows.
 * @param src  the set read; unchanged.  May come from another context.
 * @return ::NC_OK, ::NC_EINVAL (NULL argument or dst == src), ::NC_ENOMEM
 *         (dst is then unchanged).
 * Ownership: src stays the caller's; nothing of it is kept.
 * Thread-safety: dst must not be used by another thread; src must not be
 * changed meanwhile.
 */
NC_EXPORT nc_status nc_claimset_merge(nc_claimset *dst, const nc_claimset *src);

/**
 * Number of claims in the set.
 * @param set  the set; NULL gives 0.
 * @return the count.
 */
NC_EXPORT size_t nc_claimset_claim_count(const nc_claimset *set);

/**
 * Number of documents in the set.
 * @param set  the set; NULL gives 0.
 * @return the count.
 */
NC_EXPORT size_t nc_claimset_doc_count(const nc_claimset *set);

/**
 * Reconcile the set: the report of `newsclaims reconcile` (DESIGN.md, Output
 * contract): {"entities": [...], "groups": [{"id", "measure", "place",
 * "kind", "claims", "series", "agreements", "conflicts", "consensus"}],
 * "sources": [...]}, or with ::NC_RECONCILE_TABLE the same as aligned text.
 * The output depends only on the set's documents, not on the order they
 * were added or merged in.
 * @param set    the claim set.  Its documents are not changed; the keys
 *               computed are kept in it, so a second call is cheaper.
 * @param flags  ::NC_RECONCILE_DEFAULT, or ::NC_RECONCILE_TABLE and/or
 *               ::NC_RECONCILE_MAJORITY.  Other bits are rejected.
 * @param out    receives the NUL-terminated report (JSON on one line, or
 *               text lines ending in "\n").
 * @param len    receives its length; may be NULL.
 * @param err    optional error detail.
 * @return ::NC_OK, ::NC_EINVAL, ::NC_ENOMEM, ::NC_EICU.
 * Ownership: the caller frees `*out` with nc_free().
 * Thread-safety: set must not be used by another thread meanwhile.
 */
NC_EXPORT nc_status nc_claimset_reconcile_json(nc_claimset *set, unsigned flags, char **out,
                                               size_t *len, nc_error *err);

/**
 * Fold a name as reconciliation does to compare names: NFKC, case folded,
 * accents removed, punctuation to spaces (dots of abbreviations dropped:
 * "U.S." is "us"), possessive "'s" and a leading "the" dropped, spaces
 * collapsed.
 * @param text  UTF-8 text (need not be NUL-terminated).
 * @param len   its length in bytes.
 * @param out   receives the NUL-terminated folded key.
 * @param outlen receives its length; may be NULL.
 * @return ::NC_OK, ::NC_EINVAL, ::NC_EUTF8, ::NC_ENOMEM, ::NC_EICU.
 * Ownership: the caller frees `*out` with nc_free().
 * Thread-safety: safe.
 */
NC_EXPORT nc_status nc_name_key_dup(const char *text, size_t len, char **out, size_t *outlen);
/** @} */
/* END reconcile */

/* BEGIN numbers: this section is owned by the number stage (lib/numbers.c) */
/** @name Numbers
 *  Every numeric expression of a document, valued and classified.
 *  Available after nc_doc_extract().
 *  @{ */

/** What a number is. */
typedef enum nc_num_kind {
    NC_NUM_COUNT = 0,      /**< a count ("806", "five", "dozens") */
    NC_NUM_PERCENT = 1,    /**< a percentage ("3.5%", "20 per cent") */
    NC_NUM_MONEY = 2,      /**< an amount of money ("$2bn", "5 euros") */
    NC_NUM_YEAR = 3,       /**< a year ("in 2024", "2025-26"); a decade is its ten years
                                ("the 1980s", "the late 80s": low 1980, high 1989) */
    NC_NUM_DATE = 4,       /**< a date ("January 5", "8 de enero") */
    NC_NUM_TIME = 5,       /**< a time of day ("10:30", "3pm", "1930 GMT"); its value is
                                the hours after midnight: 18.5 for "18:30", 18 for "6pm" */
    NC_NUM_ORDINAL = 6,    /**< an ordinal or a rank ("1st", "second", "XIV", "at number
                                20", a seed, a minute in a match report "Rooney 87") */
    NC_NUM_DURATION = 7,   /**< a duration ("23 years"), an age ("aged 16", "Williams, 29,",
                                "in his 30s"); a compound or race time is one duration in
                                its smallest unit ("one minute, 47.97 seconds" and
                                "1:47.97" are 107.97) */
    NC_NUM_PHONE = 8,      /**< a phone number */
    NC_NUM_IDENTIFIER = 9  /**< a name or code with digits or a number word ("COVID-19",
                                "G7", "F-16", "Six Nations", "BBC One", "Doom 3") */
} nc_num_kind;

/** How a number bounds the quantity. */
typedef enum nc_qualifier {
    NC_QUAL_EXACT = 0,
    NC_QUAL_AT_LEAST = 1,
    NC_QUAL_MORE_THAN = 2,
    NC_QUAL_AT_MOST = 3,
    NC_QUAL_LESS_THAN = 4,
    NC_QUAL_ABOUT = 5,
    NC_QUAL_RANGE = 6,
    NC_QUAL_VAGUE = 7
} nc_qualifier;

/** Opaque number: one numeric expression of a document. */
typedef struct nc_number nc_number;

/**
 * How many numeric expressions the document has (every one found in the
 * sentences that are not page furniture, in text order).
 * @param doc  the document; NULL gives 0.
 * @return the count; 0 before nc_doc_extract() has run.
 * Ownership: none.  Thread-safety: doc must not be changed by another thread.
 */
NC_EXPORT size_t nc_doc_number_count(const nc_doc *doc);

/**
 * Number `i` of a document.
 * @param doc  the document.
 * @param i    index, below nc_doc_number_count().
 * @return a borrowed handle, or NULL when doc is NULL or `i` is out of range.
 * Ownership: the document's; valid until the document is freed.
 * Thread-safety: as the document.
 */
NC_EXPORT const nc_number *nc_doc_number(const nc_doc *doc, size_t i);

/**
 * Span of a number in the document's text.  The span covers the words that
 * set its value and bounds: the digits or number words, a scale ("1.5
 * million"), a unit of money or percent ("$2bn", "20 per cent"), range words
 * ("between 800 and 1,200") and bounding qualifiers ("more than 30", "at
 * least 20", "500 or more").  Approximators ("about", "around") change
 * neither value nor bounds and are left out: the qualifier says ::NC_QUAL_ABOUT.
 * For years, dates, times and durations the span is the number only ("5" in
 * "January 5", "23" in "23 years").
 * @param num    the number.
 * @param start  receives the byte offset of its first byte; may be NULL.
 * @param end    receives the byte offset after its last byte; may be NULL.
 * @return ::NC_OK, or ::NC_EINVAL when num is NULL.
 * Thread-safety: as the document.
 */
NC_EXPORT nc_status nc_number_span(const nc_number *num, size_t *start, size_t *end);

/**
 * What the number is.
 * @return an ::nc_num_kind value, or -1 when num is NULL.
 */
NC_EXPORT int nc_number_kind(const nc_number *num);

/**
 * How the number bounds its quantity.
 * @return an ::nc_qualifier value, or -1 when num is NULL.
 */
NC_EXPORT int nc_number_qualifier(const nc_number *num);

/**
 * Unit of the number: "%" for a percentage, an ISO 4217 code for money
 * ("USD", "GBP", "EUR", "VES"; "XBT" for bitcoin, which has none), "" for
 * everything else.
 * @return a NUL-terminated string, never NULL ("" also when num is NULL).
 * Ownership: the document's (or static).  Thread-safety: as the document.
 */
NC_EXPORT const char *nc_number_unit(const nc_number *num);

/**
 * Whether an amount of money is given in hundredths of its unit ("50 cents"
 * is value 50 with unit "USD" and this flag set; "470p" is 470 with "GBP").
 * @return 1 or 0 (0 also when num is NULL).
 */
NC_EXPORT int nc_number_minor(const nc_number *num);

/**
 * The value as stated.  Absent for a range ("49 to 73"), a vague quantity
 * ("dozens"), a date, a phone number or an identifier, and when the number
 * cannot be held in a double (see nc_number_overflow()).  Values, lows and
 * highs are rounded to 15 significant digits, so that a decimal with a scale
 * is the number written ("16.4bn" is 16400000000).  A ratio ("one in ten")
 * is a count valued as its fraction (0.1).
 * @param num  the number.
 * @param out  receives the value when present; may be NULL.  Never set to an
 *             infinity or a NaN.
 * @return 1 when the value is present, 0 when it is absent or num is NULL.
 */
NC_EXPORT int nc_number_value(const nc_number *num, double *out);

/**
 * The lower bound: the value itself for an exact number, the start of a
 * range, the stated number for "more than" and "at least", a documented
 * estimate for a vague quantity ("dozens" is 24 to 99; see data/numbers-en.tsv).
 * Absent for "less than" / "at most" and when there is no value.
 * @param out  receives the bound when present; may be NULL.
 * @return 1 when present, else 0.
 */
NC_EXPORT int nc_number_low(const nc_number *num, double *out);

/**
 * The upper bound, as nc_number_low() (absent for "more than" / "at least").
 * @param out  receives the bound when present; may be NULL.
 * @return 1 when present, else 0.
 */
NC_EXPORT int nc_number_high(const nc_number *num, double *out);

/**
 * The word of a vague quantity, folded to lower case without accents
 * ("dozens", "a handful", "cientos"), or NULL for any other number.
 * Ownership: the context's; valid while the context lives.
 */
NC_EXPORT const char *nc_number_vague(const nc_number *num);

/**
 * Whether the digits stated a number too large to hold in a double ("1e999",
 * four hundred digits): then value, low and high are absent.
 * @return 1 or 0 (0 also when num is NULL).
 */
NC_EXPORT int nc_number_overflow(const nc_number *num);

/**
 * Name of a kind as in the JSON output: "count", "percent", "money", "year",
 * "date", "time", "ordinal", "duration", "phone", "identifier".
 * @param kind  an ::nc_num_kind value.
 * @return a static string; "unknown" for other values.
 * Ownership: static.  Thread-safety: safe.
 */
NC_EXPORT const char *nc_num_kind_name(int kind);

/**
 * Name of a qualifier as in the JSON output: "exact", "at_least",
 * "more_than", "at_most", "less_than", "about", "range", "vague".
 * @param qualifier  an ::nc_qualifier value.
 * @return a static string; "unknown" for other values.
 * Ownership: static.  Thread-safety: safe.
 */
NC_EXPORT const char *nc_qualifier_name(int qualifier);
/** @} */

/* END numbers */

#ifdef __cplusplus
}
#endif
#endif /* NEWSCLAIMS_H */
