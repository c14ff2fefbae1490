/* Reconcile: entities of many documents merged into clusters.
 *
 * Two steps.  (1) Equal folded keys merge (same class: persons with
 * persons, roles with roles, the rest together).  (2) Rules link a cluster
 * to another, each only when unambiguous: the linking cluster must reach
 * exactly one other cluster by all its rules together, and for the rules on
 * organisations the reached cluster must be reached by that one only:
 *   - acronym: "AP" (written in capitals) = initials of "Associated Press";
 *   - possessor: "Venezuela's National Assembly" -> "National Assembly";
 *   - descriptor: "Venezuelan NGO Foro Penal" -> "Foro Penal" (the
 *     longest final run of two or more words that is another name);
 *   - translation: a Spanish name translated word by word with the
 *     noun-adjective order reversed ("Foro Penal" -> "penal forum") equals
 *     another's content key (function words out, singular);
 *   - surname: a one-word person name = a later word of one full name
 *     ("Maduro" -> "Nicolás Maduro"; "Rodríguez" with Jorge, Delcy and
 *     Ronal Rodríguez reaches three, so it links to none);
 *   - given name plus surname: the words of a shorter name, same first
 *     word, in order within one longer name ("Gonzalo Himiob" -> "Gonzalo
 *     Himiob Santomé").
 * Links are all decided on the clusters of step (1) and applied together,
 * so the result does not depend on the order of the nodes. */
#include <stdlib.h>
#include <string.h>
#include "reconcile.h"

static uint32_t find(uint32_t *par, uint32_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

static void unite(uint32_t *par, uint32_t a, uint32_t b)
{
    a = find(par, a);
    b = find(par, b);
    if (a == b)
        return;
    if (a < b)
        par[b] = a;
    else
        par[a] = b;
}

/* A hash map of 64-bit keys to node indexes (first one wins). */
typedef struct hmap {
    uint64_t *k;
    uint32_t *v;
    size_t cap;
} hmap;

static int hmap_init(hmap *m, size_t n)
{
    m->cap = 16;
    while (m->cap < n * 2 + 16)
        m->cap *= 2;
    m->k = calloc(m->cap, sizeof *m->k);
    m->v = calloc(m->cap, sizeof *m->v);
    return m->k && m->v ? 0 : -1;
}

static void hmap_free(hmap *m)
{
    free(m->k);
    free(m->v);
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

/* Value for key k (k != 0), inserting v if absent.  Returns the value. */
static uint32_t hmap_get_or_put(hmap *m, uint64_t k, uint32_t v)
{
    size_t i = mix(k) & (m->cap - 1);
    while (m->k[i]) {
        if (m->k[i] == k)
            return m->v[i];
        i = (i + 1) & (m->cap - 1);
    }
    m->k[i] = k;
    m->v[i] = v;
    return v;
}

static int hmap_get(const hmap *m, uint64_t k, uint32_t *v)
{
    size_t i = mix(k) & (m->cap - 1);
    while (m->k[i]) {
        if (m->k[i] == k) {
            *v = m->v[i];
            return 1;
        }
        i = (i + 1) & (m->cap - 1);
    }
    return 0;
}

#define MAXW 16
static size_t words(const char *s, size_t n, const char **w, size_t *wl)
{
    size_t nw = 0, i = 0;
    while (i < n && nw < MAXW) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i) {
            w[nw] = s + i;
            wl[nw] = j - i;
            nw++;
        }
        i = j;
    }
    return nw;
}

typedef struct link {
    uint32_t src, dst; /* roots after step 1 */
    uint8_t org;       /* an organisation rule: dst must be reached by src only */
} link;

typedef struct links {
    link *l;
    size_t n, cap;
} links;

static int add_link(links *L, uint32_t src, uint32_t dst, int org)
{
    if (src == dst)
        return 0;
    link *p = nci_grow(L->l, &L->cap, L->n + 1, sizeof *p);
    if (!p)
        return -1;
    L->l = p;
    L->l[L->n++] = (link){src, dst, (uint8_t)org};
    return 0;
}

static int cmp_link(const void *a, const void *b)
{
    const link *x = a, *y = b;
    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    if (x->dst != y->dst)
        return x->dst < y->dst ? -1 : 1;
    return (int)x->org - (int)y->org;
}

/* Entries of the surname index: a later word of a full person name. */
typedef struct sname {
    const char *w;
    size_t n;
    uint32_t root;
} sname;

static int cmp_sname(const void *a, const void *b)
{
    const sname *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->w, y->w, m);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return x->root < y->root ? -1 : x->root > y->root;
}

/* Translations (content keys) of an organisation name's key; calls back
 * with each candidate, at most 16.  Every content word must translate. */
static int translations(const nci_rows *tab, nci_pool *pool, const char *key, size_t klen,
                        const hmap *ckeys, uint32_t cls, uint32_t *targets, size_t *ntargets)
{
    const char *w[MAXW];
    size_t wl[MAXW], nw = words(key, klen, w, wl);
    /* content words, each with its translations */
    const char *cw[MAXW];
    size_t cl[MAXW], nc = 0;
    for (size_t i = 0; i < nw; i++)
        if (!nci_rec_stopword(w[i], wl[i])) {
            cw[nc] = w[i];
            cl[nc] = wl[i];
            nc++;
        }
    if (nc < 2)
        return 0;
    const char *tr[MAXW];
    size_t tl[MAXW];
    char pos[MAXW];
    for (size_t i = 0; i < nc; i++) {
        pos[i] = 'n';
        tr[i] = nci_rec_translate(tab, cw[i], cl[i], 'n', &tl[i]);
        if (!tr[i] || i > 0) {
            /* after the first word, an adjective reading comes first */
            size_t al;
            const char *a = nci_rec_translate(tab, cw[i], cl[i], 'a', &al);
            if (a) {
                tr[i] = a;
                tl[i] = al;
                pos[i] = 'a';
            }
        }
        if (!tr[i])
            return 0;
    }
    /* enumerate choices (first two equivalents of each word) */
    size_t combos = 1;
    for (size_t i = 0; i < nc && combos < 16; i++)
        if (memchr(tr[i], '|', tl[i]))
            combos *= 2;
    if (combos > 16)
        combos = 16;
    char buf[512];
    for (size_t c = 0; c < combos; c++) {
        /* pick equivalents */
        const char *pw[MAXW];
        size_t pl[MAXW];
        size_t bit = 0;
        for (size_t i = 0; i < nc; i++) {
            const char *e = tr[i];
            size_t el = tl[i];
            const char *bar = memchr(e, '|', el);
            if (bar) {
                if ((c >> bit) & 1) {
                    const char *e2 = bar + 1;
                    const char *bar2 = memchr(e2, '|', (size_t)(e + el - e2));
                    pw[i] = e2;
                    pl[i] = bar2 ? (size_t)(bar2 - e2) : (size_t)(e + el - e2);
                } else {
                    pw[i] = e;
                    pl[i] = (size_t)(bar - e);
                }
                bit++;
            } else {
                pw[i] = e;
                pl[i] = el;
            }
        }
        /* reorder: a noun and the adjectives after it -> adjectives first */
        size_t order[MAXW], no = 0, i = 0;
        while (i < nc) {
            size_t j = i + 1;
            if (pos[i] == 'n')
                while (j < nc && pos[j] == 'a')
                    j++;
            for (size_t q = i + 1; q < j; q++)
                order[no++] = q;
            order[no++] = i;
            i = j;
        }
        size_t bl = 0;
        int ok = 1;
        for (size_t q = 0; q < no && ok; q++) {
            size_t x = order[q];
            /* multi-word equivalents are skipped: keys are word for word */
            if (memchr(pw[x], ' ', pl[x]) || bl + pl[x] + 2 >= sizeof buf) {
                ok = 0;
                break;
            }
            if (bl)
                buf[bl++] = ' ';
            memcpy(buf + bl, pw[x], pl[x]);
            bl += nci_rec_singular(buf + bl, pl[x]);
        }
        if (!ok)
            continue;
        uint32_t id = nci_pool_find(pool, buf, bl);
        uint32_t t;
        if (id && hmap_get(ckeys, ((uint64_t)cls << 32) | id, &t) && *ntargets < 16)
            targets[(*ntargets)++] = t;
    }
    return 0;
}

nc_status nci_rec_cluster(const nci_rows *tab, nci_pool *pool, rec_node *nodes, size_t n)
{
    nc_status rc = NC_ENOMEM;
    uint32_t *par = malloc((n ? n : 1) * sizeof *par);
    hmap prim = {0}, ckeys = {0};
    links L = {0};
    sname *sn = NULL;
    size_t nsn = 0, capsn = 0;
    uint32_t *byfirst = NULL;
    if (!par || hmap_init(&prim, n) || hmap_init(&ckeys, n))
        goto out;
    for (size_t i = 0; i < n; i++)
        par[i] = (uint32_t)i;
    /* (1) equal keys */
    for (size_t i = 0; i < n; i++) {
        if (!nodes[i].key)
            continue;
        uint64_t k = ((uint64_t)nodes[i].cls << 32) | nodes[i].key;
        uint32_t first = hmap_get_or_put(&prim, k, (uint32_t)i);
        unite(par, first, (uint32_t)i);
    }
    /* content keys of organisations -> the cluster, or UINT32_MAX when two
     * clusters share one (then it is no target) */
    for (size_t i = 0; i < n; i++) {
        if (nodes[i].cls != RE_OTHER || !nodes[i].ckey)
            continue;
        uint64_t k = ((uint64_t)RE_OTHER << 32) | nodes[i].ckey;
        uint32_t r = find(par, (uint32_t)i);
        uint32_t got = hmap_get_or_put(&ckeys, k, r);
        if (got != r && got != UINT32_MAX) {
            size_t j = mix(k) & (ckeys.cap - 1);
            while (ckeys.k[j] != k)
                j = (j + 1) & (ckeys.cap - 1);
            if (find(par, got) != r)
                ckeys.v[j] = UINT32_MAX;
        }
    }
    /* (2) rules: once per distinct key (its first node), so a name repeated
     * in many documents costs once */
    for (size_t i = 0; i < n; i++) {
        rec_node *nd = &nodes[i];
        if (!nd->key)
            continue;
        uint32_t first0;
        if (hmap_get(&prim, ((uint64_t)nd->cls << 32) | nd->key, &first0) && first0 != i)
            continue;
        uint32_t r = find(par, (uint32_t)i);
        const char *key = nci_pool_str(pool, nd->key);
        size_t klen = nci_pool_len(pool, nd->key);
        const char *w[MAXW];
        size_t wl[MAXW], nw = words(key, klen, w, wl);
        if (nd->cls == RE_OTHER) {
            uint32_t t;
            /* acronym of this name -> a name in capitals; not from a name
             * that holds an abbreviation itself ("U.S. Secretary") */
            const char *raw = nci_pool_str(pool, nd->name);
            int abbrev = 0;
            for (size_t q = 0; raw[q]; q++)
                if (raw[q] == '.' || (raw[q] >= 'A' && raw[q] <= 'Z' && raw[q + 1] >= 'A' && raw[q + 1] <= 'Z'))
                    abbrev = 1;
            if (nw >= 2 && nw <= 8 && !abbrev) {
                char a1[MAXW + 1], a2[MAXW + 1];
                size_t n1 = 0, n2 = 0;
                for (size_t q = 0; q < nw; q++) {
                    a1[n1++] = w[q][0];
                    if (!nci_rec_stopword(w[q], wl[q]))
                        a2[n2++] = w[q][0];
                }
                for (int v = 0; v < 2; v++) {
                    uint32_t id = nci_pool_find(pool, v ? a2 : a1, v ? n2 : n1);
                    if (id && hmap_get(&prim, ((uint64_t)RE_OTHER << 32) | id, &t) && nodes[t].caps &&
                        add_link(&L, find(par, t), r, 1))
                        goto out;
                }
            }
            /* possessor dropped: "X's Y" -> "Y" */
            const char *nm = nci_pool_str(pool, nd->name);
            size_t nml = nci_pool_len(pool, nd->name);
            for (size_t q = 0; q + 2 < nml; q++) {
                size_t al = 0;
                if (nm[q] == '\'')
                    al = 1;
                else if ((unsigned char)nm[q] == 0xE2 && q + 3 < nml && (unsigned char)nm[q + 1] == 0x80 &&
                         (unsigned char)nm[q + 2] == 0x99)
                    al = 3;
                if (al && q + al + 1 < nml && nm[q + al] == 's' && nm[q + al + 1] == ' ') {
                    nci_buf b = {0};
                    const char *rest = nm + q + al + 2;
                    nc_status st = nci_rec_fold(rest, nml - (size_t)(rest - nm), &b);
                    if (st != NC_OK) {
                        free(b.p);
                        rc = st;
                        goto out;
                    }
                    uint32_t id = b.p ? nci_pool_find(pool, b.p, b.n) : 0;
                    free(b.p);
                    if (id && hmap_get(&prim, ((uint64_t)RE_OTHER << 32) | id, &t) &&
                        add_link(&L, r, find(par, t), 1))
                        goto out;
                    break;
                }
            }
            /* a descriptor before a name: "Venezuelan NGO Foro Penal" ->
             * "Foro Penal" (a final run of two or more words that is a name) */
            for (size_t q = 1; q + 2 <= nw; q++) {
                size_t off = (size_t)(w[q] - key);
                uint32_t id = nci_pool_find(pool, key + off, klen - off);
                if (id && hmap_get(&prim, ((uint64_t)RE_OTHER << 32) | id, &t)) {
                    if (add_link(&L, r, find(par, t), 1))
                        goto out;
                    break; /* the longest such name only */
                }
            }
            /* translation */
            uint32_t tg[16];
            size_t ntg = 0;
            translations(tab, pool, key, klen, &ckeys, RE_OTHER, tg, &ntg);
            for (size_t q = 0; q < ntg; q++)
                if (tg[q] != UINT32_MAX && add_link(&L, r, find(par, tg[q]), 1))
                    goto out;
        } else if (nd->cls == RE_PERSON && nw >= 2) {
            for (size_t q = 1; q < nw; q++) {
                sname *p = nci_grow(sn, &capsn, nsn + 1, sizeof *sn);
                if (!p)
                    goto out;
                sn = p;
                sn[nsn++] = (sname){w[q], wl[q], r};
            }
        }
    }
    if (nsn)
        qsort(sn, nsn, sizeof *sn, cmp_sname);
    /* surname and given-name-plus-surname rules, once per distinct key */
    for (size_t i = 0; i < n; i++) {
        rec_node *nd = &nodes[i];
        if (nd->cls != RE_PERSON || !nd->key)
            continue;
        uint32_t first0;
        if (hmap_get(&prim, ((uint64_t)nd->cls << 32) | nd->key, &first0) && first0 != i)
            continue;
        uint32_t r = find(par, (uint32_t)i);
        const char *key = nci_pool_str(pool, nd->key);
        size_t klen = nci_pool_len(pool, nd->key);
        const char *w[MAXW];
        size_t wl[MAXW], nw = words(key, klen, w, wl);
        if (nw == 1) {
            /* binary search the surname index */
            size_t lo = 0, hi = nsn;
            sname probe = {w[0], wl[0], 0};
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cmp_sname(&sn[mid], &probe) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            /* entries are sorted by root within the word: stop at the
             * second distinct full name (ambiguous anyway) */
            uint32_t seen1 = UINT32_MAX;
            for (size_t q = lo; q < nsn && sn[q].n == wl[0] && memcmp(sn[q].w, w[0], wl[0]) == 0; q++) {
                if (sn[q].root == seen1 || sn[q].root == r)
                    continue;
                if (add_link(&L, r, sn[q].root, 0))
                    goto out;
                if (seen1 != UINT32_MAX)
                    break;
                seen1 = sn[q].root;
            }
        } else if (nw >= 2) {
            /* longer names with the same first word that contain these words in order:
             * found through the surname index of our last word */
            size_t lo = 0, hi = nsn;
            sname probe = {w[nw - 1], wl[nw - 1], 0};
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cmp_sname(&sn[mid], &probe) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            size_t seen = 0;
            for (size_t q = lo; q < nsn && seen < 32 && sn[q].n == wl[nw - 1] &&
                                memcmp(sn[q].w, w[nw - 1], wl[nw - 1]) == 0;
                 q++, seen++) {
                uint32_t t = sn[q].root;
                if (t == r)
                    continue;
                const char *k2 = nci_pool_str(pool, nodes[t].key);
                const char *w2[MAXW];
                size_t wl2[MAXW], nw2 = words(k2, nci_pool_len(pool, nodes[t].key), w2, wl2);
                if (nw2 <= nw || wl2[0] != wl[0] || memcmp(w2[0], w[0], wl[0]) != 0)
                    continue;
                size_t a = 1;
                for (size_t b = 1; b < nw2 && a < nw; b++)
                    if (wl2[b] == wl[a] && memcmp(w2[b], w[a], wl[a]) == 0)
                        a++;
                if (a == nw && add_link(&L, r, t, 0))
                    goto out;
            }
        }
    }
    /* decide: one target per source cluster; organisation targets reached
     * by one source only */
    if (L.n)
        qsort(L.l, L.n, sizeof *L.l, cmp_link);
    size_t m = 0;
    for (size_t i = 0; i < L.n; i++)
        if (!m || L.l[m - 1].src != L.l[i].src || L.l[m - 1].dst != L.l[i].dst)
            L.l[m++] = L.l[i];
    L.n = m;
    byfirst = calloc(n ? n : 1, sizeof *byfirst); /* per dst: org sources seen */
    if (!byfirst)
        goto out;
    for (size_t i = 0; i < L.n; i++)
        if (L.l[i].org)
            byfirst[L.l[i].dst]++;
    for (size_t i = 0; i < L.n;) {
        size_t j = i;
        while (j < L.n && L.l[j].src == L.l[i].src)
            j++;
        if (j - i == 1 && (!L.l[i].org || byfirst[L.l[i].dst] == 1))
            L.l[i].org |= 2; /* accepted */
        i = j;
    }
    for (size_t i = 0; i < L.n; i++)
        if (L.l[i].org & 2)
            unite(par, L.l[i].src, L.l[i].dst);
    for (size_t i = 0; i < n; i++)
        nodes[i].root = find(par, (uint32_t)i);
    rc = NC_OK;
out:
    free(par);
    hmap_free(&prim);
    hmap_free(&ckeys);
    free(L.l);
    free(sn);
    free(byfirst);
    return rc;
}
