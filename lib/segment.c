/* Segment stage: sentences (ICU sentence break rules, UAX #29, with CLDR's
 * abbreviation suppressions "ss=standard"), tokens (our own scanner over
 * Unicode general categories, so offsets stay in UTF-8 bytes and possessive
 * 's, acronyms like "U.S." and numbers like "1,200.5" come out whole), and
 * page furniture (data/furniture.tsv patterns). */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include "segment.h"
#include "calendar.h"
#include "wordset.h"
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include "utf8.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

extern const char *const nci_gen_furniture[];

enum { EL_WORDS, EL_NUM, EL_ANY, EL_NAME, EL_MONTH, EL_REST };
#define MAX_ELEMS 12
#define MAX_ALTS 24

/* What an alternative of a word list stands for: the word, or as the
 * elements "#" and "MONTH" do, a number or a month name. */
enum { ALT_WORD, ALT_NUM, ALT_MONTH };

typedef struct {
    unsigned char type;
    unsigned char nalts;
    const char *alt[MAX_ALTS];
    unsigned char altlen[MAX_ALTS];
    unsigned char altkind[MAX_ALTS];
} pelem;

typedef struct {
    unsigned char prefix; /* 0: whole line, 1: prefix of a short line */
    unsigned char n;
    unsigned char minlen, maxlen; /* content tokens a matching line can have */
    uint64_t first[4];            /* bytes a matching line's first token can begin with */
    uint64_t lens;                /* its lengths in bytes: bit n, bit 63 for 63 and more */
    pelem el[MAX_ELEMS];
} fpat;

struct nci_seglex {
    UBreakIterator *proto; /* ICU's sentence iterator, cloned per document (NC_CTX_ICU_SENTENCES) */
    int use_icu;
    unsigned char sb_ascii[128]; /* Sentence_Break class of each ASCII character, from ICU */
    unsigned char sb_interesting[256]; /* bytes the sentence rules must look at */
    nci_wordset *back, *fwd;     /* CLDR's sentence-break suppressions ("Mr.", "U.S."); see load_exceptions() */
    size_t exc_maxlen;
    uint64_t back_first[256];    /* bit n of [b]: an entry of lex->back has n bytes and begins with b */
    const nci_calendar *cal;
    char *strings;         /* storage of the pattern words */
    fpat *pats;
    size_t npats;
    /* the patterns a line can match by the first byte of its first token:
     * byfirst[byfirst_at[b] .. byfirst_at[b + 1]) */
    uint32_t *byfirst;
    size_t byfirst_at[257];
};

/* ---------------------------------------------------------------- tables */

/* The ASCII characters of Sentence_Break ATerm, STerm, CR and LF: all the
 * sentence rules look at, with the bytes of non-ASCII characters.  Fixed
 * here for next_interesting(); nci_seglex_new() checks them against ICU. */
static const char SB_ASCII_STOPS[] = ".!?\r\n";

static int is_parasep(int c)
{
    return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF;
}

static uint64_t len_bit(size_t n)
{
    return 1ull << (n < 63 ? n : 63);
}

static int parse_pattern(const char *row, char **store, fpat *p)
{
    memset(p, 0, sizeof *p);
    const char *tab = strchr(row, '\t');
    if (!tab)
        return 0;
    p->prefix = (tab - row == 6 && !strncmp(row, "prefix", 6));
    const char *s = tab + 1;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ')
            e++;
        if (p->n >= MAX_ELEMS)
            return 0;
        pelem *el = &p->el[p->n++];
        size_t len = (size_t)(e - s);
        if (len == 1 && *s == '#')
            el->type = EL_NUM;
        else if (len == 1 && *s == '*')
            el->type = EL_ANY;
        else if (len == 4 && !strncmp(s, "NAME", 4))
            el->type = EL_NAME;
        else if (len == 5 && !strncmp(s, "MONTH", 5))
            el->type = EL_MONTH;
        else if (len == 3 && !strncmp(s, "...", 3))
            el->type = EL_REST;
        else {
            el->type = EL_WORDS;
            const char *a = s;
            while (a < e) {
                const char *b = a;
                while (b < e && *b != '|')
                    b++;
                if (el->nalts < MAX_ALTS) {
                    char *w = *store;
                    memcpy(w, a, (size_t)(b - a));
                    w[b - a] = '\0';
                    *store += (b - a) + 1;
                    el->alt[el->nalts] = w;
                    el->altlen[el->nalts] = (unsigned char)(b - a);
                    el->altkind[el->nalts] = (b - a == 1 && *w == '#')                   ? ALT_NUM
                                             : (b - a == 5 && !memcmp(w, "MONTH", 5)) ? ALT_MONTH
                                                                                      : ALT_WORD;
                    el->nalts++;
                }
                a = b + 1;
            }
            (void)0;
        }
        s = e;
    }
    /* the first bytes and lengths a match's first token can have: a quick
     * test per line */
    const pelem *f = &p->el[0];
    int any = p->n == 0 || f->type != EL_WORDS;
    for (size_t a = 0; !any && a < f->nalts; a++) {
        if (f->altlen[a] == 0 || f->altkind[a] != ALT_WORD) {
            any = 1;
            break;
        }
        unsigned char c = (unsigned char)f->alt[a][0];
        p->first[c >> 6] |= 1ull << (c & 63);
        if (c >= 'a' && c <= 'z')
            p->first[(c - 32) >> 6] |= 1ull << ((c - 32) & 63);
        p->lens |= len_bit(f->altlen[a]);
    }
    if (any) {
        p->first[0] = p->first[1] = p->first[2] = p->first[3] = ~0ull;
        p->lens = ~0ull;
    }
    p->minlen = 0;
    p->maxlen = p->prefix ? 255 : 0;
    for (size_t i = 0; i < p->n; i++) {
        int t = p->el[i].type;
        if (t != EL_REST)
            p->minlen++;
        p->maxlen = (t == EL_REST || t == EL_NAME || p->maxlen == 255) ? 255 : p->maxlen + 1;
    }
    return p->n > 0;
}

/* The alternative list above points at words we copy, so rows can be
 * parsed in one go into one block of storage. */
/* The suppressions ICU applies with "ss=standard": CLDR's list of
 * abbreviations after which a full stop ends no sentence, read from ICU's
 * break-iterator data (brkitr/<locale>.res, exceptions/SentenceBreak), and
 * arranged as ICU's filtered break iterator arranges them, so that the
 * boundaries are the same as ICU's:
 * - an entry with an inner full stop ("U.S.A.") makes its first part
 *   ("U.") a partial entry; entries that share that first part ("U.",
 *   "U.S.", "U.S.A.") are then matched forward only (lex->fwd);
 * - the others ("Mr.") are matched backward, whole (lex->back, value 1);
 *   partial first parts are in lex->back with value 2. */
#define MAX_EXC 512

static void add_back(nci_seglex *lex, const char *w, size_t n, int value)
{
    nci_wordset_add(lex->back, w, n, value);
    lex->back_first[(unsigned char)w[0]] |= 1ull << n; /* n <= NCI_WORD_MAX < 64 */
}

static nc_status load_exceptions(nci_seglex *lex, const char *loc, nc_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *b = ures_open(U_ICUDATA_NAME "-brkitr", loc, &st);
    UResourceBundle *ex = U_SUCCESS(st) ? ures_getByKey(b, "exceptions", NULL, &st) : NULL;
    UResourceBundle *sb = U_SUCCESS(st) ? ures_getByKey(ex, "SentenceBreak", NULL, &st) : NULL;
    if (U_FAILURE(st)) {
        ures_close(sb);
        ures_close(ex);
        ures_close(b);
        return nci_error_set(err, NC_EICU, -1, 0, 0, "sentence-break exceptions of %s: %s", loc,
                             u_errorName(st));
    }
    static const size_t W = NCI_WORD_MAX + 1;
    char(*w)[NCI_WORD_MAX + 1] = calloc(MAX_EXC, W);
    size_t *wl = calloc(MAX_EXC, sizeof *wl);
    unsigned char *partial = calloc(MAX_EXC, 1);
    size_t n = 0;
    if (!w || !wl || !partial) {
        free(w), free(wl), free(partial);
        ures_close(sb), ures_close(ex), ures_close(b);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    while (ures_hasNext(sb) && n < MAX_EXC) {
        int32_t len = 0, blen = 0;
        UErrorCode s2 = U_ZERO_ERROR;
        const UChar *u = ures_getNextString(sb, &len, NULL, &s2);
        if (U_SUCCESS(s2))
            u_strToUTF8(w[n], (int32_t)W, &blen, u, len, &s2);
        if (U_FAILURE(s2) || blen <= 0 || (size_t)blen > NCI_WORD_MAX)
            continue;
        wl[n++] = (size_t)blen;
    }
    ures_close(sb);
    ures_close(ex);
    ures_close(b);
    for (size_t i = 0; i < n; i++) {
        const char *dot = memchr(w[i], '.', wl[i]);
        size_t nn = dot ? (size_t)(dot - w[i]) : wl[i];
        if (!dot || nn + 1 == wl[i])
            continue;
        int shared = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i || wl[j] < nn + 1 || memcmp(w[i], w[j], nn + 1))
                continue;
            if (!partial[j])
                partial[j] = 1;
            else
                shared = 1;
        }
        if (!shared && !partial[i]) {
            add_back(lex, w[i], nn + 1, 2);
            partial[i] = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int leaf = 1; /* forward entries that no other entry extends */
        for (size_t j = 0; partial[i] && j < n; j++)
            if (j != i && partial[j] && wl[j] > wl[i] && !memcmp(w[i], w[j], wl[i]))
                leaf = 0;
        if (partial[i])
            nci_wordset_add(lex->fwd, w[i], wl[i], leaf ? 1 : 2);
        else
            add_back(lex, w[i], wl[i], 1);
        if (wl[i] > lex->exc_maxlen)
            lex->exc_maxlen = wl[i];
    }
    free(w);
    free(wl);
    free(partial);
    return NC_OK;
}

static int pattern_starts_with(const fpat *p, unsigned b)
{
    return p->first[b >> 6] >> (b & 63) & 1;
}

/* Patterns in buckets by the first byte they can match, so that a line
 * tries only those its first token can begin. */
static int index_patterns(nci_seglex *lex)
{
    size_t total = 0;
    for (unsigned b = 0; b < 256; b++)
        for (size_t p = 0; p < lex->npats; p++)
            total += pattern_starts_with(&lex->pats[p], b);
    lex->byfirst = malloc((total ? total : 1) * sizeof *lex->byfirst);
    if (!lex->byfirst)
        return -1;
    total = 0;
    for (unsigned b = 0; b < 256; b++) {
        lex->byfirst_at[b] = total;
        for (size_t p = 0; p < lex->npats; p++)
            if (pattern_starts_with(&lex->pats[p], b))
                lex->byfirst[total++] = (uint32_t)p;
    }
    lex->byfirst_at[256] = total;
    return 0;
}

nc_status nci_seglex_new(const nci_calendar *cal, int use_icu, nci_seglex **out, nc_error *err)
{
    nci_seglex *lex = calloc(1, sizeof *lex);
    if (!lex)
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    lex->cal = cal;
    lex->use_icu = use_icu;
    for (UChar32 c = 0; c < 256; c++) {
        int sb = c < 128 ? u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK) : -1;
        int stop = c < 128 && memchr(SB_ASCII_STOPS, c, sizeof SB_ASCII_STOPS - 1);
        if (c < 128 && stop != (sb == U_SB_ATERM || sb == U_SB_STERM || is_parasep(sb))) {
            nci_seglex_free(lex);
            return nci_error_set(err, NC_EICU, -1, 0, 0, "Sentence_Break of U+%04X is not as expected",
                                 (unsigned)c);
        }
        if (c < 128)
            lex->sb_ascii[c] = (unsigned char)sb;
        lex->sb_interesting[c] = (unsigned char)(c >= 128 || stop);
    }
    lex->back = nci_wordset_new_exact(MAX_EXC);
    lex->fwd = nci_wordset_new_exact(MAX_EXC);
    if (!lex->back || !lex->fwd) {
        nci_seglex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    nc_status es = load_exceptions(lex, "en", err);
    if (es) {
        nci_seglex_free(lex);
        return es;
    }
    size_t rows = 0, bytes = 0;
    for (const char *const *r = nci_gen_furniture; *r; r++)
        rows++, bytes += strlen(*r) + 1;
    lex->strings = malloc(bytes + 1);
    lex->pats = calloc(rows ? rows : 1, sizeof *lex->pats);
    if (!lex->strings || !lex->pats) {
        nci_seglex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    char *store = lex->strings;
    for (size_t i = 0; i < rows; i++)
        if (parse_pattern(nci_gen_furniture[i], &store, &lex->pats[lex->npats]))
            lex->npats++;
    if (index_patterns(lex)) {
        nci_seglex_free(lex);
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    }
    UErrorCode st = U_ZERO_ERROR;
    lex->proto = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &st);
    if (U_FAILURE(st)) {
        nci_seglex_free(lex);
        return nci_error_set(err, NC_EICU, -1, 0, 0, "ubrk_open(sentence): %s", u_errorName(st));
    }
    *out = lex;
    return NC_OK;
}

void nci_seglex_free(nci_seglex *lex)
{
    if (!lex)
        return;
    if (lex->proto)
        ubrk_close(lex->proto);
    nci_wordset_free(lex->back);
    nci_wordset_free(lex->fwd);
    free(lex->strings);
    free(lex->pats);
    free(lex->byfirst);
    free(lex);
}

void nci_segs_free(nci_segs *segs)
{
    free(segs->sents);
    free(segs->toks);
    memset(segs, 0, sizeof *segs);
}

/* ---------------------------------------------------------------- tokens */

/* Letters and digits first: a word or number goes on while the class is at
 * most C_DIGIT (ASCII) or C_MARK (any code point). */
enum { C_LETTER, C_DIGIT, C_MARK, C_SPACE, C_PUNCT, C_SYMBOL, C_OTHER, C_WIDE };

/* The class of each byte: an ASCII character's own, C_WIDE for the bytes of
 * longer sequences, which must be decoded and looked up in ICU.  White
 * space counts blanks and control characters. */
#define SP C_SPACE
#define LE C_LETTER
#define DI C_DIGIT
#define PU C_PUNCT
#define SY C_SYMBOL
#define WI C_WIDE
static const unsigned char BYTE_CLASS[256] = {
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, /* 0x00 */
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
    SP, PU, PU, PU, SY, PU, PU, PU, PU, PU, PU, SY, PU, PU, PU, PU, /*  !"#$%&'()*+,-./ */
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, PU, PU, SY, SY, SY, PU, /* 0-9 :;<=>? */
    PU, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* @A-O */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, PU, PU, PU, SY, PU, /* P-Z [\]^_ */
    SY, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* `a-o */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, PU, SY, PU, SY, SP, /* p-z {|}~ DEL */
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, /* 0x80 */
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
    WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI, WI,
};
#undef SP
#undef LE
#undef DI
#undef PU
#undef SY
#undef WI

/* The class of a code point beyond ASCII, from its general category. */
static int classify_wide(uint32_t c)
{
    switch (u_charType((UChar32)c)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
        return C_LETTER;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
        return C_MARK;
    case U_DECIMAL_DIGIT_NUMBER:
        return C_DIGIT;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR: case U_FORMAT_CHAR:
        return C_SPACE;
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
        return C_PUNCT;
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        return C_SYMBOL;
    default:
        return C_OTHER;
    }
}

static int classify(uint32_t c)
{
    return c < 0x80 ? BYTE_CLASS[c] : classify_wide(c);
}

/* The code point at t[i]: its class, its value in *c and the position
 * after it in *next.  ASCII takes one table look-up. */
static inline int class_at(const char *t, size_t i, uint32_t *c, size_t *next)
{
    unsigned char b = (unsigned char)t[i];
    int k = BYTE_CLASS[b];
    if (k != C_WIDE) {
        *c = b;
        *next = i + 1;
        return k;
    }
    *next = i;
    *c = nci_utf8_next(t, next);
    return classify_wide(*c);
}

/* As class_at(), or -1 at the end of the range. */
static inline int peek(const char *t, size_t i, size_t end, uint32_t *c, size_t *next)
{
    if (i < end)
        return class_at(t, i, c, next);
    *c = 0;
    *next = i;
    return -1;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Bit i set when p[i] is an ASCII letter or digit.  Each range is moved to
 * start at -128, so that one signed compare tests it; bytes of 0x80 and
 * more fall outside both. */
static inline unsigned alnum_bits16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i d = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0')));
    __m128i l = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
    __m128i in = _mm_or_si128(_mm_cmplt_epi8(d, _mm_set1_epi8(-128 + 10)),
                              _mm_cmplt_epi8(l, _mm_set1_epi8(-128 + 26)));
    return (unsigned)_mm_movemask_epi8(in);
}
#endif

/* The end of a run of ASCII letters and digits from j (j <= end): sixteen
 * bytes at a time while they lie inside the range. */
static inline size_t ascii_alnum_run(const char *t, size_t j, size_t end)
{
#if defined(__SSE2__) && defined(__GNUC__)
    for (; end - j >= 16; j += 16) {
        unsigned stop = ~alnum_bits16(t + j) & 0xFFFFu;
        if (stop)
            return j + (size_t)__builtin_ctz(stop);
    }
#endif
    while (j < end && BYTE_CLASS[(unsigned char)t[j]] <= C_DIGIT)
        j++;
    return j;
}

static int is_apostrophe(uint32_t c) { return c == '\'' || c == 0x2019; }
static int is_upper(uint32_t c) { return c < 0x80 ? c - 'A' < 26 : u_isupper((UChar32)c) != 0; }

/* The rest of a word from j, where its first run of ASCII letters and
 * digits (letters code points so far) stops at something other than white
 * space: letters of other scripts and marks, inner apostrophes and hyphens,
 * "U.S." style dots. */
static size_t scan_word_rest(const char *t, size_t j, size_t end, size_t letters)
{
    int dotted = 0; /* "U.S." style: single letters and dots */
    while (j < end) {
        uint32_t c, c2, c3;
        size_t nx, nx2, nx3;
        int k = class_at(t, j, &c, &nx);
        if (k <= C_MARK) {
            j = nx;
            letters++;
        } else if (k != C_PUNCT) {
            break;
        } else {
            int k2 = peek(t, nx, end, &c2, &nx2);
            if (is_apostrophe(c) && k2 == C_LETTER) {
                /* Possessive or contraction 's stays a token of its own. */
                int k3 = peek(t, nx2, end, &c3, &nx3);
                if ((c2 == 's' || c2 == 'S') && k3 != C_LETTER && k3 != C_MARK)
                    break;
                j = nx2;
            } else if ((c == '-' || c == 0x2010) && k2 == C_LETTER) {
                j = nx2;
            } else if (c == '.' && (letters == 1 || dotted) && k2 == C_LETTER &&
                       peek(t, nx2, end, &c3, &nx3) == C_PUNCT && c3 == '.') {
                /* U.S., e.g.: single letters, each followed by a dot. */
                dotted = 1;
                j = nx3;
                letters = 0;
            } else {
                if (c == '.' && dotted && letters == 1)
                    j = nx; /* the final dot of "A.B.C." */
                break;
            }
        }
        size_t run = j;
        j = ascii_alnum_run(t, j, end);
        letters += j - run;
    }
    return j;
}

/* End of a word whose first code point ends at j.  Most words are ASCII
 * letters up to a space. */
static inline size_t scan_word(const char *t, size_t j, size_t end)
{
    size_t e = ascii_alnum_run(t, j, end);
    if (e < end && BYTE_CLASS[(unsigned char)t[e]] != C_SPACE)
        return scan_word_rest(t, e, end, 1 + e - j);
    return e;
}

/* The rest of a number from j, where its first run of ASCII digits and
 * letters stops at something other than white space: digits, letters and
 * marks of other scripts, and inner separators followed by a digit
 * ("1,200.5", "10:30"). */
static size_t scan_number_rest(const char *t, size_t j, size_t end)
{
    while (j < end) {
        uint32_t c, c2;
        size_t nx, nx2;
        int k = class_at(t, j, &c, &nx);
        if (k <= C_MARK)
            j = nx;
        else if ((c == ',' || c == '.' || c == ':') && peek(t, nx, end, &c2, &nx2) == C_DIGIT)
            j = nx2;
        else
            break;
        j = ascii_alnum_run(t, j, end);
    }
    return j;
}

/* End of a number whose first digit ends at j; letters glued on ("2bn",
 * "1st", "17GEN4") are part of it. */
static inline size_t scan_number(const char *t, size_t j, size_t end)
{
    j = ascii_alnum_run(t, j, end);
    if (j < end && BYTE_CLASS[(unsigned char)t[j]] != C_SPACE)
        return scan_number_rest(t, j, end);
    return j;
}

/* An apostrophe at i (ending at j) begins the possessive token "'s" when
 * it follows a letter, mark or digit of the range and no letter follows the
 * s.  Returns the end of "'s", or 0. */
static size_t possessive_end(const char *t, size_t start, size_t i, size_t j, size_t end)
{
    uint32_t c2, c3;
    size_t n2, n3;
    if (i == start || peek(t, j, end, &c2, &n2) != C_LETTER || (c2 != 's' && c2 != 'S') ||
        peek(t, n2, end, &c3, &n3) == C_LETTER)
        return 0;
    size_t back = i;
    return classify(nci_utf8_prev(t, &back)) <= C_MARK ? n2 : 0;
}

/* Room for token n and more; the slow path of nci_tokenize(). */
static nci_tok *grow_toks(nci_segs *s, size_t n)
{
    nci_tok *t = nci_grow(s->toks, &s->captoks, n + 1, sizeof *t);
    if (t)
        s->toks = t;
    return t;
}

/* The token at i, when it does not begin with an ASCII letter: its end,
 * its kind in *kind (-1 for white space, which makes no token) and whether
 * it begins with a capital in *cap. */
static size_t scan_other(const char *t, size_t start, size_t i, size_t end, int *kind, int *cap)
{
    uint32_t c;
    size_t j, p;
    int k = class_at(t, i, &c, &j);
    *cap = is_upper(c);
    switch (k) {
    case C_SPACE:
        *kind = -1;
        return j;
    case C_LETTER:
    case C_MARK:
        *kind = NC_TOKEN_WORD;
        return scan_word(t, j, end);
    case C_DIGIT:
        *kind = NC_TOKEN_NUMBER;
        return scan_number(t, j, end);
    case C_PUNCT:
        if (is_apostrophe(c) && (p = possessive_end(t, start, i, j, end))) {
            *kind = NC_TOKEN_WORD;
            return p;
        }
        /* Runs of the same ASCII mark ("...", "--") are one token. */
        if (c < 0x80)
            while (j < end && (unsigned char)t[j] == c)
                j++;
        *kind = NC_TOKEN_PUNCT;
        return j;
    case C_SYMBOL:
        *kind = NC_TOKEN_SYMBOL;
        return j;
    default:
        *kind = NC_TOKEN_OTHER;
        return j;
    }
}

nc_status nci_tokenize(const char *t, size_t start, size_t end, nci_segs *s)
{
    /* the array in locals: the byte stores below could alias *s */
    nci_tok *out = s->toks;
    size_t i = start, j, n = s->ntoks, cap = s->captoks;
    while (i < end) {
        unsigned char b = (unsigned char)t[i];
        int kind, up;
        if (BYTE_CLASS[b] == C_LETTER) {
            /* most tokens: words that begin with an ASCII letter */
            j = scan_word(t, i + 1, end);
            kind = NC_TOKEN_WORD;
            up = b >= 'A' && b <= 'Z';
        } else if ((j = scan_other(t, start, i, end, &kind, &up)), kind < 0) {
            i = j;
            continue;
        }
        if (n == cap) {
            s->ntoks = n;
            if (!(out = grow_toks(s, n)))
                return NC_ENOMEM;
            cap = s->captoks;
        }
        out[n++] = (nci_tok){(uint32_t)i, (uint32_t)j, (unsigned char)kind, (unsigned char)up};
        /* the space after a token, without a turn of the loop */
        i = j < end && t[j] == ' ' ? j + 1 : j;
    }
    s->ntoks = n;
    return NC_OK;
}

/* ---------------------------------------------------------------- furniture */

static int is_num_tok(const char *t, const nci_tok *tk)
{
    return tk->kind == NC_TOKEN_NUMBER || nci_tok_is(t, tk, "a") || nci_tok_is(t, tk, "an") ||
           nci_tok_is(t, tk, "one");
}

static int is_month_tok(const nci_seglex *lex, const char *t, const nci_tok *tk)
{
    return tk->kind == NC_TOKEN_WORD && nci_month_lookup(lex->cal, t + tk->start, tk->end - tk->start) > 0;
}

static int match_from(const nci_seglex *lex, const fpat *p, size_t e, const char *t,
                      const nci_tok *const *tk, size_t n, size_t i)
{
    if (e == p->n)
        return p->prefix || i == n;
    const pelem *el = &p->el[e];
    switch (el->type) {
    case EL_REST:
        return 1;
    case EL_NAME:
        for (size_t k = i; k < n && k < i + 4; k++) {
            if (!(tk[k]->kind == NC_TOKEN_WORD && tk[k]->cap))
                break;
            if (match_from(lex, p, e + 1, t, tk, n, k + 1))
                return 1;
        }
        return 0;
    default:
        break;
    }
    if (i >= n)
        return 0;
    int ok = 0;
    switch (el->type) {
    case EL_NUM:
        ok = is_num_tok(t, tk[i]);
        break;
    case EL_ANY:
        ok = 1;
        break;
    case EL_MONTH:
        ok = is_month_tok(lex, t, tk[i]);
        break;
    default: {
        size_t len = tk[i]->end - tk[i]->start;
        for (size_t a = 0; a < el->nalts && !ok; a++) {
            if (el->altkind[a] == ALT_NUM)
                ok = is_num_tok(t, tk[i]);
            else if (el->altkind[a] == ALT_MONTH)
                ok = is_month_tok(lex, t, tk[i]);
            else
                ok = el->altlen[a] == len && nci_tok_is(t, tk[i], el->alt[a]);
        }
        break;
    }
    }
    return ok && match_from(lex, p, e + 1, t, tk, n, i + 1);
}

#define FURNITURE_MAX_TOKENS 24

static int is_furniture(const nci_seglex *lex, const char *t, const nci_tok *toks, size_t n)
{
    const nci_tok *tk[FURNITURE_MAX_TOKENS];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const nci_tok *x = &toks[i];
        if ((x->kind == NC_TOKEN_PUNCT || x->kind == NC_TOKEN_SYMBOL || x->kind == NC_TOKEN_OTHER) &&
            !(x->end - x->start == 1 && t[x->start] == ':'))
            continue;
        if (m == FURNITURE_MAX_TOKENS)
            return 0; /* furniture lines are short */
        tk[m++] = x;
    }
    if (m == 0)
        return n > 0; /* only bullets, rules or symbols */
    unsigned char b0 = (unsigned char)t[tk[0]->start];
    uint64_t l0 = len_bit(tk[0]->end - tk[0]->start);
    for (size_t k = lex->byfirst_at[b0]; k < lex->byfirst_at[b0 + 1]; k++) {
        const fpat *fp = &lex->pats[lex->byfirst[k]];
        if (m >= fp->minlen && m <= fp->maxlen && (fp->lens & l0) && match_from(lex, fp, 0, t, tk, m, 0))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- sentences */

/* A short line that repeats text of the furniture line next to it (an
 * author's name under "Writer: NAME", a caption under its credit) is
 * furniture as well. */
static int inside(const char *t, const nci_sent *needle, const nci_sent *hay)
{
    size_t n = needle->end - needle->start, h = hay->end - hay->start;
    if (n > h)
        return 0;
    for (size_t i = 0; i + n <= h; i++)
        if (!memcmp(t + hay->start + i, t + needle->start, n))
            return 1;
    return 0;
}

static int bracketed(const char *t, const nci_sent *x)
{
    char a = t[x->start], b = t[x->end - 1];
    return x->tok_count <= 8 && ((a == '(' && b == ')') || (a == '[' && b == ']'));
}

static void mark_echoes(const char *t, nci_segs *s)
{
    for (size_t i = 0; i < s->nsents; i++) {
        nci_sent *x = &s->sents[i];
        if (x->furniture || x->tok_count > 8)
            continue;
        const nci_sent *p = i > 0 && s->sents[i - 1].furniture ? &s->sents[i - 1] : NULL;
        const nci_sent *n = i + 1 < s->nsents && s->sents[i + 1].furniture ? &s->sents[i + 1] : NULL;
        if ((p || n) && bracketed(t, x))
            x->furniture = 1;
        else if (x->tok_count <= 4 && ((p && inside(t, x, p)) || (n && inside(t, x, n))))
            x->furniture = 1;
    }
}

static int space_at(const char *t, size_t i, size_t *next)
{
    unsigned char b = (unsigned char)t[i];
    if (b < 0x80) {
        *next = i + 1;
        return b <= ' ' || b == 0x7f; /* blanks and control characters */
    }
    size_t j = i;
    uint32_t c = nci_utf8_next(t, &j);
    *next = j;
    return classify(c) == C_SPACE;
}

/* ICU breaks after any "X." not in its abbreviation list, but a single
 * capital letter and a dot is nearly always an initial ("George W. Bush",
 * "J. Doe"): no break there unless a line ends. */
static int ends_with_initial(const char *t, size_t a, size_t b)
{
    size_t e = b;
    while (e > a && (t[e - 1] == ' ' || t[e - 1] == '\t'))
        e--;
    if (e < b && (t[e] == '\n' || t[e] == '\r'))
        return 0;
    for (size_t k = e; k < b; k++)
        if (t[k] == '\n' || t[k] == '\r')
            return 0;
    if (e - a < 2 || t[e - 1] != '.' || !(t[e - 2] >= 'A' && t[e - 2] <= 'Z'))
        return 0;
    if (e - a >= 3) {
        unsigned char p = (unsigned char)t[e - 3];
        if (!(p == ' ' || p == '(' || p == '.' || p == '\t' || p == '"'))
            return 0;
    }
    return 1;
}

static nc_status add_sentence(const nci_seglex *lex, const char *t, size_t a, size_t b,
                              nci_segs *s)
{
    size_t nx;
    while (a < b && space_at(t, a, &nx))
        a = nx;
    while (b > a) {
        size_t k = b;
        nci_utf8_prev(t, &k);
        if (!space_at(t, k, &nx))
            break;
        b = k;
    }
    if (a >= b)
        return NC_OK;
    size_t first = s->ntoks;
    if (nci_tokenize(t, a, b, s))
        return NC_ENOMEM;
    if (s->ntoks == first)
        return NC_OK; /* only control or format characters: no sentence */
    /* a "sentence" of more than NCI_SENT_MAX_TOKENS tokens is cut into
     * pieces of that many */
    for (size_t f = first; f < s->ntoks; f += NCI_SENT_MAX_TOKENS) {
        size_t c = s->ntoks - f < NCI_SENT_MAX_TOKENS ? s->ntoks - f : NCI_SENT_MAX_TOKENS;
        if (s->nsents == s->capsents) {
            nci_sent *v = nci_grow(s->sents, &s->capsents, s->nsents + 1, sizeof *v);
            if (!v)
                return NC_ENOMEM;
            s->sents = v;
        }
        nci_sent *x = &s->sents[s->nsents++];
        x->start = f == first ? (uint32_t)a : s->toks[f].start;
        x->end = f + c == s->ntoks ? (uint32_t)b : s->toks[f + c - 1].end;
        x->tok_first = (uint32_t)f;
        x->tok_count = (uint32_t)c;
        x->furniture = (unsigned char)is_furniture(lex, t, s->toks + f, x->tok_count);
    }
    return NC_OK;
}

/* ---------------------------------------------------------------- UAX #29 */

/* Sentence_Break class at t[i], the position after it and after any
 * Extend or Format characters that follow (rule SB5 folds them into it). */
static int sb_at_any(const nci_seglex *lex, const char *t, size_t len, size_t i, size_t *next)
{
    unsigned char b = (unsigned char)t[i];
    int c;
    size_t j = i;
    if (b < 0x80) {
        c = lex->sb_ascii[b];
        j++;
    } else {
        uint32_t cp = nci_utf8_next(t, &j);
        c = u_getIntPropertyValue((UChar32)cp, UCHAR_SENTENCE_BREAK);
    }
    if (c != U_SB_SEP && c != U_SB_CR && c != U_SB_LF) {
        while (j < len) {
            unsigned char b2 = (unsigned char)t[j];
            if (b2 < 0x80) {
                int c2 = lex->sb_ascii[b2];
                if (c2 != U_SB_EXTEND && c2 != U_SB_FORMAT)
                    break;
                j++;
            } else {
                size_t k = j;
                int c2 = u_getIntPropertyValue((UChar32)nci_utf8_next(t, &k), UCHAR_SENTENCE_BREAK);
                if (c2 != U_SB_EXTEND && c2 != U_SB_FORMAT)
                    break;
                j = k;
            }
        }
    }
    *next = j;
    return c;
}

/* As sb_at_any(), with the common case inline: an ASCII character that no
 * Extend or Format character follows. */
static inline int sb_at(const nci_seglex *lex, const char *t, size_t len, size_t i, size_t *next)
{
    unsigned char b = (unsigned char)t[i], b2 = i + 1 < len ? (unsigned char)t[i + 1] : 0;
    if (b < 0x80 && b2 < 0x80 && lex->sb_ascii[b2] != U_SB_EXTEND && lex->sb_ascii[b2] != U_SB_FORMAT) {
        *next = i + 1;
        return lex->sb_ascii[b];
    }
    return sb_at_any(lex, t, len, i, next);
}

/* ICU's "ss=standard" filter at a boundary n: skip one space back; take the
 * longest backward entry that the text ends with; a whole entry suppresses
 * the boundary, a partial one ("U.") does when a forward entry that no
 * other extends ("U.S.A.") starts there.  Bytes are compared exactly and
 * no word boundary is asked for, as in ICU. */
static int suppressed(const nci_seglex *lex, const char *t, size_t len, size_t a, size_t n)
{
    size_t p = n;
    if (p > a && t[p - 1] == ' ')
        p--;
    int best = 0;
    size_t bestlen = 0;
    for (size_t l = 2; l <= lex->exc_maxlen && l <= p - a; l++) {
        /* most lengths have no entry that begins with the byte there */
        int v = lex->back_first[(unsigned char)t[p - l]] >> l & 1 ? nci_wordset_get(lex->back, t + p - l, l) : 0;
        if (v)
            best = v, bestlen = l;
    }
    if (best == 1)
        return 1;
    if (best == 2) {
        size_t from = p - bestlen;
        for (size_t l = 2; l <= lex->exc_maxlen && from + l <= len; l++)
            if (nci_wordset_get(lex->fwd, t + from, l) == 1)
                return 1;
    }
    return 0;
}

/* The first byte from i (or len) that the sentence rules must look at: most
 * bytes are letters, digits, spaces and ordinary punctuation of ASCII,
 * which no rule looks at. */
static size_t next_interesting(const nci_seglex *lex, const char *t, size_t i, size_t len)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i dot = _mm_set1_epi8('.'), excl = _mm_set1_epi8('!'), qm = _mm_set1_epi8('?'),
                  cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, excl)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, qm), _mm_cmpeq_epi8(v, cr)));
        m = _mm_or_si128(_mm_or_si128(m, _mm_cmpeq_epi8(v, lf)), v); /* v: the top bit of non-ASCII */
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    while (i < len && !lex->sb_interesting[(unsigned char)t[i]])
        i++;
    return i;
}

/* Sentence boundaries by the rules of UAX #29 (SB1-SB11) over the
 * Sentence_Break property from ICU, then ICU's CLDR suppressions: the same
 * boundaries as ICU's "en@ss=standard" sentence iterator (bench/ checks
 * this on a corpus), without UText and the rule engine. */
static nc_status own_sentences(const nci_seglex *lex, const char *t, size_t len, nci_segs *s)
{
    size_t start = 0, i = 0, j, k, m;
    int prev = -1;
    while (i < len) {
        i = next_interesting(lex, t, i, len);
        if (i >= len)
            break;
        int c = sb_at(lex, t, len, i, &j);
        if (c == U_SB_ATERM && i > start) {
            /* The class before the full stop, for SB7. */
            size_t b = i;
            uint32_t pc = nci_utf8_prev(t, &b);
            prev = pc < 128 ? lex->sb_ascii[pc] : u_getIntPropertyValue((UChar32)pc, UCHAR_SENTENCE_BREAK);
        }
        if (c == U_SB_CR || c == U_SB_LF || c == U_SB_SEP) {
            if (c == U_SB_CR && j < len && t[j] == '\n')
                j++; /* SB3 */
            if (add_sentence(lex, t, start, j, s)) /* SB4 */
                return NC_ENOMEM;
            start = i = j;
            continue;
        }
        if (c != U_SB_ATERM && c != U_SB_STERM) {
            i = j;
            continue;
        }
        if (c == U_SB_ATERM && j < len) {
            int nc = sb_at(lex, t, len, j, &k);
            if (nc == U_SB_NUMERIC || (nc == U_SB_UPPER && (prev == U_SB_UPPER || prev == U_SB_LOWER))) {
                i = j; /* SB6, SB7 */
                continue;
            }
        }
        k = j;
        int x = -1;
        while (k < len && (x = sb_at(lex, t, len, k, &m)) == U_SB_CLOSE)
            k = m;
        while (k < len && (x = sb_at(lex, t, len, k, &m)) == U_SB_SP)
            k = m;
        if (k >= len)
            break; /* SB2 */
        if (is_parasep(x) || x == U_SB_SCONTINUE || x == U_SB_ATERM || x == U_SB_STERM) {
            i = k; /* SB9, SB10 (the line end breaks by SB4), SB8a */
            continue;
        }
        if (c == U_SB_ATERM) {
            /* SB8: no break when a lower-case letter comes before any
             * letter, line end or terminator. */
            size_t q = k;
            int y = -1;
            while (q < len) {
                y = sb_at(lex, t, len, q, &m);
                if (y == U_SB_OLETTER || y == U_SB_UPPER || y == U_SB_LOWER || is_parasep(y) ||
                    y == U_SB_ATERM || y == U_SB_STERM)
                    break;
                q = m;
            }
            if (q < len && y == U_SB_LOWER) {
                i = k;
                continue;
            }
        }
        if (!suppressed(lex, t, len, start, k) && !ends_with_initial(t, start, k)) {
            if (add_sentence(lex, t, start, k, s)) /* SB11 */
                return NC_ENOMEM;
            start = k;
        }
        i = k;
    }
    return add_sentence(lex, t, start, len, s) ? NC_ENOMEM : NC_OK;
}

static nc_status icu_sentences(const nci_seglex *lex, const char *t, size_t len, nci_segs *s,
                               nc_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, t, (int64_t)len, &st);
    UBreakIterator *bi = U_SUCCESS(st) ? ubrk_clone(lex->proto, &st) : NULL;
    if (U_SUCCESS(st))
        ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        if (bi)
            ubrk_close(bi);
        utext_close(ut);
        return nci_error_set(err, NC_EICU, -1, 0, 0, "sentence break: %s", u_errorName(st));
    }
    nc_status rc = NC_OK;
    int32_t a = ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE && !rc; b = ubrk_next(bi)) {
        if ((size_t)b < len && ends_with_initial(t, (size_t)a, (size_t)b))
            continue;
        rc = add_sentence(lex, t, (size_t)a, (size_t)b, s);
        a = b;
    }
    ubrk_close(bi);
    utext_close(ut);
    return rc ? nci_error_set(err, rc, -1, 0, 0, NULL) : NC_OK;
}

nc_status nci_segment(const nci_seglex *lex, const char *t, size_t len, nci_segs *s,
                      nc_error *err)
{
    if (len == 0)
        return NC_OK;
    /* News text has about one token per five bytes and one sentence per
     * hundred: room for them in one go, rather than growing as they come. */
    nci_tok *tk = nci_grow(s->toks, &s->captoks, len / 4 + 16, sizeof *tk);
    if (tk)
        s->toks = tk;
    nci_sent *st = tk ? nci_grow(s->sents, &s->capsents, len / 64 + 4, sizeof *st) : NULL;
    if (!st)
        return nci_error_set(err, NC_ENOMEM, -1, 0, 0, NULL);
    s->sents = st;
    nc_status rc = lex->use_icu ? icu_sentences(lex, t, len, s, err) : own_sentences(lex, t, len, s);
    if (rc)
        return err && err->code ? rc : nci_error_set(err, rc, -1, 0, 0, NULL);
    mark_echoes(t, s);
    return NC_OK;
}
