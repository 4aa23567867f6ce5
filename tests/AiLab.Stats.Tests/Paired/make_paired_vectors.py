#!/usr/bin/python3
"""Generate paired_vectors.json: scipy's paired t-test and Wilcoxon signed-rank test on seeded samples.

Run with the Debian interpreter that has scipy 1.10:

    /usr/bin/python3 tests/AiLab.Stats.Tests/Paired/make_paired_vectors.py

Seeded, so re-running reproduces the committed file with the same scipy/numpy.

Conventions: the differences are y - x (scipy's ttest_rel(y, x) and wilcoxon(y, x)). Wilcoxon follows R's rule for
the exact distribution (fewer than 50 non-zero differences and no tied |d|, no zeros); otherwise scipy is asked for
method='approx' with correction=True (R's correct = TRUE), zeros dropped (zero_method='wilcox'). The interval is the
t interval of the mean difference, from scipy's t quantile.
"""
import json
import os
import warnings

import numpy as np
import scipy
from scipy import stats


def r_exact(d):
    nz = d[d != 0]
    return len(nz) == len(d) and len(nz) < 50 and len(np.unique(np.abs(nz))) == len(nz)


def case(x, y, confidence=0.95):
    x, y = np.asarray(x, float), np.asarray(y, float)
    d = y - x
    t = stats.ttest_rel(y, x)
    n = len(d)
    se = d.std(ddof=1) / np.sqrt(n)
    q = stats.t.ppf(1 - (1 - confidence) / 2, n - 1)
    exact = r_exact(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if exact:
            w = stats.wilcoxon(y, x, method="exact")
        else:
            w = stats.wilcoxon(y, x, method="approx", correction=True)
    return {
        "x": x.tolist(), "y": y.tolist(), "confidence": confidence,
        "t": float(t.statistic), "p": float(t.pvalue), "mean": float(d.mean()),
        "low": float(d.mean() - q * se), "high": float(d.mean() + q * se),
        "w": float(w.statistic), "w_p": float(w.pvalue), "exact": bool(exact),
    }


def main():
    rng = np.random.default_rng(20261206)
    cases = []
    # Log TTFB of blocks that share a noise (the scheduler pass) plus their own, with and without a shift.
    for n, shift, shared, own in [(3, 0.0, 0.3, 0.05), (6, 0.0, 0.4, 0.05), (8, 0.1, 0.3, 0.05),
                                  (10, 0.02, 0.4, 0.03), (12, -0.05, 0.2, 0.08), (20, 0.0, 0.5, 0.1),
                                  (49, 0.01, 0.3, 0.05), (60, 0.03, 0.3, 0.05)]:
        common = rng.normal(6.5, shared, n)
        x = common + rng.normal(0, own, n)
        y = common + shift + rng.normal(0, own, n)
        cases.append(case(x, y, 0.95 if n % 2 == 0 else 0.99))
    # Ties and zeros send Wilcoxon to the normal approximation.
    cases.append(case([1, 2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 4, 7, 8, 9, 11]))
    cases.append(case([10, 12, 9, 14, 11, 13], [11, 14, 9, 16, 12, 15]))
    # All differences one sign: the exact test's smallest p-value.
    cases.append(case([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.5, 2.7, 3.1, 4.9, 5.2, 6.8, 7.35, 8.45]))
    out = {"scipy": scipy.__version__, "numpy": np.__version__, "paired": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paired_vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
