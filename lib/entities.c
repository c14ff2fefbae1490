/* Entity stage.
 *
 * PERSON, ORG and LOC come from the statistical tagger (lib/tagger.c, an
 * averaged structured perceptron trained by tools/train_tagger.c); DATE
 * mentions from the date finder (lib/dates.c) and weekday names; ROLE
 * mentions (sources named by their office: "the interior minister",
 * "rights advocates") by rule from the head nouns of data/roles.tsv.
 *
 * Linking inside a document (the rules a reader uses):
 * - mentions with the same folded key are one entity ("Delcy Rodriguez",
 *   "Delcy Rodríguez");
 * - a one-word PERSON mention joins the nearest earlier full name that has
 *   that word ("Rodríguez" -> the last "... Rodríguez" named before it),
 *   else the nearest later one;
 * - titles before a name are dropped ("President Trump" -> "Trump");
 * - an all-capitals ORG mention joins an ORG whose initials it spells, or
 *   that it follows in brackets ("Associated Press (AP)", "AP").
 * The entity's name is its longest mention. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include "entities.h"
#include "dates.h"
#include "fold.h"
#include "tagger.h"
#include "utf8.h"
#include "wordset.h"

extern const char *const nci_gen_roles[];
extern const char *const nci_gen_demonyms[];

enum { ROLE_HEAD = 1, ROLE_POST = 2 };

/* Place names under the stems their adjectives are made from (demonym_of
 * tries two): each name under the hash of the name and of the name less
 * its last byte, in a hash table, so that an adjective's possible stems
 * are looked up instead of every place tried. */
typedef struct stemref {
    uint64_t h;
    const char *p; /* the name */
    size_t len;
} stemref;

typedef struct stems {
    stemref *v;
    size_t n;
    uint32_t *slot; /* index into v + 1; 0: empty */
    size_t mask;
} stems;

/* Words of a set by their lengths and their first, last and middle bytes:
 * bit n of first[c] (last[c], mid[c]) when a word of n bytes has byte c
 * first (last, at n / 2), in either case.  Most words are rejected by the
 * first byte, and most of the rest by the others, before hashing. */
typedef struct lenmask {
    uint32_t first[256], last[256], mid[256];
} lenmask;

struct nci_entlex {
    const nci_calendar *cal;
    nci_tagger_model *model; /* NULL: rules only */
    nci_wordset *roles;      /* heads and post-modifiers */
    nci_wordset *titles;
    nci_wordset *stop;       /* words that never start or continue a role phrase */
    nci_wordset *langs;      /* English names of languages (ICU): "Welsh", "Italian" */
    nci_wordset *countries;  /* English names of countries (ICU): "France", "Faroe Islands" */
    nci_wordset *peoples;    /* adjectives and nouns of places' people (WordNet, data/demonyms.tsv):
                              * "Swiss", "Briton", "Maori" */
    nci_wordset *sport;      /* words of match reports (sports_report) */
    nci_wordset *cues;       /* the closed lists of the rules (CUE_ bits), exactly */
    nci_wordset *cues_any;   /* the same in any case (CUE_ANY_ bits) */
    /* the role heads and the words of match reports, for quick rejection */
    lenmask head_len, sport_len;
    /* Document states not in use, kept for the next document: each holds
     * the tagger's word cache, which pays across documents, and the rules'
     * scratch memory.  A thread takes one per document (state_take) and
     * gives it back (state_give), so there are as many as threads
     * extracting at once. */
    struct statepool *pool;
    /* the English country names of `countries`, and a table of them for
     * their adjectives */
    char **cnames;
    size_t ncnames;
    stems cstems;
    void *cstems_mem;
};

/* Scratch memory of the rules for one document: blocks taken one after
 * another from a buffer kept for the next document, so that once the
 * buffer is as large as documents need the rules allocate nothing.  A
 * block that does not fit is allocated on its own, and the buffer grows to
 * what the document took before the next one. */
typedef struct arena {
    char *buf;
    size_t used, cap;
    size_t want;  /* bytes taken since the last reset */
    void **extra; /* the blocks that did not fit */
    size_t nextra, capextra;
} arena;

/* What a thread needs to extract from one document, kept between
 * documents: the tagger's state (NULL without a model) and scratch. */
typedef struct docstate {
    nci_tagger_doc *td;
    arena mem;
} docstate;

struct statepool {
    pthread_mutex_t mu;
    docstate **v;
    size_t n, cap;
};

static void state_free(docstate *ds);

/* Function words and verbs of attribution that stop a role phrase when
 * scanning left from its head. */
static const char *const STOP[] = {
    "said", "says", "told", "reported", "according", "to", "and", "or", "but", "that", "which",
    "who", "with", "by", "from", "for", "in", "on", "at", "of", "as", "is", "was", "are", "were",
    "has", "have", "had", "be", "been", "will", "would", "a", "an", "its", "their", "his", "her",
    "this", "these", "those", "while", "after", "before", "since", "also", "not", "dijo", "y",
    "although", "though", "however", "because", "if", "when", "where", "whether", "than",
    "que", "por", "de", "en", "con", "según", NULL};

/* The closed word lists of the rules (each is described where its bit is
 * tested), in lex->cues (matched exactly) and lex->cues_any (any case); a
 * word's value has the bits of all the lists of its set that hold it. */
enum {
    CUE_ABBREV = 1 << 0, /* is_name_abbrev */
    CUE_LEGAL = 1 << 1,  /* a company's legal form (fix_types) */
    CUE_CLUB = 1 << 2,   /* the last word of a club's name (fix_types) */
    CUE_TEAM = 1 << 3,   /* a team's people (fix_types) */
    CUE_EVENT = 1 << 4,  /* the last word of an event's name (drop_events) */
    CUE_COUNT = 1 << 5,  /* a number word before "Nations" (drop_events) */
    CUE_NAMED = 1 << 6,  /* a word after a name in an event's or a law's
                          * name (drop_events) */
    CUE_SQUAD = 1 << 7,  /* a team's people in sports reports (fix_types) */
    CUE_INST = 1 << 8,   /* the last word of an institution's name (fix_types) */
    CUE_FIRM = 1 << 9,   /* a noun for a company before its name (fix_types) */
    CUE_CROWD = 1 << 10, /* a team's word also said of a star's or a place's
                          * people ("Elvis fans", "Maori players"): no
                          * evidence for the whole document (fix_types) */
    CUE_GOV = 1 << 11    /* a word of a government body's name (split_country) */
};
enum {
    CUE_ANY_LEAD = 1 << 0, /* is_lead_word */
    CUE_ANY_WORK = 1 << 1, /* nouns of works (drop_events) */
    CUE_ANY_PLACE = 1 << 2, /* place_context */
    CUE_ANY_KIN = 1 << 3,   /* kin_before */
    CUE_ANY_MAKER = 1 << 4, /* makers of a work after its title (drop_events) */
    CUE_ANY_BAND = 1 << 5,  /* a band's people after its name (fix_types) */
    CUE_ANY_SUBJV = 1 << 6  /* a verb after a company's name (name_s) */
};

static const char *const ABBREV[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Ltd",
                                     "Co", "Corp", "Bros", "Gen", "Lt", "Col", "Capt", "Sgt",
                                     "Sen", "Rep", "Gov", "Prof", "Rev", "Mt", "Ft", "Messrs",
                                     "Ave", "Adm", "Cmdr", "Maj", "Supt", "Hon", "Fr", NULL};
static const char *const LEGAL[] = {"Inc", "Ltd", "GmbH", "AG", "plc", "PLC", "LLC",
                                    "Corp", "SA", "NV", "BV", "SpA", NULL};
static const char *const CLUB[] = {"City", "United", "Rovers", "Town", "Athletic",
                                   "Wanderers", "Albion", "County", "Villa", "Rangers",
                                   "Celtic", "Hotspur", "Argyle", "Forest", "Palace",
                                   "Wednesday", "Harlequins", NULL};
static const char *const TEAM[] = {"boss", "manager", "coach", "striker", "midfielder",
                                   "defender", "goalkeeper", "keeper", "winger", "fans",
                                   "supporters", "captain", "skipper", NULL};
/* Institutions: a name ending in one is an organisation ("Parliament",
 * "the Commons", "Welsh Assembly", "Clare College"), whatever the tagger
 * made of it.  Not "Bank", "Union", "Federation" or "Club", which also end
 * the names of places ("West Bank", "Soviet Union", "Queen's Club"). */
static const char *const INST[] = {"Parliament", "Assembly", "Council", "Lords", "Commons",
                                   "Cabinet", "Senate", "Congress", "Committee", "Commission",
                                   "Ministry", "Department", "Agency", "Authority",
                                   "University", "College", "School", "Institute",
                                   "Association", "Society", "Party", "Foundation",
                                   "Corporation", NULL};
/* Nouns for companies and other bodies, in lower case right before a name:
 * the name is an organisation ("drugs group Eli Lilly", "oil giant Shell",
 * "bookmaker William Hill", "the band Franz Ferdinand", "the intelligence
 * service Sebin", "the magazine Der Spiegel").  Not "maker", "publisher", "broadcaster", "partner" or
 * "rival", which are also said of people ("games maker Peter Molyneux"). */
static const char *const FIRM[] = {"firm", "company", "group", "band", "giant", "bank", "brewer",
                                   "bookmaker", "carrier", "airline", "retailer", "operator",
                                   "distributor", "label", "insurer", "carmaker",
                                   "conglomerate", "manufacturer", "supplier", "chain",
                                   "newspaper", "magazine", "agency", "service", "charity",
                                   "regulator", "watchdog", "channel", "network", NULL};
static const char *const CROWD[] = {"fans", "supporters", "player", "players", NULL};
/* words of a team that are also said of other groups ("the New York team
 * reported", "a Hollywood player"): read so only in sports reports */
static const char *const SQUAD[] = {"player", "players", "side", "squad", "club", "team",
                                    "forward", "flanker", "fly-half", "scrum-half",
                                    "full-back", "wing", "lock", "prop", "hooker", "centre",
                                    "man", NULL};
static const char *const EVENT[] = {"Cup", "Championship", "Championships", "Open",
                                    "Olympics", "Awards", "Award", "Trophy", "Prix",
                                    "Paralympics", "Lecture", "Lectures", "Tour", NULL};
static const char *const COUNT[] = {"Tri", "Two", "Three", "Four", "Five", "Six", NULL};
static const char *const NAMED[] = {"Marathon", "Festival", "Bill", "Act", "Treaty", "Summit",
                                    NULL};
static const char *const LEAD[] = {"but", "and", "or", "so", "if", "when", "while", "as",
                                   "after", "before", "although", "though", "however",
                                   "because", "since", "then", "yet", "also", "now", "still",
                                   "meanwhile", "despite", "with", "for", "at", "in", "on",
                                   "by", "from", "to", "than", "like", "unlike", "under", NULL};
/* not "game", "series", "show" or "play", which sport uses before teams
 * and players, nor "single" or "book": "not a single Labour MP", "to book
 * Ryanair" */
static const char *const WORK[] = {"film", "movie", "drama", "novel", "album", "song",
                                   "sitcom", "documentary", "musical", "opera", "epic",
                                   "biopic", "sequel", "remake", "thriller", "cartoon", NULL};
static const char *const PLACE[] = {"village", "town", "city", "county", "province",
                                    "region", "district", "parish", "municipality",
                                    "island", "state", "port", NULL};

/* "Vera Drake star Imelda Staunton", "Harry Potter author": a name the
 * tagger took for a person's right before one of these is a work's title.
 * Not "stars" ("Vince Vaughn stars in"), "director", "producer" or
 * "writer", which are also a company's ("Disney director"). */
static const char *const MAKER[] = {"star", "co-star", "actor", "actress", "author", "creator",
                                    "screenwriter", NULL};
/* "Keane frontman", "Franz Ferdinand singer": the name is a band's */
static const char *const BAND[] = {"frontman", "singer", "guitarist", "drummer", "bassist",
                                   "lead-singer", NULL};
static const char *const KIN[] = {"wife", "husband", "son", "daughter", "brother", "sister",
                                  "mother", "father", "widow", "widower", "fiancee", "fiance",
                                  "girlfriend", "boyfriend", "niece", "nephew", "cousin",
                                  "uncle", "aunt", "grandson", "granddaughter", "grandmother",
                                  "grandfather", "stepson", "stepdaughter", "stepfather",
                                  "stepmother", NULL};

/* Words of the names of a government's bodies ("US Federal Reserve",
 * "US Department of Justice"): split_country. */
static const char *const GOV[] = {"Department", "Court", "Congress", "Senate", "House",
                                  "Service", "Commission", "Reserve", "Customs", "Force",
                                  "Army", "Navy", "Treasury", "Government", "Agency",
                                  "Administration", "Bureau", "Office", "Board", NULL};
/* Verbs that can follow a company's name as its subject ("McDonald's
 * said", "Foster's bought"), not as a possessed noun: name_s. */
static const char *const SUBJV[] = {"said", "says", "has", "have", "is", "was", "will", "would",
                                    "had", "could", "can", "may", "reported", "announced",
                                    "added", "bought", "sold", "agreed", NULL};

static const struct cuelist {
    int any, bit;
    const char *const *words;
} CUES[] = {{0, CUE_ABBREV, ABBREV},      {0, CUE_LEGAL, LEGAL},         {0, CUE_CLUB, CLUB},
            {0, CUE_TEAM, TEAM},          {0, CUE_EVENT, EVENT},         {0, CUE_COUNT, COUNT},
            {0, CUE_NAMED, NAMED},        {0, CUE_SQUAD, SQUAD},         {0, CUE_INST, INST},
            {0, CUE_FIRM, FIRM},          {0, CUE_CROWD, CROWD},         {0, CUE_GOV, GOV},
            {1, CUE_ANY_LEAD, LEAD},      {1, CUE_ANY_WORK, WORK},       {1, CUE_ANY_PLACE, PLACE},
            {1, CUE_ANY_KIN, KIN},        {1, CUE_ANY_MAKER, MAKER},     {1, CUE_ANY_BAND, BAND},
            {1, CUE_ANY_SUBJV, SUBJV}};

/* The words of CUES into lex->cues and lex->cues_any, each with the bits of
 * all the lists of its set that hold it.  -1 when out of memory. */
static int add_cues(nci_entlex *lex)
{
    size_t nl = sizeof CUES / sizeof *CUES;
    if (!(lex->cues = nci_wordset_new_exact(512)) || !(lex->cues_any = nci_wordset_new(512)))
        return -1;
    for (size_t l = 0; l < nl; l++)
        for (const char *const *w = CUES[l].words; *w; w++) {
            int v = 0;
            for (size_t o = 0; o < nl; o++)
                for (const char *const *u = CUES[o].words; *u && CUES[o].any == CUES[l].any; u++)
                    if (CUES[l].any ? !strcasecmp(*u, *w) : !strcmp(*u, *w))
                        v |= CUES[o].bit;
            nci_wordset_add(CUES[l].any ? lex->cues_any : lex->cues, *w, strlen(*w), v);
        }
    return 0;
}

/* Bit n of mask[c], and of the other case's when c is a letter. */
static void add_len1(uint32_t mask[256], unsigned char c, size_t n)
{
    mask[c] |= 1u << n;
    if (c >= 'a' && c <= 'z')
        mask[c - 32] |= 1u << n;
    if (c >= 'A' && c <= 'Z')
        mask[c + 32] |= 1u << n;
}

/* The word w[0..n) into m (0 < n < 32). */
static void add_len(lenmask *m, const char *w, size_t n)
{
    add_len1(m->first, (unsigned char)w[0], n);
    add_len1(m->last, (unsigned char)w[n - 1], n);
    add_len1(m->mid, (unsigned char)w[n / 2], n);
}

/* Whether w[0..n) can be one of the words of m. */
static inline int may_be(const lenmask *m, const char *w, size_t n)
{
    return n - 1 < 31 && (m->first[(unsigned char)w[0]] >> n & 1u) &&
           (m->last[(unsigned char)w[n - 1]] >> n & 1u) &&
           (m->mid[(unsigned char)w[n / 2]] >> n & 1u);
}

const char *nci_ent_type_name(unsigned type)
{
    static const char *const names[] = {"?", "PERSON", "ORG", "LOC", "DATE", "ROLE"};
    return type < 6 ? names[type] : "?";
}

/* ---------------------------------------------------------------- demonyms */

/* The endings of the regular English adjectives of places: Venezuela-n,
 * Brazil-ian, Mexic(o)-an, Ital(y)-ian, Japan-ese, Chin(a)-ese, Iraq-i.
 * cut: the ending may also replace the name's last letter (never "-i":
 * Dominica is no Dominici). */
static const struct {
    char s[4];
    size_t n;
    int cut;
} DEM_SUF[] = {{"n", 1, 1}, {"an", 2, 1}, {"ian", 3, 1}, {"ese", 3, 1}, {"i", 1, 0}};
#define NDEM_SUF (sizeof DEM_SUF / sizeof *DEM_SUF)

/* Whether the word w[0..n) is the adjective of the place named p[0..pn)
 * (DEM_SUF). */
static int demonym_of(const char *w, size_t n, const char *p, size_t pn)
{
    /* a place ending in "n" is not its own adjective ("London", "Houston":
     * cut the "n", add "n") */
    if (n == pn && !strncasecmp(w, p, n))
        return 0;
    /* quick rejects: the adjective is 0-3 bytes longer and starts alike */
    if (n < pn || n > pn + 3 || ((w[0] ^ p[0]) & ~0x20))
        return 0;
    for (int cut = 0; cut <= 1; cut++) {
        if (pn <= (size_t)cut + 2)
            continue;
        size_t stem = pn - (size_t)cut;
        for (size_t k = 0; k < NDEM_SUF; k++) {
            size_t sl = DEM_SUF[k].n;
            if ((!cut || DEM_SUF[k].cut) && n == stem + sl && !strncasecmp(w, p, stem) &&
                !strncasecmp(w + stem, DEM_SUF[k].s, sl))
                return 1;
        }
    }
    return 0;
}

/* The hash below of a text, h, with byte c after it. */
static inline uint64_t folded_step(uint64_t h, unsigned c)
{
    return (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * 0x100000001b3ULL;
}

/* ASCII case folded hash of p[0..n) (demonym_of compares so), xor tag. */
static uint64_t folded_hash(const char *p, size_t n, uint64_t tag)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = folded_step(h, (unsigned char)p[i]);
    return h ^ tag;
}

#define DEM_CUT 0x9e3779b97f4a7c15ULL /* tag of a place's name less its last byte */

/* The bytes stems_fill needs for n names. */
static size_t stems_size(size_t n, size_t *nslots)
{
    *nslots = 16;
    while (*nslots < 4 * n + 2)
        *nslots *= 2;
    return 2 * n * sizeof(stemref) + *nslots * sizeof(uint32_t);
}

/* The table of the n names p[i][0..len[i]) in mem (stems_size bytes,
 * 8-byte aligned). */
static void stems_fill(stems *st, void *mem, size_t nslots, const char *const *p, const size_t *len,
                       size_t n)
{
    st->v = mem;
    st->slot = (uint32_t *)(st->v + 2 * n);
    st->mask = nslots - 1;
    st->n = 0;
    memset(st->slot, 0, nslots * sizeof *st->slot);
    for (size_t i = 0; i < n; i++) {
        if (!len[i])
            continue;
        /* the hashes of the name less its last byte and of the whole, in
         * one pass */
        uint64_t less = folded_hash(p[i], len[i] - 1, 0);
        uint64_t whole = folded_step(less, (unsigned char)p[i][len[i] - 1]);
        for (int cut = 0; cut <= 1 && len[i] > (size_t)cut; cut++) {
            uint64_t h = cut ? less ^ DEM_CUT : whole;
            size_t s = h & st->mask;
            int dup = 0;
            /* a name already in (a place named again, in any case): once
             * only, or the chain of its hash grows with every mention and
             * filling and matching become quadratic */
            while (st->slot[s] && !dup) {
                const stemref *r = &st->v[st->slot[s] - 1];
                dup = r->h == h && r->len == len[i] && !strncasecmp(r->p, p[i], len[i]);
                s = (s + 1) & st->mask;
            }
            if (dup)
                continue;
            st->v[st->n] = (stemref){h, p[i], len[i]};
            st->slot[s] = (uint32_t)++st->n;
        }
    }
}

/* The hashes of the stems w[0..n) can be the adjective of (demonym_of):
 * the word less a suffix it ends in, as a place's name or as one less its
 * last byte, into h (room for 8); returns how many (none for most words). */
static size_t demonym_stems(const char *w, size_t n, uint64_t h[8])
{
    size_t k = 0;
    if (n < 3)
        return 0;
    /* every suffix ends in n, e or i; at most three match one word ("-ian":
     * n, an, ian), so h gets at most six stems */
    unsigned z = (unsigned char)w[n - 1] | 0x20;
    if (z != 'n' && z != 'e' && z != 'i')
        return 0;
    for (size_t s = 0; s < NDEM_SUF; s++) {
        size_t sl = DEM_SUF[s].n, i = 0;
        /* a byte ORed with 0x20 is a lower-case letter only when it is that
         * letter in either case */
        while (i < sl && n > sl + 1 &&
               ((unsigned char)w[n - sl + i] | 0x20) == (unsigned char)DEM_SUF[s].s[i])
            i++;
        if (i == sl && n > sl + 1) {
            h[k++] = folded_hash(w, n - sl, 0);
            if (DEM_SUF[s].cut) {
                h[k] = h[k - 1] ^ DEM_CUT;
                k++;
            }
        }
    }
    return k;
}

/* Whether w[0..n), with the stem hashes h[0..nh) (demonym_stems), is the
 * adjective of one of the places in st. */
static int stems_match(const stems *st, const uint64_t *h, size_t nh, const char *w, size_t n)
{
    for (size_t j = 0; j < nh; j++)
        for (size_t i = h[j] & st->mask; st->slot[i]; i = (i + 1) & st->mask) {
            const stemref *r = &st->v[st->slot[i] - 1];
            if (r->h == h[j] && demonym_of(w, n, r->p, r->len))
                return 1;
        }
    return 0;
}

/* Whether w[0..n) is the adjective of one of the places in st. */
static int is_demonym(const stems *st, const char *w, size_t n)
{
    uint64_t h[8];
    size_t nh = demonym_stems(w, n, h);
    return nh && stems_match(st, h, nh, w, n);
}

/* A country's name (country != 0) into the set, and a country's or a
 * continent's into the list of names whose adjectives are no entities (a
 * name the list can't take is still in the set). */
static void add_country(nci_entlex *lex, const char *name, size_t n, int country)
{
    if (country)
        nci_wordset_add(lex->countries, name, n, 1);
    if ((lex->ncnames & (lex->ncnames + 1)) == 0 || lex->ncnames == 0) {
        /* grow at 0, 1, 3, 7, 15, ... */
        char **c = realloc(lex->cnames, (lex->ncnames * 2 + 2) * sizeof *c);
        if (!c)
            return;
        lex->cnames = c;
    }
    char *d = malloc(n + 1);
    if (!d)
        return;
    memcpy(d, name, n);
    d[n] = 0;
    lex->cnames[lex->ncnames++] = d;
}

/* The table of the country names, for their adjectives (drop_events).
 * -1 when out of memory. */
static int country_stems(nci_entlex *lex)
{
    size_t nslots, *len = malloc((lex->ncnames + 1) * sizeof *len);
    if (!len || !(lex->cstems_mem = malloc(stems_size(lex->ncnames, &nslots)))) {
        free(len);
        return -1;
    }
    for (size_t i = 0; i < lex->ncnames; i++)
        len[i] = strlen(lex->cnames[i]);
    stems_fill(&lex->cstems, lex->cstems_mem, nslots, (const char *const *)lex->cnames, len,
               lex->ncnames);
    free(len);
    return 0;
}

nc_status nci_entlex_new(const nci_calendar *cal, int use_model, nci_entlex **out, nc_error *err)
{
    nci_entlex *lex = calloc(1, sizeof *lex);
    if (lex && (lex->pool = calloc(1, sizeof *lex->pool)) != NULL &&
        pthread_mutex_init(&lex->pool->mu, NULL)) {
        free(lex->pool);
        lex->pool = NULL;
    }
    if (!lex || !lex->pool || !(lex->roles = nci_wordset_new(512)) || !(lex->titles = nci_wordset_new(256)) ||
        !(lex->stop = nci_wordset_new(256))) {
        nci_entlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    lex->cal = cal;
    size_t npeoples = 0;
    while (nci_gen_demonyms[npeoples])
        npeoples++;
    if (!(lex->peoples = nci_wordset_new_exact(npeoples))) {
        nci_entlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    for (size_t i = 0; i < npeoples; i++) {
        const char *tab = strchr(nci_gen_demonyms[i], '\t');
        if (tab)
            nci_wordset_add(lex->peoples, tab + 1, strlen(tab + 1), 1);
    }
    for (const char *const *r = nci_gen_roles; *r; r++) {
        const char *tab = strchr(*r, '\t');
        if (!tab)
            continue;
        size_t kl = (size_t)(tab - *r);
        const char *w = tab + 1;
        if (kl == 4 && !strncmp(*r, "head", 4)) {
            size_t wl = strlen(w);
            nci_wordset_add(lex->roles, w, wl, ROLE_HEAD);
            if (wl > 0 && wl < 32)
                add_len(&lex->head_len, w, wl);
        } else if (kl == 4 && !strncmp(*r, "post", 4))
            nci_wordset_add(lex->roles, w, strlen(w), ROLE_POST);
        else if (kl == 5 && !strncmp(*r, "title", 5))
            nci_wordset_add(lex->titles, w, strlen(w), 1);
    }
    for (int i = 0; STOP[i]; i++)
        nci_wordset_add(lex->stop, STOP[i], strlen(STOP[i]), 1);
    /* Language names double as nationality adjectives ("Welsh", "Italian",
     * "French"): a name of one word that is one is no entity.  From ICU's
     * display names of the ISO 639 languages, in English. */
    if (!(lex->langs = nci_wordset_new(1024))) {
        nci_entlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    for (const char *const *l = uloc_getISOLanguages(); l && *l; l++) {
        UChar name[64];
        char u8[128];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayLanguage(*l, "en", name, 64, &st);
        int32_t bl = 0;
        if (U_FAILURE(st) || n <= 0)
            continue;
        u_strToUTF8(u8, (int32_t)sizeof u8, &bl, name, n, &st);
        if (U_SUCCESS(st) && bl > 2 && !memchr(u8, ' ', (size_t)bl) && strcmp(u8, *l))
            nci_wordset_add(lex->langs, u8, (size_t)bl, 1);
    }
    /* Words of team sports' reports, for sports_report(): three different
     * ones must occur ("tries", "goals" and "penalty" alone also occur in
     * politics, "club" and "football" in business).  Not the words of
     * athletics or tennis, whose towns are venues, not clubs.  The value is
     * the word's bit number (at most 128 words). */
    static const char *const SPORT[] = {
        "goal", "goals", "striker", "midfielder", "defender", "goalkeeper", "keeper",
        "penalty", "scored", "scorer", "fixture", "fixtures", "semi-final", "quarter-final",
        "semi-finals", "quarter-finals", "premiership", "referee", "tries", "wicket",
        "innings", "kick-off", "half-time", "equaliser", "relegation", "scrum", "fly-half",
        "flanker", "lineout", "line-out", "sin-bin", "winger", "full-back", "centre-back",
        "touchline", "match", "matches", "squad", "football", "footballer", "rugby", "league",
        "club", "clubs", NULL};
    if (!(lex->sport = nci_wordset_new(128))) {
        nci_entlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    for (int i = 0; SPORT[i]; i++) {
        nci_wordset_add(lex->sport, SPORT[i], strlen(SPORT[i]), i + 1);
        add_len(&lex->sport_len, SPORT[i], strlen(SPORT[i]));
    }
    /* Country names (ICU, English), for the type of a name that is one. */
    if (!(lex->countries = nci_wordset_new(512))) {
        nci_entlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    for (const char *const *c = uloc_getISOCountries(); c && *c; c++) {
        char loc[8];
        UChar name[64];
        char u8[128];
        UErrorCode st = U_ZERO_ERROR;
        snprintf(loc, sizeof loc, "_%s", *c);
        int32_t n = uloc_getDisplayCountry(loc, "en", name, 64, &st);
        int32_t bl = 0;
        if (U_FAILURE(st) || n <= 0)
            continue;
        u_strToUTF8(u8, (int32_t)sizeof u8, &bl, name, n, &st);
        if (U_SUCCESS(st) && bl > 2 && strcmp(u8, *c))
            add_country(lex, u8, (size_t)bl, 1);
    }
    /* continents (UN M49 regions, ICU's names): their adjectives too
     * ("European", "African", "Asian") */
    static const char *const CONTINENTS[] = {"_002", "_009", "_142", "_150", NULL};
    for (int i = 0; CONTINENTS[i]; i++) {
        UChar name[64];
        char u8[128];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayCountry(CONTINENTS[i], "en", name, 64, &st), bl = 0;
        if (U_SUCCESS(st) && n > 0)
            u_strToUTF8(u8, (int32_t)sizeof u8, &bl, name, n, &st);
        if (U_SUCCESS(st) && bl > 2)
            add_country(lex, u8, (size_t)bl, 0);
    }
    /* the nations of the United Kingdom, which ISO 3166 doesn't list */
    static const char *const NATIONS[] = {"England", "Scotland", "Wales", "Northern Ireland",
                                          /* common names ICU doesn't give */
                                          "Britain", "Great Britain", "Republic of Ireland",
                                          "Czech Republic", "Ivory Coast", "Holland", "Burma",
                                          "East Timor", "Swaziland", "Macedonia", NULL};
    for (int i = 0; NATIONS[i]; i++)
        add_country(lex, NATIONS[i], strlen(NATIONS[i]), 1);
    /* ICU names the Americas, not America ("American") */
    add_country(lex, "America", 7, 0);
    if (country_stems(lex) || add_cues(lex)) {
        nci_entlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    if (use_model) {
        nc_status s = nci_tagger_model_builtin(&lex->model);
        if (s && s != NC_ENOTIMPL) {
            nci_entlex_free(lex);
            return nci_error_set(err, s, -1, 0, 0, "NER model: %s", nc_strerror(s));
        }
        if (s)
            lex->model = NULL;
    }
    *out = lex;
    return NC_OK;
}

void nci_entlex_free(nci_entlex *lex)
{
    if (!lex)
        return;
    if (lex->pool) {
        for (size_t i = 0; i < lex->pool->n; i++)
            state_free(lex->pool->v[i]);
        free(lex->pool->v);
        pthread_mutex_destroy(&lex->pool->mu);
        free(lex->pool);
    }
    nci_tagger_model_free(lex->model);
    nci_wordset_free(lex->roles);
    nci_wordset_free(lex->titles);
    nci_wordset_free(lex->stop);
    nci_wordset_free(lex->langs);
    nci_wordset_free(lex->countries);
    nci_wordset_free(lex->peoples);
    nci_wordset_free(lex->sport);
    nci_wordset_free(lex->cues);
    nci_wordset_free(lex->cues_any);
    free(lex->cstems_mem);
    for (size_t i = 0; i < lex->ncnames; i++)
        free(lex->cnames[i]);
    free(lex->cnames);
    free(lex);
}

void nci_ents_free(nci_ents *ents)
{
    free(ents->keys);
    free(ents->m);
    free(ents->e);
    memset(ents, 0, sizeof *ents);
}

/* ---------------------------------------------------------------- helpers */

static inline int add_mention(nci_ents *E, const nci_segs *S, uint32_t sent, size_t tok,
                              size_t ntok, unsigned type)
{
    if (ntok == 0)
        return 0;
    nci_mention *m = E->nm < E->capm ? E->m : nci_grow(E->m, &E->capm, E->nm + 1, sizeof *m);
    if (!m)
        return -1;
    E->m = m;
    m[E->nm++] = (nci_mention){S->toks[tok].start, S->toks[tok + ntok - 1].end, (uint32_t)tok,
                               (uint32_t)ntok, sent, -1, (unsigned char)type, 0};
    return 0;
}

static const char *tok_ptr(const char *t, const nci_tok *k, size_t *n)
{
    *n = k->end - k->start;
    return t + k->start;
}

static int is_possessive(const char *t, const nci_tok *k)
{
    size_t n = k->end - k->start;
    const char *p = t + k->start;
    return (n == 2 && p[0] == '\'' && (p[1] | 32) == 's') ||
           (n == 4 && !memcmp(p, "\xE2\x80\x99", 3) && (p[3] | 32) == 's');
}

/* Words that start sentences and are never the first word of a name
 * (capitalised there, so the tagger may take them in): CUE_ANY_LEAD. */
static int is_lead_word(const nci_entlex *lex, const char *t, const nci_tok *k)
{
    size_t n = k->end - k->start;
    const char *w = t + k->start;
    if (k->kind != NC_TOKEN_WORD || !(w[0] >= 'A' && w[0] <= 'Z') || (n > 1 && w[1] >= 'A' && w[1] <= 'Z'))
        return 0; /* "But", not "AT" (of "AT&T") */
    return (nci_wordset_get(lex->cues_any, w, n) & CUE_ANY_LEAD) != 0;
}

/* ---------------------------------------------------------------- state */

/* n bytes of scratch (16-byte aligned) until the next arena_reset; NULL
 * when out of memory. */
static void *arena_take(arena *a, size_t n)
{
    if (n > SIZE_MAX - 15)
        return NULL;
    n = (n + 15) & ~(size_t)15;
    a->want += n;
    if (a->cap - a->used >= n) {
        void *p = a->buf + a->used;
        a->used += n;
        return p;
    }
    void **x = nci_grow(a->extra, &a->capextra, a->nextra + 1, sizeof *x);
    if (!x)
        return NULL;
    a->extra = x;
    void *p = malloc(n ? n : 1);
    if (p)
        a->extra[a->nextra++] = p;
    return p;
}

/* The same, zeroed. */
static void *arena_zero(arena *a, size_t n)
{
    void *p = arena_take(a, n);
    return p ? memset(p, 0, n) : NULL;
}

/* All blocks given back; the buffer grown to what was taken since the
 * last reset (kept as it was if that fails: blocks will be allocated). */
static void arena_reset(arena *a)
{
    for (size_t i = 0; i < a->nextra; i++)
        free(a->extra[i]);
    a->nextra = 0;
    if (a->want > a->cap) {
        char *b = malloc(a->want);
        if (b) {
            free(a->buf);
            a->buf = b;
            a->cap = a->want;
        }
    }
    a->used = a->want = 0;
}

static void state_free(docstate *ds)
{
    if (!ds)
        return;
    nci_tagger_doc_free(ds->td);
    arena_reset(&ds->mem);
    free(ds->mem.buf);
    free(ds->mem.extra);
    free(ds);
}

/* A document state: from the pool, else new.  NULL when out of memory. */
static docstate *state_take(const nci_entlex *lex)
{
    struct statepool *p = lex->pool;
    docstate *ds = NULL;
    pthread_mutex_lock(&p->mu);
    if (p->n)
        ds = p->v[--p->n];
    pthread_mutex_unlock(&p->mu);
    if (ds) {
        if (ds->td)
            nci_tagger_doc_reset(ds->td);
        arena_reset(&ds->mem);
    } else if (!(ds = calloc(1, sizeof *ds)) || (lex->model && nci_tagger_doc_new(lex->model, &ds->td))) {
        free(ds);
        ds = NULL;
    }
    return ds;
}

/* Back to the pool (freed if the pool can't grow). */
static void state_give(const nci_entlex *lex, docstate *ds)
{
    struct statepool *p = lex->pool;
    if (!ds)
        return;
    pthread_mutex_lock(&p->mu);
    if (p->n == p->cap) {
        size_t c = p->cap ? p->cap * 2 : 4;
        docstate **v = realloc(p->v, c * sizeof *v);
        if (v) {
            p->v = v;
            p->cap = c;
        }
    }
    if (p->n < p->cap) {
        p->v[p->n++] = ds;
        ds = NULL;
    }
    pthread_mutex_unlock(&p->mu);
    state_free(ds);
}

/* ---------------------------------------------------------------- survey */

/* What one walk over the tokens of the document's sentences (furniture
 * left out) finds for the rules after the tagger, so that they visit only
 * these tokens: role heads (role_mentions) with their sentences, weekday
 * names (date_mentions), and which sentences have a number token (the
 * others state no date: a date has a day or a year). */
typedef struct survey {
    uint32_t *heads, *hsent, *days;
    size_t nheads, ndays;
    uint8_t *numbered; /* per sentence */
} survey;

/* Room for a document of ntok tokens.  -1 when out of memory. */
static int survey_alloc(survey *sv, arena *a, const nci_segs *S)
{
    sv->heads = arena_take(a, S->ntoks * sizeof *sv->heads + 1);
    sv->hsent = arena_take(a, S->ntoks * sizeof *sv->hsent + 1);
    sv->days = arena_take(a, S->ntoks * sizeof *sv->days + 1);
    sv->numbered = arena_zero(a, S->nsents + 1);
    sv->nheads = sv->ndays = 0;
    return sv->heads && sv->hsent && sv->days && sv->numbered ? 0 : -1;
}

/* Word w[0..n) (token i of sentence s; cap: capitalised) into the survey
 * when it is a role head or a weekday. */
static inline void survey_word(const nci_entlex *lex, const char *w, size_t n, unsigned cap,
                               size_t i, size_t s, survey *sv)
{
    if (may_be(&lex->head_len, w, n) && nci_wordset_get(lex->roles, w, n) == ROLE_HEAD) {
        sv->heads[sv->nheads] = (uint32_t)i;
        sv->hsent[sv->nheads++] = (uint32_t)s;
    }
    if (cap && nci_weekday_lookup(lex->cal, w, n))
        sv->days[sv->ndays++] = (uint32_t)i;
}

/* Token i (k) of sentence s into the survey; returns whether it is a
 * number. */
static inline int survey_tok(const nci_entlex *lex, const char *t, const nci_tok *k, size_t i,
                             size_t s, survey *sv)
{
    if (k->kind != NC_TOKEN_WORD)
        return k->kind == NC_TOKEN_NUMBER;
    survey_word(lex, t + k->start, k->end - k->start, k->cap, i, s, sv);
    return 0;
}

/* Sentence s of S into the survey. */
static void survey_sent(const nci_entlex *lex, const char *t, const nci_segs *S, size_t s, survey *sv)
{
    size_t e = S->sents[s].tok_first + S->sents[s].tok_count;
    int num = 0;
    for (size_t i = S->sents[s].tok_first; i < e; i++)
        num |= survey_tok(lex, t, &S->toks[i], i, s, sv);
    sv->numbered[s] = (uint8_t)num;
}

/* ---------------------------------------------------------------- tagger */

/* The segmenter splits the period off an initial or an abbreviation ("C",
 * ".") and may end a sentence there ("St. | Louis"); the tagger was trained
 * on text where "C." and "St." are one token.  A word whose period follows
 * it directly is given to the tagger with its period when the word is one
 * capital letter or a short abbreviation of names and titles
 * (CUE_ABBREV). */
static int is_name_abbrev(const nci_entlex *lex, const char *w, size_t n)
{
    if (n == 1)
        return w[0] >= 'A' && w[0] <= 'Z';
    if (n > 6 || !(w[0] >= 'A' && w[0] <= 'Z'))
        return 0;
    return (nci_wordset_get(lex->cues, w, n) & CUE_ABBREV) != 0;
}

/* Whether token i of S is such a word and token i + 1 its period. */
static int abbrev_period(const nci_entlex *lex, const char *t, const nci_segs *S, size_t i, size_t end)
{
    if (i + 1 >= end)
        return 0;
    const nci_tok *a = &S->toks[i], *b = &S->toks[i + 1];
    return a->kind == NC_TOKEN_WORD && a->cap && b->start == a->end && b->end == b->start + 1 &&
           t[b->start] == '.' && is_name_abbrev(lex, t + a->start, a->end - a->start);
}

/* What walk_word reads of walk_sentence's state. */
typedef struct walker {
    const nci_entlex *lex;
    const char *t;
    const nci_segs *S;
    survey *sv;
    size_t s, e; /* the sentence, the token after its last */
} walker;

/* Token i of the sentence, a word that may be a role head, is a weekday
 * or is capitalised before a period, into the survey; when it takes its
 * period (abbrev_period), that into the survey too and onto the tagger's
 * token o.  Returns whether it did.  Not inline: walk_sentence calls it
 * for few words, and its loop keeps its values in registers without it. */
__attribute__((noinline)) static int walk_word(const walker *w, size_t i, nci_tagger_token *o)
{
    const char *t = w->t;
    const nci_tok *k = &w->S->toks[i];
    survey_word(w->lex, t + k->start, k->end - k->start, k->cap, i, w->s, w->sv);
    /* t[k->end] is the NUL after the text at its end */
    if (!k->cap || t[k->end] != '.' || !abbrev_period(w->lex, t, w->S, i, w->e))
        return 0;
    o->len++;
    if (survey_tok(w->lex, t, k + 1, i + 1, w->s, w->sv))
        w->sv->numbered[w->s] = 1;
    return 1;
}

/* The tokens of sentence s for the tagger from toks[*k] on (map[k]: the
 * segment token of tagger token k), and into the survey (its numbered[s]
 * zero before), in one walk.  *abbrev: whether the last token took its
 * period. */
static void walk_sentence(const nci_entlex *lex, const char *t, const nci_segs *S, size_t s, survey *sv,
                          nci_tagger_token *toks, uint32_t *map, size_t *k, int *abbrev)
{
    size_t i = S->sents[s].tok_first, e = i + S->sents[s].tok_count;
    const walker w = {lex, t, S, sv, s, e};
    const nci_tok *p = S->toks + i;
    nci_tagger_token *o = toks + *k;
    uint32_t *mo = map + *k;
    size_t taken = SIZE_MAX; /* the period last taken */
    for (; i < e; i++, p++, o++, mo++) {
        uint32_t a = p->start, z = p->end;
        unsigned kind = p->kind;
        o->ptr = t + a;
        o->len = z - a;
        *mo = (uint32_t)i;
        if (kind != NC_TOKEN_WORD) {
            if (kind == NC_TOKEN_NUMBER)
                sv->numbered[s] = 1;
            continue;
        }
        /* most words are none of walk_word's: told here, inline (t[z] is
         * the NUL after the text at its end) */
        if ((may_be(&lex->head_len, t + a, z - a) ||
             (p->cap && (t[z] == '.' || nci_weekday_lookup(lex->cal, t + a, z - a)))) &&
            walk_word(&w, i, o)) {
            taken = ++i;
            p++;
        }
    }
    if (e > S->sents[s].tok_first)
        *abbrev = taken == e - 1;
    *k = (size_t)(o - toks);
}

/* The sentence of token tok, from *sc on (tokens asked in text order). */
static size_t sent_of(const nci_segs *S, size_t *sc, size_t tok)
{
    while (tok >= S->sents[*sc].tok_first + S->sents[*sc].tok_count)
        ++*sc;
    return *sc;
}

/* The first label from l[i] on that is not O (0), eight at a time; n if
 * none. */
static size_t next_label(const uint8_t *l, size_t i, size_t n)
{
    uint64_t l8;
    for (; i + 8 <= n; i += 8) {
        memcpy(&l8, l + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (l8) /* the lowest byte that is not 0 is the first */
            return i + ((unsigned)__builtin_ctzll(l8) >> 3);
#else
        if (l8)
            break;
#endif
    }
    while (i < n && !l[i])
        i++;
    return i;
}

static int tag_mentions(const nci_entlex *lex, docstate *ds, const char *t, const nci_segs *S,
                        nci_ents *E, survey *sv)
{
    size_t n = 0, ns = 0;
    for (size_t s = 0; s < S->nsents; s++)
        if (!S->sents[s].furniture)
            n += S->sents[s].tok_count, ns++;
    if (!n)
        return 0;
    nci_tagger_doc *td = ds->td;
    nci_tagger_token *toks = arena_take(&ds->mem, n * sizeof *toks);
    /* tagger token k is segment token map[k], with the next (its period:
     * abbrev_period) when toks[k] is longer */
    uint32_t *map = arena_take(&ds->mem, n * sizeof *map);
    size_t *ends = arena_take(&ds->mem, ns * sizeof *ends);
    uint8_t *labels = arena_take(&ds->mem, n);
    if (!toks || !map || !ends || !labels)
        return -1;
    size_t k = 0, j = 0, next = 0; /* next: the token after the last one given */
    int abbrev = 0;                /* the last token given took its period */
    for (size_t s = 0; s < S->nsents; s++) {
        const nci_sent *x = &S->sents[s];
        if (x->furniture)
            continue;
        walk_sentence(lex, t, S, s, sv, toks, map, &k, &abbrev);
        if (x->tok_count)
            next = x->tok_first + x->tok_count;
        /* "St. | Louis", "William C. | Cesaroni": a sentence that ends in
         * such an abbreviation goes on into the next when that starts with
         * a capital (the tagger sees one sentence) */
        if (abbrev && s + 1 < S->nsents && !S->sents[s + 1].furniture && S->sents[s + 1].tok_count &&
            next == S->sents[s + 1].tok_first && S->toks[next].cap)
            continue;
        ends[j++] = k;
    }
    if (!j || ends[j - 1] != k)
        ends[j++] = k;
    ns = j;
    n = k;
    /* One pass: the document's statistics first (all capitalised words,
     * then all lower-case ones: a lower-case "downtown" before the first
     * "Downtown" counts, as in training), then each sentence in
     * order with the labels of the sentences before it as evidence.  The
     * tagger's second pass (nci_tagger_tag_doc) doubles the cost for no
     * gain measured on GUM dev (0.680 either way) or wikigold. */
    if (nci_tagger_doc_observe_all(td, toks, n, ends, ns))
        return -1;
    for (size_t q = 0, b = 0; q < ns; b = ends[q++])
        if (nci_tagger_tag_at(lex->model, td, b, ends[q] - b, labels + b))
            return -1;
    int rc = 0;
    size_t sc = 0; /* the sentence of the token last asked of sent_of */
    for (size_t i = 0; i < n && !rc;) {
        unsigned type = NCI_TAG_TYPE(labels[i]);
        if (!type) {
            i = next_label(labels, i + 1, n);
            continue;
        }
        size_t e = i + 1;
        while (e < n && NCI_TAG_TYPE(labels[e]) == type && !NCI_TAG_IS_B(labels[e]))
            e++;
        /* Tagger types are PER=1, ORG=2, LOC=3, as ours. */
        const nci_tok *z = &S->toks[map[e - 1]];
        size_t a = map[i], b = map[e - 1] + 1 + (toks[e - 1].len > z->end - z->start);
        size_t si = sent_of(S, &sc, a), se = sent_of(S, &sc, b - 1);
        if (type == NCI_ENT_PERSON) {
            while (a < b) { /* titles: "President Trump" -> "Trump" */
                size_t wl;
                const char *w = tok_ptr(t, &S->toks[a], &wl);
                size_t skip = abbrev_period(lex, t, S, a, b) ? 2 : 1;
                if (wl && w[wl - 1] == '.')
                    wl--;
                if (!nci_wordset_get(lex->titles, w, wl) || b - a <= skip)
                    break;
                a += skip;
            }
        }
        /* a sentence's first word glued on ("But McCreadie") */
        {
            size_t f = S->sents[si].tok_first;
            while (f < a && S->toks[f].kind == NC_TOKEN_PUNCT)
                f++;
            if (f == a && b - a > 1 && is_lead_word(lex, t, &S->toks[a]))
                a++;
        }
        /* a place's possessive before a name ("London's South Bank
         * Centre"): two names; not inside a name ("Sadler's Wells") */
        if (b - a > 2 && is_possessive(t, &S->toks[a + 1])) {
            const nci_tok *p = &S->toks[a];
            unsigned g = nci_tagger_model_gaz_word(lex->model, t + p->start, p->end - p->start);
            if (g & ((1u << NCI_GAZ_COUNTRY) | (1u << NCI_GAZ_REGION) | (1u << NCI_GAZ_CITY))) {
                if (add_mention(E, S, (uint32_t)si, a, 1, NCI_ENT_LOC))
                    rc = -1;
                a += 2;
            }
        }
        while (b > a && (is_possessive(t, &S->toks[b - 1]) || S->toks[b - 1].kind == NC_TOKEN_PUNCT)) {
            /* keep the period of a final initial or abbreviation ("Smith
             * Jr.", "Apple Inc.") when it is not also the sentence's end */
            if (b > a + 2 && abbrev_period(lex, t, S, b - 2, b) &&
                b < S->sents[se].tok_first + S->sents[se].tok_count)
                break;
            b--;
        }
        while (a < b && S->toks[a].kind == NC_TOKEN_PUNCT)
            a++;
        if (b > a && add_mention(E, S, (uint32_t)si, a, b - a, type))
            rc = -1;
        i = e;
    }
    return rc;
}

/* Without a model: runs of capitalised words that are not the first word
 * of a sentence, typed PERSON after a title, else ORG when the run holds an
 * all-capitals word, else LOC for one word and ORG for more.  A floor to
 * measure the model against, not a recogniser to use. */
static int rule_mentions(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E)
{
    for (size_t s = 0; s < S->nsents; s++) {
        const nci_sent *x = &S->sents[s];
        if (x->furniture)
            continue;
        size_t end = x->tok_first + x->tok_count;
        for (size_t i = x->tok_first + 1; i < end;) {
            if (!(S->toks[i].kind == NC_TOKEN_WORD && S->toks[i].cap)) {
                i++;
                continue;
            }
            size_t e = i;
            int caps = 0;
            while (e < end && S->toks[e].kind == NC_TOKEN_WORD && S->toks[e].cap) {
                size_t wl;
                const char *w = tok_ptr(t, &S->toks[e], &wl);
                int all = wl > 1;
                for (size_t q = 0; q < wl; q++)
                    if (w[q] >= 'a' && w[q] <= 'z')
                        all = 0;
                caps |= all;
                e++;
            }
            size_t wl;
            const char *w = tok_ptr(t, &S->toks[i - 1], &wl);
            unsigned type = nci_wordset_get(lex->titles, w, wl) ? NCI_ENT_PERSON
                            : caps ? NCI_ENT_ORG : e - i == 1 ? NCI_ENT_LOC : NCI_ENT_ORG;
            if (add_mention(E, S, (uint32_t)s, i, e - i, type))
                return -1;
            i = e;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- rules */

static int date_mentions(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E,
                         const survey *sv)
{
    nci_date found[64];
    size_t d = 0; /* the next weekday of the survey */
    for (size_t s = 0; s < S->nsents; s++) {
        const nci_sent *x = &S->sents[s];
        if (x->furniture)
            continue;
        const nci_tok *k = S->toks + x->tok_first;
        size_t n = sv->numbered[s] ? nci_dates_find(lex->cal, t, k, x->tok_count, found, 64) : 0;
        size_t f = 0, end = x->tok_first + x->tok_count;
        for (; !n && d < sv->ndays && sv->days[d] < end; d++) /* weekdays alone */
            if (add_mention(E, S, (uint32_t)s, sv->days[d], 1, NCI_ENT_DATE))
                return -1;
        for (size_t i = 0; n && i < x->tok_count; i++) {
            while (f < n && found[f].end <= k[i].start)
                f++;
            if (f < n && found[f].start == k[i].start) {
                size_t e = i;
                while (e < x->tok_count && k[e].end <= found[f].end)
                    e++;
                if (add_mention(E, S, (uint32_t)s, x->tok_first + i, e - i, NCI_ENT_DATE))
                    return -1;
                i = e - 1;
                continue;
            }
            if (k[i].kind == NC_TOKEN_WORD && k[i].cap &&
                nci_weekday_lookup(lex->cal, t + k[i].start, k[i].end - k[i].start) &&
                add_mention(E, S, (uint32_t)s, x->tok_first + i, 1, NCI_ENT_DATE))
                return -1;
        }
        while (d < sv->ndays && sv->days[d] < end)
            d++;
    }
    return 0;
}

/* Whether w[0..n) is a determiner before a role: the, el, la, los, las
 * (any case; a byte ORed with 0x20 equals a lower-case letter only when it
 * is that letter in either case). */
static int is_role_det(const char *w, size_t n)
{
    if (n < 2 || n > 3)
        return 0;
    unsigned c0 = (unsigned char)w[0] | 0x20, c1 = (unsigned char)w[1] | 0x20;
    if (n == 2)
        return (c0 == 'e' && c1 == 'l') || (c0 == 'l' && c1 == 'a');
    unsigned c2 = (unsigned char)w[2] | 0x20;
    return (c0 == 't' && c1 == 'h' && c2 == 'e') || (c0 == 'l' && (c1 == 'o' || c1 == 'a') && c2 == 's');
}

/* ROLE: [the|el|la|los|las] [modifier]{0,3} HEAD [post] [of NAME]: the
 * modifiers are words that are not function words ("interior", "Spain's
 * foreign", "human rights").  The heads are the survey's; a head inside
 * the phrase of the one before starts none. */
static int role_mentions(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E,
                         const survey *sv)
{
    for (size_t h = 0, next = 0; h < sv->nheads; h++) {
        size_t i = sv->heads[h], s = sv->hsent[h], wl;
        if (i < next)
            continue;
        const nci_sent *x = &S->sents[s];
        size_t first = x->tok_first, end = x->tok_first + x->tok_count, a = i, b = i + 1;
        /* Modifiers to the left. */
        for (int m = 0; m < 3 && a > first; m++) {
            const nci_tok *p = &S->toks[a - 1];
            const char *pw = tok_ptr(t, p, &wl);
            if (is_possessive(t, p) && a >= first + 2) {
                a -= 2; /* "Spain's" */
                continue;
            }
            if (p->kind != NC_TOKEN_WORD || nci_wordset_get(lex->stop, pw, wl) || is_role_det(pw, wl))
                break;
            a--;
        }
        /* A determiner before it belongs to the phrase. */
        if (a > first) {
            const char *pw = tok_ptr(t, &S->toks[a - 1], &wl);
            if (is_role_det(pw, wl))
                a--;
        }
        if (b < end) {
            const char *w = tok_ptr(t, &S->toks[b], &wl);
            if (nci_wordset_get(lex->roles, w, wl) == ROLE_POST)
                b++;
        }
        /* "of Colombia", "of Venezuela's National Assembly", "del Interior" */
        if (b + 1 < end) {
            const char *w = tok_ptr(t, &S->toks[b], &wl);
            if ((wl == 2 && !strncmp(w, "of", 2)) || (wl == 3 && !strncmp(w, "del", 3)) ||
                (wl == 2 && !strncmp(w, "de", 2))) {
                size_t c = b + 1;
                while (c < end && c < b + 6 &&
                       ((S->toks[c].kind == NC_TOKEN_WORD && S->toks[c].cap) || is_possessive(t, &S->toks[c])))
                    c++;
                if (c > b + 1)
                    b = c;
            }
        }
        if (add_mention(E, S, (uint32_t)s, a, b - a, NCI_ENT_ROLE))
            return -1;
        next = b;
    }
    return 0;
}

/* ---------------------------------------------------------------- linking */

static int cmp_mention(const nci_mention *x, const nci_mention *y)
{
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return (int)x->type - (int)y->type;
}

/* The end of the run in text order of m[0..n) that starts at a. */
static size_t run_end(const nci_mention *m, size_t a, size_t n)
{
    while (++a < n && cmp_mention(&m[a - 1], &m[a]) <= 0)
        ;
    return a;
}

/* Text order, by merging the runs already in order: the tagger's mentions,
 * the dates' and the roles' are three.  tmp: room for n mentions. */
static void sort_mentions(nci_mention *m, size_t n, nci_mention *tmp)
{
    while (run_end(m, 0, n) < n) {
        for (size_t a = 0; a < n;) {
            size_t b = run_end(m, a, n), c = b < n ? run_end(m, b, n) : n;
            size_t i = a, j = b, o = a;
            while (i < b && j < c)
                tmp[o++] = cmp_mention(&m[j], &m[i]) < 0 ? m[j++] : m[i++];
            memcpy(tmp + o, m + i, (b - i) * sizeof *m);
            memcpy(tmp + o + (b - i), m + j, (c - j) * sizeof *m);
            a = c;
        }
        memcpy(m, tmp, n * sizeof *m);
    }
}

/* A hash of p[0..n), eight bytes at a time (the last eight overlap the
 * ones before; a short text is read in two overlapping halves). */
static uint64_t mem_hash(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, x;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, p + i, 8);
        h = (h ^ x) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    if (i < n) {
        if (n >= 8) {
            memcpy(&x, p + n - 8, 8);
        } else if (n >= 4) {
            uint32_t a, b;
            memcpy(&a, p, 4);
            memcpy(&b, p + n - 4, 4);
            x = (uint64_t)a << 32 | b;
        } else {
            x = (uint64_t)(unsigned char)p[0] << 16 | (uint64_t)(unsigned char)p[n / 2] << 8 |
                (unsigned char)p[n - 1];
        }
        h = (h ^ x) * 0xFF51AFD7ED558CCDu;
    }
    h *= 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 29);
}

/* A hash table slot of a run of a longer PERSON name's words (link). */
typedef struct runslot {
    uint64_t h;
    size_t off, len; /* the run's bytes in E->keys */
    int32_t m;       /* its mention + 1; 0: empty */
} runslot;

/* A hash table slot of the ORG entities whose names have some initials
 * (link): a heap of entity indices in linker.heap. */
typedef struct acroslot {
    uint64_t key; /* initials_key(); 0: empty */
    uint32_t off, n, cap;
} acroslot;

/* Linking's working state. */
typedef struct linker {
    const char *t;
    const nci_segs *S;
    nci_ents *E;
    /* mention i's key: E->keys + koff[i], klen[i] bytes, hash khash[i] */
    size_t *koff, *klen;
    uint64_t *khash;
    /* entities by type and key: index + 1 (0: empty); entity e's key is
     * mention ekey[e]'s while linking (its name's afterwards) */
    int32_t *kslot;
    size_t kmask;
    uint32_t *ekey;
    /* the longer PERSON names by the runs of their words (the pieces of
     * their keys between spaces) as long as the keys of one-word names:
     * nks lengths ks[], with RUN_MUL to the power ks[] - 1 in kpow[] */
    runslot *run;
    size_t rmask, nks, *ks, *ps;
    uint64_t *kpow, *ph, *lh; /* lh[i]: the run hash of one-word name i's key */
    int32_t *later;           /* the nearest longer name after one-word name i */
    /* ORG and LOC entities by the initials of their names (typed_key);
     * eakey[e]: entity e's */
    acroslot *aslot;
    size_t amask;
    int32_t *heap;
    size_t hused;
    uint64_t *eakey;
    /* entities made from an acronym, by its letters (typed_key; 0: empty) */
    uint64_t *short_key;
    int32_t *short_ent;
    size_t smask;
} linker;

/* Every mention's key (fold.h) into E->keys, one after another, each
 * NUL-terminated.  A key counts up to its first NUL, as a C string: its
 * entity's key is printed as one.  -1 when out of memory. */
static int fold_keys(linker *L)
{
    nci_ents *E = L->E;
    size_t o = 0, all = 0;
    for (size_t i = 0; i < E->nm; i++)
        all += E->m[i].end - E->m[i].start + 1;
    for (size_t i = 0; i < E->nm; i++) {
        const char *s = L->t + E->m[i].start;
        size_t n = E->m[i].end - E->m[i].start, kl;
        char *kb = E->keys;
        /* room for the rest at their length (keys of ASCII text are no
         * longer), grown again only after one that is longer */
        if (o + n + 1 > E->capkeys && !(kb = nci_grow(E->keys, &E->capkeys, o + all, 1)))
            return -1;
        E->keys = kb;
        all -= n + 1;
        if ((kl = nci_fold_ascii(s, n, kb + o)) == SIZE_MAX) {
            char *f = nci_fold(s, n, &kl);
            if (!f || !(kb = nci_grow(E->keys, &E->capkeys, o + kl + 1 + all, 1))) {
                free(f);
                return -1;
            }
            E->keys = kb;
            memcpy(kb + o, f, kl + 1);
            free(f);
        }
        L->koff[i] = o;
        L->klen[i] = strlen(kb + o);
        L->khash[i] = mem_hash(kb + o, L->klen[i]);
        o += kl + 1;
    }
    return 0;
}

/* The entity of this type whose key is mention mi's, or -1. */
static int32_t key_find(const linker *L, size_t mi, unsigned type)
{
    const char *kb = L->E->keys;
    for (size_t i = L->khash[mi] & L->kmask;; i = (i + 1) & L->kmask) {
        int32_t v = L->kslot[i];
        if (!v)
            return -1;
        uint32_t em = L->ekey[v - 1];
        if (L->E->e[v - 1].type == type && L->klen[em] == L->klen[mi] &&
            !memcmp(kb + L->koff[em], kb + L->koff[mi], L->klen[mi]))
            return v - 1;
    }
}

#define RUN_MUL 0x100000001B3u

/* The pieces of key k[0..n) (the bytes between its spaces): their hashes
 * into ph and their starts into ps; returns how many (at least one). */
static size_t split_key(const char *k, size_t n, uint64_t *ph, size_t *ps)
{
    size_t np = 0;
    for (size_t a = 0;;) {
        const char *sp = memchr(k + a, ' ', n - a);
        size_t b = sp ? (size_t)(sp - k) : n;
        ph[np] = mem_hash(k + a, b - a);
        ps[np++] = a;
        if (!sp)
            return np;
        a = b + 1;
    }
}

/* How many pieces key k[0..n) has. */
static size_t count_pieces(const char *k, size_t n)
{
    size_t np = 1;
    for (const char *p = k, *e = k + n; (p = memchr(p, ' ', (size_t)(e - p))) != NULL; p++)
        np++;
    return np;
}

/* The hash of a run of n pieces of hashes ph[0..n). */
static uint64_t run_hash(const uint64_t *ph, size_t n)
{
    uint64_t h = 0;
    for (size_t q = 0; q < n; q++)
        h = h * RUN_MUL + ph[q];
    return h;
}

/* The slot of the run k[0..n) of hash h: its own, or the empty one where it
 * goes. */
static runslot *run_slot(const linker *L, uint64_t h, const char *k, size_t n)
{
    const char *kb = L->E->keys;
    for (size_t i = h & L->rmask;; i = (i + 1) & L->rmask) {
        runslot *r = &L->run[i];
        if (!r->m || (r->h == h && r->len == n && !memcmp(kb + r->off, k, n)))
            return r;
    }
}

/* The runs of longer name j's words, of the lengths in ks, now lead to j. */
static void put_runs(linker *L, size_t j)
{
    const char *k = L->E->keys + L->koff[j];
    size_t np = split_key(k, L->klen[j], L->ph, L->ps);
    for (size_t x = 0; x < L->nks && L->ks[x] <= np; x++) {
        size_t w = L->ks[x];
        uint64_t h = run_hash(L->ph, w);
        for (size_t q = 0;; q++) {
            size_t a = L->ps[q], b = q + w < np ? L->ps[q + w] - 1 : L->klen[j];
            runslot *r = run_slot(L, h, k + a, b - a);
            *r = (runslot){h, L->koff[j] + a, b - a, (int32_t)j + 1};
            if (q + w >= np)
                break;
            h = (h - L->ph[q] * L->kpow[x]) * RUN_MUL + L->ph[q + w];
        }
    }
}

/* The longer name last given to put_runs that has one-word name i's key as
 * a word (or run of words), or -1. */
static int32_t run_find(const linker *L, size_t i)
{
    return run_slot(L, L->lh[i], L->E->keys + L->koff[i], L->klen[i])->m - 1;
}

static int is_lone(const nci_mention *m)
{
    return m->type == NCI_ENT_PERSON && m->ntok == 1;
}

static int is_full(const nci_mention *m)
{
    return m->type == NCI_ENT_PERSON && m->ntok > 1;
}

/* The state for linking one-word PERSON names to longer ones: a longer
 * name has the one-word name's key (one piece, or a few where a letter
 * decomposed to a space) among its pieces, as a whole run of them.  Each
 * longer name's runs of as many pieces as a one-word key has are hashed
 * (rolling: one step a piece), so a one-word name is one lookup.
 * later[] gets the nearest longer name after each one-word name (a sweep
 * from the end); link() sweeps forward for the nearest before.  -1 when
 * out of memory. */
static int lone_setup(linker *L, arena *a)
{
    const nci_ents *E = L->E;
    size_t maxk = 0, maxp = 1, nruns = 0;
    for (size_t i = 0; i < E->nm; i++)
        if (is_lone(&E->m[i]) || is_full(&E->m[i])) {
            size_t np = count_pieces(E->keys + L->koff[i], L->klen[i]);
            if (is_lone(&E->m[i]) && np > maxk)
                maxk = np;
            if (np > maxp)
                maxp = np;
        }
    L->nks = 0;
    if (!maxk)
        return 0;
    uint8_t *has = arena_zero(a, maxk + 1);
    L->ks = arena_take(a, maxk * sizeof *L->ks);
    L->kpow = arena_take(a, maxk * sizeof *L->kpow);
    L->ph = arena_take(a, maxp * sizeof *L->ph);
    L->ps = arena_take(a, maxp * sizeof *L->ps);
    L->lh = arena_take(a, E->nm * sizeof *L->lh);
    L->later = arena_take(a, E->nm * sizeof *L->later);
    if (!has || !L->ks || !L->kpow || !L->ph || !L->ps || !L->lh || !L->later)
        return -1;
    for (size_t i = 0; i < E->nm; i++)
        if (is_lone(&E->m[i])) {
            size_t np = split_key(E->keys + L->koff[i], L->klen[i], L->ph, L->ps);
            L->lh[i] = run_hash(L->ph, np);
            has[np] = 1;
        }
    for (size_t w = 1; w <= maxk; w++)
        if (has[w]) {
            L->kpow[L->nks] = 1;
            for (size_t q = 1; q < w; q++)
                L->kpow[L->nks] *= RUN_MUL;
            L->ks[L->nks++] = w;
        }
    for (size_t i = 0; i < E->nm; i++)
        if (is_full(&E->m[i])) {
            size_t np = count_pieces(E->keys + L->koff[i], L->klen[i]);
            for (size_t x = 0; x < L->nks && L->ks[x] <= np; x++)
                nruns += np - L->ks[x] + 1;
        }
    size_t size = 16;
    while (size < 2 * nruns + 2)
        size *= 2;
    if (!(L->run = arena_zero(a, size * sizeof *L->run)))
        return -1;
    L->rmask = size - 1;
    for (size_t i = E->nm; i-- > 0;) {
        if (is_lone(&E->m[i]))
            L->later[i] = run_find(L, i);
        else if (is_full(&E->m[i]))
            put_runs(L, i);
    }
    memset(L->run, 0, size * sizeof *L->run);
    return 0;
}

/* The initials of ORG entity e's name, packed (five bits a letter, the
 * count and a flag above), as is_acronym_of of old compared them: the first
 * letters of its capitalised words, A-Z, at most eight (an acronym's
 * length), of a name of two tokens or more; 0 when no acronym can match. */
static uint64_t initials_key(const char *t, const nci_segs *S, const nci_mention *full)
{
    uint64_t k = 0;
    unsigned n = 0;
    if (full->ntok < 2)
        return 0;
    for (uint32_t i = 0; i < full->ntok; i++) {
        const nci_tok *x = &S->toks[full->tok + i];
        if (x->kind == NC_TOKEN_WORD && x->cap) {
            unsigned char c = (unsigned char)t[x->start];
            if (c < 'A' || c > 'Z' || n == 8)
                return 0;
            k = k << 5 | (uint64_t)(c - 'A' + 1);
            n++;
        }
    }
    return k | (uint64_t)n << 40 | (uint64_t)1 << 63;
}

/* The same key for mention m when it is an acronym: one token of two to
 * eight bytes, capitals and periods; 0 when not. */
static uint64_t acronym_key(const char *t, const nci_segs *S, const nci_mention *m)
{
    const nci_tok *x = &S->toks[m->tok];
    size_t al = x->end - x->start;
    uint64_t k = 0;
    unsigned n = 0;
    if (m->ntok != 1 || al < 2 || al > 8)
        return 0;
    for (size_t i = 0; i < al; i++) {
        unsigned char c = (unsigned char)t[x->start + i];
        if (c == '.')
            continue;
        if (c < 'A' || c > 'Z')
            return 0;
        k = k << 5 | (uint64_t)(c - 'A' + 1);
        n++;
    }
    return k | (uint64_t)n << 40 | (uint64_t)1 << 63;
}

/* Organisations and places have acronyms ("AP", "U.S."): key k (0: none)
 * of an entity or mention of type ty, which only meets keys of its type. */
static inline int has_acronyms(unsigned ty)
{
    return ty == NCI_ENT_ORG || ty == NCI_ENT_LOC;
}

static inline uint64_t typed_key(uint64_t k, unsigned ty)
{
    return k ? k ^ (uint64_t)ty << 50 : 0;
}

static acroslot *acro_slot(const linker *L, uint64_t key)
{
    for (size_t i = (key * 0x9E3779B97F4A7C15u) >> 20 & L->amask;; i = (i + 1) & L->amask)
        if (!L->aslot[i].key || L->aslot[i].key == key)
            return &L->aslot[i];
}

/* The slot of key in the table of acronyms' entities: its own, or the
 * empty one where it goes. */
static size_t short_slot(const linker *L, uint64_t key)
{
    size_t j = (key * 0x9E3779B97F4A7C15u) >> 20 & L->smask;
    while (L->short_key[j] && L->short_key[j] != key)
        j = (j + 1) & L->smask;
    return j;
}

/* ORG entity e under the initials of its name (again when its name
 * changed: the old entry is left, and skipped once e's key differs). */
static void acro_add(linker *L, int32_t e)
{
    uint64_t key = typed_key(initials_key(L->t, L->S, &L->E->m[L->E->e[e].name_mention]),
                             L->E->e[e].type);
    L->eakey[e] = key;
    if (!key)
        return;
    acroslot *s = acro_slot(L, key);
    s->key = key;
    if (s->n == s->cap) { /* a heap of twice the room, at the end */
        uint32_t cap = s->cap ? 2 * s->cap : 1;
        memcpy(L->heap + L->hused, L->heap + s->off, s->n * sizeof *L->heap);
        s->off = (uint32_t)L->hused;
        s->cap = cap;
        L->hused += cap;
    }
    int32_t *h = L->heap + s->off;
    size_t i = s->n++;
    for (; i > 0 && h[(i - 1) / 2] > e; i = (i - 1) / 2)
        h[i] = h[(i - 1) / 2];
    h[i] = e;
}

/* The first ORG entity whose name's initials are key, or -1. */
static int32_t acro_find(const linker *L, uint64_t key)
{
    acroslot *s = acro_slot(L, key);
    int32_t *h = L->heap + s->off;
    while (s->n && L->eakey[h[0]] != key) { /* renamed since: off the heap */
        int32_t v = h[--s->n];
        size_t i = 0, n = s->n;
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= n)
                break;
            if (c + 1 < n && h[c + 1] < h[c])
                c++;
            if (h[c] >= v)
                break;
            h[i] = h[c];
            i = c;
        }
        if (n)
            h[i] = v;
    }
    return s->n ? h[0] : -1;
}

/* A new entity of mention mi's type, named by mi, under mention keym's key. */
static int new_entity(linker *L, size_t mi, size_t keym)
{
    nci_ents *E = L->E;
    nci_entity *e = E->ne < E->cape ? E->e : nci_grow(E->e, &E->cape, E->ne + 1, sizeof *e);
    if (!e)
        return -1;
    E->e = e;
    int32_t id = (int32_t)E->ne++;
    e[id] = (nci_entity){E->m[mi].type, (uint32_t)mi, NULL, 0};
    E->m[mi].entity = id;
    L->ekey[id] = (uint32_t)keym;
    size_t i = L->khash[keym] & L->kmask;
    while (L->kslot[i])
        i = (i + 1) & L->kmask;
    L->kslot[i] = id + 1;
    if (has_acronyms(e[id].type)) {
        acro_add(L, id);
        /* an acronym's entity, for a spelled-out name after it */
        uint64_t ak = typed_key(acronym_key(L->t, L->S, &E->m[mi]), e[id].type);
        if (ak) {
            size_t j = short_slot(L, ak);
            if (!L->short_key[j]) {
                L->short_key[j] = ak;
                L->short_ent[j] = id;
            }
        }
    }
    return 0;
}

/* The entity of the first acronym of type ty whose letters are the
 * initials of mention m ("U.S." for "United States"); -1 when none. */
static int32_t short_find(const linker *L, const nci_mention *m)
{
    uint64_t k = typed_key(initials_key(L->t, L->S, m), m->type);
    size_t j = k ? short_slot(L, k) : 0;
    return k && L->short_key[j] ? L->short_ent[j] : -1;
}

/* The working state of link() for E->nm mentions.  -1 when out of memory. */
static int link_setup(linker *L, arena *a)
{
    size_t nm = L->E->nm, norg = 0, size = 16, asize = 16;
    for (size_t i = 0; i < nm; i++)
        norg += has_acronyms(L->E->m[i].type);
    while (size < 2 * nm + 2)
        size *= 2;
    /* entries: an ORG entity each, and one more each time a name changes */
    while (asize < 4 * norg + 2)
        asize *= 2;
    L->koff = arena_take(a, nm * sizeof *L->koff);
    L->klen = arena_take(a, nm * sizeof *L->klen);
    L->khash = arena_take(a, nm * sizeof *L->khash);
    L->ekey = arena_take(a, nm * sizeof *L->ekey);
    L->eakey = arena_take(a, nm * sizeof *L->eakey);
    L->kslot = arena_zero(a, size * sizeof *L->kslot);
    L->aslot = arena_zero(a, asize * sizeof *L->aslot);
    /* heaps doubled from one: at most four times their entries */
    L->heap = arena_take(a, (8 * norg + 1) * sizeof *L->heap);
    L->short_key = arena_zero(a, size * sizeof *L->short_key);
    L->short_ent = arena_take(a, size * sizeof *L->short_ent);
    L->smask = size - 1;
    L->kmask = size - 1;
    L->amask = asize - 1;
    L->hused = 0;
    nci_entity *e = nci_grow(L->E->e, &L->E->cape, nm, sizeof *e);
    if (e)
        L->E->e = e;
    if (!e || !L->koff || !L->klen || !L->khash || !L->ekey || !L->eakey || !L->kslot || !L->aslot ||
        !L->heap || !L->short_key || !L->short_ent || fold_keys(L))
        return -1;
    return lone_setup(L, a);
}

static int link(const char *t, const nci_segs *S, nci_ents *E, arena *a)
{
    if (!E->nm)
        return 0;
    nci_mention *tmp = arena_take(a, E->nm * sizeof *tmp);
    if (!tmp)
        return -1;
    sort_mentions(E->m, E->nm, tmp);
    linker L = {.t = t, .S = S, .E = E};
    if (link_setup(&L, a))
        return -1;
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        int32_t target = key_find(&L, i, m->type);
        if (target < 0 && L.nks && is_lone(m)) {
            /* The nearest full name before it with this word, else after. */
            int32_t j = run_find(&L, i);
            if (j >= 0)
                target = E->m[j].entity;
            else if ((j = L.later[i]) >= 0 && (target = key_find(&L, (size_t)j, NCI_ENT_PERSON)) < 0) {
                /* A later full name: its entity, made now. */
                if (new_entity(&L, i, (size_t)j))
                    return -1;
                target = (int32_t)E->ne - 1;
                E->e[target].name_mention = (uint32_t)j;
            }
        }
        if (target < 0 && has_acronyms(m->type)) {
            uint64_t ak = typed_key(acronym_key(t, S, m), m->type);
            /* an acronym after its name, or a name after its acronym */
            target = ak ? acro_find(&L, ak) : short_find(&L, m);
        }
        if (target >= 0) {
            m->entity = target;
            nci_entity *e = &E->e[target];
            if (m->ntok > E->m[e->name_mention].ntok && m->type != NCI_ENT_DATE) {
                e->name_mention = (uint32_t)i;
                if (has_acronyms(e->type))
                    acro_add(&L, target);
            }
        } else if (new_entity(&L, i, i)) {
            return -1;
        }
        E->e[m->entity].nmentions++;
        if (L.nks && is_full(m))
            put_runs(&L, i);
    }
    /* An entity's key is that of its name. */
    for (size_t e = 0; e < E->ne; e++)
        E->e[e].key = E->keys + L.koff[E->e[e].name_mention];
    return 0;
}

/* ---------------------------------------------------------------- texts */

/* A hash table of texts (byte ranges of the document), each numbered in
 * the order it was first added (vote_types, drop_unintroduced). */
typedef struct textref {
    uint64_t h;
    uint32_t start, len;
} textref;

typedef struct textset {
    textref *v;
    size_t n;
    uint32_t *slot; /* number + 1; 0: empty */
    size_t mask;
} textset;

/* An empty set for at most max texts (scratch from a).  -1 when out of
 * memory. */
static int textset_init(textset *ts, arena *a, size_t max)
{
    size_t size = 16;
    while (size < 2 * max + 2)
        size *= 2;
    ts->v = arena_take(a, max * sizeof *ts->v + 1);
    ts->slot = arena_zero(a, size * sizeof *ts->slot);
    ts->mask = size - 1;
    ts->n = 0;
    return ts->v && ts->slot ? 0 : -1;
}

/* The slot of t[start, start + len): its own, or the empty one where it
 * goes. */
static inline uint32_t *textset_slot(const textset *ts, const char *t, uint32_t start, uint32_t len,
                                     uint64_t h)
{
    for (size_t i = h & ts->mask;; i = (i + 1) & ts->mask) {
        uint32_t *s = &ts->slot[i];
        if (!*s || (ts->v[*s - 1].h == h && ts->v[*s - 1].len == len &&
                    !memcmp(t + ts->v[*s - 1].start, t + start, len)))
            return s;
    }
}

/* The number of t[start, start + len), added if new. */
static uint32_t textset_add(textset *ts, const char *t, uint32_t start, uint32_t len)
{
    uint64_t h = mem_hash(t + start, len);
    uint32_t *s = textset_slot(ts, t, start, len, h);
    if (!*s) {
        ts->v[ts->n] = (textref){h, start, len};
        *s = (uint32_t)++ts->n;
    }
    return *s - 1;
}

/* Whether t[start, start + len) is in the set. */
static int textset_has(const textset *ts, const char *t, uint32_t start, uint32_t len)
{
    return *textset_slot(ts, t, start, len, mem_hash(t + start, len)) != 0;
}

/* ---------------------------------------------------------------- demonyms */

/* The one-word places of the document in a stems table (from scratch a).
 * -1 when out of memory. */
static int demonym_places(const char *t, const nci_segs *S, const nci_ents *E, arena *a,
                          stems *st)
{
    size_t k = 0, nslots;
    for (size_t i = 0; i < E->nm; i++)
        k += E->m[i].type == NCI_ENT_LOC && E->m[i].ntok == 1;
    const char **p = arena_take(a, k * sizeof *p + 1);
    size_t *len = arena_take(a, k * sizeof *len + 1);
    void *mem = arena_take(a, stems_size(k, &nslots));
    if (!p || !len || !mem)
        return -1;
    k = 0;
    for (size_t i = 0; i < E->nm; i++) {
        const nci_mention *m = &E->m[i];
        if (m->type == NCI_ENT_LOC && m->ntok == 1) {
            const nci_tok *pk = &S->toks[m->tok];
            p[k] = t + pk->start;
            len[k++] = pk->end - pk->start;
        }
    }
    stems_fill(st, mem, nslots, p, len, k);
    return 0;
}

/* The adjective of a place the document names is no entity of its own
 * ("Venezuelan opposition"), and it leads no name ("Venezuelan NGO Foro
 * Penal" -> "Foro Penal", with the role word after it). */
static int drop_demonyms(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E,
                         arena *a)
{
    size_t w = 0, first = E->nm;
    stems pl = {0};
    uint64_t h[8];
    /* the places, when a name starts with a word of an adjective's shape
     * (the first such name: first; none before it) */
    for (size_t i = 0; i < E->nm && !pl.slot; i++) {
        const nci_tok *k = &S->toks[E->m[i].tok];
        if (E->m[i].type >= NCI_ENT_PERSON && E->m[i].type <= NCI_ENT_LOC &&
            demonym_stems(t + k->start, k->end - k->start, h)) {
            first = i;
            if (demonym_places(t, S, E, a, &pl))
                return -1;
        }
    }
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (m->type == NCI_ENT_PERSON || m->type == NCI_ENT_ORG || m->type == NCI_ENT_LOC) {
            uint32_t tok = m->tok, ntok = m->ntok;
            while (i >= first && ntok > 0) {
                const char *fw = t + S->toks[tok].start;
                size_t fn = S->toks[tok].end - S->toks[tok].start, nh = demonym_stems(fw, fn, h);
                if (!nh || !stems_match(&pl, h, nh, fw, fn))
                    break;
                /* an organisation whose name starts with the adjective
                 * keeps it ("Canadian Press", "Australian Labor Party")
                 * unless a role word follows ("Venezuelan NGO Foro Penal") */
                if (m->type == NCI_ENT_ORG && ntok > 1) {
                    const nci_tok *k = &S->toks[tok + 1];
                    if (nci_wordset_get(lex->roles, t + k->start, k->end - k->start) != ROLE_HEAD)
                        break;
                }
                tok++;
                ntok--;
                /* a role word after it: "NGO", "government" */
                while (ntok > 1) {
                    const nci_tok *k = &S->toks[tok];
                    if (nci_wordset_get(lex->roles, t + k->start, k->end - k->start) != ROLE_HEAD)
                        break;
                    tok++;
                    ntok--;
                }
            }
            if (ntok == 1) {
                const nci_tok *k = &S->toks[tok];
                const char *kw = t + k->start;
                size_t wl = k->end - k->start;
                if (nci_wordset_get(lex->langs, kw, wl))
                    ntok = 0; /* "Welsh", "Italian" */
                /* a title or a role word alone names no one ("Pope" of
                 * "Pope Leo XIV" cut off, "NGO", "Committee") */
                else if (nci_wordset_get(lex->titles, kw, wl) ||
                         nci_wordset_get(lex->roles, kw, wl) == ROLE_HEAD)
                    ntok = 0;
            }
            if (ntok == 0)
                continue;
            m->tok = tok;
            m->ntok = ntok;
            m->start = S->toks[tok].start;
        }
        if (w != i)
            E->m[w] = *m;
        w++;
    }
    E->nm = w;
    return 0;
}

/* Document-level consistency: the same name is one kind of thing throughout
 * a document.  Every PERSON/ORG/LOC mention of a string takes the type most
 * of its mentions have (a tie keeps each mention's own), or the type that
 * the cues around some of them gave (nci_mention.sure) when they agree: a
 * name is a club all through the report that says "Roma defender" once.
 * The mentions are grouped by their text in a hash table.  -1 when out of
 * memory. */
static int vote_types(const char *t, nci_ents *E, arena *a)
{
    if (E->nm < 2)
        return 0;
    textset ts;
    /* per text: mentions of each type; in [0], the winner (0: a tie); in
     * sure[], the types given by cues (bit per type) */
    unsigned (*cnt)[4] = arena_zero(a, E->nm * sizeof *cnt);
    unsigned char *sure = arena_zero(a, E->nm);
    uint32_t *grp = arena_take(a, E->nm * sizeof *grp);
    if (!cnt || !sure || !grp || textset_init(&ts, a, E->nm))
        return -1;
    for (size_t i = 0; i < E->nm; i++) {
        const nci_mention *m = &E->m[i];
        if (m->type >= 1 && m->type <= 3) {
            grp[i] = textset_add(&ts, t, m->start, m->end - m->start);
            cnt[grp[i]][m->type]++;
            if (m->sure)
                sure[grp[i]] |= (unsigned char)(1u << m->type);
        }
    }
    for (size_t g = 0; g < ts.n; g++) {
        unsigned best = 0, bc = 0, tie = 0;
        for (unsigned c = 1; c <= 3; c++) {
            if (sure[g] == 1u << c) {
                best = c;
                tie = 0;
                break;
            }
            if (cnt[g][c] > bc) {
                bc = cnt[g][c];
                best = c;
                tie = 0;
            } else if (cnt[g][c] == bc && bc) {
                tie = 1;
            }
        }
        cnt[g][0] = tie ? 0 : best;
    }
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (m->type >= 1 && m->type <= 3 && cnt[grp[i]][0])
            m->type = (unsigned char)cnt[grp[i]][0];
    }
    return 0;
}

/* "US Federal Reserve", "US Department of Justice": the country is a place
 * of its own before a body of its government (CoNLL), not part of the
 * body's name.  An organisation's (or a place's) name of two tokens or
 * more whose first is "US" and which has one of these words is cut in two:
 * a LOC and the body's ORG.  Not "US Airways" nor the bodies that have
 * the country in their names ("UK Independence Party", "British
 * Council").  -1 when out of memory, else 0. */
static int split_country(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E)
{
    size_t n0 = E->nm;
    for (size_t i = 0; i < n0; i++) {
        const nci_mention m = E->m[i];
        if ((m.type != NCI_ENT_ORG && m.type != NCI_ENT_LOC) || m.ntok < 2 ||
            S->toks[m.tok].end - S->toks[m.tok].start != 2 || memcmp(t + m.start, "US", 2))
            continue;
        int gov = 0;
        for (uint32_t k = m.tok + 1; k < m.tok + m.ntok && !gov; k++)
            gov = (nci_wordset_get(lex->cues, t + S->toks[k].start,
                                   S->toks[k].end - S->toks[k].start) & CUE_GOV) != 0;
        if (!gov)
            continue;
        if (add_mention(E, S, m.sent, m.tok, 1, NCI_ENT_LOC))
            return -1;
        E->m[i].tok++;
        E->m[i].ntok--;
        E->m[i].start = S->toks[E->m[i].tok].start;
        E->m[i].type = NCI_ENT_ORG;
    }
    return 0;
}

/* What follows ORG mention m: 0 no 's right after it, 2 its 's and then a
 * verb or a punctuation mark ("McDonald's said", "at McDonald's."), 1
 * its 's and then something else. */
static int name_s(const nci_entlex *lex, const char *t, const nci_segs *S,
                  const nci_mention *m)
{
    const nci_sent *x = &S->sents[m->sent];
    size_t nx = m->tok + m->ntok, end = x->tok_first + x->tok_count;
    if (nx >= end || S->toks[nx].start != m->end || !is_possessive(t, &S->toks[nx]))
        return 0;
    if (nx + 1 >= end)
        return 2;
    const nci_tok *v = &S->toks[nx + 1];
    size_t vl = v->end - v->start;
    if ((nci_wordset_get(lex->cues_any, t + v->start, vl) & CUE_ANY_SUBJV) ||
        (vl == 1 && memchr(".,;:", t[v->start], 4)))
        return 2;
    return 1;
}

/* A company named with its 's ("McDonald's", "Foster's", "Sotheby's"):
 * where every mention of an organisation's name in the document has 's
 * right after it, and after one of them comes a verb or a punctuation
 * mark (name_s 2), the 's is part of the name, not a possessive.  Nothing
 * to do (no table of names made) when no mention has that.  -1 when out
 * of memory, else 0. */
static int keep_name_s(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E,
                       arena *a)
{
    size_t i = 0;
    while (i < E->nm && !(E->m[i].type == NCI_ENT_ORG && name_s(lex, t, S, &E->m[i]) == 2))
        i++;
    if (i == E->nm)
        return 0;
    textset ts;
    /* per text: 1 an ORG mention without 's, 2 one with 's before a verb */
    uint8_t *flag = arena_zero(a, E->nm + 1);
    uint32_t *grp = arena_take(a, (E->nm + 1) * sizeof *grp);
    if (!flag || !grp || textset_init(&ts, a, E->nm))
        return -1;
    for (i = 0; i < E->nm; i++) {
        const nci_mention *m = &E->m[i];
        if (m->type != NCI_ENT_ORG)
            continue;
        grp[i] = textset_add(&ts, t, m->start, m->end - m->start);
        int f = name_s(lex, t, S, m);
        if (f != 1)
            flag[grp[i]] |= (uint8_t)(f ? 2 : 1);
    }
    for (i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (m->type == NCI_ENT_ORG && flag[grp[i]] == 2) {
            m->end = S->toks[m->tok + m->ntok].end;
            m->ntok++;
        }
    }
    return 0;
}

/* Types by the name and its neighbours (fix_types, below its helpers):
 * - a name that is a country's name is a place, also where it stands for a
 *   team or a government (CoNLL's rule): "France", "Israel";
 * - a station's number, a company's legal form, an initial before a
 *   surname, a club in brackets after a player, a town in a sports report:
 *   see the comments at each rule;
 * - another name on either side of "v" or "vs" is a team ("Everton v
 *   Plymouth"), an organisation;
 * - so is a one-word name before a word for a team's people ("Villa boss"). */
/* The CUE_ bits of token k (lex->cues). */
static inline int tok_cues(const nci_entlex *lex, const char *t, const nci_tok *k)
{
    return nci_wordset_get(lex->cues, t + k->start, k->end - k->start);
}

/* Whether token k is "v", "vs" or "vs.". */
static int is_versus(const char *t, const nci_tok *k)
{
    size_t n = k->end - k->start;
    const char *w = t + k->start;
    return (n == 1 && w[0] == 'v') || (n == 2 && !memcmp(w, "vs", 2)) ||
           (n == 3 && !memcmp(w, "vs.", 3));
}

/* Whether the document reads as a sports report: three different words of
 * sports or match reports occur in it ("striker", "referee", "rugby").
 * Measured on the BBC articles' own sections (not read by the rule): 214
 * of 511 sport articles pass (most others are athletics and tennis), and 8
 * of 1,714 others, all about football or rugby (clubs' finances, games). */
static int sports_report(const nci_entlex *lex, const char *t, const nci_segs *S)
{
    uint64_t seen[2] = {0, 0};
    int hits = 0;
    for (const nci_tok *k = S->toks, *e = k + S->ntoks; k < e; k++) {
        if (k->kind != NC_TOKEN_WORD || !may_be(&lex->sport_len, t + k->start, k->end - k->start))
            continue;
        int v = nci_wordset_get(lex->sport, t + k->start, k->end - k->start) - 1;
        if (v >= 0 && !(seen[v >> 6] & (1ULL << (v & 63)))) {
            seen[v >> 6] |= 1ULL << (v & 63);
            if (++hits == 3)
                return 1;
        }
    }
    return 0;
}

static int kin_before(const nci_entlex *lex, const char *t, const nci_segs *S, const nci_mention *m);

/* Whether name m, which ends in "Bank", is a place's ("West Bank", "South
 * Bank", "Left Bank": a compass word before it) or a person's ("Rob Da
 * Bank": a person's name that begins with a given name). */
static int is_bank_place(const nci_entlex *lex, const char *t, const nci_segs *S,
                         const nci_mention *m)
{
    const nci_tok *a = &S->toks[m->tok + m->ntok - 2], *f = &S->toks[m->tok];
    if (nci_tok_is(t, a, "west") || nci_tok_is(t, a, "south") || nci_tok_is(t, a, "north") ||
        nci_tok_is(t, a, "east") || nci_tok_is(t, a, "left"))
        return 1;
    return m->type == NCI_ENT_PERSON &&
           (nci_tagger_model_gaz_word(lex->model, t + f->start, f->end - f->start) &
            (1u << NCI_GAZ_GIVEN)) != 0;
}

/* Whether mention m is an acronym in brackets right after mention p whose
 * initials it spells: "p (m)". */
static int bracket_acronym(const char *t, const nci_segs *S, const nci_mention *p,
                           const nci_mention *m)
{
    const nci_sent *x = &S->sents[m->sent];
    size_t nx = m->tok + m->ntok;
    if (p->sent != m->sent || p->tok + p->ntok + 1 != m->tok || nx >= x->tok_first + x->tok_count ||
        !nci_tok_is(t, &S->toks[m->tok - 1], "(") || !nci_tok_is(t, &S->toks[nx], ")"))
        return 0;
    uint64_t k = acronym_key(t, S, m);
    return k && k == initials_key(t, S, p);
}

static void fix_types(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E)
{
    int sport = -1; /* sports_report(), asked only when a rule needs it */
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (m->type < NCI_ENT_PERSON || m->type > NCI_ENT_LOC)
            continue;
        if (nci_wordset_get(lex->countries, t + m->start, m->end - m->start)) {
            m->type = NCI_ENT_LOC;
            continue;
        }
        /* an acronym in brackets that spells the name before it has the
         * name's type ("International Labour Organisation (ILO)", "Kennedy
         * Space Center (KSC)", a facility); a person's name has no such
         * acronym, so that one is an organisation's */
        if (i > 0 && bracket_acronym(t, S, &E->m[i - 1], m)) {
            nci_mention *p = &E->m[i - 1];
            if (p->type == NCI_ENT_PERSON)
                p->type = NCI_ENT_ORG;
            m->type = p->type;
            m->sure = p->sure = 1;
            continue;
        }
        /* the sentence, the last token (z, with its CUE_ bits zv: asked
         * once for the rules below), the token after (q, NULL at the
         * sentence's end; its bits qv asked when a rule needs them) */
        const nci_sent *x = &S->sents[m->sent];
        size_t first = x->tok_first, end = first + x->tok_count, nx = m->tok + m->ntok;
        const nci_tok *z = &S->toks[nx - 1], *q = nx < end ? &S->toks[nx] : NULL;
        const nci_tok *p = m->tok > first ? &S->toks[m->tok - 1] : NULL;
        int zv = tok_cues(lex, t, z), qv = -1;
        /* a name ending in an institution's word; or in "Bank", but not
         * a place's ("West Bank", "South Bank") nor a person's ("Rob Da
         * Bank") */
        if ((zv & CUE_INST) || (m->ntok > 1 && nci_tok_is(t, z, "bank") && t[z->start] == 'B' &&
                                !is_bank_place(lex, t, S, m))) {
            m->type = NCI_ENT_ORG;
            m->sure = 1;
            continue;
        }
        /* a band's people right after it ("Keane frontman") */
        if (m->type == NCI_ENT_PERSON && q && t[q->start] >= 'a' &&
            (nci_wordset_get(lex->cues_any, t + q->start, q->end - q->start) & CUE_ANY_BAND)) {
            m->type = NCI_ENT_ORG;
            m->sure = 1;
            continue;
        }
        /* a company's noun right before it ("oil firm Shell"), not an
         * adjective ("the giant US deficit") */
        if (p && (tok_cues(lex, t, p) & CUE_FIRM) &&
            !(nci_tok_is(t, p, "giant") && m->tok >= first + 2 &&
              (nci_tok_is(t, p - 1, "the") || nci_tok_is(t, p - 1, "a")))) {
            m->type = NCI_ENT_ORG;
            m->sure = 1;
            continue;
        }
        /* a name in brackets right after a person's is the person's club
         * in a squad list ("J Smith (Wasps)"); not a country ("(US)": the
         * first rule) nor a person's name ("Hamlet (Kate Winslet)").  The
         * person's is the mention before (mentions are in text order and
         * do not overlap), as typed by now */
        if (m->type != NCI_ENT_ORG && (m->type != NCI_ENT_PERSON || m->ntok == 1) &&
            !(m->ntok == 1 && m->end - m->start <= 3) && /* "(US)", "(SA)": a country */
            m->tok >= first + 2 && q && nci_tok_is(t, p, "(") && nci_tok_is(t, q, ")") && i > 0 &&
            E->m[i - 1].type == NCI_ENT_PERSON &&
            E->m[i - 1].tok + E->m[i - 1].ntok == m->tok - 1) {
            m->type = NCI_ENT_ORG;
            continue;
        }
        /* in a sports report a town is its club ("Leicester beat Derby",
         * "Stoke City": a name ending in a club's word, CUE_CLUB), except
         * where it is a venue or a journey's end ("in Cardiff", "at
         * Twickenham", "to Leeds", "from Hull"); nothing to ask once the
         * document is known to be none */
        if (m->type != NCI_ENT_ORG && sport) {
            int club = m->ntok > 1 && (zv & CUE_CLUB);
            if (!club && m->type == NCI_ENT_LOC && m->ntok == 1 &&
                (nci_tagger_model_gaz_word(lex->model, t + m->start, m->end - m->start) &
                 ((1u << NCI_GAZ_CITY) | (1u << NCI_GAZ_COUNTRY))) == (1u << NCI_GAZ_CITY)) {
                club = !(p && (nci_tok_is(t, p, "in") || nci_tok_is(t, p, "at") ||
                               nci_tok_is(t, p, "to") || nci_tok_is(t, p, "from") ||
                               nci_tok_is(t, p, "near")));
                /* nor where it qualifies a noun other than a team's after
                 * an article or a possessive ("a London hotel", "the Dublin
                 * trip", "their Surrey base"; not "the Glasgow club") */
                if (club && p && q && q->kind == NC_TOKEN_WORD && t[q->start] >= 'a' &&
                    t[q->start] <= 'z' &&
                    (nci_tok_is(t, p, "a") || nci_tok_is(t, p, "the") ||
                     nci_tok_is(t, p, "their") || nci_tok_is(t, p, "his") ||
                     nci_tok_is(t, p, "its") || nci_tok_is(t, p, "her")) &&
                    !((qv = tok_cues(lex, t, q)) & (CUE_TEAM | CUE_SQUAD)))
                    club = 0;
            }
            if (club && sport < 0)
                sport = sports_report(lex, t, S);
            if (club && sport) {
                m->type = NCI_ENT_ORG;
                continue;
            }
        }
        /* a station's number belongs to its name ("BBC Radio 4", "Channel
         * 4"): a name ending in Radio or Channel takes the number after it */
        if (q && q->kind == NC_TOKEN_NUMBER && q->start == m->end + 1 && q->end - q->start <= 2 &&
            (nci_tok_is(t, z, "radio") || nci_tok_is(t, z, "channel"))) {
            m->ntok++;
            m->end = q->end;
            m->type = NCI_ENT_ORG;
            continue;
        }
        /* an initial and a surname are a person ("S Lamont" in a team
         * list); not "A" or "I", which are also words, nor an initial
         * before a country's name ("N Ireland").  Regions and cities are
         * not excluded: most surnames are also places (Douglas, Murray) */
        if (m->ntok == 2 && m->type != NCI_ENT_PERSON) {
            const nci_tok *a = &S->toks[m->tok];
            unsigned char c = (unsigned char)t[a->start];
            if (a->end - a->start == 1 && c >= 'B' && c <= 'Z' && c != 'I' &&
                !(nci_tagger_model_gaz_word(lex->model, t + z->start, z->end - z->start) &
                  (1u << NCI_GAZ_COUNTRY))) {
                m->type = NCI_ENT_PERSON;
                continue;
            }
        }
        if (m->type != NCI_ENT_PERSON && kin_before(lex, t, S, m)) {
            m->type = NCI_ENT_PERSON;
            continue;
        }
        /* a name ending in a company's legal form (CUE_LEGAL), or right
         * before one, is an organisation ("Eberhard Faber GmbH", "Acme
         * Ltd") */
        if (m->ntok > 1 && (zv & CUE_LEGAL)) {
            m->type = NCI_ENT_ORG;
            continue;
        }
        if (q && qv < 0)
            qv = tok_cues(lex, t, q);
        if (q && q->start == m->end + 1 && (qv & CUE_LEGAL)) {
            m->ntok++;
            m->end = q->end;
            m->type = NCI_ENT_ORG;
            continue;
        }
        /* another name on either side of "v" or "vs" */
        if ((p && is_versus(t, p)) || (q && is_versus(t, q))) {
            m->type = NCI_ENT_ORG;
            continue;
        }
        /* "Villa boss", "Leicester fans", "Bolton striker": a name before
         * one of a team's people (CUE_TEAM) is the team (one-word persons
         * and places) */
        if (m->type == NCI_ENT_ORG || (m->type == NCI_ENT_PERSON && m->ntok > 1) || !q)
            continue;
        if ((qv & CUE_SQUAD) && sport < 0)
            sport = sports_report(lex, t, S);
        if ((qv & CUE_TEAM) || ((qv & CUE_SQUAD) && sport)) {
            m->type = NCI_ENT_ORG;
            m->sure = !(qv & CUE_CROWD);
        }
    }
}


/* Whether one-word PERSON mention m stands after a title ("President
 * Trump") or beside another PERSON name in a coordination ("Trump and Marco
 * Rubio", "Rubio, Trump", "Carsley and Bramble").  pstart/pend: 1 at the
 * first/last token of every PERSON mention, as the tagger typed them. */
static int person_by_context(const nci_entlex *lex, const char *t, const nci_segs *S,
                             const nci_mention *m, const uint8_t *pstart, const uint8_t *pend)
{
    const nci_sent *x = &S->sents[m->sent];
    size_t first = x->tok_first, end = first + x->tok_count;
    if (m->tok > first) {
        const nci_tok *p = &S->toks[m->tok - 1];
        if (nci_wordset_get(lex->titles, t + p->start, p->end - p->start))
            return 1;
    }
    /* coordination: the token after (or before) is and/or/","; a PERSON
     * starts right after it (or ends right before it) */
    size_t c = m->tok + m->ntok;
    if (c + 1 < end && pstart[c + 1] &&
        (nci_tok_is(t, &S->toks[c], "and") || nci_tok_is(t, &S->toks[c], "or") ||
         nci_tok_is(t, &S->toks[c], ",")))
        return 1;
    if (m->tok >= first + 2 && pend[m->tok - 2]) {
        const nci_tok *k = &S->toks[m->tok - 1];
        if (nci_tok_is(t, k, "and") || nci_tok_is(t, k, "or") || nci_tok_is(t, k, ","))
            return 1;
    }
    return 0;
}

/* Whether mention m follows "<place noun> of" ("the village of Atwick",
 * "the state of Hessen"; CUE_ANY_PLACE).  A locative preposition alone
 * ("in", "at") was measured and left out: news has "a stake in Nissan",
 * "jobs at Intel". */
/* Whether mention m follows a kinship noun of someone's ("his wife,
 * Cilia Flores", "Maduro's son Nicolas", "their daughter Ana"; CUE_ANY_KIN):
 * "his", "her", "their" or a possessive, the noun, maybe a comma, the name.
 * Not "its": a company's "sister" or "parent" is a company. */
static int kin_before(const nci_entlex *lex, const char *t, const nci_segs *S, const nci_mention *m)
{
    size_t first = S->sents[m->sent].tok_first, k = m->tok;
    if (k > first && nci_tok_is(t, &S->toks[k - 1], ","))
        k--;
    if (k < first + 2)
        return 0;
    const nci_tok *n = &S->toks[k - 1], *d = &S->toks[k - 2];
    if (!(nci_wordset_get(lex->cues_any, t + n->start, n->end - n->start) & CUE_ANY_KIN))
        return 0;
    return nci_tok_is(t, d, "his") || nci_tok_is(t, d, "her") || nci_tok_is(t, d, "their") ||
           is_possessive(t, d);
}

static int place_context(const nci_entlex *lex, const char *t, const nci_segs *S, const nci_mention *m)
{
    size_t first = S->sents[m->sent].tok_first;
    if (m->tok < first + 2 || !nci_tok_is(t, &S->toks[m->tok - 1], "of"))
        return 0;
    const nci_tok *p = &S->toks[m->tok - 2];
    return (nci_wordset_get(lex->cues_any, t + p->start, p->end - p->start) & CUE_ANY_PLACE) != 0;
}

/* News introduces a person by full name before it uses the surname alone.
 * A one-word PERSON name that is part of no longer PERSON name in the
 * document, is no given name or famous person of the model's gazetteers,
 * and at none of its mentions follows a title or is coordinated with
 * another PERSON is most often a company, a club, a product or a title the
 * tagger took for a surname ("Yukos", "Gazprom", "Oscar"): it is dropped.
 * Measured (make score-ner): GUM dev 0.691 -> 0.701, wikigold held-out
 * 0.681 -> 0.691, seeds 0.867 -> 0.872; on the BBC articles it drops 1,189
 * of 48,586 mentions, of which about 4 in 5 (in a sample of 50) were not
 * persons.  Retyping them ORG instead measured worse (GUM 0.642).
 * O(M log M + T) in mentions and tokens: names are grouped by hash.
 * Returns -1 when out of memory (nothing dropped then), else 0. */
static int drop_unintroduced(const nci_entlex *lex, const char *t, const nci_segs *S,
                             nci_ents *E, arena *a)
{
    size_t nw = 0, n1 = 0;
    for (size_t i = 0; i < E->nm; i++) {
        const nci_mention *m = &E->m[i];
        if (m->type != NCI_ENT_PERSON)
            continue;
        if (m->ntok == 1)
            n1++;
        else
            nw += 2 * (m->end - m->start) + 2; /* words and their parts before an apostrophe */
    }
    if (!n1)
        return 0;
    textset words, ones;
    uint32_t *grp = arena_take(a, E->nm * sizeof *grp);
    uint8_t *pstart = arena_zero(a, 2 * S->ntoks + 2), *pend = pstart + S->ntoks + 1;
    /* per one-word name: 1 kept as a person, 2 a place, 0 dropped */
    uint8_t *to = arena_zero(a, n1);
    if (!grp || !pstart || !to || textset_init(&words, a, nw) || textset_init(&ones, a, n1))
        return -1;
    /* the words of the longer PERSON names: each space-separated word, and
     * its part before an apostrophe ("Lopez" of "Lopez's"); the one-word
     * names, each kept or dropped with all its mentions */
    for (size_t i = 0; i < E->nm; i++) {
        const nci_mention *m = &E->m[i];
        if (m->type != NCI_ENT_PERSON)
            continue;
        pstart[m->tok] = 1;
        pend[m->tok + m->ntok - 1] = 1;
        if (m->ntok == 1) {
            grp[i] = textset_add(&ones, t, m->start, m->end - m->start);
            continue;
        }
        for (uint32_t p = m->start; p < m->end;) {
            uint32_t q = p;
            while (q < m->end && t[q] != ' ')
                q++;
            if (q > p) {
                textset_add(&words, t, p, q - p);
                const char *ap = memchr(t + p + 1, '\'', q - p - 1);
                if (ap)
                    textset_add(&words, t, p, (uint32_t)(ap - t) - p);
            }
            p = q + 1;
        }
    }
    for (size_t g = 0; g < ones.n; g++) {
        const char *w = t + ones.v[g].start;
        size_t len = ones.v[g].len;
        to[g] = textset_has(&words, t, ones.v[g].start, ones.v[g].len) ||
                (nci_tagger_model_gaz_word(lex->model, w, len) &
                 (1u << NCI_GAZ_GIVEN | 1u << NCI_GAZ_PERSON));
    }
    for (size_t i = 0; i < E->nm; i++)
        if (is_lone(&E->m[i]) && !to[grp[i]] && person_by_context(lex, t, S, &E->m[i], pstart, pend))
            to[grp[i]] = 1;
    /* not a person: a place where one of its mentions follows "village
     * of", "state of", ..., else nothing */
    for (size_t i = 0; i < E->nm; i++)
        if (is_lone(&E->m[i]) && !to[grp[i]] && place_context(lex, t, S, &E->m[i]))
            to[grp[i]] = 2;
    size_t k = 0;
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (is_lone(m) && to[grp[i]] != 1) {
            if (!to[grp[i]])
                continue;
            m->type = NCI_ENT_LOC;
        }
        E->m[k++] = *m;
    }
    E->nm = k;
    return 0;
}

/* Whether token k is a Roman numeral of a regnal or serial name ("XIV",
 * "II", "I"): letters I, V, X, L only, at most five. */
static int is_roman(const char *t, const nci_tok *k)
{
    size_t n = k->end - k->start;
    if (k->kind != NC_TOKEN_WORD || n == 0 || n > 5)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[k->start + i];
        if (c != 'I' && c != 'V' && c != 'X' && c != 'L')
            return 0;
    }
    return 1;
}

/* A Roman numeral after a name belongs to it: "Pope Leo XIV", "Henry VIII",
 * "Rodeo I" (a prison).  "I" only after a place or an organisation and
 * before punctuation or the sentence's end, where it can't be the pronoun
 * ("..., Smith I think"); after a person it is left out, as GUM annotates
 * "Norton I". */
static void extend_numerals(const char *t, const nci_segs *S, nci_ents *E)
{
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (m->type < NCI_ENT_PERSON || m->type > NCI_ENT_LOC)
            continue;
        const nci_sent *x = &S->sents[m->sent];
        size_t end = x->tok_first + x->tok_count, k = m->tok + m->ntok;
        if (k >= end || !is_roman(t, &S->toks[k]) || S->toks[k].start != m->end + 1)
            continue;
        /* a capitalised word after it: the numeral starts another name
         * ("Phil Mickelson LIV Golf") */
        if (k + 1 < end && S->toks[k + 1].kind == NC_TOKEN_WORD && S->toks[k + 1].cap)
            continue;
        if (S->toks[k].end - S->toks[k].start == 1 && t[S->toks[k].start] == 'I' &&
            (m->type == NCI_ENT_PERSON || (k + 1 < end && S->toks[k + 1].kind != NC_TOKEN_PUNCT)))
            continue;
        m->ntok++;
        m->end = S->toks[k].end;
    }
}

/* Whether token k is a quotation mark: " ' or a curly one. */
static int is_quote_mark(const char *t, const nci_tok *k)
{
    size_t n = k->end - k->start;
    const char *w = t + k->start;
    if (n == 1)
        return w[0] == '"' || w[0] == '\'';
    /* U+2018, U+2019, U+201C, U+201D */
    return n == 3 && (unsigned char)w[0] == 0xE2 && (unsigned char)w[1] == 0x80 &&
           ((unsigned char)w[2] == 0x98 || (unsigned char)w[2] == 0x99 ||
            (unsigned char)w[2] == 0x9C || (unsigned char)w[2] == 0x9D);
}

/* Titles of works and names of competitions and events are neither people,
 * organisations nor places (CoNLL's MISC, a type the output contract doesn't
 * have): a PERSON/ORG/LOC name right after a noun of works ("the film Vera
 * Drake") is dropped, and so is one of two or more words ending in an
 * event's word ("FA Cup", "Australian Open", "Brit Awards"; "Games" only
 * after a place or Olympic/Commonwealth: "Epic Games" is a company).
 * "Nations" only after a number word ("Six Nations", "Tri Nations"), so
 * that "United Nations" stays.  And a leading indefinite article is cut
 * from a name of three words or more ("A Financial Times poll" ->
 * "Financial Times"; "A Jones" in a team list keeps its initial). */
/* The first token of S that starts at byte off or after it (S->ntoks if
 * none). */
static size_t tok_from(const nci_segs *S, size_t off)
{
    size_t lo = 0, hi = S->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether token k of sentence x is the acronym, in brackets, of the
 * lower-case words right before it ("gross domestic product (GDP)",
 * "extraordinary general meeting (EGM)"): a term, no name.  The words'
 * parts between hyphens count as words ("high-definition TV"); "and" and
 * "of" may be skipped. */
static int is_term_acronym(const char *t, const nci_segs *S, const nci_sent *x, size_t k)
{
    const nci_tok *a = &S->toks[k];
    size_t al = a->end - a->start;
    if (al < 2 || al > 6 || k < x->tok_first + 2 || k + 1 >= x->tok_first + x->tok_count ||
        !nci_tok_is(t, &S->toks[k - 1], "(") || !nci_tok_is(t, &S->toks[k + 1], ")"))
        return 0;
    for (size_t i = 0; i < al; i++)
        if (t[a->start + i] < 'A' || t[a->start + i] > 'Z')
            return 0;
    /* the acronym's letters from the last, against the words' parts from
     * the last */
    size_t want = al;
    for (size_t j = k - 1; j-- > x->tok_first && want > 0;) {
        const nci_tok *w = &S->toks[j];
        if (w->kind == NC_TOKEN_PUNCT && nci_tok_is(t, w, "-"))
            continue;
        if (w->kind != NC_TOKEN_WORD || t[w->start] < 'a' || t[w->start] > 'z')
            return 0;
        for (size_t e = w->end; e > w->start && want > 0;) {
            size_t b = e;
            while (b > w->start && t[b - 1] != '-')
                b--;
            if (b < e) {
                if ((char)(t[b] - 32) == t[a->start + want - 1])
                    want--;
                else if (!((e - b == 3 && !memcmp(t + b, "and", 3)) ||
                           (e - b == 2 && !memcmp(t + b, "of", 2))))
                    return 0;
            }
            e = b > w->start ? b - 1 : b;
        }
    }
    return want == 0;
}

/* Whether mention m is a work's title by its neighbours: 1 when it is
 * - right after a noun of works (CUE_ANY_WORK, in lower case: "the film
 *   Vera Drake", "his album Hopes and Fears");
 * - a "person" right before a maker of works (CUE_ANY_MAKER: "Vera Drake
 *   star Imelda Staunton", "Harry Potter author JK Rowling");
 * 2 when it is a whole quotation ('the song "Imagine"', 'translated
 * "Corinne"'; or a nickname), which is weaker: a quote mark can be an
 * apostrophe ('said." Wales' team'); else 0. */
static int is_title(const nci_entlex *lex, const char *t, const nci_segs *S, const nci_mention *m)
{
    if (m->type < NCI_ENT_PERSON || m->type > NCI_ENT_LOC)
        return 0;
    const nci_sent *x = &S->sents[m->sent];
    size_t nx = m->tok + m->ntok, end = x->tok_first + x->tok_count;
    if (m->tok > x->tok_first) {
        const nci_tok *p = &S->toks[m->tok - 1];
        if (t[p->start] >= 'a' &&
            (nci_wordset_get(lex->cues_any, t + p->start, p->end - p->start) & CUE_ANY_WORK))
            return 1;
    }
    if (m->type == NCI_ENT_PERSON && nx < end) {
        const nci_tok *q = &S->toks[nx];
        if (t[q->start] >= 'a' &&
            (nci_wordset_get(lex->cues_any, t + q->start, q->end - q->start) & CUE_ANY_MAKER))
            return 1;
    }
    if (m->tok > x->tok_first && nx < end && is_quote_mark(t, &S->toks[m->tok - 1]) &&
        is_quote_mark(t, &S->toks[nx]))
        return 2;
    return 0;
}

/* Whether PERSON/ORG/LOC mention m is no entity by the rules of
 * drop_events (titles: the texts found to be works' titles or terms'
 * acronyms, NULL if none); a leading indefinite article is cut from it
 * (in place). */
static int no_entity(const nci_entlex *lex, const char *t, const nci_segs *S, nci_mention *m,
                     const textset *titles)
{
    if (titles && textset_has(titles, t, m->start, m->end - m->start))
        return 1;
    /* a country's or a continent's adjective ("Moroccan", "South
     * Korean", "European") is no entity, whatever the type the tagger
     * gave it ("the Jamaican government": ORG), nor is a lone word of a
     * place's people that WordNet knows ("Swiss", "Scottish",
     * "Britons") */
    if (!nci_wordset_get(lex->countries, t + m->start, m->end - m->start) &&
        (is_demonym(&lex->cstems, t + m->start, m->end - m->start) ||
         (m->ntok == 1 && nci_wordset_get(lex->peoples, t + m->start, m->end - m->start))))
        return 1;
    /* three words or more: "A Jones" in a team list is an initial */
    if (m->ntok >= 3) {
        const nci_tok *f = &S->toks[m->tok];
        if (f->end - f->start <= 2 && (nci_tok_is(t, f, "a") || nci_tok_is(t, f, "an"))) {
            m->tok++;
            m->ntok--;
            m->start = S->toks[m->tok].start;
        }
    }
    if (m->ntok >= 2) {
        const nci_tok *z = &S->toks[m->tok + m->ntok - 1];
        size_t zl = z->end - z->start;
        int zv = nci_wordset_get(lex->cues, t + z->start, zl);
        /* a name ending in an event's or a law's word ("New York
         * Marathon", "Maastricht Treaty"), not a person's ("Buffalo
         * Bill") */
        int ev = (zv & CUE_EVENT) || ((zv & CUE_NAMED) && m->type != NCI_ENT_PERSON);
        /* "Games" after a place or an event word ("Athens Games",
         * "Olympic Games"), not after a company's ("Epic Games") */
        if (!ev && zl == 5 && !memcmp(t + z->start, "Games", 5)) {
            const nci_tok *y = z - 1;
            size_t yl = y->end - y->start;
            ev = (nci_tagger_model_gaz_word(lex->model, t + y->start, yl) &
                  ((1u << NCI_GAZ_COUNTRY) | (1u << NCI_GAZ_CITY))) ||
                 nci_tok_is(t, y, "olympic") || nci_tok_is(t, y, "commonwealth") ||
                 nci_tok_is(t, y, "paralympic");
        }
        if (!ev && zl == 7 && !memcmp(t + z->start, "Nations", 7)) {
            const nci_tok *y = z - 1;
            ev = (nci_wordset_get(lex->cues, t + y->start, y->end - y->start) & CUE_COUNT) != 0;
        }
        if (ev)
            return 1;
    }
    /* a name right before an event's or a law's word ("Flora London
     * Marathon", "Glastonbury Festival", "Police Bill", "Scotland Act")
     * is part of that name; "Bill" only where no surname follows it */
    const nci_sent *x = &S->sents[m->sent];
    size_t nx = m->tok + m->ntok, end = x->tok_first + x->tok_count;
    /* or before capitalised words that end in one ("RBS Six
     * Nations Championship", "CPL World Tour") */
    for (size_t j = nx, at = m->end + 1;
         j < end && j < nx + 3 && S->toks[j].start == at && S->toks[j].kind == NC_TOKEN_WORD &&
         S->toks[j].cap;
         at = S->toks[j].end + 1, j++) {
        const nci_tok *w = &S->toks[j];
        int v = nci_wordset_get(lex->cues, t + w->start, w->end - w->start);
        if ((v & (CUE_NAMED | CUE_EVENT)) &&
            !(nci_tok_is(t, w, "bill") && j + 1 < end && S->toks[j + 1].cap))
            return 1;
    }
    /* and right after "Treaty of" or "Act of" ("the Treaty of
     * Amsterdam") */
    if (m->tok >= x->tok_first + 2 && nci_tok_is(t, &S->toks[m->tok - 1], "of")) {
        const nci_tok *w = &S->toks[m->tok - 2];
        if (w->cap && (nci_tok_is(t, w, "treaty") || nci_tok_is(t, w, "act")))
            return 1;
    }
    return 0;
}

/* Mentions that are no entities: works' titles (is_title), with every other
 * mention of the same name in the document where the cue was a noun ("Vera
 * Drake" after "the film" once is the film throughout), acronyms of terms
 * (is_term_acronym) in all their mentions, adjectives of places, events
 * and laws (no_entity).  -1 when out of memory (nothing dropped then),
 * else 0. */
static int drop_events(const nci_entlex *lex, const char *t, const nci_segs *S, nci_ents *E,
                       arena *a)
{
    textset titles = {0}; /* made at its first text */
    uint8_t *title = arena_take(a, E->nm + 1); /* is_title of each mention */
    if (!title)
        return -1;
    for (size_t i = 0; i < E->nm; i++) {
        title[i] = (uint8_t)is_title(lex, t, S, &E->m[i]);
        if (title[i] == 1) {
            if (!titles.slot && textset_init(&titles, a, E->nm))
                return -1;
            textset_add(&titles, t, E->m[i].start, E->m[i].end - E->m[i].start);
        }
    }
    /* and the acronyms of terms, wherever they are spelled out: the tokens
     * after the text's "(" bytes, found by memchr (most documents have
     * none), in the sentences that hold them (sc: from the one before on) */
    size_t tend = S->ntoks ? S->toks[S->ntoks - 1].end : 0, sc = 0;
    for (const char *p = t; (p = memchr(p, '(', tend - (size_t)(p - t))) != NULL; p++) {
        size_t k = tok_from(S, (size_t)(p - t)) + 1;
        if (k >= S->ntoks || S->toks[k - 1].start != (size_t)(p - t))
            continue;
        while (sc < S->nsents && k >= S->sents[sc].tok_first + S->sents[sc].tok_count)
            sc++;
        if (sc == S->nsents)
            break;
        const nci_sent *x = &S->sents[sc];
        if (k >= x->tok_first + 2 && t[S->toks[k].start] >= 'A' && t[S->toks[k].start] <= 'Z' &&
            is_term_acronym(t, S, x, k) && titles.n < E->nm) {
            if (!titles.slot && textset_init(&titles, a, E->nm))
                return -1;
            textset_add(&titles, t, S->toks[k].start, S->toks[k].end - S->toks[k].start);
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < E->nm; i++) {
        nci_mention *m = &E->m[i];
        if (title[i] || (m->type >= NCI_ENT_PERSON && m->type <= NCI_ENT_LOC &&
                         no_entity(lex, t, S, m, titles.slot ? &titles : NULL)))
            continue;
        if (k != i)
            E->m[k] = *m;
        k++;
    }
    E->nm = k;
    return 0;
}

nc_status nci_entities_run(const nci_entlex *lex, const char *text, const nci_segs *segs,
                           nci_ents *ents)
{
    docstate *ds = state_take(lex);
    if (!ds)
        return NC_ENOMEM;
    survey sv;
    int rc = survey_alloc(&sv, &ds->mem, segs);
    if (!rc && lex->model)
        rc = tag_mentions(lex, ds, text, segs, ents, &sv);
    else if (!rc) {
        for (size_t s = 0; s < segs->nsents; s++)
            if (!segs->sents[s].furniture)
                survey_sent(lex, text, segs, s, &sv);
        rc = rule_mentions(lex, text, segs, ents);
    }
    if (!rc)
        rc = drop_demonyms(lex, text, segs, ents, &ds->mem);
    if (!rc && lex->model)
        fix_types(lex, text, segs, ents);
    if (!rc && lex->model)
        rc = split_country(lex, text, segs, ents);
    if (!rc)
        extend_numerals(text, segs, ents);
    if (!rc)
        rc = vote_types(text, ents, &ds->mem);
    if (!rc && lex->model)
        rc = keep_name_s(lex, text, segs, ents, &ds->mem);
    if (!rc && lex->model)
        rc = drop_unintroduced(lex, text, segs, ents, &ds->mem);
    if (!rc && lex->model)
        rc = drop_events(lex, text, segs, ents, &ds->mem);
    if (!rc)
        rc = date_mentions(lex, text, segs, ents, &sv);
    if (!rc)
        rc = role_mentions(lex, text, segs, ents, &sv);
    if (!rc)
        rc = link(text, segs, ents, &ds->mem);
    state_give(lex, ds);
    return rc ? NC_ENOMEM : NC_OK;
}
