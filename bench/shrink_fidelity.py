#!/usr/bin/env python3
"""Does the shrunk PyTorch example still catch what the production-size one catches, at a tenth of the CPU?

Builds a git repository from examples/pytorch-train with a production-size config (config.production.json),
derives the shrunk workflow with `ailab shrink` (its fidelity check runs both sizes), commits the derived files,
and plants two regressions on top of the base commit:

  slow-logging        the demo's blocking telemetry call in config validation (~110 ms)
  slow-preprocessing  a rank transform of every feature before standardising (two argsorts per column): work
                      that scales with the data, ~5% of the production TTFB (~0.8 CPU-s of ~16), all of it in
                      feature preprocessing, a CPU-bound phase
  guard-preprocessing an extra nan_to_num + clip pass over the raw features: ~5% of preprocessing itself, under 1%
                      of TTFB (below the lab's minimum effect at any size; kept to show what the verdict says)
  base (A/A)          the base against itself: any regression or improvement is a false alarm

Then A/B-tests base against each regression at both sizes with the same options (default: the lab's default
design and confirmation; --fixed for a fixed design without confirmation), in rounds that alternate the sizes, and
prints one JSON document: the verdicts, the regressed phase's change, and the CPU seconds per trial.

    bench/shrink_fidelity.py [--trials 6] [--rounds 1] [--sizes production,shrunk] [--out results.json]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, ailab, git, metric  # noqa: E402

# What runs before the first batch at production size: ~1.1 CPU-s of imports, 125,000 rows generated and
# standardised (~0.3 CPU-s), 16 hidden layers of 1024 initialised orthogonally (~14 CPU-s: a QR per layer, width
# cubed), two DataLoader workers. The shrinker's rules cut the rows ÷10, the widths ÷4 (QR ÷64) and the workers to 1.
# 2 steps, not 150: measured trials stop at first_batch, but warm-ups run to completion (the lab estimates the
# capacity stopping saved from their tails), and a step of this model costs ~5-10 CPU-s.
PRODUCTION = {"seed": 1234, "samples": 125000, "features": 32, "classes": 2, "hidden_sizes": [1024] * 16,
              "batch_size": 256, "learning_rate": 0.01, "steps": 2, "num_workers": 2, "init": "orthogonal"}
YAML = """workflows:
  pytorch-prod:
    run: /usr/bin/python3 train.py --config config.production.json
    expect_phases: [imports, config_validation, preprocessing, model_build, first_batch]
    timeout: 15m
"""
REGRESSIONS = {"slow-logging": "phase:config_validation", "slow-preprocessing": "phase:preprocessing",
               "guard-preprocessing": "phase:preprocessing", "base": "phase:preprocessing"}
PREPROCESSING_MARKER = "    mean = raw.mean(axis=0)\n"
SLOW_PREPROCESSING = "    raw = raw.argsort(axis=0).argsort(axis=0).astype(np.float64)  # rank-transform each feature\n"
GUARD_PREPROCESSING = "    raw = np.clip(np.nan_to_num(raw), -1e9, 1e9)  # guard against bad values\n"


def make_repo(path, home, shrink=True, keep_samples=False):
    example = os.path.join(ROOT, "examples", "pytorch-train")
    os.makedirs(path)
    for name in ("train.py", "telemetry_blocking.py", "config.json"):
        shutil.copy(os.path.join(example, name), path)
    with open(os.path.join(path, "config.production.json"), "w") as f:
        json.dump(PRODUCTION, f, indent=2)
    with open(os.path.join(path, "ailab.yaml"), "w") as f:
        f.write(YAML + ("    shrink: {keep: [samples]}\n" if keep_samples else ""))
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "base: the PyTorch example with a production-size config")
    if not shrink:
        git(path, "tag", "base")
        code, shrink = None, None
    else:
        code, shrink = ailab(["shrink", "--config", os.path.join(path, "ailab.yaml"), "--workflow", "pytorch-prod",
                              "--json"], home, check_codes=(0, 1))
        git(path, "add", "-A")
        git(path, "commit", "-q", "-m", "Add the shrunk workflow derived by ailab shrink")
        git(path, "tag", "base")
    src = open(os.path.join(path, "train.py")).read()
    patched = src.replace("import argparse\n", "import telemetry_blocking\nimport argparse\n", 1)
    marker = '    """Check types and ranges, fill in defaults, and return the validated config."""\n'
    patched = patched.replace(marker, marker + "    telemetry_blocking.log_config(cfg)\n", 1)
    write_and_tag(path, "train.py", patched, "Ship the run config to the log collector", "slow-logging")
    git(path, "checkout", "-q", "base")
    patched = src.replace(PREPROCESSING_MARKER, SLOW_PREPROCESSING + PREPROCESSING_MARKER, 1)
    write_and_tag(path, "train.py", patched, "Rank-transform the features before standardizing", "slow-preprocessing")
    git(path, "checkout", "-q", "base")
    patched = src.replace(PREPROCESSING_MARKER, GUARD_PREPROCESSING + PREPROCESSING_MARKER, 1)
    write_and_tag(path, "train.py", patched, "Guard the raw features against NaN and outliers", "guard-preprocessing")
    git(path, "checkout", "-q", "base")
    return code, shrink


def write_and_tag(repo, name, text, subject, tag):
    with open(os.path.join(repo, name), "w") as f:
        f.write(text)
    git(repo, "commit", "-q", "-am", subject)
    git(repo, "tag", tag)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--regressions", default=",".join(REGRESSIONS))
    parser.add_argument("--fixed", action="store_true",
                        help="fixed design, no confirmation (the lab's default design and confirmation otherwise)")
    parser.add_argument("--sizes", default="production,shrunk")
    parser.add_argument("--out")
    parser.add_argument("--keep-samples", action="store_true",
                        help="the workflow opts out of the data-subset rule (shrink: {keep: [samples]})")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ailab-shrink-bench-")
    home = os.path.join(work, "home")
    repo = os.path.join(work, "repo")
    shrink_code, shrink = make_repo(repo, home, shrink="shrunk" in args.sizes, keep_samples=args.keep_samples)
    print("shrink exit %s; repository %s" % (shrink_code, repo), file=sys.stderr)
    results = {"shrink": shrink, "shrink_exit": shrink_code, "trials": args.trials, "experiments": []}
    design = ["--trials", str(args.trials), "--warmup", "1"] + (["--no-confirm"] if args.fixed else [])
    for round_ in range(args.rounds):
      for tag in args.regressions.split(","):
        phase = REGRESSIONS[tag]
        for size in args.sizes.split(","):
            workflow = "pytorch-prod" if size == "production" else "pytorch-prod-shrunk"
            config = os.path.join(repo, "ailab.yaml" if size == "production" else "ailab.shrunk.yaml")
            code, doc = ailab(["ab", "--repo", repo, "--a", "base", "--b", tag, "--config", config, "--workflow",
                               workflow] + design + ["--json"], home, check_codes=(0, 3))
            moved, cpu, ttfb = metric(doc, phase), metric(doc, "cpu_time"), metric(doc, "ttfb")
            phase_cpu = next((m for m in doc["metrics"] if m["name"] == phase.replace("phase:", "phase_cpu:")), None)
            row = {"round": round_, "size": size, "regression": tag, "verdict": doc["verdict"], "phase": phase,
                   "decided_by": (doc.get("basis") or {}).get("decided_by"),
                   "phase_verdict": moved["verdict"], "phase_change_pct": moved["change_pct"],
                   "phase_ci_pct": moved["ci_pct"], "phase_ms_a": moved["a"]["median"],
                   "ttfb_ms_a": ttfb["a"]["median"], "trials_a": ttfb["a"]["n"],
                   "confirmed": (doc.get("confirmation") or {}).get("confirmed"),
                   "phase_cpu_verdict": phase_cpu and phase_cpu["verdict"],
                   "phase_cpu_diff_ms": phase_cpu and phase_cpu.get("diff"),
                   "summary": (doc.get("basis") or {}).get("summary"),
                   "cpu_ms_a": cpu["a"]["median"], "cpu_ms_b": cpu["b"]["median"],
                   "experiment_id": doc["experiment_id"], "exit": code}
            results["experiments"].append(row)
            print(json.dumps(row), file=sys.stderr)
            if args.out:
                with open(args.out, "w") as f:
                    json.dump(results, f, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
