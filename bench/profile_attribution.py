#!/usr/bin/env python3
"""Where the Python sampler puts the planted repr (issue 14): one profiled run at a time, no diff.

Runs the generated launcher of the profile tests with repr() keying the feature cache (six repr calls of a
10,000-entry table between the config_validation and preprocessing marks, nothing else of note there) under the
TTFB-window profiler, and compares, per run, the sampled weight whose leaf is builtins.repr in the preprocessing
phase with that phase's duration from the probe's marks (the truth: the phase is the six repr calls). Reported per
(interval, switch interval): the median and largest |repr weight - phase| in ms, the share of the phase's sampled
weight on the repr leaf, and the samples a phase got.

    bench/profile_attribution.py --runs 12 --interval 1 2 5 --switch 0 0.1 0.5
    bench/profile_attribution.py --runs 12 --interval 5 --switch 0 0.5 --realtime   # SCHED_FIFO: a quiet machine

--switch 0 leaves the interpreter's 5 ms switch interval (the sampler before it lowered it); --realtime runs each
workload under `chrt -f 10` (root), so that other processes cannot stretch it: the phase is what an idle core gives.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile

import profile_verdicts

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROBE = os.path.join(REPO, "probes", "python")

TRAIN = '''from ailab_probe import mark
import heavy
import features

mark("imports")
table = {i: (i, "row-%d" % i) for i in range(10000)}
mark("config_validation")
features.build_features(table)
mark("preprocessing")
batch = [1, 2, 3]
mark("first_batch")
'''
# The planted memoization helper of profile_verdicts.py, keyed on repr(), called 6 times.
FEATURES = profile_verdicts.FEATURES.format(key="(name, repr(table))", calls=6)


def run_once(folder, interval, switch, realtime, index):
    events, output = (os.path.join(folder, "%s%d" % (stem, index)) for stem in ("events.jsonl.", "profile.json."))
    env = dict(os.environ, AILAB_EVENTS=events, AILAB_PROFILE=output, AILAB_PROFILE_INTERVAL_MS=str(interval),
               AILAB_PROFILE_SWITCH_MS=str(switch),
               PYTHONPATH=os.pathsep.join([os.path.join(PROBE, "autoinstrument"), PROBE]))
    command = (["chrt", "-f", "10"] if realtime else []) + [sys.executable, "train.py"]
    subprocess.run(command, cwd=folder, env=env, check=True)
    with open(output, encoding="utf-8") as file:
        doc = json.load(file)
    marks = {m["mark"]: m["t_ns"] for m in doc["marks"]}
    phase_ms = (marks["preprocessing"] - marks["config_validation"]) / 1e6
    weights, samples = collections.Counter(), 0
    for stack in doc["stacks"]:
        if stack["phase"] == "preprocessing":
            leaf = doc["frames"][stack["stack"][-1]]
            weights["%s.%s" % (leaf["module"], leaf["name"])] += stack["ms"]
            samples += stack["samples"]
    return phase_ms, weights, samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--interval", type=float, nargs="+", default=[1.0, 2.0, 5.0])
    parser.add_argument("--switch", type=float, nargs="+", default=[0.0, 0.5])
    parser.add_argument("--realtime", action="store_true", help="run each workload under chrt -f 10 (root)")
    args = parser.parse_args()
    print("| interval | switch interval | runs | phase (median) | samples in the phase (median) "
          "| abs(repr - phase), median | largest | share of the phase's weight on repr |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (("train.py", TRAIN), ("features.py", FEATURES),
                           ("heavy.py", "import time\n\ntime.sleep(0.25)\n")):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as file:
                file.write(text)
        # Rounds: every arm once per round, so that the machine's drift falls on all of them.
        arms = [(i, s) for i in args.interval for s in args.switch]
        results = {arm: [] for arm in arms}
        for index in range(args.runs):
            for arm in arms:
                results[arm].append(run_once(folder, arm[0], arm[1], args.realtime, index))
        for (interval, switch), runs in results.items():
            errors = [abs(w.get("builtins.repr", 0) - phase) for phase, w, _ in runs]
            on_repr = sum(w.get("builtins.repr", 0) for _, w, _ in runs) / sum(sum(w.values()) for _, w, _ in runs)
            print("| %g ms | %s | %d | %.1f ms | %g | %.1f ms | %.1f ms | %.3f |" % (
                interval, "%g ms" % switch if switch else "5 ms (interpreter's)", len(runs),
                statistics.median(p for p, _, _ in runs), statistics.median(n for _, _, n in runs),
                statistics.median(errors), max(errors), on_repr))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
