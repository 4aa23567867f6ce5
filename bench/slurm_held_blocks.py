#!/usr/bin/python3
"""Do a block's A and B start in the same scheduler pass? Two builds of ailab side by side (issue 13).

Runs default-options A/As through the Slurm test cluster (scripts/start-slurm.sh), alternating a build that submits
each trial on its own (`--before`, e.g. a Release build of an earlier main) with one that submits a block's two trials
held and releases them with one `scontrol release` (`--after`). Optionally with K busy-loop processes running
meanwhile (`--load K`), as other engineers' builds load a shared node. For each experiment, from
`ailab show ID --trials --json`, it reports per block the difference of the two queue phases (B - A): its sd, and
the blocks whose partner started in another pass (|B - A| over 400 ms: slurmctld's pass comes on a ~1 s tick), with
the verdict and TTFB's interval.

    python3 bench/slurm_held_blocks.py --before "dotnet /tmp/old/ailab.dll" --after "dotnet /tmp/new/ailab.dll" \
        --runs 3 --load 2 --out held.json
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, ailab, metric  # noqa: E402

# The phases of a launcher without torch: 0.2 s standing in for imports, then marks.
LAUNCHER = """import time
from ailab_probe import mark
time.sleep(0.2)
mark("imports")
cfg = {"batch_size": 32}
mark("config_validation")
data = list(range(cfg["batch_size"] * 100))
mark("preprocessing")
mark("first_batch")
"""

ANOTHER_PASS_MS = 400


def burners(count):
    """count processes spinning on the CPU, as builds beside the node would."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def blocks(trials):
    """The measured blocks whose A and B both succeeded: (A, B) pairs."""
    by_block = {}
    for t in trials:
        if not t["warmup"] and t["status"] == "succeeded" and t.get("block") is not None:
            by_block.setdefault(t["block"], {})[t["variant"]] = t
    return [(b["A"], b["B"]) for _, b in sorted(by_block.items()) if "A" in b and "B" in b]


def one(cmd, work, home):
    args = ["ab", "--run", "python3 -S launcher.py", "--a", "AA=1", "--b", "AA=2", "--executor", "slurm",
            "--no-confirm", "--json"]
    os.chdir(work)  # ailab runs the workflow from its working directory
    try:
        _, doc = ailab(args, home, check_codes=(0, 1, 2), cmd=cmd)
        _, shown = ailab(["show", doc["experiment_id"], "--trials", "--json"], home, cmd=cmd)
    finally:
        os.chdir(ROOT)
    pairs = blocks(shown["trial_results"])
    diffs = [b["phases_ms"]["queue"] - a["phases_ms"]["queue"] for a, b in pairs]
    held = sum(1 for a, b in pairs if a["scheduler"].get("released_at") and b["scheduler"].get("released_at"))
    ttfb = metric(doc, "ttfb")
    return {
        "experiment": doc["experiment_id"],
        "verdict": doc["verdict"],
        "blocks": len(pairs),
        "held_blocks": held,
        "queue_b_minus_a_sd_ms": round(statistics.stdev(diffs), 1) if len(diffs) > 1 else None,
        "another_pass": sum(1 for d in diffs if abs(d) > ANOTHER_PASS_MS),
        "queue_b_minus_a_ms": [round(d, 1) for d in diffs],
        "ttfb_change_pct": ttfb and ttfb.get("change_pct"),
        "ttfb_ci_pct": ttfb and ttfb.get("ci_pct"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="command of the build that submits trials one by one")
    parser.add_argument("--after", required=True, help="command of the build that holds and releases blocks")
    parser.add_argument("--runs", type=int, default=3, help="A/As per build")
    parser.add_argument("--load", type=int, default=0, help="busy-loop processes running meanwhile")
    parser.add_argument("--out", help="write the results as JSON here")
    opts = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ailab-held-")
    with open(os.path.join(work, "launcher.py"), "w") as f:
        f.write(LAUNCHER)
    homes = {name: tempfile.mkdtemp(prefix="ailab-held-%s-" % name) for name in ("before", "after")}
    results = {"before": [], "after": []}
    spinning = burners(opts.load)
    try:
        for run in range(opts.runs):
            for name in ("before", "after"):
                started = time.time()
                row = one(shlex.split(getattr(opts, name)), work, homes[name])
                row["load_avg"] = os.getloadavg()[0]
                row["seconds"] = round(time.time() - started, 1)
                results[name].append(row)
                print("%s run %d: %s, %d blocks (%d held), queue B-A sd %s ms, %d in another pass, TTFB %s %s, "
                      "load %.1f" % (name, run + 1, row["verdict"], row["blocks"], row["held_blocks"],
                                      row["queue_b_minus_a_sd_ms"], row["another_pass"], row["ttfb_change_pct"],
                                      row["ttfb_ci_pct"], row["load_avg"]), flush=True)
    finally:
        for p in spinning:
            p.kill()
    for name in ("before", "after"):
        diffs = [d for r in results[name] for d in r["queue_b_minus_a_ms"]]
        print("%s: %d blocks, queue B-A sd %.1f ms, %d in another pass, verdicts %s"
              % (name, len(diffs), statistics.stdev(diffs) if len(diffs) > 1 else float("nan"),
                 sum(1 for d in diffs if abs(d) > ANOTHER_PASS_MS),
                 ", ".join(r["verdict"] for r in results[name])))
    if opts.out:
        with open(opts.out, "w") as f:
            json.dump({"load": opts.load, "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
