/* Number stage (DESIGN.md, pipeline 4): numeric expressions with their value,
 * bounds, qualifier, unit and kind.
 *
 * The text is cut into tokens once (lib/num_tok.c: numbers are valued there,
 * words are folded and looked up in the word table built by lib/num_lex.c
 * from data/ and ICU).  Then one left-to-right pass tries, at each token that
 * can open an expression, the grammar below and keeps the longest match:
 *
 *   expr   := [qualifier | range-opener] [currency] [sign] value [unit]
 *             [range-joiner [currency] value [unit]] [post-qualifier]
 *   value  := cardinal [fraction | point digits | "and" fraction] [scale]
 *   cardinal := digits and number words combined with hundred / scale
 *             words ("4 thousand 3 hundred and 21", "dos mil veintiséis")
 *
 * Spans: a qualifier that sets a bound ("more than", "at least", "or more")
 * is part of the span; an approximator ("about", "around") is not, since it
 * changes neither value nor bounds (Recognizers-Text number-range and currency
 * specs expect exactly this).  Units of money and percent are in the span;
 * words that only classify a number (months, "years", "in") are not.
 *
 * Context decides what a number is (try_at, classify), by general rules
 * checked on the BBC corpus (tests/gold/numbers-sample-check.md):
 *  - names: a spelled number capitalised inside a sentence next to a
 *    capitalised word ("the Six Nations", "BBC One", "Radio Five Live"), or
 *    digits between two capitalised words ("RBS 6 Nations") are identifiers;
 *  - ranks are ordinals: after "number" / "No" ("at number 20"), an entry of
 *    a ranked list ("20 Tatiana Golovin (France)"), the minutes of a match
 *    report ("Ronaldo 9, Rooney 87."), "a third term" (not a fraction);
 *  - "two or three days" is one range; a converted amount in brackets may
 *    stand inside a range ("between $40,000 (£21,000) and $60,000");
 *    "80-odd" is about 80; "one in ten" is a ratio (0.1);
 *  - durations: "20 minutes 38 seconds" and race times ("3:48.82") are one
 *    value in the smallest unit; ages ("aged 16", "Williams, 29,") are
 *    durations, as "a 30-year-old" is;
 *  - times are hours after midnight ("6pm" 18, "1930 GMT" 19.5, "from 1930
 *    on BBC One"); decades are ranges of years ("the late 80s" 1980..1989);
 *  - not quantities: "a quarter-final", "per second", "a one-off".
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "num_impl.h"
#include "doc.h"

typedef struct sc {
    const nci_langtab *tab;
    int es;
    const char *text;
    const nci_ntok *t;
    size_t n;
    const char *fold;
    nci_numvec *vec;
    int err;
} sc;

/* ---------------------------------------------------------------- helpers */

static inline const nci_lexent *LX(const sc *c, size_t i)
{
    return i < c->n ? c->t[i].lx : NULL;
}

static inline int ROLE(const sc *c, size_t i, uint32_t r)
{
    const nci_lexent *e = LX(c, i);
    return e && (e->roles & r);
}

static inline int TYPE(const sc *c, size_t i, int ty)
{
    return i < c->n && c->t[i].type == ty;
}

static inline int SYM(const sc *c, size_t i, uint32_t cp)
{
    return i < c->n && c->t[i].type == NCI_TK_SYM && c->t[i].cp == cp;
}

static inline int is_dash_cp(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2014) || cp == 0x2212;
}

static inline int DASH(const sc *c, size_t i)
{
    return i < c->n && c->t[i].type == NCI_TK_SYM && is_dash_cp(c->t[i].cp);
}

/* token i follows token i-1 with no space */
static inline int ATT(const sc *c, size_t i)
{
    return i < c->n && i > 0 && !c->t[i].sp && c->t[i].s == c->t[i - 1].e;
}

/* Inline: w is a literal at every call, so its length and the compare are
 * worked out at compile time. */
static inline int FOLDEQ(const sc *c, size_t i, const char *w)
{
    if (i >= c->n)
        return 0;
    size_t l = strlen(w);
    return c->t[i].fl == l && memcmp(c->fold + c->t[i].fs, w, l) == 0;
}

static inline int is_word_tok(const sc *c, size_t i)
{
    return TYPE(c, i, NCI_TK_WORD);
}

/* The raw text of word token i (a gap may hold several words) begins
 * (head) or ends (tail) with the word w, compared without case.  Gaps keep
 * no folded text, so the bytes are read; w is lower-case ASCII. */
static inline int word_edge_eq(const sc *c, size_t i, const char *w, int tail)
{
    if (i >= c->n || c->t[i].type != NCI_TK_WORD)
        return 0;
    size_t l = strlen(w), s = c->t[i].s, e = c->t[i].e;
    if (e - s < l)
        return 0;
    size_t a = tail ? e - l : s;
    if (tail ? (a > s && c->text[a - 1] != ' ') : (a + l < e && c->text[a + l] != ' '))
        return 0;
    for (size_t k = 0; k < l; k++)
        if ((c->text[a + k] | 0x20) != w[k])
            return 0;
    return 1;
}

/* The text before token i ends with w (lower-case ASCII, compared without
 * case) and one space: "the age of 29" ends with " age of". */
static int text_before(const sc *c, size_t i, const char *w)
{
    size_t l = strlen(w), s = c->t[i].s;
    if (s < l + 1 || c->text[s - 1] != ' ')
        return 0;
    for (size_t k = 0; k < l; k++)
        if ((c->text[s - 1 - l + k] | 0x20) != w[k] && !(w[k] == ' ' && c->text[s - 1 - l + k] == ' '))
            return 0;
    return 1;
}

static inline int HEADW(const sc *c, size_t i, const char *w)
{
    return word_edge_eq(c, i, w, 0);
}

static inline int TAILW(const sc *c, size_t i, const char *w)
{
    return word_edge_eq(c, i, w, 1);
}

/* Token i opens a sentence or a quotation: nothing before it, or a full
 * stop, a colon, a quote or a bracket. */
static int sent_start(const sc *c, size_t i)
{
    if (i == 0)
        return 1;
    const nci_ntok *p = &c->t[i - 1];
    if (p->type != NCI_TK_SYM)
        return 0;
    uint32_t cp = p->cp;
    return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == '"' || cp == '(' || cp == '\'' ||
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == '|' || cp == '[';
}

/* Round to 15 significant digits: a decimal scaled by a power of ten
 * ("16.4bn" = 16.4 * 1e9 = 16399999999.999998 in binary) comes back to the
 * number as written.  Whole numbers are already exact. */
static double round15(double x)
{
    double a = fabs(x);
    if (x == 0 || !isfinite(x) || a >= 1e15 || (x == floor(x)))
        return x;
    int e = (int)floor(log10(a));
    if (14 - e > 300)
        return x;
    double p = pow(10.0, 14 - e);
    double r = round(x * p) / p;
    return isfinite(r) ? r : x;
}

/* A plain number token (not a dotted code). */
static inline int PNUM(const sc *c, size_t i)
{
    return TYPE(c, i, NCI_TK_NUM) && !(c->t[i].flags & NCI_NF_DOTTED);
}

static int cardword(const sc *c, size_t i, int cls)
{
    const nci_lexent *e = LX(c, i);
    return e && (e->roles & NCI_R_CARD) && is_word_tok(c, i) && (!cls || e->cclass == cls);
}

static size_t match_phrase_at(const sc *c, size_t i, const nci_lexent *e, int role, const nci_phrase **out);

/* Longest phrase of the given role starting at token i; returns its token
 * count.  Inline: most tokens begin no phrase. */
static inline size_t match_phrase(const sc *c, size_t i, int role, const nci_phrase **out)
{
    const nci_lexent *e = LX(c, i);
    if (!e || !(e->roles & NCI_R_PHRASE) || (role && !(e->phr_roles & (1u << role))))
        return 0;
    return match_phrase_at(c, i, e, role, out);
}

/* match_phrase() for token i, whose entry e begins phrases of the role. */
static size_t match_phrase_at(const sc *c, size_t i, const nci_lexent *e, int role, const nci_phrase **out)
{
    for (uint32_t k = e->phr0; k < e->phr0 + e->nphr; k++) {
        const nci_phrase *ph = &c->tab->phr[k];
        if (role && ph->role != role)
            continue;
        if (i + ph->ntok > c->n)
            continue;
        unsigned w = 1;
        while (w < ph->ntok && c->t[i + w].lx == &c->tab->ents[ph->w[w]])
            w++;
        if (w == ph->ntok) {
            *out = ph;
            return ph->ntok;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- output */

static int emit(sc *c, size_t s, size_t e, int kind, int qual, int hv, double v, int hl,
                double lo, int hh, double hi, const char *unit, int ovf, const char *vague,
                int minor)
{
    if (!isfinite(v) || !isfinite(lo) || !isfinite(hi))
        ovf = 1;
    nci_number *p = c->vec->v;
    if (c->vec->n >= c->vec->cap && !(p = nci_grow(p, &c->vec->cap, c->vec->n + 1, sizeof *p))) {
        c->err = 1;
        return -1;
    }
    c->vec->v = p;
    p = &c->vec->v[c->vec->n++];
    memset(p, 0, sizeof *p);
    p->start = s;
    p->end = e;
    p->kind = (unsigned char)kind;
    p->qualifier = (unsigned char)qual;
    p->overflow = (unsigned char)(ovf != 0);
    if (!ovf) {
        /* the bounds of an exact number are its value: rounded once (the
         * same bits, so that -0 stays -0) */
        double rv = round15(v);
        p->has_value = (unsigned char)hv;
        p->value = hv ? rv : 0;
        p->has_low = (unsigned char)hl;
        p->low = !hl ? 0 : memcmp(&lo, &v, sizeof v) == 0 ? rv : round15(lo);
        p->has_high = (unsigned char)hh;
        p->high = !hh ? 0 : memcmp(&hi, &v, sizeof v) == 0 ? rv : round15(hi);
    }
    if (unit)
        strncpy(p->unit, unit, sizeof p->unit - 1);
    p->vague = vague;
    p->minor = (unsigned char)minor;
    return 0;
}

/* ---------------------------------------------------------------- cardinals */

enum { L_NONE, L_DIG, L_UNIT, L_TEEN, L_TENS, L_HUND, L_HUNDRED, L_SCALE, L_MULT, L_ART, L_AND };

typedef struct card {
    size_t end;        /* token after the cardinal */
    double v;
    int ovf;
    int digits, words; /* tokens of each sort */
    int scaled;        /* a scale word or suffix was applied */
    double top_scale;  /* the smallest scale of the last part ("3 million and a half") */
    int last;
    int article;       /* begins with "a", "an", "un", "una" */
    int ntoks;
} card;

static int frac_follows(const sc *c, size_t i, int any);
static int month_after(const sc *c, size_t i);

/* Token i (after "77m") says the "m" is millions, not metres: a currency
 * name or code ("euros", "USD"): 2; a lower-case plural noun that is no
 * unit of length or race ("copies", "people"; not "metres", "hurdles"): 1;
 * else 0. */
static int millions_follow(const sc *c, size_t i)
{
    if (i >= c->n || c->t[i].type != NCI_TK_WORD || !c->t[i].sp)
        return 0;
    if (ROLE(c, i, NCI_R_CUR | NCI_R_CODE))
        return 2;
    size_t s = c->t[i].s, e = s;
    while (e < c->t[i].e && c->text[e] >= 'a' && c->text[e] <= 'z')
        e++;
    if (e - s < 3 || c->text[e - 1] != 's' || (e < c->t[i].e && c->text[e] != ' '))
        return 0;
    static const char *const NOT[] = {"metres", "meters", "miles", "yards", "feet", "hurdles",
                                      "kilometres", "kilometers", "seconds", "minutes", "hours", NULL};
    for (size_t k = 0; NOT[k]; k++)
        if (strlen(NOT[k]) == e - s && memcmp(NOT[k], c->text + s, e - s) == 0)
            return 0;
    return 1;
}

/* Token i begins with a noun that counts occurrences in a series, after
 * which an ordinal-fraction word ("a fourth title", "a third straight
 * win") is an ordinal: titles, wins, terms, attempts, children... */
static int series_noun(const sc *c, size_t i)
{
    static const char *const W[] = {"title", "win", "victory", "defeat", "goal", "wicket", "try",
                                    "child", "attempt", "bid", "album", "film", "book", "edition",
                                    "game", "match", "set", "leg", "stage", "season", "series",
                                    "successive", "consecutive", "straight", "party", "generation",
                                    "wave", "trial", "election", "referendum", "candidate", NULL};
    for (size_t k = 0; W[k]; k++)
        if (HEADW(c, i, W[k]))
            return 1;
    return 0;
}

/* The distances of running races in metres, which "m" after them most
 * likely measures ("200m titles", "a 60m personal best"). */
static int race_distance(double v)
{
    static const double D[] = {60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000};
    for (size_t k = 0; k < sizeof D / sizeof *D; k++)
        if (v == D[k])
            return 1;
    return 0;
}

static int is_plural_tok(const sc *c, size_t i)
{
    return c->t[i].fl > 1 && c->fold[c->t[i].fs + c->t[i].fl - 1] == 's';
}

/* Digits and number words combined: "4 thousand 3 hundred and 21",
 * "twenty-one trillion", "dos mil trescientos millones".  Scales are applied
 * with a stack of parts, so that a larger scale takes in the smaller ones
 * before it ("mil millones", "three lakh crore") while a smaller one adds. */
static int parse_card(const sc *c, size_t i, int money, int words_only, card *r)
{
    double pv[8], ps[8];
    int np = 0;
    double cur = 0, cur_low = 0;
    int last = L_NONE, last_before_and = L_NONE;
    size_t j = i, end = i, cut = i, end_before_and = i;
    memset(r, 0, sizeof *r);
    while (j < c->n) {
        const nci_ntok *t = &c->t[j];
        const nci_lexent *e = t->type == NCI_TK_WORD ? t->lx : NULL;
        /* joiners: "and" / "y" inside a number, the hyphen of "twenty-three" */
        if (last != L_NONE && last != L_AND && e && (e->roles & NCI_R_AND)) {
            int ok = 0;
            if (c->es)
                ok = (last == L_TENS && cardword(c, j + 1, NCI_CC_UNIT)) ||
                     (last == L_TENS && cardword(c, j + 1, NCI_CC_ARTICLE)) ||
                     ((last == L_SCALE || last == L_HUND) && cardword(c, j + 1, 0) &&
                      LX(c, j + 1)->cclass != NCI_CC_ARTICLE);
            else
                ok = (last == L_HUNDRED || last == L_SCALE) && !frac_follows(c, j + 1, last == L_SCALE) &&
                     ((cardword(c, j + 1, 0) && LX(c, j + 1)->cclass != NCI_CC_ARTICLE &&
                       LX(c, j + 1)->cclass != NCI_CC_HUND) ||
                      (!words_only && PNUM(c, j + 1) && !(c->t[j + 1].flags & (NCI_NF_DEC | NCI_NF_SEP)) &&
                       c->t[j + 1].v < 100 && c->t[j + 1].v >= 1));
            if (!ok)
                break;
            last_before_and = last;
            last = L_AND;
            end_before_and = end;
            j++;
            continue;
        }
        if (last == L_TENS && t->type == NCI_TK_SYM && (t->cp == '-' || t->cp == 0x2010 || t->cp == 0x2011) &&
            cardword(c, j + 1, NCI_CC_UNIT)) {
            j++;
            continue;
        }
        if (t->type == NCI_TK_NUM) {
            if (words_only || (t->flags & (NCI_NF_DOTTED | NCI_NF_FRAC)))
                break;
            if (last == L_NONE) {
                cur = t->v;
                cur_low = t->v;
                r->ovf |= (t->flags & NCI_NF_OVF) != 0;
                last = L_DIG;
                r->digits++;
                j++;
                end = j;
                continue;
            }
            if (((last == L_SCALE && np > 0 && t->v < ps[np - 1]) || last == L_AND) &&
                !(t->flags & (NCI_NF_DEC | NCI_NF_EXP | NCI_NF_LEAD0 | NCI_NF_SEP)) && !ATT(c, j + 1)) {
                if (last == L_SCALE)
                    cur = 0;
                cur += t->v; /* "3 hundred and 21" */
                cur_low = t->v;
                last = L_DIG;
                r->digits++;
                j++;
                end = j;
                continue;
            }
            break;
        }
        if (!e)
            break;
        if (e->roles & NCI_R_CARD) {
            int cls = e->cclass;
            double v = e->card;
            if (cls == NCI_CC_ARTICLE) {
                if (last == L_NONE) {
                    const nci_lexent *n1 = j + 1 < c->n && c->t[j + 1].type == NCI_TK_WORD ? c->t[j + 1].lx : NULL;
                    if (n1 && ((n1->roles & NCI_R_HUNDRED) ||
                               ((n1->roles & NCI_R_SCALE) && n1->scale_kind == NCI_SK_WORD &&
                                n1->scale >= 1000) ||
                               (n1->roles & NCI_R_MULT))) {
                        cur = cur_low = 1;
                        last = L_ART;
                        r->article = 1;
                        r->words++;
                        j++;
                        end = j;
                        continue;
                    }
                    break;
                }
                /* "treinta y un", "ciento un": the article is the unit one */
                if (!c->es || !(last == L_AND || last == L_HUND || last == L_TENS))
                    break;
                cls = NCI_CC_UNIT;
            }
            int ok;
            switch (cls) {
            case NCI_CC_UNIT:
                ok = last == L_NONE || last == L_HUNDRED || last == L_HUND || last == L_SCALE ||
                     last == L_AND || (last == L_TENS && !c->es);
                break;
            case NCI_CC_TEEN:
            case NCI_CC_TENS:
                ok = last == L_NONE || last == L_HUNDRED || last == L_HUND || last == L_SCALE ||
                     last == L_AND;
                break;
            default: /* NCI_CC_HUND */
                ok = last == L_NONE || last == L_SCALE || (last == L_AND && c->es);
                break;
            }
            if (ok && last == L_AND && last_before_and == L_TENS && cls != NCI_CC_UNIT)
                ok = 0;
            if (!ok)
                break;
            if (last == L_SCALE || last == L_NONE || (last == L_AND && last_before_and == L_SCALE))
                cur_low = 0;
            cur += v;
            cur_low += v;
            last = cls == NCI_CC_UNIT ? L_UNIT : cls == NCI_CC_TEEN ? L_TEEN : cls == NCI_CC_TENS ? L_TENS : L_HUND;
            if (cls == NCI_CC_HUND)
                cur_low = 0;
            r->words++;
            j++;
            end = j;
            continue;
        }
        if ((e->roles & NCI_R_HUNDRED) && last == L_NONE && !words_only && j + 1 < c->n &&
            ROLE(c, j + 1, NCI_R_SCALE) && LX(c, j + 1)->scale_kind == NCI_SK_WORD && LX(c, j + 1)->scale >= 1000) {
            cur = 100; /* "hundred thousand dollars" */
            cur_low = 0;
            last = L_HUNDRED;
            r->words++;
            j++;
            end = j;
            continue;
        }
        if (e->roles & NCI_R_HUNDRED) {
            if (cur - cur_low > 0 && cur >= 100) {
                /* "3 hundred and 2 hundred": two numbers */
                if (last_before_and != L_NONE && end_before_and > i) {
                    end = end_before_and;
                    cur -= cur_low;
                    last = last_before_and;
                }
                break;
            }
            if (!(last == L_UNIT || last == L_TEEN || last == L_TENS || last == L_ART ||
                  (last == L_DIG && !(c->t[j - 1].flags & NCI_NF_SEP))) ||
                cur <= 0 || cur >= 1000)
                break;
            cur *= 100;
            cur_low = 0;
            last = L_HUNDRED;
            r->words++;
            j++;
            end = j;
            continue;
        }
        if (e->roles & NCI_R_SCALE) {
            int sk = e->scale_kind;
            if (sk == NCI_SK_SUFFIX) {
                if (last != L_DIG)
                    break;
                /* "2.33 k" and "10 bln or" are read; "the 10 k race" is not */
                if (!ATT(c, j) && t->fl < 2 && j + 1 < c->n &&
                    (c->t[j + 1].type == NCI_TK_WORD || c->t[j + 1].type == NCI_TK_NUM))
                    break;
            } else if (sk == NCI_SK_UPPER) {
                /* "10M", "£600m", "1,674.5 M"; not "1m" (a metre) */
                int upper = c->text[t->s] >= 'A' && c->text[t->s] <= 'Z';
                /* "1.4m workers": a decimal before "m" is a count of millions */
                int dec = last == L_DIG && ATT(c, j) && (c->t[j - 1].flags & NCI_NF_DEC);
                /* "77m euros", "3m copies": so is a whole number before "m"
                 * that a currency or a counted plural follows, unless "the"
                 * comes before it ("the 100m heats", "the 400m hurdles" are
                 * races) or the number is a distance of a running race
                 * ("100m and 200m titles") */
                int mf = !dec && last == L_DIG && ATT(c, j) ? millions_follow(c, j + 1) : 0;
                if (mf == 2 || (mf == 1 && !(i > 0 && TAILW(c, i - 1, "the")) && !race_distance(cur)))
                    dec = 1;
                /* "2.16m high", "1.5m wide": a length */
                if (dec && !upper && !money && j + 1 < c->n &&
                    (HEADW(c, j + 1, "high") || HEADW(c, j + 1, "long") || HEADW(c, j + 1, "tall") ||
                     HEADW(c, j + 1, "deep") || HEADW(c, j + 1, "wide")))
                    dec = 0;
                if (last != L_DIG || !(upper || money || dec) ||
                    (!ATT(c, j) && !(upper && !(j + 1 < c->n && c->t[j + 1].type == NCI_TK_WORD))))
                    break;
            } else if (last == L_AND || (last == L_NONE && !(c->es && (e->scale == 1000 || !is_plural_tok(c, j))))) {
                break; /* Spanish "mil", "millón" alone are numbers; "thousand" alone is not */
            }
            /* a word scale right after digits must not be glued to them ("3million" is fine) */
            double S = e->scale;
            double x = cur;
            int popped = 0;
            while (np > 0 && ps[np - 1] < S) {
                x += pv[--np];
                popped = 1;
            }
            if (x == 0) {
                if (last == L_SCALE && !popped)
                    break;
                x = 1;
            }
            if (np > 0 && ps[np - 1] == S) {
                /* "two million three million": two numbers */
                end = cut;
                last = L_SCALE;
                cur = 0;
                break;
            }
            if (np == 8)
                break;
            pv[np] = x * S;
            ps[np] = S;
            np++;
            cur = cur_low = 0;
            last = L_SCALE;
            r->scaled = 1;
            r->words += sk == NCI_SK_WORD;
            j++;
            end = j;
            cut = j;
            continue;
        }
        if (e->roles & NCI_R_MULT) {
            if (!(last == L_UNIT || last == L_TEEN || last == L_TENS || last == L_DIG || last == L_ART ||
                  last == L_HUNDRED || last == L_HUND))
                break;
            if (cur_low > 0 && cur_low < cur)
                cur = cur - cur_low + cur_low * e->mult;
            else
                cur *= e->mult;
            cur_low = 0;
            last = L_MULT;
            r->words++;
            j++;
            end = j;
            continue;
        }
        break;
    }
    if (end == i)
        return 0;
    double v = cur;
    if (end == cut && np > 0)
        v = 0;
    else if (last == L_SCALE)
        v = 0;
    for (int k = 0; k < np; k++)
        v += pv[k];
    if (end == cut && np > 0 && last != L_SCALE) {
        /* ended by a repeated scale: parts only */
    }
    r->v = v;
    r->end = end;
    r->last = last;
    r->top_scale = np > 0 ? ps[np - 1] : 1;
    r->ntoks = (int)(end - i);
    if (!isfinite(v))
        r->ovf = 1;
    return 1;
}

/* ---------------------------------------------------------------- values */

typedef struct val {
    size_t start, end;  /* tokens [start, end) */
    double v;
    int ovf;
    int digits, words, scaled, frac, article;
    int plain;          /* one number token and nothing else */
    int lone_one;       /* the word "one" / "uno" alone */
} val;

/* Stem of a Spanish partitive in -avo ("veinteavos", "doceava"): the
 * cardinal it is built on, or 0. */
static double avo_denom(const sc *c, size_t i)
{
    if (!c->es || !is_word_tok(c, i))
        return 0;
    const char *f = c->fold + c->t[i].fs;
    size_t l = c->t[i].fl;
    if (l > 1 && f[l - 1] == 's')
        l--;
    if (l < 5 || f[l - 2] != 'v' || (f[l - 1] != 'o' && f[l - 1] != 'a') || f[l - 3] != 'a')
        return 0;
    size_t sl = l - 3;
    char buf[64];
    if (sl + 1 >= sizeof buf)
        return 0;
    memcpy(buf, f, sl);
    for (int pass = 0; pass < 2; pass++) {
        size_t bl = sl;
        if (pass == 1)
            buf[bl++] = 'a'; /* "treint-avos" is built on "treinta" */
        const nci_lexent *e = nci_num_lookup(c->tab, buf, bl, nci_num_hash(buf, bl));
        if (e && (e->roles & NCI_R_CARD) && e->card >= 2)
            return e->card;
    }
    return 0;
}


/* A fraction's denominator at token j for numerator num: "fifths",
 * "twenty-fifth", "one hundred fifth", "tercios".  Returns the token after
 * it and the denominator in *d, or 0. */
static size_t parse_denom(const sc *c, size_t j, double num, double *d)
{
    if (j >= c->n || !is_word_tok(c, j))
        return 0;
    int need_plural = num != 1;
    const nci_lexent *e = LX(c, j);
    if (e && (e->roles & NCI_R_DENOM)) {
        int pl = is_plural_tok(c, j);
        /* "medio", "half", "quarter" are singular; "mitad" stands alone */
        if (pl == need_plural || (!need_plural && !pl)) {
            if (need_plural && !pl)
                return 0;
            *d = e->denom;
            return j + 1;
        }
        return 0;
    }
    if (e && (e->roles & NCI_R_ORD) && e->ord_frac && !need_plural) {
        *d = e->ord;
        return j + 1;
    }
    double av = avo_denom(c, j);
    if (av > 0 && (is_plural_tok(c, j) == need_plural)) {
        *d = av;
        return j + 1;
    }
    /* compound: TENS [-] ordinal unit ("twenty-fifth", "twenty firsts") */
    if (cardword(c, j, NCI_CC_TENS)) {
        size_t k = j + 1;
        if (DASH(c, k) && ATT(c, k))
            k++;
        const nci_lexent *o = LX(c, k);
        if (o && is_word_tok(c, k) && (o->roles & (NCI_R_ORD | NCI_R_DENOM))) {
            double u = (o->roles & NCI_R_DENOM) ? o->denom : o->ord;
            int pl = is_plural_tok(c, k);
            if (u < 10 && ((o->roles & NCI_R_DENOM) ? pl == need_plural : !need_plural) &&
                !(o->roles & NCI_R_DUR)) {
                *d = LX(c, j)->card + u;
                return k + 1;
            }
        }
    }
    /* compound: a cardinal, then an ordinal ("one hundred fifth") */
    if (cardword(c, j, 0) && LX(c, j)->cclass != NCI_CC_ARTICLE) {
        card cr;
        if (parse_card(c, j, 0, 1, &cr) && cr.end < c->n && cr.last != L_AND) {
            const nci_lexent *o = LX(c, cr.end);
            if (o && is_word_tok(c, cr.end) && (o->roles & (NCI_R_ORD | NCI_R_DENOM)) &&
                !(o->roles & NCI_R_DUR)) {
                double u = (o->roles & NCI_R_DENOM) ? o->denom : o->ord;
                int pl = is_plural_tok(c, cr.end);
                if (((o->roles & NCI_R_DENOM) ? pl == need_plural : !need_plural) && cr.v >= 100 && u < 100) {
                    *d = cr.v + u;
                    return cr.end + 1;
                }
            }
        }
    }
    return 0;
}

/* A fraction term: [cardinal|a|an|un] denominator, or a cardinal alone when
 * allow_whole.  Used after "and" / "con" / "y". */
static int parse_frac_term(const sc *c, size_t i, double *v, size_t *end)
{
    const nci_lexent *e = LX(c, i);
    if (!e || !is_word_tok(c, i))
        return 0;
    double num = 0;
    size_t j = i;
    if ((e->roles & NCI_R_CARD) && e->cclass == NCI_CC_ARTICLE) {
        num = 1;
        j = i + 1;
    } else if (e->roles & NCI_R_CARD) {
        card cr;
        if (!parse_card(c, i, 0, 1, &cr))
            return 0;
        num = cr.v;
        j = cr.end;
    } else if ((e->roles & NCI_R_DENOM) && e->denom == 2 && c->es) {
        /* "y medio" */
        *v = 0.5;
        *end = i + 1;
        return 1;
    } else {
        return 0;
    }
    double d;
    size_t k = parse_denom(c, j, num, &d);
    if (!k || d == 0)
        return 0;
    *v = num / d;
    *end = k;
    return 1;
}

/* A fraction term starts at i ("a half", "three fifths", "one half").
 * Unless `any`, only a mixed-number term counts: one with an article or a
 * fraction noun ("and a half", "and three quarters"); "one hundred and thirty
 * fifths" reads "hundred and thirty" first, as a cardinal binds tighter. */
static int frac_follows(const sc *c, size_t i, int any)
{
    double f;
    size_t k;
    if (!parse_frac_term(c, i, &f, &k))
        return 0;
    if (any || cardword(c, i, NCI_CC_ARTICLE))
        return 1;
    const nci_lexent *d = LX(c, k - 1);
    return d && (d->roles & NCI_R_DENOM) && !(d->roles & NCI_R_ORD) &&
           (d->denom == 2 || d->denom == 4) && k - 1 > i;
}

/* Decimal digits spelled out after "point" / "coma" / "con": each cardinal
 * contributes its digits ("zero three" .03, "seventy-one" .71). */
static int parse_point_digits(const sc *c, size_t i, double *frac, size_t *end)
{
    char buf[64];
    size_t bl = 0, j = i;
    while (j < c->n && ((cardword(c, j, 0) && LX(c, j)->cclass != NCI_CC_ARTICLE) ||
                        (c->es && ROLE(c, j, NCI_R_SCALE) && LX(c, j)->scale == 1000))) {
        card cr;
        if (!c->es) {
            /* English reads decimals digit by digit ("point zero three") or
             * by tens ("point seventy-one"), never with scales */
            const nci_lexent *e0 = LX(c, j);
            memset(&cr, 0, sizeof cr);
            if (e0->cclass == NCI_CC_TENS && (cardword(c, j + 1, NCI_CC_UNIT) ||
                                              (DASH(c, j + 1) && cardword(c, j + 2, NCI_CC_UNIT)))) {
                size_t u = DASH(c, j + 1) ? j + 2 : j + 1;
                cr.v = e0->card + LX(c, u)->card;
                cr.end = u + 1;
            } else if (e0->cclass == NCI_CC_UNIT || e0->cclass == NCI_CC_TEEN || e0->cclass == NCI_CC_TENS) {
                cr.v = e0->card;
                cr.end = j + 1;
            } else {
                break;
            }
        } else if (!parse_card(c, j, 0, 1, &cr) || cr.v >= 1e9 || cr.v != floor(cr.v)) {
            break;
        }
        char tmp[16];
        int tl = 0;
        unsigned long long x = (unsigned long long)cr.v;
        do {
            tmp[tl++] = (char)('0' + x % 10);
            x /= 10;
        } while (x && tl < 15);
        if (bl + (size_t)tl >= sizeof buf)
            break;
        while (tl)
            buf[bl++] = tmp[--tl];
        j = cr.end;
    }
    if (!bl)
        return 0;
    double f = 0, p = 0.1;
    for (size_t k = 0; k < bl; k++, p /= 10)
        f += (buf[k] - '0') * p;
    *frac = f;
    *end = j;
    return 1;
}

/* A number: a cardinal with what may follow it (fraction, spelled decimals,
 * "and a half", a scale after a fraction), or a digit fraction. */
static int parse_value(const sc *c, size_t i, int money, val *o)
{
    memset(o, 0, sizeof *o);
    o->start = i;
    if (i >= c->n)
        return 0;
    const nci_ntok *t = &c->t[i];
    /* digit fractions: 3/4, 2 1/4 */
    if (PNUM(c, i) && !(t->flags & (NCI_NF_DEC | NCI_NF_SEP | NCI_NF_EXP)) && SYM(c, i + 1, '/') &&
        ATT(c, i + 1) && PNUM(c, i + 2) && ATT(c, i + 2) &&
        !(c->t[i + 2].flags & (NCI_NF_DEC | NCI_NF_SEP | NCI_NF_EXP)) && c->t[i + 2].v > 0 &&
        t->v < c->t[i + 2].v && (c->t[i + 2].v <= 10 || c->t[i + 2].v == 16 || c->t[i + 2].v == 32 ||
                                 c->t[i + 2].v == 64 || c->t[i + 2].v == 100) &&
        !SYM(c, i + 3, '/') && !month_after(c, i + 3)) {
        o->v = t->v / c->t[i + 2].v;
        o->end = i + 3;
        o->frac = 1;
        o->digits = 1;
        return 1;
    }
    if (PNUM(c, i) && (t->flags & NCI_NF_FRAC)) {
        o->v = t->v;
        o->end = i + 1;
        o->frac = 1;
        o->digits = 1;
        return 1;
    }
    /* "half a dozen", "half a million", "half million", "media docena" */
    const nci_lexent *e = LX(c, i);
    if (e && is_word_tok(c, i) && (e->roles & NCI_R_DENOM) && (e->denom == 2 || e->denom == 4) &&
        !is_plural_tok(c, i)) {
        size_t k = i + 1;
        if (cardword(c, k, NCI_CC_ARTICLE))
            k++;
        const nci_lexent *n1 = LX(c, k);
        if (n1 && is_word_tok(c, k) && (n1->roles & (NCI_R_MULT | NCI_R_SCALE)) &&
            (n1->roles & NCI_R_MULT ? 1 : n1->scale_kind == NCI_SK_WORD && n1->scale >= 1000) &&
            !is_plural_tok(c, k)) {
            o->v = ((n1->roles & NCI_R_MULT) ? n1->mult : n1->scale) / e->denom;
            o->end = k + 1;
            o->words = 2;
            o->scaled = 1;
            return 1;
        }
        if (e->denom == 2 && FOLDEQ(c, i, "mitad")) {
            o->v = 0.5;
            o->end = i + 1;
            o->words = 1;
            o->frac = 1;
            return 1;
        }
    }
    card cr;
    int have = parse_card(c, i, money, 0, &cr);
    size_t j;
    double v;
    if (!have) {
        /* "a half", "a fifth", "un medio", "a trillionth" */
        if (e && is_word_tok(c, i) && (e->roles & NCI_R_CARD) && e->cclass == NCI_CC_ARTICLE) {
            double d;
            size_t k = parse_denom(c, i + 1, 1, &d);
            if (k && d > 0) {
                o->v = 1 / d;
                o->end = k;
                o->frac = 1;
                o->words = 2;
                o->article = 1;
                goto tail;
            }
        }
        return 0;
    }
    j = cr.end;
    v = cr.v;
    if (cr.last == L_DIG && cr.ntoks == 1 && v == floor(v) && !(c->t[i].flags & (NCI_NF_DEC | NCI_NF_SEP)) &&
        PNUM(c, j) && c->t[j].sp && SYM(c, j + 1, '/') && ATT(c, j + 1) && PNUM(c, j + 2) && ATT(c, j + 2) &&
        c->t[j].v < c->t[j + 2].v && c->t[j + 2].v <= 10 && !SYM(c, j + 3, '/')) {
        o->v = v + c->t[j].v / c->t[j + 2].v; /* a whole and a fraction */
        o->end = j + 3;
        o->frac = 1;
        o->digits = 1;
        return 1;
    }
    o->ovf = cr.ovf;
    o->digits = cr.digits;
    o->words = cr.words;
    o->scaled = cr.scaled;
    o->article = cr.article;
    o->end = j;
    o->v = v;
    /* a fraction on a spelled numerator: "two thirds", "twenty one fifths" */
    if (cr.digits == 0 && cr.last != L_MULT) {
        double d;
        size_t k = 0;
        if (cr.last == L_TENS && DASH(c, j) && ATT(c, j) && ATT(c, j + 1) && cr.ntoks > 1) {
            /* "one hundred thirty-fifths": the hyphen binds the tens to the
             * ordinal, so the denominator is 35 */
            const nci_lexent *tl = LX(c, j - 1);
            double tv = tl && (tl->roles & NCI_R_CARD) ? tl->card : 0;
            double d2;
            size_t k2 = tv > 0 ? parse_denom(c, j - 1, v - tv, &d2) : 0;
            if (k2 && v - tv > 0) {
                k = k2;
                d = d2;
                v -= tv;
            }
        }
        if (!k)
            k = parse_denom(c, j, v, &d);
        if (!k && DASH(c, j) && !(cr.last == L_TENS && cardword(c, j + 1, NCI_CC_UNIT)))
            k = parse_denom(c, j + 1, v, &d); /* "one-eighth", "five - eighths" */
        if (k && d > 0) {
            o->v = v / d;
            o->end = k;
            o->frac = 1;
            o->words++;
            j = k;
        }
    }
    /* spelled decimals: "two hundred point zero three", "siete con cincuenta" */
    if (!o->frac && cr.digits == 0 && ROLE(c, j, NCI_R_POINT) && is_word_tok(c, j)) {
        const nci_lexent *pe = LX(c, j);
        double f;
        size_t k;
        if (pe->point_con && parse_frac_term(c, j + 1, &f, &k)) {
            o->v = v + (cr.scaled && f < 1 ? f * cr.top_scale : f); /* "cinco billones con tres cuartos" */
            o->end = k;
            o->frac = 1;
            j = k;
        } else if (parse_point_digits(c, j + 1, &f, &k)) {
            o->v = v + f;
            o->end = k;
            j = k;
            /* "two point five million" */
            const nci_lexent *se = LX(c, k);
            if (!cr.scaled && se && is_word_tok(c, k) && (se->roles & NCI_R_SCALE) &&
                se->scale_kind == NCI_SK_WORD && !is_plural_tok(c, k)) {
                o->v *= se->scale;
                o->end = k + 1;
                o->scaled = 1;
            }
        }
    }
tail:
    /* "and a half", "and three fifths", "y medio", "con tres cuartos" */
    if (ROLE(c, o->end, NCI_R_AND | NCI_R_POINT) && is_word_tok(c, o->end) &&
        (ROLE(c, o->end, NCI_R_AND) || LX(c, o->end)->point_con)) {
        size_t a = o->end;
        double f;
        size_t k;
        if (parse_frac_term(c, a + 1, &f, &k)) {
            const nci_lexent *se = LX(c, k);
            if (o->scaled && f < 1 && se && is_word_tok(c, k) && (se->roles & NCI_R_SCALE) &&
                se->scale_kind == NCI_SK_WORD && se->scale < cr.top_scale) {
                f *= se->scale; /* "one billion and a half million" */
                k++;
                o->v += f;
            } else if (o->scaled && f < 1 && cr.top_scale > 1)
                o->v += f * cr.top_scale; /* "3 million and a half" */
            else
                o->v += f;
            o->end = k;
            o->frac = 1;
        } else if (ROLE(c, a, NCI_R_AND) && cardword(c, a + 1, 0) && !o->digits) {
            /* "twenty and three and three fifths": a whole, then a fraction */
            card c2;
            if (parse_card(c, a + 1, 0, 1, &c2) && ROLE(c, c2.end, NCI_R_AND) &&
                parse_frac_term(c, c2.end + 1, &f, &k)) {
                o->v += c2.v + f;
                o->end = k;
                o->frac = 1;
            }
        }
    }
    /* a scale after a fraction: "five and a half million", "two thirds of a million" */
    if (o->frac && !o->scaled) {
        size_t k = o->end;
        if (FOLDEQ(c, k, "of") && cardword(c, k + 1, NCI_CC_ARTICLE))
            k += 2;
        const nci_lexent *se = LX(c, k);
        if (se && is_word_tok(c, k) && (se->roles & NCI_R_SCALE) && se->scale_kind == NCI_SK_WORD &&
            se->scale >= 1000) {
            o->v *= se->scale;
            o->end = k + 1;
            o->scaled = 1;
        }
    }
    o->plain = o->end == i + 1 && PNUM(c, i);
    o->lone_one = o->end == i + 1 && is_word_tok(c, i) && e && (e->roles & NCI_R_CARD) && e->card == 1 &&
                  e->cclass == NCI_CC_UNIT;
    if (!isfinite(o->v))
        o->ovf = 1;
    return 1;
}

/* ---------------------------------------------------------------- units */

typedef struct unit {
    char code[8];   /* "%" or ISO code */
    int minor;      /* the amount is in hundredths (cents, pence) */
    double mega;    /* "MUSD": the code carries a scale */
    size_t end;
    int word;       /* a currency named by a word ("dollars"), not a sign */
} unit;

/* A currency at token i: a symbol, a name (ICU or data), or an ISO code in
 * capitals.  `after` allows what may only follow a number. */
static int parse_currency(const sc *c, size_t i, int after, unit *u)
{
    if (i >= c->n || !c->t[i].lx)
        return 0; /* no entry: no currency word, sign or phrase (*u is read only on success) */
    const nci_phrase *ph;
    size_t k = match_phrase(c, i, NCI_P_CUR, &ph);
    memset(u, 0, sizeof *u);
    /* "A$5" is Australian dollars, "a $5 fee" is not: a one-letter prefix
     * that is also the article must touch its sign */
    if (k && c->t[i].type == NCI_TK_WORD && c->t[i].fl == 1 && ROLE(c, i, NCI_R_CARD) && !ATT(c, i + 1))
        k = 0;
    if (k) {
        memcpy(u->code, ph->cur, 4);
        u->minor = ph->minor;
        u->end = i + k;
        u->word = c->t[i].type == NCI_TK_WORD;
        return 1;
    }
    const nci_ntok *t = &c->t[i];
    const nci_lexent *e = t->lx;
    if (!e)
        return 0;
    if (e->roles & NCI_R_CUR) {
        if (t->type == NCI_TK_WORD && t->fl == 1 && !(after && ATT(c, i)))
            return 0; /* "p" only as "50p" */
        if (e->cur_upper && t->caps != 2)
            return 0;
        memcpy(u->code, e->cur, 4);
        u->minor = e->cur_minor;
        u->end = i + 1;
        u->word = t->type == NCI_TK_WORD;
        return 1;
    }
    if ((e->roles & NCI_R_CODE) && t->type == NCI_TK_WORD && (t->caps == 2 || SYM(c, i + 1, '$'))) {
        memcpy(u->code, e->code, 4);
        u->mega = e->code_mega ? 1e6 : 0;
        u->end = i + 1;
        if (SYM(c, i + 1, '$'))
            u->end++;
        return 1;
    }
    return 0;
}

static int parse_pct(const sc *c, size_t i, size_t *end)
{
    const nci_phrase *ph;
    size_t k = match_phrase(c, i, NCI_P_PCT, &ph);
    if (k) {
        *end = i + k;
        return 1;
    }
    if (ROLE(c, i, NCI_R_PCT) || SYM(c, i, 0xFF05) || SYM(c, i, 0x2030)) {
        *end = i + 1;
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- context */

static int month_tok(const sc *c, size_t i)
{
    const nci_lexent *e = LX(c, i);
    if (!e || !(e->roles & NCI_R_MONTH) || !is_word_tok(c, i))
        return 0;
    if (e->month_cap && !c->t[i].caps)
        return 0;
    return 1;
}

/* A month just before token i ("January 5", "Jan. 5", "enero 5") */
static int month_before(const sc *c, size_t i)
{
    if (i >= 1 && month_tok(c, i - 1))
        return 1;
    if (i >= 2 && SYM(c, i - 1, '.') && month_tok(c, i - 2))
        return 1;
    return 0;
}

/* A month just after token i: "5 January", "8 de enero", "5th of May" */
static int month_after(const sc *c, size_t i)
{
    if (month_tok(c, i))
        return 1;
    if ((FOLDEQ(c, i, "de") || FOLDEQ(c, i, "of")) && month_tok(c, i + 1))
        return 1;
    return 0;
}

static int is_ordsuffix(const sc *c, size_t i, double v)
{
    if (!is_word_tok(c, i) || !ATT(c, i))
        return 0;
    static const char *const en[] = {"st", "nd", "rd", "th", NULL};
    static const char *const es[] = {"o", "a", "er", "ro", "do", "to", "vo", "no", "mo", "ra", "da", "ta", "va", "na", "ma", "os", "as", NULL};
    const char *const *l = c->es ? es : en;
    for (int k = 0; l[k]; k++)
        if (FOLDEQ(c, i, l[k]))
            return v == floor(v);
    return 0;
}

static int roman_value(const char *s, size_t n)
{
    int v = 0, prev = 0;
    for (size_t k = n; k-- > 0;) {
        int d = s[k] == 'i' ? 1 : s[k] == 'v' ? 5 : s[k] == 'x' ? 10 : 0;
        if (!d)
            return 0;
        v += d < prev ? -d : d;
        if (d > prev)
            prev = d;
    }
    return v;
}

/* ---------------------------------------------------------------- expressions */

typedef struct term {
    val v;
    unit u;
    int has_unit;     /* u.code set: "%" or a currency */
    int prefix_cur;   /* the currency came first ("$5") */
    size_t end;
    int neg;
    int kind;
} term;

/* [currency] [sign] value [unit]; returns 0 when no number starts at i. */
static int parse_term(const sc *c, size_t i, term *tm)
{
    memset(tm, 0, sizeof *tm);
    size_t j = i;
    unit u;
    if (parse_currency(c, j, 0, &u) && u.end < c->n) {
        size_t k = u.end;
        if (DASH(c, k) && ATT(c, k) && PNUM(c, k + 1) && ATT(c, k + 1)) {
            tm->neg = 1;
            k++;
        }
        if (PNUM(c, k) || cardword(c, k, 0) || (is_word_tok(c, k) && ROLE(c, k, NCI_R_DENOM))) {
            tm->u = u;
            tm->has_unit = 1;
            tm->prefix_cur = 1;
            j = k;
        }
    }
    if (!tm->prefix_cur) {
        if (ROLE(c, j, NCI_R_NEG) && is_word_tok(c, j) && (PNUM(c, j + 1) || cardword(c, j + 1, 0))) {
            tm->neg = 1;
            j++;
        } else if (j < c->n && c->t[j].type == NCI_TK_SYM &&
                   (c->t[j].cp == '-' || c->t[j].cp == 0x2212 || c->t[j].cp == '+') && PNUM(c, j + 1) &&
                   (ATT(c, j + 1) || j == 0) &&
                   (j == 0 || !(c->t[j - 1].type == NCI_TK_NUM || c->t[j - 1].type == NCI_TK_WORD ||
                                c->t[j - 1].type == NCI_TK_IDENT) || c->t[j].sp)) {
            tm->neg = c->t[j].cp != '+';
            j++;
            /* "-$5" */
        }
    }
    int money = tm->prefix_cur;
    if (!parse_value(c, j, money, &tm->v))
        return 0;
    if (tm->neg)
        tm->v.v = -tm->v.v;
    j = tm->v.end;
    /* the unit after the number */
    size_t k;
    if (!tm->has_unit) {
        size_t j2 = j;
        if (parse_pct(c, j2, &k)) {
            strcpy(tm->u.code, "%");
            tm->u.end = k;
            tm->has_unit = 1;
            j = k;
        } else {
            /* "-cent", "one-yen": a hyphen may join the number and its currency */
            if (DASH(c, j2) && ATT(c, j2) && ATT(c, j2 + 1) && is_word_tok(c, j2 + 1))
                j2++;
            if (parse_currency(c, j2, 1, &u)) {
                tm->u = u;
                tm->has_unit = 1;
                j = u.end;
            } else if (c->es && tm->v.scaled && FOLDEQ(c, j, "de") && parse_currency(c, j + 1, 1, &u) && u.word) {
                /* "500 millones de dólares" */
                tm->u = u;
                tm->has_unit = 1;
                j = u.end;
            }
        }
    } else if (parse_pct(c, j, &k)) {
        j = k; /* "$5%"?  keep the currency, drop nothing */
    }
    if (tm->has_unit && tm->u.code[0] != '%') {
        if (tm->u.mega > 0 && !tm->v.scaled) {
            tm->v.v *= tm->u.mega;
            tm->v.scaled = 1;
        }
        /* a scale after the currency: "75 USD million" */
        const nci_lexent *se = LX(c, j);
        if (!tm->v.scaled && se && is_word_tok(c, j) && (se->roles & NCI_R_SCALE) && se->scale_kind == NCI_SK_WORD &&
            se->scale >= 1000) {
            tm->v.v *= se->scale;
            tm->v.scaled = 1;
            j++;
        }
        /* minor units after major ones: "3 dollars 50 cents", "thirteen dollars
         * and forty-five cents", "15 dollars 50" */
        if (!tm->u.minor && !tm->v.scaled && !tm->v.frac && tm->v.v == floor(tm->v.v)) {
            size_t a = j;
            int with_and = ROLE(c, a, NCI_R_AND) && is_word_tok(c, a);
            if (with_and)
                a++;
            val mv;
            if ((PNUM(c, a) || cardword(c, a, 0)) && parse_value(c, a, 0, &mv) && !mv.scaled && !mv.frac &&
                mv.v >= 0 && mv.v < 100 && mv.v == floor(mv.v) && !(c->t[a].flags & NCI_NF_DEC)) {
                unit mu;
                int ends = mv.end >= c->n || (c->t[mv.end].type == NCI_TK_SYM && c->t[mv.end].cp != '%' &&
                                              !(c->t[mv.end].lx && (c->t[mv.end].lx->roles & NCI_R_CUR)));
                if (parse_currency(c, mv.end, 1, &mu) && mu.minor) {
                    tm->v.v += (tm->neg ? -mv.v : mv.v) / 100; /* "3 dollars 50 cents" */
                    j = mu.end;
                } else if (ends && (with_and || (!tm->prefix_cur && c->t[j - 1].type == NCI_TK_WORD))) {
                    tm->v.v += (tm->neg ? -mv.v : mv.v) / 100; /* "15 dollars 50", "c $ 100 and fifty" */
                    j = mv.end;
                }
            }
        }
    }
    tm->end = j;
    if (tm->has_unit)
        tm->kind = tm->u.code[0] == '%' ? NC_NUM_PERCENT : NC_NUM_MONEY;
    else
        tm->kind = NC_NUM_COUNT;
    return 1;
}

/* Hours after midnight of a clock value h read before the word at token k
 * ("pm", "am", "GMT"): 6pm is 18, 12am is 0. */
static double clock_hours(const sc *c, size_t k, double h)
{
    if ((FOLDEQ(c, k, "pm") || FOLDEQ(c, k, "p.m")) && h < 12)
        return h + 12;
    if ((FOLDEQ(c, k, "am") || FOLDEQ(c, k, "a.m")) && h >= 12 && h < 13)
        return h - 12;
    return h;
}

/* What classify found: a kind, the token after it, and a value in that
 * kind's terms (a time's hours after midnight; a decade's bounds). */
typedef struct cls {
    int kind;
    size_t end;
    double v;
    int range;         /* lo..hi, no single value ("the 1980s") */
    double lo, hi;
} cls;

/* Hours after midnight of "10.30" read as a clock (hours.minutes). */
static double dotted_hours(const nci_ntok *t, double v)
{
    if (!(t->flags & NCI_NF_DEC))
        return v;
    double h = floor(v), m = round((v - h) * 100);
    return m < 60 ? h + m / 60 : v;
}

/* The kind of a bare number from its neighbours: years, dates, times,
 * durations, ordinals, identifiers.  Fills *o (o->kind NC_NUM_COUNT when
 * nothing else fits). */
static void classify(const sc *c, const term *tm, cls *o)
{
    const val *vv = &tm->v;
    size_t j = tm->end;
    const nci_ntok *t = &c->t[vv->start];
    int integer = vv->v == floor(vv->v) && !vv->frac;
    int bare = vv->plain && !(t->flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP)) && !tm->neg;
    o->kind = NC_NUM_COUNT;
    o->end = j;
    o->v = vv->v;
    o->range = 0;
    /* ordinal suffixes: 1st, 4th, 4to, 1º */
    if (vv->plain && is_ordsuffix(c, j, vv->v)) {
        o->end = j + 1;
        o->kind = (month_after(c, j + 1) || month_before(c, vv->start)) && vv->v >= 1 && vv->v <= 31 ? NC_NUM_DATE
                                                                                                  : NC_NUM_ORDINAL;
        return;
    }
    /* decades: 1990s, 90s, 1990's -- the ten years; "in their 20s" is an age */
    if (bare && (t->nd == 4 || t->nd == 2) && fmod(vv->v, 10) == 0) {
        size_t e = 0;
        if (is_word_tok(c, j) && ATT(c, j) && FOLDEQ(c, j, "s"))
            e = j + 1;
        else if ((SYM(c, j, '\'') || SYM(c, j, 0x2019)) && ATT(c, j) && FOLDEQ(c, j + 1, "s") && ATT(c, j + 1))
            e = j + 2;
        if (e) {
            size_t p = vv->start;
            int poss = t->nd == 2 && p > 0 &&
                       (TAILW(c, p - 1, "their") || TAILW(c, p - 1, "his") || TAILW(c, p - 1, "her") ||
                        TAILW(c, p - 1, "my") || TAILW(c, p - 1, "your") || TAILW(c, p - 1, "our") ||
                        TAILW(c, p - 1, "early") || TAILW(c, p - 1, "mid") || TAILW(c, p - 1, "late")) &&
                       !(p > 1 && ROLE(c, p - 1, NCI_R_YEARCTX) && ROLE(c, p - 2, NCI_R_DET));
            /* "late 80s" is the 1980s unless a person's: "in her late 20s" */
            if (poss && (TAILW(c, p - 1, "early") || TAILW(c, p - 1, "mid") || TAILW(c, p - 1, "late")))
                poss = p > 1 && (TAILW(c, p - 2, "their") || TAILW(c, p - 2, "his") || TAILW(c, p - 2, "her") ||
                                 TAILW(c, p - 2, "my") || TAILW(c, p - 2, "your") || TAILW(c, p - 2, "our"));
            double y = vv->v;
            if (t->nd == 2 && !poss)
                y += y >= 20 ? 1900 : 2000;
            o->end = e;
            o->kind = poss ? NC_NUM_DURATION : NC_NUM_YEAR;
            o->range = 1;
            o->lo = y;
            o->hi = y + 9;
            return;
        }
    }
    /* a year cut to two digits: "class of '83", "in '05" */
    if (bare && t->nd == 2 && vv->start > 0 && ATT(c, vv->start) &&
        (SYM(c, vv->start - 1, '\'') || SYM(c, vv->start - 1, 0x2019)) && c->t[vv->start - 1].sp &&
        !(ATT(c, j) && TYPE(c, j, NCI_TK_WORD))) {
        o->kind = NC_NUM_YEAR;
        o->v = vv->v + (vv->v < 30 ? 2000 : 1900);
        return;
    }
    /* times: "10 in the morning", "a las 10", "las 10 de la noche" */
    if (bare && integer && vv->v <= 24 && t->nd <= 2) {
        size_t p = vv->start, k = j;
        if (ROLE(c, k, NCI_R_YEARCTX | NCI_R_RANGEPRE) && is_word_tok(c, k))
            k++; /* "in", "de" */
        if (ROLE(c, k, NCI_R_DET) && is_word_tok(c, k))
            k++; /* "the", "la" */
        if (ROLE(c, k, NCI_R_DAYPART) && is_word_tok(c, k) && k > j) {
            o->kind = NC_NUM_TIME;
            if (vv->v < 12 && !FOLDEQ(c, k, "morning") && !FOLDEQ(c, k, "manana") && !FOLDEQ(c, k, "madrugada"))
                o->v = vv->v + 12;
            return;
        }
        if (c->es && p >= 2 && FOLDEQ(c, p - 1, "las") && (FOLDEQ(c, p - 2, "a") || FOLDEQ(c, p - 2, "desde") ||
                                                           FOLDEQ(c, p - 2, "hasta") || FOLDEQ(c, p - 2, "sobre"))) {
            o->kind = NC_NUM_TIME;
            return;
        }
    }
    /* decades after "years": "los años 90", "the years 2000" */
    if (bare && (t->nd == 2 || (t->nd == 4 && vv->v >= 1000 && vv->v <= 2199)) && vv->start > 0 &&
        ROLE(c, vv->start - 1, NCI_R_DUR) && is_word_tok(c, vv->start - 1) && is_plural_tok(c, vv->start - 1) &&
        fmod(vv->v, 10) == 0) {
        o->kind = NC_NUM_YEAR;
        o->range = 1;
        o->lo = t->nd == 2 ? vv->v + (vv->v >= 20 ? 1900 : 2000) : vv->v;
        o->hi = o->lo + 9;
        return;
    }
    int hhmm = bare && t->nd == 4 && vv->v < 2400 && fmod(vv->v, 100) < 60;
    /* times: "1600 GMT" (hhmm) */
    if (hhmm && ROLE(c, j, NCI_R_TIME) && is_word_tok(c, j) && !ATT(c, j) && c->t[j].caps == 2) {
        o->end = j + 1;
        o->kind = NC_NUM_TIME;
        o->v = floor(vv->v / 100) + fmod(vv->v, 100) / 60;
        return;
    }
    /* times in a broadcast schedule: "from 1930 on BBC One", "at 2000 on
     * Radio 4" -- hhmm after at / from / until, then "on" and a name */
    if (hhmm && vv->start > 0 && !c->es &&
        (TAILW(c, vv->start - 1, "at") || TAILW(c, vv->start - 1, "from") || TAILW(c, vv->start - 1, "until")) &&
        HEADW(c, j, "on") && c->t[j].e - c->t[j].s == 2 && j + 1 < c->n && is_word_tok(c, j + 1) &&
        c->t[j + 1].caps) {
        o->kind = NC_NUM_TIME;
        o->v = floor(vv->v / 100) + fmod(vv->v, 100) / 60;
        return;
    }
    /* times: 3pm, 10.30am, 15.30 h */
    if (vv->plain && ROLE(c, j, NCI_R_TIME) && is_word_tok(c, j) && vv->v <= 24 &&
        (ATT(c, j) || !FOLDEQ(c, j, "h") || c->es)) {
        o->end = j + 1;
        if (SYM(c, j + 1, '.') && (FOLDEQ(c, j, "a.m") || FOLDEQ(c, j, "p.m")))
            o->end = j + 2;
        o->kind = NC_NUM_TIME;
        o->v = clock_hours(c, j, dotted_hours(t, vv->v));
        return;
    }
    /* dates: "January 5", "5 January", "8 de enero", and pairs: "8 y 9 de
     * enero", "January 8 and 9" */
    if (bare && integer && vv->v >= 1 && vv->v <= 31 && t->nd <= 2) {
        o->kind = NC_NUM_DATE;
        if (month_before(c, vv->start) || month_after(c, j))
            return;
        size_t p = vv->start;
        if ((ROLE(c, j, NCI_R_AND) || SYM(c, j, ',')) && PNUM(c, j + 1) && c->t[j + 1].nd <= 2 &&
            c->t[j + 1].v >= 1 && c->t[j + 1].v <= 31 && month_after(c, j + 2))
            return;
        if (p >= 2 && (ROLE(c, p - 1, NCI_R_AND) || SYM(c, p - 1, ',')) && PNUM(c, p - 2) &&
            c->t[p - 2].nd <= 2 && month_before(c, p - 2))
            return;
        o->kind = NC_NUM_COUNT;
    }
    /* durations: "23 years", "three months", "23-year-old" */
    {
        size_t k = j;
        if (DASH(c, k) && ATT(c, k) && ATT(c, k + 1))
            k++;
        if (ROLE(c, k, NCI_R_DUR) && is_word_tok(c, k)) {
            o->kind = NC_NUM_DURATION;
            return;
        }
    }
    /* years: four digits, no separator */
    if (bare && t->nd == 4 && vv->v >= 1000 && vv->v <= 2199) {
        size_t p = vv->start;
        if ((p > 0 && ROLE(c, p - 1, NCI_R_YEARCTX) && is_word_tok(c, p - 1)) || month_before(c, p) ||
            (p >= 2 && SYM(c, p - 1, ',') && (month_before(c, p - 2) || (p >= 3 && month_tok(c, p - 3)))) ||
            (vv->v >= 1900 && vv->v <= 2099))
            o->kind = NC_NUM_YEAR;
    }
}

/* Emit a term alone. */
static void emit_term(sc *c, size_t s_tok, const term *tm, int qual, int qpos_out_start, size_t end_tok,
                      int kind)
{
    (void)qpos_out_start;
    double v = tm->v.v;
    int hv = 1, hl = 1, hh = 1;
    double lo = v, hi = v;
    if (qual == NC_QUAL_MORE_THAN || qual == NC_QUAL_AT_LEAST)
        hh = 0;
    else if (qual == NC_QUAL_LESS_THAN || qual == NC_QUAL_AT_MOST)
        hl = 0;
    const char *u = tm->has_unit ? tm->u.code : NULL;
    emit(c, c->t[s_tok].s, c->t[end_tok - 1].e, kind, qual, hv, v, hl, lo, hh, hi, u, tm->v.ovf, NULL,
         tm->has_unit ? tm->u.minor : 0);
}

/* Units of two ends of a range agree (one may lack it). */
static int units_agree(term *a, term *b)
{
    if (a->has_unit && b->has_unit)
        return strcmp(a->u.code, b->u.code) == 0;
    /* "rising 37% to 705m rupees": a percent, then something else */
    if (a->has_unit && !b->has_unit && !a->prefix_cur)
        return 0;
    if (b->has_unit && !a->has_unit) {
        a->u = b->u;
        a->has_unit = 1;
        a->kind = b->kind;
    } else if (a->has_unit && !b->has_unit) {
        b->u = a->u;
        b->has_unit = 1;
        b->kind = a->kind;
    }
    return 1;
}

/* A capitalised word that can be part of a name: not a number word, a
 * month, a unit, a currency or another word the grammar reads. */
static int is_name_word(const sc *c, size_t i)
{
    if (!is_word_tok(c, i) || !c->t[i].caps || c->t[i].pad)
        return 0;
    const nci_lexent *e = c->t[i].lx;
    return !(e && (e->roles & ~(NCI_R_PHRASE | NCI_R_PHRKEY | NCI_R_KEEP)));
}

/* A match minute at number token k: a whole number up to 130 standing
 * alone (a penalty or an own goal may be marked: "48 pen", "12 og") before
 * ",", "." , ";" or ")" or the end.  Returns the token after the mark, or 0. */
static size_t minute_item(const sc *c, size_t k)
{
    const nci_ntok *t = &c->t[k];
    if (!PNUM(c, k) || (t->flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP | NCI_NF_FRAC)) || t->v < 1 ||
        t->v > 130 || t->nd > 3 || (ATT(c, k + 1) && !TYPE(c, k + 1, NCI_TK_SYM)))
        return 0;
    size_t e = k + 1;
    if (e < c->n && is_word_tok(c, e) && (HEADW(c, e, "pen") || HEADW(c, e, "og")) &&
        c->t[e].e - c->t[e].s <= 3)
        e++;
    if (e >= c->n || SYM(c, e, ',') || SYM(c, e, ';') || SYM(c, e, ')') ||
        (SYM(c, e, '.') && !(e + 1 < c->n && ATT(c, e + 1) && c->t[e + 1].type == NCI_TK_NUM)))
        return e;
    return 0;
}

/* A name and its minutes at token p (the name's first word): "Rooney 87"
 * in "Ronaldo 9, Rooney 87."; returns the token after the last minute, or
 * 0.  *k1 is the number token of the last minute. */
static size_t minute_run(const sc *c, size_t p, size_t *k1)
{
    size_t k = p;
    while (is_name_word(c, k))
        k++;
    if (k == p || !c->t[k].sp)
        return 0;
    size_t e = minute_item(c, k);
    if (!e)
        return 0;
    while (SYM(c, e, ',') && minute_item(c, e + 1)) {
        k = e + 1;
        e = minute_item(c, k);
    }
    *k1 = k;
    return e;
}

/* Capitalised words from token k whose last is a word for a street ("10
 * Downing Street", "221 Baker Street", "1600 Pennsylvania Avenue"): the
 * number before them is an address. */
static int street_after(const sc *c, size_t k)
{
    static const char *const W[] = {"street", "road", "avenue", "lane", "square", "drive", "boulevard",
                                     "terrace", "crescent", "place", NULL};
    size_t e = k;
    while (is_name_word(c, e))
        e++;
    if (e == k)
        return 0;
    for (size_t x = 0; W[x]; x++)
        if (HEADW(c, e - 1, W[x]) && c->t[e - 1].e - c->t[e - 1].s == strlen(W[x]))
            return 1;
    return 0;
}

/* A number that is part of a name (see try_at); returns the token after
 * the name, or 0.  A spelled number is part of a name when it is
 * capitalised inside a sentence and a capitalised word is next to it ("the
 * Six Nations", "BBC One", "Radio Five Live"); digits when they stand
 * between two capitalised words ("RBS 6 Nations", "TFC 101 Tower") or
 * after an apostrophe before one ("'03 Bonnie and Clyde"). */
static size_t name_number(const sc *c, size_t i)
{
    const nci_ntok *t = &c->t[i];
    size_t k;
    if (t->type == NCI_TK_WORD) {
        if (t->caps != 1 || !cardword(c, i, 0) || LX(c, i)->cclass == NCI_CC_ARTICLE || sent_start(c, i))
            return 0;
        k = i + 1;
        if (DASH(c, k) && ATT(c, k) && cardword(c, k + 1, NCI_CC_UNIT) && c->t[k + 1].caps)
            k += 2; /* "Twenty-Two" */
        if (DASH(c, k) && ATT(c, k) && ATT(c, k + 1) && is_name_word(c, k + 1) && !ROLE(c, k + 1, NCI_R_KEEP))
            k++; /* "the Four-Kings clan" */
        /* a name word before: capitalised, or an acronym ("BBC One"), not a
         * heading in capitals ("OTHER GAFFES Three people") */
        int before = i > 0 && is_name_word(c, i - 1) && !sent_start(c, i - 1) &&
                     (c->t[i - 1].caps == 1 || c->t[i - 1].e - c->t[i - 1].s <= 4);
        /* "the Group of Eight", "the Band of Four" */
        if (!before && i >= 2 && is_word_tok(c, i - 1) && c->t[i - 1].e - c->t[i - 1].s == 2 &&
            TAILW(c, i - 1, "of") && is_name_word(c, i - 2) && c->t[i - 2].caps == 1)
            before = 1;
        if (!is_name_word(c, k) && !before)
            return 0;
    } else if (PNUM(c, i) && !(t->flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP | NCI_NF_FRAC)) && t->nd <= 3) {
        int apos = i > 0 && ATT(c, i) && (SYM(c, i - 1, '\'') || SYM(c, i - 1, 0x2019)) && t->nd == 2;
        int before = i > 0 && t->sp && is_name_word(c, i - 1) && !sent_start(c, i - 1);
        /* a leading zero is a label, not a count: "03 Bonnie and Clyde", "007 Racing" */
        int zero = (t->flags & NCI_NF_LEAD0) && t->v >= 1;
        /* "007", "001": three digits or more with a leading zero are a label */
        if (zero && t->nd >= 3 && !(i + 1 < c->n && ATT(c, i + 1) && !TYPE(c, i + 1, NCI_TK_SYM)) &&
            !(SYM(c, i + 1, '.') && i + 2 < c->n && ATT(c, i + 2) && TYPE(c, i + 2, NCI_TK_NUM)))
            return i + 1;
        if (!(apos || before || zero || street_after(c, i + 1)) || !c->t[i + 1 < c->n ? i + 1 : i].sp)
            return 0;
        k = i + 1;
        if (!is_name_word(c, k))
            return 0;
    } else {
        return 0;
    }
    while (is_name_word(c, k))
        k++;
    return k;
}

/* Seconds in the unit of time at token k (hours, minutes, seconds), or 0. */
static double dur_secs(const sc *c, size_t k)
{
    if (!ROLE(c, k, NCI_R_DUR) || !is_word_tok(c, k))
        return 0;
    static const char *const h[] = {"hour", "hours", "hr", "hrs", "hora", "horas", NULL};
    static const char *const m[] = {"minute", "minutes", "min", "mins", "minuto", "minutos", NULL};
    static const char *const s[] = {"second", "seconds", "sec", "secs", "segundo", "segundos", NULL};
    for (int x = 0; h[x]; x++)
        if (FOLDEQ(c, k, h[x]))
            return 3600;
    for (int x = 0; m[x]; x++)
        if (FOLDEQ(c, k, m[x]))
            return 60;
    for (int x = 0; s[x]; x++)
        if (FOLDEQ(c, k, s[x]))
            return 1;
    return 0;
}

static size_t try_at(sc *c, size_t i);

/* An ordinal after a determiner at token k ("the tenth", "the 15th", "the
 * twenty-first"); returns the token after it and its value, or 0. */
static size_t parse_ord(const sc *c, size_t k, double *v)
{
    if (!ROLE(c, k, NCI_R_DET) || !is_word_tok(c, k))
        return 0;
    k++;
    if (is_word_tok(c, k) && ROLE(c, k, NCI_R_ORD) && !ROLE(c, k, NCI_R_CARD)) {
        *v = LX(c, k)->ord;
        return k + 1;
    }
    if (cardword(c, k, NCI_CC_TENS)) {
        size_t k2 = k + 1;
        if (DASH(c, k2) && ATT(c, k2))
            k2++;
        if (ROLE(c, k2, NCI_R_ORD) && is_word_tok(c, k2) && LX(c, k2)->ord < 10) {
            *v = LX(c, k)->card + LX(c, k2)->ord;
            return k2 + 1;
        }
    }
    if (PNUM(c, k) && !(c->t[k].flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP)) && is_ordsuffix(c, k + 1, c->t[k].v)) {
        *v = c->t[k].v;
        return k + 2;
    }
    return 0;
}

/* Try an expression at token i; returns the token after it (> i) when
 * something was emitted or consumed, else 0. */
static size_t try_at(sc *c, size_t i)
{
    const nci_ntok *t = &c->t[i];
    /* shapes that are never counts */
    if (t->type == NCI_TK_DATE || t->type == NCI_TK_TIME || t->type == NCI_TK_PHONE) {
        int kind = t->type == NCI_TK_DATE ? NC_NUM_DATE : t->type == NCI_TK_TIME ? NC_NUM_TIME : NC_NUM_PHONE;
        size_t e = i + 1;
        double tv = t->v;
        if (kind == NC_NUM_TIME && ROLE(c, e, NCI_R_TIME) && is_word_tok(c, e)) {
            tv = clock_hours(c, e, tv);
            e++;
        }
        /* a time's value is its hours after midnight ("18:30" 18.5) */
        int hv = kind == NC_NUM_TIME;
        emit(c, t->s, c->t[e - 1].e, kind, NC_QUAL_EXACT, hv, tv, hv, tv, hv, tv, NULL, 0, NULL, 0);
        return e;
    }
    if (t->type == NCI_TK_DUR) { /* "3:48.82": seconds */
        emit(c, t->s, t->e, NC_NUM_DURATION, NC_QUAL_EXACT, 1, t->v, 1, t->v, 1, t->v, NULL, 0, NULL, 0);
        return i + 1;
    }
    if (t->type == NCI_TK_IDENT) {
        size_t e = i + 1;
        while (e < c->n && ATT(c, e) && (DASH(c, e) && ATT(c, e + 1) &&
                                         (TYPE(c, e + 1, NCI_TK_NUM) || TYPE(c, e + 1, NCI_TK_IDENT))))
            e += 2;
        emit(c, t->s, c->t[e - 1].e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0);
        return e;
    }
    if (t->type == NCI_TK_NUM && (t->flags & NCI_NF_DOTTED)) {
        emit(c, t->s, t->e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0);
        return i + 1;
    }
    /* codes with digits: "COVID-19", "F-16", "SCP-173", "P-3": a capitalised
     * word, a hyphen, digits, all attached (a capital letter alone is no
     * currency: "p" is pence only in lower case) */
    if (t->type == NCI_TK_WORD && t->caps && DASH(c, i + 1) && ATT(c, i + 1) && TYPE(c, i + 2, NCI_TK_NUM) &&
        ATT(c, i + 2) &&
        !(t->lx && (t->lx->roles & (NCI_R_CODE | NCI_R_MONTH | (t->e - t->s == 1 ? 0 : NCI_R_CUR))))) {
        size_t e = i + 3;
        while (e < c->n && ATT(c, e) && (TYPE(c, e, NCI_TK_WORD) || TYPE(c, e, NCI_TK_IDENT)))
            e++;
        emit(c, t->s, c->t[e - 1].e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0);
        return e;
    }
    /* Roman numerals after a name or a unit of time: "Leo XIV", "World War
     * II", "siglo XXI" */
    if (t->type == NCI_TK_WORD && t->caps == 2 && t->fl >= 2 && t->fl <= 6 && i > 0 && c->t[i].sp &&
        is_word_tok(c, i - 1) && (c->t[i - 1].caps || ROLE(c, i - 1, NCI_R_DUR))) {
        int rv = roman_value(c->fold + t->fs, t->fl);
        if (rv >= 2 && rv < 40) {
            emit(c, t->s, t->e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, rv, 1, rv, 1, rv, NULL, 0, NULL, 0);
            return i + 1;
        }
    }
    /* two small numbers joined by a slash that are neither a fraction nor
     * a date: a name ("9/11", "24/7", "7/7"); by a month, two days ("19/20
     * February") */
    if (PNUM(c, i) && t->nd <= 2 && !(t->flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP | NCI_NF_FRAC)) &&
        SYM(c, i + 1, '/') && ATT(c, i + 1) && PNUM(c, i + 2) && ATT(c, i + 2) && c->t[i + 2].nd <= 2 &&
        !(c->t[i + 2].flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP | NCI_NF_FRAC)) && !SYM(c, i + 3, '/') &&
        !(ATT(c, i + 3) && (TYPE(c, i + 3, NCI_TK_WORD) || TYPE(c, i + 3, NCI_TK_NUM))) && t->v >= 1) {
        double d2 = c->t[i + 2].v;
        if (month_after(c, i + 3) || month_before(c, i)) {
            if (d2 == t->v + 1 && d2 <= 31) {
                emit(c, t->s, c->t[i + 2].e, NC_NUM_DATE, NC_QUAL_RANGE, 0, 0, 1, t->v, 1, d2, NULL, 0, NULL, 0);
                return i + 3;
            }
        } else if (d2 >= t->v && d2 > 10 && d2 != 16 && d2 != 32 && d2 != 64) {
            emit(c, t->s, c->t[i + 2].e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0);
            return i + 3;
        }
    }
    /* names with a number in them: "the Six Nations", "Radio Five Live",
     * "BBC One", "RBS 6 Nations", "TFC 101 Tower", "'03 Bonnie and Clyde" */
    {
        size_t ne = name_number(c, i);
        if (ne) {
            size_t ns = i;
            if (i > 0 && is_name_word(c, i - 1) && !sent_start(c, i - 1))
                ns = i - 1;
            else if (t->type == NCI_TK_NUM && i > 0 && ATT(c, i) && (SYM(c, i - 1, '\'') || SYM(c, i - 1, 0x2019)))
                ns = i - 1; /* "'03 Bonnie" */
            else if (t->type == NCI_TK_WORD && i >= 2 && TAILW(c, i - 1, "of") && is_name_word(c, i - 2))
                ns = i - 2; /* "Group of Eight" */
            emit(c, c->t[ns].s, c->t[ne - 1].e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0);
            return ne;
        }
    }
    /* minutes in a match report: "Ronaldo 9, Rooney 87.", "Henry 2, 29.",
     * "Taylor (Martin 89)" -- a name alone in its clause, then the minutes */
    if (PNUM(c, i) && i > 0 && is_name_word(c, i - 1) && t->sp && minute_item(c, i)) {
        size_t p = i - 1;
        while (p > 0 && is_name_word(c, p - 1))
            p--;
        size_t k1 = 0, me = minute_run(c, p, &k1), k0 = 0;
        /* the clause holds only the name and its minutes, and it is one of
         * a list ("Varga 40, Thompson 48 pen"), in brackets ("(Cole 63)"),
         * has several minutes ("Henry 2, 29") or is a sentence ("Ronaldo
         * 9.") -- not "Windows XP, Service Pack 2, would" */
        int open = p == 0 || SYM(c, p - 1, '.') || SYM(c, p - 1, ',') || SYM(c, p - 1, '(') ||
                   SYM(c, p - 1, ';') || SYM(c, p - 1, ':');
        int list = (me && SYM(c, me, ',') && minute_run(c, me + 1, &k0)) ||
                   (p > 2 && SYM(c, p - 1, ',') && minute_item(c, p - 2) == p - 1 && is_name_word(c, p - 3));
        int ok = me && open &&
                 (list || k1 > i || (SYM(c, p - 1, '(') && SYM(c, me, ')')) ||
                  ((p == 0 || SYM(c, p - 1, '.') || SYM(c, p - 1, ':')) && (me >= c->n || SYM(c, me, '.'))));
        if (ok) {
            for (size_t k = i; k <= k1; k++)
                if (PNUM(c, k)) {
                    double mv = c->t[k].v;
                    emit(c, c->t[k].s, c->t[k].e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, mv, 1, mv, 1, mv, NULL, 0,
                         NULL, 0);
                }
            return me;
        }
    }
    /* a ranked list: "(France) 20 Tatiana Golovin (France)" -- a number
     * opening an entry, a person's name, then a bracket: a rank */
    if (PNUM(c, i) && !(t->flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP | NCI_NF_FRAC)) && t->nd <= 3 &&
        t->v >= 1 && (i == 0 || SYM(c, i - 1, ')')) && is_name_word(c, i + 1) && is_name_word(c, i + 2) &&
        c->t[i + 1].caps == 1) {
        size_t k = i + 1;
        while (is_name_word(c, k))
            k++;
        if (SYM(c, k, '(') && k <= i + 4) {
            emit(c, t->s, t->e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, t->v, 1, t->v, 1, t->v, NULL, 0, NULL, 0);
            return i + 1;
        }
    }
    /* a name and its number: "Channel 4", "PlayStation 2", "Windows 95",
     * "Half-Life 2", a quoted '"Halo 2"' (not '"I'm 30', not a substitute's
     * minute "(Wright-Phillips 83)") -- a capitalised word that is not a
     * number word, a month or a unit, not opening a sentence, then a small
     * whole number standing alone */
    if (PNUM(c, i) && !(t->flags & (NCI_NF_SEP | NCI_NF_DEC | NCI_NF_EXP | NCI_NF_FRAC)) && t->nd <= 3 && i >= 2 &&
        t->sp && is_word_tok(c, i - 1) && c->t[i - 1].caps == 1 && c->t[i - 1].fl >= 2 &&
        !(c->t[i - 1].lx && (c->t[i - 1].lx->roles & ~(NCI_R_PHRASE | NCI_R_PHRKEY))) &&
        (((is_word_tok(c, i - 2) || TYPE(c, i - 2, NCI_TK_IDENT) || SYM(c, i - 2, ',') || SYM(c, i - 2, ';')) &&
          c->t[i - 1].sp) ||
         ((((SYM(c, i - 2, '"') || SYM(c, i - 2, 0x201C) || SYM(c, i - 2, 0x2018)) && ATT(c, i - 1)) ||
           (DASH(c, i - 2) && ATT(c, i - 2) && ATT(c, i - 1) && i >= 3 && c->t[i - 3].caps == 1)) &&
          !memchr(c->text + c->t[i - 1].s, '\'', c->t[i - 1].e - c->t[i - 1].s) && !SYM(c, i + 1, ')')))) {
        term nm;
        if (parse_term(c, i, &nm) && !nm.has_unit && !nm.v.scaled && nm.v.end == i + 1 &&
            !(ATT(c, i + 1) && (TYPE(c, i + 1, NCI_TK_WORD) || TYPE(c, i + 1, NCI_TK_NUM) || TYPE(c, i + 1, NCI_TK_IDENT))) &&
            !DASH(c, i + 1) &&
            !SYM(c, i + 1, '/') && !SYM(c, i + 1, '%') && !(ROLE(c, i + 1, NCI_R_DUR | NCI_R_TIME | NCI_R_MONTH) && is_word_tok(c, i + 1))) {
            size_t ns = DASH(c, i - 2) && ATT(c, i - 2) && ATT(c, i - 1) ? i - 3 : i - 1;
            emit(c, c->t[ns].s, t->e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0);
            return i + 1;
        }
    }
    size_t j = i;
    size_t span_s = i;
    int qual = -1, qpos = NCI_QP_PRE;
    uint32_t join = 0;
    int opener = 0;
    const nci_phrase *ph;
    size_t k;
    if ((k = match_phrase(c, j, NCI_P_QUAL, &ph)) && ph->qpos != NCI_QP_POST) {
        qual = ph->qual;
        qpos = ph->qpos;
        j += k;
    } else if (ROLE(c, j, NCI_R_QUAL) && LX(c, j)->qpos != NCI_QP_POST &&
               !(c->t[j].type == NCI_TK_SYM && j > 0 && ATT(c, j) && c->t[j - 1].type == NCI_TK_SYM)) {
        qual = LX(c, j)->qual;
        qpos = LX(c, j)->qpos;
        j++;
    }
    if (qual < 0 && ROLE(c, j, NCI_R_RANGEPRE) && is_word_tok(c, j)) {
        join = LX(c, j)->join_hash;
        opener = 1;
        j++;
    }
    if (qual >= 0 && qpos == NCI_QP_OUT)
        span_s = j;
    /* an approximator before an opener: "around between"? rare; also
     * "some" / "unos" before a range */
    term a;
    /* "percent of 10", "per cent of twenty-two" */
    if (qual < 0 && !opener && parse_pct(c, j, &k) && FOLDEQ(c, k, "of") && parse_term(c, k + 1, &a) &&
        !a.has_unit) {
        emit(c, c->t[j].s, c->t[a.end - 1].e, NC_NUM_PERCENT, NC_QUAL_EXACT, 1, a.v.v, 1, a.v.v, 1, a.v.v, "%",
             a.v.ovf, NULL, 0);
        return a.end;
    }
    /* ranges and bounds of ordinals: "between the tenth and the fifteenth",
     * "higher than the tenth but lower than the fifteenth" */
    if ((opener || (qual > 0 && qual != NC_QUAL_ABOUT && qpos == NCI_QP_PRE)) && ROLE(c, j, NCI_R_DET) &&
        is_word_tok(c, j)) {
        double o1, o2;
        size_t e1 = parse_ord(c, j, &o1), e2 = 0;
        if (e1 && opener && e1 < c->n && is_word_tok(c, e1) && c->t[e1].lx && c->t[e1].lx->hash == join &&
            (e2 = parse_ord(c, e1 + 1, &o2)) && o1 < o2) {
            emit(c, c->t[span_s].s, c->t[e2 - 1].e, NC_NUM_ORDINAL, NC_QUAL_RANGE, 0, 0, 1, o1, 1, o2, NULL, 0, NULL, 0);
            return e2;
        }
        if (e1 && !opener) {
            size_t r = e1;
            if (ROLE(c, r, NCI_R_AND) || FOLDEQ(c, r, "but") || SYM(c, r, ','))
                r++;
            size_t k2 = 0;
            int q2 = -1;
            if ((k2 = match_phrase(c, r, NCI_P_QUAL, &ph)) && ph->qpos == NCI_QP_PRE)
                q2 = ph->qual;
            int lower1 = qual == NC_QUAL_MORE_THAN || qual == NC_QUAL_AT_LEAST;
            int lower2 = q2 == NC_QUAL_MORE_THAN || q2 == NC_QUAL_AT_LEAST;
            int upper2 = q2 == NC_QUAL_LESS_THAN || q2 == NC_QUAL_AT_MOST;
            if (r > e1 && ((lower1 && upper2) || (!lower1 && lower2)) && (e2 = parse_ord(c, r + k2, &o2))) {
                double lo = lower1 ? o1 : o2, hi = lower1 ? o2 : o1;
                if (lo < hi) {
                    emit(c, c->t[span_s].s, c->t[e2 - 1].e, NC_NUM_ORDINAL, NC_QUAL_RANGE, 0, 0, 1, lo, 1, hi, NULL, 0,
                         NULL, 0);
                    return e2;
                }
            }
        }
    }
    /* "more than half" */
    if (qual >= 0 && FOLDEQ(c, j, c->es ? "mitad" : "half") && !ROLE(c, j + 1, NCI_R_SCALE | NCI_R_MULT) &&
        !cardword(c, j + 1, NCI_CC_ARTICLE)) {
        int q = qual;
        int hl = q != NC_QUAL_LESS_THAN && q != NC_QUAL_AT_MOST;
        int hh = q != NC_QUAL_MORE_THAN && q != NC_QUAL_AT_LEAST;
        emit(c, c->t[span_s].s, c->t[j].e, NC_NUM_COUNT, q, 1, 0.5, hl, 0.5, hh, 0.5, NULL, 0, NULL, 0);
        return j + 1;
    }
    if (!parse_term(c, j, &a)) {
        /* vague quantities: "dozens", "a handful", "several hundred" */
        size_t vs = j;
        double lo = 0, hi = 0;
        const char *key = NULL;
        size_t ve = 0;
        if ((k = match_phrase(c, vs, NCI_P_VAGUE, &ph))) {
            lo = ph->vlo;
            hi = ph->vhi;
            key = c->tab->pool + ph->key_off;
            ve = vs + k;
        } else if (ROLE(c, vs, NCI_R_VAGUE) && is_word_tok(c, vs)) {
            const nci_lexent *e = LX(c, vs);
            lo = e->vlo;
            hi = e->vhi;
            key = c->tab->pool + e->key_off;
            ve = vs + 1;
        }
        if (key) {
            const nci_lexent *se = LX(c, ve);
            if (hi < 20 && se && is_word_tok(c, ve) && (se->roles & (NCI_R_SCALE | NCI_R_HUNDRED)) &&
                !is_plural_tok(c, ve)) {
                double S = (se->roles & NCI_R_HUNDRED) ? 100 : se->scale;
                if ((se->roles & NCI_R_HUNDRED) || se->scale_kind == NCI_SK_WORD) {
                    lo *= S;
                    hi *= S;
                    ve++;
                }
            }
            /* "a few seconds", "several years": a duration */
            int vk = (ROLE(c, ve, NCI_R_DUR) && is_word_tok(c, ve)) ||
                             (FOLDEQ(c, ve, c->es ? "de" : "of") && ROLE(c, ve + 1, NCI_R_DUR) && is_word_tok(c, ve + 1))
                         ? NC_NUM_DURATION
                         : NC_NUM_COUNT;
            emit(c, c->t[vs].s, c->t[ve - 1].e, vk, NC_QUAL_VAGUE, 0, 0, 1, lo, 1, hi, NULL, 0, key, 0);
            return ve;
        }
        /* spelled ordinals: "second", "twenty-first", "primero" */
        if (j == i && is_word_tok(c, i) && ROLE(c, i, NCI_R_ORD) && !ROLE(c, i, NCI_R_CARD)) {
            double ov = LX(c, i)->ord;
            /* "megabits per second", "a split second": the unit of time */
            if (ROLE(c, i, NCI_R_DUR) && i > 0 && (TAILW(c, i - 1, "per") || TAILW(c, i - 1, "split")))
                return i + 1;
            if (ov >= 1 && ov <= 100) {
                emit(c, t->s, t->e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, ov, 1, ov, 1, ov, NULL, 0, NULL, 0);
                return i + 1;
            }
        }
        return 0;
    }
    if (j == i && a.v.words && !a.v.digits && cardword(c, a.v.end, 0) == 0 && a.v.end == i + 1 &&
        cardword(c, i, NCI_CC_TENS)) {
        /* "twenty-first": tens and an ordinal */
        size_t k2 = i + 1;
        if (DASH(c, k2) && ATT(c, k2))
            k2++;
        if (ROLE(c, k2, NCI_R_ORD) && is_word_tok(c, k2) && LX(c, k2)->ord < 10 && ATT(c, k2)) {
            double ov = a.v.v + LX(c, k2)->ord;
            emit(c, t->s, c->t[k2].e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, ov, 1, ov, 1, ov, NULL, 0, NULL, 0);
            return k2 + 1;
        }
    }
    /* "one" as a pronoun: "the one", "which one", "no one" */
    if (a.v.lone_one && a.v.start > 0 && ROLE(c, a.v.start - 1, NCI_R_DET) && is_word_tok(c, a.v.start - 1))
        return a.v.end;
    if (a.v.lone_one && (FOLDEQ(c, a.v.end, "another") || FOLDEQ(c, a.v.end, "day")))
        return a.v.end;
    /* "One can only hope", "one must": "one" as the subject of a modal verb */
    if (a.v.lone_one && !c->es &&
        (HEADW(c, a.v.end, "can") || HEADW(c, a.v.end, "could") || HEADW(c, a.v.end, "may") ||
         HEADW(c, a.v.end, "might") || HEADW(c, a.v.end, "must") || HEADW(c, a.v.end, "should") ||
         HEADW(c, a.v.end, "would") || HEADW(c, a.v.end, "cannot")))
        return a.v.end;
    /* "a compelling one", "the only one": an article, one word, "one" */
    if (a.v.lone_one && qual < 0 && !opener && a.v.start >= 2 && c->t[a.v.start - 1].pad &&
        !memchr(c->text + c->t[a.v.start - 1].s, ' ', c->t[a.v.start - 1].e - c->t[a.v.start - 1].s) &&
        (cardword(c, a.v.start - 2, NCI_CC_ARTICLE) || FOLDEQ(c, a.v.start - 2, "the")) &&
        !TAILW(c, a.v.start - 1, "number") && !(ROLE(c, a.v.end, NCI_R_DUR | NCI_R_RANGESEP) && is_word_tok(c, a.v.end)) &&
        !DASH(c, a.v.end) && !FOLDEQ(c, a.v.end, "or"))
        return a.v.end;
    /* words that are not quantities: "a quarter-final", "semi-finals",
     * "a one-off" -- a number word joined by a hyphen to a noun it names */
    if (!a.v.digits && !a.has_unit && DASH(c, a.v.end) && ATT(c, a.v.end) && ATT(c, a.v.end + 1) &&
        is_word_tok(c, a.v.end + 1) &&
        (((a.v.frac || a.v.article) &&
          (FOLDEQ(c, a.v.end + 1, "final") || FOLDEQ(c, a.v.end + 1, "finals") ||
           FOLDEQ(c, a.v.end + 1, "finalist") || FOLDEQ(c, a.v.end + 1, "finalists"))) ||
         (a.v.lone_one && FOLDEQ(c, a.v.end + 1, "off"))))
        return a.v.end + 2;
    /* "a third term", "a second week", "a fourth title": an ordinal before
     * a unit of time or a noun of a series, not a fraction ("a third of",
     * "a fifth said", "a fifth" alone are) */
    if (a.v.article && a.v.frac && a.v.end == i + 2 && !c->es && ROLE(c, i + 1, NCI_R_ORD) &&
        ((ROLE(c, a.v.end, NCI_R_DUR) && is_word_tok(c, a.v.end) && !is_plural_tok(c, a.v.end)) ||
         HEADW(c, a.v.end, "term") || HEADW(c, a.v.end, "time") || HEADW(c, a.v.end, "round") ||
         HEADW(c, a.v.end, "place") || FOLDEQ(c, a.v.end, "quarter") || series_noun(c, a.v.end))) {
        double ov = LX(c, i + 1)->ord;
        emit(c, c->t[i + 1].s, c->t[i + 1].e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, ov, 1, ov, 1, ov, NULL, 0, NULL, 0);
        return i + 2;
    }
    /* ranks: "at number 20", "number one", "No. 1", "No 1"; places in a
     * series: "part two", "chapter 11", "stage 12" */
    if (qual < 0 && !opener && !a.has_unit && !a.neg && a.v.v == floor(a.v.v) && a.v.v >= 1 && !a.v.scaled &&
        a.v.start == i && i > 0 && !(ATT(c, a.v.end) && TYPE(c, a.v.end, NCI_TK_WORD)) &&
        (TAILW(c, i - 1, "number") || TAILW(c, i - 1, "part") || TAILW(c, i - 1, "chapter") ||
         TAILW(c, i - 1, "episode") || TAILW(c, i - 1, "volume") || TAILW(c, i - 1, "stage") ||
         TAILW(c, i - 1, "phase") || (!c->es && FOLDEQ(c, i - 1, "no") && c->t[i - 1].caps == 1) ||
         (!c->es && SYM(c, i - 1, '.') && i > 1 && ATT(c, i - 1) && FOLDEQ(c, i - 2, "no") && c->t[i - 2].caps == 1)) &&
        !(ROLE(c, a.end, NCI_R_DUR | NCI_R_PCT) && is_word_tok(c, a.end)) &&
        !(FOLDEQ(c, a.end, "of") && TAILW(c, i - 1, "number"))) {
        emit(c, c->t[i].s, c->t[a.end - 1].e, NC_NUM_ORDINAL, NC_QUAL_EXACT, 1, a.v.v, 1, a.v.v, 1, a.v.v, NULL,
             a.v.ovf, NULL, 0);
        return a.end;
    }
    /* a number glued to letters: "17GEN4" is a code; "29km", "180ml" are
     * measures, which this stage does not report */
    if (a.v.plain && a.v.end < c->n && ATT(c, a.v.end) &&
        (TYPE(c, a.v.end, NCI_TK_IDENT) || TYPE(c, a.v.end, NCI_TK_WORD)) && !a.has_unit) {
        size_t w = a.v.end;
        const nci_lexent *we = LX(c, w);
        int known = is_ordsuffix(c, w, a.v.v) || (we && (we->roles & (NCI_R_TIME | NCI_R_PCT | NCI_R_DUR))) ||
                    FOLDEQ(c, w, "s");
        if (!known) {
            size_t e = w + 1;
            while (e < c->n && ATT(c, e) && (TYPE(c, e, NCI_TK_NUM) || TYPE(c, e, NCI_TK_IDENT) || TYPE(c, e, NCI_TK_WORD)))
                e++;
            if (c->t[w].caps || TYPE(c, w, NCI_TK_IDENT))
                emit(c, c->t[a.v.start].s, c->t[e - 1].e, NC_NUM_IDENTIFIER, NC_QUAL_EXACT, 0, 0, 0, 0, 0, 0, NULL, 0,
                     NULL, 0);
            return e;
        }
    }
    /* glued after a letter code: "A4", "G7" are IDENT tokens; "x>10" fine */
    size_t e = a.end;
    int kind = a.kind;
    /* fraction with "over" / "out of": "one over three", "two out of five" */
    if (!a.has_unit && qual < 0 && !opener) {
        size_t ok_k = 0;
        int outof = 0;
        if (ROLE(c, e, NCI_R_OVER) && is_word_tok(c, e))
            ok_k = e + 1;
        else if ((k = match_phrase(c, e, NCI_P_OVER, &ph)))
            ok_k = e + k, outof = 1;
        term b;
        if (ok_k && parse_term(c, ok_k, &b) && !b.has_unit && b.v.v != 0 && !b.neg &&
            !(ROLE(c, b.end, NCI_R_DUR) && is_word_tok(c, b.end)) && (!outof || a.v.v < b.v.v)) {
            double fv = a.v.v / b.v.v;
            emit(c, c->t[span_s].s, c->t[b.end - 1].e, NC_NUM_COUNT, NC_QUAL_EXACT, 1, fv, 1, fv, 1, fv, NULL,
                 a.v.ovf || b.v.ovf, NULL, 0);
            return b.end;
        }
    }
    /* "80-odd" (about 80), "40-plus" (at least 40) */
    if ((qual < 0 || qpos == NCI_QP_OUT) && !opener && DASH(c, e) && ATT(c, e) && ATT(c, e + 1) &&
        (FOLDEQ(c, e + 1, "odd") || FOLDEQ(c, e + 1, "plus"))) {
        int q = FOLDEQ(c, e + 1, "odd") ? NC_QUAL_ABOUT : NC_QUAL_AT_LEAST;
        size_t end = e + 2;
        if (ROLE(c, end, NCI_R_DUR) && is_word_tok(c, end) && !a.has_unit)
            kind = NC_NUM_DURATION;
        emit_term(c, span_s, &a, q, 0, end, kind);
        return end;
    }
    /* a ratio: "one in ten", "1 in twenty-one", "more than 2 in 5" */
    if (!a.has_unit && !opener && !a.neg && a.v.v >= 1 && a.v.v == floor(a.v.v) && !a.v.scaled &&
        FOLDEQ(c, e, c->es ? "de" : "in") && (!c->es || FOLDEQ(c, e + 1, "cada"))) {
        term b;
        size_t bs = c->es ? e + 2 : e + 1;
        if (parse_term(c, bs, &b) && !b.has_unit && !b.neg && b.v.v > a.v.v && b.v.v == floor(b.v.v) &&
            !(b.v.plain && c->t[b.v.start].nd == 4 && b.v.v >= 1000 && b.v.v <= 2199) &&
            !(ROLE(c, b.end, NCI_R_DUR | NCI_R_MONTH) && is_word_tok(c, b.end)) &&
            !(ATT(c, b.end) && (TYPE(c, b.end, NCI_TK_WORD) || DASH(c, b.end))) && !DASH(c, b.end)) {
            double fv = a.v.v / b.v.v;
            size_t end = b.end;
            int q = qual < 0 ? NC_QUAL_EXACT : qual;
            if ((k = match_phrase(c, end, NCI_P_QUAL, &ph)) && ph->qpos == NCI_QP_POST &&
                (q == NC_QUAL_EXACT || q == NC_QUAL_ABOUT) && ph->qual != NC_QUAL_EXACT) {
                if (q == NC_QUAL_ABOUT)
                    span_s = a.v.start;
                q = ph->qual;
                end += k;
            }
            int hl = q != NC_QUAL_LESS_THAN && q != NC_QUAL_AT_MOST;
            int hh = q != NC_QUAL_MORE_THAN && q != NC_QUAL_AT_LEAST;
            emit(c, c->t[span_s].s, c->t[end - 1].e, NC_NUM_COUNT, q, 1, fv, hl, fv, hh, fv, NULL,
                 a.v.ovf || b.v.ovf, NULL, 0);
            return end;
        }
    }
    int age = !a.has_unit && span_s > 0 &&
              (TAILW(c, span_s - 1, "aged") || TAILW(c, span_s - 1, "ages") || text_before(c, span_s, " age of"));
    /* ranges: "between 800 and 1,200", "49 to 73", "49–73", "2025–26",
     * "two or three days"; a converted amount in brackets may stand between
     * the ends ("between $40,000 (£21,000) and $60,000") */
    {
        size_t r = e;
        int joined = 0, alt = 0, odash = 0;
        size_t in0 = 0, in1 = 0; /* tokens of the bracket */
        if (SYM(c, r, '(') && a.has_unit && a.kind == NC_NUM_MONEY) {
            size_t q = r + 1;
            while (q < c->n && q < r + 12 && !SYM(c, q, ')') && !SYM(c, q, '('))
                q++;
            if (SYM(c, q, ')') && q > r + 1) {
                in0 = r + 1;
                in1 = q;
                r = q + 1;
            }
        }
        if (opener) {
            if (r < c->n && is_word_tok(c, r) && c->t[r].lx && c->t[r].lx->hash == join)
                joined = 1;
            else if (DASH(c, r) && ATT(c, r) && ATT(c, r + 1) && !in1) {
                joined = odash = 1; /* "from 10-20 February": the dash joins, the opener stays out */
                span_s = j;
            }
        } else if (qual < 0 || qpos == NCI_QP_OUT) {
            if (ROLE(c, r, NCI_R_RANGESEP) && is_word_tok(c, r))
                joined = 1;
            else if (DASH(c, r) && (c->t[r].cp != '-' || (ATT(c, r) && ATT(c, r + 1)) ||
                                     (c->t[r].sp && r + 1 < c->n && c->t[r + 1].sp)))
                joined = 1;
            else if (SYM(c, r, '~'))
                joined = 1;
            else if (FOLDEQ(c, r, c->es ? "o" : "or") || (c->es && FOLDEQ(c, r, "u")))
                joined = alt = 1;
        }
        if (in1 && (!joined || alt || DASH(c, r)))
            joined = 0;
        term b;
        if (joined && !DASH(c, r) && ROLE(c, r, NCI_R_RANGESEP) &&
            ((i > 0 && ROLE(c, i - 1, NCI_R_CHANGE) && is_word_tok(c, i - 1)) ||
             (i > 1 && ROLE(c, i - 2, NCI_R_CHANGE) && is_word_tok(c, i - 2) && is_word_tok(c, i - 1) &&
              (ROLE(c, i - 1, NCI_R_RANGEPRE | NCI_R_YEARCTX | NCI_R_DET) || cardword(c, i - 1, NCI_CC_ARTICLE)))))
            joined = 0; /* "rose from 5 to 10", "subió de 5 a 10": two values, not a range */
        /* "raised income by 400m euros to 2.5bn euros": an amount with its
         * own unit after "by" is the change, the next the new level */
        if (joined && !DASH(c, r) && ROLE(c, r, NCI_R_RANGESEP) && a.has_unit && i > 0 && TAILW(c, i - 1, "by"))
            joined = 0;
        if (joined && parse_term(c, r + 1, &b)) {
            /* "$10-25m": the scale letter after the second end is money's */
            if (a.prefix_cur && !b.has_unit && !b.v.scaled && ATT(c, b.end) && ROLE(c, b.end, NCI_R_SCALE) &&
                LX(c, b.end)->scale_kind != NCI_SK_WORD && is_word_tok(c, b.end) && b.v.plain) {
                b.v.v *= LX(c, b.end)->scale;
                b.v.scaled = 1;
                b.v.end = b.end = b.end + 1;
            }
            /* "in 2004 to $200m": a currency sign on the second end only
             * starts an amount of its own */
            int ok = !(b.prefix_cur && !a.has_unit);
            /* "in 2004 to 789m euros": a year, then an amount */
            const nci_ntok *ta0 = &c->t[a.v.start];
            if (!a.has_unit && b.has_unit && a.v.plain && ta0->nd == 4 && !(ta0->flags & (NCI_NF_SEP | NCI_NF_DEC)) &&
                a.v.v >= 1000 && a.v.v <= 2199)
                ok = 0;
            ok = ok && units_agree(&a, &b);
            if (DASH(c, r) && !(a.v.digits && b.v.digits))
                ok = 0; /* "three-nought-four" is three numbers */
            /* "two or three", "5 or 6": neighbours of one sort, not a choice
             * between far apart values ("1 or 100") */
            if (alt && ((!a.v.plain && a.v.digits) || (a.v.digits != 0) != (b.v.digits != 0) || a.v.frac || b.v.frac ||
                        a.v.v != floor(a.v.v) || b.v.v != floor(b.v.v) || a.v.scaled))
                ok = 0;
            double lo = a.v.v, hi = b.v.v;
            int rkind = a.has_unit ? a.kind : b.kind;
            /* years: "2025–26", "2010-2015" */
            const nci_ntok *ta = &c->t[a.v.start], *tb = &c->t[b.v.start];
            int ya = a.v.plain && ta->nd == 4 && !(ta->flags & (NCI_NF_SEP | NCI_NF_DEC)) && lo >= 1000 && lo <= 2199 && !a.has_unit;
            int yb2 = b.v.plain && tb->nd == 2 && !(tb->flags & NCI_NF_DEC) && DASH(c, r) && !b.has_unit;
            int yb4 = b.v.plain && tb->nd == 4 && !(tb->flags & (NCI_NF_SEP | NCI_NF_DEC)) && hi >= 1000 && hi <= 2199 && !b.has_unit;
            if (ok && ya && (yb2 || yb4)) {
                if (yb2)
                    hi = floor(lo / 100) * 100 + hi;
                if (hi > lo) {
                    size_t end = b.end;
                    emit(c, c->t[span_s].s, c->t[end - 1].e, NC_NUM_YEAR, NC_QUAL_RANGE, 0, 0, 1, lo, 1, hi, NULL, 0,
                         NULL, 0);
                    return end;
                }
            }
            /* a scale on the second end only: "5 to 10 million", "5-10bn" */
            if (ok && b.v.scaled && !a.v.scaled && !a.v.frac) {
                const nci_ntok *lt = &c->t[b.v.end - 1];
                double S = lt->lx && (lt->lx->roles & NCI_R_SCALE) ? lt->lx->scale : 0;
                if (S > 0 && lo * S < hi && lo < hi / S * 1.0000001)
                    lo *= S;
            }
            if (alt && !(hi <= 2 * lo + 1 && (!b.prefix_cur || hi - lo <= lo / 2)))
                ok = 0; /* "£250 or £500" is a choice */
            int kk = NC_NUM_COUNT;
            if (ok && lo < hi) {
                int dk = NC_NUM_COUNT;
                /* dates: "12–13 January", "January 12–13" */
                if (a.v.plain && b.v.plain && lo >= 1 && hi <= 31 && lo == floor(lo) && hi == floor(hi) &&
                    (month_before(c, a.v.start) || month_after(c, b.end)))
                    dk = NC_NUM_DATE;
                /* durations: "5 to 10 years"; ages: "aged 16 to 18" */
                size_t dkk = b.end;
                if (DASH(c, dkk) && ATT(c, dkk))
                    dkk++;
                if (!a.has_unit && !b.has_unit && ((ROLE(c, dkk, NCI_R_DUR) && is_word_tok(c, dkk)) || age))
                    dk = NC_NUM_DURATION;
                kk = rkind != NC_NUM_COUNT ? rkind : dk;
                if (odash && kk == NC_NUM_COUNT)
                    ok = 0; /* "from 0-40 down" is a score, not a range */
            }
            if (ok && lo < hi) {
                size_t end = b.end;
                const char *u = a.has_unit ? a.u.code : NULL;
                emit(c, c->t[span_s].s, c->t[end - 1].e, kk, NC_QUAL_RANGE, 0, 0, 1, lo, 1, hi, u,
                     a.v.ovf || b.v.ovf, NULL, a.has_unit ? a.u.minor : 0);
                for (size_t q = in0; q < in1 && !c->err;) { /* the converted amount */
                    size_t nx = try_at(c, q);
                    q = nx > q ? nx : q + 1;
                }
                return end;
            }
        }
    }
    /* post qualifiers: "500 or more", "30 or less" */
    if ((k = match_phrase(c, e, NCI_P_QUAL, &ph)) && ph->qpos == NCI_QP_POST &&
        !(PNUM(c, e + k) || cardword(c, e + k, 0))) { /* "200 or more than 190": two numbers */
        if (ph->qual == NC_QUAL_EXACT) {
            /* "less than 5000 or equal", "more than 5000 or equal to" */
            if (qual == NC_QUAL_MORE_THAN)
                qual = NC_QUAL_AT_LEAST, e += k;
            else if (qual == NC_QUAL_LESS_THAN)
                qual = NC_QUAL_AT_MOST, e += k;
        } else if (qual < 0 || qual == NC_QUAL_EXACT || qual == NC_QUAL_ABOUT) {
            if (qual == NC_QUAL_ABOUT)
                span_s = a.v.start;
            qual = ph->qual;
            e += k;
        }
    }
    /* two bounds joined: "larger than 10 and smaller than 20", "at most 100
     * and at least 20": one range when they leave room between them */
    if (qual > 0 && qual != NC_QUAL_ABOUT && qpos == NCI_QP_PRE && !opener) {
        size_t r = e;
        if (r < c->n && (ROLE(c, r, NCI_R_AND) || FOLDEQ(c, r, "but") || SYM(c, r, ',')))
            r++;
        size_t k2 = 0;
        int q2 = -1;
        if ((k2 = match_phrase(c, r, NCI_P_QUAL, &ph)) && ph->qpos == NCI_QP_PRE)
            q2 = ph->qual;
        else if (ROLE(c, r, NCI_R_QUAL) && LX(c, r)->qpos == NCI_QP_PRE)
            q2 = LX(c, r)->qual, k2 = 1;
        int lower1 = qual == NC_QUAL_MORE_THAN || qual == NC_QUAL_AT_LEAST;
        int upper1 = qual == NC_QUAL_LESS_THAN || qual == NC_QUAL_AT_MOST;
        int lower2 = q2 == NC_QUAL_MORE_THAN || q2 == NC_QUAL_AT_LEAST;
        int upper2 = q2 == NC_QUAL_LESS_THAN || q2 == NC_QUAL_AT_MOST;
        term b;
        if (r > e && ((lower1 && upper2) || (upper1 && lower2)) && parse_term(c, r + k2, &b) &&
            units_agree(&a, &b)) {
            double lo = lower1 ? a.v.v : b.v.v, hi = lower1 ? b.v.v : a.v.v;
            size_t be = b.end;
            size_t k3;
            if ((k3 = match_phrase(c, be, NCI_P_QUAL, &ph)) && ph->qpos == NCI_QP_POST && ph->qual == NC_QUAL_EXACT)
                be += k3;
            if (lo < hi) {
                emit(c, c->t[span_s].s, c->t[be - 1].e, a.kind, NC_QUAL_RANGE, 0, 0, 1, lo, 1, hi,
                     a.has_unit ? a.u.code : NULL, a.v.ovf || b.v.ovf, NULL, 0);
                return be;
            }
        }
    }
    if (qual < 0 && span_s == a.v.start && span_s > 0 && ATT(c, span_s) &&
        (SYM(c, span_s - 1, '<') || SYM(c, span_s - 1, '>') || SYM(c, span_s - 1, '=')))
        return e;
    if (qual < 0)
        qual = NC_QUAL_EXACT;
    if (opener)
        span_s = j; /* "between 800" without its end: the opener is not part of it */
    size_t end = e;
    if (kind == NC_NUM_COUNT && !a.v.ovf) {
        cls ck;
        classify(c, &a, &ck);
        if (ck.kind != NC_NUM_COUNT) {
            kind = ck.kind;
            end = ck.end;
            a.v.v = ck.v;
            if (ck.range) {
                emit(c, c->t[span_s].s, c->t[end - 1].e, kind, NC_QUAL_RANGE, 0, 0, 1, ck.lo, 1, ck.hi, NULL, 0,
                     NULL, 0);
                return end;
            }
        }
        /* ages: "aged 16", "Williams, 29, offers" (a name, then the age
         * between commas, or ending the sentence: "said Elgindy, 36.");
         * ages are durations, as in "a 30-year-old" */
        if (kind == NC_NUM_COUNT && !a.v.scaled && a.v.v == floor(a.v.v) &&
            (age || (a.v.plain && a.v.v >= 10 && a.v.v <= 110 && span_s == i && i > 1 && SYM(c, i - 1, ',') &&
                     is_name_word(c, i - 2) &&
                     (SYM(c, a.end, ',') || SYM(c, a.end, ';') || (SYM(c, a.end, '.') && a.end + 1 >= c->n)))))
            kind = NC_NUM_DURATION;
        /* "20 minutes 38 seconds", "one minute, 47.97 seconds", "2 hours
         * and 5 minutes": one duration, in its smallest unit */
        if (kind == NC_NUM_DURATION && end == a.end && dur_secs(c, end) > 0) {
            double us = dur_secs(c, end), tot = a.v.v * us;
            size_t last = end, q = end + 1;
            for (;;) {
                size_t q2 = q;
                if (SYM(c, q2, ',') || (ROLE(c, q2, NCI_R_AND) && is_word_tok(c, q2)))
                    q2++;
                term b;
                if (!parse_term(c, q2, &b) || b.has_unit || b.neg || b.v.scaled)
                    break;
                double bs = dur_secs(c, b.end);
                if (!(bs > 0 && bs < us))
                    break;
                tot += b.v.v * bs;
                us = bs;
                last = b.end;
                q = b.end + 1;
            }
            if (last > end) {
                double dv = tot / us;
                int hl = qual != NC_QUAL_LESS_THAN && qual != NC_QUAL_AT_MOST;
                int hh = qual != NC_QUAL_MORE_THAN && qual != NC_QUAL_AT_LEAST;
                emit(c, c->t[span_s].s, c->t[last].e, kind, qual, 1, dv, hl, dv, hh, dv, NULL, 0, NULL, 0);
                return last + 1;
            }
        }
    }
    /* the pronoun test for Spanish "uno" ("uno de ellos" is still one) */
    emit_term(c, span_s, &a, qual, 0, end, kind);
    return end;
}

/* ---------------------------------------------------------------- prefilter */

/* Masks of the 64 bytes at p: bit k of *letters is set when p[k] is an
 * ASCII letter; bit k of the result when p[k] is a digit or not ASCII. */
static inline uint64_t block_masks(const unsigned char *p, uint64_t *letters)
{
    uint64_t let = 0, bad = 0;
#if defined(__SSE2__)
    for (int q = 0; q < 4; q++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * q));
        /* signed compares: bytes outside ASCII are negative, in no range */
        __m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i isl = _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
                                    _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1)));
        __m128i isd = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        let |= (uint64_t)(unsigned)_mm_movemask_epi8(isl) << (16 * q);
        bad |= (uint64_t)(unsigned)(_mm_movemask_epi8(v) | _mm_movemask_epi8(isd)) << (16 * q);
    }
#else
    for (int k = 0; k < 64; k++) {
        unsigned c = p[k];
        let |= (uint64_t)((unsigned)((c | 0x20) - 'a') < 26) << k;
        bad |= (uint64_t)(c >= 0x80 || (unsigned)(c - '0') < 10) << k;
    }
#endif
    *letters = let;
    return bad;
}

static inline int roman_cap(unsigned char c)
{
    return c == 'I' || c == 'V' || c == 'X';
}

static inline int ascii_letter(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26;
}

/* The run of ASCII letters text[a, b) of the sentence text[start, end) may
 * make it hold a number: a seed word (mark_seeds() in num_lex.c), a Roman
 * numeral in capitals (try_at: only I, V and X are read), a Spanish
 * partitive ("veintiunavos", avo_denom), or a piece of a longer word
 * ("a.m") that the seed map does not rule out.  The tokenizer joins runs
 * only across an apostrophe or a point followed by a letter (digits and
 * other code points make the sentence pass anyway): a run followed by a
 * point and a space ("business.") is a whole word, and a word with
 * apostrophes ("doesn't") is looked up whole, from its first run. */
static int seed_run(const nci_langtab *tab, int es, const char *text, size_t start, size_t end, size_t a,
                    size_t b)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = b - a;
    if (n >= 2 && n <= 6 && roman_cap(s[a]) && roman_cap(s[a + 1]))
        return 1;
    if (es && n >= 5) {
        size_t l = (s[b - 1] | 0x20) == 's' ? b - 1 : b;
        if ((s[l - 2] | 0x20) == 'v' && (s[l - 3] | 0x20) == 'a')
            return 1;
    }
    unsigned f = (s[a] | 0x20) - 'a', l = (s[b - 1] | 0x20) - 'a';
    if (!((tab->seedmap[n > NCI_SEED_RUN ? NCI_SEED_RUN : n][f] >> l) & 1))
        return 0;
    /* after a letter and a point: maybe a piece of "a.m"; after a letter
     * and an apostrophe: the rest of a word looked up from its first run */
    if (a >= start + 2 && ascii_letter(s[a - 2]) && (s[a - 1] == '.' || s[a - 1] == '\''))
        return s[a - 1] == '.';
    char key[NCI_SEED_RUN];
    size_t m = 0;
    for (;;) {
        if (m + (b - a) > sizeof key)
            return 1;
        for (size_t k = a; k < b; k++)
            key[m++] = (char)(s[k] | 0x20);
        if (b + 1 >= end || !ascii_letter(s[b + 1]))
            break; /* the word ends at b */
        if (s[b] == '.')
            return 1;
        if (s[b] != '\'')
            break;
        if (m == sizeof key)
            return 1;
        key[m++] = '\'';
        a = b + 1;
        for (b = a; b < end && ascii_letter(s[b]);)
            b++;
    }
    /* the whole word: its token's entry decides */
    const nci_lexent *e = nci_num_lookup(tab, key, m, nci_num_hash(key, m));
    return e && e->seed;
}

/* seed_run(), after the test that rejects most words: their length, first
 * and last letters in the seed map, or a run the map cannot rule out (a
 * Roman numeral, a Spanish partitive): tab->runmap. */
static inline int may_seed(const nci_langtab *tab, int es, const char *text, size_t start, size_t end, size_t a,
                           size_t b)
{
    unsigned f = (unsigned char)text[a], l = (unsigned char)text[b - 1];
    size_t row = b - a > NCI_SEED_RUN ? NCI_SEED_RUN : b - a;
    return ((tab->runmap[row][f] >> ((l | 0x20) - 'a')) & 1) && seed_run(tab, es, text, start, end, a, b);
}

/* The 64 bytes of text[start, end) from base: the text itself, or for the
 * last block a zero-padded copy in pad (no read past end). */
static inline const unsigned char *block_at(const unsigned char *s, size_t base, size_t end, unsigned char *pad)
{
    if (end - base >= 64)
        return s + base;
    memset(pad, 0, 64);
    memcpy(pad, s + base, end - base);
    return pad;
}

/* Whether text[start, end) may hold a number: it has a digit, a byte outside
 * ASCII (currency signs, vulgar fractions, accented words) or a run of
 * letters that seed_run() takes.  Every expression needs one of them, so a
 * sentence without (most sentences) is not tokenized at all.  The bytes are
 * classified 64 at a time.  Digits and other bytes are looked for first in
 * the whole sentence (most sentences that pass have one), then the runs of
 * letters are looked at. */
static int may_hold_number(const nci_langtab *tab, int es, const char *text, size_t start, size_t end)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char pad[64];
    uint64_t m;
    for (size_t base = start; base < end; base += 64)
        if (block_masks(block_at(s, base, end, pad), &m))
            return 1;
    size_t open = SIZE_MAX; /* start of a run that goes on in the next block */
    for (size_t base = start; base < end; base += 64) {
        block_masks(block_at(s, base, end, pad), &m);
        if (open != SIZE_MAX) {
            unsigned k = ~m ? (unsigned)__builtin_ctzll(~m) : 64;
            if (k == 64)
                continue;
            if (may_seed(tab, es, text, start, end, open, base + k))
                return 1;
            open = SIZE_MAX;
            m &= ~0ull << k;
        }
        /* the runs in this block, in pairs: first letters, last letters */
        uint64_t first = m & ~(m << 1), last = m & ~(m >> 1);
        while (first) {
            unsigned a = (unsigned)__builtin_ctzll(first), e = (unsigned)__builtin_ctzll(last) + 1;
            first &= first - 1;
            last &= last - 1;
            if (e == 64) {
                open = base + a;
                break;
            }
            if (may_seed(tab, es, text, start, end, base + a, base + e))
                return 1;
        }
    }
    return open != SIZE_MAX && may_seed(tab, es, text, start, end, open, end);
}

/* ---------------------------------------------------------------- API */

/* A number (digits or a number word) among the next few tokens: only then
 * can a qualifier, a currency or a range word open an expression. */
static int number_near(const sc *c, size_t i)
{
    size_t lim = i + 7 < c->n ? i + 7 : c->n;
    for (size_t k = i + 1; k < lim; k++) {
        const nci_ntok *t = &c->t[k];
        if (t->type == NCI_TK_NUM)
            return 1;
        if (t->lx && (t->lx->roles & (NCI_R_CARD | NCI_R_VAGUE | NCI_R_DENOM | NCI_R_SCALE | NCI_R_ORD)))
            return 1;
        if (t->type == NCI_TK_WORD && t->pad)
            return 0; /* a run of other words */
    }
    return 0;
}


nc_status nci_numbers_scan(const nci_numlex *lex, const char *text, size_t start, size_t end,
                           const char *lang, nci_numvec *vec)
{
    if (!lex || !vec || (!text && end > start) || end < start)
        return NC_EINVAL;
    if (end - start > NCI_MAX_DOC)
        return NC_ELIMIT;
    sc c;
    memset(&c, 0, sizeof c);
    size_t v0 = vec->n;
    c.es = lang && lang[0] == 'e' && lang[1] == 's';
    c.tab = &lex->tab[c.es ? 1 : 0];
    if (!may_hold_number(c.tab, c.es, text, start, end))
        return NC_OK;
    c.text = text;
    c.vec = vec;
    char stack_fold[2048 + 16];
    char *fold = stack_fold;
    size_t len = end - start;
    if (len + 16 > sizeof stack_fold) {
        fold = malloc(len + 16); /* the tokenizer stores words eight bytes at a time */
        if (!fold)
            return NC_ENOMEM;
    }
    /* a sentence has fewer tokens than bytes: short ones tokenize on the
     * stack (the block never grows), long ones on the heap */
    nci_ntok stack_toks[192];
    nci_ntok *toks = stack_toks;
    size_t cap = sizeof stack_toks / sizeof stack_toks[0];
    if (len >= cap) {
        cap = len / 3 + 16;
        toks = malloc(cap * sizeof *toks);
    }
    size_t n = toks ? nci_num_tokenize(text, start, end, c.tab, c.es, &toks, &cap, fold) : (size_t)-1;
    if (n == (size_t)-1) {
        if (toks != stack_toks)
            free(toks);
        if (fold != stack_fold)
            free(fold);
        return NC_ENOMEM;
    }
    c.t = toks;
    c.n = n;
    c.fold = fold;
    for (size_t i = 0; i < n && !c.err;) {
        const nci_ntok *t = &toks[i];
        size_t nx = 0;
        if (t->pad) { /* a gap: words the grammar never reads */
            i++;
            continue;
        }
        if (t->type != NCI_TK_WORD && t->type != NCI_TK_SYM) {
            nx = try_at(&c, i);
        } else {
            switch (t->trig) {
            case NCI_TRIG_ALWAYS:
                nx = try_at(&c, i);
                break;
            case NCI_TRIG_PHRASE: {
                /* a lower-case word that begins no phrase here reads as no
                 * number in try_at(): no opener, qualifier, currency, percent
                 * or vague phrase; no value (parse_card() stops at once); not
                 * a name, a code or a Roman numeral (those need capitals) */
                const nci_phrase *ph;
                if ((t->type != NCI_TK_WORD || t->caps || match_phrase(&c, i, 0, &ph)) && number_near(&c, i))
                    nx = try_at(&c, i);
                break;
            }
            case NCI_TRIG_NEAR:
                if (number_near(&c, i))
                    nx = try_at(&c, i);
                break;
            case NCI_TRIG_ARTICLE: {
                /* "a", "un": only before what makes it a number ("a dozen",
                 * "a few", "a third", "a $5 fee") or a phrase ("a handful") */
                const nci_lexent *n1 = i + 1 < n ? toks[i + 1].lx : NULL;
                if ((n1 && (n1->roles & (NCI_R_HUNDRED | NCI_R_SCALE | NCI_R_MULT | NCI_R_DENOM | NCI_R_ORD |
                                         NCI_R_KEEP | NCI_R_CUR | NCI_R_CODE | NCI_R_CARD))) ||
                    (!n1 && c.es && i + 1 < n && toks[i + 1].type == NCI_TK_WORD && !toks[i + 1].pad))
                    nx = try_at(&c, i);
                break;
            }
            default:
                /* a word that is no number word only opens a code ("COVID-19":
                 * a hyphen and digits follow) or a Roman numeral in capitals;
                 * a sign only opens a number written in digits */
                if (t->type == NCI_TK_WORD && t->caps &&
                    ((DASH(&c, i + 1) && ATT(&c, i + 1) && TYPE(&c, i + 2, NCI_TK_NUM)) ||
                     (t->caps == 2 && t->fl >= 2 && t->fl <= 6)))
                    nx = try_at(&c, i);
                else if (t->type == NCI_TK_SYM && (t->cp == '-' || t->cp == 0x2212 || t->cp == '+') &&
                         TYPE(&c, i + 1, NCI_TK_NUM))
                    nx = try_at(&c, i);
                break;
            }
        }
        i = nx > i ? nx : i + 1;
    }
    /* a date, a phone number or an identifier names, it does not count:
     * no value (nc_number_value()) */
    for (size_t k = v0; k < vec->n; k++) {
        nci_number *x = &vec->v[k];
        if (x->kind == NC_NUM_DATE || x->kind == NC_NUM_PHONE || x->kind == NC_NUM_IDENTIFIER)
            x->has_value = x->has_low = x->has_high = 0;
    }
    if (toks != stack_toks)
        free(toks);
    if (fold != stack_fold)
        free(fold);
    return c.err ? NC_ENOMEM : NC_OK;
}

void nci_numvec_free(nci_numvec *vec)
{
    if (!vec)
        return;
    free(vec->v);
    vec->v = NULL;
    vec->n = vec->cap = 0;
}

/* ---------------------------------------------------------------- public accessors */

static const nci_number *num_of(const nc_number *num)
{
    return (const nci_number *)(const void *)num;
}

NC_EXPORT size_t nc_doc_number_count(const nc_doc *doc)
{
    return doc ? doc->numbers.n : 0;
}

NC_EXPORT const nc_number *nc_doc_number(const nc_doc *doc, size_t i)
{
    if (!doc || i >= doc->numbers.n)
        return NULL;
    return (const nc_number *)(const void *)&doc->numbers.v[i];
}

NC_EXPORT nc_status nc_number_span(const nc_number *num, size_t *start, size_t *end)
{
    if (!num)
        return NC_EINVAL;
    if (start)
        *start = num_of(num)->start;
    if (end)
        *end = num_of(num)->end;
    return NC_OK;
}

NC_EXPORT int nc_number_kind(const nc_number *num)
{
    return num ? num_of(num)->kind : -1;
}

NC_EXPORT int nc_number_qualifier(const nc_number *num)
{
    return num ? num_of(num)->qualifier : -1;
}

NC_EXPORT const char *nc_number_unit(const nc_number *num)
{
    return num ? num_of(num)->unit : "";
}

NC_EXPORT int nc_number_minor(const nc_number *num)
{
    return num ? num_of(num)->minor != 0 : 0;
}

NC_EXPORT int nc_number_value(const nc_number *num, double *out)
{
    if (!num || !num_of(num)->has_value)
        return 0;
    if (out)
        *out = num_of(num)->value;
    return 1;
}

NC_EXPORT int nc_number_low(const nc_number *num, double *out)
{
    if (!num || !num_of(num)->has_low)
        return 0;
    if (out)
        *out = num_of(num)->low;
    return 1;
}

NC_EXPORT int nc_number_high(const nc_number *num, double *out)
{
    if (!num || !num_of(num)->has_high)
        return 0;
    if (out)
        *out = num_of(num)->high;
    return 1;
}

NC_EXPORT const char *nc_number_vague(const nc_number *num)
{
    return num ? num_of(num)->vague : NULL;
}

NC_EXPORT int nc_number_overflow(const nc_number *num)
{
    return num ? num_of(num)->overflow != 0 : 0;
}

NC_EXPORT const char *nc_num_kind_name(int kind)
{
    static const char *const names[] = {"count", "percent", "money", "year", "date",
                                        "time", "ordinal", "duration", "phone", "identifier"};
    return kind >= 0 && kind < 10 ? names[kind] : "unknown";
}

NC_EXPORT const char *nc_qualifier_name(int qualifier)
{
    static const char *const names[] = {"exact", "at_least", "more_than", "at_most",
                                        "less_than", "about", "range", "vague"};
    return qualifier >= 0 && qualifier < 8 ? names[qualifier] : "unknown";
}
