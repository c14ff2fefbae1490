/* Reconcile: consensus by truth discovery.
 *
 * The model is the ACCU model of Dong, Berti-Equille and Srivastava
 * ("Integrating conflicting data: the role of source dependence", VLDB
 * 2009) without copy detection, iterated as TruthFinder (Yin, Han and Yu,
 * KDD 2007) iterates: source trust and value belief feed each other until
 * they settle.  Our own code.
 *
 * Objects are the questions "what was the quantity of this group at this
 * time" (a time cluster of a group); values are the clusters of claims
 * whose bounds overlap; each source votes once per value of an object.
 *
 * - Belief.  With trust t(s), a vote of s for v adds ln(K t(s) / (1 - t(s)))
 *   to the score of v, where K = 1 + the number of other values of the
 *   object (the false values a wrong source could have picked).  The
 *   confidence of v is exp(score v) / (1 + sum over the object's values of
 *   exp(score)): the 1 stands for "none of these is right", so one source
 *   of trust t alone gives its value confidence about t, two agreeing
 *   sources more, and disagreeing ones split it.
 * - Trust.  t(s) = (sum of the confidences of the values s voted for +
 *   PRIOR_W * PRIOR) / (its votes + PRIOR_W): a mean pulled towards the
 *   prior, so a source seen once keeps about the prior.  Clamped to
 *   [0.02, 0.98].
 * - Start from t = PRIOR for everyone; stop when no trust moves by more
 *   than 1e-5, or after 30 rounds.
 *
 * Assumptions: sources are independent (no copying detected; outlets that
 * repeat one source count once because votes are per source entity, not
 * per article); one value per object is true; a source's reliability is
 * the same across groups.
 *
 * The baseline (majority) gives each value the share of the object's
 * sources that voted for it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "reconcile.h"

#define PRIOR 0.7
#define PRIOR_W 1.0
#define ROUNDS 30

nc_status nci_rec_truth(const rec_vote *votes, size_t nvotes, size_t nobj, size_t nval,
                        size_t nsrc, int majority, double *conf, double *trust)
{
    for (size_t s = 0; s < nsrc; s++)
        trust[s] = PRIOR;
    for (size_t v = 0; v < nval; v++)
        conf[v] = 0;
    if (majority) {
        /* share of the object's voters */
        size_t *per_obj = calloc(nobj ? nobj : 1, sizeof *per_obj);
        size_t *per_val = calloc(nval ? nval : 1, sizeof *per_val);
        uint32_t *val_obj = calloc(nval ? nval : 1, sizeof *val_obj);
        if (!per_obj || !per_val || !val_obj) {
            free(per_obj);
            free(per_val);
            free(val_obj);
            return NC_ENOMEM;
        }
        for (size_t i = 0; i < nvotes; i++) {
            per_obj[votes[i].obj]++;
            per_val[votes[i].val]++;
            val_obj[votes[i].val] = votes[i].obj;
        }
        for (size_t v = 0; v < nval; v++)
            conf[v] = per_obj[val_obj[v]] ? (double)per_val[v] / (double)per_obj[val_obj[v]] : 0;
        free(per_obj);
        free(per_val);
        free(val_obj);
        return NC_OK;
    }
    double *score = malloc((nval ? nval : 1) * sizeof *score);
    double *lodds = malloc((nsrc ? nsrc : 1) * sizeof *lodds);
    double *logk = malloc((nobj ? nobj : 1) * sizeof *logk);
    double *sum = malloc((nsrc ? nsrc : 1) * sizeof *sum);
    size_t *cnt = calloc(nsrc ? nsrc : 1, sizeof *cnt);
    size_t *nvals_obj = calloc(nobj ? nobj : 1, sizeof *nvals_obj);
    uint32_t *val_obj = calloc(nval ? nval : 1, sizeof *val_obj);
    if (!score || !sum || !cnt || !nvals_obj || !val_obj || !lodds || !logk) {
        free(lodds);
        free(logk);
        free(score);
        free(sum);
        free(cnt);
        free(nvals_obj);
        free(val_obj);
        return NC_ENOMEM;
    }
    /* values per object (votes are sorted by obj, val) */
    for (size_t i = 0; i < nvotes; i++) {
        if (i == 0 || votes[i].val != votes[i - 1].val || votes[i].obj != votes[i - 1].obj)
            nvals_obj[votes[i].obj]++;
        val_obj[votes[i].val] = votes[i].obj;
        cnt[votes[i].src]++;
    }
    for (size_t o = 0; o < nobj; o++)
        logk[o] = nvals_obj[o] ? log((double)nvals_obj[o]) : 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t v = 0; v < nval; v++)
            score[v] = 0;
        for (size_t s = 0; s < nsrc; s++)
            lodds[s] = log(trust[s] / (1 - trust[s]));
        for (size_t i = 0; i < nvotes; i++)
            score[votes[i].val] += logk[votes[i].obj] + lodds[votes[i].src];
        /* confidences per object: exp(score) / (1 + sum exp) computed stably */
        size_t i = 0;
        while (i < nvotes) {
            uint32_t o = votes[i].obj;
            size_t j = i;
            double mx = 0; /* the "none" option has score 0 */
            while (j < nvotes && votes[j].obj == o) {
                if (score[votes[j].val] > mx)
                    mx = score[votes[j].val];
                j++;
            }
            /* each value once (its votes are adjacent): its exp is kept in
             * conf until z is known */
            double z = exp(-mx);
            for (size_t q = i; q < j; q++)
                if (q == i || votes[q].val != votes[q - 1].val)
                    z += conf[votes[q].val] = exp(score[votes[q].val] - mx);
            for (size_t q = i; q < j; q++)
                if (q == i || votes[q].val != votes[q - 1].val)
                    conf[votes[q].val] /= z;
            i = j;
        }
        for (size_t s = 0; s < nsrc; s++)
            sum[s] = 0;
        for (size_t q = 0; q < nvotes; q++)
            sum[votes[q].src] += conf[votes[q].val];
        double moved = 0;
        for (size_t s = 0; s < nsrc; s++) {
            double t = (sum[s] + PRIOR_W * PRIOR) / ((double)cnt[s] + PRIOR_W);
            if (t < 0.02)
                t = 0.02;
            if (t > 0.98)
                t = 0.98;
            if (fabs(t - trust[s]) > moved)
                moved = fabs(t - trust[s]);
            trust[s] = t;
        }
        if (moved < 1e-5)
            break;
    }
    free(lodds);
    free(logk);
    free(score);
    free(sum);
    free(cnt);
    free(nvals_obj);
    free(val_obj);
    return NC_OK;
}
