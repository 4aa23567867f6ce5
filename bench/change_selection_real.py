#!/usr/bin/env python3
"""Selection on a real generated repository: recall and capacity of `ailab change` against every shrunk test.

Generates a git repository of five Python workflows with different footprints and costs (a core module every one
loads, a data module three load, a model module three load, an entry script each; documentation and tools none
loads), shrinks each with `ailab shrink` (which records their footprints), then replays a history of changes, one
commit each, some planting a regression (150 ms of blocking work at import or in config validation), the others
neutral. For every change it runs, in two separate AILAB_HOMEs:

  every      `ailab ab` of the parent against the change for EVERY shrunk test
  selection  `ailab change --base PARENT --head CHANGE` under a CPU budget (half of what every test would cost,
             estimated by `ailab change --dry-run` on a change touching all five), learning from its own outcomes

with the same design (--trials N, one warm-up — `ailab change`'s own —, no confirmation). Recall is over the (change, workflow) regressions
the every-test run found; capacity is the CPU seconds of the lab's ledger (`ailab capacity --json`) spent on the
history by each. Prints one JSON document; appends each experiment to --out as JSONL.

    bench/change_selection_real.py [--trials 6] [--out change-selection-real.jsonl]
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ailab, git  # noqa: E402

PY = "/usr/bin/python3"
# workflow -> (modules it imports, CPU work before first_batch in loop iterations)
WORKFLOWS = {
    "w1": (["core", "data"], 200_000),
    "w2": (["core", "data"], 600_000),
    "w3": (["core", "data", "model"], 400_000),
    "w4": (["core", "model"], 1_000_000),
    "w5": (["core", "model", "io"], 1_500_000),
}
SLOW = "import time\ntime.sleep(0.15)  # planted: blocking work at import\n"


def script(name, modules, work):
    imports = "\n".join("import pkg.%s" % m for m in modules)
    return ("import json, sys\nfrom ailab_probe import mark\n%s\nmark('imports')\n"
            "cfg = json.load(open(sys.argv[2]))\nmark('config_validation')\n"
            "total = sum(i * i for i in range(%d))\nmark('preprocessing')\n"
            "for step in range(cfg['steps']):\n    total += sum(range(20000))\nmark('first_batch')\n"
            % (imports, work))


# (subject, {path: content or None to append a comment}, planted regressions: workflows expected to regress)
HISTORY = [
    ("Document the layout", {"README.md": "# generated\nlayout\n"}, []),
    ("Load the data index eagerly", {"pkg/data.py": SLOW + "DATA = 1\n"}, ["w1", "w2", "w3"]),
    ("Comment the model module", {"pkg/model.py": "MODEL = 1  # the model registry\n"}, []),
    ("Validate w4's config against the registry",
     {"w4.py": None}, ["w4"]),
    ("Rename a core constant", {"pkg/core.py": "VALUE = 1  # shared\n"}, []),
    ("Warm the model cache at import", {"pkg/model.py": SLOW + "MODEL = 1  # the model registry\n"},
     ["w3", "w4", "w5"]),
    ("Add a release tool", {"tools/release.py": "print('release')\n"}, []),
    ("Tidy the io module", {"pkg/io.py": "IO = 1  # tidy\n"}, []),
]


def make_repo(path):
    os.makedirs(os.path.join(path, "pkg"))
    os.makedirs(os.path.join(path, "tools"))
    files = {"README.md": "# generated\n", "pkg/__init__.py": "", "pkg/core.py": "VALUE = 1\n",
             "pkg/data.py": "DATA = 1\n", "pkg/model.py": "MODEL = 1\n", "pkg/io.py": "IO = 1\n",
             "tools/lint.py": "print('lint')\n"}
    yaml = "workflows:\n"
    for name, (modules, work) in WORKFLOWS.items():
        files["%s.py" % name] = script(name, modules, work)
        files["%s.json" % name] = json.dumps({"steps": 200})
        yaml += "  %s:\n    run: %s %s.py --config %s.json\n    timeout: 2m\n" % (name, PY, name, name)
    files["ailab.yaml"] = yaml
    for rel, text in files.items():
        with open(os.path.join(path, rel), "w") as f:
            f.write(text)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "base")


def apply(path, changes):
    for rel, text in changes.items():
        full = os.path.join(path, rel)
        if text is None:  # w4's slow config validation
            src = open(full).read()
            text = src.replace("mark('config_validation')", "import time; time.sleep(0.15)\nmark('config_validation')")
        with open(full, "w") as f:
            f.write(text)


def cpu(home):
    _, doc = ailab(["capacity", "--json"], home)
    return doc["total"]["cpu_s"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=6)
    parser.add_argument("--budget-share", type=float, default=0.5)
    parser.add_argument("--out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ailab-selection-real-")
    repo = os.path.join(work, "repo")
    every_home, sel_home = os.path.join(work, "home-every"), os.path.join(work, "home-selection")
    make_repo(repo)
    config = os.path.join(repo, "ailab.yaml")
    for name in WORKFLOWS:
        for home in (sel_home, every_home):
            ailab(["shrink", "--config", config, "--workflow", name, "--json"], home)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add the shrunk workflows")
    # The budget: a share of what every test would cost on one change, as the selector estimates it.
    apply(repo, {"pkg/core.py": "VALUE = 1  # probe\n"})
    git(repo, "commit", "-q", "-am", "probe")
    _, plan = ailab(["change", "--repo", repo, "--base", "HEAD~1", "--dry-run", "--json"], sel_home)
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    every_cost = plan["capacity"]["estimated_cpu_seconds"]
    budget = every_cost * args.budget_share
    print("every test on one change: %.1f CPU-s estimated; budget %.1f" % (every_cost, budget), file=sys.stderr)
    start = {"every": cpu(every_home), "selection": cpu(sel_home)}
    design = ["--trials", str(args.trials), "--warmup", "1", "--no-confirm", "--json"]
    rows = []
    for subject, changes, planted in HISTORY:
        apply(repo, changes)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", subject)
        head = subject
        for name in WORKFLOWS:
            _, doc = ailab(["ab", "--repo", repo, "--a", "HEAD~1", "--b", "HEAD", "--config",
                            os.path.join(repo, "ailab.shrunk.yaml"), "--workflow", name + "-shrunk"] + design,
                           every_home, check_codes=(0, 3))
            rows.append({"change": head, "mode": "every", "workflow": name, "verdict": doc["verdict"],
                         "planted": name in planted})
            emit(args.out, rows[-1])
        _, doc = ailab(["change", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD",
                        "--budget-cpu-seconds", "%.3f" % budget, "--trials", str(args.trials), "--no-confirm",
                        "--json"], sel_home, check_codes=(0, 3))
        ran = {r["workflow"]: r["verdict"] for r in doc["ran"]}
        for name in WORKFLOWS:
            rows.append({"change": head, "mode": "selection", "workflow": name, "ran": name in ran,
                         "verdict": ran.get(name), "planted": name in planted,
                         "skipped": next((s["reason"] for s in doc["skipped"] if s["workflow"] == name), None)})
            emit(args.out, rows[-1])
    spent = {"every": cpu(every_home) - start["every"], "selection": cpu(sel_home) - start["selection"]}
    found_every = {(r["change"], r["workflow"]) for r in rows if r["mode"] == "every" and r["verdict"] == "regression"}
    found_sel = {(r["change"], r["workflow"]) for r in rows
                 if r["mode"] == "selection" and r["verdict"] == "regression"}
    planted = {(r["change"], r["workflow"]) for r in rows if r["mode"] == "every" and r["planted"]}
    result = {"trials": args.trials, "budget_cpu_s_per_change": budget, "every_estimated_cpu_s": every_cost,
              "changes": len(HISTORY), "planted": len(planted), "every_found": len(found_every),
              "every_found_planted": len(found_every & planted), "selection_found": len(found_sel),
              "selection_found_of_every": len(found_sel & found_every),
              "recall": len(found_sel & found_every) / len(found_every) if found_every else None,
              "cpu_s": spent, "capacity_share": spent["selection"] / spent["every"] if spent["every"] else None,
              "false_alarms": {"every": len(found_every - planted), "selection": len(found_sel - planted)},
              "experiments": {"every": sum(1 for r in rows if r["mode"] == "every"),
                              "selection": sum(1 for r in rows if r["mode"] == "selection" and r["ran"])},
              "repository": repo}
    print(json.dumps(result, indent=2))


def emit(path, row):
    print(json.dumps(row), file=sys.stderr)
    if path:
        with open(path, "a") as f:
            f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
