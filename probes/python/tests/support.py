"""Helpers shared by the tests: paths, running real Python subprocesses, reading event files."""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

PROBE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUTO_DIR = os.path.join(PROBE_ROOT, "autoinstrument")
REPO_ROOT = os.path.dirname(os.path.dirname(PROBE_ROOT))
TRAIN_DIR = os.path.join(REPO_ROOT, "examples", "pytorch-train")

# Debian's interpreter is the one with torch and numpy here; AILAB_TEST_PYTHON picks another one.
PYTHON = os.environ.get("AILAB_TEST_PYTHON") or (
    "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable)


def has_torch():
    """True when PYTHON can import torch (the auto-instrumentation tests need it)."""
    result = subprocess.run([PYTHON, "-c", "import torch"], capture_output=True)
    return result.returncode == 0


_HAS_TORCH = None


def require_torch(test):
    """Skip `test` (a TestCase) when torch is not installed for PYTHON."""
    global _HAS_TORCH
    if _HAS_TORCH is None:
        _HAS_TORCH = has_torch()
    if not _HAS_TORCH:
        raise unittest.SkipTest("torch is not importable by %s" % PYTHON)


class Workspace:
    """A temporary folder holding scripts and the events file of one test."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="ailab-probe-test-")
        self.path = self._dir.name
        self.events = os.path.join(self.path, "events.jsonl")

    def close(self):
        """Delete the folder."""
        self._dir.cleanup()

    def write(self, name, text):
        """Write a dedented file into the workspace and return its path."""
        path = os.path.join(self.path, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(textwrap.dedent(text).lstrip("\n"))
        return path

    def run(self, args, auto=False, events=True, extra_path=(), env=None, timeout=120):
        """Run PYTHON with `args` in the workspace; return the CompletedProcess (text mode)."""
        environment = {k: v for k, v in os.environ.items()
                       if k not in ("AILAB_EVENTS", "AILAB_AUTO", "AILAB_AUTO_ROOT_PID", "PYTHONPATH")}
        paths = ([AUTO_DIR] if auto else []) + [PROBE_ROOT] + list(extra_path)
        environment["PYTHONPATH"] = os.pathsep.join(paths)
        if auto:
            environment["AILAB_AUTO"] = "torch"
        if events:
            environment["AILAB_EVENTS"] = self.events
        environment.update(env or {})
        return subprocess.run([PYTHON] + list(args), cwd=self.path, env=environment,
                              capture_output=True, text=True, timeout=timeout)

    def marks(self):
        """The parsed lines of the events file, in file order ([] when there is none)."""
        if not os.path.exists(self.events):
            return []
        with open(self.events, encoding="utf-8") as file:
            return [json.loads(line) for line in file]


def last_json_line(stdout):
    """The last stdout line parsed as JSON (scripts report their own clock readings that way)."""
    return json.loads(stdout.strip().splitlines()[-1])
