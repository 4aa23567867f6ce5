"""AiLab automatic instrumentation, loaded by `site` when this folder is on PYTHONPATH.

The harness runs an unmodified workload with
    PYTHONPATH=<repo>/probes/python/autoinstrument:<repo>/probes/python  AILAB_AUTO=torch
and AILAB_EVENTS set. This file shadows any other sitecustomize (Debian ships one in
/usr/lib/python3.X), so it first runs the next sitecustomize found on sys.path after this folder,
keeping that behaviour, and only then installs the instrumentation named by AILAB_AUTO.
"""

import os
import sys


def _run_next_sitecustomize():
    """Execute the sitecustomize this one shadows, if any; return its exception, if it raised."""
    # The frozen bootstrap modules are always loaded; importlib.util would cost milliseconds here.
    from _frozen_importlib import module_from_spec
    from _frozen_importlib_external import PathFinder

    here = os.path.realpath(os.path.dirname(os.path.abspath(__file__)))
    entries = sys.path
    for index, entry in enumerate(sys.path):
        if os.path.realpath(os.path.abspath(entry or os.curdir)) == here:
            entries = sys.path[index + 1:]
            break
    spec = PathFinder.find_spec("sitecustomize", entries)
    if spec is None or spec.loader is None or spec.origin == __file__:
        return None
    module = module_from_spec(spec)
    globals()["shadowed"] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # reported after our install, as `site` would have reported it
        return error
    return None


def _install_auto_instrumentation():
    wanted = {name.strip() for name in os.environ.get("AILAB_AUTO", "").split(",")}
    if "torch" not in wanted or not os.environ.get("AILAB_EVENTS"):
        return  # nothing would be recorded: do not even import the instrumentation
    try:
        from ailab_probe import torch_auto
    except ImportError as error:
        sys.stderr.write("ailab autoinstrument: AILAB_AUTO=torch but ailab_probe is not importable (%s); "
                         "add <repo>/probes/python to PYTHONPATH\n" % (error,))
        return
    torch_auto.install()


def _start_profiler():
    """AILAB_PROFILE: profile from here (interpreter start) to first_batch; importing the probe starts it."""
    if not os.environ.get("AILAB_PROFILE"):
        return
    try:
        import ailab_probe  # noqa: F401  (its import starts the profiler)
    except ImportError as error:
        sys.stderr.write("ailab autoinstrument: AILAB_PROFILE is set but ailab_probe is not importable (%s); "
                         "add <repo>/probes/python to PYTHONPATH\n" % (error,))


_start_profiler()
_shadowed_error = _run_next_sitecustomize()
_install_auto_instrumentation()
if _shadowed_error is not None:
    raise _shadowed_error
