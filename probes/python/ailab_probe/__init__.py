"""AiLab's Python probe: marks the end of a workload's phases for the AiLab harness.

The harness sets AILAB_EVENTS to a file path; each mark appends one JSON line

    {"mark": "config_validation", "t_ns": 123456789, "cpu_ns": 45678901, "pid": 4242}

where t_ns is time.monotonic_ns() (CLOCK_MONOTONIC, the clock the harness reads). A mark names the
phase that has just ended; "first_batch" ends the time to first batch. cpu_ns is time.process_time_ns(), the
user + system CPU time the marking process (all its threads) has used since it started, and pid that process:
the harness derives each phase's CPU time from two marks of one process (optional fields; older probes omit them).

Standard library only, Python >= 3.8. A mark is one os.write on an O_APPEND descriptor, so lines
from several processes (DataLoader workers, forks) never interleave, and it costs a few
microseconds. Without AILAB_EVENTS every call is a no-op; I/O errors never reach the caller.

With AILAB_FOOTPRINT set, the loaded modules and their source files are written there once, right after
the first_batch mark (or at exit without one); see _footprint.py.
"""

import os
import sys
from time import monotonic_ns as _now
from time import process_time_ns as _cpu_now

from ailab_probe import _footprint

__all__ = ["mark", "enabled"]

_ENV = "AILAB_EVENTS"
_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)

_path = None  # the AILAB_EVENTS value _fd was opened for
_fd = -1
_warned = False

# Set once the program calls mark() itself; the automatic instrumentation then stands down so that
# explicit marks are never doubled by automatic ones.
explicit_used = False

_footprint.register_exit_hook()

# The TTFB-window profiler (ailab_probe.profiler), loaded only when the harness asks for a profile (AILAB_PROFILE).
_profiler = None


def enabled():
    """Return True when the harness asked for marks (AILAB_EVENTS is set and not empty)."""
    return bool(os.environ.get(_ENV))


def mark(name):
    """Record that the phase `name` has just ended; a no-op when AILAB_EVENTS is unset."""
    global explicit_used
    explicit_used = True
    _emit(name, _now(), _cpu_now())


def _emit(name, t_ns=None, cpu_ns=None):
    """Append one mark line (used by mark() and by the automatic instrumentation)."""
    if t_ns is None:
        t_ns = _now()
    if cpu_ns is None:
        cpu_ns = _cpu_now()
    if not isinstance(name, str):
        raise TypeError("ailab_probe.mark: name must be a str, not %s" % type(name).__name__)
    path = os.environ.get(_ENV)
    if not path:
        if _profiler is not None:
            _profiler.on_mark(name, t_ns)
        return
    if name == "first_batch":
        # Before the line: the harness stops the trial as soon as it reads first_batch, and a footprint written
        # after it was lost whenever the SIGTERM came first. The line carries the timestamp taken above, so the
        # few ms of writing are still never part of TTFB. The profiler stops first, so they are not profiled.
        if _profiler is not None:
            _profiler.on_mark(name, t_ns)
        _footprint.write("first_batch")
    line = '{"mark": %s, "t_ns": %d, "cpu_ns": %d, "pid": %d}\n' % (_quote(name), t_ns, cpu_ns, os.getpid())
    try:
        fd = _fd if path == _path else _open(path)
        os.write(fd, line.encode("utf-8"))
    except OSError as error:
        _warn_once("ailab_probe: cannot append to %s=%s (%s); marks are lost" % (_ENV, path, error))
    if _profiler is not None and name != "first_batch":
        _profiler.on_mark(name, t_ns)


def _open(path):
    global _fd, _path
    fd = os.open(path, _FLAGS, 0o644)
    if _fd >= 0:
        try:
            os.close(_fd)
        except OSError:
            pass
    _fd, _path = fd, path
    return fd


def _quote(name):
    # Phase names are plain words in practice; the json module (and its import) is only needed for
    # names that must be escaped.
    if name.isascii() and name.isprintable() and '"' not in name and "\\" not in name:
        return '"' + name + '"'
    import json

    return json.dumps(name)


def _warn_once(message):
    global _warned
    if _warned:
        return
    _warned = True
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except Exception:  # stderr itself may be closed; the user's program must go on
        pass


if os.environ.get("AILAB_PROFILE"):
    from ailab_probe import profiler as _profiler

    _profiler.start()
