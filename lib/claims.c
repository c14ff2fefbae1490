/* Claim stage.
 *
 * Which numbers are claims (rules, in order):
 * 1. kind count, percent or money (years, dates, times, ordinals, durations,
 *    phone numbers and identifiers never are), with a value that can be held;
 * 2. something is counted: a measure phrase after the number ("806 political
 *    prisoners", "hundreds of detentions", "86 of those detained"), or for a
 *    percentage or an amount the noun phrase before it ("profits jumped 76%");
 *    a count with no measure is no claim;
 * 3. not a number in passing: a bare "one"/"a" (value 1 written in words),
 *    a measure that is a unit of time ("three years": a duration; "66
 *    times" counts occasions, but "ten times more" is a multiplier), a
 *    vague quantity below ten ("a few", "a couple", "several", "a
 *    handful": no figure), digits over digits ("2/9": odds, unless "1/3
 *    of ...").
 *
 * Measure: the words after the number up to a function word, a verb of a
 * closed list, punctuation or four words ("of" and a determiner or
 * possessive skipped: "35% of their components"; a bracketed conversion
 * skipped: "$1.75bn (£900m) deal"); measure_key folds it (fold.h), drops
 * determiners and makes each word singular.  Before a percentage or an
 * amount (or a count linked by a verb): the noun phrase before the change
 * verb, auxiliaries skipped ("shares have fallen 6.7%", "growth is
 * expected to fall from 5%"), and when that phrase ends a prepositional
 * phrase, its head too ("shares in American Express surged 8%", "exports
 * for the year rose 14%").  A count right after "to", "from", "up", "down"
 * or "by" with no measure of its own counts what the figure just before it
 * counts ("sales rose 2.3% to 80,600"), as does one before an adverb
 * ("four points behind Arsenal and five back from Chelsea").  A decimal count before a singular
 * noun names a kind ("2.5 generation"), not a quantity; a month or weekday
 * is never a measure.  "six out of every 10 planes" counts planes; "77
 * short and medium-distance flights" keeps a coordination of modifiers;
 * after "of" a possessor gives way to what it owns ("10% of the company's
 * shares"); a price verb makes the measure a price ("tickets cost £20":
 * "ticket cost"; "priced at £229": "price").
 *
 * Source: attribution cues of data/cues.tsv in the sentence: "according to
 * X", "cited by X" (X after the cue); "X said/reported/estimates..." (the
 * nearest PERSON, ORG or ROLE mention before the verb, or right after it:
 * "..., said the minister"; not after "told", whose object is the
 * hearer).  A verb after a determiner is a noun ("the report"); after a
 * form of "be" it is passive and its subject is no source ("growth is
 * forecast to reach 4%"; "..., is reported by X" gives X).  Pronouns and
 * descriptions before the verb point back (kinds of cues.tsv): "they" the
 * previous source, or the subject of a cue verb right before ("companies
 * reported they expect": none); "he"/"she" the last PERSON named in the
 * sentences before; "it", "the company" the last ORG quoted, else named.
 * A document ("the report said", "according to the study", "..., predicts
 * the report by BT") is its author when "by/from/of X" names one, else,
 * when definite, the last ORG quoted.  A figure inside quotation marks
 * with no cue of its own takes the speaker of the quoting sentence just
 * before ('"...," said X. "... 45 children ..."') or of a cue at the start
 * of the next one ('He added: ...').  A figure takes the cues between the
 * previous figure and itself, else the nearest before, else the first
 * after.  Several cues give several sources.  No cue: null, the outlet's
 * own statement.
 *
 * Time: the date expression of the sentence nearest the number: "as of
 * January 5" (that day), "since 8 January" (from then to publication),
 * "late December 2025" (the month), "on Thursday" (the last Thursday on or
 * before publication), "yesterday", "today", "currently" (publication; with
 * no publication date, none), "in January" (a month after a preposition:
 * in the publication's year; with no publication date, none), a year after "in", "since",
 * "by", "for", "of", "during", "until" ("by 2010": that year), a part of
 * a year ("the fourth quarter of 2004", "fourth-quarter 2004", "the first
 * half of", "the end of 2005": its months), a possessive year for the
 * figure it owns ("2003's $1.2bn loss"); a date without a year takes the
 * publication year (the year before when that would put it after
 * publication).  "a year earlier/ago/before", "the previous year" right
 * after a figure (no other figure between, not after "than/on/over") puts
 * it one year before the sentence's date ("$387m for the fourth quarter of
 * 2004, against $111m a year earlier": 2003-10..12).  No expression: the
 * publication date, with no text.  No publication date either: null.
 *
 * Place: the LOC mention of the sentence nearest the number, else the LOC
 * the document names most. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "claims.h"
#include "dates.h"
#include "fold.h"
#include "wordset.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

extern const char *const nci_gen_cues[];

/* Kinds of data/cues.tsv: verb, prep, pron (they, we: the previous
 * source), pers (he, she: the last person named), orgn (it, the company:
 * the last organisation quoted, else named), orgq (it: the last
 * organisation quoted), docu (report, study: a document whose author is the
 * last organisation quoted); a prefix of a phrase cue. */
enum { CUE_VERB = 1, CUE_PREP = 2, CUE_PRON = 3, CUE_PREFIX = 4, CUE_PERS = 5, CUE_ORGN = 6, CUE_DOCU = 7,
       CUE_ORGQ = 8 };

struct nci_claimlex {
    const nci_calendar *cal;
    nci_wordset *cues;    /* phrases, words joined by one space */
    nci_wordset *vpfirst; /* the first words of the verb and preposition cues */
    /* Of the same words (of docu), bit n % 64 of vp_lens[pair_of(w)]
     * (docu_lens[...]): one has n bytes and starts with w's first two
     * letters, either case; they tell most tokens apart with one load. */
    uint64_t vp_lens[1024], docu_lens[1024];
    nci_wordset *stop;    /* words that end a measure phrase */
    nci_wordset *link;    /* words between a measure and a later percentage/amount */
    nci_wordset *timeunit;
    nci_wordset *keydrop; /* words dropped from measure keys */
    nci_wordset *aux;     /* words skipped between a measure and a later figure, no link themselves */
    nci_wordset *det;     /* determiners and possessives after "of" and before a noun */
    nci_wordset *docu;    /* nouns of documents: report, study (cues.tsv "docu") */
    nci_wordset *docdet;  /* determiners before a document or a noun that looks like a verb */
    nci_wordset *be, *nouncue, *ing, *generic, *persons; /* the lists of the same names below */
};

static const char *const STOP[] = {
    "said", "says", "say", "told", "were", "was", "are", "is", "be", "been", "being", "have", "has",
    "had", "will", "would", "could", "should", "may", "might", "can", "do", "did", "does", "in",
    "on", "at", "to", "from", "by", "for", "with", "and", "or", "but", "as", "than", "that",
    "which", "who", "whom", "whose", "while", "since", "after", "before", "during", "including",
    "among", "this", "these", "it", "they", "he", "she", "we", "you", "i", "according", "into",
    "over", "under", "about", "around", "between", "per", "more", "less", "fewer", "up", "down",
    "out", "off", "of", "the", "a", "an", "their", "its", "his", "her", "our", "if", "when",
    "where", "so", "not", "also", "only", "just", "last", "next", "this", "each", "every",
    "against", "compared", "there", "here", "now", "then", "again", "already", "still", "yet",
    "ago", "alone", "respectively", "although", "though", "because", "despite", "unless", "whether",
    "saw", "sees", "see", "worldwide", "apiece", "altogether", "abroad", "annually", "ahead", "behind",
    "apart", "away", "back", "adrift", "clear", "overall", "far", "earlier", "later", "year-on-year",
    "remain", "remains", "remained", "remaining", "died", "fled", "left", "arrived", "live",
    "lived", "work", "worked", "stay", "stayed", "came", "went", "took", "got", "face", "faced",
    "en", "de", "del", "y", "o", "que", "por", "con", "para", "se", "fueron", "son", "es", "han",
    "ha", "según", "al", "a", "los", "las", "el", "la", "un", "una", "su", "sus", "más", "menos",
    NULL};
static const char *const LINK[] = {
    "rose", "fell", "jumped", "increased", "decreased", "grew", "dropped", "climbed", "slipped",
    "declined", "rise", "fall", "was", "were", "is", "are", "reached", "totalled", "totaled",
    "stood", "hit", "by", "to", "of", "at", "up", "down", "nearly", "almost", "about", "some",
    "around", "over", "more", "than", "less", "just", "only", "subió", "cayó", "creció", "bajó",
    "against", "compared", "with", "from", "ranging", "ranged", "stands", "stood", "rises",
    "falls", "risen", "fallen", "put", "puts", "estimated", "set", "surged", "soared", "plunged",
    "tumbled", "slumped", "rallied", "gained", "lost", "edged", "eased", "advanced", "shed", "dipped",
    "sank", "leapt", "leaped", "rocketed", "slid", "grows", "increases", "decreases", "drops",
    "jumps", "climbs", "totals", "reaches", "hits", "priced", "retails",
    "fue", "es", "un", "del", "de", "en", "a", "el", NULL};
static const char *const TIMEUNIT[] = {
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
    "minutes", "min", "mins", "second", "seconds", "decade", "decades", "century", "centuries",
    "time", "times", "año", "años", "mes", "meses", "semana", "semanas", "día", "días", "hora",
    "horas", "minuto", "minutos", "década", "décadas", "vez", "veces", NULL};
/* Auxiliaries and adverbs that may stand between a subject and its verb
 * ("shares have fallen 6.7%", "the disabled will make up 16%", "sales
 * there fell 16%", "growth is expected to fall from 5%"); skipped, but for a count they do not link a measure by
 * themselves ("Leeds have 31" takes no measure). */
static const char *const AUX[] = {
    "have", "has", "had", "will", "would", "could", "should", "may", "might", "can", "be", "been",
    "being", "also", "now", "already", "still", "there", "expected",
    "forecast", "predicted", "projected", "likely", "due", "tipped", "poised", "back", "scaled", "revised",
    "downgraded", "upgraded", "trimmed", "lowered", "ha", "han", "había",
    NULL};
static const char *const DET[] = {"the", "their", "its", "his", "her", "our", "my", "your", "all",
                                  "los", "las", "sus", "su", NULL};
static const char *const DOCDET[] = {"the", "this", "that", "its", "their", "a", "an", "el", "la", "un", "una",
                                     NULL};
static const char *const KEYDROP[] = {"the", "a", "an", "those", "these", "them", "of", "el", "la",
                                      "los", "las", "de", "del", "un", "una", "unos", "unas", NULL};

/* The first two bytes of w (w[1] may be the NUL after a one-byte word),
 * ASCII letters case folded, as an index below 1024; other bytes share
 * indexes with letters, which only lets more words through. */
static inline unsigned pair_of(const char *w)
{
    return ((unsigned char)w[0] & 31u) << 5 | ((unsigned char)w[1] & 31u);
}

static void lens_add(uint64_t lens[1024], const char *w, size_t n)
{
    lens[pair_of(w)] |= (uint64_t)1 << (n & 63);
}

/* Whether token k may be one of the words of lens (never 0 for one). */
static inline int lens_may(const uint64_t lens[1024], const char *t, const nci_tok *k)
{
    return (lens[pair_of(t + k->start)] >> ((k->end - k->start) & 63)) & 1;
}

/* Forms of "be": before a cue verb it is passive. */
static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being", "fue", "fueron", "es", "son",
                                 NULL};
/* Cue verbs that are also nouns ("profit forecasts", "IMF estimates"). */
static const char *const NOUNCUE[] = {"forecasts", "forecast", "estimates", "estimate", "reports", "report",
                                      "claims", "claim", "counts", "documents", "projects", NULL};
/* Participles that open a clause after a figure: no measure. */
static const char *const ING[] = {"putting", "making", "giving", "taking", "bringing", "leaving", "pushing",
                                  "lifting", "raising", "sending", "driving", "taking", NULL};
/* Nouns that name a count without saying of what ("figures ranging from 49
 * to 73", "the number reached 40", "a total of 12"). */
static const char *const GENERIC[] = {"figure", "figures", "number", "numbers", "total", "totals",
                                      "tally", "count", "counts", "estimate", "estimates", "cifra",
                                      "cifras", "número", NULL};
/* Nouns of people that say nothing of the event counted ("116
 * individuals", "40 people"): the verb before the number says it
 * ("released 116 individuals" is counted as "individuals released"). */
static const char *const PERSONS[] = {"individual", "individuals", "people", "persons", "person",
                                      "personas", NULL};

static nci_wordset *set_of(const char *const *words, int value)
{
    nci_wordset *ws = nci_wordset_new(512);
    for (int i = 0; ws && words[i]; i++)
        nci_wordset_add(ws, words[i], strlen(words[i]), value);
    return ws;
}

nc_status nci_claimlex_new(const nci_calendar *cal, nci_claimlex **out, nc_error *err)
{
    nci_claimlex *lex = calloc(1, sizeof *lex);
    if (!lex || !(lex->cues = nci_wordset_new(256)) || !(lex->vpfirst = nci_wordset_new(256)) ||
        !(lex->stop = set_of(STOP, 1)) ||
        !(lex->link = set_of(LINK, 1)) || !(lex->timeunit = set_of(TIMEUNIT, 1)) ||
        !(lex->keydrop = set_of(KEYDROP, 1)) || !(lex->aux = set_of(AUX, 1)) ||
        !(lex->det = set_of(DET, 1)) || !(lex->docu = nci_wordset_new(64)) ||
        !(lex->docdet = set_of(DOCDET, 1)) || !(lex->be = set_of(BE, 1)) ||
        !(lex->nouncue = set_of(NOUNCUE, 1)) || !(lex->ing = set_of(ING, 1)) ||
        !(lex->generic = set_of(GENERIC, 1)) || !(lex->persons = set_of(PERSONS, 1))) {
        nci_claimlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    lex->cal = cal;
    for (const char *const *r = nci_gen_cues; *r; r++) {
        const char *tab = strchr(*r, '\t');
        if (!tab)
            continue;
        int kind = !strncmp(*r, "verb", 4)   ? CUE_VERB
                   : !strncmp(*r, "prep", 4) ? CUE_PREP
                   : !strncmp(*r, "pers", 4) ? CUE_PERS
                   : !strncmp(*r, "orgn", 4) ? CUE_ORGN
                   : !strncmp(*r, "orgq", 4) ? CUE_ORGQ
                   : !strncmp(*r, "docu", 4) ? CUE_DOCU
                                             : CUE_PRON;
        if (kind == CUE_DOCU) { /* "report" is also a verb: a table of its own */
            nci_wordset_add(lex->docu, tab + 1, strlen(tab + 1), kind);
            lens_add(lex->docu_lens, tab + 1, strlen(tab + 1));
            continue;
        }
        /* the value keeps the row, so a claim points at the table's text */
        nci_wordset_add(lex->cues, tab + 1, strlen(tab + 1), kind | (int)((r - nci_gen_cues) << 4));
        if (kind == CUE_VERB || kind == CUE_PREP) {
            const char *sp = strchr(tab + 1, ' ');
            size_t n = sp ? (size_t)(sp - tab - 1) : strlen(tab + 1);
            nci_wordset_add(lex->vpfirst, tab + 1, n, 1);
            lens_add(lex->vp_lens, tab + 1, n);
        }
    }
    /* The first words of a phrase cue ("according" of "according to"), so
     * that cue_at() stops as soon as no phrase can go on. */
    for (const char *const *r = nci_gen_cues; *r; r++) {
        const char *w = strchr(*r, '\t');
        if (!strncmp(*r, "docu", 4))
            continue;
        for (const char *sp = w ? strchr(w + 1, ' ') : NULL; sp; sp = strchr(sp + 1, ' '))
            if (!nci_wordset_get(lex->cues, w + 1, (size_t)(sp - w - 1)))
                nci_wordset_add(lex->cues, w + 1, (size_t)(sp - w - 1), CUE_PREFIX);
    }
    *out = lex;
    return NC_OK;
}

void nci_claimlex_free(nci_claimlex *lex)
{
    if (!lex)
        return;
    nci_wordset_free(lex->cues);
    nci_wordset_free(lex->vpfirst);
    nci_wordset_free(lex->stop);
    nci_wordset_free(lex->link);
    nci_wordset_free(lex->timeunit);
    nci_wordset_free(lex->keydrop);
    nci_wordset_free(lex->aux);
    nci_wordset_free(lex->det);
    nci_wordset_free(lex->docu);
    nci_wordset_free(lex->docdet);
    nci_wordset_free(lex->be);
    nci_wordset_free(lex->nouncue);
    nci_wordset_free(lex->ing);
    nci_wordset_free(lex->generic);
    nci_wordset_free(lex->persons);
    free(lex);
}

void nci_claims_free(nci_claims *c)
{
    free(c->v);
    free(c->keys);
    memset(c, 0, sizeof *c);
}

/* ---------------------------------------------------------------- dates */

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* "%0*d" of v, 0 <= v < 10^width, into out[0..width). */
static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a claim's time; several per claim,
 * so the usual case is written by hand rather than by snprintf). */
static void fmt_date(char buf[16], int y, int m, int d)
{
    y %= 10000;
    if (y < 0 || m < 0 || d < 0) { /* not a date; as printf writes it */
        if (d)
            snprintf(buf, 16, "%04d-%02d-%02d", y, m % 100, d % 100);
        else if (m)
            snprintf(buf, 16, "%04d-%02d", y, m % 100);
        else
            snprintf(buf, 16, "%04d", y);
        return;
    }
    size_t n = 4;
    put_digits(buf, y, 4);
    if (m || d) {
        buf[4] = '-';
        put_digits(buf + 5, m % 100, 2);
        n = 7;
    }
    if (d) {
        buf[7] = '-';
        put_digits(buf + 8, d % 100, 2);
        n = 10;
    }
    buf[n] = '\0';
}

/* ---------------------------------------------------------------- tokens */

/* nci_tok_is() for a literal: most tokens differ in length, told apart
 * before a byte is read (strlen of a literal is a constant). */
static inline int is_word(const char *t, const nci_tok *k, const char *lit)
{
    return k->end - k->start == strlen(lit) && nci_tok_is(t, k, lit);
}

static inline int word_in(const nci_wordset *ws, const char *t, const nci_tok *k)
{
    return k->kind == NC_TOKEN_WORD && nci_wordset_get(ws, t + k->start, k->end - k->start);
}

/* Token k is a word of ws, whatever its kind (nci_tok_is() for each word,
 * in one lookup). */
static inline int tok_in(const nci_wordset *ws, const char *t, const nci_tok *k)
{
    return nci_wordset_get(ws, t + k->start, k->end - k->start) != 0;
}

static int is_cue_word(const nci_claimlex *lex, const char *t, const nci_tok *k)
{
    int v = k->kind == NC_TOKEN_WORD ? nci_wordset_get(lex->cues, t + k->start, k->end - k->start) & 15 : 0;
    return v == CUE_VERB || v == CUE_PREP;
}

/* The kind of a cue_at() value, and the cue as data/cues.tsv writes it
 * (claims keep a pointer to the static generated table). */
#define CUE_KIND(v) ((v) & 15)

/* The cue that starts with token i, whose word has the value v in the cue
 * table, within [i, end): its kind, and *len tokens. */
static int cue_phrase(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t i, size_t end, int v,
                      size_t *len)
{
    char buf[64];
    size_t n = k[i].end - k[i].start; /* at most NCI_WORD_MAX: the word is in the table */
    int best = 0;
    if (CUE_KIND(v) != CUE_PREFIX) {
        best = v;
        *len = 1;
    }
    memcpy(buf, t + k[i].start, n);
    for (size_t j = i + 1; j < end && j < i + 3; j++) {
        size_t wl = k[j].end - k[j].start;
        if (k[j].kind != NC_TOKEN_WORD || n + wl + 1 >= sizeof buf)
            break;
        buf[n++] = ' ';
        memcpy(buf + n, t + k[j].start, wl);
        n += wl;
        v = nci_wordset_get(lex->cues, buf, n);
        if (!v)
            break;
        if (CUE_KIND(v) != CUE_PREFIX) {
            best = v;
            *len = j - i + 1;
        }
    }
    return best;
}

/* Cue starting at token i of [i, end): its kind, and *len tokens.  Most
 * words are no cue and start none: the word is looked up in place, inline,
 * and only a word of the table goes on to the phrases. */
static inline int cue_at(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t i, size_t end,
                         size_t *len)
{
    if (i >= end || k[i].kind != NC_TOKEN_WORD)
        return 0;
    int v = nci_wordset_get(lex->cues, t + k[i].start, k[i].end - k[i].start);
    return v ? cue_phrase(lex, t, k, i, end, v, len) : 0;
}

static const char *cue_row_text(int v)
{
    const char *r = nci_gen_cues[v >> 4], *tab = strchr(r, '\t');
    return tab ? tab + 1 : r;
}

static int is_possessive(const char *t, const nci_tok *k);

/* ---------------------------------------------------------------- quotes */

/* Quotation marks: straight, or curly (U+201C opens, U+201D closes). */
static int quote_at(const char *t, size_t p, size_t end, int *opens)
{
    unsigned char c = (unsigned char)t[p];
    if (c == '"') {
        *opens = -1; /* either way */
        return 1;
    }
    if (c == 0xE2 && p + 2 < end && (unsigned char)t[p + 1] == 0x80 &&
        ((unsigned char)t[p + 2] == 0x9C || (unsigned char)t[p + 2] == 0x9D)) {
        *opens = (unsigned char)t[p + 2] == 0x9C;
        return 1;
    }
    return 0;
}

/* How a mark found by quote_at() (opens: its *opens) acts: before a
 * position, whether it leaves a quotation open (a straight quote after a
 * blank and before a word opens); as the first mark after a position,
 * whether it closes one (a straight quote after a non-blank closes). */
static int mark_opens(const char *t, const nci_sent *x, size_t p, int opens)
{
    if (opens >= 0)
        return opens;
    return (p == x->start || t[p - 1] == ' ' || t[p - 1] == '\n' || t[p - 1] == '(') && p + 1 < x->end &&
           t[p + 1] != ' ' && t[p + 1] != '\n';
}

static int mark_closes(const char *t, const nci_sent *x, size_t p, int opens)
{
    if (opens >= 0)
        return !opens;
    return p > x->start && t[p - 1] != ' ' && t[p - 1] != '\n';
}

/* The quotation marks of one sentence, read once for all the questions
 * in_quote() is asked about it (one per cue verb and per claim with no
 * source): where each stands and how it acts. */
#define MAX_QMARKS 64
typedef struct {
    const nci_sent *x; /* the sentence read, NULL: none yet */
    size_t n;          /* marks; more than MAX_QMARKS: read the text each time */
    size_t pos[MAX_QMARKS];
    unsigned char opens[MAX_QMARKS], closes[MAX_QMARKS];
} qmarks_t;

/* The first byte in [p, end) that may begin a quotation mark ('"', or the
 * 0xE2 of U+201C, U+201D); end when none.  Sixteen bytes at a time with
 * SSE2, else eight: a block with neither byte (no zero byte once XORed
 * with it) is skipped whole.  No read reaches end. */
static size_t next_quote_byte(const char *t, size_t p, size_t end)
{
#if defined(__SSE2__)
    const __m128i dq = _mm_set1_epi8('"'), e2 = _mm_set1_epi8((char)0xE2);
    for (; p + 16 <= end; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + p));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, e2))))
            break;
    }
#endif
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (; p + 8 <= end; p += 8) {
        uint64_t v, a, b;
        memcpy(&v, t + p, 8);
        a = v ^ (ones * '"');
        b = v ^ (ones * 0xE2);
        if (((a - ones) & ~a & high) | ((b - ones) & ~b & high))
            break;
    }
    while (p < end && t[p] != '"' && (unsigned char)t[p] != 0xE2)
        p++;
    return p;
}

static void read_marks(const char *t, const nci_sent *x, qmarks_t *q)
{
    int o;
    q->x = x;
    q->n = 0;
    for (size_t p = next_quote_byte(t, x->start, x->end); p < x->end && q->n <= MAX_QMARKS;
         p = next_quote_byte(t, p + 1, x->end))
        if (quote_at(t, p, x->end, &o)) {
            if (q->n < MAX_QMARKS) {
                q->pos[q->n] = p;
                q->opens[q->n] = (unsigned char)mark_opens(t, x, p, o);
                q->closes[q->n] = (unsigned char)mark_closes(t, x, p, o);
            }
            q->n++;
        }
}

static int has_quote(const char *t, const nci_sent *x, const qmarks_t *q)
{
    int o;
    if (q->x == x)
        return q->n > 0;
    for (size_t p = next_quote_byte(t, x->start, x->end); p < x->end; p = next_quote_byte(t, p + 1, x->end))
        if (quote_at(t, p, x->end, &o))
            return 1;
    return 0;
}

/* Whether byte pos of sentence x stands inside a quotation: one is open
 * before it in the sentence, or one that began in an earlier sentence
 * closes after it.  q keeps the marks of the last sentence asked about. */
static int in_quote(const char *t, const nci_sent *x, size_t pos, qmarks_t *q)
{
    if (q->x != x)
        read_marks(t, x, q);
    if (q->n > MAX_QMARKS) { /* too many to keep: from the text */
        int open = 0, o;
        for (size_t p = x->start; p < pos; p++)
            if ((t[p] == '"' || (unsigned char)t[p] == 0xE2) && quote_at(t, p, x->end, &o))
                open = mark_opens(t, x, p, o);
        if (open)
            return 1;
        for (size_t p = pos; p < x->end; p++)
            if (quote_at(t, p, x->end, &o))
                return mark_closes(t, x, p, o);
        return 0;
    }
    size_t i = 0;
    while (i < q->n && q->pos[i] < pos)
        i++;
    if (i > 0 && q->opens[i - 1])
        return 1;
    return i < q->n && q->closes[i];
}

/* ---------------------------------------------------------------- sources */

typedef struct {
    uint32_t tok, len;   /* the cue's tokens */
    int32_t ent;         /* its source, -1 when none was found */
    const char *cue;
} cuehit;

#define MAX_CUES 16
typedef struct {
    cuehit c[MAX_CUES];
    unsigned n;
} cues_t;

static int is_source_type(unsigned type, int allow_loc)
{
    return type == NCI_ENT_PERSON || type == NCI_ENT_ORG || type == NCI_ENT_ROLE ||
           (allow_loc && type == NCI_ENT_LOC);
}

/* The cue as data/cues.tsv writes it: claims keep a pointer to it, and
 * the generated table is static. */
static const char *intern_cue(const char *c)
{
    for (const char *const *r = nci_gen_cues; *r; r++) {
        const char *w = strchr(*r, '\t');
        if (w && !strcasecmp(w + 1, c))
            return w + 1;
    }
    return "said";
}

/* What an anaphor can stand for, as the claim stage walks the document:
 * the last source named, the last one that is an organisation, and the
 * last PERSON and ORG mentions of the sentences before. */
typedef struct {
    int32_t prev, prev_org, last_per, last_org;
    int32_t sent_per; /* a PERSON quoted in the sentence just before */
    unsigned *asked;  /* counts the questions pron_ref() answers */
} refs_t;

static int is_pron_kind(int kind)
{
    return kind == CUE_PRON || kind == CUE_PERS || kind == CUE_ORGN || kind == CUE_ORGQ;
}

/* The referent of a pronoun or definite description of a kind:
 * "he/she" the person quoted in the sentence just before ("Mr Howard told
 * the BBC Mr Blair had refused. He said: ..."), else the last person named
 * (a quote's speaker is named before it: "Williams was disappointed.
 * '...,' she said"); "the company", "the
 * report" the last organisation quoted, else named; "it" the last
 * organisation quoted only; "they" the previous source. */
static int32_t pron_ref(int kind, const refs_t *r)
{
    ++*r->asked;
    if (kind == CUE_PERS)
        return r->sent_per >= 0 ? r->sent_per : r->last_per >= 0 ? r->last_per : r->prev;
    if (kind == CUE_ORGN || kind == CUE_DOCU)
        return r->prev_org >= 0 ? r->prev_org : r->last_org >= 0 ? r->last_org : r->prev;
    if (kind == CUE_ORGQ) /* a bare "it" may be anything named: only a quoted organisation */
        return r->prev_org;
    return r->prev;
}

/* A definite description that points back ("the organisation", "the
 * group"): a ROLE mention of two tokens, a determiner and a head the cue
 * list marks as a pronoun-like phrase.  Returns its kind, or 0. */
static int anaphor_kind(const nci_claimlex *lex, const char *t, const nci_mention *m)
{
    if (m->type != NCI_ENT_ROLE || m->ntok != 2)
        return 0;
    char buf[64];
    size_t n = m->end - m->start;
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, t + m->start, n);
    int kind = CUE_KIND(nci_wordset_get(lex->cues, buf, n));
    return is_pron_kind(kind) ? kind : 0;
}

/* The source a mention stands for: a role followed by a name in apposition
 * ("the Venezuelan NGO Foro Penal") is the name; an anaphor is what it
 * points back to. */
static int32_t resolve(const nci_claimlex *lex, const char *t, const nci_ents *E, size_t mi, size_t m1,
                       const refs_t *r)
{
    const nci_mention *m = &E->m[mi];
    int ak = anaphor_kind(lex, t, m);
    if (ak && pron_ref(ak, r) >= 0)
        return pron_ref(ak, r);
    if (m->type == NCI_ENT_ROLE) {
        for (size_t j = mi + 1; j < m1; j++) {
            const nci_mention *n = &E->m[j];
            if (n->tok >= m->tok + m->ntok + 2)
                break;
            if ((n->type == NCI_ENT_PERSON || n->type == NCI_ENT_ORG) && n->tok >= m->tok + m->ntok - 1)
                return n->entity;
        }
    }
    return m->entity;
}

static int word_kind(const nci_claimlex *lex, const char *t, const nci_tok *k)
{
    return k->kind == NC_TOKEN_WORD && lens_may(lex->docu_lens, t, k)
               ? nci_wordset_get(lex->docu, t + k->start, k->end - k->start) : 0;
}

static int is_det(const nci_claimlex *lex, const char *t, const nci_tok *k)
{
    return word_in(lex->docdet, t, k);
}

/* A document named at token j ("the report", "a study by BT", "its latest
 * survey", "the Pew report"): its author when a name stands before the
 * noun or "by"/"from"/"of" names one within four tokens, else for a
 * definite document the organisation last quoted (-1 for an indefinite
 * one); -2 when no document stands there. */
static int32_t document_at(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E,
                           size_t j, size_t end, size_t m0, size_t m1, const refs_t *r)
{
    const nci_tok *k = S->toks;
    /* quick: the document's noun is one of the next three tokens */
    size_t d = j;
    while (d < end && d < j + 3 && !lens_may(lex->docu_lens, t, &k[d]))
        d++;
    if (d == end || d == j + 3)
        return -2;
    d = j;
    int definite = 0;
    if (d < end && is_det(lex, t, &k[d]))
        definite = !is_word(t, &k[d], "a") && !is_word(t, &k[d], "an") && !is_word(t, &k[d], "un") &&
                   !is_word(t, &k[d], "una"),
        d++;
    size_t mod = SIZE_MAX; /* a word before the document's noun */
    if (d < end && word_kind(lex, t, &k[d]) != CUE_DOCU && d + 1 < end && word_kind(lex, t, &k[d + 1]) == CUE_DOCU)
        mod = d++; /* "the latest report", "the Pew report", "CEA research" */
    if (d >= end || word_kind(lex, t, &k[d]) != CUE_DOCU)
        return -2;
    /* a name before the noun is the author: "the Pew report" */
    for (size_t m = m0; m < m1 && mod != SIZE_MAX; m++)
        if (E->m[m].tok <= mod && E->m[m].tok + E->m[m].ntok > mod && is_source_type(E->m[m].type, 0))
            return resolve(lex, t, E, m, m1, r);
    if (d + 1 < end && (is_word(t, &k[d + 1], "by") || is_word(t, &k[d + 1], "from") || is_word(t, &k[d + 1], "of")))
        for (size_t m = m0; m < m1; m++)
            if (E->m[m].tok > d + 1 && E->m[m].tok <= d + 5 && is_source_type(E->m[m].type, 0))
                return resolve(lex, t, E, m, m1, r);
    return definite ? pron_ref(CUE_DOCU, r) : -1;
}

/* A form of "be" (and an adverb in -ly) before a verb makes it passive:
 * "is forecast to grow", "are widely expected to add". */
static int passive_before(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t i, size_t first)
{
    size_t j = i;
    if (j > first + 1 && k[j - 1].kind == NC_TOKEN_WORD && k[j - 1].end - k[j - 1].start > 3 &&
        t[k[j - 1].end - 2] == 'l' && t[k[j - 1].end - 1] == 'y')
        j--;
    return j > first && tok_in(lex->be, t, &k[j - 1]);
}

/* The first token of [i, end) that may start a verb or a preposition cue,
 * end when none.  Only those are attributions: a word that starts none
 * ("the", "it", "he" start other cues) is passed over without looking its
 * phrases up, and most by their first two bytes and length alone. */
static size_t next_vp_word(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t i, size_t end)
{
    for (const nci_tok *p = k + i, *e = k + end; p < e; p++) {
        size_t wl = p->end - p->start;
        if (((lex->vp_lens[pair_of(t + p->start)] >> (wl & 63)) & 1) && p->kind == NC_TOKEN_WORD &&
            nci_wordset_get(lex->vpfirst, t + p->start, wl))
            return (size_t)(p - k);
    }
    return end;
}

/* Every attribution cue of sentence s (whose mentions are [m0, m1)), with
 * the source it names. */
static void sentence_cues(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E,
                          size_t s, size_t m0, size_t m1, const refs_t *r, qmarks_t *qm, cues_t *out)
{
    const nci_sent *x = &S->sents[s];
    const nci_tok *k = S->toks;
    size_t first = x->tok_first, end = first + x->tok_count;
    out->n = 0;
    for (size_t i = first; (i = next_vp_word(lex, t, k, i, end)) < end && out->n < MAX_CUES; i++) {
        size_t len = 0;
        int cv = cue_at(lex, t, k, i, end, &len), kind = CUE_KIND(cv);
        if (kind != CUE_VERB && kind != CUE_PREP)
            continue;
        /* After a determiner a verb of the list is a noun: "the report",
         * "its forecast", "a claim"; so is one after a preposition and a
         * word ("ahead of IMF forecasts", "beat profit forecasts").
         * "accused of" is a participle: the accused is no source. */
        if (kind == CUE_VERB && i > first && is_det(lex, t, &k[i - 1]))
            continue;
        if (kind == CUE_VERB && i > first + 1 && k[i - 1].kind == NC_TOKEN_WORD && tok_in(lex->nouncue, t, &k[i]) &&
            (is_word(t, &k[i - 2], "of") || is_word(t, &k[i - 2], "than") || is_word(t, &k[i - 2], "with") ||
             is_word(t, &k[i - 2], "beat") || is_word(t, &k[i - 2], "above") || is_word(t, &k[i - 2], "below")))
            continue;
        if (kind == CUE_VERB && i + len < end && is_word(t, &k[i + len], "of") &&
            (is_word(t, &k[i], "accused") || is_word(t, &k[i], "alleged")))
            continue;
        /* a verb inside a quotation ('"... we expect this to grow," said
         * X') is the speaker's words, not an attribution */
        if (in_quote(t, x, k[i].start, qm))
            continue;
        cuehit *h = &out->c[out->n++];
        h->tok = (uint32_t)i;
        h->len = (uint32_t)len;
        h->cue = cue_row_text(cv);
        h->ent = -1;
        if (kind == CUE_PREP) {
            /* "according to the study" */
            size_t pl = 0;
            int pk = i + len < end ? CUE_KIND(cue_at(lex, t, k, i + len, end, &pl)) : 0;
            int32_t doc = document_at(lex, t, S, E, i + len, end, m0, m1, r);
            if (doc != -2)
                h->ent = doc;
            else if (is_pron_kind(pk))
                h->ent = pron_ref(pk, r);
            /* the first source named after the cue; a place that owns
             * the next name is no source ("according to France's Le
             * Figaro") */
            for (size_t m = m0; m < m1 && h->ent < 0 && doc < 0; m++) {
                const nci_mention *mm = &E->m[m];
                /* after a document ("a report by UK think-tank Demos") a
                 * place is no author */
                if (!(mm->tok >= i + len && mm->tok < i + len + 10 && is_source_type(mm->type, doc == -2)))
                    continue;
                if (mm->type == NCI_ENT_LOC && mm->tok + mm->ntok < end && is_possessive(t, &k[mm->tok + mm->ntok]))
                    continue; /* what it owns is the source, named or not */
                h->ent = resolve(lex, t, E, m, m1, r);
            }
        } else if (passive_before(lex, t, k, i, first)) {
            /* "growth is forecast to reach 4%": the subject is what is
             * forecast, not who forecasts; "..., is reported by AP" */
            if (i + len < end && is_word(t, &k[i + len], "by"))
                for (size_t m = m0; m < m1 && h->ent < 0; m++)
                    if (E->m[m].tok > i + len && E->m[m].tok <= i + len + 3 && is_source_type(E->m[m].type, 0))
                        h->ent = resolve(lex, t, E, m, m1, r);
        } else {
            /* The subject: the nearest mention ending before the verb,
             * within 8 tokens; when a comma stands right before the verb,
             * the words back to the comma before it are an apposition
             * ("Foro Penal, a Venezuelan NGO that ..., reported"), and the
             * subject is before them. */
            size_t limit = i, v = i;
            while (v > first + 1 && v + 2 > i && word_in(lex->aux, t, &k[v - 1]))
                v--; /* "Deutsche Boerse, the exchange ..., has said" */
            if (v > first && is_word(t, &k[v - 1], ",")) {
                size_t c = v - 1;
                while (c > first && !is_word(t, &k[c - 1], ","))
                    c--;
                if (c > first)
                    limit = c - 1;
            }
            size_t best_end = 0, best = SIZE_MAX;
            for (int pass = 0; pass < 2 && best == SIZE_MAX; pass++) {
                /* no subject before an apposition ("In the year, the MDA's
                 * chairman Mike Short, has predicted"): the comma closed an
                 * opening phrase; a name right before it is the subject */
                if (pass == 1 && limit == i)
                    break;
                for (size_t m = m0; m < m1; m++) {
                    const nci_mention *mm = &E->m[m];
                    size_t me = mm->tok + mm->ntok;
                    if (pass == 1) { /* only a name that the comma ends */
                        if (me == v - 1 && is_source_type(mm->type, 0))
                            best = m, best_end = me;
                        continue;
                    }
                    if (me <= limit && me + 8 >= limit && is_source_type(mm->type, 1) &&
                        (best == SIZE_MAX || me > best_end || (me == best_end && mm->type != NCI_ENT_LOC))) {
                        best = m;
                        best_end = me;
                    }
                }
            }
            if (best != SIZE_MAX)
                h->ent = resolve(lex, t, E, best, m1, r);
            /* A pronoun or a document right before the verb: "They
             * reported", "he said", "The report forecast". */
            size_t pl = 0;
            for (size_t b = i > first + 2 ? i - 2 : first; b < i; b++) {
                int pk = CUE_KIND(cue_at(lex, t, k, b, i, &pl));
                int32_t doc = document_at(lex, t, S, E, b, i, m0, m1, r);
                /* "the managers polled for the study say": a document after a
                 * preposition is not the verb's subject */
                if (doc != -2 && b > first &&
                    (is_word(t, &k[b - 1], "for") || is_word(t, &k[b - 1], "in") || is_word(t, &k[b - 1], "by") ||
                     is_word(t, &k[b - 1], "of") || is_word(t, &k[b - 1], "from") || is_word(t, &k[b - 1], "to")))
                    doc = -2;
                if (!(is_pron_kind(pk) && b + pl == i) && doc == -2)
                    continue;
                if (h->ent >= 0 && best_end >= b)
                    break;
                if (doc != -2) {
                    h->ent = doc;
                    break;
                }
                /* "Companies reported they expect": the pronoun is the
                 * subject of the verb just before it. */
                size_t q = b > first && is_word(t, &k[b - 1], "that") ? b - 1 : b;
                if (out->n > 1 && out->c[out->n - 2].tok + out->c[out->n - 2].len == q) {
                    h->ent = out->c[out->n - 2].ent;
                    break;
                }
                h->ent = pron_ref(pk, r);
                break;
            }
            /* "..., said the minister", "..., predicts the report by BT";
             * after "told" stands whom it was told to. */
            if (h->ent < 0 && !is_word(t, &k[i], "told") && !is_word(t, &k[i], "tells")) {
                int32_t doc = i + len < end ? document_at(lex, t, S, E, i + len, end, m0, m1, r) : -2;
                if (doc != -2)
                    h->ent = doc;
                for (size_t m = m0; m < m1 && h->ent < 0 && doc == -2; m++)
                    if (E->m[m].tok >= i + len && E->m[m].tok <= i + len + 2 && is_source_type(E->m[m].type, 0))
                        h->ent = resolve(lex, t, E, m, m1, r);
            }
        }
        i += len - 1;
    }
}

/* The sources of a number at token ti: the cues that name one between the
 * previous claim's number (lo) and this one; else the nearest such cue
 * before it; else the first after it ("..., said X"). */
static void claim_sources(const cues_t *cs, size_t lo, size_t ti, nci_claim *c)
{
    int nearest = -1;
    for (unsigned i = 0; i < cs->n; i++) {
        const cuehit *h = &cs->c[i];
        if (h->ent < 0 || h->tok >= ti)
            continue;
        nearest = (int)i;
        if (h->tok >= lo && c->nsources < NCI_MAX_SOURCES) {
            int dup = 0;
            for (unsigned k = 0; k < c->nsources; k++)
                dup |= c->sources[k] == h->ent;
            if (!dup) {
                c->sources[c->nsources] = h->ent;
                c->cues[c->nsources++] = h->cue;
            }
        }
    }
    if (c->nsources)
        return;
    if (nearest >= 0) {
        c->sources[0] = cs->c[nearest].ent;
        c->cues[0] = cs->c[nearest].cue;
        c->nsources = 1;
        return;
    }
    for (unsigned i = 0; i < cs->n; i++)
        if (cs->c[i].ent >= 0 && cs->c[i].tok >= ti) {
            c->sources[0] = cs->c[i].ent;
            c->cues[0] = cs->c[i].cue;
            c->nsources = 1;
            return;
        }
}

/* An embedded post or quotation is signed on the line after it: "— Name
 * (@handle) date".  A claim with no source of its own in the one or two
 * sentences before such a line takes the name. */
static void signature_source(const char *t, const nci_segs *S, const nci_ents *E, size_t s, size_t m1,
                             nci_claim *c)
{
    for (size_t n = s + 1; n < S->nsents && n <= s + 2; n++) {
        const nci_sent *x = &S->sents[n];
        const char *p = t + x->start;
        size_t dl = (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                    ((unsigned char)p[2] == 0x94 || (unsigned char)p[2] == 0x93) ? 3 : 0;
        if (!dl)
            continue;
        for (size_t m = m1; m < E->nm && E->m[m].sent <= n; m++) { /* m1: the first after sentence s */
            const nci_mention *mm = &E->m[m];
            if (mm->sent == n && (mm->type == NCI_ENT_PERSON || mm->type == NCI_ENT_ORG) &&
                mm->tok <= x->tok_first + 1) {
                c->sources[0] = mm->entity;
                c->cues[0] = intern_cue("wrote");
                c->nsources = 1;
                return;
            }
        }
        return;
    }
}

/* ---------------------------------------------------------------- measure */

/* The first token of k[lo..hi) that ends (by_start: starts) after byte
 * off, hi when none; tokens are in text order, so by bisection. */
static size_t tok_bisect(const nci_tok *k, size_t lo, size_t hi, size_t off, int by_start)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((by_start ? k[mid].start : k[mid].end) <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_tok_at(const nci_segs *S, const nci_sent *x, size_t off)
{
    return tok_bisect(S->toks, x->tok_first, x->tok_first + x->tok_count, off, 0);
}

/* first_tok_at() for the offsets of a sentence's figures, asked in text
 * order: from i, the answer for an offset before off, onward (from the
 * sentence's first token, [first, end), should off be before that one);
 * by bisection of the rest, or (near: a figure's end after its start) a
 * step at a time. */
static size_t tok_ending_after(const nci_tok *k, size_t first, size_t i, size_t end, size_t off, int near)
{
    if (i > first && k[i - 1].end > off)
        i = first;
    if (!near)
        return tok_bisect(k, i, end, off, 0);
    while (i < end && k[i].end <= off)
        i++;
    return i;
}

static int plural_head(const char *t, const nci_tok *k);

/* Measure after the number: tokens [*a, *b). */
static int measure_after(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t i,
                         size_t end, size_t *a, size_t *b)
{
    const nci_tok *k = S->toks;
    /* "$1.75bn (£900m) deal": a bracketed conversion or gloss stands between
     * the figure and what it counts. */
    if (i < end && is_word(t, &k[i], "(")) {
        size_t c = i + 1;
        while (c < end && c < i + 8 && !is_word(t, &k[c], ")"))
            c++;
        if (c < end && is_word(t, &k[c], ")"))
            i = c + 1;
    }
    int of = 0;
    if (i < end && (is_word(t, &k[i], "of") || is_word(t, &k[i], "de") || is_word(t, &k[i], "del"))) {
        i++;
        of = 1;
        /* "86 of those detained": the demonstrative and the word after it. */
        if (i + 1 < end && (is_word(t, &k[i], "those") || is_word(t, &k[i], "these")) &&
            k[i + 1].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[i + 1])) {
            *a = i;
            *b = i + 2;
            return 1;
        }
        /* "35% of their components", "75% of all the mobiles" */
        for (int d = 0; d < 2 && i < end && word_in(lex->det, t, &k[i]); d++)
            i++;
    }
    /* "six out of every 10 planes": what the whole counts. */
    if (i + 2 < end && is_word(t, &k[i], "out") && is_word(t, &k[i + 1], "of")) {
        size_t o = i + 2;
        if (o < end && (is_word(t, &k[o], "every") || word_in(lex->det, t, &k[o])))
            o++;
        if (o < end && k[o].kind == NC_TOKEN_NUMBER)
            i = o + 1;
    }
    /* "15% more passengers": the noun after "more", "fewer", "extra" */
    if (i + 1 < end && (is_word(t, &k[i], "more") || is_word(t, &k[i], "fewer") || is_word(t, &k[i], "extra") ||
                        is_word(t, &k[i], "additional"))) {
        /* a noun follows: a plural within three words ("18% more likely"
         * has none) */
        int noun = 0;
        for (size_t q = i + 1; q < end && q < i + 4 && k[q].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[q]) && !noun; q++)
            noun = plural_head(t, &k[q]);
        if (noun)
            i++;
    }
    /* "3.35m euros (£2.31m) putting him third": a participle that opens a
     * clause is no measure */
    if (i < end && tok_in(lex->ing, t, &k[i]))
        return 0;
    size_t j = i;
    while (j < end && j < i + 4 && k[j].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[j]) &&
           !(j > i && is_cue_word(lex, t, &k[j])) && !(of && is_possessive(t, &k[j])))
        j++;
    /* "two of the All Blacks' seven tries", "10% of the company's shares":
     * after "of", what the possessor owns is counted. */
    if (of && j < end && j > i && (is_possessive(t, &k[j]) || is_word(t, &k[j], "'") ||
                                   is_word(t, &k[j], "\xE2\x80\x99"))) {
        size_t o = j + 1;
        if (o < end && k[o].kind == NC_TOKEN_NUMBER)
            o++;
        size_t e = o;
        while (e < end && e < o + 4 && k[e].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[e]) &&
               !is_cue_word(lex, t, &k[e]))
            e++;
        if (e > o)
            i = o, j = e;
    }
    /* "60 short and long-haul routes": one word that is no plural,
     * "and"/"or", and two or more words after it, up to a stop. */
    if (j == i + 1 && j + 1 < end && (is_word(t, &k[j], "and") || is_word(t, &k[j], "or")) &&
        !plural_head(t, &k[i]) && k[j + 1].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[j + 1])) {
        size_t e = j + 1;
        while (e < end && e < j + 4 && k[e].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[e]) &&
               !is_cue_word(lex, t, &k[e]))
            e++;
        if (e > j + 2)
            j = e;
    }
    *a = i;
    *b = j;
    return j > i;
}

/* The possessive "'s" as a token of its own ("Sri Lanka 's stock market"):
 * the measure starts after it. */
static int is_possessive(const char *t, const nci_tok *k)
{
    size_t n = k->end - k->start;
    const char *w = t + k->start;
    return (n == 2 && w[0] == '\'' && (w[1] | 32) == 's') || (n == 4 && !memcmp(w, "\xE2\x80\x99", 3) && (w[3] | 32) == 's');
}

/* Measure before a percentage or an amount: "profits jumped 76%". */
static int is_price_verb(const char *t, const nci_tok *k)
{
    return is_word(t, k, "priced") || is_word(t, k, "cost") || is_word(t, k, "costs") || is_word(t, k, "costing") ||
           is_word(t, k, "retails");
}

static int measure_before(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t i,
                          size_t first, int need_link, size_t *a, size_t *b, size_t *head_end, size_t *price)
{
    const nci_tok *k = S->toks;
    size_t j = i;
    int skipped = 0, hops = 0;
    /* "the disabled will make up 16%": "make up" links */
    if (j > first + 1 && is_word(t, &k[j - 1], "up") &&
        (is_word(t, &k[j - 2], "make") || is_word(t, &k[j - 2], "makes") || is_word(t, &k[j - 2], "made")))
        j -= 2, skipped++, hops += 2;
    /* "cost(s)" right before the amount is a verb ("tickets cost £20"),
     * elsewhere a noun ("borrowing costs to 1.75%") */
    if (j > first && (is_word(t, &k[j - 1], "cost") || is_word(t, &k[j - 1], "costs") || is_word(t, &k[j - 1], "costing")))
        j--, skipped++, hops++;
    while (j > first && hops < 6 && k[j - 1].kind == NC_TOKEN_WORD) {
        if (word_in(lex->link, t, &k[j - 1]))
            skipped++;
        else if (!word_in(lex->aux, t, &k[j - 1]))
            break;
        j--, hops++;
    }
    /* A count takes a measure from before it only through a verb or
     * preposition that links them ("figures ranging from 49 to 73", "the
     * toll rose to 41"), never from a bare neighbour. */
    if (need_link && !skipped)
        return 0;
    size_t e = j;
    while (j > first && e - j < 3 && k[j - 1].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[j - 1]) &&
           !is_cue_word(lex, t, &k[j - 1]) && !is_possessive(t, &k[j - 1]))
        j--;
    /* "tickets cost £20", "priced at £229": what is measured is the price
     * (of the noun before, when there is one). */
    *price = SIZE_MAX;
    for (size_t p = e; p < i; p++)
        if (is_price_verb(t, &k[p]))
            *price = p;
    if (e == j && *price != SIZE_MAX) {
        *a = *price;
        *b = *head_end = *price + 1;
        *price = SIZE_MAX;
        return 1;
    }
    if (e == j)
        return 0;
    *head_end = e;
    /* The words found may end a prepositional phrase whose head stands
     * before it: "shares in American Express surged 8%", "exports for the
     * year rose by 14%", "revenues from its car-making operations rise
     * 11%", "annual sales in Asia to 150,000".  The head (one or two words
     * before in, of, from, for, at, on) is what is counted. */
    size_t d = j;
    if (d > first && word_in(lex->det, t, &k[d - 1]))
        d--;
    if (d > first + 1 && (is_word(t, &k[d - 1], "in") || is_word(t, &k[d - 1], "of") ||
                          is_word(t, &k[d - 1], "from") || is_word(t, &k[d - 1], "for") ||
                          is_word(t, &k[d - 1], "at") || is_word(t, &k[d - 1], "on"))) {
        size_t h = d - 1;
        while (h > first && d - 1 - h < 2 && k[h - 1].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[h - 1]) &&
               !is_cue_word(lex, t, &k[h - 1]) && !word_in(lex->link, t, &k[h - 1]) && !is_possessive(t, &k[h - 1]))
            h--;
        if (h < d - 1)
            j = h, *head_end = d - 1;
    }
    *a = j;
    *b = e;
    return 1;
}

/* English and Spanish plurals to singular, by suffix. */
static size_t singular(const char *w, size_t n, int es)
{
    if (n <= 3)
        return n;
    if (es) {
        if (n > 4 && w[n - 2] == 'e' && w[n - 1] == 's' && strchr("lrndzj", w[n - 3]))
            return n - 2;
        return w[n - 1] == 's' ? n - 1 : n;
    }
    if (w[n - 1] != 's' || w[n - 2] == 's' || w[n - 2] == 'u' || w[n - 2] == 'i')
        return n;
    /* "matches", "boxes", "taxes", "wishes": -es after a sibilant */
    if (n > 4 && w[n - 2] == 'e' &&
        ((w[n - 3] == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's')) || w[n - 3] == 'x' || w[n - 3] == 'z' ||
         (w[n - 3] == 's' && w[n - 4] == 's')))
        return n - 2;
    return n - 1; /* "-ies" is turned into "-y" by the caller */
}

/* A word of ASCII letters, digits and marks other than the apostrophe and
 * blanks, short enough for a buffer of 64, is only lower-cased by
 * nci_fold(): into low (NUL-terminated), 1.  0 for the others. */
static int lower_ascii(const char *w, size_t n, char low[64])
{
    if (n >= 64)
        return 0;
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { /* 8 bytes at a time, the tests exact as to "any" */
        uint64_t v, q;
        memcpy(&v, w + i, 8);
        q = v ^ (ones * '\'');
        if ((v & high) | ((v - ones * 0x21) & ~v & high) | ((q - ones) & ~q & high))
            return 0;
        /* bytes below 0x80 now: + 0x3F reaches 0x80 from 'A' on, + 0x25
         * from '[' on, and no sum carries into the next byte */
        v |= ((v + ones * 0x3F) & ~(v + ones * 0x25) & high) >> 2;
        memcpy(low + i, &v, 8);
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80 || c <= ' ' || c == '\'')
            return 0;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = '\0';
    return 1;
}

/* The longest measure key, its NUL not counted: a word goes in while the
 * key before it and the word are shorter.  KEY_ROOM: the room a key is
 * written in, a word lower-cased after the longest (lower_ascii()) too. */
#define MAX_KEY 255
#define KEY_ROOM (MAX_KEY + 1 + 64)

/* The key of the measure [a, b) (and the action's word, when there is
 * one) at the end of out's keys, NUL-terminated: the claims of a document
 * share one buffer rather than an allocation each.  Its offset and
 * length, -1 when out of memory. */
static int measure_key(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t a, size_t b,
                       size_t action, int es, nci_claims *out, uint32_t *off, uint32_t *len)
{
    char *buf = nci_grow(out->keys, &out->capkeys, out->nkeys + KEY_ROOM, 1);
    if (!buf)
        return -1;
    out->keys = buf;
    buf += out->nkeys;
    size_t n = 0;
    int folded = 0; /* a word went through nci_fold() */
    for (size_t i = a; i < b + (action != SIZE_MAX); i++) {
        const nci_tok *k = &S->toks[i < b ? i : action];
        if (word_in(lex->keydrop, t, k))
            continue;
        size_t fl = k->end - k->start;
        char *low = buf + n + (n > 0), *f = low; /* where the word goes in the key */
        /* most words: lower-cased in place, no copy on the heap */
        if (!lower_ascii(t + k->start, fl, low)) {
            if (!(f = nci_fold(t + k->start, k->end - k->start, &fl)))
                return -1;
            folded = 1;
        }
        size_t sl = singular(f, fl, es);
        /* the verb of a price is its noun: "priced" -> "price" */
        if ((fl == 6 && !memcmp(f, "priced", 6)) || (fl == 7 && !memcmp(f, "pricing", 7)))
            sl = 5;
        else if (fl == 7 && !memcmp(f, "costing", 7))
            sl = 4;
        if (fl >= 3 && !memcmp(f + fl - 3, "ies", 3) && !es)
            f[fl - 3] = 'y', sl = fl - 2;
        /* the plural of an acronym: "PCs", "MPs", "CDs" */
        size_t tl = k->end - k->start;
        if (tl >= 3 && t[k->start + tl - 1] == 's' && sl == fl) {
            int caps = 1;
            for (size_t q = 0; q + 1 < tl; q++)
                caps &= t[k->start + q] >= 'A' && t[k->start + q] <= 'Z';
            if (caps)
                sl = fl - 1;
        }
        if (n + sl < MAX_KEY) {
            if (n)
                buf[n++] = ' ';
            if (f != low)
                memcpy(buf + n, f, sl);
            n += sl;
        }
        if (f != low)
            free(f);
    }
    buf[n] = '\0';
    *off = (uint32_t)out->nkeys;
    /* the key is a C string: a NUL a folded word kept ends it */
    *len = (uint32_t)(folded ? strlen(buf) : n);
    out->nkeys += n + 1;
    return 0;
}

/* The past participle just before the number (qualifier words between are
 * skipped): "released", "detained", "freed". */
static size_t action_before(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_sent *x,
                            size_t ti, size_t ma, size_t mb)
{
    if (!(mb == ma + 1 && tok_in(lex->persons, t, &S->toks[ma])))
        return SIZE_MAX;
    for (size_t j = ti, hops = 0; j > x->tok_first && hops < 3; j--, hops++) {
        const nci_tok *k = &S->toks[j - 1];
        size_t n = k->end - k->start;
        if (k->kind != NC_TOKEN_WORD)
            return SIZE_MAX;
        if (n > 4 && t[k->start + n - 2] == 'e' && t[k->start + n - 1] == 'd' && !k->cap)
            return j - 1;
    }
    return SIZE_MAX;
}

/* A change links a count to the figure before it: "to", "from", "up",
 * "down", "by" right before the count (a qualifier may stand between), and
 * the earlier figure ends at most six tokens before. */
static int change_before(const char *t, const nci_segs *S, const nci_sent *x, size_t ti, uint32_t prev_end)
{
    static const char *const CH[] = {"to", "from", "up", "down", "by", "hasta", NULL};
    size_t j = ti;
    while (j > x->tok_first && j + 2 > ti && S->toks[j - 1].kind == NC_TOKEN_WORD) {
        for (int i = 0; CH[i]; i++)
            if (nci_tok_is(t, &S->toks[j - 1], CH[i])) {
                size_t p = j - 1;
                while (p > x->tok_first && S->toks[p - 1].start >= prev_end)
                    p--;
                return j - 1 - p <= 6;
            }
        j--;
    }
    return 0;
}

/* "four points behind Arsenal and five back from Chelsea": a count
 * followed by an adverb of distance or comparison leaves its noun out; it
 * counts what the figure before it counts. */
static int elliptic_after(const char *t, const nci_segs *S, size_t te, size_t end)
{
    static const char *const ADV[] = {"back", "ahead", "behind", "clear", "more", "fewer", "less", "apart",
                                      "adrift", "short", NULL};
    if (te >= end)
        return 0;
    for (int i = 0; ADV[i]; i++)
        if (nci_tok_is(t, &S->toks[te], ADV[i]))
            return 1; /* "15% more passengers" took its noun in measure_after() */
    return 0;
}

/* A unit of measurement: "2.6 metre" is a length, in the singular too. */
static int is_unit(const char *t, const nci_tok *k)
{
    static const char *const U[] = {"metre", "meter", "kilometre", "kilometer", "mile", "inch", "foot", "litre",
                                    "liter", "gram", "kilogram", "kilo", "tonne", "ton", "degree", "percent",
                                    "point", "acre", "hectare", "barrel", NULL};
    for (int i = 0; U[i]; i++)
        if (nci_tok_is(t, k, U[i]))
            return 1;
    return 0;
}

/* The last word of a measure is a plural, or a noun that counts as one. */
static int plural_head(const char *t, const nci_tok *k)
{
    static const char *const INVARIANT[] = {"people", "staff", "police", "children", "men", "women", "cattle",
                                            "sheep", "fish", "personnel", "aircraft", "crew", "personas",
                                            "gente", NULL};
    size_t n = k->end - k->start;
    if (n > 1 && (t[k->end - 1] == 's' || t[k->end - 1] == 'S'))
        return 1;
    for (int i = 0; INVARIANT[i]; i++)
        if (nci_tok_is(t, k, INVARIANT[i]))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- time */

typedef struct {
    int y, m, d; /* publication date (d 0 when partial), y 0 when unknown */
    long days;
} pub_t;

/* A copy of the NUL-terminated s into out[16], cut at 15 bytes. */
static void copy16(char out[16], const char *s)
{
    size_t n = strnlen(s, 15);
    memcpy(out, s, n);
    out[n] = '\0';
}

static void set_time(nci_claim *c, const char *ts, const char *te, size_t a, size_t b)
{
    copy16(c->time_start, ts);
    copy16(c->time_end, te);
    c->t_start = (uint32_t)a;
    c->t_end = (uint32_t)b;
}

/* A part of a year named at token h ("the end of", "first quarter",
 * "fourth-quarter", "second half", "Q3"): its first and last month and the
 * token where the phrase starts. */
static void year_part(const char *t, const nci_tok *k, size_t h, int *m0, int *m1, size_t *pa)
{
    static const char *const ORD[] = {"first", "second", "third", "fourth", NULL};
    static const char *const LAST[] = {"last", "final", NULL};
    const char *w = t + k[h].start;
    size_t n = k[h].end - k[h].start;
    if (is_word(t, &k[h], "end") || is_word(t, &k[h], "close")) {
        *m0 = *m1 = 12;
        *pa = h > 0 && is_word(t, &k[h - 1], "the") ? h - 1 : h;
        return;
    }
    if (is_word(t, &k[h], "start") || is_word(t, &k[h], "beginning")) {
        *m0 = *m1 = 1;
        *pa = h > 0 && is_word(t, &k[h - 1], "the") ? h - 1 : h;
        return;
    }
    if (n == 2 && (w[0] == 'Q' || w[0] == 'q') && w[1] >= '1' && w[1] <= '4') {
        *m0 = (w[1] - '1') * 3 + 1, *m1 = *m0 + 2, *pa = h;
        return;
    }
    /* "fourth-quarter" as one token, or "fourth quarter" / "fourth - quarter" */
    int half = 0, ord = 0;
    size_t start = h;
    const char *dash = memchr(w, '-', n);
    if (dash) {
        size_t ol = (size_t)(dash - w), rl = n - ol - 1;
        half = rl == 4 && !strncasecmp(dash + 1, "half", 4);
        if (!(half || (rl == 7 && !strncasecmp(dash + 1, "quarter", 7))))
            return;
        for (int i = 0; ORD[i]; i++)
            if (strlen(ORD[i]) == ol && !strncasecmp(w, ORD[i], ol))
                ord = i + 1;
        for (int i = 0; LAST[i]; i++)
            if (strlen(LAST[i]) == ol && !strncasecmp(w, LAST[i], ol))
                ord = 4;
    } else {
        half = is_word(t, &k[h], "half");
        if (!(half || is_word(t, &k[h], "quarter")))
            return;
        size_t o = h;
        if (o > 0 && is_word(t, &k[o - 1], "-"))
            o--;
        for (int i = 0; o > 0 && ORD[i]; i++)
            if (nci_tok_is(t, &k[o - 1], ORD[i]))
                ord = i + 1, start = o - 1;
        for (int i = 0; o > 0 && LAST[i]; i++)
            if (nci_tok_is(t, &k[o - 1], LAST[i]))
                ord = 4, start = o - 1;
    }
    if (ord == 4 && half)
        ord = 2; /* "the last half" */
    if (!ord || (half && ord > 2))
        return;
    *m0 = half ? (ord - 1) * 6 + 1 : (ord - 1) * 3 + 1;
    *m1 = *m0 + (half ? 5 : 2);
    *pa = start > 0 && is_word(t, &k[start - 1], "the") ? start - 1 : start;
}

/* "a year earlier", "a year before", "a year ago", "the previous year",
 * "the year before" ("last year" is not one: it is the publication's):
 * within 20 tokens after the number at byte numpos, with no claimable
 * number between.  Its tokens [*ra, *rb). */
static int year_before_follows(const char *t, const nci_tok *k, size_t n, const nci_numvec *nums, size_t n0,
                               const nci_sent *x, size_t numpos, size_t *ra, size_t *rb)
{
    size_t i = tok_bisect(k, 0, n, numpos, 1);
    size_t stop = i + 20 < n ? i + 20 : n; /* within the figure's clause */
    for (; i + 2 < stop; i++) {
        size_t e = 0;
        if (!is_word(t, &k[i + 1], "year") && !is_word(t, &k[i + 2], "year"))
            continue; /* every phrase has "year" second or third */
        if ((is_word(t, &k[i], "a") || is_word(t, &k[i], "one")) && is_word(t, &k[i + 1], "year") &&
            (is_word(t, &k[i + 2], "earlier") || is_word(t, &k[i + 2], "before") || is_word(t, &k[i + 2], "ago") ||
             is_word(t, &k[i + 2], "previously")))
            e = i + 3;
        else if (is_word(t, &k[i], "the") && (is_word(t, &k[i + 1], "previous") || is_word(t, &k[i + 1], "prior")) &&
                 is_word(t, &k[i + 2], "year"))
            e = i + 3;
        else if (is_word(t, &k[i], "the") && is_word(t, &k[i + 1], "year") && is_word(t, &k[i + 2], "before"))
            e = i + 3;
        if (!e)
            continue;
        /* "from the previous year's 1,070bn": it dates the figure it owns */
        if (e < n && is_possessive(t, &k[e]))
            return 0;
        /* "7.7% more than the previous year", "up 5% on a year earlier":
         * the base of a comparison, not the figure's own time. */
        if (i > 0 && (is_word(t, &k[i - 1], "than") || is_word(t, &k[i - 1], "on") || is_word(t, &k[i - 1], "over") ||
                      is_word(t, &k[i - 1], "with")))
            return 0;
        for (size_t j = n0; j < nums->n && nums->v[j].start < k[i].start; j++) {
            const nci_number *v = &nums->v[j];
            if (v->start > numpos && v->start >= x->start &&
                (v->kind == NC_NUM_COUNT || v->kind == NC_NUM_PERCENT || v->kind == NC_NUM_MONEY))
                return 0;
        }
        *ra = i;
        *rb = e;
        return 1;
    }
    return 0;
}

/* "2004" -> "2003", "2004-10" -> "2003-10"; leaves other text alone. */
static void shift_year(char buf[16], int by)
{
    if (strlen(buf) < 4)
        return;
    int y = atoi(buf) + by;
    if (y < 0 || y > 9999)
        return;
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%04d%s", y, buf + 4);
    memcpy(buf, tmp, 16);
}

/* A time expression of a sentence that does not depend on the figure (a
 * date, "since December", "on Thursday", "in January", "currently"): the
 * byte its distance to a figure is measured from, the dates it gives and
 * the bytes of its phrase.  A sentence's are found once for all its
 * figures, in the order claim_time() weighs them (by kind, then in the
 * text): the nearest wins, the first of equally near ones. */
enum { TIME_DATE, TIME_SINCE, TIME_DAY, TIME_MONTH, TIME_NOW };
typedef struct {
    int kind;
    size_t pos;
    int dated; /* 0: no date ("currently" with no publication date) */
    int y0, m0, d0, y1, m1, d1;
    size_t ta, tb;
} timecand;

typedef struct {
    timecand *v;
    size_t n, cap;
    int year_word; /* the sentence has the word "year" (year_before_follows()) */
} timecands;

static int add_time(timecands *tc, int kind, size_t pos, int dated, int y0, int m0, int d0, int y1, int m1,
                    int d1, size_t ta, size_t tb)
{
    timecand *v = nci_grow(tc->v, &tc->cap, tc->n + 1, sizeof *v);
    if (!v)
        return -1;
    tc->v = v;
    /* after those of its kind and the kinds before: one pass over the
     * tokens finds the kinds mixed */
    size_t at = tc->n++;
    for (; at > 0 && v[at - 1].kind > kind; at--)
        v[at] = v[at - 1];
    v[at] = (timecand){kind, pos, dated, y0, m0, d0, y1, m1, d1, ta, tb};
    return 0;
}

/* The words that may start a time expression, by first letter (ASCII
 * case folded): since/desde; yesterday, today, ayer, hoy; in, during, en,
 * durante; currently, presently, at present, actualmente.  A weekday is
 * any capitalised word. */
enum { TW_SINCE = 1, TW_DAY = 2, TW_IN = 4, TW_NOW = 8 };
static const unsigned char TIME_WORD[256] = {
    ['s'] = TW_SINCE, ['d'] = TW_SINCE | TW_IN, ['y'] = TW_DAY, ['t'] = TW_DAY, ['h'] = TW_DAY,
    ['a'] = TW_DAY | TW_NOW, ['i'] = TW_IN, ['e'] = TW_IN, ['c'] = TW_NOW, ['p'] = TW_NOW};
/* Bit n of TIME_LENS[c]: one of those words (or "year") has n bytes and
 * starts with c; most tokens that start like one are told apart by their
 * length.  It is a filter: the tests after it are exact, so a token of 32
 * bytes or more read as its length modulo 32 costs only their time. */
#define L(n) ((uint32_t)1 << (n))
static const uint32_t TIME_LENS[256] = {
    ['s'] = L(5), ['d'] = L(5) | L(6) | L(7), ['y'] = L(9) | L(4), ['t'] = L(5), ['h'] = L(3),
    ['a'] = L(2) | L(4) | L(11), ['i'] = L(2), ['e'] = L(2), ['c'] = L(9), ['p'] = L(9)};
#undef L

/* "since December": a month alone after since (token i of k[0..n)), from
 * its first day.  -1 when out of memory. */
static int since_month(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t n, size_t i, const pub_t *pub,
                       timecands *tc)
{
    if (!(is_word(t, &k[i], "since") || is_word(t, &k[i], "desde")))
        return 0;
    size_t j = i + 1;
    if (is_word(t, &k[j], "late") || is_word(t, &k[j], "early") || is_word(t, &k[j], "mid"))
        j++;
    if (j >= n)
        return 0;
    int mo = nci_month_lookup(lex->cal, t + k[j].start, k[j].end - k[j].start);
    if (!mo || (j + 1 < n && k[j + 1].kind == NC_TOKEN_NUMBER))
        return 0; /* "since 8 January 2026" is a full date, found by nci_dates_find() */
    return add_time(tc, TIME_SINCE, k[i].start, 1, pub->m && mo > pub->m ? pub->y - 1 : pub->y, mo, 0, pub->y,
                    pub->m, pub->d, k[i].start, k[j].end);
}

/* A weekday, yesterday, today at token i: relative to publication (a full
 * date).  -1 when out of memory. */
static int relative_day(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t i, const pub_t *pub,
                        timecands *tc)
{
    int wd = k[i].kind == NC_TOKEN_WORD && k[i].cap
                 ? nci_weekday_lookup(lex->cal, t + k[i].start, k[i].end - k[i].start) : 0;
    long back = -1;
    if (wd) {
        int pwd = (int)(((pub->days % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday */
        back = (pwd - wd + 7) % 7;
    } else if (!(TIME_WORD[(unsigned char)(t[k[i].start] | 32)] & TW_DAY)) {
        return 0;
    } else if (is_word(t, &k[i], "yesterday") || is_word(t, &k[i], "ayer")) {
        back = 1;
    } else if (is_word(t, &k[i], "today") || is_word(t, &k[i], "hoy")) {
        back = 0;
    }
    if (back < 0)
        return 0;
    int y, m, d;
    civil_from_days(pub->days - back, &y, &m, &d);
    size_t ta = i > 0 && (is_word(t, &k[i - 1], "on") || is_word(t, &k[i - 1], "el")) ? k[i - 1].start
                                                                                           : k[i].start;
    return add_time(tc, TIME_DAY, k[i].start, 1, y, m, d, y, m, d, ta, k[i].end);
}

/* "in January", "during May": a month alone after a preposition (token i,
 * i + 1 < n), in the publication's year (the year before when it would
 * fall after publication); without a publication date nothing, but a year
 * further away no longer dates the figure ("falls at the end of 2004 ...
 * prices rose 0.8% in January").  -1 when out of memory. */
static int month_after_prep(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t n, size_t i,
                            const pub_t *pub, timecands *tc)
{
    size_t j = i + 1;
    if (k[j].kind != NC_TOKEN_WORD || k[j].end - k[j].start < 3)
        return 0; /* quick: no month name after it */
    if (!(is_word(t, &k[i], "in") || is_word(t, &k[i], "during") || is_word(t, &k[i], "en") ||
          is_word(t, &k[i], "durante")))
        return 0;
    /* English month names are capitalised ("in May", not "in may");
     * Spanish ones are not ("en enero") */
    if (!k[j].cap && !(is_word(t, &k[i], "en") || is_word(t, &k[i], "durante")))
        return 0;
    int mo = nci_month_lookup(lex->cal, t + k[j].start, k[j].end - k[j].start);
    if (!mo || (j + 1 < n && k[j + 1].kind == NC_TOKEN_NUMBER))
        return 0; /* "in January 2005" is a full date, found by nci_dates_find() */
    int y = pub->m && mo > pub->m ? pub->y - 1 : pub->y;
    return add_time(tc, TIME_MONTH, k[i].start, pub->y != 0, y, mo, 0, y, mo, 0, k[i].start, k[j].end);
}

/* "currently", "at present" at token i: the day of writing; without a
 * publication date nothing, but a year further away no longer dates the
 * figure ("currently at 62%, and 85% by 2008").  -1 when out of memory. */
static int present_time(const char *t, const nci_tok *k, size_t n, size_t i, const pub_t *pub, timecands *tc)
{
    size_t e = 0;
    if (k[i].kind != NC_TOKEN_WORD)
        return 0;
    if (is_word(t, &k[i], "currently") || is_word(t, &k[i], "presently") || is_word(t, &k[i], "actualmente"))
        e = i + 1;
    else if (i + 1 < n && is_word(t, &k[i], "at") && is_word(t, &k[i + 1], "present"))
        e = i + 2;
    if (!e)
        return 0;
    return add_time(tc, TIME_NOW, k[i].start, pub->y != 0, pub->y, pub->m, pub->d, pub->y, pub->m, pub->d,
                    k[i].start, k[e - 1].end);
}

/* The time expressions of sentence s that claim_time() weighs before the
 * years of the number stage; -1 when out of memory. */
static int sentence_times(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t s, const pub_t *pub,
                          const nci_date *found, size_t nf, timecands *tc)
{
    const nci_sent *x = &S->sents[s];
    const nci_tok *k = S->toks + x->tok_first;
    size_t n = x->tok_count;
    tc->n = 0;
    for (size_t i = 0; i < nf; i++) {
        nci_date dt = found[i];
        if (dt.d && dt.y == 0 && pub->y) {
            dt.y = pub->y;
            if (pub->m && (dt.m > pub->m + 1))
                dt.y--;
        }
        if (!dt.y)
            continue;
        /* The word before: since / as of / late, early, mid. */
        size_t ti = dt.start ? tok_bisect(k, 0, n, dt.start - 1, 1) : 0;
        int since = ti > 0 && (is_word(t, &k[ti - 1], "since") || is_word(t, &k[ti - 1], "desde"));
        size_t ta = ti > 0 && (since || is_word(t, &k[ti - 1], "late") || is_word(t, &k[ti - 1], "early") ||
                               is_word(t, &k[ti - 1], "mid")) ? k[ti - 1].start : dt.start;
        if (ti > 1 && is_word(t, &k[ti - 1], "of") && is_word(t, &k[ti - 2], "as"))
            ta = k[ti - 2].start;
        int r = since && pub->y
                    ? add_time(tc, TIME_DATE, dt.start, 1, dt.y, dt.m, dt.d, pub->y, pub->m, pub->d, ta, dt.end)
                    : add_time(tc, TIME_DATE, dt.start, 1, dt.y, dt.m, dt.d, dt.y, dt.m, dt.d, ta, dt.end);
        if (r)
            return -1;
    }
    /* The other kinds in one pass; most tokens are passed over by their
     * first letter and length.  The word "year" is noted on the way. */
    int day = pub->y && pub->d;
    tc->year_word = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)(t[k[i].start] | 32);
        size_t len = k[i].end - k[i].start;
        if (!(TIME_LENS[c] >> (len & 31) & 1) && !(day && k[i].cap))
            continue;
        if (len == 4 && c == 'y' && is_word(t, &k[i], "year"))
            tc->year_word = 1;
        unsigned f = TIME_WORD[c];
        if (((f & TW_SINCE) && i + 1 < n && pub->y && since_month(lex, t, k, n, i, pub, tc)) ||
            (day && relative_day(lex, t, k, i, pub, tc)) ||
            ((f & TW_IN) && i + 1 < n && month_after_prep(lex, t, k, n, i, pub, tc)) ||
            ((f & TW_NOW) && present_time(t, k, n, i, pub, tc)))
            return -1;
    }
    return 0;
}

/* The time expression of the sentence nearest the number: the nearest of
 * the sentence's (tc, from sentence_times()), then its years. */
static void claim_time(const char *t, const nci_segs *S, size_t s, const nci_numvec *nums, size_t n0,
                       const pub_t *pub, const timecands *tc, nci_claim *c, size_t numpos, size_t numend)
{
    const nci_sent *x = &S->sents[s];
    const nci_tok *k = S->toks + x->tok_first;
    size_t n = x->tok_count;
    long bestdist = -1;
    char ts[16] = "", te[16] = "";
    size_t ta = 0, tb = 0;
#define DIST(p) ((long)((p) > numpos ? (p) - numpos : numpos - (p)))
    const timecand *best = NULL;
    for (size_t i = 0; i < tc->n; i++) {
        long dist = DIST(tc->v[i].pos);
        if (bestdist >= 0 && dist >= bestdist)
            continue;
        bestdist = dist;
        best = &tc->v[i];
    }
    if (best) {
        if (best->dated) {
            fmt_date(ts, best->y0, best->m0, best->d0);
            fmt_date(te, best->y1, best->m1, best->d1);
        }
        ta = best->ta;
        tb = best->tb;
    }
    /* "in 2020": a year from the number stage, after a preposition that
     * puts the figure in it ("in", "by 2010", "for 2004", "during"; "of"
     * only after a part of the year: "the end of 2005"), before a possessive ("2003's $1.2bn loss"), or after a
     * quarter or half ("the fourth quarter of 2004", "fourth-quarter 2004
     * profits": its months). */
    for (size_t i = n0; i < nums->n && nums->v[i].start < x->end; i++) {
        const nci_number *y = &nums->v[i];
        if (y->kind != NC_NUM_YEAR || y->start < x->start || y->end > x->end || !(y->has_value || y->has_low))
            continue;
        /* no nearer than the best so far: skipped below whatever it is, so
         * before the work (a sentence can hold thousands of years) */
        if (bestdist >= 0 && DIST(y->start) >= bestdist)
            continue;
        /* the first token at or after the year (bisection) */
        size_t ti = y->start ? tok_bisect(k, 0, n, y->start - 1, 1) : 0;
        while (ti + 1 < n && k[ti].end < y->end && k[ti + 1].start < y->end)
            ti++; /* the year itself, after a qualifier the number stage kept ("lower than 2003") */
        size_t yi = ti; /* the year's token */
        if (ti > 1 && (is_word(t, &k[ti - 1], "the") || is_word(t, &k[ti - 1], "los")))
            ti--; /* "in the 1990s" */
        int since = ti > 0 && (is_word(t, &k[ti - 1], "since") || is_word(t, &k[ti - 1], "desde"));
        int poss = yi + 1 < n && is_possessive(t, &k[yi + 1]) && k[yi + 1].start == y->end;
        int m0 = 0, m1 = 0, partof = 0; /* months of a part of the year */
        size_t pa = ti;       /* where the phrase starts */
        if (ti > 0 && (is_word(t, &k[ti - 1], "of") || is_word(t, &k[ti - 1], "de"))) {
            /* "the end of 2005", "the first quarter of 2004" */
            size_t h = ti - 1;
            if (h > 0)
                year_part(t, k, h - 1, &m0, &m1, &pa);
            if (!m0)
                pa = ti - 1;
            /* "the last three months of 2004", "the rest of 2005": a part
             * of that year */
            if (!m0 && h > 0 &&
                (is_word(t, &k[h - 1], "months") || is_word(t, &k[h - 1], "weeks") || is_word(t, &k[h - 1], "days") ||
                 is_word(t, &k[h - 1], "middle") || is_word(t, &k[h - 1], "rest") || is_word(t, &k[h - 1], "course") ||
                 is_word(t, &k[h - 1], "meses") || is_word(t, &k[h - 1], "semanas")))
                partof = 1;
        } else if (ti > 0) {
            year_part(t, k, ti - 1, &m0, &m1, &pa); /* "fourth-quarter 2004" */
        }
        int prep = ti > 0 && (is_word(t, &k[ti - 1], "in") || is_word(t, &k[ti - 1], "en") || since ||
                              is_word(t, &k[ti - 1], "by") || is_word(t, &k[ti - 1], "for") ||
                              is_word(t, &k[ti - 1], "during") ||
                              is_word(t, &k[ti - 1], "throughout") || is_word(t, &k[ti - 1], "until") ||
                              is_word(t, &k[ti - 1], "para") || is_word(t, &k[ti - 1], "durante"));
        /* a possessive year dates the figure it owns only */
        if (poss && !prep && !m0 && !(yi + 2 < n && numpos >= k[yi + 2].start && numpos < k[yi + 2].end + 1))
            continue;
        if (!prep && !poss && !m0 && !partof)
            continue;
        /* "35% higher than at the beginning of 2004", "than it was in 2003": a
         * date up to four words after "than" is the base of a comparison,
         * not the figure's time ("18% more likely than men to enter
         * university in 2000" keeps it). */
        if (y->start > numpos) {
            int than = 0;
            size_t ws = m0 ? pa : prep ? ti - 1 : yi; /* where the date phrase starts */
            for (size_t q = ws > 5 ? ws - 5 : 0; q < ws && !than; q++)
                than = k[q].start >= numend && is_word(t, &k[q], "than");
            if (than)
                continue;
        }
        long dist = DIST(y->start);
        if (bestdist >= 0 && dist >= bestdist)
            continue;
        bestdist = dist;
        /* a year, or a decade ("in the 1990s": 1990..1999) */
        int yr = (int)(y->has_value ? y->value : y->low);
        int yend = (int)(y->has_value || !y->has_high ? yr : y->high);
        if (m0) {
            fmt_date(ts, yr, m0, 0);
            fmt_date(te, yr, m1, 0);
        } else {
            fmt_date(ts, yr, 0, 0);
            if (since && pub->y)
                fmt_date(te, pub->y, pub->m, pub->d);
            else
                fmt_date(te, yend, 0, 0);
        }
        ta = m0 ? k[pa].start : partof ? k[ti - 2].start : (prep ? k[ti - 1].start : k[yi].start);
        tb = y->end;
    }
    /* "against $66m a year earlier": a figure that a phrase of the year
     * before follows, with no other figure between, is one year before the
     * time the sentence names (or the publication's year). */
    size_t ra, rb;
    if (tc->year_word && year_before_follows(t, k, n, nums, n0, x, numpos, &ra, &rb)) {
        if (bestdist >= 0 && ts[0]) {
            shift_year(ts, -1);
            shift_year(te, -1);
            ta = k[ra].start;
            tb = k[rb - 1].end;
        } else if (pub->y) {
            fmt_date(ts, pub->y - 1, 0, 0);
            memcpy(te, ts, 16);
            ta = k[ra].start;
            tb = k[rb - 1].end;
            bestdist = 0;
        }
    }
#undef DIST
    if (bestdist >= 0 && ts[0])
        set_time(c, ts, te, ta, tb);
    else if (bestdist >= 0)
        ; /* "currently" with no publication date: unknown */
    else if (pub->y) {
        fmt_date(ts, pub->y, pub->m, pub->d);
        set_time(c, ts, ts, 0, 0);
    }
}

/* ---------------------------------------------------------------- run */

static int is_slash_fraction(const char *t, size_t a, size_t b)
{
    size_t i = a, d1 = 0, d2 = 0;
    while (i < b && t[i] >= '0' && t[i] <= '9')
        i++, d1++;
    if (!d1 || i >= b || t[i] != '/')
        return 0;
    for (i++; i < b && t[i] >= '0' && t[i] <= '9'; i++)
        d2++;
    return d2 && i == b;
}

static void note_mention(const nci_ents *E, const nci_mention *m, refs_t *r)
{
    (void)E;
    if (m->type == NCI_ENT_PERSON)
        r->last_per = m->entity;
    else if (m->type == NCI_ENT_ORG)
        r->last_org = m->entity;
}

/* A LOC mention that can be a place: not a month or weekday name, not a
 * function word ("The"), not a word ending in -an/-ans/-ish/-ese used as a
 * nationality adjective before a lower-case noun ("Venezuelan opposition"). */
static int usable_place(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_mention *m)
{
    const nci_tok *k = &S->toks[m->tok];
    size_t n = k->end - k->start;
    if (m->ntok == 1 && (nci_month_lookup(lex->cal, t + k->start, n) ||
                         nci_weekday_lookup(lex->cal, t + k->start, n) || word_in(lex->stop, t, k)))
        return 0;
    if (m->ntok == 1 && n > 4) {
        const char *w = t + k->start;
        int demonym = (w[n - 2] == 'a' && w[n - 1] == 'n') || (n > 5 && !memcmp(w + n - 3, "ans", 3)) ||
                      !memcmp(w + n - 3, "ish", 3) || !memcmp(w + n - 3, "ese", 3);
        const nci_tok *nx = m->tok + 1 < S->ntoks ? &S->toks[m->tok + 1] : NULL;
        if (demonym && (!nx || (nx->kind == NC_TOKEN_WORD && !nx->cap) || nx->kind != NC_TOKEN_WORD))
            return 0;
    }
    return 1;
}

/* A place named in the sentence is where the figure holds when the text
 * says so: "in X" (en, across, throughout, inside, within), "X's ...", or X
 * leading the sentence ("Venezuela has released ...").  A place mentioned
 * otherwise ("talks with the United States") leaves the document's. */
static int places_claim(const char *t, const nci_segs *S, const nci_sent *x, const nci_mention *m)
{
    static const char *const PREP[] = {"in", "en", "across", "throughout", "inside", "within", "de", NULL};
    if (m->tok == x->tok_first || (m->tok == x->tok_first + 1 && is_word(t, &S->toks[x->tok_first], "the")))
        return 1;
    if (m->tok > x->tok_first) {
        const nci_tok *p = &S->toks[m->tok - 1];
        if (is_word(t, p, "the") && m->tok > x->tok_first + 1)
            p--;
        for (int i = 0; PREP[i]; i++)
            if (nci_tok_is(t, p, PREP[i]))
                return 1;
    }
    size_t after = m->tok + m->ntok;
    if (after < x->tok_first + x->tok_count) {
        const nci_tok *n = &S->toks[after];
        size_t nl = n->end - n->start;
        const char *w = t + n->start;
        /* "Venezuela's prisons", not "Spain's Ministry": the owned word is a
         * common noun */
        const nci_tok *o = after + 1 < x->tok_first + x->tok_count ? &S->toks[after + 1] : NULL;
        if (((nl == 2 && w[0] == '\'' && (w[1] | 32) == 's') || (nl == 4 && !memcmp(w, "\xE2\x80\x99", 3))) &&
            o && o->kind == NC_TOKEN_WORD && !o->cap)
            return 1;
    }
    return 0;
}

static int main_place(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E)
{
    int best = -1;
    uint32_t most = 0;
    for (size_t e = 0; e < E->ne; e++)
        if (E->e[e].type == NCI_ENT_LOC && E->e[e].nmentions > most &&
            usable_place(lex, t, S, &E->m[E->e[e].name_mention]))
            most = E->e[e].nmentions, best = (int)e;
    return best;
}

/* A unit of time ends the measure: "three years" is a duration.  "times"
 * alone counts occasions ("raised taxes 66 times", "broke her serve three
 * times"), unless a comparison follows ("ten times more", "six times as
 * much", "four times higher"): a multiplier. */
static int is_time_unit(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t a, size_t b,
                        size_t end)
{
    if (b <= a)
        return 0;
    const nci_tok *k = &S->toks[a];
    if (is_word(t, k, "times") || is_word(t, k, "veces")) {
        if (a + 1 >= end)
            return 0;
        const nci_tok *n = &S->toks[a + 1];
        size_t nl = n->end - n->start;
        return is_word(t, n, "as") || is_word(t, n, "more") || is_word(t, n, "less") || is_word(t, n, "the") ||
               is_word(t, n, "than") || is_word(t, n, "that") || is_word(t, n, "más") || is_word(t, n, "menos") ||
               (n->kind == NC_TOKEN_WORD && nl > 3 && t[n->end - 2] == 'e' && t[n->end - 1] == 'r');
    }
    return word_in(lex->timeunit, t, &S->toks[b - 1]);
}

/* Rule 1: a count, a percentage or an amount whose value can be held. */
/* What a sentence's cues leave for the sentences after it: the source
 * quoted (quoted; -1 when its sentence has no quotation mark), the
 * last sources named (prev, prev_org; -1: it names none, the ones before
 * stay) and the person quoted in it (sent_per). */
typedef struct {
    size_t sent;
    int32_t sent_per, prev, prev_org, quoted;
} sentrefs;

static sentrefs sentence_refs(const char *t, const nci_segs *S, const nci_ents *E, size_t s, const cues_t *cs,
                              qmarks_t *quotes)
{
    sentrefs o = {s, -1, -1, -1, -1};
    for (unsigned i = 0; i < cs->n; i++)
        if (cs->c[i].ent >= 0) {
            if (E->e[cs->c[i].ent].type == NCI_ENT_PERSON)
                o.sent_per = cs->c[i].ent;
            o.prev = cs->c[i].ent;
            if (E->e[cs->c[i].ent].type == NCI_ENT_ORG)
                o.prev_org = cs->c[i].ent;
            o.quoted = cs->c[i].ent;
        }
    if (o.quoted >= 0 && !has_quote(t, &S->sents[s], quotes))
        o.quoted = -1;
    return o;
}

/* The walk over the sentences: what anaphors point back to (refs) and the
 * source of the last sentence if it quotes (quoted), as of sentence done
 * (its first mention: dm).  A sentence's cues are read only once one of
 * its figures is a claim.  Those of the sentences between (most of a
 * document) count only when a later sentence asks refs something
 * (pron_ref() counts the questions) or reads quoted: then they are read,
 * in order (catch_up()), the claims' sentences read meanwhile giving what
 * they left (log). */
typedef struct {
    refs_t refs;
    int32_t quoted;
    size_t done, dm;
    sentrefs *log;
    size_t nlog, caplog;
    unsigned asked;
} walk_t;

static void leave(walk_t *w, const nci_ents *E, sentrefs o, size_t m0, size_t m1)
{
    w->refs.sent_per = o.sent_per;
    if (o.prev >= 0)
        w->refs.prev = o.prev;
    if (o.prev_org >= 0)
        w->refs.prev_org = o.prev_org;
    w->quoted = o.quoted;
    for (size_t m = m0; m < m1; m++)
        note_mention(E, &E->m[m], &w->refs);
}

/* Brings w up to sentence s (> w->done): the sentences in between in
 * order, from the log or from their cues. */
static void catch_up(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E, walk_t *w,
                     size_t s, qmarks_t *quotes)
{
    size_t li = 0, m = w->dm;
    for (size_t p = w->done; p < s; p++) {
        while (m < E->nm && E->m[m].sent < p)
            m++;
        size_t m1 = m;
        while (m1 < E->nm && E->m[m1].sent == p)
            m1++;
        if (S->sents[p].furniture)
            continue;
        if (li < w->nlog && w->log[li].sent == p) {
            leave(w, E, w->log[li++], m, m1);
        } else {
            cues_t cs;
            sentence_cues(lex, t, S, E, p, m, m1, &w->refs, quotes, &cs);
            leave(w, E, sentence_refs(t, S, E, p, &cs, quotes), m, m1);
        }
        m = m1;
    }
    w->done = s;
    w->dm = m;
    w->nlog = 0;
}

/* The cues of sentence p (mentions [a, b)) as of sentence s, with w's
 * refs and, noted into them first, the mentions [xa, xb) (those of a
 * sentence between): read with what w holds, and again after catch_up()
 * when they asked it something while sentences before s are not read. */
static void cues_as_of(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E, walk_t *w,
                       size_t s, size_t p, size_t a, size_t b, size_t xa, size_t xb, qmarks_t *quotes, cues_t *out)
{
    for (;;) {
        refs_t r = w->refs;
        for (size_t m = xa; m < xb; m++)
            note_mention(E, &E->m[m], &r);
        unsigned asked = w->asked;
        sentence_cues(lex, t, S, E, p, a, b, &r, quotes, out);
        if (w->asked == asked || w->done >= s)
            return;
        catch_up(lex, t, S, E, w, s, quotes);
    }
}

/* The source the sentence before s quoted (w->quoted as of s; m0: the
 * first mention of s): from the log or from that sentence's cues, which
 * mostly ask refs nothing, rather than from all the sentences not read. */
static int32_t quoted_before(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E,
                             walk_t *w, size_t s, size_t m0, qmarks_t *quotes)
{
    size_t p = s;
    while (p > w->done && S->sents[p - 1].furniture)
        p--;
    if (p == w->done)
        return w->quoted; /* read up to it */
    p--;
    if (w->nlog && w->log[w->nlog - 1].sent == p)
        return w->log[w->nlog - 1].quoted;
    size_t b = m0;
    while (b > 0 && E->m[b - 1].sent > p)
        b--;
    size_t a = b;
    while (a > 0 && E->m[a - 1].sent == p)
        a--;
    cues_t cs;
    cues_as_of(lex, t, S, E, w, s, p, a, b, 0, 0, quotes, &cs);
    return sentence_refs(t, S, E, p, &cs, quotes).quoted;
}

static int claimable(const nci_number *num)
{
    return (num->kind == NC_NUM_COUNT || num->kind == NC_NUM_PERCENT || num->kind == NC_NUM_MONEY) &&
           !num->overflow && (num->has_low || num->vague);
}

nc_status nci_claims_run(const nci_claimlex *lex, const char *t, const nci_segs *S,
                         const nci_numvec *nums, const nci_ents *E, const char *lang,
                         const char *pubdate, nci_claims *out)
{
    pub_t pub = {0, 0, 0, 0};
    if (pubdate && strlen(pubdate) >= 4) {
        pub.y = atoi(pubdate);
        if (strlen(pubdate) >= 7)
            pub.m = atoi(pubdate + 5);
        if (strlen(pubdate) >= 10)
            pub.d = atoi(pubdate + 8);
        pub.days = days_from_civil(pub.y, pub.m ? pub.m : 1, pub.d ? pub.d : 1);
    }
    int home = main_place(lex, t, S, E);
    int es = !strcmp(lang, "es");
    /* what "they", "he", "it", "the report" point back to; the source of
     * the sentence before, when it quotes */
    walk_t w = {{-1, -1, -1, -1, -1, NULL}, -1, 0, 0, NULL, 0, 0, 0};
    w.refs.asked = &w.asked;
    cues_t cs, next;
    timecands times = {NULL, 0, 0, 0}; /* of the sentence, once for all its claims */
    qmarks_t quotes;                 /* of the sentence last asked about */
    quotes.x = NULL;
    /* Past the last number that can be a claim, the sentences' cues and
     * mentions would only feed references that no claim reads. */
    size_t nlast = nums->n;
    while (nlast > 0 && !claimable(&nums->v[nlast - 1]))
        nlast--;
    /* Room for a claim of each number that can be one (up to 64: a table
     * of figures grows as it goes) and keys of the usual length at once,
     * rather than growing from nothing. */
    size_t most = 0;
    for (size_t i = 0; i < nlast && most < 64; i++)
        most += claimable(&nums->v[i]);
    if (most) {
        nci_claim *v = nci_grow(out->v, &out->cap, out->n + most, sizeof *v);
        if (!v)
            return NC_ENOMEM;
        out->v = v;
        char *kb = nci_grow(out->keys, &out->capkeys, out->nkeys + 16 * most + KEY_ROOM, 1);
        if (!kb)
            return NC_ENOMEM;
        out->keys = kb;
    }
    size_t ni = 0, m0 = 0;
    for (size_t s = 0; s < S->nsents && ni < nlast; s++) {
        const nci_sent *x = &S->sents[s];
        /* a sentence with no number is passed over; its mentions too */
        if (x->furniture || nums->v[ni].start >= x->end)
            continue;
        while (m0 < E->nm && E->m[m0].sent < s)
            m0++;
        size_t m1 = m0;
        while (m1 < E->nm && E->m[m1].sent == s)
            m1++;
        int have_cs = 0, have_next = 0, have_qb = 0;
        int32_t qbefore = -1; /* quoted_before(), once for all the figures */
        size_t sn0 = ni; /* the sentence's numbers start at or after it */
        size_t lo = x->tok_first; /* where the previous claim of the sentence stood */
        size_t tcur = x->tok_first; /* the first token of the figure before */
        nci_date found[16];
        size_t nf = SIZE_MAX;
        for (; ni < nums->n && nums->v[ni].start < x->end; ni++) {
            const nci_number *num = &nums->v[ni];
            if (num->start < x->start)
                continue;
            if (!claimable(num))
                continue;
            size_t end = x->tok_first + x->tok_count;
            size_t ti = tcur = tok_ending_after(S->toks, x->tok_first, tcur, end, num->start, 0);
            size_t te = tok_ending_after(S->toks, x->tok_first, ti, end, num->end, 1);
            /* "a few", "a couple", "several", "a handful": a vague quantity
             * below ten states no figure. */
            if (num->vague && num->has_high && num->high < 10)
                continue;
            /* "2/9", "5/1": digits over digits are odds (or a score, a
             * date), no figure; "1/3 of voters" is a share. */
            if (num->kind == NC_NUM_COUNT && is_slash_fraction(t, num->start, num->end) &&
                !(te < x->tok_first + x->tok_count && is_word(t, &S->toks[te], "of")))
                continue;
            /* A bare "one" or "a": a number in passing. */
            if (num->has_value && num->value == 1 && !(t[num->start] >= '0' && t[num->start] <= '9'))
                continue;
            size_t ma = te, mb = te;
            int have = measure_after(lex, t, S, te, end, &ma, &mb), after = have, borrowed = 0;
            size_t mh = mb, price = SIZE_MAX; /* end of the measure's head word; a price verb */
            if (!have)
                have = measure_before(lex, t, S, ti, x->tok_first, num->kind == NC_NUM_COUNT, &ma, &mb, &mh, &price);
            /* A month or weekday is when, never what ("fell from £180,126 in
             * November to £178,906": the figure before's measure, if any). */
            if (have && !after && mb == ma + 1 &&
                (nci_month_lookup(lex->cal, t + S->toks[ma].start, S->toks[ma].end - S->toks[ma].start) ||
                 nci_weekday_lookup(lex->cal, t + S->toks[ma].start, S->toks[ma].end - S->toks[ma].start)))
                have = 0;
            /* "profit fell 15% to $56m": an amount or percentage with no
             * measure of its own counts what the claim before it in the
             * sentence counts; so does a count that a change links to that
             * claim ("sales rose 2.3% to 80,600", "37,000 files - up
             * 22,000"). */
            if (!have && out->n && out->v[out->n - 1].sent == s &&
                (num->kind != NC_NUM_COUNT || change_before(t, S, x, ti, nums->v[out->v[out->n - 1].num].end) ||
                 elliptic_after(t, S, te, end))) {
                const nci_claim *p = &out->v[out->n - 1];
                ma = first_tok_at(S, x, p->m_start);
                mb = first_tok_at(S, x, p->m_end);
                have = mb > ma;
                borrowed = 1;
            }
            /* "figures ranging from 49 to 73": a generic noun counts what the
             * claim before it in the sentence counts. */
            if (have && mb == ma + 1 && tok_in(lex->generic, t, &S->toks[ma]) && out->n && out->v[out->n - 1].sent == s) {
                const nci_claim *p = &out->v[out->n - 1];
                ma = first_tok_at(S, x, p->m_start);
                mb = first_tok_at(S, x, p->m_end);
                borrowed = 1;
            }
            if (!have || (!borrowed && is_time_unit(lex, t, S, ma, after ? mb : mh, x->tok_first + x->tok_count)))
                continue;
            /* "2.5G technology - 2.5 generation": a count that is not whole
             * before a singular noun names a kind of thing, it counts
             * nothing. */
            if (num->kind == NC_NUM_COUNT && after && num->has_value && num->value != floor(num->value) &&
                memchr(t + num->start, '.', num->end - num->start) && !plural_head(t, &S->toks[mb - 1]) &&
                !is_unit(t, &S->toks[ma]))
                continue;
            size_t action = borrowed || price == SIZE_MAX ? action_before(lex, t, S, x, ti, ma, mb) : price;
            nci_claim *c = nci_grow(out->v, &out->cap, out->n + 1, sizeof *c);
            if (!c)
                goto nomem;
            out->v = c;
            c = &out->v[out->n];
            memset(c, 0, sizeof *c);
            c->num = (uint32_t)ni;
            c->sent = (uint32_t)s;
            c->m_start = S->toks[ma].start;
            c->m_end = S->toks[mb - 1].end;
            c->start = (uint32_t)num->start;
            c->end = (uint32_t)(mb > te && !borrowed ? c->m_end : num->end);
            if (measure_key(lex, t, S, ma, mb, action, es, out, &c->key, &c->key_len))
                goto nomem;
            out->n++;
            /* Place: a LOC in the sentence, nearest the number, not one
             * inside the measure ("Spanish nationals": a modifier); after
             * "in" it counts as nearer. */
            c->place = home;
            long bestd = -1;
            for (size_t m = m0; m < m1; m++) {
                const nci_mention *mm = &E->m[m];
                if (mm->type != NCI_ENT_LOC || !usable_place(lex, t, S, mm))
                    continue;
                if (mm->start >= c->m_start && mm->end <= c->m_end)
                    continue;
                if (!places_claim(t, S, x, mm))
                    continue;
                long d = (long)mm->start - (long)num->start;
                d = d < 0 ? -d : d;
                if (bestd < 0 || d < bestd)
                    bestd = d, c->place = mm->entity;
            }
            if (!have_cs) {
                cues_as_of(lex, t, S, E, &w, s, s, m0, m1, 0, 0, &quotes, &cs);
                have_cs = 1;
            }
            claim_sources(&cs, lo, ti, c);
            if (!c->nsources)
                signature_source(t, S, E, s, m1, c);
            /* A figure inside a quotation with no cue of its own: the
             * speaker of the quotation before ('"...," said Daldry. "... 45
             * children ..."') or of the one that goes on in the next
             * sentence ('He added: "..."'). */
            if (!c->nsources && in_quote(t, x, num->start, &quotes)) {
                if (!have_qb) {
                    qbefore = quoted_before(lex, t, S, E, &w, s, m0, &quotes);
                    have_qb = 1;
                }
                int32_t q = qbefore;
                if (q < 0 && s + 1 < S->nsents && !S->sents[s + 1].furniture) {
                    if (!have_next) {
                        size_t n1 = m1;
                        while (n1 < E->nm && E->m[n1].sent == s + 1)
                            n1++;
                        cues_as_of(lex, t, S, E, &w, s, s + 1, m1, n1, m0, m1, &quotes, &next);
                        have_next = 1;
                    }
                    for (unsigned i = 0; i < next.n && q < 0; i++)
                        if (next.c[i].ent >= 0 && next.c[i].tok < S->sents[s + 1].tok_first + 4)
                            q = next.c[i].ent;
                }
                if (q >= 0) {
                    c->sources[0] = q;
                    c->cues[0] = intern_cue("said");
                    c->nsources = 1;
                }
            }
            lo = te;
            if (nf == SIZE_MAX) { /* the sentence's dates, once for all its claims */
                nf = nci_dates_find(lex->cal, t, S->toks + x->tok_first, x->tok_count, found, 16);
                if (sentence_times(lex, t, S, s, &pub, found, nf, &times))
                    goto nomem;
            }
            claim_time(t, S, s, nums, sn0, &pub, &times, c, num->start, num->end);
        }
        if (!have_cs)
            continue; /* no claim: its cues are read when needed */
        sentrefs o = sentence_refs(t, S, E, s, &cs, &quotes);
        if (w.done == s) {
            leave(&w, E, o, m0, m1);
            w.done = s + 1;
            w.dm = m1;
        } else {
            sentrefs *lg = nci_grow(w.log, &w.caplog, w.nlog + 1, sizeof *lg);
            if (!lg)
                goto nomem;
            w.log = lg;
            w.log[w.nlog++] = o;
        }
    }
    free(times.v);
    free(w.log);
    return NC_OK;
nomem:
    free(times.v);
    free(w.log);
    return NC_ENOMEM;
}
