#!/usr/bin/env python3
"""Verdict accuracy on the real PyTorch example (issue: the lab's foundation).

Runs A/A experiments (base vs base) and A/B experiments (base vs a commit that adds 100 ms of blocking work to
config validation), alternately, each through the real CLI, and reports how often the verdict was right, whether the
TTFB interval covered the true 100 ms, and whether config_validation was named as the cause.

    bench/verdict_accuracy.py --experiments 20 --trials 10 --warmup 1
"""
import argparse
import json
import os
import statistics
import tempfile
import time

from common import ailab, metric, pytorch_repo

TRUE_EFFECT_MS = 100.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experiments", type=int, default=20, help="A/A and A/B experiments, each (default 20)")
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--cpus", default=None, help="pin trials to these CPUs (ailab --cpus)")
    parser.add_argument("--out", default=None, help="write the raw results as JSON here")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="ailab-bench-")
    repo = pytorch_repo(os.path.join(work, "repo"))
    home = os.path.join(work, "home")
    rows = []
    started = time.time()
    for i in range(args.experiments):
        for kind, b in (("aa", "base"), ("ab", "slow-config")):
            t0 = time.time()
            code, doc = ailab(["ab", "--repo", repo, "--a", "base", "--b", b, "--run", args.python + " train.py",
                               "--trials", str(args.trials), "--warmup", str(args.warmup), "--seed", str(1000 + i),
                               "--json", "--quiet"] + (["--cpus", args.cpus] if args.cpus else []), home, check_codes=(0, 3))
            ttfb = metric(doc, "ttfb")
            cv = metric(doc, "phase:config_validation")
            row = {
                "kind": kind, "i": i, "exit": code, "seconds": round(time.time() - t0, 1),
                "verdict": doc["verdict"], "cause": doc.get("cause"),
                "ttfb_a_median": ttfb["a"]["median"], "ttfb_change_pct": ttfb["change_pct"], "ttfb_ci_pct": ttfb["ci_pct"],
                "ttfb_diff": ttfb["diff"], "ttfb_ci_diff": ttfb["ci_diff"], "ttfb_p": ttfb["p_value"],
                "cv_diff": cv["diff"] if cv else None, "cv_ci_diff": cv["ci_diff"] if cv else None,
                "failed_trials": doc["trials"]["failed"],
            }
            rows.append(row)
            print(json.dumps(row), flush=True)

    report(rows, args, time.time() - started)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(rows, f, indent=1)


def covers(ci, value):
    return ci is not None and ci[0] <= value <= ci[1]


def report(rows, args, seconds):
    aa = [r for r in rows if r["kind"] == "aa"]
    ab = [r for r in rows if r["kind"] == "ab"]
    aa_right = sum(r["verdict"] == "no_change" for r in aa)
    ab_right = sum(r["verdict"] == "regression" for r in ab)
    ab_cause = sum(r["cause"] == "phase:config_validation" for r in ab)
    ab_cover_ms = sum(covers(r["ttfb_ci_diff"], TRUE_EFFECT_MS) for r in ab)
    ab_cover_pct = sum(covers(r["ttfb_ci_pct"], 100 * TRUE_EFFECT_MS / r["ttfb_a_median"]) for r in ab)
    cv_cover = sum(covers(r["cv_ci_diff"], TRUE_EFFECT_MS) for r in ab)
    print()
    print("| experiments | right verdict | detail |")
    print("|---|---|---|")
    print("| A/A (base vs base), n=%d | %d/%d `no_change` | other verdicts: %s |" % (
        len(aa), aa_right, len(aa), dict((v, sum(r["verdict"] == v for r in aa)) for v in {r["verdict"] for r in aa}) or "-"))
    print("| A/B (+100 ms in config validation), n=%d | %d/%d `regression` | cause = config_validation in %d/%d; "
          "TTFB CI (ms) covers +100 ms in %d/%d; TTFB CI (%%) covers 100 ms/median(A) in %d/%d; "
          "config_validation CI covers +100 ms in %d/%d |" % (
              len(ab), ab_right, len(ab), ab_cause, len(ab), ab_cover_ms, len(ab), ab_cover_pct, len(ab), cv_cover, len(ab)))
    print()
    print("TTFB of A (median of medians): %.1f ms; measured TTFB shift (median): %+.1f ms; A/A |change| median %.2f%%" % (
        statistics.median(r["ttfb_a_median"] for r in rows), statistics.median(r["ttfb_diff"] for r in ab),
        statistics.median(abs(r["ttfb_change_pct"]) for r in aa)))
    print("%d experiments x %d trials (+%d warm-up) per variant in %.0f s" % (len(rows), args.trials, args.warmup, seconds))


if __name__ == "__main__":
    main()
