#!/usr/bin/env python3
"""Bisection accuracy (issue 4): does `ailab bisect` find each culprit exactly, within its budget, and never blame a
neutral commit?

Generates a git repository whose history has --commits commits after `base`: most are neutral (docs, comments,
refactors), one adds 100 ms to config validation, one removes a planted 120 ms sleep from model building (an
improvement), one adds 80 ms to preprocessing. The launcher is the real PyTorch example (examples/pytorch-train,
--launcher torch, the default) or a torch-free Python launcher with the same phases (--launcher light, fast).
Then, through the real CLI:
  1. bisects the whole range and checks that exactly the three culprits are named, each with its phase;
  2. with --per-culprit, bisects each culprit's phase alone (--metric phase:NAME), for the experiments one culprit costs;
  3. bisects --neutral ranges that hold no culprit (random windows between the culprits): none may name a culprit.
Reports experiments against the budget ceil(log2(commits)) + 3 per culprit, trials and wall time.

    bench/bisect_accuracy.py --commits 64 --neutral 20 --trials 10 --cpus 0
    bench/bisect_accuracy.py --launcher light --commits 64 --neutral 20 --trials 6 --warmup 0 --cpus 0
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import tempfile
import time

from common import ROOT, ailab, git

PHASES = {"cv": "config_validation", "pp": "preprocessing", "mb": "model_build"}

LIGHT = '''"""A training launcher: validates its config, preprocesses, builds the model, takes the first batch."""
import time

from ailab_probe import mark

mark("imports")
{comments}

def validate_config():
    time.sleep(0.015){cv}
    return {{"batch_size": 32}}


def preprocess(cfg):
    time.sleep(0.020){pp}
    return list(range(cfg["batch_size"]))


def {builder}(cfg):
    time.sleep(0.010){mb}
    return object()


cfg = validate_config()
mark("config_validation")
data = preprocess(cfg)
mark("preprocessing")
model = {builder}(cfg)
mark("model_build")
batch = data[:8]
mark("first_batch")
'''

CV = "\n    time.sleep(0.100)  # validate every key against the full schema"
PP = "\n    time.sleep(0.080)  # normalize the features a second time"
MB = "\n    time.sleep(0.120)  # look the model up in the registry"


def torch_source(state):
    """examples/pytorch-train/train.py with the state's sleeps, comments and helper name patched in."""
    src = open(os.path.join(ROOT, "examples", "pytorch-train", "train.py")).read()
    src = src.replace("import argparse\n", "import argparse\nimport time\n", 1)
    points = {
        "cv": '    """Check types and ranges, fill in defaults, and return the validated config."""\n',
        "pp": '    """Generate a deterministic tabular classification set, standardize it, and wrap it for torch."""\n',
        "mb": '    """An MLP classifier and its optimizer."""\n',
    }
    for key, marker in points.items():
        assert marker in src, "train.py changed: update the bench's patch point for " + key
        if state[key]:
            src = src.replace(marker, marker + {"cv": CV, "pp": PP, "mb": MB}[key][1:] + "\n", 1)
    src = src.replace("def batches(loader):", "def %s(loader):" % state["builder"].replace("build_model", "batches"), 1)
    src = src.replace("stream = batches(loader)", "stream = %s(loader)" % state["builder"].replace("build_model", "batches"), 1)
    return src + "".join("\n# note %d: %s" % (i, c) for i, c in enumerate(state["comments"]))


def light_source(state):
    return LIGHT.format(comments="\n".join("# note %d: %s" % (i, c) for i, c in enumerate(state["comments"])),
                        cv=CV if state["cv"] else "", pp=PP if state["pp"] else "", mb=MB if state["mb"] else "",
                        builder=state["builder"])


def make_repo(path, launcher, commits, positions):
    """Writes the repository; returns {position: (key, sha)} of the culprits and the list of shas (index 0 = base)."""
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    git(path, "init", "-q", "-b", "main")
    source = torch_source if launcher == "torch" else light_source
    if launcher == "torch":
        with open(os.path.join(ROOT, "examples", "pytorch-train", "config.json")) as f:
            cfg = json.load(f)
        cfg["steps"] = 1
        with open(os.path.join(path, "config.json"), "w") as f:
            json.dump(cfg, f, indent=2)
    state = {"cv": False, "pp": False, "mb": True, "comments": [], "builder": "build_model"}
    docs = ["# Launcher", ""]

    def write_and_commit(message):
        with open(os.path.join(path, "train.py"), "w") as f:
            f.write(source(state))
        with open(os.path.join(path, "README.md"), "w") as f:
            f.write("\n".join(docs) + "\n")
        git(path, "add", "-A")
        git(path, "commit", "-q", "-m", message)
        return subprocess_out(path, "rev-parse", "HEAD")

    shas = [write_and_commit("Add the launcher")]
    git(path, "tag", "base")
    culprits = {}
    by_position = {p: k for k, p in positions.items()}
    for i in range(1, commits + 1):
        key = by_position.get(i)
        if key == "cv":
            state["cv"] = True
            message = "Validate every config key against the full schema"
        elif key == "pp":
            state["pp"] = True
            message = "Normalize features twice for numerical safety"
        elif key == "mb":
            state["mb"] = False
            message = "Cache the model registry lookup"
        elif i % 3 == 0:
            docs.append("Step %d: documented the launcher's options." % i)
            message = "Document option %d" % i
        elif i % 3 == 1:
            state["comments"].append("explain why step %d is ordered this way" % i)
            message = "Comment on ordering (%d)" % i
        else:
            state["builder"] = "build_model_v%d" % i if launcher == "light" else "build_model_%d" % i
            message = "Rename a helper (%d)" % i
        shas.append(write_and_commit(message))
        if key:
            culprits[i] = (key, shas[-1])
    return culprits, shas


def subprocess_out(repo, *args):
    import subprocess
    return subprocess.run(["git", "-C", repo] + list(args), check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def bisect(args, home, repo, good, bad, metric=None):
    run = (args.python + " train.py") if args.launcher == "torch" else (args.python + " train.py")
    cmd = ["bisect", "--repo", repo, "--good", good, "--bad", bad, "--run", run, "--trials", str(args.trials),
           "--warmup", str(args.warmup), "--json", "--quiet"]
    if args.cpus:
        cmd += ["--cpus", args.cpus]
    if metric:
        cmd += ["--metric", metric]
    t0 = time.time()
    code, doc = ailab(cmd, home, check_codes=(0, 3))
    return code, doc, time.time() - t0


def budget(n):
    return math.ceil(math.log2(n)) + 3 if n > 1 else 3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launcher", choices=["torch", "light"], default="torch")
    parser.add_argument("--commits", type=int, default=64)
    parser.add_argument("--neutral", type=int, default=20, help="bisections of ranges without a culprit (default 20)")
    parser.add_argument("--per-culprit", action=argparse.BooleanOptionalAction, default=True,
                        help="also bisect each culprit's phase alone (default on)")
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--cpus", default=None, help="pin trials to these CPUs (ailab --cpus)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=None, help="write the raw results as JSON here")
    args = parser.parse_args()

    n = args.commits
    positions = {"cv": max(1, n // 4 + 1), "mb": max(2, n // 2 + 1), "pp": max(3, 3 * n // 4 + 1)}
    work = tempfile.mkdtemp(prefix="ailab-bisect-bench-")
    repo = os.path.join(work, "repo")
    home = os.path.join(work, "home")
    culprits, shas = make_repo(repo, args.launcher, n, positions)
    rows = {"full": None, "per_culprit": [], "neutral": []}
    started = time.time()

    code, doc, wall = bisect(args, home, repo, shas[0], shas[-1])
    found = {c["commit"]: c for c in doc["culprits"]}
    expected = {sha: key for _, (key, sha) in culprits.items()}
    rows["full"] = {"exit": code, "wall_s": round(wall, 1), "experiments": doc["experiments"], "trials": doc["trials"],
                    "culprits": [(c["commit"][:12], c["phase"], c["verdict"], c["phase_diff"]) for c in doc["culprits"]],
                    "exact": sorted(found) == sorted(expected) and all(found[s]["phase"] == PHASES[k] for s, k in expected.items()),
                    "unresolved": len(doc["unresolved"])}
    print(json.dumps({"full": rows["full"]}), flush=True)

    if args.per_culprit:
        for position, (key, sha) in sorted(culprits.items()):
            code, doc, wall = bisect(args, home, repo, shas[0], shas[-1], metric="phase:" + PHASES[key])
            row = {"phase": PHASES[key], "position": position, "exit": code, "wall_s": round(wall, 1),
                   "experiments": doc["experiments"], "trials": doc["trials"], "budget": budget(n),
                   "found": [c["commit"] for c in doc["culprits"]] == [sha]}
            rows["per_culprit"].append(row)
            print(json.dumps(row), flush=True)

    quiet = []  # (good index, bad index) windows with no culprit in (good, bad]
    cut = sorted(culprits) + [n + 1]
    lo = 0
    for c in cut:
        if c - 1 - lo >= 2:
            quiet.append((lo, c - 1))
        lo = c
    rng = random.Random(args.seed)
    for i in range(args.neutral):
        a, b = quiet[i % len(quiet)]
        length = rng.randint(2, b - a)
        good = rng.randint(a, b - length)
        code, doc, wall = bisect(args, home, repo, shas[good], shas[good + length])
        row = {"good": good, "bad": good + length, "exit": code, "wall_s": round(wall, 1), "experiments": doc["experiments"],
               "trials": doc["trials"], "range_verdict": doc["range"]["verdict"], "culprits": len(doc["culprits"])}
        rows["neutral"].append(row)
        print(json.dumps(row), flush=True)

    report(rows, args, n, time.time() - started)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(rows, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)


def report(rows, args, n, seconds):
    full = rows["full"]
    print()
    print("| bisection | result | experiments (budget) | trials | wall |")
    print("|---|---|---|---|---|")
    print("| full range, %d commits, 3 culprits | %s: %s | %d (3 x %d = %d) | %d | %.0f s |" % (
        n, "exact" if full["exact"] else "NOT exact",
        ", ".join("%s %s %s %+.0f ms" % c for c in full["culprits"]) or "none", full["experiments"], budget(n), 3 * budget(n),
        full["trials"], full["wall_s"]))
    for r in rows["per_culprit"]:
        print("| %s alone (culprit #%d) | %s | %d (%d) | %d | %.0f s |" % (
            r["phase"], r["position"], "found exactly" if r["found"] else "NOT found", r["experiments"], r["budget"],
            r["trials"], r["wall_s"]))
    neutral = rows["neutral"]
    if neutral:
        blamed = sum(r["culprits"] > 0 for r in neutral)
        verdicts = {}
        for r in neutral:
            verdicts[r["range_verdict"]] = verdicts.get(r["range_verdict"], 0) + 1
        print("| %d neutral ranges (2-%d commits) | %d named a culprit; good..bad verdicts %s | %d in all | %d | %.0f s |" % (
            len(neutral), max(r["bad"] - r["good"] for r in neutral), blamed, verdicts,
            sum(r["experiments"] for r in neutral), sum(r["trials"] for r in neutral), sum(r["wall_s"] for r in neutral)))
    print()
    print("launcher %s, %d trials (+%d warm-up) per variant per step, cpus %s; %.0f s in all" % (
        args.launcher, args.trials, args.warmup, args.cpus or "unpinned", seconds))


if __name__ == "__main__":
    main()
