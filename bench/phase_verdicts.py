#!/usr/bin/env python3
"""Phase-decomposed verdicts on generated PyTorch launcher histories, run with default options (issue 8).

A git history of the PyTorch example gets one branch per planted regression: +2%, +4% and +8% of the base's TTFB
median as blocking work (a sleep) in config validation, in preprocessing, and in the import phase; A/A experiments
compare the base with itself. Every experiment runs through the real CLI with DEFAULT options (no --cpus, no
--trials): its own confirmation included. Each result is appended to a JSONL file as soon as it is in, so a run cut
short keeps what it measured. The report re-analyses the SAME stored statistics with the TTFB-only rule (the old
overall verdict: TTFB's Welch-on-logs p and Mann–Whitney p both below α, interval excluding 0, change ≥ 1%) next to
the phase-decomposed rule's verdict, per effect size and location: detection rate, A/A false alarms, median trials
and wall time per verdict.

    bench/phase_verdicts.py --aa 50 --rounds 3 --out /tmp/phase-verdicts.jsonl
    bench/phase_verdicts.py --report /tmp/phase-verdicts.jsonl
"""
import argparse
import json
import os
import statistics
import tempfile
import time

from common import ailab, git, metric, pytorch_repo

SIZES = (2, 4, 8)
LOCATIONS = {
    # phase -> the line the sleep goes right before (inside the phase that line's mark ends)
    "config_validation": '    mark("config_validation")\n',
    "preprocessing": '    mark("preprocessing")\n',
    "imports": 'mark("imports")\n',
}
ALPHA = 0.01


def plant(repo, base_ms):
    """One branch per (location, size): tag '<phase>-<pct>'."""
    for phase, line in LOCATIONS.items():
        for pct in SIZES:
            git(repo, "checkout", "-q", "base")
            src = open(os.path.join(repo, "train.py")).read()
            assert line in src, "train.py changed: update the bench's patch point for " + phase
            indent = line[: len(line) - len(line.lstrip())]
            sleep = "%s__import__('time').sleep(%.4f)  # bench: +%d%% of TTFB\n" % (indent, base_ms * pct / 100 / 1000, pct)
            src = src.replace(line, sleep + line, 1)
            with open(os.path.join(repo, "train.py"), "w") as f:
                f.write(src)
            git(repo, "commit", "-q", "-am", "Add %d%% of TTFB to %s" % (pct, phase))
            git(repo, "tag", "%s-%d" % (phase, pct))
    git(repo, "checkout", "-q", "base")


def run_one(repo, home, b, seed, python):
    t0 = time.monotonic()
    code, doc = ailab(["ab", "--repo", repo, "--a", "base", "--b", b, "--run", python + " train.py",
                       "--seed", str(seed), "--json", "--quiet"], home, check_codes=(0, 3))
    return code, doc, time.monotonic() - t0


def ttfb_only(m):
    """The TTFB-only rule on a stored TTFB comparison (the overall verdict before phase decomposition)."""
    if m is None or m["p_value"] is None or m["mann_whitney_p"] is None:
        return "inconclusive"
    lo, hi = m["ci_pct"]
    if m["p_value"] < ALPHA and m["mann_whitney_p"] < ALPHA and (lo > 0 or hi < 0) and abs(m["change_pct"]) >= 1.0:
        return "regression" if m["change_pct"] > 0 else "improvement"
    return m["verdict"] if m["verdict"] in ("no_change", "inconclusive") else "inconclusive"


def row_of(kind, b, code, doc, seconds):
    ttfb = metric(doc, "ttfb") if doc else None
    conf = (doc or {}).get("confirmation") or {}
    basis = (doc or {}).get("basis") or {}
    return {
        "kind": kind, "b": b, "exit": code, "seconds": round(seconds, 1),
        "verdict": doc["verdict"] if doc else None, "cause": (doc or {}).get("cause"),
        "decided_by": basis.get("decided_by"), "summary": basis.get("summary"),
        "trials": (doc or {}).get("trials", {}).get("measured") if doc else None,
        "confirmed": conf.get("confirmed"),
        "ttfb_only": ttfb_only(ttfb), "ttfb_a_median": ttfb["a"]["median"] if ttfb else None,
        "ttfb_change_pct": ttfb["change_pct"] if ttfb else None,
        "doc": doc,
    }


def report(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    print("%d experiments in %s" % (len(rows), path))
    print("| planted | experiments | new rule: final verdict (after its confirmation) | TTFB-only rule, same trials "
          "(first experiment, unconfirmed) | new rule decided by a phase | median measured trials (A+B, first experiment) "
          "| median wall s per verdict (incl. confirmation) |")
    print("|---|---|---|---|---|---|---|")
    groups = {}
    for r in rows:
        groups.setdefault(r["b"], []).append(r)
    order = ["base"] + ["%s-%d" % (p, s) for p in LOCATIONS for s in SIZES]
    for b in order:
        g = groups.get(b)
        if not g:
            continue
        n = len(g)
        if b == "base":
            new = sum(r["verdict"] in ("regression", "improvement") for r in g)
            old = sum(r["ttfb_only"] in ("regression", "improvement") for r in g)
            label = "A/A (false alarms)"
        else:
            new = sum(r["verdict"] == "regression" for r in g)
            old = sum(r["ttfb_only"] == "regression" for r in g)
            label = b
        phase = sum(1 for r in g if (r.get("decided_by") or "").startswith("phase:"))
        trials = [r["trials"] for r in g if r["trials"] is not None]
        print("| %s | %d | %d/%d | %d/%d | %d | %s | %.0f |" % (
            label, n, new, n, old, n, phase, statistics.median(trials) if trials else "-",
            statistics.median(r["seconds"] for r in g)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aa", type=int, default=50, help="A/A experiments (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="experiments per planted branch (default 3)")
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--out", default="phase-verdicts.jsonl", help="append each result here (JSON lines)")
    parser.add_argument("--report", default=None, help="only print the report of this JSONL file")
    args = parser.parse_args()
    if args.report:
        report(args.report)
        return

    work = tempfile.mkdtemp(prefix="ailab-phase-bench-")
    repo = pytorch_repo(os.path.join(work, "repo"))
    home = os.path.join(work, "home")
    # The planted sizes are shares of the base's TTFB median, measured by the first A/A experiment (default options).
    code, doc, seconds = run_one(repo, home, "base", 1, args.python)
    base_ms = metric(doc, "ttfb")["a"]["median"]
    with open(args.out, "a") as f:
        f.write(json.dumps(row_of("aa", "base", code, doc, seconds)) + "\n")
    plant(repo, base_ms)
    print("base TTFB median %.0f ms; planted %s" % (base_ms, ", ".join("%d%%" % s for s in SIZES)), flush=True)
    planted = ["%s-%d" % (p, s) for s in SIZES for p in LOCATIONS]
    # A/A and planted experiments alternate, so a run cut short still has both kinds.
    schedule = []
    aa_left = args.aa - 1
    for r in range(args.rounds):
        for b in planted:
            schedule.append(("ab", b))
            if aa_left > 0:
                schedule.append(("aa", "base"))
                aa_left -= 1
    schedule += [("aa", "base")] * aa_left
    for i, (kind, b) in enumerate(schedule):
        code, doc, seconds = run_one(repo, home, b, 100 + i, args.python)
        row = row_of(kind, b, code, doc, seconds)
        with open(args.out, "a") as f:
            f.write(json.dumps(row) + "\n")
        print("%3d/%d %-22s %-12s by %-26s ttfb-only %-12s %5.0f s" % (
            i + 1, len(schedule), b, row["verdict"], row["decided_by"], row["ttfb_only"], seconds), flush=True)
    report(args.out)


if __name__ == "__main__":
    main()
