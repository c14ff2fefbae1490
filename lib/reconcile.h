/* Reconcile stage (DESIGN.md pipeline 6): private definitions shared by
 * lib/reconcile.c and lib/rec_*.c.  Not installed. */
#ifndef NC_RECONCILE_H
#define NC_RECONCILE_H
#include "internal.h"
#include "datafile.h"
#include "json.h"

/* ------------------------------------------------------------ string pool
 * Every string of a claim set is interned once: id 0 is "absent" (JSON
 * null), ids are dense from 1.  Ids depend on insertion order, so nothing
 * canonical may be sorted by id: sort by the strings (nci_pool_rank). */
typedef struct nci_pool {
    char **str;        /* id -> NUL-terminated bytes */
    uint32_t *len;     /* id -> length */
    size_t n, cap;     /* ids in use (including 0), capacity */
    uint32_t *tab;     /* open addressing: id or 0 */
    size_t tabcap;
    char *chunk;       /* current arena chunk */
    size_t chunk_used, chunk_cap;
    char **chunks;     /* every chunk, to free */
    size_t nchunks, capchunks;
} nci_pool;

void nci_pool_init(nci_pool *p);
void nci_pool_free(nci_pool *p);
/* Id of s[0..n), added if new; 0 when out of memory.  s may contain no NUL. */
uint32_t nci_pool_intern(nci_pool *p, const char *s, size_t n);
/* Id of s[0..n) if present, else 0. */
uint32_t nci_pool_find(const nci_pool *p, const char *s, size_t n);
static inline const char *nci_pool_str(const nci_pool *p, uint32_t id) { return id ? p->str[id] : NULL; }
static inline size_t nci_pool_len(const nci_pool *p, uint32_t id) { return id ? p->len[id] : 0; }

/* ------------------------------------------------------------ claim set */
enum { RC_VALUE = 1, RC_LOW = 2, RC_HIGH = 4, RC_CID_NUM = 8 };

typedef struct rec_doc {
    uint32_t id, outlet, date, lang;
    uint64_t hash;            /* FNV-1a of the JSON bytes: tells repeats apart */
    size_t ent0, nent, claim0, nclaim;
} rec_doc;

typedef struct rec_ent {
    uint32_t doc;             /* index into docs */
    uint32_t lid;             /* the document's id for it, as text */
    uint32_t type, name;
} rec_ent;

typedef struct rec_claim {
    double value, low, high;
    uint32_t doc, cid, flags;
    uint32_t qualifier, vague, unit, measure, mkey, lang, kind, text;
    uint32_t place_name, place_ent;
    uint32_t t_start, t_end, t_text;
    uint32_t src_name, src_ent, src_type, src_cue;
} rec_claim;

struct nc_claimset {
    const nc_ctx *ctx;
    nci_pool pool;
    rec_doc *docs;
    size_t ndocs, capdocs;
    rec_ent *ents;
    size_t nents, capents;
    rec_claim *claims;
    size_t nclaims, capclaims;
    uint64_t *seen;           /* hash set of (doc hash ^ id) for repeats; 0 = empty */
    size_t seencap, seen_n;
};

/* rec_json.c: read one document line into the set's arrays past their
 * counts (not committed: the caller commits *out).  Returns 0, or -1 when
 * the line is not JSON it accepts (then read it with Jansson for the
 * error) or memory ran out. */
int nci_rec_fast_add(nc_claimset *s, const char *line, size_t len, uint64_t hash, rec_doc *out);

/* ------------------------------------------------------------ folding (rec_fold.c) */
/* Append the folded key of s[0..n) to out (see nc_name_key_dup()).
 * Returns NC_OK, NC_ENOMEM or NC_EICU. */
nc_status nci_rec_fold(const char *s, size_t n, nci_buf *out);

/* English translations of a folded Spanish word form with part of speech
 * pos ('n' or 'a'), as "eng1|eng2..." (not NUL-terminated at the end: *len
 * gives the length), or NULL when the table has none. */
const char *nci_rec_translate(const nci_rows *tab, const char *w, size_t n, char pos, size_t *len);

/* Singular of an English word in place (len updated): the plural rules of
 * rec_fold.c. */
size_t nci_rec_singular(char *w, size_t n);

/* Whether w[0..n) is an English or Spanish function word dropped from
 * content keys ("of", "the", "for", "de", "la"...). */
int nci_rec_stopword(const char *w, size_t n);

/* Kinds of quantity. */
enum { RK_STOCK = 0, RK_FLOW = 1 };

/* The canonical measure key of a claim into out (folded, singular, lexical
 * rules applied) and its kind (RK_*).  mkey/measure may be NULL; kind_hint
 * is the claim's own "kind" field or NULL; time_text its time phrase or
 * NULL; lang "es" translates Spanish words. */
nc_status nci_rec_measure(const nci_rows *tab, const char *mkey, const char *measure, const char *lang,
                          const char *kind_hint, const char *time_text, int has_window,
                          nci_buf *out, int *kind);

/* ------------------------------------------------------------ entities (rec_entity.c) */
/* Entity classes: what may be merged with what. */
enum { RE_PERSON = 0, RE_OTHER = 1, RE_ROLE = 2 };

typedef struct rec_node {
    uint32_t doc;      /* canonical doc rank */
    uint32_t name;     /* pool id of the name as written */
    uint32_t type;     /* pool id of the type, or 0 */
    uint32_t key;      /* pool id of the folded key */
    uint32_t ckey;     /* pool id of the content key (stop words out, singular) */
    uint8_t cls;       /* RE_* */
    uint8_t caps;      /* the name is written in capitals ("AP", "U.S.") */
    uint8_t synthetic; /* made from a claim's source or place name */
    uint32_t root;     /* cluster (union-find parent while clustering) */
} rec_node;

/* ------------------------------------------------------------ places
 * Which country a place is in: country names (folded, English and Spanish)
 * from ICU's display data, cities from data/city-countries.tsv (GeoNames,
 * read at run time; may be empty). */
typedef struct nci_places nci_places;
nc_status nci_places_new(const nci_rows *cities, nci_places **out);
void nci_places_free(nci_places *p);
/* ISO 3166 code ("VE") of the country whose folded name is key, or NULL. */
const char *nci_places_country(const nci_places *p, const char *key);
/* Codes "CC[,CC...]" (not NUL-terminated at *len) of the countries with a
 * city whose folded name is key, most populous first, or NULL. */
const char *nci_places_city(const nci_places *p, const char *key, size_t *len);
/* Whether the cities whose folded name is key all lie in country cc (a
 * name borne by cities of two countries is in none). */
int nci_places_city_in(const nci_places *p, const char *key, const char *cc);

/* Cluster the nodes: fill root[] (every node's cluster representative, a
 * node index).  pool receives the folded keys it interns.  Returns NC_OK,
 * NC_ENOMEM. */
nc_status nci_rec_cluster(const nci_rows *tab, nci_pool *pool, rec_node *nodes, size_t n);

/* ------------------------------------------------------------ truth (rec_truth.c) */
/* One vote: source `src` says value cluster `val` of object `obj`. */
typedef struct rec_vote {
    uint32_t obj, val, src;
} rec_vote;

/* Truth discovery over votes (sorted by obj, val, src; one per triple).
 * nval value clusters, nsrc sources.  Fills conf[nval] (belief that the
 * value is true) and trust[nsrc].  majority: 1 for the majority-vote
 * baseline (conf = share of the object's sources).  Returns NC_OK or
 * NC_ENOMEM. */
nc_status nci_rec_truth(const rec_vote *votes, size_t nvotes, size_t nobj, size_t nval,
                        size_t nsrc, int majority, double *conf, double *trust);
#endif
