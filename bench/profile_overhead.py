#!/usr/bin/env python3
"""The TTFB-window profiler's overhead on TTFB, measured side by side (issue 14).

Runs a workload with and without AILAB_PROFILE, alternating in random order within each round so the machine's drift
falls on both, and measures TTFB the way ailab does: first_batch's t_ns minus time.monotonic_ns() taken just before
the spawn. The probe (and the autoinstrument sitecustomize) is on PYTHONPATH in both arms, so the figure is the
profiler's own cost: its start, one sample every --interval ms, the import hook. Reported: the median TTFB of each
arm, the ratio of medians with a 95% percentile-bootstrap interval (Efron & Tibshirani 1993, ch. 13).

    bench/profile_overhead.py --rounds 15                      # the generated launcher and examples/pytorch-train
    bench/profile_overhead.py --interval 1 2 5 --switch 0.5 0  # each interval, with and without the lowered switch
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROBE = os.path.join(REPO, "probes", "python")

LAUNCHER = textwrap.dedent('''
    from ailab_probe import mark
    import json, time
    time.sleep(0.2)
    mark("imports")
    table = {i: (i, "row-%d" % i) for i in range(30000)}
    mark("config_validation")
    keys = [(n, repr(table)) for n in range(8)]
    mark("preprocessing")
    mark("first_batch")
''')


def ttfb(python, script, cwd, profile, interval, switch=None):
    with tempfile.TemporaryDirectory() as tmp:
        events = os.path.join(tmp, "events.jsonl")
        env = dict(os.environ, AILAB_EVENTS=events,
                   PYTHONPATH=os.pathsep.join([os.path.join(PROBE, "autoinstrument"), PROBE]))
        env.pop("AILAB_PROFILE", None)
        if profile:
            env.update(AILAB_PROFILE=os.path.join(tmp, "p.json"), AILAB_PROFILE_INTERVAL_MS=str(interval))
            if switch is not None:
                env["AILAB_PROFILE_SWITCH_MS"] = str(switch)
        start = __import__("time").monotonic_ns()
        proc = subprocess.Popen([python] + script, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit("the workload exited with %d" % proc.returncode)
        with open(events) as f:
            marks = [json.loads(line) for line in f]
        first = next(m["t_ns"] for m in marks if m["mark"] == "first_batch")
        if profile and not os.path.exists(env["AILAB_PROFILE"]):
            raise SystemExit("the profiled run wrote no profile")
        return (first - start) / 1e6, (usage.ru_utime + usage.ru_stime) * 1000


def bootstrap_ratio(a, b, rng, iterations=4000):
    ratios = sorted(statistics.median(rng.choices(b, k=len(b))) / statistics.median(rng.choices(a, k=len(a)))
                    for _ in range(iterations))
    return ratios[int(0.025 * iterations)], ratios[int(0.975 * iterations) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--interval", type=float, nargs="+", default=[5.0],
                        help="sampling intervals in ms: one profiled arm each, all side by side with the plain arm")
    parser.add_argument("--switch", type=float, nargs="+", default=[None],
                        help="AILAB_PROFILE_SWITCH_MS per arm (0: the interpreter's 5 ms); default: the profiler's")
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-torch", action="store_true", help="skip examples/pytorch-train")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    arms = [None] + [(i, s) for i in args.interval for s in args.switch]
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "train.py"), "w") as f:
            f.write(LAUNCHER)
        workloads = [("generated launcher (sleep 200 ms, repr of a 30k table x8)", ["train.py"], tmp)]
        if not args.no_torch:
            workloads.append(("examples/pytorch-train (import torch)", ["train.py"],
                              os.path.join(REPO, "examples", "pytorch-train")))
        print("| workload | profiled arm | rounds | TTFB unprofiled (median) | TTFB profiled (median) "
              "| TTFB ratio [95% CI] | CPU unprofiled | CPU profiled | CPU ratio [95% CI] |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, script, cwd in workloads:
            results = {arm: [] for arm in arms}
            ttfb(args.python, script, cwd, False, 5)  # warm the page cache and bytecode
            for _ in range(args.rounds):
                for arm in rng.sample(arms, len(arms)):
                    results[arm].append(ttfb(args.python, script, cwd, arm is not None, *(arm or (5, None))))
            plain = results[None]
            for arm in arms[1:]:
                label = "%g ms, switch %s" % (arm[0], "default" if arm[1] is None else "%g ms" % arm[1])
                row = [name, label, str(args.rounds)]
                for k in (0, 1):
                    a, b = [x[k] for x in plain], [x[k] for x in results[arm]]
                    low, high = bootstrap_ratio(a, b, rng)
                    row += ["%.1f ms" % statistics.median(a), "%.1f ms" % statistics.median(b),
                            "%.3f [%.3f, %.3f]" % (statistics.median(b) / statistics.median(a), low, high)]
                print("| " + " | ".join(row) + " |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
