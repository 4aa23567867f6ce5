"""Shared helpers of the benchmarks: run the ailab CLI, make git repositories from the examples."""
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# AILAB_CMD runs a fixed build (e.g. "dotnet /tmp/ailab/ailab.dll"), so editing the sources mid-run changes nothing.
AILAB = os.environ.get("AILAB_CMD", os.path.join(ROOT, "ailab")).split()


def ailab(args, home, check_codes=(0,), cmd=None):
    """Runs ./ailab (or cmd, a list) with AILAB_HOME=home and returns (exit code, parsed JSON stdout or None)."""
    env = dict(os.environ, AILAB_HOME=home)
    proc = subprocess.run((cmd or AILAB) + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in check_codes:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit("ailab %s failed with exit %d" % (" ".join(args[:3]), proc.returncode))
    return proc.returncode, (json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None)


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "user.name=Bench", "-c", "user.email=bench@example.com"] + list(args),
                   check=True, stdout=subprocess.DEVNULL)


def pytorch_repo(path, steps=1):
    """A git repo of the PyTorch example: commit 'base', then branch 'slow-config' that adds 100 ms of blocking
    work to config validation. Returns the path."""
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    example = os.path.join(ROOT, "examples", "pytorch-train")
    shutil.copy(os.path.join(example, "train.py"), path)
    with open(os.path.join(example, "config.json")) as f:
        cfg = json.load(f)
    cfg["steps"] = steps  # only the time after first_batch changes; TTFB is what is measured
    with open(os.path.join(path, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "base")
    git(path, "tag", "base")
    src = open(os.path.join(path, "train.py")).read()
    marker = '    """Check types and ranges, fill in defaults, and return the validated config."""\n'
    assert marker in src, "train.py changed: update the bench's patch point"
    src = src.replace(marker, marker + "    import time; time.sleep(0.100)  # bench: 100 ms of blocking work\n", 1)
    with open(os.path.join(path, "train.py"), "w") as f:
        f.write(src)
    git(path, "commit", "-q", "-am", "Add 100 ms of blocking work to config validation")
    git(path, "tag", "slow-config")
    return path


def metric(doc, name):
    for m in doc["metrics"]:
        if m["name"] == name:
            return m
    return None
