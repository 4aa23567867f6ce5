#!/usr/bin/env python3
"""Reference values for AiLab.Stats.Classification and AiLab.Stats.Paired, written to classification_vectors.json.

Oracles: scikit-learn (Debian's python3-sklearn) for accuracy, precision, recall, F1, roc_auc_score and
average_precision_score (with and without sample_weight); scipy for McNemar's exact binomial and chi-square p-values;
DeLong's variance computed here straight from the 1988 paper's O(m*n) placement-value definition (psi kernel),
not from Sun & Xu's mid-rank shortcut the C# code uses, so the two are independent; ECE from Guo et al. 2017 eq. 3.
Run: /usr/bin/python3 make_classification_vectors.py  (fixed seeds: the output is reproducible).
"""
import json
import math

import numpy as np
from scipy import stats
from sklearn import metrics


def delong_paper(y, a, b):
    pos = y == 1
    out = {}
    v10s, v01s, aucs = [], [], []
    for s in (a, b):
        x, z = s[pos], s[~pos]
        psi = (x[:, None] > z[None, :]).astype(float) + 0.5 * (x[:, None] == z[None, :])
        v10s.append(psi.mean(axis=1))
        v01s.append(psi.mean(axis=0))
        aucs.append(psi.mean())
    m, n = pos.sum(), (~pos).sum()
    s10 = np.cov(np.vstack(v10s))
    s01 = np.cov(np.vstack(v01s))
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    se = math.sqrt(var)
    diff = aucs[1] - aucs[0]
    z = diff / se
    out.update(auc_a=aucs[0], auc_b=aucs[1], se=se, z=z, p=2 * stats.norm.sf(abs(z)))
    return out


def ece(y, p, bins=10):
    idx = np.clip(np.ceil(p * bins).astype(int) - 1, 0, bins - 1)
    total = 0.0
    for k in range(bins):
        sel = idx == k
        if sel.any():
            total += sel.sum() / len(p) * abs(y[sel].mean() - p[sel].mean())
    return total


def mcnemar(b, c):
    n = b + c
    exact = 1.0 if n == 0 else min(1.0, stats.binomtest(min(b, c), n, 0.5).pvalue)
    chi = 0.0 if n == 0 else max(abs(b - c) - 1, 0) ** 2 / n
    return dict(b=b, c=c, exact_p=exact, chi2=chi, chi2_p=stats.chi2.sf(chi, 1))


def case(rng, n, prevalence, rounding, threshold):
    y = (rng.random(n) < prevalence).astype(int)
    signal = y * 1.2 + rng.normal(size=n)
    a = 1 / (1 + np.exp(-(signal + 0.3 * rng.normal(size=n))))
    b = 1 / (1 + np.exp(-(0.8 * signal + 0.5 * rng.normal(size=n))))
    if rounding:  # ties, as a model with coarse outputs produces
        a, b = np.round(a, rounding), np.round(b, rounding)
    weights = rng.poisson(1.0, size=n)
    da, db = (a >= threshold).astype(int), (b >= threshold).astype(int)
    ca, cb = da == y, db == y
    out = dict(labels=y.tolist(), a=a.tolist(), b=b.tolist(), threshold=threshold, weights=weights.tolist())
    for name, s, d in (("side_a", a, da), ("side_b", b, db)):
        out[name] = dict(
            accuracy=metrics.accuracy_score(y, d),
            precision=metrics.precision_score(y, d, zero_division=0),
            recall=metrics.recall_score(y, d, zero_division=0),
            f1=metrics.f1_score(y, d, zero_division=0),
            auroc=metrics.roc_auc_score(y, s),
            auprc=metrics.average_precision_score(y, s),
            auprc_weighted=metrics.average_precision_score(y, s, sample_weight=weights),
            ece=ece(y, s),
        )
    out["agreement"] = dict(flip_share=float((da != db).mean()), correlation=float(np.corrcoef(a, b)[0, 1]),
                            largest_change=float(np.abs(b - a).max()))
    out["mcnemar"] = mcnemar(int((ca & ~cb).sum()), int((~ca & cb).sum()))
    out["delong"] = delong_paper(y, a, b)
    return out


def main():
    rng = np.random.default_rng(20261206)
    cases = [case(rng, 40, 0.5, 1, 0.5), case(rng, 300, 0.3, 2, 0.5), case(rng, 1500, 0.1, None, 0.3),
             case(rng, 800, 0.5, 3, 0.6)]
    # McNemar's published example: Agresti, Categorical Data Analysis (2nd ed., 2002) Table 10.1, presidential
    # approval of 1600 people at two surveys: 794 approve/approve, 150 approve/disapprove, 86 disapprove/approve,
    # 570 disapprove/disapprove. Agresti gives z² = 17.36 without correction (p < 0.0001).
    published = mcnemar(150, 86)
    published["uncorrected_chi2_agresti"] = 17.36
    small = [mcnemar(b, c) for b, c in ((0, 0), (0, 5), (3, 9), (10, 10), (1, 20), (47, 31), (400, 460))]
    doc = dict(cases=cases, mcnemar_published=published, mcnemar=small)
    with open("classification_vectors.json", "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main()
