/* Reconcile stage (DESIGN.md pipeline 6): claims of many documents grouped
 * by quantity, compared across sources, and a consensus per group.
 *
 * Input is the extract output contract (one JSON object per document), so
 * claims extracted elsewhere reconcile too.  Everything is sorted
 * canonically (by strings, never by insertion order), so the report is the
 * same whatever the order of the documents or of merges (map/reduce).
 *
 * Cost: sorting and hashing only; every comparison between claims is
 * between neighbours in a sorted order or inside a bounded window, so time
 * is O(n log n) and memory O(n) in the number of claims.  See
 * bench/bench_reconcile.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "ctx.h"
#include "reconcile.h"

/* ------------------------------------------------------------ string pool */

/* A fast 64-bit hash of bytes, eight at a time (multiply-rotate; not
 * cryptographic: it only spreads hash tables and tells documents apart
 * together with their ids). */
static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h ^= w * 0x87C37B91114253D5ULL;
        h = (h << 31 | h >> 33) * 0x4CF5AD432745937FULL;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, n - i);
    h ^= w * 0x87C37B91114253D5ULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
}

void nci_pool_init(nci_pool *p)
{
    memset(p, 0, sizeof *p);
}

void nci_pool_free(nci_pool *p)
{
    for (size_t i = 0; i < p->nchunks; i++)
        free(p->chunks[i]);
    free(p->chunks);
    free(p->str);
    free(p->len);
    free(p->tab);
    memset(p, 0, sizeof *p);
}

uint32_t nci_pool_find(const nci_pool *p, const char *s, size_t n)
{
    if (!p->tabcap)
        return 0;
    size_t i = fnv(s, n) & (p->tabcap - 1);
    while (p->tab[i]) {
        uint32_t id = p->tab[i];
        if (p->len[id] == n && memcmp(p->str[id], s, n) == 0)
            return id;
        i = (i + 1) & (p->tabcap - 1);
    }
    return 0;
}

static int pool_rehash(nci_pool *p, size_t cap)
{
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t id = 1; id < p->n; id++) {
        size_t i = fnv(p->str[id], p->len[id]) & (cap - 1);
        while (t[i])
            i = (i + 1) & (cap - 1);
        t[i] = (uint32_t)id;
    }
    free(p->tab);
    p->tab = t;
    p->tabcap = cap;
    return 0;
}

uint32_t nci_pool_intern(nci_pool *p, const char *s, size_t n)
{
    uint32_t id = nci_pool_find(p, s, n);
    if (id)
        return id;
    if (p->n == 0)
        p->n = 1; /* id 0 is "absent" */
    if (p->n >= UINT32_MAX - 1 || n >= UINT32_MAX)
        return 0;
    if ((p->n + 1) * 2 > p->tabcap && pool_rehash(p, p->tabcap ? p->tabcap * 2 : 1024))
        return 0;
    size_t need = p->n + 1;
    size_t c1 = p->cap, c2 = p->cap;
    char **ns = nci_grow(p->str, &c1, need, sizeof *ns);
    if (!ns)
        return 0;
    p->str = ns;
    uint32_t *nl = nci_grow(p->len, &c2, need, sizeof *nl);
    if (!nl)
        return 0;
    p->len = nl;
    p->cap = c1 < c2 ? c1 : c2;
    if (p->chunk_used + n + 1 > p->chunk_cap) {
        size_t cc = n + 1 > 65536 ? n + 1 : 65536;
        char *c = malloc(cc);
        if (!c)
            return 0;
        char **lst = nci_grow(p->chunks, &p->capchunks, p->nchunks + 1, sizeof *lst);
        if (!lst) {
            free(c);
            return 0;
        }
        p->chunks = lst;
        p->chunks[p->nchunks++] = c;
        p->chunk = c;
        p->chunk_used = 0;
        p->chunk_cap = cc;
    }
    char *dst = p->chunk + p->chunk_used;
    if (n)
        memcpy(dst, s, n);
    dst[n] = '\0';
    p->chunk_used += n + 1;
    id = (uint32_t)p->n++;
    p->str[id] = dst;
    p->len[id] = (uint32_t)n;
    size_t i = fnv(s, n) & (p->tabcap - 1);
    while (p->tab[i])
        i = (i + 1) & (p->tabcap - 1);
    p->tab[i] = id;
    return id;
}

static uint32_t pool_cstr(nci_pool *p, const char *s)
{
    return s ? nci_pool_intern(p, s, strlen(s)) : 0;
}

/* ------------------------------------------------------------ claim set */

NC_EXPORT nc_status nc_claimset_new(const nc_ctx *ctx, nc_claimset **out)
{
    if (out)
        *out = NULL;
    if (!ctx || !out)
        return NC_EINVAL;
    nc_claimset *s = calloc(1, sizeof *s);
    if (!s)
        return NC_ENOMEM;
    s->ctx = ctx;
    nci_pool_init(&s->pool);
    *out = s;
    return NC_OK;
}

NC_EXPORT void nc_claimset_free(nc_claimset *set)
{
    if (!set)
        return;
    nci_pool_free(&set->pool);
    free(set->docs);
    free(set->ents);
    free(set->claims);
    free(set->seen);
    free(set);
}

NC_EXPORT size_t nc_claimset_claim_count(const nc_claimset *set)
{
    return set ? set->nclaims : 0;
}

NC_EXPORT size_t nc_claimset_doc_count(const nc_claimset *set)
{
    return set ? set->ndocs : 0;
}

/* The repeat check: (id, hash) pairs already in the set. */
static uint64_t seen_key(const nci_pool *p, uint32_t id, uint64_t hash)
{
    uint64_t k = hash ^ (fnv(nci_pool_str(p, id), nci_pool_len(p, id)) * 31);
    return k ? k : 1;
}

static int seen_has(const nc_claimset *s, uint64_t k)
{
    if (!s->seencap)
        return 0;
    size_t i = (k * 0x9E3779B97F4A7C15ULL >> 20) & (s->seencap - 1);
    while (s->seen[i]) {
        if (s->seen[i] == k)
            return 1;
        i = (i + 1) & (s->seencap - 1);
    }
    return 0;
}

static int seen_add(nc_claimset *s, uint64_t k)
{
    if ((s->seen_n + 1) * 2 > s->seencap) {
        size_t cap = s->seencap ? s->seencap * 2 : 256;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t j = 0; j < s->seencap; j++)
            if (s->seen[j]) {
                size_t i = (s->seen[j] * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
                while (t[i])
                    i = (i + 1) & (cap - 1);
                t[i] = s->seen[j];
            }
        free(s->seen);
        s->seen = t;
        s->seencap = cap;
    }
    size_t i = (k * 0x9E3779B97F4A7C15ULL >> 20) & (s->seencap - 1);
    while (s->seen[i])
        i = (i + 1) & (s->seencap - 1);
    s->seen[i] = k;
    s->seen_n++;
    return 0;
}

/* JSON helpers: a string member as a pool id (0 for null, absent or not a
 * string), an id member (number or string) as text. */
static uint32_t jstr(nci_pool *p, json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);
    if (!json_is_string(v))
        return 0;
    return nci_pool_intern(p, json_string_value(v), json_string_length(v));
}

static uint32_t jid(nci_pool *p, json_t *v, int *isnum)
{
    char buf[64];
    if (isnum)
        *isnum = 0;
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        if (isnum)
            *isnum = 1;
        return pool_cstr(p, buf);
    }
    if (json_is_real(v)) {
        snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
        return pool_cstr(p, buf);
    }
    if (json_is_string(v))
        return nci_pool_intern(p, json_string_value(v), json_string_length(v));
    return 0;
}

static int jnum(json_t *o, const char *name, double *out)
{
    json_t *v = json_object_get(o, name);
    if (!json_is_number(v))
        return 0;
    double d = json_number_value(v);
    if (!isfinite(d))
        return 0;
    *out = d;
    return 1;
}

static nc_status perr(nc_error *err, const char *what, json_int_t idx)
{
    return nci_error_set(err, NC_EPARSE, -1, 0, 0, "%s (item %lld)", what, (long long)idx);
}

/* Add one parsed document.  On failure the set keeps its old counts (the
 * strings interned meanwhile stay in the pool, harmlessly). */
static nc_status add_object(nc_claimset *s, json_t *root, uint64_t hash, nc_error *err)
{
    nci_pool *p = &s->pool;
    if (!json_is_object(root))
        return nci_error_set(err, NC_EPARSE, 0, 1, 1, "a document must be a JSON object");
    json_t *ents = json_object_get(root, "entities");
    json_t *claims = json_object_get(root, "claims");
    if (ents && !json_is_null(ents) && !json_is_array(ents))
        return nci_error_set(err, NC_EPARSE, -1, 0, 0, "\"entities\" must be an array");
    if (claims && !json_is_null(claims) && !json_is_array(claims))
        return nci_error_set(err, NC_EPARSE, -1, 0, 0, "\"claims\" must be an array");
    rec_doc d = {0};
    json_t *idv = json_object_get(root, "id");
    d.id = idv && !json_is_null(idv) ? jid(p, idv, NULL) : pool_cstr(p, "doc");
    d.outlet = jstr(p, root, "source");
    d.date = jstr(p, root, "date");
    d.lang = jstr(p, root, "lang");
    d.hash = hash;
    if (!d.id)
        return nci_error_set(err, NC_EPARSE, -1, 0, 0, "\"id\" must be a string or a number");
    uint64_t sk = seen_key(p, d.id, hash);
    if (seen_has(s, sk))
        return NC_OK; /* the same document again */
    size_t ne = json_is_array(ents) ? json_array_size(ents) : 0;
    size_t nc = json_is_array(claims) ? json_array_size(claims) : 0;
    rec_doc *nd = nci_grow(s->docs, &s->capdocs, s->ndocs + 1, sizeof *nd);
    if (!nd)
        return NC_ENOMEM;
    s->docs = nd;
    if (ne) {
        rec_ent *ne2 = nci_grow(s->ents, &s->capents, s->nents + ne, sizeof *ne2);
        if (!ne2)
            return NC_ENOMEM;
        s->ents = ne2;
    }
    if (nc) {
        rec_claim *nc2 = nci_grow(s->claims, &s->capclaims, s->nclaims + nc, sizeof *nc2);
        if (!nc2)
            return NC_ENOMEM;
        s->claims = nc2;
    }
    uint32_t docix = (uint32_t)s->ndocs;
    d.ent0 = s->nents;
    d.claim0 = s->nclaims;
    for (size_t i = 0; i < ne; i++) {
        json_t *e = json_array_get(ents, i);
        if (!json_is_object(e))
            return perr(err, "an entity must be an object", (json_int_t)i);
        rec_ent *x = &s->ents[d.ent0 + d.nent];
        memset(x, 0, sizeof *x);
        x->doc = docix;
        x->lid = jid(p, json_object_get(e, "id"), NULL);
        x->type = jstr(p, e, "type");
        x->name = jstr(p, e, "name");
        if (!x->name)
            continue; /* nothing to merge on */
        d.nent++;
    }
    for (size_t i = 0; i < nc; i++) {
        json_t *c = json_array_get(claims, i);
        if (!json_is_object(c))
            return perr(err, "a claim must be an object", (json_int_t)i);
        rec_claim *x = &s->claims[d.claim0 + d.nclaim];
        memset(x, 0, sizeof *x);
        x->doc = docix;
        int isnum = 0;
        json_t *cid = json_object_get(c, "id");
        x->cid = cid ? jid(p, cid, &isnum) : 0;
        if (!x->cid) {
            char buf[32];
            snprintf(buf, sizeof buf, "%zu", i + 1); /* position as id */
            x->cid = pool_cstr(p, buf);
            isnum = 1;
        }
        if (isnum)
            x->flags |= RC_CID_NUM;
        if (jnum(c, "value", &x->value))
            x->flags |= RC_VALUE;
        if (jnum(c, "low", &x->low))
            x->flags |= RC_LOW;
        if (jnum(c, "high", &x->high))
            x->flags |= RC_HIGH;
        x->qualifier = jstr(p, c, "qualifier");
        x->vague = jstr(p, c, "vague");
        x->unit = jstr(p, c, "unit");
        x->measure = jstr(p, c, "measure");
        x->mkey = jstr(p, c, "measure_key");
        x->lang = jstr(p, c, "lang");
        x->kind = jstr(p, c, "kind");
        x->text = jstr(p, c, "text");
        json_t *pl = json_object_get(c, "place");
        if (json_is_object(pl)) {
            x->place_name = jstr(p, pl, "name");
            json_t *pe = json_object_get(pl, "entity");
            x->place_ent = pe && !json_is_null(pe) ? jid(p, pe, NULL) : 0;
        } else if (json_is_string(pl)) {
            x->place_name = nci_pool_intern(p, json_string_value(pl), json_string_length(pl));
        }
        json_t *tm = json_object_get(c, "time");
        if (json_is_object(tm)) {
            x->t_start = jstr(p, tm, "start");
            x->t_end = jstr(p, tm, "end");
            x->t_text = jstr(p, tm, "text");
        }
        json_t *src = json_object_get(c, "source");
        if (json_is_object(src)) {
            x->src_name = jstr(p, src, "name");
            json_t *se = json_object_get(src, "entity");
            x->src_ent = se && !json_is_null(se) ? jid(p, se, NULL) : 0;
            x->src_type = jstr(p, src, "type");
            x->src_cue = jstr(p, src, "cue");
        } else if (json_is_string(src)) {
            x->src_name = nci_pool_intern(p, json_string_value(src), json_string_length(src));
        }
        if (!(x->flags & (RC_VALUE | RC_LOW | RC_HIGH)))
            continue; /* no figure: nothing to reconcile */
        d.nclaim++;
    }
    if (seen_add(s, sk))
        return NC_ENOMEM;
    s->docs[s->ndocs++] = d;
    s->nents += d.nent;
    s->nclaims += d.nclaim;
    return NC_OK;
}

NC_EXPORT nc_status nc_claimset_add_json(nc_claimset *set, const char *line, size_t len,
                                         nc_error *err)
{
    nc_error_clear(err);
    if (!set || (!line && len))
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "NULL argument");
    uint64_t hash = fnv(line ? line : "", len);
    rec_doc d;
    if (line && nci_rec_fast_add(set, line, len, hash, &d) == 0) {
        uint64_t sk = seen_key(&set->pool, d.id, hash);
        if (seen_has(set, sk))
            return NC_OK; /* the same document again */
        rec_doc *nd = nci_grow(set->docs, &set->capdocs, set->ndocs + 1, sizeof *nd);
        if (!nd || seen_add(set, sk))
            return nci_error_set(err, NC_ENOMEM, -1, 0, 0, "out of memory");
        set->docs = nd;
        set->docs[set->ndocs++] = d;
        set->nents += d.nent;
        set->nclaims += d.nclaim;
        return NC_OK;
    }
    json_error_t je;
    json_t *root = json_loadb(line ? line : "", len, 0, &je);
    if (!root)
        return nci_error_set(err, NC_EPARSE, (int64_t)je.position, je.line, je.column, "%s", je.text);
    nc_status rc = add_object(set, root, hash, err);
    json_decref(root);
    return rc;
}

NC_EXPORT nc_status nc_claimset_add_doc(nc_claimset *set, nc_doc *doc, nc_error *err)
{
    nc_error_clear(err);
    if (!set || !doc)
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "NULL argument");
    char *js = NULL;
    size_t n = 0;
    nc_status rc = nc_doc_json(set->ctx, doc, NC_JSON_DEFAULT, &js, &n, err);
    if (rc != NC_OK)
        return rc;
    rc = nc_claimset_add_json(set, js, n, err);
    nc_free(js);
    return rc;
}

#define REPOOL(field) (x->field = src->field ? nci_pool_intern(&dst->pool, nci_pool_str(&srcset->pool, src->field), nci_pool_len(&srcset->pool, src->field)) : 0)

NC_EXPORT nc_status nc_claimset_merge(nc_claimset *dst, const nc_claimset *srcset)
{
    if (!dst || !srcset || dst == srcset)
        return NC_EINVAL;
    size_t od = dst->ndocs, oe = dst->nents, oc = dst->nclaims;
    for (size_t di = 0; di < srcset->ndocs; di++) {
        const rec_doc *sd = &srcset->docs[di];
        uint32_t idv = nci_pool_intern(&dst->pool, nci_pool_str(&srcset->pool, sd->id),
                                       nci_pool_len(&srcset->pool, sd->id));
        if (!idv)
            goto oom;
        uint64_t sk = seen_key(&dst->pool, idv, sd->hash);
        if (seen_has(dst, sk))
            continue;
        rec_doc *nd = nci_grow(dst->docs, &dst->capdocs, dst->ndocs + 1, sizeof *nd);
        if (!nd)
            goto oom;
        dst->docs = nd;
        if (sd->nent) {
            rec_ent *ne = nci_grow(dst->ents, &dst->capents, dst->nents + sd->nent, sizeof *ne);
            if (!ne)
                goto oom;
            dst->ents = ne;
        }
        if (sd->nclaim) {
            rec_claim *ncl = nci_grow(dst->claims, &dst->capclaims, dst->nclaims + sd->nclaim, sizeof *ncl);
            if (!ncl)
                goto oom;
            dst->claims = ncl;
        }
        rec_doc d = *sd;
        {
            rec_doc *x = &d;
            const rec_doc *src = sd;
            x->id = idv;
            REPOOL(outlet);
            REPOOL(date);
            REPOOL(lang);
        }
        uint32_t docix = (uint32_t)dst->ndocs;
        d.ent0 = dst->nents;
        d.claim0 = dst->nclaims;
        for (size_t i = 0; i < sd->nent; i++) {
            const rec_ent *src = &srcset->ents[sd->ent0 + i];
            rec_ent *x = &dst->ents[dst->nents + i];
            *x = *src;
            x->doc = docix;
            REPOOL(lid);
            REPOOL(type);
            REPOOL(name);
        }
        for (size_t i = 0; i < sd->nclaim; i++) {
            const rec_claim *src = &srcset->claims[sd->claim0 + i];
            rec_claim *x = &dst->claims[dst->nclaims + i];
            *x = *src;
            x->doc = docix;
            REPOOL(cid);
            REPOOL(qualifier);
            REPOOL(vague);
            REPOOL(unit);
            REPOOL(measure);
            REPOOL(mkey);
            REPOOL(lang);
            REPOOL(kind);
            REPOOL(text);
            REPOOL(place_name);
            REPOOL(place_ent);
            REPOOL(t_start);
            REPOOL(t_end);
            REPOOL(t_text);
            REPOOL(src_name);
            REPOOL(src_ent);
            REPOOL(src_type);
            REPOOL(src_cue);
        }
        if (seen_add(dst, sk))
            goto oom;
        dst->docs[dst->ndocs++] = d;
        dst->nents += sd->nent;
        dst->nclaims += sd->nclaim;
    }
    return NC_OK;
oom:
    /* roll back to the old counts; the seen set may keep keys of docs not
     * added, so rebuild it */
    dst->ndocs = od;
    dst->nents = oe;
    dst->nclaims = oc;
    free(dst->seen);
    dst->seen = NULL;
    dst->seencap = dst->seen_n = 0;
    for (size_t i = 0; i < dst->ndocs; i++)
        if (seen_add(dst, seen_key(&dst->pool, dst->docs[i].id, dst->docs[i].hash)))
            break;
    return NC_ENOMEM;
}

/* ------------------------------------------------------------ reconcile */

/* Tolerances (documented in the README): bounds are widened by these
 * fractions before they are compared, so "806" and "810" agree and
 * "about 800" covers 720..880. */
#define TOL_EXACT 0.01
#define TOL_ABOUT 0.10
/* Two flows are counts of one window when their windows end within this
 * many days of each other and overlap. */
#define FLOW_END_DAYS 3
/* Two stocks are the same moment when their dates overlap within a day. */
#define STOCK_DAYS 1
/* Conflicts listed per pair of neighbouring value clusters, and claims of
 * each examined, so that output stays linear in claims. */
#define CONFLICT_CAP 16
#define CONFLICT_SCAN 64

typedef struct rcl {
    uint32_t c;          /* index into set->claims */
    uint32_t docrank;    /* canonical rank of its document */
    uint32_t ent;        /* canonical entity number of its source (1-based), 0 none */
    uint32_t src;        /* source index for truth discovery */
    uint32_t place;      /* canonical entity number of its place, 0 none */
    uint32_t mkey, fam;  /* measure key and its family (pool ids) */
    uint32_t famrank;
    uint32_t outlet;     /* pool id of the outlet (doc source, else doc id) */
    uint32_t group, tc, vc;
    uint8_t kind, dated;
    int32_t ts, te;      /* days; ts may be INT32_MIN for an open window */
    double lo, hi, wlo, whi;
    int64_t ci0, ci1;    /* comparability interval, half days */
} rcl;

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static int32_t days_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static int mdays(int y, int m)
{
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return D[(m - 1) % 12];
}

/* First and last day of an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 * (anything after is ignored).  Returns 0 when s is not such a date. */
static int parse_date(const char *s, int32_t *lo, int32_t *hi)
{
    if (!s)
        return 0;
    int y = 0, m = 0, d = 0, i = 0;
    for (; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    if (s[4] != '-') {
        *lo = days_civil(y, 1, 1);
        *hi = days_civil(y, 12, 31);
        return 1;
    }
    if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
        return 0;
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
        return 0;
    if (s[7] != '-') {
        *lo = days_civil(y, m, 1);
        *hi = days_civil(y, m, mdays(y, m));
        return 1;
    }
    if (s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
        return 0;
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (d < 1 || d > mdays(y, m))
        return 0;
    *lo = *hi = days_civil(y, m, d);
    return 1;
}

typedef struct R {
    const nc_claimset *s;
    nci_pool *pool;      /* the set's pool (new keys are interned in it) */
    const nci_rows *tab;
    uint32_t *docrank;   /* doc index -> canonical rank */
    uint32_t *docs_sorted;
    /* entities */
    rec_node *nodes;
    size_t nnodes;
    uint32_t *ent_of_node; /* node -> canonical entity number (1-based) */
    size_t nclusters;
    uint32_t *cl_nodes;  /* nodes sorted by cluster canonical number */
    size_t *cl_first;    /* cluster number -> first index in cl_nodes (size nclusters+2) */
    uint32_t *cl_name, *cl_type;
    uint32_t *fold_key, *fold_ckey; /* name id -> key id + 1, content key id */
    size_t nfold;
    nci_buf esc;          /* JSON-escaped pool strings, see put_pstr */
    size_t *esc_off;
    uint32_t *esc_len;
    size_t nesc;
    /* claims */
    rcl *c;
    size_t n;
    /* sources: 1..nclusters are entities; then outlets */
    size_t nsrc;
    uint32_t *src_outlet; /* outlet pool id per outlet source (index - nclusters - 1) */
    /* groups, time clusters, value clusters */
    size_t ngroups, ntc, nvc;
    size_t *g_first;      /* group -> first index in c[] (c is sorted by group) */
    uint32_t *g_tc0;      /* group -> first time cluster (they are numbered group by group) */
    uint32_t *tc_group, *tc_vc0, *tc_nvc;
    int32_t *tc_te;
    uint8_t *tc_dated;
    size_t *vc_first, *vc_count;
    uint32_t *byvc;       /* claim positions sorted by vc, then canonical order */
    double *vc_lo, *vc_hi;
    double *conf, *trust;
    unsigned flags;
    /* places: what country each entity used as a place is, or lies in */
    const nci_places *places;
    uint8_t *pl_done;     /* cluster -> 1 when pl_cc and pl_key are set */
    char (*pl_cc)[3];     /* cluster -> ISO code when it names a country, else "" */
    uint32_t *pl_key;     /* cluster -> its folded name (pool id) */
} R;

static int cmp_str(const nci_pool *p, uint32_t a, uint32_t b)
{
    if (a == b)
        return 0;
    if (!a)
        return -1;
    if (!b)
        return 1;
    size_t la = p->len[a], lb = p->len[b];
    int c = memcmp(p->str[a], p->str[b], la < lb ? la : lb);
    if (c)
        return c;
    return la < lb ? -1 : la > lb;
}

/* qsort has no context argument in C11: sort arrays of records that carry
 * what they are sorted by. */
typedef struct skey {
    const char *s;
    size_t n;
    uint64_t h;
    uint32_t i;
} skey;

static int cmp_skey(const void *a, const void *b)
{
    const skey *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Class of an entity type. */
static uint8_t type_class(const char *t)
{
    if (!t)
        return RE_OTHER;
    if (strcmp(t, "PERSON") == 0 || strcmp(t, "PER") == 0)
        return RE_PERSON;
    if (strcmp(t, "ROLE") == 0)
        return RE_ROLE;
    return RE_OTHER;
}

/* Written in capitals: letters all upper case, at most 8 bytes ("AP", "U.S."). */
static int is_caps(const char *s, size_t n)
{
    if (n == 0 || n > 8)
        return 0;
    int letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        if (c >= 0x80)
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
}

static nc_status fold_id(R *r, uint32_t id, uint32_t *out)
{
    nci_buf b = {0};
    nc_status rc = nci_rec_fold(nci_pool_str(r->pool, id), nci_pool_len(r->pool, id), &b);
    *out = 0;
    if (rc == NC_OK && b.p && b.n) {
        *out = nci_pool_intern(r->pool, b.p, b.n);
        if (!*out)
            rc = NC_ENOMEM;
    }
    free(b.p);
    return rc;
}

/* Content key: function words out, English singular. */
static uint32_t content_key(R *r, uint32_t key)
{
    const char *k = nci_pool_str(r->pool, key);
    size_t n = nci_pool_len(r->pool, key);
    char buf[512];
    size_t bl = 0, i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && k[j] != ' ')
            j++;
        if (!nci_rec_stopword(k + i, j - i) && bl + (j - i) + 2 < sizeof buf) {
            if (bl)
                buf[bl++] = ' ';
            memcpy(buf + bl, k + i, j - i);
            bl += nci_rec_singular(buf + bl, j - i);
        }
        i = j + 1;
    }
    return bl ? nci_pool_intern(r->pool, buf, bl) : 0;
}

/* Canonical document order: by id, then by content hash. */
static nc_status order_docs(R *r)
{
    const nc_claimset *s = r->s;
    skey *k = malloc((s->ndocs ? s->ndocs : 1) * sizeof *k);
    r->docrank = malloc((s->ndocs ? s->ndocs : 1) * sizeof *r->docrank);
    r->docs_sorted = malloc((s->ndocs ? s->ndocs : 1) * sizeof *r->docs_sorted);
    if (!k || !r->docrank || !r->docs_sorted) {
        free(k);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < s->ndocs; i++)
        k[i] = (skey){nci_pool_str(r->pool, s->docs[i].id), nci_pool_len(r->pool, s->docs[i].id),
                      s->docs[i].hash, (uint32_t)i};
    qsort(k, s->ndocs, sizeof *k, cmp_skey);
    for (size_t i = 0; i < s->ndocs; i++) {
        r->docrank[k[i].i] = (uint32_t)i;
        r->docs_sorted[i] = k[i].i;
    }
    free(k);
    return NC_OK;
}

static nc_status add_node(R *r, size_t *cap, uint32_t doc, uint32_t name, uint32_t type,
                          uint8_t synthetic)
{
    rec_node *p = nci_grow(r->nodes, cap, r->nnodes + 1, sizeof *p);
    if (!p)
        return NC_ENOMEM;
    r->nodes = p;
    rec_node *x = &r->nodes[r->nnodes];
    memset(x, 0, sizeof *x);
    x->doc = r->docrank[doc];
    x->name = name;
    x->type = type;
    x->cls = type_class(nci_pool_str(r->pool, type));
    x->synthetic = synthetic;
    x->caps = (uint8_t)is_caps(nci_pool_str(r->pool, name), nci_pool_len(r->pool, name));
    /* names repeat across documents: fold each once */
    if (name < r->nfold && r->fold_key[name]) {
        x->key = r->fold_key[name] - 1;
        x->ckey = x->key && x->cls == RE_OTHER ? r->fold_ckey[name] : 0;
    } else {
        nc_status rc = fold_id(r, name, &x->key);
        if (rc != NC_OK)
            return rc;
        uint32_t ck = x->key ? content_key(r, x->key) : 0;
        if (x->cls == RE_OTHER)
            x->ckey = ck;
        if (name < r->nfold) {
            r->fold_key[name] = x->key + 1;
            r->fold_ckey[name] = ck;
        }
    }
    r->nnodes++;
    return NC_OK;
}

/* The node of entity `lid` of document `doc`, or -1. */
static long find_ent(const R *r, uint32_t doc, uint32_t lid)
{
    const rec_doc *d = &r->s->docs[doc];
    for (size_t i = 0; i < d->nent; i++)
        if (r->s->ents[d->ent0 + i].lid == lid)
            return (long)(d->ent0 + i);
    return -1;
}

typedef struct nrec {
    uint32_t root, node;
} nrec;

static int cmp_nrec(const void *a, const void *b)
{
    const nrec *x = a, *y = b;
    if (x->root != y->root)
        return x->root < y->root ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

typedef struct ckey_rec {
    const char *key; size_t keyn;
    const char *type; size_t typen;
    uint32_t firstdoc;
    uint32_t root;
    uint32_t name, typeid;
} ckey_rec;

static int cmp_ckey(const void *a, const void *b)
{
    const ckey_rec *x = a, *y = b;
    size_t m = x->keyn < y->keyn ? x->keyn : y->keyn;
    int c = memcmp(x->key, y->key, m);
    if (c)
        return c;
    if (x->keyn != y->keyn)
        return x->keyn < y->keyn ? -1 : 1;
    m = x->typen < y->typen ? x->typen : y->typen;
    c = x->typen && y->typen ? memcmp(x->type, y->type, m) : 0;
    if (c)
        return c;
    if (x->typen != y->typen)
        return x->typen < y->typen ? -1 : 1;
    return x->firstdoc < y->firstdoc ? -1 : x->firstdoc > y->firstdoc;
}

/* Pick the cluster's name: the name on most nodes, then the longest in
 * bytes (accented spellings win over stripped ones), then bytewise first.
 * Names are pool ids: sort them to count. */
static uint32_t pick_most(const nci_pool *p, uint32_t *ids, size_t n)
{
    qsort(ids, n, sizeof *ids, cmp_u32);
    uint32_t best = 0;
    size_t bestn = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ids[j] == ids[i])
            j++;
        size_t cnt = j - i;
        if (ids[i] && (!best || cnt > bestn ||
                       (cnt == bestn && (p->len[ids[i]] > p->len[best] ||
                                         (p->len[ids[i]] == p->len[best] && cmp_str(p, ids[i], best) < 0))))) {
            best = ids[i];
            bestn = cnt;
        }
        i = j;
    }
    return best;
}

static nc_status entities(R *r)
{
    const nc_claimset *s = r->s;
    size_t cap = 0;
    nc_status rc;
    r->nfold = r->pool->n;
    r->fold_key = calloc(r->nfold + 1, sizeof *r->fold_key);
    r->fold_ckey = calloc(r->nfold + 1, sizeof *r->fold_ckey);
    if (!r->fold_key || !r->fold_ckey)
        return NC_ENOMEM;
    /* real entities: node i = entity i */
    for (size_t i = 0; i < s->nents; i++)
        if ((rc = add_node(r, &cap, s->ents[i].doc, s->ents[i].name, s->ents[i].type, 0)) != NC_OK)
            return rc;
    /* claims' sources and places that name no entity of their document get
     * a node of their own; remember which node each claim points at */
    for (size_t i = 0; i < r->n; i++) {
        const rec_claim *c = &s->claims[r->c[i].c];
        long e = -1;
        r->c[i].ent = UINT32_MAX;
        r->c[i].place = UINT32_MAX;
        const char *st = nci_pool_str(r->pool, c->src_type);
        int doc_src = st && strcmp(st, "DOCUMENT") == 0;
        if (!doc_src && c->src_ent)
            e = find_ent(r, c->doc, c->src_ent);
        if (e >= 0) {
            r->c[i].ent = (uint32_t)e;
        } else if (!doc_src && c->src_name) {
            if ((rc = add_node(r, &cap, c->doc, c->src_name, c->src_type, 1)) != NC_OK)
                return rc;
            r->c[i].ent = (uint32_t)(r->nnodes - 1);
        }
        e = c->place_ent ? find_ent(r, c->doc, c->place_ent) : -1;
        if (e >= 0) {
            /* only places: a "place" that is a date or a demonym is no place */
            const char *pt = nci_pool_str(r->pool, s->ents[e].type);
            if (!pt || !strcmp(pt, "LOC") || !strcmp(pt, "GPE") || !strcmp(pt, "FAC") || !strcmp(pt, "LOCATION"))
                r->c[i].place = (uint32_t)e;
        } else if (c->place_name) {
            if ((rc = add_node(r, &cap, c->doc, c->place_name, nci_pool_intern(r->pool, "LOC", 3), 1)) != NC_OK)
                return rc;
            r->c[i].place = (uint32_t)(r->nnodes - 1);
        }
    }
    if ((rc = nci_rec_cluster(r->tab, r->pool, r->nodes, r->nnodes)) != NC_OK)
        return rc;
    /* canonical numbering of clusters */
    size_t n = r->nnodes;
    nrec *nr = malloc((n ? n : 1) * sizeof *nr);
    uint32_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    r->ent_of_node = malloc((n ? n : 1) * sizeof *r->ent_of_node);
    ckey_rec *ck = malloc((n ? n : 1) * sizeof *ck);
    if (!nr || !tmp || !r->ent_of_node || !ck) {
        free(nr);
        free(tmp);
        free(ck);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        nr[i] = (nrec){r->nodes[i].root, (uint32_t)i};
    qsort(nr, n, sizeof *nr, cmp_nrec);
    size_t ncl = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && nr[j].root == nr[i].root)
            j++;
        /* name: among real entities if any */
        size_t k = 0, kt = 0;
        uint32_t firstdoc = UINT32_MAX;
        for (size_t q = i; q < j; q++)
            if (!r->nodes[nr[q].node].synthetic)
                tmp[k++] = r->nodes[nr[q].node].name;
        if (!k)
            for (size_t q = i; q < j; q++)
                tmp[k++] = r->nodes[nr[q].node].name;
        uint32_t name = pick_most(r->pool, tmp, k);
        for (size_t q = i; q < j; q++) {
            const rec_node *nd = &r->nodes[nr[q].node];
            if (!nd->synthetic && nd->type)
                tmp[kt++] = nd->type;
            if (nd->doc < firstdoc)
                firstdoc = nd->doc;
        }
        if (!kt)
            for (size_t q = i; q < j; q++)
                if (r->nodes[nr[q].node].type)
                    tmp[kt++] = r->nodes[nr[q].node].type;
        uint32_t type = pick_most(r->pool, tmp, kt);
        /* sort clusters by the folded name, type and first document */
        uint32_t key = 0;
        for (size_t q = i; q < j && !key; q++)
            if (r->nodes[nr[q].node].name == name)
                key = r->nodes[nr[q].node].key;
        ck[ncl] = (ckey_rec){nci_pool_str(r->pool, key) ? nci_pool_str(r->pool, key) : "",
                             nci_pool_len(r->pool, key),
                             nci_pool_str(r->pool, type) ? nci_pool_str(r->pool, type) : "",
                             nci_pool_len(r->pool, type), firstdoc, nr[i].root, name, type};
        ncl++;
        i = j;
    }
    qsort(ck, ncl, sizeof *ck, cmp_ckey);
    /* root -> canonical number: roots are node indexes */
    uint32_t *num_of_root = tmp; /* reuse: size n */
    for (size_t q = 0; q < ncl; q++)
        num_of_root[ck[q].root] = (uint32_t)(q + 1);
    for (size_t i = 0; i < n; i++)
        r->ent_of_node[i] = num_of_root[r->nodes[i].root];
    r->nclusters = ncl;
    r->cl_name = malloc((ncl + 1) * sizeof *r->cl_name);
    r->cl_type = malloc((ncl + 1) * sizeof *r->cl_type);
    r->cl_first = calloc(ncl + 2, sizeof *r->cl_first);
    r->cl_nodes = malloc((n ? n : 1) * sizeof *r->cl_nodes);
    if (!r->cl_name || !r->cl_type || !r->cl_first || !r->cl_nodes) {
        free(nr);
        free(tmp);
        free(ck);
        return NC_ENOMEM;
    }
    for (size_t q = 0; q < ncl; q++) {
        r->cl_name[q + 1] = ck[q].name;
        r->cl_type[q + 1] = ck[q].typeid;
    }
    /* nodes grouped by cluster number (counting sort) */
    for (size_t i = 0; i < n; i++)
        r->cl_first[r->ent_of_node[i] + 1]++;
    for (size_t q = 1; q <= ncl + 1; q++)
        r->cl_first[q] += r->cl_first[q - 1];
    size_t *pos = calloc(ncl + 2, sizeof *pos);
    if (!pos) {
        free(nr);
        free(tmp);
        free(ck);
        return NC_ENOMEM;
    }
    memcpy(pos, r->cl_first, (ncl + 2) * sizeof *pos);
    for (size_t i = 0; i < n; i++)
        r->cl_nodes[pos[r->ent_of_node[i]]++] = (uint32_t)i;
    free(pos);
    /* claims: entity numbers */
    for (size_t i = 0; i < r->n; i++) {
        r->c[i].ent = r->c[i].ent == UINT32_MAX ? 0 : r->ent_of_node[r->c[i].ent];
        r->c[i].place = r->c[i].place == UINT32_MAX ? 0 : r->ent_of_node[r->c[i].place];
    }
    free(nr);
    free(tmp);
    free(ck);
    return NC_OK;
}

/* ------------------------------------------------------------ measures */

typedef struct mentry {
    uint32_t mkey, measure, lang, kind, ttext; /* inputs */
    uint32_t key;                              /* result */
    uint8_t k, used;
} mentry;

static uint64_t mhash(const mentry *e)
{
    uint64_t h = e->mkey;
    h = h * 1000003u ^ e->measure;
    h = h * 1000003u ^ e->lang;
    h = h * 1000003u ^ e->kind;
    h = h * 1000003u ^ e->ttext;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

/* Measure key and kind of every claim, each distinct input computed once. */
static nc_status measures(R *r)
{
    size_t cap = 64;
    while (cap < r->n * 2 + 64)
        cap *= 2;
    mentry *tab = calloc(cap, sizeof *tab);
    if (!tab)
        return NC_ENOMEM;
    nc_status rc = NC_OK;
    for (size_t i = 0; i < r->n && rc == NC_OK; i++) {
        const rec_claim *c = &r->s->claims[r->c[i].c];
        mentry e = {c->mkey, c->measure, c->lang ? c->lang : r->s->docs[c->doc].lang, c->kind,
                    c->t_text, 0, 0, 1};
        size_t j = mhash(&e) & (cap - 1);
        while (tab[j].used && !(tab[j].mkey == e.mkey && tab[j].measure == e.measure &&
                                tab[j].lang == e.lang && tab[j].kind == e.kind && tab[j].ttext == e.ttext))
            j = (j + 1) & (cap - 1);
        if (!tab[j].used) {
            nci_buf b = {0};
            int k = 0;
            rc = nci_rec_measure(r->tab, nci_pool_str(r->pool, e.mkey), nci_pool_str(r->pool, e.measure),
                                 nci_pool_str(r->pool, e.lang), nci_pool_str(r->pool, e.kind),
                                 nci_pool_str(r->pool, e.ttext), 0, &b, &k);
            e.key = rc == NC_OK ? nci_pool_intern(r->pool, b.p ? b.p : "", b.n) : 0;
            if (rc == NC_OK && !e.key)
                rc = NC_ENOMEM;
            free(b.p);
            e.k = (uint8_t)k;
            tab[j] = e;
        }
        r->c[i].mkey = tab[j].key;
        r->c[i].kind = tab[j].k;
    }
    free(tab);
    return rc;
}

/* Measure families: a key joins the one family of the keys it is the head
 * (a final run of words) of: "prisoner" joins "political prisoner" when no
 * other family has a key ending in "prisoner".  Longer heads are settled
 * first, so "former political prisoner" is already with "political
 * prisoner" when "prisoner" is looked at. */
typedef struct mk {
    uint32_t key;
    uint8_t kind;
    uint32_t words;
    uint32_t par;
} mk;

typedef struct sk2 {
    uint32_t suffix, full; /* indexes into the mk array */
    uint32_t words;        /* words of the suffix */
} sk2;

static int cmp_sk2(const void *a, const void *b)
{
    const sk2 *x = a, *y = b;
    if (x->words != y->words)
        return x->words > y->words ? -1 : 1;
    if (x->suffix != y->suffix)
        return x->suffix < y->suffix ? -1 : 1;
    return x->full < y->full ? -1 : x->full > y->full;
}

static uint32_t mk_find(mk *m, uint32_t x)
{
    while (m[x].par != x) {
        m[x].par = m[m[x].par].par;
        x = m[x].par;
    }
    return x;
}

static nc_status families(R *r)
{
    /* distinct (kind, key) */
    size_t cap = 64;
    while (cap < r->n * 2 + 64)
        cap *= 2;
    uint32_t *tab = calloc(cap, sizeof *tab); /* index+1 into m */
    mk *m = NULL;
    size_t nm = 0, capm = 0;
    sk2 *sx = NULL;
    size_t nsx = 0, capsx = 0;
    uint32_t *mi = malloc((r->n ? r->n : 1) * sizeof *mi);
    nc_status rc = NC_ENOMEM;
    if (!tab || !mi)
        goto out;
    for (size_t i = 0; i < r->n; i++) {
        uint64_t h = (((uint64_t)r->c[i].kind << 32) | r->c[i].mkey) * 0x9E3779B97F4A7C15ULL;
        size_t j = (h >> 17) & (cap - 1);
        while (tab[j] && !(m[tab[j] - 1].key == r->c[i].mkey && m[tab[j] - 1].kind == r->c[i].kind))
            j = (j + 1) & (cap - 1);
        if (!tab[j]) {
            mk *p = nci_grow(m, &capm, nm + 1, sizeof *m);
            if (!p)
                goto out;
            m = p;
            const char *k = nci_pool_str(r->pool, r->c[i].mkey);
            uint32_t w = k && *k ? 1 : 0;
            for (size_t q = 0; k && k[q]; q++)
                w += k[q] == ' ';
            m[nm] = (mk){r->c[i].mkey, r->c[i].kind, w, (uint32_t)nm};
            tab[j] = (uint32_t)++nm;
        }
        mi[i] = tab[j] - 1;
    }
    /* suffixes that are keys themselves */
    for (size_t q = 0; q < nm; q++) {
        const char *k = nci_pool_str(r->pool, m[q].key);
        size_t kl = nci_pool_len(r->pool, m[q].key);
        uint32_t w = m[q].words;
        for (size_t p = 0; p < kl; p++) {
            if (k[p] != ' ')
                continue;
            w--;
            uint32_t id = nci_pool_find(r->pool, k + p + 1, kl - p - 1);
            if (!id)
                continue;
            uint64_t h = (((uint64_t)m[q].kind << 32) | id) * 0x9E3779B97F4A7C15ULL;
            size_t j = (h >> 17) & (cap - 1);
            while (tab[j] && !(m[tab[j] - 1].key == id && m[tab[j] - 1].kind == m[q].kind))
                j = (j + 1) & (cap - 1);
            if (!tab[j])
                continue;
            sk2 *ps = nci_grow(sx, &capsx, nsx + 1, sizeof *sx);
            if (!ps)
                goto out;
            sx = ps;
            sx[nsx++] = (sk2){tab[j] - 1, (uint32_t)q, w};
        }
    }
    if (nsx)
        qsort(sx, nsx, sizeof *sx, cmp_sk2);
    for (size_t i = 0; i < nsx;) {
        size_t j = i;
        while (j < nsx && sx[j].suffix == sx[i].suffix && sx[j].words == sx[i].words)
            j++;
        /* distinct families among the longer keys */
        uint32_t fam = UINT32_MAX;
        int one = 1;
        for (size_t q = i; q < j; q++) {
            uint32_t f = mk_find(m, sx[q].full);
            if (fam == UINT32_MAX)
                fam = f;
            else if (f != fam)
                one = 0;
        }
        if (one && fam != UINT32_MAX) {
            uint32_t a = mk_find(m, sx[i].suffix);
            if (a != fam)
                m[a].par = fam;
        }
        i = j;
    }
    /* the family's key: most words, then bytewise first */
    uint32_t *best = malloc((nm ? nm : 1) * sizeof *best);
    if (!best)
        goto out;
    for (size_t q = 0; q < nm; q++)
        best[q] = UINT32_MAX;
    for (size_t q = 0; q < nm; q++) {
        uint32_t f = mk_find(m, (uint32_t)q);
        if (best[f] == UINT32_MAX || m[q].words > m[best[f]].words ||
            (m[q].words == m[best[f]].words && cmp_str(r->pool, m[q].key, m[best[f]].key) < 0))
            best[f] = (uint32_t)q;
    }
    for (size_t i = 0; i < r->n; i++)
        r->c[i].fam = m[best[mk_find(m, mi[i])]].key;
    free(best);
    rc = NC_OK;
out:
    free(tab);
    free(m);
    free(sx);
    free(mi);
    return rc;
}

/* ------------------------------------------------------------ bounds and times */

static void bounds(R *r, rcl *x)
{
    const rec_claim *c = &r->s->claims[x->c];
    double lo = -INFINITY, hi = INFINITY;
    if (c->flags & RC_LOW)
        lo = c->low;
    if (c->flags & RC_HIGH)
        hi = c->high;
    if (!(c->flags & (RC_LOW | RC_HIGH)) && (c->flags & RC_VALUE))
        lo = hi = c->value;
    const char *q = nci_pool_str(r->pool, c->qualifier);
    /* the qualifier wins over bounds given both ways ("at least 18" with
     * high 18 is open above) */
    if (q && (strcmp(q, "at_least") == 0 || strcmp(q, "more_than") == 0))
        hi = INFINITY;
    if (q && (strcmp(q, "at_most") == 0 || strcmp(q, "less_than") == 0))
        lo = -INFINITY;
    double tol = TOL_EXACT;
    if (q && strcmp(q, "about") == 0)
        tol = TOL_ABOUT;
    else if (q && strcmp(q, "vague") == 0)
        tol = 0;
    x->lo = lo;
    x->hi = hi;
    x->wlo = isfinite(lo) ? lo - fabs(lo) * tol : lo;
    x->whi = isfinite(hi) ? hi + fabs(hi) * tol : hi;
}

static void times(R *r, rcl *x)
{
    const rec_claim *c = &r->s->claims[x->c];
    const rec_doc *d = &r->s->docs[c->doc];
    int32_t slo, shi, elo, ehi, plo = 0, phi = 0;
    int hs = parse_date(nci_pool_str(r->pool, c->t_start), &slo, &shi);
    int he = parse_date(nci_pool_str(r->pool, c->t_end), &elo, &ehi);
    int hp = parse_date(nci_pool_str(r->pool, d->date), &plo, &phi);
    x->dated = 1;
    if (hs && he) {
        x->ts = slo;
        x->te = ehi;
    } else if (hs) {
        /* "since X": a window open until publication for a flow */
        x->ts = slo;
        x->te = x->kind == RK_FLOW && hp && phi >= slo ? phi : shi;
    } else if (he) {
        x->ts = x->kind == RK_FLOW ? INT32_MIN : elo;
        x->te = ehi;
    } else if (hp) {
        /* undated: as of publication ("currently") */
        x->ts = x->kind == RK_FLOW ? INT32_MIN : plo;
        x->te = phi;
    } else {
        x->dated = 0;
        x->ts = INT32_MIN;
        x->te = INT32_MAX;
    }
    if (x->te < x->ts && x->ts != INT32_MIN) {
        int32_t t = x->te;
        x->te = x->ts;
        x->ts = t;
    }
    if (!x->dated) {
        x->ci0 = INT64_MIN;
        x->ci1 = INT64_MAX;
    } else if (x->kind == RK_FLOW) {
        x->ci0 = 2 * (int64_t)x->te - FLOW_END_DAYS;
        x->ci1 = 2 * (int64_t)x->te + FLOW_END_DAYS;
    } else {
        x->ci0 = 2 * (int64_t)x->ts - 2 * STOCK_DAYS;
        x->ci1 = 2 * (int64_t)x->te + 2 * STOCK_DAYS;
    }
}

/* Whether two claims of one group are about the same moment or window. */
static int same_time(const rcl *a, const rcl *b)
{
    /* undated claims of one document are as of its (unknown) publication:
     * the same moment; undated claims of different documents are not
     * known to be */
    if (!a->dated && !b->dated)
        return a->docrank == b->docrank;
    if (!a->dated || !b->dated)
        return 0;
    if (a->ci0 > b->ci1 || b->ci0 > a->ci1)
        return 0;
    if (a->kind == RK_FLOW) /* windows must overlap too */
        return a->ts <= b->te && b->ts <= a->te;
    return 1;
}

/* ------------------------------------------------------------ ordering */


typedef struct ord {
    /* what claims are sorted by, copied in so qsort needs no context */
    uint32_t famrank, place;
    uint8_t kind;
    int32_t te, ts;
    double lo, hi;
    uint32_t docrank;
    const char *cid;
    uint32_t cidn;
    uint32_t i;
} ord;

static int cmp_ord(const void *a, const void *b)
{
    const ord *x = a, *y = b;
    if (x->famrank != y->famrank)
        return x->famrank < y->famrank ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->place != y->place)
        return x->place < y->place ? -1 : 1;
    if (x->te != y->te)
        return x->te < y->te ? -1 : 1;
    if (x->ts != y->ts)
        return x->ts < y->ts ? -1 : 1;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    if (x->hi != y->hi)
        return x->hi < y->hi ? -1 : 1;
    if (x->docrank != y->docrank)
        return x->docrank < y->docrank ? -1 : 1;
    size_t m = x->cidn < y->cidn ? x->cidn : y->cidn;
    int c = memcmp(x->cid, y->cid, m);
    if (c)
        return c;
    return x->cidn < y->cidn ? -1 : x->cidn > y->cidn;
}

typedef struct fr {
    const char *s;
    size_t n;
    uint32_t key;
} fr;

static int cmp_fr(const void *a, const void *b)
{
    const fr *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    if (c)
        return c;
    return x->n < y->n ? -1 : x->n > y->n;
}

/* Dense ranks of pool strings by byte order: rank[i] for ids[i]. */
static nc_status rank_strings(const nci_pool *p, const uint32_t *ids, size_t n, uint32_t *rank)
{
    fr *f = malloc((n ? n : 1) * sizeof *f);
    if (!f)
        return NC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        f[i] = (fr){ids[i] ? p->str[ids[i]] : "", ids[i] ? p->len[ids[i]] : 0, (uint32_t)i};
    qsort(f, n, sizeof *f, cmp_fr);
    uint32_t rk = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && cmp_fr(&f[i - 1], &f[i]) != 0)
            rk++;
        rank[f[i].key] = rk;
    }
    free(f);
    return NC_OK;
}

typedef struct tcrec {
    int64_t ci0, ci1;
    uint32_t pos;
} tcrec;

static int cmp_tcrec(const void *a, const void *b)
{
    const tcrec *x = a, *y = b;
    if (x->ci0 != y->ci0)
        return x->ci0 < y->ci0 ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

typedef struct vcrec {
    uint32_t tc;
    double wlo, whi;
    uint32_t pos;
} vcrec;

static int cmp_vcrec(const void *a, const void *b)
{
    const vcrec *x = a, *y = b;
    if (x->tc != y->tc)
        return x->tc < y->tc ? -1 : 1;
    if (x->wlo != y->wlo)
        return x->wlo < y->wlo ? -1 : 1;
    if (x->whi != y->whi)
        return x->whi < y->whi ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_vote(const void *a, const void *b)
{
    const rec_vote *x = a, *y = b;
    if (x->val != y->val)
        return x->val < y->val ? -1 : 1;
    return x->src < y->src ? -1 : x->src > y->src;
}

/* Folded name and country code of place cluster e, computed once. */
static nc_status place_info(R *r, uint32_t e)
{
    if (r->pl_done[e])
        return NC_OK;
    nci_buf b = {0};
    const char *name = nci_pool_str(r->pool, r->cl_name[e]);
    nc_status rc = nci_rec_fold(name ? name : "", name ? strlen(name) : 0, &b);
    if (rc != NC_OK) {
        free(b.p);
        return rc;
    }
    const char *cc = b.n ? nci_places_country(r->places, b.p) : NULL;
    r->pl_cc[e][0] = cc ? cc[0] : '\0';
    r->pl_cc[e][1] = cc ? cc[1] : '\0';
    r->pl_cc[e][2] = '\0';
    r->pl_key[e] = nci_pool_intern(r->pool, b.p ? b.p : "", b.n);
    free(b.p);
    if (!r->pl_key[e])
        return NC_ENOMEM;
    r->pl_done[e] = 1;
    return NC_OK;
}

/* Places at country level: in a run of one family and kind (o[a..b),
 * sorted by place), a claim placed in a city takes the place of the city's
 * country when the run has claims placed at that country and no other city
 * of it ("5 Spanish citizens in Caracas" joins "five Spanish nationals" in
 * Venezuela; claims in Valencia and in Caracas stay apart from each other
 * and from Venezuela's).  Sets *moved when a place changed. */
static nc_status city_to_country(R *r, ord *o, size_t a, size_t b, int *moved)
{
    size_t ncountry = 0, nother = 0;
    nc_status rc;
    for (size_t q = a; q < b; q++) {
        if (!o[q].place || (q > a && o[q].place == o[q - 1].place))
            continue;
        if ((rc = place_info(r, o[q].place)) != NC_OK)
            return rc;
        if (r->pl_cc[o[q].place][0])
            ncountry++;
        else
            nother++;
    }
    if (!ncountry || !nother || !r->places)
        return NC_OK;
    /* each country place: the one city of the run in it, if one */
    for (size_t q = a; q < b; q++) {
        uint32_t c = o[q].place;
        if (!c || !r->pl_cc[c][0] || (q > a && c == o[q - 1].place))
            continue;
        uint32_t city = 0;
        int many = 0;
        for (size_t t = a; t < b; t++) {
            uint32_t p = o[t].place;
            if (!p || r->pl_cc[p][0] || p == city || (t > a && p == o[t - 1].place))
                continue;
            if (nci_places_city_in(r->places, nci_pool_str(r->pool, r->pl_key[p]), r->pl_cc[c])) {
                if (city)
                    many = 1;
                city = p;
            }
        }
        if (!city || many)
            continue;
        for (size_t t = a; t < b; t++)
            if (o[t].place == city) {
                o[t].place = c;
                r->c[o[t].i].place = c;
                *moved = 1;
            }
    }
    return NC_OK;
}

/* Groups, then time clusters and value clusters in each, then truth
 * discovery. */
static nc_status analyse(R *r)
{
    nc_status rc = NC_ENOMEM;
    size_t n = r->n;
    size_t N = n ? n : 1;
    uint32_t *ids = calloc(N, sizeof *ids), *rank = calloc(N, sizeof *rank);
    ord *o = malloc(N * sizeof *o);
    rcl *tmpc = malloc(N * sizeof *tmpc);
    tcrec *tr = malloc(N * sizeof *tr);
    vcrec *vr = malloc(N * sizeof *vr);
    rec_vote *votes = NULL;
    if (!ids || !rank || !o || !tmpc || !tr || !vr)
        goto out;
    /* family ranks */
    for (size_t i = 0; i < n; i++)
        ids[i] = r->c[i].fam;
    if (rank_strings(r->pool, ids, n, rank))
        goto out;
    for (size_t i = 0; i < n; i++)
        r->c[i].famrank = rank[i];
    /* canonical claim order: family, kind, place, time, bounds, document,
     * claim id */
    for (size_t i = 0; i < n; i++) {
        rcl *x = &r->c[i];
        const rec_claim *c = &r->s->claims[x->c];
        o[i] = (ord){x->famrank, x->place, x->kind, x->te, x->ts, x->lo, x->hi, x->docrank,
                     nci_pool_str(r->pool, c->cid), (uint32_t)nci_pool_len(r->pool, c->cid), (uint32_t)i};
    }
    qsort(o, n, sizeof *o, cmp_ord);
    /* a claim in a city joins its country's claims (city_to_country); a
     * claim without a place takes the one place of its family and kind; the
     * run is sorted again */
    r->pl_done = calloc(r->nclusters + 1, 1);
    r->pl_cc = calloc(r->nclusters + 1, sizeof *r->pl_cc);
    r->pl_key = calloc(r->nclusters + 1, sizeof *r->pl_key);
    if (!r->pl_done || !r->pl_cc || !r->pl_key)
        goto out;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint32_t place = 0;
        int many = 0, none = 0, moved = 0;
        while (j < n && o[j].famrank == o[i].famrank && o[j].kind == o[i].kind)
            j++;
        if (j - i > 1) {
            nc_status prc = city_to_country(r, o, i, j, &moved);
            if (prc != NC_OK) {
                rc = prc;
                goto out;
            }
            if (moved)
                qsort(o + i, j - i, sizeof *o, cmp_ord);
        }
        j = i;
        while (j < n && o[j].famrank == o[i].famrank && o[j].kind == o[i].kind) {
            if (o[j].place) {
                if (place && o[j].place != place)
                    many = 1;
                place = o[j].place;
            } else {
                none = 1;
            }
            j++;
        }
        if (!many && place && none) {
            for (size_t q = i; q < j; q++)
                if (!o[q].place) {
                    o[q].place = place;
                    r->c[o[q].i].place = place;
                }
            qsort(o + i, j - i, sizeof *o, cmp_ord);
        }
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        tmpc[i] = r->c[o[i].i];
    memcpy(r->c, tmpc, n * sizeof *tmpc);
    r->g_first = malloc((n + 2) * sizeof *r->g_first);
    if (!r->g_first)
        goto out;
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || r->c[i].famrank != r->c[i - 1].famrank || r->c[i].kind != r->c[i - 1].kind ||
            r->c[i].place != r->c[i - 1].place)
            r->g_first[ng++] = i;
        r->c[i].group = (uint32_t)(ng - 1);
    }
    r->g_first[ng] = n;
    r->ngroups = ng;
    /* time clusters: per group, dated claims by comparability interval,
     * chained while they overlap; undated claims form one of their own */
    size_t ntc = 0;
    r->g_tc0 = malloc((ng + 1) * sizeof *r->g_tc0);
    if (!r->g_tc0)
        goto out;
    for (size_t g = 0; g < ng; g++) {
        size_t a = r->g_first[g], b = r->g_first[g + 1], m = 0;
        r->g_tc0[g] = (uint32_t)ntc;
        int undated = 0;
        for (size_t i = a; i < b; i++) {
            if (r->c[i].dated)
                tr[m++] = (tcrec){r->c[i].ci0, r->c[i].ci1, (uint32_t)i};
            else
                undated = 1;
        }
        qsort(tr, m, sizeof *tr, cmp_tcrec);
        int64_t end = 0;
        for (size_t q = 0; q < m; q++) {
            if (q == 0 || tr[q].ci0 > end) {
                ntc++;
                end = tr[q].ci1;
            } else if (tr[q].ci1 > end) {
                end = tr[q].ci1;
            }
            r->c[tr[q].pos].tc = (uint32_t)(ntc - 1);
        }
        if (undated) {
            ntc++;
            for (size_t i = a; i < b; i++)
                if (!r->c[i].dated)
                    r->c[i].tc = (uint32_t)(ntc - 1);
        }
    }
    r->ntc = ntc;
    r->g_tc0[ng] = (uint32_t)ntc;
    r->tc_group = malloc((ntc + 1) * sizeof *r->tc_group);
    r->tc_vc0 = malloc((ntc + 1) * sizeof *r->tc_vc0);
    r->tc_nvc = calloc(ntc + 1, sizeof *r->tc_nvc);
    r->tc_te = malloc((ntc + 1) * sizeof *r->tc_te);
    r->tc_dated = malloc((ntc + 1) * sizeof *r->tc_dated);
    if (!r->tc_group || !r->tc_vc0 || !r->tc_nvc || !r->tc_te || !r->tc_dated)
        goto out;
    for (size_t t = 0; t < ntc; t++)
        r->tc_te[t] = INT32_MIN;
    for (size_t i = 0; i < n; i++) {
        uint32_t t = r->c[i].tc;
        r->tc_group[t] = r->c[i].group;
        r->tc_dated[t] = r->c[i].dated;
        if (r->c[i].te > r->tc_te[t])
            r->tc_te[t] = r->c[i].te;
    }
    /* value clusters: per time cluster, by widened low bound, chained while
     * the bounds overlap */
    for (size_t i = 0; i < n; i++)
        vr[i] = (vcrec){r->c[i].tc, r->c[i].wlo, r->c[i].whi, (uint32_t)i};
    qsort(vr, n, sizeof *vr, cmp_vcrec);
    size_t nvc = 0;
    double hi = 0;
    for (size_t q = 0; q < n; q++) {
        if (q == 0 || vr[q].tc != vr[q - 1].tc || vr[q].wlo > hi) {
            if (q == 0 || vr[q].tc != vr[q - 1].tc)
                r->tc_vc0[vr[q].tc] = (uint32_t)nvc;
            r->tc_nvc[vr[q].tc]++;
            nvc++;
            hi = vr[q].whi;
        } else if (vr[q].whi > hi) {
            hi = vr[q].whi;
        }
        r->c[vr[q].pos].vc = (uint32_t)(nvc - 1);
    }
    r->nvc = nvc;
    r->vc_first = calloc(nvc + 2, sizeof *r->vc_first);
    r->vc_count = calloc(nvc + 1, sizeof *r->vc_count);
    r->vc_lo = malloc((nvc + 1) * sizeof *r->vc_lo);
    r->vc_hi = malloc((nvc + 1) * sizeof *r->vc_hi);
    r->byvc = malloc(N * sizeof *r->byvc);
    if (!r->vc_first || !r->vc_count || !r->vc_lo || !r->vc_hi || !r->byvc)
        goto out;
    for (size_t v = 0; v < nvc; v++) {
        r->vc_lo[v] = INFINITY;
        r->vc_hi[v] = -INFINITY;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t v = r->c[i].vc;
        r->vc_count[v]++;
        if (r->c[i].wlo < r->vc_lo[v])
            r->vc_lo[v] = r->c[i].wlo;
        if (r->c[i].whi > r->vc_hi[v])
            r->vc_hi[v] = r->c[i].whi;
    }
    for (size_t v = 0; v < nvc; v++)
        r->vc_first[v + 1] = r->vc_first[v] + r->vc_count[v];
    {
        size_t *pos = calloc(nvc + 1, sizeof *pos);
        if (!pos)
            goto out;
        memcpy(pos, r->vc_first, nvc * sizeof *pos);
        for (size_t i = 0; i < n; i++) /* c[] is in canonical order: stable */
            r->byvc[pos[r->c[i].vc]++] = (uint32_t)i;
        free(pos);
    }
    /* votes: one per (value cluster, source) */
    votes = malloc(N * sizeof *votes);
    if (!votes)
        goto out;
    for (size_t i = 0; i < n; i++)
        votes[i] = (rec_vote){r->c[i].tc, r->c[i].vc, r->c[i].src};
    qsort(votes, n, sizeof *votes, cmp_vote);
    size_t nv = 0;
    for (size_t i = 0; i < n; i++)
        if (!nv || votes[nv - 1].val != votes[i].val || votes[nv - 1].src != votes[i].src)
            votes[nv++] = votes[i];
    r->conf = malloc((nvc + 1) * sizeof *r->conf);
    r->trust = malloc((r->nsrc + 1) * sizeof *r->trust);
    if (!r->conf || !r->trust)
        goto out;
    rc = nci_rec_truth(votes, nv, ntc, nvc, r->nsrc, (r->flags & NC_RECONCILE_MAJORITY) != 0, r->conf,
                       r->trust);
out:
    free(ids);
    free(rank);
    free(o);
    free(tmpc);
    free(tr);
    free(vr);
    free(votes);
    return rc;
}

/* ------------------------------------------------------------ output */

#define PUTL(b, lit) nci_buf_put((b), (lit), sizeof(lit) - 1)

/* A JSON number: integers by hand (the report has hundreds of thousands),
 * the rest by nci_buf_num. */
static void put_num(nci_buf *b, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        nci_buf_int(b, (long long)v);
        return;
    }
    nci_buf_num(b, v);
}

/* A number in [0, 1] to three decimals ("0.83", "1"). */
static void put_prob(nci_buf *b, double v)
{
    long k = (long)floor(v * 1000 + 0.5);
    if (k <= 0) {
        PUTL(b, "0");
        return;
    }
    if (k >= 1000) {
        PUTL(b, "1");
        return;
    }
    char t[8] = {'0', '.', (char)('0' + k / 100), (char)('0' + k / 10 % 10), (char)('0' + k % 10)};
    size_t n = 5;
    while (t[n - 1] == '0')
        n--;
    nci_buf_put(b, t, n);
}

/* A pool string as a JSON string.  Strings recur (document ids, names,
 * measures): each is escaped once into r->esc and copied after. */
static void put_pstr(nci_buf *b, const R *r, uint32_t id)
{
    R *w = (R *)r; /* the cache only */
    if (!id || id >= w->nesc) {
        nci_buf_str(b, nci_pool_str(r->pool, id), nci_pool_len(r->pool, id));
        return;
    }
    if (!w->esc_len[id]) {
        size_t at = w->esc.n;
        nci_buf_str(&w->esc, nci_pool_str(r->pool, id), nci_pool_len(r->pool, id));
        if (w->esc.oom || w->esc.n - at > UINT32_MAX) {
            nci_buf_str(b, nci_pool_str(r->pool, id), nci_pool_len(r->pool, id));
            return;
        }
        w->esc_off[id] = at;
        w->esc_len[id] = (uint32_t)(w->esc.n - at);
    }
    nci_buf_put(b, w->esc.p + w->esc_off[id], w->esc_len[id]);
}

static void put_bound(nci_buf *b, double v)
{
    if (isfinite(v))
        put_num(b, v);
    else
        PUTL(b, "null");
}

static void put_ent(nci_buf *b, uint32_t e)
{
    if (!e) {
        PUTL(b, "null");
        return;
    }
    PUTL(b, "\"e");
    put_num(b, (double)e);
    PUTL(b, "\"");
}

static void put_cid(nci_buf *b, const R *r, const rec_claim *c)
{
    if (c->flags & RC_CID_NUM)
        nci_buf_put(b, nci_pool_str(r->pool, c->cid), nci_pool_len(r->pool, c->cid));
    else
        put_pstr(b, r, c->cid);
}

static void put_ref(nci_buf *b, const R *r, const rcl *x)
{
    const rec_claim *c = &r->s->claims[x->c];
    PUTL(b, "{\"doc\":");
    put_pstr(b, r, r->s->docs[c->doc].id);
    PUTL(b, ",\"claim\":");
    put_cid(b, r, c);
    PUTL(b, "}");
}

/* A number for people: integers without decimals, others to 4 digits. */
static void fmt_num(char *out, size_t cap, double v)
{
    if (fabs(v) < 1e15 && v == floor(v))
        snprintf(out, cap, "%.0f", v);
    else
        snprintf(out, cap, "%.4g", v);
}

/* "806", "49–73", "at least 18", "hundreds (200–999)". */
static void fmt_fig(const R *r, const rcl *x, char *out, size_t cap)
{
    const rec_claim *c = &r->s->claims[x->c];
    char a[40], z[40];
    fmt_num(a, sizeof a, x->lo);
    fmt_num(z, sizeof z, x->hi);
    const char *vg = nci_pool_str(r->pool, c->vague);
    if (vg && isfinite(x->lo) && isfinite(x->hi))
        snprintf(out, cap, "%s (%s\u2013%s)", vg, a, z);
    else if (isfinite(x->lo) && isfinite(x->hi))
        snprintf(out, cap, x->lo == x->hi ? "%s" : "%s\u2013%s", a, z);
    else if (isfinite(x->lo))
        snprintf(out, cap, "at least %s", a);
    else if (isfinite(x->hi))
        snprintf(out, cap, "at most %s", z);
    else
        snprintf(out, cap, "?");
}

/* The claim's time for people and for points: its own words for it, in
 * ISO form ("2026-01-05", "2026-01-08..2026-01-30"), else the document's
 * date. */
static void fmt_time(const R *r, const rcl *x, char *out, size_t cap)
{
    const rec_claim *c = &r->s->claims[x->c];
    const char *s = nci_pool_str(r->pool, c->t_start), *e = nci_pool_str(r->pool, c->t_end);
    if (s && e && strcmp(s, e) != 0)
        snprintf(out, cap, "%s..%s", s, e);
    else if (s || e)
        snprintf(out, cap, "%s%s", s ? "since " : "", s ? s : e);
    else if (r->s->docs[c->doc].date)
        snprintf(out, cap, "published %s", nci_pool_str(r->pool, r->s->docs[c->doc].date));
    else
        snprintf(out, cap, "undated");
    if (s && e && strcmp(s, e) == 0)
        snprintf(out, cap, "%s", s);
}

static const char *point_time(const R *r, const rcl *x)
{
    const rec_claim *c = &r->s->claims[x->c];
    if (c->t_end)
        return nci_pool_str(r->pool, c->t_end);
    if (c->t_start)
        return nci_pool_str(r->pool, c->t_start);
    return nci_pool_str(r->pool, r->s->docs[c->doc].date);
}

static const char *src_label(const R *r, const rcl *x)
{
    const rec_claim *c = &r->s->claims[x->c];
    if (x->ent)
        return nci_pool_str(r->pool, r->cl_name[x->ent]);
    if (c->src_name)
        return nci_pool_str(r->pool, c->src_name);
    return nci_pool_str(r->pool, x->outlet);
}

static void why_conflict(const R *r, const rcl *a, const rcl *b, char *out, size_t cap)
{
    char fa[96], fb[96], ta[64], tb[64];
    fmt_fig(r, a, fa, sizeof fa);
    fmt_fig(r, b, fb, sizeof fb);
    fmt_time(r, a, ta, sizeof ta);
    fmt_time(r, b, tb, sizeof tb);
    const rec_claim *ca = &r->s->claims[a->c], *cb = &r->s->claims[b->c];
    const char *ma = nci_pool_str(r->pool, ca->measure ? ca->measure : ca->mkey);
    const char *mb = nci_pool_str(r->pool, cb->measure ? cb->measure : cb->mkey);
    const char *how;
    if (!a->dated)
        how = "both undated in one document";
    else if (a->kind == RK_FLOW)
        how = a->ts == b->ts && a->te == b->te ? "same window" : "windows ending within 3 days";
    else
        how = a->ts == b->ts && a->te == b->te ? "same date" : "overlapping dates";
    snprintf(out, cap, "%s: %s%s%s (%s) vs %s: %s%s%s (%s); %s, figures cannot both hold",
             src_label(r, a), fa, ma ? " " : "", ma ? ma : "", ta, src_label(r, b), fb, mb ? " " : "",
             mb ? mb : "", tb, how);
}

/* Consensus of a group: the most believed value cluster of its latest
 * time cluster; its bounds are those all its claims share, else their
 * span. */
static void consensus(const R *r, size_t g, uint32_t *vc_out, double *lo, double *hi)
{
    uint32_t best_tc = UINT32_MAX;
    for (size_t i = r->g_first[g]; i < r->g_first[g + 1]; i++) {
        uint32_t t = r->c[i].tc;
        if (best_tc == UINT32_MAX || (r->tc_dated[t] && !r->tc_dated[best_tc]) ||
            (r->tc_dated[t] == r->tc_dated[best_tc] && r->tc_te[t] > r->tc_te[best_tc]))
            best_tc = t;
    }
    uint32_t bv = r->tc_vc0[best_tc];
    for (uint32_t v = bv + 1; v < r->tc_vc0[best_tc] + r->tc_nvc[best_tc]; v++)
        if (r->conf[v] > r->conf[bv] + 1e-12 ||
            (fabs(r->conf[v] - r->conf[bv]) <= 1e-12 && r->vc_count[v] > r->vc_count[bv]))
            bv = v;
    *vc_out = bv;
    double l = -INFINITY, h = INFINITY, hl = INFINITY, hh = -INFINITY;
    for (size_t k = r->vc_first[bv]; k < r->vc_first[bv] + r->vc_count[bv]; k++) {
        const rcl *x = &r->c[r->byvc[k]];
        if (x->lo > l)
            l = x->lo;
        if (x->hi < h)
            h = x->hi;
        if (x->lo < hl)
            hl = x->lo;
        if (x->hi > hh)
            hh = x->hi;
    }
    if (l > h) {
        l = hl;
        h = hh;
    }
    *lo = l;
    *hi = h;
}

typedef struct srec {
    uint32_t ent;
    uint32_t pos;
} srec;

static int cmp_srec(const void *a, const void *b)
{
    const srec *x = a, *y = b;
    if (x->ent != y->ent)
        return x->ent < y->ent ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The measure shown for a group: the most frequent measure as written. */
static uint32_t group_measure(const R *r, size_t g, uint32_t *tmp)
{
    size_t k = 0;
    for (size_t i = r->g_first[g]; i < r->g_first[g + 1]; i++) {
        const rec_claim *c = &r->s->claims[r->c[i].c];
        tmp[k++] = c->measure ? c->measure : c->mkey;
    }
    return pick_most(r->pool, tmp, k);
}

static uint32_t group_place(const R *r, size_t g)
{
    const rcl *x = &r->c[r->g_first[g]];
    return x->place ? r->cl_name[x->place] : 0;
}

typedef struct pairs {
    uint32_t (*p)[2];
    size_t n, cap;
} pairs;

/* Conflicts of group g: for neighbouring value clusters of each time
 * cluster, pairs of claims of different sources about the same time;
 * one pair per pair of sources, at most CONFLICT_CAP, looking at the first
 * CONFLICT_SCAN claims of each cluster. */
static int conflicts(const R *r, size_t g, pairs *P)
{
    P->n = 0;
    for (uint32_t t = r->g_tc0[g]; t < r->g_tc0[g + 1]; t++) {
        for (uint32_t v = r->tc_vc0[t]; v + 1 < r->tc_vc0[t] + r->tc_nvc[t]; v++) {
            size_t emitted = 0;
            uint32_t srcpairs[CONFLICT_CAP][2];
            size_t na = r->vc_count[v] < CONFLICT_SCAN ? r->vc_count[v] : CONFLICT_SCAN;
            size_t nb = r->vc_count[v + 1] < CONFLICT_SCAN ? r->vc_count[v + 1] : CONFLICT_SCAN;
            for (size_t ia = 0; ia < na && emitted < CONFLICT_CAP; ia++) {
                uint32_t pa = r->byvc[r->vc_first[v] + ia];
                for (size_t ib = 0; ib < nb && emitted < CONFLICT_CAP; ib++) {
                    uint32_t pb = r->byvc[r->vc_first[v + 1] + ib];
                    const rcl *a = &r->c[pa], *b = &r->c[pb];
                    if (a->src == b->src || !same_time(a, b) || !(a->whi < b->wlo))
                        continue;
                    /* One pair per pair of sources: the most precise one
                     * (a stated range or figure rather than "dozens"). */
                    int dup = 0;
                    for (size_t k = 0; k < emitted && !dup; k++)
                        if (srcpairs[k][0] == a->src && srcpairs[k][1] == b->src) {
                            dup = 1;
                            size_t q = P->n - emitted + k;
                            const rcl *oa = &r->c[P->p[q][1]], *ob = &r->c[P->p[q][0]];
                            if ((a->whi - a->wlo) + (b->whi - b->wlo) < (oa->whi - oa->wlo) + (ob->whi - ob->wlo)) {
                                P->p[q][0] = pb;
                                P->p[q][1] = pa;
                            }
                        }
                    if (dup)
                        continue;
                    srcpairs[emitted][0] = a->src;
                    srcpairs[emitted][1] = b->src;
                    emitted++;
                    uint32_t(*np)[2] = nci_grow(P->p, &P->cap, P->n + 1, sizeof *P->p);
                    if (!np)
                        return -1;
                    P->p = np;
                    /* the larger figure first, as people say it */
                    P->p[P->n][0] = pb;
                    P->p[P->n][1] = pa;
                    P->n++;
                }
            }
        }
    }
    return 0;
}

/* Distinct outlets among value cluster v's claims (sorted copy in tmp). */
static size_t vc_outlets(const R *r, uint32_t v, uint32_t *tmp)
{
    size_t k = 0;
    for (size_t q = r->vc_first[v]; q < r->vc_first[v] + r->vc_count[v]; q++)
        tmp[k++] = r->c[r->byvc[q]].outlet;
    qsort(tmp, k, sizeof *tmp, cmp_u32);
    size_t d = 0;
    for (size_t q = 0; q < k; q++)
        if (!q || tmp[q] != tmp[q - 1])
            d++;
    return d;
}

static void put_point_time(nci_buf *b, const R *r, const rcl *x)
{
    const char *t = point_time(r, x);
    nci_buf_cstr(b, t);
}

static void json_claim(nci_buf *b, const R *r, const rcl *x)
{
    const rec_claim *c = &r->s->claims[x->c];
    PUTL(b, "{\"doc\":");
    put_pstr(b, r, r->s->docs[c->doc].id);
    PUTL(b, ",\"claim\":");
    put_cid(b, r, c);
    PUTL(b, ",\"value\":");
    if (c->flags & RC_VALUE)
        put_num(b, c->value);
    else
        PUTL(b, "null");
    PUTL(b, ",\"low\":");
    put_bound(b, x->lo);
    PUTL(b, ",\"high\":");
    put_bound(b, x->hi);
    PUTL(b, ",\"qualifier\":");
    put_pstr(b, r, c->qualifier);
    /* optional fields only when set: the report is large */
    if (c->vague) {
        PUTL(b, ",\"vague\":");
        put_pstr(b, r, c->vague);
    }
    if (c->unit) {
        PUTL(b, ",\"unit\":");
        put_pstr(b, r, c->unit);
    }
    PUTL(b, ",\"measure\":");
    put_pstr(b, r, c->measure ? c->measure : c->mkey);
    PUTL(b, ",\"source\":");
    put_pstr(b, r, c->src_name);
    PUTL(b, ",\"source_entity\":");
    put_ent(b, x->ent);
    if (r->s->docs[c->doc].outlet) {
        PUTL(b, ",\"outlet\":");
        put_pstr(b, r, r->s->docs[c->doc].outlet);
    }
    PUTL(b, ",\"time\":");
    if (c->t_start || c->t_end || c->t_text) {
        PUTL(b, "{\"start\":");
        put_pstr(b, r, c->t_start);
        PUTL(b, ",\"end\":");
        put_pstr(b, r, c->t_end);
        PUTL(b, ",\"text\":");
        put_pstr(b, r, c->t_text);
        PUTL(b, "}");
    } else {
        PUTL(b, "null");
    }
    PUTL(b, "}");
}

static const char *trend(double first, double last)
{
    if (last < first)
        return "falling";
    if (last > first)
        return "rising";
    return "steady";
}

static double mid(const rcl *x)
{
    if (isfinite(x->lo) && isfinite(x->hi))
        return (x->lo + x->hi) / 2;
    return isfinite(x->lo) ? x->lo : x->hi;
}

static int json_report(R *r, nci_buf *b, uint32_t *tmp, srec *sr, fr *f, pairs *P)
{
    char t[512];
    PUTL(b, "{\"entities\":[");
    for (size_t e = 1; e <= r->nclusters; e++) {
        if (e > 1)
            nci_buf_put(b, ",", 1);
        PUTL(b, "{\"id\":");
        put_ent(b, (uint32_t)e);
        PUTL(b, ",\"type\":");
        put_pstr(b, r, r->cl_type[e]);
        PUTL(b, ",\"name\":");
        put_pstr(b, r, r->cl_name[e]);
        /* names: distinct, bytewise */
        size_t k = 0;
        for (size_t q = r->cl_first[e]; q < r->cl_first[e + 1]; q++)
            tmp[k++] = r->nodes[r->cl_nodes[q]].name;
        for (size_t q = 0; q < k; q++)
            f[q] = (fr){nci_pool_str(r->pool, tmp[q]), nci_pool_len(r->pool, tmp[q]), tmp[q]};
        qsort(f, k, sizeof *f, cmp_fr);
        PUTL(b, ",\"names\":[");
        for (size_t q = 0, w = 0; q < k; q++)
            if (!q || f[q].key != f[q - 1].key) {
                if (w++)
                    nci_buf_put(b, ",", 1);
                nci_buf_str(b, f[q].s, f[q].n);
            }
        /* documents, in canonical order */
        k = 0;
        for (size_t q = r->cl_first[e]; q < r->cl_first[e + 1]; q++)
            tmp[k++] = r->nodes[r->cl_nodes[q]].doc;
        qsort(tmp, k, sizeof *tmp, cmp_u32);
        PUTL(b, "],\"docs\":[");
        for (size_t q = 0, w = 0; q < k; q++)
            if (!q || tmp[q] != tmp[q - 1]) {
                if (w++)
                    nci_buf_put(b, ",", 1);
                put_pstr(b, r, r->s->docs[r->docs_sorted[tmp[q]]].id);
            }
        PUTL(b, "]}");
    }
    PUTL(b, "],\"groups\":[");
    for (size_t g = 0; g < r->ngroups; g++) {
        size_t a = r->g_first[g], z = r->g_first[g + 1];
        if (g)
            nci_buf_put(b, ",", 1);
        PUTL(b, "{\"id\":");
        put_num(b, (double)(g + 1));
        PUTL(b, ",\"measure\":");
        put_pstr(b, r, group_measure(r, g, tmp));
        PUTL(b, ",\"measure_key\":");
        put_pstr(b, r, r->c[a].fam);
        PUTL(b, ",\"place\":");
        put_pstr(b, r, group_place(r, g));
        PUTL(b, ",\"place_entity\":");
        put_ent(b, r->c[a].place);
        PUTL(b, ",\"kind\":");
        nci_buf_puts(b, r->c[a].kind == RK_FLOW ? "\"flow\"" : "\"stock\"");
        PUTL(b, ",\"claims\":[");
        for (size_t i = a; i < z; i++) {
            if (i > a)
                nci_buf_put(b, ",", 1);
            json_claim(b, r, &r->c[i]);
        }
        /* series: per source entity, in time order (c[] is in time order) */
        size_t k = 0;
        for (size_t i = a; i < z; i++)
            if (r->c[i].ent)
                sr[k++] = (srec){r->c[i].ent, (uint32_t)i};
        qsort(sr, k, sizeof *sr, cmp_srec);
        PUTL(b, "],\"series\":[");
        for (size_t q = 0, w = 0; q < k;) {
            size_t j = q;
            while (j < k && sr[j].ent == sr[q].ent)
                j++;
            if (w++)
                nci_buf_put(b, ",", 1);
            PUTL(b, "{\"source\":");
            put_pstr(b, r, r->cl_name[sr[q].ent]);
            PUTL(b, ",\"source_entity\":");
            put_ent(b, sr[q].ent);
            PUTL(b, ",\"points\":[");
            for (size_t p = q; p < j; p++) {
                const rcl *x = &r->c[sr[p].pos];
                if (p > q)
                    nci_buf_put(b, ",", 1);
                PUTL(b, "{\"time\":");
                put_point_time(b, r, x);
                PUTL(b, ",\"low\":");
                put_bound(b, x->lo);
                PUTL(b, ",\"high\":");
                put_bound(b, x->hi);
                PUTL(b, "}");
            }
            PUTL(b, "],\"trend\":");
            if (j - q >= 2) {
                nci_buf_put(b, "\"", 1);
                nci_buf_puts(b, trend(mid(&r->c[sr[q].pos]), mid(&r->c[sr[j - 1].pos])));
                nci_buf_put(b, "\"", 1);
            } else {
                PUTL(b, "null");
            }
            PUTL(b, "}");
            q = j;
        }
        /* agreements: value clusters with two or more outlets */
        PUTL(b, "],\"agreements\":[");
        int w = 0;
        for (uint32_t tc = r->g_tc0[g]; tc < r->g_tc0[g + 1]; tc++)
            for (uint32_t v = r->tc_vc0[tc]; v < r->tc_vc0[tc] + r->tc_nvc[tc]; v++) {
                if (r->vc_count[v] < 2)
                    continue;
                size_t no = vc_outlets(r, v, tmp);
                if (no < 2)
                    continue;
                if (w++)
                    nci_buf_put(b, ",", 1);
                double l = -INFINITY, h = INFINITY;
                for (size_t q = r->vc_first[v]; q < r->vc_first[v] + r->vc_count[v]; q++) {
                    const rcl *x = &r->c[r->byvc[q]];
                    if (x->lo > l)
                        l = x->lo;
                    if (x->hi < h)
                        h = x->hi;
                }
                PUTL(b, "{\"low\":");
                put_bound(b, l <= h ? l : r->vc_lo[v]);
                PUTL(b, ",\"high\":");
                put_bound(b, l <= h ? h : r->vc_hi[v]);
                PUTL(b, ",\"outlets\":");
                nci_buf_int(b, (long long)no);
                PUTL(b, ",\"claims\":[");
                for (size_t q = r->vc_first[v]; q < r->vc_first[v] + r->vc_count[v]; q++) {
                    if (q > r->vc_first[v])
                        nci_buf_put(b, ",", 1);
                    put_ref(b, r, &r->c[r->byvc[q]]);
                    b->n--; /* reopen the object to add the source */
                    PUTL(b, ",\"source\":");
                    nci_buf_cstr(b, src_label(r, &r->c[r->byvc[q]]));
                    PUTL(b, "}");
                }
                char f1[96];
                fmt_fig(r, &r->c[r->byvc[r->vc_first[v]]], f1, sizeof f1);
                snprintf(t, sizeof t, "%zu outlets give %s for the same time", no, f1);
                PUTL(b, "],\"why\":");
                nci_buf_cstr(b, t);
                PUTL(b, "}");
            }
        PUTL(b, "],\"conflicts\":[");
        if (conflicts(r, g, P))
            return -1;
        for (size_t q = 0; q < P->n; q++) {
            if (q)
                nci_buf_put(b, ",", 1);
            PUTL(b, "{\"a\":");
            put_ref(b, r, &r->c[P->p[q][0]]);
            PUTL(b, ",\"b\":");
            put_ref(b, r, &r->c[P->p[q][1]]);
            why_conflict(r, &r->c[P->p[q][0]], &r->c[P->p[q][1]], t, sizeof t);
            PUTL(b, ",\"why\":");
            nci_buf_cstr(b, t);
            PUTL(b, "}");
        }
        uint32_t v;
        double l, h;
        consensus(r, g, &v, &l, &h);
        const rcl *latest = &r->c[r->byvc[r->vc_first[v]]];
        for (size_t q = r->vc_first[v]; q < r->vc_first[v] + r->vc_count[v]; q++)
            if (r->c[r->byvc[q]].te > latest->te)
                latest = &r->c[r->byvc[q]];
        PUTL(b, "],\"consensus\":{\"time\":");
        put_point_time(b, r, latest);
        PUTL(b, ",\"low\":");
        put_bound(b, l);
        PUTL(b, ",\"high\":");
        put_bound(b, h);
        PUTL(b, ",\"confidence\":");
        put_prob(b, r->conf[v]);
        PUTL(b, ",\"claims\":");
        nci_buf_int(b, (long long)r->vc_count[v]);
        nci_buf_puts(b, (r->flags & NC_RECONCILE_MAJORITY) ? ",\"method\":\"majority\"}}"
                                                            : ",\"method\":\"truth discovery\"}}");
    }
    /* sources and their trust */
    PUTL(b, "],\"sources\":[");
    {
        size_t k = 0;
        for (size_t i = 0; i < r->n; i++)
            sr[k++] = (srec){r->c[i].src, (uint32_t)i};
        qsort(sr, k, sizeof *sr, cmp_srec);
        int w = 0;
        for (size_t q = 0; q < k;) {
            size_t j = q;
            while (j < k && sr[j].ent == sr[q].ent)
                j++;
            const rcl *x = &r->c[sr[q].pos];
            if (w++)
                nci_buf_put(b, ",", 1);
            PUTL(b, "{\"source\":");
            nci_buf_cstr(b, src_label(r, x));
            PUTL(b, ",\"source_entity\":");
            put_ent(b, x->ent);
            PUTL(b, ",\"trust\":");
            put_prob(b, r->trust[x->src]);
            PUTL(b, ",\"claims\":");
            nci_buf_int(b, (long long)(j - q));
            nci_buf_put(b, "}", 1);
            q = j;
        }
    }
    PUTL(b, "]}");
    return b->oom ? -1 : 0;
}

/* ------------------------------------------------------------ table */

/* Width in characters (code points) of UTF-8 text. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; s && *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(nci_buf *b, const char *s, size_t w)
{
    nci_buf_puts(b, s ? s : "");
    for (size_t k = width(s); k < w; k++)
        nci_buf_put(b, " ", 1);
}

enum { COLS = 6 };

static int table_report(R *r, nci_buf *b, uint32_t *tmp, srec *sr, pairs *P)
{
    char t[640];
    for (size_t g = 0; g < r->ngroups; g++) {
        size_t a = r->g_first[g], z = r->g_first[g + 1];
        const char *place = nci_pool_str(r->pool, group_place(r, g));
        snprintf(t, sizeof t, "%sGroup %zu: %s%s%s (%s)\n", g ? "\n" : "", g + 1,
                 nci_pool_str(r->pool, group_measure(r, g, tmp)) ? nci_pool_str(r->pool, group_measure(r, g, tmp)) : "?",
                 place ? " in " : "", place ? place : "", r->c[a].kind == RK_FLOW ? "flow" : "stock");
        nci_buf_puts(b, t);
        /* claim rows: columns aligned over the group */
        static const char *const HEAD[COLS] = {"doc", "claim", "figure", "source", "entity", "time"};
        size_t wd[COLS];
        for (int k = 0; k < COLS; k++)
            wd[k] = width(HEAD[k]);
        for (int pass = 0; pass < 2; pass++) {
            if (pass) {
                PUTL(b, "  ");
                for (int k = 0; k < COLS; k++) {
                    pad(b, HEAD[k], k + 1 < COLS ? wd[k] + 2 : 0);
                }
                PUTL(b, "\n");
            }
            for (size_t i = a; i < z; i++) {
                const rcl *x = &r->c[i];
                const rec_claim *c = &r->s->claims[x->c];
                char fig[96], tm[64], ent[24];
                fmt_fig(r, x, fig, sizeof fig);
                fmt_time(r, x, tm, sizeof tm);
                snprintf(ent, sizeof ent, x->ent ? "e%u" : "-", x->ent);
                const char *cell[COLS] = {nci_pool_str(r->pool, r->s->docs[c->doc].id),
                                          nci_pool_str(r->pool, c->cid), fig,
                                          c->src_name ? nci_pool_str(r->pool, c->src_name) : "(outlet)", ent, tm};
                if (!pass) {
                    for (int k = 0; k < COLS; k++)
                        if (width(cell[k]) > wd[k])
                            wd[k] = width(cell[k]);
                } else {
                    PUTL(b, "  ");
                    for (int k = 0; k < COLS; k++)
                        pad(b, cell[k], k + 1 < COLS ? wd[k] + 2 : 0);
                    PUTL(b, "\n");
                }
            }
        }
        /* series */
        size_t k = 0;
        for (size_t i = a; i < z; i++)
            if (r->c[i].ent)
                sr[k++] = (srec){r->c[i].ent, (uint32_t)i};
        qsort(sr, k, sizeof *sr, cmp_srec);
        for (size_t q = 0; q < k;) {
            size_t j = q;
            while (j < k && sr[j].ent == sr[q].ent)
                j++;
            if (j - q >= 2) {
                snprintf(t, sizeof t, "  series     %s: ", nci_pool_str(r->pool, r->cl_name[sr[q].ent]));
                nci_buf_puts(b, t);
                for (size_t p = q; p < j; p++) {
                    char fig[96];
                    fmt_fig(r, &r->c[sr[p].pos], fig, sizeof fig);
                    const char *pt = point_time(r, &r->c[sr[p].pos]);
                    snprintf(t, sizeof t, "%s%s (%s)", p > q ? " \u2192 " : "", fig, pt ? pt : "?");
                    nci_buf_puts(b, t);
                }
                PUTL(b, "\n");
            }
            q = j;
        }
        for (uint32_t tc = r->g_tc0[g]; tc < r->g_tc0[g + 1]; tc++)
            for (uint32_t v = r->tc_vc0[tc]; v < r->tc_vc0[tc] + r->tc_nvc[tc]; v++) {
                if (r->vc_count[v] < 2)
                    continue;
                size_t no = vc_outlets(r, v, tmp);
                if (no < 2)
                    continue;
                char f1[96];
                fmt_fig(r, &r->c[r->byvc[r->vc_first[v]]], f1, sizeof f1);
                snprintf(t, sizeof t, "  agreement  %zu outlets give %s:", no, f1);
                nci_buf_puts(b, t);
                for (size_t q = r->vc_first[v]; q < r->vc_first[v] + r->vc_count[v] && q < r->vc_first[v] + 8; q++) {
                    const rcl *x = &r->c[r->byvc[q]];
                    snprintf(t, sizeof t, " %s/%s (%s)", nci_pool_str(r->pool, r->s->docs[r->s->claims[x->c].doc].id),
                             nci_pool_str(r->pool, r->s->claims[x->c].cid), src_label(r, x));
                    nci_buf_puts(b, t);
                }
                nci_buf_puts(b, r->vc_count[v] > 8 ? " ...\n" : "\n");
            }
        if (conflicts(r, g, P))
            return -1;
        for (size_t q = 0; q < P->n; q++) {
            why_conflict(r, &r->c[P->p[q][0]], &r->c[P->p[q][1]], t, sizeof t);
            PUTL(b, "  conflict   ");
            nci_buf_puts(b, t);
            PUTL(b, "\n");
        }
        uint32_t v;
        double l, h;
        consensus(r, g, &v, &l, &h);
        const rcl *latest = &r->c[r->byvc[r->vc_first[v]]];
        for (size_t q = r->vc_first[v]; q < r->vc_first[v] + r->vc_count[v]; q++)
            if (r->c[r->byvc[q]].te > latest->te)
                latest = &r->c[r->byvc[q]];
        rcl tmpx = *latest;
        tmpx.lo = l;
        tmpx.hi = h;
        char fig[96];
        fmt_fig(r, &tmpx, fig, sizeof fig);
        const char *pt = point_time(r, latest);
        snprintf(t, sizeof t, "  consensus  %s%s%s, confidence %.2f (%s)\n", fig, pt ? " at " : " (undated)",
                 pt ? pt : "", r->conf[v], (r->flags & NC_RECONCILE_MAJORITY) ? "majority" : "truth discovery");
        nci_buf_puts(b, t);
    }
    return b->oom ? -1 : 0;
}

/* ------------------------------------------------------------ entry */

static void r_free(R *r)
{
    free(r->docrank);
    free(r->docs_sorted);
    free(r->nodes);
    free(r->ent_of_node);
    free(r->pl_done);
    free(r->pl_cc);
    free(r->pl_key);
    free(r->cl_nodes);
    free(r->cl_first);
    free(r->cl_name);
    free(r->cl_type);
    free(r->fold_key);
    free(r->fold_ckey);
    free(r->esc.p);
    free(r->esc_off);
    free(r->esc_len);
    free(r->c);
    free(r->src_outlet);
    free(r->g_first);
    free(r->g_tc0);
    free(r->tc_group);
    free(r->tc_vc0);
    free(r->tc_nvc);
    free(r->tc_te);
    free(r->tc_dated);
    free(r->vc_first);
    free(r->vc_count);
    free(r->byvc);
    free(r->vc_lo);
    free(r->vc_hi);
    free(r->conf);
    free(r->trust);
}

/* Sources: entities 1..E are sources 0..E-1; claims attributed to no one
 * are the outlet's own, one source per outlet after them, by name. */
static nc_status sources(R *r)
{
    size_t n = r->n, k = 0;
    uint32_t *ids = calloc(n ? n : 1, sizeof *ids), *rank = calloc(n ? n : 1, sizeof *rank);
    uint32_t *pos = calloc(n ? n : 1, sizeof *pos);
    if (!ids || !rank || !pos) {
        free(ids);
        free(rank);
        free(pos);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const rec_doc *d = &r->s->docs[r->s->claims[r->c[i].c].doc];
        r->c[i].outlet = d->outlet ? d->outlet : d->id;
        if (r->c[i].ent) {
            r->c[i].src = r->c[i].ent - 1;
        } else {
            ids[k] = r->c[i].outlet;
            pos[k++] = (uint32_t)i;
        }
    }
    nc_status rc = rank_strings(r->pool, ids, k, rank);
    uint32_t maxr = 0;
    for (size_t q = 0; q < k && rc == NC_OK; q++) {
        r->c[pos[q]].src = (uint32_t)r->nclusters + rank[q];
        if (rank[q] + 1 > maxr)
            maxr = rank[q] + 1;
    }
    r->nsrc = r->nclusters + maxr;
    free(ids);
    free(rank);
    free(pos);
    return rc;
}

NC_EXPORT nc_status nc_claimset_reconcile_json(nc_claimset *set, unsigned flags, char **out,
                                               size_t *len, nc_error *err)
{
    nc_error_clear(err);
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!set || !out || (flags & ~(unsigned)(NC_RECONCILE_TABLE | NC_RECONCILE_MAJORITY)))
        return nci_error_set(err, NC_EINVAL, -1, 0, 0, "NULL argument or unknown flag");
    R r;
    memset(&r, 0, sizeof r);
    r.s = set;
    r.pool = &set->pool;
    r.flags = flags;
    r.tab = &set->ctx->translations;
    r.n = set->nclaims;
    nc_status rc = NC_ENOMEM;
    uint32_t *tmp = NULL;
    srec *sr = NULL;
    fr *fb = NULL;
    pairs P = {0};
    nci_buf b = {0};
    nci_places *places = NULL;
    r.c = calloc(r.n ? r.n : 1, sizeof *r.c);
    if (!r.c)
        goto out;
    if ((rc = order_docs(&r)) != NC_OK)
        goto out;
    for (size_t i = 0; i < r.n; i++) {
        r.c[i].c = (uint32_t)i;
        r.c[i].docrank = r.docrank[set->claims[i].doc];
    }
    if ((rc = entities(&r)) != NC_OK || (rc = measures(&r)) != NC_OK || (rc = families(&r)) != NC_OK)
        goto out;
    for (size_t i = 0; i < r.n; i++) {
        bounds(&r, &r.c[i]);
        times(&r, &r.c[i]);
    }
    if ((rc = nci_places_new(&set->ctx->cities, &places)) != NC_OK)
        goto out;
    r.places = places;
    if ((rc = sources(&r)) != NC_OK || (rc = analyse(&r)) != NC_OK)
        goto out;
    rc = NC_ENOMEM;
    size_t big = (r.n > r.nnodes ? r.n : r.nnodes) + 1;
    tmp = malloc(big * sizeof *tmp);
    sr = malloc(big * sizeof *sr);
    fb = malloc(big * sizeof *fb);
    if (!tmp || !sr || !fb)
        goto out;
    r.nesc = set->pool.n;
    r.esc_off = malloc((r.nesc + 1) * sizeof *r.esc_off);
    r.esc_len = calloc(r.nesc + 1, sizeof *r.esc_len);
    if (!r.esc_off || !r.esc_len)
        goto out;
    /* room for the whole report up front: about 500 bytes a claim */
    b.cap = 4096 + r.n * 512;
    b.p = malloc(b.cap);
    if (!b.p)
        b.cap = 0;
    if ((flags & NC_RECONCILE_TABLE) ? table_report(&r, &b, tmp, sr, &P) : json_report(&r, &b, tmp, sr, fb, &P))
        goto out;
    if (!b.p) {
        b.p = malloc(1);
        if (!b.p)
            goto out;
        b.p[0] = '\0';
    }
    *out = b.p;
    if (len)
        *len = b.n;
    b.p = NULL;
    rc = NC_OK;
out:
    if (rc != NC_OK)
        nci_error_set(err, rc, -1, 0, 0, "reconcile failed: %s", nc_strerror(rc));
    free(b.p);
    free(tmp);
    free(sr);
    free(fb);
    free(P.p);
    nci_places_free(places);
    r_free(&r);
    return rc;
}
