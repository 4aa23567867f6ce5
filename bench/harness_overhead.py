#!/usr/bin/env python3
"""Harness overhead: TTFB of a trivial workload measured through ailab versus measured directly.

The workload is a Python interpreter (-S, no site) that marks first_batch the moment it starts. "Directly" means
this script spawns the same command with subprocess (fork/exec, no shell) and computes first_batch's t_ns minus
time.monotonic_ns() taken just before the spawn — the same clock and the same definition ailab uses. Rounds
alternate between the two so the machine's drift falls on both; the figure is the difference of the medians.

    bench/harness_overhead.py --rounds 10 --per-round 10
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

from common import ailab

CODE = ("import os,time;fd=os.open(os.environ['AILAB_EVENTS'],os.O_WRONLY|os.O_APPEND|os.O_CREAT);"
        "os.write(fd,('{\"mark\":\"first_batch\",\"t_ns\":%d}\\n'%time.monotonic_ns()).encode())")


def direct(python, events):
    if os.path.exists(events):
        os.remove(events)
    env = dict(os.environ, AILAB_EVENTS=events)
    start = time.monotonic_ns()
    subprocess.run([python, "-S", "-c", CODE], env=env, check=True)
    with open(events) as f:
        line = f.read()
    t = int(line.split('"t_ns":')[1].split("}")[0])
    return (t - start) / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--cpus", default=None, help="pin the workload to these CPUs on both sides, e.g. 0")
    args = parser.parse_args()
    pin = []
    if args.cpus is not None:
        pin = ["--cpus", args.cpus]
        os.sched_setaffinity(0, {int(c) for c in args.cpus.split(",")})  # direct children inherit it
    work = tempfile.mkdtemp(prefix="ailab-overhead-")
    home = os.path.join(work, "home")
    script = os.path.join(work, "mark.py")
    with open(script, "w") as f:
        f.write(CODE)
    via_ailab, via_direct = [], []
    for r in range(args.rounds):
        _, doc = ailab(["run", "--run", "%s -S %s" % (args.python, script), "--trials", str(args.per_round),
                        "--warmup", "1", "--json", "--quiet"] + pin, home)
        _, shown = ailab(["show", doc["experiment_id"], "--json", "--trials"], home)
        via_ailab += [t["ttfb_ms"] for t in shown["trial_results"] if not t["warmup"]]
        direct(args.python, os.path.join(work, "warm.jsonl"))
        via_direct += [direct(args.python, os.path.join(work, "d%d.jsonl" % i)) for i in range(args.per_round)]
    a, d = statistics.median(via_ailab), statistics.median(via_direct)
    print("| measured | n | median TTFB | p10 | p90 |")
    print("|---|---|---|---|---|")
    for name, xs in (("through ailab", via_ailab), ("directly (subprocess, no shell)", via_direct)):
        q = statistics.quantiles(xs, n=10)
        print("| %s | %d | %.2f ms | %.2f ms | %.2f ms |" % (name, len(xs), statistics.median(xs), q[0], q[-1]))
    print()
    print("harness overhead at the median: %+.2f ms (ratio %.3f)" % (a - d, a / d))


if __name__ == "__main__":
    main()
