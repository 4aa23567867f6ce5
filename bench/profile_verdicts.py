#!/usr/bin/env python3
"""Verdicts with and without --profile (issue 14): the same A/B, run as `ab` and as `ab --profile`, gives the same
verdicts, and the profile's top finding is checked against the verdict's phase change.

Scenarios are generated launcher histories (no torch): 'repr' (the feature cache keyed on repr() of a 10k table,
a preprocessing regression), 'lazy' (a 250 ms import moved after first_batch, an improvement) and 'neutral' (a
comment). Each pair of runs uses the same seed and the same options except --profile; measured trials are never
profiled, so a difference would be the noise of two independent samples, which a clear case does not show.

    bench/profile_verdicts.py --reps 2
"""
import argparse
import os
import tempfile

from common import ailab, git, metric

TRAIN = '''from ailab_probe import mark
{heavy}
import features

mark("imports")
table = {{i: (i, "row-%d" % i) for i in range(10000)}}
mark("config_validation")
features.build_features(table)
mark("preprocessing")
mark("first_batch")
{late}
'''
FEATURES = '''_cache = {{}}


def memoize_key(table, name):
    return {key}


def build_features(table):
    out = []
    for i in range({calls}):
        key = memoize_key(table, "feature-%d" % i)
        if key not in _cache:
            _cache[key] = len(table)
        out.append(_cache[key])
    return out
'''


def write(repo, lazy=False, repr_key=False, comment=""):
    with open(os.path.join(repo, "train.py"), "w") as f:
        f.write(TRAIN.format(heavy="" if lazy else "import heavy", late=("import heavy" if lazy else "") + comment))
    with open(os.path.join(repo, "heavy.py"), "w") as f:
        f.write("import time\n\ntime.sleep(0.25)\n")
    with open(os.path.join(repo, "features.py"), "w") as f:
        f.write(FEATURES.format(key="(name, repr(table))" if repr_key else "name", calls=4))


def history(root, scenario):
    repo = os.path.join(root, scenario)
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    write(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    write(repo, lazy=scenario == "lazy", repr_key=scenario == "repr", comment="\n# comment" if scenario == "neutral" else "")
    git(repo, "commit", "-q", "-am", scenario)
    return repo


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--trials", type=int, default=8)
    args = parser.parse_args()
    print("| scenario | seed | verdict without --profile | verdict with --profile | per-metric verdicts (without/with) | top finding | its % of TTFB | phase change % of TTFB | overhead |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as root:
        for scenario in ("repr", "lazy", "neutral"):
            repo = history(root, scenario)
            for seed in range(1, args.reps + 1):
                base = ["ab", "--repo", repo, "--a", "HEAD~1", "--b", "HEAD", "--run", "/usr/bin/python3 train.py",
                        "--trials", str(args.trials), "--seed", str(seed), "--cpus", "none", "--no-confirm", "--json"]
                _, plain = ailab(base, os.path.join(root, "home"))
                _, profiled = ailab(base + ["--profile"], os.path.join(root, "home"))
                differ = ["%s %s/%s" % (m["name"], m["verdict"], metric(profiled, m["name"])["verdict"])
                          for m in plain["metrics"] if metric(profiled, m["name"])["verdict"] != m["verdict"]]
                prof = profiled["profile"]
                top = prof["findings"][0] if prof.get("findings") else None
                ttfb_a = metric(profiled, "ttfb")["a"]["median"]
                phase = {"repr": "phase:preprocessing", "lazy": "phase:imports"}.get(scenario)
                change = "-"
                if phase:
                    m = metric(profiled, phase)
                    change = "%+.1f" % ((m["b"]["median"] - m["a"]["median"]) / ttfb_a * 100)
                print("| %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
                    scenario, seed, plain["verdict"], profiled["verdict"], "all" if not differ else "differ: " + ", ".join(differ),
                    top["summary"] if top else "none", "%+.1f" % top["pct_of_ttfb"] if top else "-", change,
                    "%+.1f%%" % prof["overhead_pct"] if prof.get("overhead_pct") is not None else "-"), flush=True)


if __name__ == "__main__":
    main()
