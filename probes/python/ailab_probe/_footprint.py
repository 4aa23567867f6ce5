"""The footprint: which modules, from which source files, the workload had loaded.

When the harness sets AILAB_FOOTPRINT to a file path, the probe writes one JSON document there, once per
workload, at the first_batch mark (what TTFB ran), or at exit when first_batch never came:

    {"version": 1, "at": "first_batch", "pid": 4242,
     "modules": [["json", "/usr/lib/python3.11/json/__init__.py"], ["_thread", null], ...]}

Each entry is a module name in sys.modules and its source file (__file__; null for built-in and namespace
modules). The harness keeps the files inside the workflow's repository as its footprint and the names to
check that a shrunk run loads the same code as its production run. The write happens after the mark's
timestamp is taken, so its cost (a few ms for the ~1,500 modules of `import torch`) never enters TTFB; it
does count in the trial's CPU time. The file is created with O_EXCL, so the first process to get there
wins and DataLoader workers or forks never overwrite the root's footprint. Errors are reported once on
stderr and never reach the caller.
"""

import atexit
import os
import sys

ENV = "AILAB_FOOTPRINT"

_written = False
_registered = False


def register_exit_hook():
    """At exit, write the footprint if first_batch never did (a no-op without AILAB_FOOTPRINT)."""
    global _registered
    if _registered or not os.environ.get(ENV):
        return
    _registered = True
    atexit.register(write, "exit")


def write(at):
    """Write the footprint document now, once; returns True when this call wrote it."""
    global _written
    path = os.environ.get(ENV)
    if _written or not path:
        return False
    _written = True
    try:
        import json

        modules = sorted((name, _source_of(module)) for name, module in list(sys.modules.items()) if module)
        text = json.dumps({"version": 1, "at": at, "pid": os.getpid(), "modules": modules})
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            os.write(fd, (text + "\n").encode("utf-8"))
        finally:
            os.close(fd)
        return True
    except FileExistsError:
        return False  # another process of the workload (the root, usually) wrote it first
    except Exception as error:  # the user's program must go on
        try:
            sys.stderr.write("ailab_probe: cannot write the footprint to %s=%s (%s)\n" % (ENV, path, error))
        except Exception:
            pass
        return False


def _source_of(module):
    path = getattr(module, "__file__", None)
    if not isinstance(path, str):
        return None
    if path.endswith((".pyc", ".pyo")):  # sourceless or cached: name the source when it is next to it
        source = path[:-1]
        if os.path.exists(source):
            return os.path.abspath(source)
    return os.path.abspath(path)
