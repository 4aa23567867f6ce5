#!/usr/bin/python3
"""How much of a Slurm A/B's TTFB noise A and B of one block share (issue 13: the A/A through Slurm).

For each experiment (the JSON of `ailab show ID --trials --json`), pairs the measured trials block by block (the
schedule's consecutive A and B, submitted together once the warm-ups placed the experiment) and prints:

- the correlation of A's and B's queue phases within blocks, and how far apart in time each block's two submits were;
- TTFB's change (ratio of geometric means) with Welch's interval on log values, as independent samples: the idea of
  the lab's test, computed here from the same trials (the lab's own interval, in `ailab show`, differs a little);
- the same change with a block-paired t interval on the per-block log B - log A (Student 1908; a paired design),
  which cancels whatever noise the two trials of a block share - here the wait for the scheduler's pass.

The paired interval is an analysis, not what the lab decides with: docs/slurm.md says why it is only a proposal.

    /usr/bin/python3 bench/slurm_block_pairing.py a.json b.json ...      # python3-scipy
"""
import datetime
import json
import math
import statistics
import sys

from scipy import stats


def blocks(trials):
    measured = sorted((t for t in trials if not t["warmup"] and t["status"] == "succeeded"),
                      key=lambda t: t["sequence"])
    pairs = []
    for first, second in zip(measured[0::2], measured[1::2]):
        if first["variant"] != second["variant"]:
            pairs.append((first, second) if first["variant"] == "A" else (second, first))
    return pairs


def percent(log_ratio):
    return 100 * (math.exp(log_ratio) - 1)


def welch_interval(a, b, level=0.95):
    """Welch's interval for mean(b) - mean(a), Welch-Satterthwaite degrees of freedom."""
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = stats.t.ppf(0.5 + level / 2, df) * math.sqrt(va + vb)
    diff = statistics.fmean(b) - statistics.fmean(a)
    return diff - half, diff + half


def main(paths):
    for path in paths:
        with open(path) as f:
            doc = json.load(f)
        pairs = blocks(doc["trial_results"])
        qa = [a["phases_ms"]["queue"] for a, _ in pairs]
        qb = [b["phases_ms"]["queue"] for _, b in pairs]
        apart = [abs(datetime.datetime.fromisoformat(b["scheduler"]["submitted_at"]).timestamp()
                     - datetime.datetime.fromisoformat(a["scheduler"]["submitted_at"]).timestamp()) * 1e3
                 for a, b in pairs]
        la = [math.log(a["ttfb_ms"]) for a, _ in pairs]
        lb = [math.log(b["ttfb_ms"]) for _, b in pairs]
        welch = welch_interval(la, lb)
        diffs = [y - x for x, y in zip(la, lb)]
        mean, n = statistics.fmean(diffs), len(diffs)
        half = stats.t.ppf(0.975, n - 1) * statistics.stdev(diffs) / math.sqrt(n)
        print("%s (%s, %d blocks): queue corr %.2f, submits %.0f ms apart at most; TTFB %+.1f%%: Welch [%+.1f%%, "
              "%+.1f%%], block-paired [%+.1f%%, %+.1f%%]"
              % (doc["experiment_id"], doc["verdict"], n, statistics.correlation(qa, qb), max(apart),
                 percent(statistics.fmean(lb) - statistics.fmean(la)), percent(welch[0]), percent(welch[1]),
                 percent(mean - half), percent(mean + half)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1:])
