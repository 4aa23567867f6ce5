"""Measure the parts of what the PyTorch auto-instrumentation costs, each far below timing noise.

    /usr/bin/python3 probes/python/tools/measure_hook_cost.py [PYTHON]

Whole-process timings of `import torch` vary by tens of ms from run to run, more than the
instrumentation costs, so this times the parts:
- startup: loading ailab_probe.torch_auto and installing it, as sitecustomize does (median of 9);
- the __import__ wrapper that the main script's own top-level imports go through (per call);
- how often the post-import finder runs before `import torch` leaves it behind (counted);
- the patching done when torch has been imported.
"""

import json
import os
import subprocess
import sys
import tempfile

PROBE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

STARTUP = r"""
import sys, time
sys.path.insert(0, %r)
start = time.perf_counter()
from ailab_probe import torch_auto
torch_auto.install()
print((time.perf_counter() - start) * 1e3)
"""

PARTS = r"""
import builtins, json, sys, time, timeit
sys.path.insert(0, %r)
from ailab_probe import torch_auto
torch_auto.install()
finder = [f for f in sys.meta_path if type(f).__name__ == "PostImportHook"][0]
calls = [0]
original = finder.find_spec
def counting(*args, **kwargs):
    calls[0] += 1
    return original(*args, **kwargs)
finder.find_spec = counting
import torch
g = {"__name__": "__main__"}
torch_auto._main_dict = g
torch_auto._imports_marked = False
torch_auto._plan = [1] * 10**9  # never completes: every call takes the counting path
torch_auto._last_line = 10**9
n = 100000
wrapped = min(timeit.repeat(lambda: torch_auto._import("os", g, None, None, 0), number=n, repeat=5)) / n
direct = min(timeit.repeat(lambda: builtins.__import__("os", g, None, None, 0), number=n, repeat=5)) / n
torch_auto._imports_marked = True
start = time.perf_counter()
torch_auto._on_torch(torch)
patch_ms = (time.perf_counter() - start) * 1e3
print(json.dumps({"finder_calls": calls[0], "wrapper_us": (wrapped - direct) * 1e6, "patch_ms": patch_ms}))
"""


def main():
    python = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/python3"
    env = dict(os.environ, AILAB_EVENTS=os.devnull)
    env.pop("AILAB_AUTO_ROOT_PID", None)
    for label, dont_write in (("no bytecode cache", "1"), ("bytecode cached", "")):
        with tempfile.TemporaryDirectory() as cache:  # an empty pycache tree: compiled on first use
            env["PYTHONDONTWRITEBYTECODE"] = dont_write
            env["PYTHONPYCACHEPREFIX"] = cache
            subprocess.run([python, "-c", STARTUP % PROBE_ROOT], env=env, capture_output=True, check=True)
            runs = sorted(float(subprocess.run([python, "-c", STARTUP % PROBE_ROOT], env=env, capture_output=True,
                                               text=True, check=True).stdout) for _ in range(9))
        print("startup (load + install), %s: %.2f ms (median of 9)" % (label, runs[len(runs) // 2]))
    env.pop("PYTHONPYCACHEPREFIX")
    parts = json.loads(subprocess.run([python, "-c", PARTS % PROBE_ROOT], env=env, capture_output=True, text=True,
                                      check=True).stdout.strip().splitlines()[-1])
    print("post-import finder calls until torch was found: %d" % parts["finder_calls"])
    print("main-script import wrapper: +%.2f us per top-level import statement of the main script"
          % parts["wrapper_us"])
    print("patching DataLoader and Module once torch is imported: %.3f ms" % parts["patch_ms"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
