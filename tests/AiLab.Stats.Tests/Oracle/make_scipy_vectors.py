#!/usr/bin/python3
"""Generate scipy_vectors.json: reference values from scipy/numpy for AiLab.Stats.

Run with the Debian interpreter that has scipy 1.10 (the pyenv python3 on PATH has no scipy):

    /usr/bin/python3 tests/AiLab.Stats.Tests/Oracle/make_scipy_vectors.py

Everything is seeded, so re-running reproduces the committed file byte for byte with the same scipy/numpy.

Conventions that matter:
- Mann-Whitney: scipy's method='auto' switches to exact only for n <= 8, while R (and AiLab.Stats) use the exact
  distribution when both n < 50 and there are no ties. Each case therefore names its method explicitly, chosen by
  R's rule, and the generator checks the rule. scipy's statistic is U1 (for x), which is R's W.
- A shift (R's mu) is applied as x - shift before calling scipy, exactly as R's wilcox.test/t.test do.
- Welch degrees of freedom are not in scipy 1.10's result object; they come from scipy's own helper.
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import special, stats
from scipy.stats._stats_py import _unequal_var_ttest_denom

ALTERNATIVES = ["two-sided", "greater", "less"]
TINY = 1e-280  # below this, double underflow makes relative comparisons meaningless


def student_t_cdf():
    ts = [-40, -12.5, -5, -3, -2.0001, -1, -0.5, -1e-3, 0, 1e-3, 0.25, 1, 1.96, 3, 6.5, 15, 40]
    dfs = [0.5, 1, 1.5, 2, 2.7, 3, 5, 7.3, 10, 16.06158, 30, 61.716, 100, 507.29, 1000, 1e5]
    out = []
    for df in dfs:
        for t in ts:
            p = float(special.stdtr(df, t))
            if p > TINY:
                out.append({"t": t, "df": df, "p": p})
    return out


def normal_cdf():
    xs = [-37.5, -30, -20, -10, -8, -6, -5, -4, -3, -2.5, -1.96, -1.5, -1, -0.5, -1e-4, 0, 1e-4, 0.3, 1, 1.64, 2, 3, 4.5, 6, 8]
    return [{"x": x, "p": float(special.ndtr(x))} for x in xs]


def normal_quantile():
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 1e-3, 0.01, 0.02, 0.02425, 0.025, 0.05, 0.1, 0.25, 0.4, 0.49, 0.5,
          0.51, 0.6, 0.75, 0.9, 0.95, 0.97, 0.975, 0.98, 0.99, 0.999, 1 - 1e-7, 1 - 1e-10]
    return [{"p": p, "x": float(special.ndtri(p))} for p in ps]


def log_gamma():
    xs = [1e-8, 0.01, 0.1, 0.5, 0.9, 1.5, 2.5, 3.7, 7, 10, 30.5, 100, 1234.5, 1e5, 1e10]
    return [{"x": x, "value": float(special.gammaln(x))} for x in xs]


def incomplete_beta():
    out = []
    for a in [0.5, 1, 2.5, 8, 30.85, 253.6]:
        for b in [0.5, 1, 3, 12.2, 100]:
            for x in [1e-6, 0.01, 0.2, 0.5, 0.77, 0.95, 0.999]:
                value = float(special.betainc(a, b, x))
                if value > TINY:
                    out.append({"a": a, "b": b, "x": x, "value": value})
    return out


def lognormal(rng, n, mu=7.0, sigma=0.3):
    return rng.lognormal(mean=mu, sigma=sigma, size=n)


def welch(rng):
    out = []
    for nx, ny, sx, sy in [(2, 3, 0.2, 0.2), (5, 5, 0.1, 0.3), (8, 12, 0.3, 0.1), (12, 12, 0.05, 0.05),
                           (30, 40, 0.3, 0.5), (3, 50, 0.2, 0.2), (100, 80, 0.4, 0.1)]:
        x = lognormal(rng, nx, sigma=sx)
        y = lognormal(rng, ny, mu=7.05, sigma=sy)
        for shift in [0.0, -50.0]:
            for alt in ALTERNATIVES:
                r = stats.ttest_ind(x - shift, y, equal_var=False, alternative=alt)
                vx, vy = np.var(x, ddof=1), np.var(y, ddof=1)
                df, _ = _unequal_var_ttest_denom(vx, nx, vy, ny)
                out.append({"x": x.tolist(), "y": y.tolist(), "mu": shift, "alternative": alt,
                            "t": float(r.statistic), "df": float(df), "p": float(r.pvalue)})
    return out


def student(rng):
    out = []
    for n in [2, 4, 10, 31, 250]:
        x = lognormal(rng, n)
        for mu in [float(np.exp(7.0)), float(np.mean(x)) * 1.01]:
            for alt in ALTERNATIVES:
                r = stats.ttest_1samp(x, popmean=mu, alternative=alt)
                out.append({"x": x.tolist(), "mu": mu, "alternative": alt, "t": float(r.statistic), "p": float(r.pvalue)})
    return out


def r_uses_exact(xs, y):
    pooled = np.concatenate([xs, y])
    return len(xs) < 50 and len(y) < 50 and len(np.unique(pooled)) == len(pooled)


def mann_whitney(rng):
    out = []
    # (nx, ny, decimals): decimals=None keeps continuous values (no ties); rounding makes ties on purpose.
    designs = [(3, 4, None), (5, 7, None), (8, 8, None), (10, 15, None), (20, 25, None), (30, 40, None), (49, 45, None),
               (10, 12, 1), (25, 30, 1), (50, 60, None), (3, 62, None), (60, 55, 0), (200, 150, 1)]
    for nx, ny, decimals in designs:
        x = lognormal(rng, nx, mu=2.0, sigma=0.3)
        y = lognormal(rng, ny, mu=2.05, sigma=0.3)
        if decimals is not None:
            x, y = np.round(x, decimals), np.round(y, decimals)
        # A shift that keeps ties intact: a multiple of the rounding step (or of nothing, for continuous data).
        for shift in [0.0, -0.5]:
            xs = x - shift
            method = "exact" if r_uses_exact(xs, y) else "asymptotic"
            assert (decimals is None and min(nx, ny) < 50 and max(nx, ny) < 50) == (method == "exact"), (nx, ny, decimals)
            for alt in ALTERNATIVES:
                r = stats.mannwhitneyu(xs, y, alternative=alt, method=method, use_continuity=True)
                u = float(r.statistic)
                # R and scipy disagree only when |U - mn/2| < 1/2 under the two-sided normal approximation.
                assert not (method == "asymptotic" and alt == "two-sided" and abs(u - nx * ny / 2) < 0.5)
                out.append({"x": x.tolist(), "y": y.tolist(), "shift": shift, "alternative": alt,
                            "method": method, "u": u, "p": float(r.pvalue)})
    return out


def descriptive(rng):
    out = []
    for n in [1, 2, 3, 4, 7, 12, 30, 101]:
        x = lognormal(rng, n)
        case = {"x": x.tolist(), "mean": float(np.mean(x)), "median": float(np.median(x)),
                "quantiles": [{"p": p, "value": float(np.percentile(x, 100 * p))}
                              for p in [0, 0.025, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.975, 1]]}
        if n >= 2:
            case["variance"] = float(np.var(x, ddof=1))
            case["stddev"] = float(np.std(x, ddof=1))
        out.append(case)
    return out


def main():
    rng = np.random.default_rng(20240611)
    doc = {
        "generator": "tests/AiLab.Stats.Tests/Oracle/make_scipy_vectors.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "student_t_cdf": student_t_cdf(),
        "normal_cdf": normal_cdf(),
        "normal_quantile": normal_quantile(),
        "log_gamma": log_gamma(),
        "incomplete_beta": incomplete_beta(),
        "welch": welch(rng),
        "student": student(rng),
        "mann_whitney": mann_whitney(rng),
        "descriptive": descriptive(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_vectors.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    counts = {k: len(v) for k, v in doc.items() if isinstance(v, list)}
    print(f"wrote {path}: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
