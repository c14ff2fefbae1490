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
 *    or a measure that is a unit of time ("three years": a duration).
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
 * counts ("sales rose 2.3% to 80,600").  A decimal count before a singular
 * noun names a kind ("2.5 generation"), not a quantity; a month or weekday
 * is never a measure.
 *
 * Source: attribution cues of data/cues.tsv in the sentence: "according to
 * X", "cited by X" (X after the cue); "X said/reported/estimates..." (the
 * nearest PERSON, ORG or ROLE mention before the verb, or right after it:
 * "..., said the minister"); a pronoun before the verb ("They reported")
 * stands for the previous sentence's source; a figure in quotation marks
 * takes the speaker of the next or previous sentence.  Several cues give
 * several sources.  No cue: null, the outlet's own statement.
 *
 * Time: the date expression of the sentence nearest the number: "as of
 * January 5" (that day), "since 8 January" (from then to publication),
 * "late December 2025" (the month), "on Thursday" (the last Thursday on or
 * before publication), "yesterday", "today", "in 2020" (the year); a date
 * without a year takes the publication year (the year before when that would
 * put it after publication).  No expression: the publication date, with no
 * text.  No publication date either: null.
 *
 * Place: the LOC mention of the sentence nearest the number, else the LOC
 * the document names most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "claims.h"
#include "dates.h"
#include "fold.h"
#include "wordset.h"

extern const char *const nci_gen_cues[];

enum { CUE_VERB = 1, CUE_PREP = 2, CUE_PRON = 3, CUE_PREFIX = 4 };

struct nci_claimlex {
    const nci_calendar *cal;
    nci_wordset *cues;    /* phrases, words joined by one space */
    nci_wordset *stop;    /* words that end a measure phrase */
    nci_wordset *link;    /* words between a measure and a later percentage/amount */
    nci_wordset *timeunit;
    nci_wordset *keydrop; /* words dropped from measure keys */
    nci_wordset *aux;     /* words skipped between a measure and a later figure, no link themselves */
    nci_wordset *det;     /* determiners and possessives after "of" and before a noun */
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
    "saw", "sees", "see", "overall", "far", "earlier", "later", "year-on-year",
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
    "jumps", "climbs", "totals", "reaches", "hits",
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
    "being", "also", "now", "already", "still", "there", "make", "makes", "made", "expected",
    "forecast", "predicted", "projected", "likely", "due", "tipped", "poised", "ha", "han", "había",
    NULL};
static const char *const DET[] = {"the", "their", "its", "his", "her", "our", "my", "your", "all",
                                  "los", "las", "sus", "su", NULL};
static const char *const KEYDROP[] = {"the", "a", "an", "those", "these", "them", "of", "el", "la",
                                      "los", "las", "de", "del", "un", "una", "unos", "unas", NULL};

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
    if (!lex || !(lex->cues = nci_wordset_new(256)) || !(lex->stop = set_of(STOP, 1)) ||
        !(lex->link = set_of(LINK, 1)) || !(lex->timeunit = set_of(TIMEUNIT, 1)) ||
        !(lex->keydrop = set_of(KEYDROP, 1)) || !(lex->aux = set_of(AUX, 1)) ||
        !(lex->det = set_of(DET, 1))) {
        nci_claimlex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    lex->cal = cal;
    for (const char *const *r = nci_gen_cues; *r; r++) {
        const char *tab = strchr(*r, '\t');
        if (!tab)
            continue;
        int kind = !strncmp(*r, "verb", 4) ? CUE_VERB : !strncmp(*r, "prep", 4) ? CUE_PREP : CUE_PRON;
        nci_wordset_add(lex->cues, tab + 1, strlen(tab + 1), kind);
    }
    /* The first words of a phrase cue ("according" of "according to"), so
     * that cue_at() stops as soon as no phrase can go on. */
    for (const char *const *r = nci_gen_cues; *r; r++) {
        const char *w = strchr(*r, '\t');
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
    nci_wordset_free(lex->stop);
    nci_wordset_free(lex->link);
    nci_wordset_free(lex->timeunit);
    nci_wordset_free(lex->keydrop);
    nci_wordset_free(lex->aux);
    nci_wordset_free(lex->det);
    free(lex);
}

void nci_claims_free(nci_claims *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].measure_key);
    free(c->v);
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

static void fmt_date(char buf[16], int y, int m, int d)
{
    y %= 10000;
    if (d)
        snprintf(buf, 16, "%04d-%02d-%02d", y, m % 100, d % 100);
    else if (m)
        snprintf(buf, 16, "%04d-%02d", y, m % 100);
    else
        snprintf(buf, 16, "%04d", y);
}

static void fmt_days(char buf[16], long z)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    fmt_date(buf, y, m, d);
}

/* ---------------------------------------------------------------- tokens */

static int word_in(const nci_wordset *ws, const char *t, const nci_tok *k)
{
    return k->kind == NC_TOKEN_WORD && nci_wordset_get(ws, t + k->start, k->end - k->start);
}

static int tok_is(const char *t, const nci_tok *k, const char *lit)
{
    size_t n = strlen(lit);
    if (k->end - k->start != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[k->start + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lit[i])
            return 0;
    }
    return 1;
}

static int is_cue_word(const nci_claimlex *lex, const char *t, const nci_tok *k)
{
    int v = k->kind == NC_TOKEN_WORD ? nci_wordset_get(lex->cues, t + k->start, k->end - k->start) : 0;
    return v && v != CUE_PREFIX;
}

/* Cue starting at token i of [i, end): its kind, and *len tokens. */
static int cue_at(const nci_claimlex *lex, const char *t, const nci_tok *k, size_t i, size_t end,
                  size_t *len)
{
    char buf[64];
    size_t n = 0;
    int best = 0;
    for (size_t j = i; j < end && j < i + 3; j++) {
        size_t wl = k[j].end - k[j].start;
        if (k[j].kind != NC_TOKEN_WORD || n + wl + 1 >= sizeof buf)
            break;
        if (n)
            buf[n++] = ' ';
        memcpy(buf + n, t + k[j].start, wl);
        n += wl;
        int v = nci_wordset_get(lex->cues, buf, n);
        if (!v)
            break;
        if (v != CUE_PREFIX) {
            best = v;
            *len = j - i + 1;
        }
    }
    return best;
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

static const char *cue_text(const char *t, const nci_tok *k, size_t len, char *buf, size_t cap)
{
    size_t n = k[len - 1].end - k[0].start;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, t + k[0].start, n);
    buf[n] = '\0';
    return buf;
}

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

/* A definite description that points back ("the organisation", "the
 * group"): two tokens, a determiner and a head the cue list marks as a
 * pronoun-like phrase. */
static int is_anaphor(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_mention *m)
{
    if (m->type != NCI_ENT_ROLE || m->ntok != 2)
        return 0;
    char buf[64];
    size_t n = m->end - m->start;
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, t + m->start, n);
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(buf[i] >= 'A' && buf[i] <= 'Z' ? buf[i] + 32 : buf[i]);
    (void)S;
    return nci_wordset_get(lex->cues, buf, n) == CUE_PRON;
}

/* The source a mention stands for: a role followed by a name in apposition
 * ("the Venezuelan NGO Foro Penal") is the name; an anaphor is the previous
 * source. */
static int32_t resolve(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E,
                       size_t mi, size_t m1, int32_t prev)
{
    const nci_mention *m = &E->m[mi];
    if (is_anaphor(lex, t, S, m) && prev >= 0)
        return prev;
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

/* Every attribution cue of sentence s, with the source it names. */
static void sentence_cues(const nci_claimlex *lex, const char *t, const nci_segs *S, const nci_ents *E,
                          size_t s, int32_t prev, cues_t *out)
{
    const nci_sent *x = &S->sents[s];
    const nci_tok *k = S->toks;
    size_t first = x->tok_first, end = first + x->tok_count;
    out->n = 0;
    size_t m0 = 0;
    while (m0 < E->nm && E->m[m0].sent < s)
        m0++;
    size_t m1 = m0;
    while (m1 < E->nm && E->m[m1].sent == s)
        m1++;
    for (size_t i = first; i < end && out->n < MAX_CUES; i++) {
        size_t len = 0;
        int kind = cue_at(lex, t, k, i, end, &len);
        if (!kind || kind == CUE_PRON)
            continue;
        char buf[64];
        cuehit *h = &out->c[out->n++];
        h->tok = (uint32_t)i;
        h->len = (uint32_t)len;
        h->cue = intern_cue(cue_text(t, k + i, len, buf, sizeof buf));
        h->ent = -1;
        if (kind == CUE_PREP) {
            for (size_t m = m0; m < m1 && h->ent < 0; m++)
                if (E->m[m].tok >= i + len && E->m[m].tok < i + len + 10 && is_source_type(E->m[m].type, 1))
                    h->ent = resolve(lex, t, S, E, m, m1, prev);
        } else {
            /* The subject: the nearest mention ending before the verb,
             * within 8 tokens; when a comma stands right before the verb,
             * the words back to the comma before it are an apposition
             * ("Foro Penal, a Venezuelan NGO that ..., reported"), and the
             * subject is before them. */
            size_t limit = i;
            if (i > first && tok_is(t, &k[i - 1], ",")) {
                size_t c = i - 1;
                while (c > first && !tok_is(t, &k[c - 1], ","))
                    c--;
                if (c > first)
                    limit = c - 1;
            }
            size_t best_end = 0, best = SIZE_MAX;
            for (size_t m = m0; m < m1; m++) {
                const nci_mention *mm = &E->m[m];
                size_t me = mm->tok + mm->ntok;
                if (me <= limit && me + 8 >= limit && is_source_type(mm->type, 1) &&
                    (best == SIZE_MAX || me > best_end || (me == best_end && mm->type != NCI_ENT_LOC))) {
                    best = m;
                    best_end = me;
                }
            }
            if (best != SIZE_MAX)
                h->ent = resolve(lex, t, S, E, best, m1, prev);
            /* "They reported": the previous source. */
            size_t pl = 0;
            for (size_t b = i > first + 2 ? i - 2 : first; b < i; b++)
                if (cue_at(lex, t, k, b, i, &pl) == CUE_PRON && b + pl == i && prev >= 0 &&
                    (h->ent < 0 || best_end < b))
                    h->ent = prev;
            /* "..., said the minister" */
            for (size_t m = m0; m < m1 && h->ent < 0; m++)
                if (E->m[m].tok >= i + len && E->m[m].tok <= i + len + 2 && is_source_type(E->m[m].type, 0))
                    h->ent = resolve(lex, t, S, E, m, m1, prev);
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
static void signature_source(const char *t, const nci_segs *S, const nci_ents *E, size_t s,
                             nci_claim *c)
{
    for (size_t n = s + 1; n < S->nsents && n <= s + 2; n++) {
        const nci_sent *x = &S->sents[n];
        const char *p = t + x->start;
        size_t dl = (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                    ((unsigned char)p[2] == 0x94 || (unsigned char)p[2] == 0x93) ? 3 : 0;
        if (!dl)
            continue;
        for (size_t m = 0; m < E->nm; m++) {
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

static size_t first_tok_at(const nci_segs *S, const nci_sent *x, size_t off)
{
    size_t i = x->tok_first, end = i + x->tok_count;
    while (i < end && S->toks[i].end <= off)
        i++;
    return i;
}

/* Measure after the number: tokens [*a, *b). */
static int measure_after(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t i,
                         size_t end, size_t *a, size_t *b)
{
    const nci_tok *k = S->toks;
    /* "$1.75bn (£900m) deal": a bracketed conversion or gloss stands between
     * the figure and what it counts. */
    if (i < end && tok_is(t, &k[i], "(")) {
        size_t c = i + 1;
        while (c < end && c < i + 8 && !tok_is(t, &k[c], ")"))
            c++;
        if (c < end && tok_is(t, &k[c], ")"))
            i = c + 1;
    }
    if (i < end && (tok_is(t, &k[i], "of") || tok_is(t, &k[i], "de") || tok_is(t, &k[i], "del"))) {
        i++;
        /* "86 of those detained": the demonstrative and the word after it. */
        if (i + 1 < end && (tok_is(t, &k[i], "those") || tok_is(t, &k[i], "these")) &&
            k[i + 1].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[i + 1])) {
            *a = i;
            *b = i + 2;
            return 1;
        }
        /* "35% of their components", "75% of all the mobiles" */
        for (int d = 0; d < 2 && i < end && word_in(lex->det, t, &k[i]); d++)
            i++;
    }
    size_t j = i;
    while (j < end && j < i + 4 && k[j].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[j]) &&
           !(j > i && is_cue_word(lex, t, &k[j])))
        j++;
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
static int measure_before(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t i,
                          size_t first, int need_link, size_t *a, size_t *b, size_t *head_end)
{
    const nci_tok *k = S->toks;
    size_t j = i;
    int skipped = 0, hops = 0;
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
    if (d > first + 1 && (tok_is(t, &k[d - 1], "in") || tok_is(t, &k[d - 1], "of") ||
                          tok_is(t, &k[d - 1], "from") || tok_is(t, &k[d - 1], "for") ||
                          tok_is(t, &k[d - 1], "at") || tok_is(t, &k[d - 1], "on"))) {
        size_t h = d - 1;
        while (h > first && d - 1 - h < 2 && k[h - 1].kind == NC_TOKEN_WORD && !word_in(lex->stop, t, &k[h - 1]) &&
               !is_cue_word(lex, t, &k[h - 1]) && !word_in(lex->link, t, &k[h - 1]))
            h--;
        if (h < d - 1)
            j = h, *head_end = d - 1;
    }
    *a = j;
    *b = e;
    return 1;
}

/* English and Spanish plurals to singular, by suffix. */
static size_t singular(const char *w, size_t n, const char *lang)
{
    if (n <= 3)
        return n;
    if (!strcmp(lang, "es")) {
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

static char *measure_key(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t a,
                         size_t b, size_t action, const char *lang)
{
    char buf[256];
    size_t n = 0;
    for (size_t i = a; i < b + (action != SIZE_MAX); i++) {
        const nci_tok *k = &S->toks[i < b ? i : action];
        if (word_in(lex->keydrop, t, k))
            continue;
        size_t fl;
        char *f = nci_fold(t + k->start, k->end - k->start, &fl);
        if (!f)
            return NULL;
        size_t sl = singular(f, fl, lang);
        if (fl >= 3 && !strcmp(f + fl - 3, "ies") && strcmp(lang, "es"))
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
        if (n + sl + 1 < sizeof buf) {
            if (n)
                buf[n++] = ' ';
            memcpy(buf + n, f, sl);
            n += sl;
        }
        free(f);
    }
    buf[n] = '\0';
    char *key = malloc(n + 1);
    if (key)
        memcpy(key, buf, n + 1);
    return key;
}

/* Nouns that name a count without saying of what ("figures ranging from 49
 * to 73", "the number reached 40", "a total of 12"). */
static const char *const GENERIC[] = {"figure", "figures", "number", "numbers", "total", "totals",
                                      "tally", "count", "counts", "estimate", "estimates", "cifra",
                                      "cifras", "número", NULL};

static int is_generic(const char *t, const nci_tok *k)
{
    for (int i = 0; GENERIC[i]; i++)
        if (tok_is(t, k, GENERIC[i]))
            return 1;
    return 0;
}

/* Nouns of people that say nothing of the event counted ("116
 * individuals", "40 people"): the verb before the number says it
 * ("released 116 individuals" is counted as "individuals released"). */
static const char *const PERSONS[] = {"individual", "individuals", "people", "persons", "person",
                                      "personas", NULL};

/* The past participle just before the number (qualifier words between are
 * skipped): "released", "detained", "freed". */
static size_t action_before(const char *t, const nci_segs *S, const nci_sent *x, size_t ti, size_t ma,
                            size_t mb)
{
    int person = 0;
    for (int i = 0; PERSONS[i] && !person; i++)
        person = mb == ma + 1 && tok_is(t, &S->toks[ma], PERSONS[i]);
    if (!person)
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
            if (tok_is(t, &S->toks[j - 1], CH[i])) {
                size_t p = j - 1;
                while (p > x->tok_first && S->toks[p - 1].start >= prev_end)
                    p--;
                return j - 1 - p <= 6;
            }
        j--;
    }
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
        if (tok_is(t, k, INVARIANT[i]))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- time */

typedef struct {
    int y, m, d; /* publication date (d 0 when partial), y 0 when unknown */
    long days;
} pub_t;

static void set_time(nci_claim *c, const char *ts, const char *te, size_t a, size_t b)
{
    snprintf(c->time_start, sizeof c->time_start, "%s", ts);
    snprintf(c->time_end, sizeof c->time_end, "%s", te);
    c->t_start = (uint32_t)a;
    c->t_end = (uint32_t)b;
}

/* The time expression of the sentence nearest the number. */
static void claim_time(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t s,
                       const nci_numvec *nums, const pub_t *pub, const nci_date *found, size_t nf,
                       nci_claim *c, size_t numpos)
{
    const nci_sent *x = &S->sents[s];
    const nci_tok *k = S->toks + x->tok_first;
    size_t n = x->tok_count;
    long bestdist = -1;
    char ts[16] = "", te[16] = "";
    size_t ta = 0, tb = 0;
#define DIST(p) ((long)((p) > numpos ? (p) - numpos : numpos - (p)))
    for (size_t i = 0; i < nf; i++) {
        nci_date dt = found[i];
        if (dt.d && dt.y == 0 && pub->y) {
            dt.y = pub->y;
            if (pub->m && (dt.m > pub->m + 1))
                dt.y--;
        }
        if (!dt.y)
            continue;
        long dist = DIST(dt.start);
        if (bestdist >= 0 && dist >= bestdist)
            continue;
        bestdist = dist;
        /* The word before: since / as of / late, early, mid. */
        size_t ti = 0;
        while (ti < n && k[ti].start < dt.start)
            ti++;
        int since = ti > 0 && (tok_is(t, &k[ti - 1], "since") || tok_is(t, &k[ti - 1], "desde"));
        fmt_date(ts, dt.y, dt.m, dt.d);
        if (since && pub->y)
            fmt_date(te, pub->y, pub->m, pub->d);
        else
            memcpy(te, ts, 16);
        ta = ti > 0 && (since || tok_is(t, &k[ti - 1], "late") || tok_is(t, &k[ti - 1], "early") ||
                        tok_is(t, &k[ti - 1], "mid")) ? k[ti - 1].start : dt.start;
        if (ti > 1 && tok_is(t, &k[ti - 1], "of") && tok_is(t, &k[ti - 2], "as"))
            ta = k[ti - 2].start;
        tb = dt.end;
    }
    /* "since December": a month alone after since, from its first day. */
    for (size_t i = 0; i + 1 < n && pub->y; i++) {
        if (!(tok_is(t, &k[i], "since") || tok_is(t, &k[i], "desde")))
            continue;
        size_t j = i + 1;
        if (tok_is(t, &k[j], "late") || tok_is(t, &k[j], "early") || tok_is(t, &k[j], "mid"))
            j++;
        if (j >= n)
            continue;
        int mo = nci_month_lookup(lex->cal, t + k[j].start, k[j].end - k[j].start);
        if (!mo || (j + 1 < n && k[j + 1].kind == NC_TOKEN_NUMBER))
            continue; /* "since 8 January 2026" is a full date, found above */
        long dist = DIST(k[i].start);
        if (bestdist >= 0 && dist >= bestdist)
            continue;
        bestdist = dist;
        fmt_date(ts, pub->m && mo > pub->m ? pub->y - 1 : pub->y, mo, 0);
        fmt_date(te, pub->y, pub->m, pub->d);
        ta = k[i].start;
        tb = k[j].end;
    }
    /* Weekdays, yesterday, today: relative to publication. */
    if (pub->y && pub->d) {
        for (size_t i = 0; i < n; i++) {
            int wd = k[i].kind == NC_TOKEN_WORD && k[i].cap
                         ? nci_weekday_lookup(lex->cal, t + k[i].start, k[i].end - k[i].start) : 0;
            long back = -1;
            if (wd) {
                int pwd = (int)(((pub->days % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday */
                back = (pwd - wd + 7) % 7;
            } else if (tok_is(t, &k[i], "yesterday") || tok_is(t, &k[i], "ayer")) {
                back = 1;
            } else if (tok_is(t, &k[i], "today") || tok_is(t, &k[i], "hoy")) {
                back = 0;
            }
            if (back < 0)
                continue;
            long dist = DIST(k[i].start);
            if (bestdist >= 0 && dist >= bestdist)
                continue;
            bestdist = dist;
            fmt_days(ts, pub->days - back);
            memcpy(te, ts, 16);
            ta = i > 0 && (tok_is(t, &k[i - 1], "on") || tok_is(t, &k[i - 1], "el")) ? k[i - 1].start : k[i].start;
            tb = k[i].end;
        }
    }
    /* "in 2020": a year from the number stage. */
    for (size_t i = 0; i < nums->n; i++) {
        const nci_number *y = &nums->v[i];
        if (y->kind != NC_NUM_YEAR || y->start < x->start || y->end > x->end || !(y->has_value || y->has_low))
            continue;
        size_t ti = 0;
        while (ti < n && k[ti].start < y->start)
            ti++;
        if (ti > 1 && (tok_is(t, &k[ti - 1], "the") || tok_is(t, &k[ti - 1], "los")))
            ti--; /* "in the 1990s" */
        if (!(ti > 0 && (tok_is(t, &k[ti - 1], "in") || tok_is(t, &k[ti - 1], "en") ||
                         tok_is(t, &k[ti - 1], "since") || tok_is(t, &k[ti - 1], "desde"))))
            continue;
        long dist = DIST(y->start);
        if (bestdist >= 0 && dist >= bestdist)
            continue;
        bestdist = dist;
        /* a year, or a decade ("in the 1990s": 1990..1999) */
        int yr = (int)(y->has_value ? y->value : y->low);
        int yend = (int)(y->has_value || !y->has_high ? yr : y->high);
        fmt_date(ts, yr, 0, 0);
        if ((tok_is(t, &k[ti - 1], "since") || tok_is(t, &k[ti - 1], "desde")) && pub->y)
            fmt_date(te, pub->y, pub->m, pub->d);
        else
            fmt_date(te, yend, 0, 0);
        ta = k[ti - 1].start;
        tb = y->end;
    }
#undef DIST
    if (bestdist >= 0)
        set_time(c, ts, te, ta, tb);
    else if (pub->y) {
        fmt_date(ts, pub->y, pub->m, pub->d);
        set_time(c, ts, ts, 0, 0);
    }
}

/* ---------------------------------------------------------------- run */

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
    if (m->tok == x->tok_first || (m->tok == x->tok_first + 1 && tok_is(t, &S->toks[x->tok_first], "the")))
        return 1;
    if (m->tok > x->tok_first) {
        const nci_tok *p = &S->toks[m->tok - 1];
        if (tok_is(t, p, "the") && m->tok > x->tok_first + 1)
            p--;
        for (int i = 0; PREP[i]; i++)
            if (tok_is(t, p, PREP[i]))
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

static int is_time_unit(const nci_claimlex *lex, const char *t, const nci_segs *S, size_t a, size_t b)
{
    return b > a && word_in(lex->timeunit, t, &S->toks[b - 1]);
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
    int32_t prev = -1; /* the last source named, for "They reported" and "the organisation" */
    cues_t cs;
    size_t ni = 0;
    for (size_t s = 0; s < S->nsents; s++) {
        const nci_sent *x = &S->sents[s];
        if (x->furniture)
            continue;
        sentence_cues(lex, t, S, E, s, prev, &cs);
        size_t lo = x->tok_first; /* where the previous claim of the sentence stood */
        nci_date found[16];
        size_t nf = SIZE_MAX;
        for (; ni < nums->n && nums->v[ni].start < x->end; ni++) {
            const nci_number *num = &nums->v[ni];
            if (num->start < x->start)
                continue;
            if ((num->kind != NC_NUM_COUNT && num->kind != NC_NUM_PERCENT && num->kind != NC_NUM_MONEY) ||
                num->overflow || (!num->has_low && !num->vague))
                continue;
            size_t end = x->tok_first + x->tok_count;
            size_t ti = first_tok_at(S, x, num->start), te = first_tok_at(S, x, num->end);
            /* A bare "one" or "a": a number in passing. */
            if (num->has_value && num->value == 1 && !(t[num->start] >= '0' && t[num->start] <= '9'))
                continue;
            size_t ma = te, mb = te;
            int have = measure_after(lex, t, S, te, end, &ma, &mb), after = have, borrowed = 0;
            size_t mh = mb; /* end of the measure's head word */
            if (!have)
                have = measure_before(lex, t, S, ti, x->tok_first, num->kind == NC_NUM_COUNT, &ma, &mb, &mh);
            /* "profit fell 15% to $56m": an amount or percentage with no
             * measure of its own counts what the claim before it in the
             * sentence counts; so does a count that a change links to that
             * claim ("sales rose 2.3% to 80,600", "37,000 files - up
             * 22,000"). */
            if (!have && out->n && out->v[out->n - 1].sent == s &&
                (num->kind != NC_NUM_COUNT || change_before(t, S, x, ti, nums->v[out->v[out->n - 1].num].end))) {
                const nci_claim *p = &out->v[out->n - 1];
                ma = first_tok_at(S, x, p->m_start);
                mb = first_tok_at(S, x, p->m_end);
                have = mb > ma;
                borrowed = 1;
            }
            /* "figures ranging from 49 to 73": a generic noun counts what the
             * claim before it in the sentence counts. */
            if (have && mb == ma + 1 && is_generic(t, &S->toks[ma]) && out->n && out->v[out->n - 1].sent == s) {
                const nci_claim *p = &out->v[out->n - 1];
                ma = first_tok_at(S, x, p->m_start);
                mb = first_tok_at(S, x, p->m_end);
                borrowed = 1;
            }
            if (!have || (!borrowed && is_time_unit(lex, t, S, ma, after ? mb : mh)))
                continue;
            /* "2.5G technology - 2.5 generation": a count that is not whole
             * before a singular noun names a kind of thing, it counts
             * nothing. */
            if (num->kind == NC_NUM_COUNT && after && num->has_value && num->value != (double)(long long)num->value &&
                memchr(t + num->start, '.', num->end - num->start) && !plural_head(t, &S->toks[mb - 1]))
                continue;
            /* A month or weekday is when, never what ("since October from
             * 785"). */
            if (!after && mb == ma + 1 && (nci_month_lookup(lex->cal, t + S->toks[ma].start, S->toks[ma].end - S->toks[ma].start) ||
                                           nci_weekday_lookup(lex->cal, t + S->toks[ma].start, S->toks[ma].end - S->toks[ma].start)))
                continue;
            size_t action = action_before(t, S, x, ti, ma, mb);
            nci_claim *c = nci_grow(out->v, &out->cap, out->n + 1, sizeof *c);
            if (!c)
                return NC_ENOMEM;
            out->v = c;
            c = &out->v[out->n];
            memset(c, 0, sizeof *c);
            c->num = (uint32_t)ni;
            c->sent = (uint32_t)s;
            c->m_start = S->toks[ma].start;
            c->m_end = S->toks[mb - 1].end;
            c->start = (uint32_t)num->start;
            c->end = (uint32_t)(mb > te && !borrowed ? c->m_end : num->end);
            if (!(c->measure_key = measure_key(lex, t, S, ma, mb, action, lang)))
                return NC_ENOMEM;
            out->n++;
            /* Place: a LOC in the sentence, nearest the number, not one
             * inside the measure ("Spanish nationals": a modifier); after
             * "in" it counts as nearer. */
            c->place = home;
            long bestd = -1;
            for (size_t m = 0; m < E->nm; m++) {
                const nci_mention *mm = &E->m[m];
                if (mm->sent != s || mm->type != NCI_ENT_LOC || !usable_place(lex, t, S, mm))
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
            claim_sources(&cs, lo, ti, c);
            if (!c->nsources)
                signature_source(t, S, E, s, c);
            lo = te;
            if (nf == SIZE_MAX) /* the sentence's dates, once for all its claims */
                nf = nci_dates_find(lex->cal, t, S->toks + x->tok_first, x->tok_count, found, 16);
            claim_time(lex, t, S, s, nums, &pub, found, nf, c, num->start);
        }
        for (unsigned i = cs.n; i-- > 0;)
            if (cs.c[i].ent >= 0) {
                prev = cs.c[i].ent;
                break;
            }
    }
    return NC_OK;
}
