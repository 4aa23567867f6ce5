#!/usr/bin/env python3
"""Stopping trials at their marks (issue 11): what a trial of the PyTorch example costs before and after, measured
side by side in one run, and whether verdicts stay the same with stopping on.

1. Cost: rounds of `ailab run` on the example's base commit, alternating --run-to completion and --run-to marks
   (2 measured trials each, no warm-up), so both modes see the same machine load. Per trial: CPU (user+sys, wait4
   rusage of the tree) and wall (spawn to exit, including the stop's SIGTERM and exit) from `ailab show --json`.
2. Verdicts: the demo's regression (base vs slow-config: +100 ms of blocking work in config validation) and A/A
   (base vs base) through `ailab ab --trials 10`, once with stopping (the default) and once with
   --run-to completion, in alternating order; each regression is confirmed as usual.
3. The capacity ledger's per-experiment estimate of what stopping saved (`ailab capacity --json`), next to the
   difference measured between the two modes.

    bench/stop_capacity.py --rounds 5 --out /tmp/stop-capacity.json
"""
import argparse
import json
import os
import statistics
import tempfile
import time

from common import ailab, metric, pytorch_repo

RUN = "/usr/bin/python3 train.py"


def trial_costs(home, experiment_id):
    _, doc = ailab(["show", experiment_id, "--trials", "--json"], home)
    return [{"cpu_s": (t["cpu_user_ms"] + t["cpu_system_ms"]) / 1e3,
             "stopped": "stop" in t, "warmup": t["warmup"], "status": t["status"]}
            for t in doc["trial_results"]]


def experiment_cost(home, experiment_id):
    """CPU and wall seconds of every trial of an experiment, from the capacity ledger."""
    _, doc = ailab(["capacity", "--json", "--experiments", "1000"], home)
    for e in doc["experiments"]:
        if e["experiment_id"] == experiment_id:
            return e
    raise SystemExit("experiment %s is not in the ledger" % experiment_id)


def cost_rounds(repo, home, rounds):
    per_mode = {"completion": [], "marks": []}
    for r in range(rounds):
        for mode in (("completion", "marks") if r % 2 == 0 else ("marks", "completion")):
            _, doc = ailab(["run", "--repo", repo, "--rev", "base", "--run", RUN, "--trials", "2", "--warmup", "0",
                            "--run-to", mode, "--json", "-q"], home)
            spend = experiment_cost(home, doc["experiment_id"])
            for t in trial_costs(home, doc["experiment_id"]):
                # The trial JSON has no wall time; each of the experiment's trials gets its mean from the ledger.
                t.update(mode=mode, wall_s=spend["wall_s"] / spend["trials"])
                per_mode[mode].append(t)
    return per_mode


def verdicts(repo, home):
    rows = []
    plans = [("regression", "base", "slow-config"), ("A/A", "base", "base")]
    for i, (name, a, b) in enumerate(plans):
        for mode in (("marks", "completion") if i % 2 == 0 else ("completion", "marks")):
            started = time.monotonic()
            code, doc = ailab(["ab", "--repo", repo, "--a", a, "--b", b, "--run", RUN, "--trials", "10",
                               "--run-to", mode, "--json", "-q"], home, check_codes=(0, 3))
            spend = experiment_cost(home, doc["experiment_id"])
            confirmation = doc.get("confirmation") or {}
            if confirmation.get("experiment_id"):
                # A confirmed regression's cost includes its confirmation's fresh trials.
                extra = experiment_cost(home, confirmation["experiment_id"])
                spend = dict(spend, cpu_s=spend["cpu_s"] + extra["cpu_s"], wall_s=spend["wall_s"] + extra["wall_s"],
                             trials=spend["trials"] + extra["trials"])
            rows.append({
                "experiment": name, "mode": mode, "id": doc["experiment_id"], "exit": code,
                "verdict": doc["verdict"], "confirmed": confirmation.get("confirmed"),
                "config_validation_change_ms": (metric(doc, "phase:config_validation") or {}).get("diff"),
                "ttfb_change_pct": (metric(doc, "ttfb") or {}).get("change_pct"),
                "cpu_s": spend["cpu_s"], "wall_s": spend["wall_s"], "trials": spend["trials"],
                "saved": spend["saved_by_stopping"], "elapsed_s": time.monotonic() - started,
            })
            print(json.dumps(rows[-1]), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default=None)
    parser.add_argument("--skip-verdicts", action="store_true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ailab-stop-")
    home = os.path.join(work, "home")
    repo = pytorch_repo(os.path.join(work, "repo"), steps=20)  # the example's own config: 20 steps

    per_mode = cost_rounds(repo, home, args.rounds)
    summary = {}
    for mode, trials in per_mode.items():
        ok = [t for t in trials if t["status"] == "succeeded"]
        summary[mode] = {"trials": len(trials), "succeeded": len(ok), "stopped": sum(t["stopped"] for t in ok),
                         "median_cpu_s": statistics.median(t["cpu_s"] for t in ok),
                         "median_wall_s": statistics.median(t["wall_s"] for t in ok)}
    ratio = summary["completion"]["median_cpu_s"] / summary["marks"]["median_cpu_s"]
    wall_ratio = summary["completion"]["median_wall_s"] / summary["marks"]["median_wall_s"]
    print(json.dumps({"cost": summary, "cpu_ratio_completion_over_marks": ratio,
                      "wall_ratio_completion_over_marks": wall_ratio}), flush=True)

    rows = [] if args.skip_verdicts else verdicts(repo, home)
    result = {"cost": summary, "cpu_ratio": ratio, "wall_ratio": wall_ratio, "trials": per_mode, "verdicts": rows}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
