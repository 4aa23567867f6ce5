#!/usr/bin/env python3
"""Harness overhead: TTFB of a trivial workload measured through ailab versus measured directly.

The workload is a Python interpreter (-S, no site) that marks first_batch the moment it starts. "Directly" means
this script spawns the same command with subprocess (fork/exec, no shell) and computes first_batch's t_ns minus
time.monotonic_ns() taken just before the spawn — the same clock and the same definition ailab uses. Rounds
alternate between the two so the machine's drift falls on both; the figure is the difference of the medians.
With --baseline-cmd a second build of ailab runs in the same rounds, so a change is measured side by side.

With --cpus, both sides pin only the workload: this script pins itself just for its direct spawns, and ailab
(started unpinned, as a user starts it) pins its trials. Pinning ailab itself too (--pin-harness, how this bench
ran before 2026-12-06) puts the harness's own threads on the workload's CPU.

    bench/harness_overhead.py --rounds 10 --per-round 10 --cpus 0
    bench/harness_overhead.py --rounds 10 --per-round 10 --cpus 0 --baseline-cmd "dotnet /tmp/before/ailab.dll"
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


def summary(name, xs):
    q = statistics.quantiles(xs, n=10)
    return "| %s | %d | %.2f ms | %.2f ms | %.2f ms |" % (name, len(xs), statistics.median(xs), q[0], q[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--cpus", default=None, help="pin the workload to these CPUs on both sides, e.g. 0")
    parser.add_argument("--pin-harness", action="store_true", help="with --cpus, pin the ailab process itself too")
    parser.add_argument("--baseline-cmd", default=None, help="a second ailab build run in the same rounds")
    args = parser.parse_args()
    pin, workload_cpus = [], None
    everywhere = os.sched_getaffinity(0)
    if args.cpus is not None:
        pin = ["--cpus", args.cpus]
        workload_cpus = {int(c) for c in args.cpus.split(",")}
    harness_cpus = workload_cpus if args.pin_harness and workload_cpus else everywhere
    work = tempfile.mkdtemp(prefix="ailab-overhead-")
    script = os.path.join(work, "mark.py")
    with open(script, "w") as f:
        f.write(CODE)
    builds = [("through ailab", None)]
    if args.baseline_cmd:
        builds = [("through ailab (baseline: %s)" % args.baseline_cmd, args.baseline_cmd.split()),
                  ("through ailab (this build)", None)]
    via = {name: [] for name, _ in builds}
    via_direct = []
    for r in range(args.rounds):
        # Alternate the builds' order too, so neither always runs right after the direct spawns.
        for name, cmd in (builds if r % 2 == 0 else builds[::-1]):
            home = os.path.join(work, "home-%d" % builds.index((name, cmd)))
            os.sched_setaffinity(0, harness_cpus)  # ailab's process inherits it
            _, doc = ailab(["run", "--run", "%s -S %s" % (args.python, script), "--trials", str(args.per_round),
                            "--warmup", "1", "--json", "--quiet"] + pin, home, cmd=cmd)
            _, shown = ailab(["show", doc["experiment_id"], "--json", "--trials"], home, cmd=cmd)
            via[name] += [t["ttfb_ms"] for t in shown["trial_results"] if not t["warmup"]]
        os.sched_setaffinity(0, workload_cpus or everywhere)  # the direct children inherit it
        direct(args.python, os.path.join(work, "warm.jsonl"))
        via_direct += [direct(args.python, os.path.join(work, "d%d.jsonl" % i)) for i in range(args.per_round)]
    os.sched_setaffinity(0, everywhere)
    d = statistics.median(via_direct)
    print("| measured | n | median TTFB | p10 | p90 |")
    print("|---|---|---|---|---|")
    for name, _ in builds:
        print(summary(name, via[name]))
    print(summary("directly (subprocess, no shell)", via_direct))
    print()
    for name, _ in builds:
        a = statistics.median(via[name])
        print("%s: harness overhead at the median %+.2f ms (ratio %.3f)" % (name, a - d, a / d))


if __name__ == "__main__":
    main()
