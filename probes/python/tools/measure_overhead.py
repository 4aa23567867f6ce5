"""Measure what the PyTorch auto-instrumentation costs a program whose main work is `import torch`.

    /usr/bin/python3 probes/python/tools/measure_overhead.py [--rounds 15]

Each round runs the same tiny script twice, interleaved in random order: plain, and under the
automatic instrumentation (PYTHONPATH=autoinstrument:probes/python, AILAB_AUTO=torch,
AILAB_EVENTS set). It prints the medians and minimums of the process wall time, the process CPU time
(user + sys, less sensitive to other load on the machine) and the in-process duration of
`import torch` (measured by the script's own imports, so the import wrapper is active during it).
On a shared machine run to run noise is tens of ms; tools/measure_hook_cost.py gives the parts.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

PROBE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = """import clock_start
import torch
import clock_end
print(clock_end.T - clock_start.T)
"""


def run_once(python, workdir, instrumented):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AILAB_") and k != "PYTHONPATH"}
    events = os.path.join(workdir, "events.jsonl")
    if instrumented:
        env["PYTHONPATH"] = os.pathsep.join([os.path.join(PROBE_ROOT, "autoinstrument"), PROBE_ROOT])
        env["AILAB_AUTO"] = "torch"
        env["AILAB_EVENTS"] = events
    start = time.perf_counter()
    process = subprocess.Popen([python, "script.py"], cwd=workdir, env=env, stdout=subprocess.PIPE)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit("the script failed (instrumented=%s)" % instrumented)
    if instrumented:
        with open(events, encoding="utf-8") as file:
            marks = [json.loads(line)["mark"] for line in file]
        os.remove(events)
        if marks != ["imports", "done"]:
            raise SystemExit("unexpected marks %s" % marks)
    return {"wall_ms": wall * 1e3, "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1e3,
            "import_torch_ms": float(out) * 1e3}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--python", default="/usr/bin/python3")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        for name in ("clock_start", "clock_end"):
            with open(os.path.join(workdir, name + ".py"), "w") as file:
                file.write("import time\nT = time.perf_counter()\n")
        with open(os.path.join(workdir, "script.py"), "w") as file:
            file.write(SCRIPT)
        run_once(args.python, workdir, False)  # warm the page cache
        results = {False: [], True: []}
        for _ in range(args.rounds):
            order = [False, True]
            random.shuffle(order)
            for instrumented in order:
                results[instrumented].append(run_once(args.python, workdir, instrumented))
    print("over %d interleaved rounds (PYTHONDONTWRITEBYTECODE=%s)"
          % (args.rounds, os.environ.get("PYTHONDONTWRITEBYTECODE", "")))
    for key in ("wall_ms", "cpu_ms", "import_torch_ms"):
        for label, estimate in (("median", statistics.median), ("min", min)):
            plain = estimate(r[key] for r in results[False])
            auto = estimate(r[key] for r in results[True])
            print("  %-16s %-6s plain %8.1f  auto %8.1f  overhead %+6.1f ms" % (key, label, plain, auto, auto - plain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
