#!/usr/bin/env python3
"""peak_rss check: workloads of known size measured through `ailab run`, 10 trials each.

Workloads: /bin/true; the bare interpreter (python3 -c pass); the interpreter allocating and touching 100 MiB.
Printed per workload: median, min and max peak_rss in MiB and the method that measured it; then the 100 MiB
workload minus the bare interpreter (the workload's own allocation, what the check asserts to be 100 MiB ± 5%).
Run it with AILAB_CMD pointing at two builds to compare them side by side.

    bench/peak_rss_check.py [--trials 10]
"""
import argparse
import statistics
import tempfile

from common import ailab

PY = "/usr/bin/python3"
TOUCH = "x = bytearray(100 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1"
WORKLOADS = [
    ("/bin/true", "/bin/true"),
    ("python3 -c pass", f"{PY} -c pass"),
    ("python3 touching 100 MiB", f"{PY} -c '{TOUCH}'"),
]


def peaks(home, command, trials):
    # The workloads never mark first_batch, so each trial "fails" (exit 3) with its memory still measured; runs of
    # two trials stay below the fail-fast rule that stops an experiment after three failures in a row.
    rows = []
    for _ in range((trials + 1) // 2):
        _, run = ailab(["run", "--run", command, "--trials", "2", "--warmup", "0", "--json"], home,
                       check_codes=(0, 3))
        _, shown = ailab(["show", run["experiment_id"], "--trials", "--json"], home)
        rows += [t for t in shown["trial_results"] if not t["warmup"]]
    return [t["peak_rss_bytes"] / 2**20 for t in rows], sorted({str(t.get("peak_rss_method")) for t in rows})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=10)
    args = parser.parse_args()
    medians = {}
    with tempfile.TemporaryDirectory() as home:
        for name, command in WORKLOADS:
            values, methods = peaks(home, command, args.trials)
            medians[name] = statistics.median(values)
            print(f"| {name} | {len(values)} | {medians[name]:.2f} | {min(values):.2f} | {max(values):.2f} "
                  f"| {max(values) - min(values):.2f} | {', '.join(methods)} |")
    own = medians["python3 touching 100 MiB"] - medians["python3 -c pass"]
    print(f"100 MiB workload minus bare interpreter: {own:.2f} MiB ({(own / 100 - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
