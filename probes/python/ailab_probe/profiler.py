"""AiLab's in-process profiler for the TTFB window: a stack sampler, an import timer, and a call counter.

Started when AILAB_PROFILE names a file (by the autoinstrument sitecustomize, so from interpreter start, or by the
first `import ailab_probe` when the workload runs with `python -S`); it stops at the `first_batch` mark and writes
one JSON document to that file (rewritten at exit with the imports that came after the window).

Why a sampler thread and not py-spy: py-spy (an out-of-process sampler reading the interpreter's memory) is not
installable on the lab's machines and needs ptrace rights; `sys._current_frames()` from a daemon thread is standard
library only, costs one GIL hand-over per sample, and sees exactly the main thread's Python stack. It is GIL-biased:
a sample lands where the main thread yields the GIL, so each sample is weighted by the time since the previous one
and the weights sum to the window. A thread that wants the GIL waits the interpreter's switch interval (5 ms) before
the holder is asked to drop it, so the sampler lowers that interval to SWITCH_MS for the window (and puts it back at
first_batch): at 5 ms a sample came up to 5 ms late, landed on whatever caller the main thread had reached by then,
and carried the late interval's weight. A long C call that holds the GIL (repr of a large table) delays the sample to
just after it, with the frame still on that call instruction: the callee named by that instruction becomes the
leaf ("builtins.repr"), so native work is attributed to the call that did it.

AILAB_PROFILE_MODE=calls runs cProfile instead (deterministic, slow, per-call counts and caller edges); the harness
runs it once per variant for call counts only, never for times.

Imports are timed at the same boundary `python -X importtime` uses (importlib's _find_and_load), with monotonic
timestamps, so the harness can tell which modules were imported inside the TTFB window.
"""

import os
import sys
import time

_now = time.monotonic_ns

_state = None


def start():
    """Start profiling if AILAB_PROFILE is set; idempotent, never raises into the workload."""
    global _state
    if _state is not None or not os.environ.get("AILAB_PROFILE"):
        return
    try:
        _state = _Profiler(os.environ["AILAB_PROFILE"], os.environ.get("AILAB_PROFILE_MODE", "sample"),
                           float(os.environ.get("AILAB_PROFILE_INTERVAL_MS", "1")))
        _state.begin()
    except Exception as error:  # the workload must run whatever the profiler does
        sys.stderr.write("ailab_probe.profiler: not profiling (%s)\n" % (error,))


def on_mark(name, t_ns):
    """Called by the probe for every mark; first_batch ends the profiled window."""
    if _state is not None and name == "first_batch":
        _state.stop(t_ns, "first_batch")


# The switch interval during the sampled window (AILAB_PROFILE_SWITCH_MS overrides; 0 leaves the interpreter's).
SWITCH_MS = 0.5

_CALL_OPS = frozenset(("PRECALL", "CALL", "CALL_FUNCTION", "CALL_METHOD", "CALL_FUNCTION_KW", "CALL_KW"))
_ATTR_OPS = frozenset(("LOAD_METHOD", "LOAD_ATTR"))
_IMPORTLIB = frozenset(("importlib._bootstrap", "importlib._bootstrap_external", "_frozen_importlib",
                        "_frozen_importlib_external"))


class _Profiler:
    def __init__(self, path, mode, interval_ms):
        if mode not in ("sample", "calls"):
            raise ValueError("AILAB_PROFILE_MODE must be sample or calls, not %r" % mode)
        self.path = path
        self.mode = mode
        self.interval = max(interval_ms, 0.5) / 1000.0
        self.main = None
        self.start_ns = 0
        self.stop_ns = 0
        self.stopped_by = None
        self.running = False
        self.samples = []          # (t_ns, weight_ns, stack tuple of frame ids, root first)
        self.frame_ids = {}        # (code, native name or None) -> id
        self.frames = []           # id -> (module, name, file, line)
        self.callees = {}          # (code, lasti) -> native callee name or None
        self.imports = []          # [module, parent, depth, start_ns, end_ns, self_ns]
        self.import_stack = []     # [name, start_ns, children_ns]
        self.cprofile = None
        self.calls = None
        self.hook_code = None
        self.switch = None         # the interpreter's switch interval, while the sampler lowered it
        self.switch_ms = sys.getswitchinterval() * 1000.0  # the one the window ran with

    def begin(self):
        import _thread
        import atexit
        import dis  # noqa: F401  (the sampler's callee lookup needs it: imported here, before the import hook, so
        #             the profiler's own import never shows as the workload's)

        self.main = _thread.get_ident()
        self._hook_imports()
        self.start_ns = _now()
        self.running = True
        if self.mode == "calls":
            import cProfile

            self.cprofile = cProfile.Profile()
            self.cprofile.enable()
        else:
            # The sampler needs the GIL for each sample, and a thread that wants it waits the switch interval (5 ms
            # by default) before the holder is asked to drop it: the samples came 5 ms late, landed wherever the
            # main thread was by then, and carried that late interval's weight (the planted repr was named on a
            # caller's leaf, len() in build_features, 1 run in 3). Lowered for the window only: a profiled trial is
            # never a measured one, and the value is back at first_batch.
            switch = float(os.environ.get("AILAB_PROFILE_SWITCH_MS", str(SWITCH_MS))) / 1000.0
            if 0 < switch < sys.getswitchinterval():
                self.switch = sys.getswitchinterval()
                sys.setswitchinterval(switch)
                self.switch_ms = switch * 1000.0
            _thread.start_new_thread(self._loop, ())
        atexit.register(self._at_exit)

    # -- sampling ------------------------------------------------------------------------------------------------
    def _loop(self):
        sleep, frames_of, main = time.sleep, sys._current_frames, self.main
        last = self.start_ns
        while self.running:
            sleep(self.interval)
            if not self.running:
                return
            frame = frames_of().get(main)
            now = _now()
            if frame is not None:
                self.samples.append((now, now - last, self._stack(frame)))
            last = now

    def _stack(self, frame):
        ids = []
        native = self._native_callee(frame)
        if native is not None:
            ids.append(self._frame_id(None, native))
        hook = self.hook_code
        while frame is not None:
            code = frame.f_code
            if code is hook:
                # The import wrapper stands for the whole import: one frame "import NAME", importlib's own frames
                # (the machinery between the import statement and the module's body) left out.
                ids.append(self._frame_id(None, "<import>." + str(frame.f_locals.get("name"))))
            elif frame.f_globals.get("__name__") not in _IMPORTLIB:
                ids.append(self._frame_id(frame, None))
            frame = frame.f_back
        ids.reverse()
        return tuple(ids)

    def _frame_id(self, frame, native):
        key = native if frame is None else frame.f_code
        found = self.frame_ids.get(key)
        if found is not None:
            return found
        if frame is None:
            module, _, name = native.partition(".") if native.startswith("<import>") else native.rpartition(".")
            entry = (module or "builtins", name, "~", 0)
        else:
            code = frame.f_code
            module = frame.f_globals.get("__name__") or "?"
            if module == "__main__":
                module = os.path.splitext(os.path.basename(code.co_filename))[0]
            entry = (module, getattr(code, "co_qualname", code.co_name), code.co_filename, code.co_firstlineno)
        self.frame_ids[key] = len(self.frames)
        self.frames.append(entry)
        return self.frame_ids[key]

    def _native_callee(self, frame):
        """The native function the frame is calling when the sample caught it on a call instruction, else None."""
        key = (frame.f_code, frame.f_lasti)
        if key in self.callees:
            name = self.callees[key]
        else:
            name = self.callees[key] = _callee_at(frame.f_code, frame.f_lasti)
        if name is None:
            return None
        kind, owner_name, attr = name
        if kind == "attr" and owner_name is None:
            return "?." + attr  # a method of a value the bytecode does not name (str.join on a local)
        obj = _lookup(frame, owner_name if kind == "attr" else attr)
        if kind == "attr":
            obj = getattr(obj, attr, None) if obj is not None else None
        if obj is None or hasattr(obj, "__code__") or hasattr(getattr(obj, "__func__", None), "__code__"):
            return None  # unknown, or a Python function: its own frame would be on the stack while it runs
        module = getattr(obj, "__module__", None) or "builtins"
        return "%s.%s" % (module, getattr(obj, "__qualname__", attr))

    # -- imports -------------------------------------------------------------------------------------------------
    def _hook_imports(self):
        import _frozen_importlib as bootstrap

        original = bootstrap._find_and_load
        stack, records, now = self.import_stack, self.imports, _now

        modules = sys.modules

        def _find_and_load(name, import_):
            if name in modules:  # importlib.import_module of a loaded module: not an import -X importtime lists
                return original(name, import_)
            entry = [name, now(), 0]
            stack.append(entry)
            try:
                return original(name, import_)
            finally:
                end = now()
                stack.pop()
                total = end - entry[1]
                parent = stack[-1] if stack else None
                if parent is not None:
                    parent[2] += total
                records.append([name, parent[0] if parent else None, len(stack), entry[1], end, total - entry[2]])

        self.hook_code = _find_and_load.__code__
        bootstrap._find_and_load = _find_and_load

    # -- end of the window ---------------------------------------------------------------------------------------
    def stop(self, t_ns, why):
        if not self.running:
            return
        self.running = False
        if self.switch is not None:
            sys.setswitchinterval(self.switch)
            self.switch = None
        if self.cprofile is not None:
            self.cprofile.disable()
            self.calls = self._call_counts()
        self.stop_ns = t_ns
        self.stopped_by = why
        self._write()

    def _at_exit(self):
        if self.running:
            self.stop(_now(), "exit")
        else:
            self._write()

    def _call_counts(self):
        self.cprofile.create_stats()
        files = {}
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None)
            if path:
                files[path] = module.__name__
        out = []
        for (path, line, name), (_, calls, own, total, callers) in self.cprofile.stats.items():
            out.append({"function": _cprofile_name(files, path, name), "file": path, "line": line, "calls": calls,
                        "self_ms": own * 1000.0, "callers": [
                            {"function": _cprofile_name(files, p, n), "file": p, "line": ln, "calls": c[1]}
                            for (p, ln, n), c in callers.items()]})
        return out

    def _write(self):
        import json

        marks = _read_marks()
        order = [(m["t_ns"], m["mark"]) for m in marks if isinstance(m.get("t_ns"), int)]
        order.sort()
        stacks = {}
        for t_ns, weight, stack in self.samples:
            if t_ns > self.stop_ns:
                # Taken after first_batch: only the part of its interval before the end of the window counts.
                weight = self.stop_ns - (t_ns - weight)
                t_ns = self.stop_ns
                if weight <= 0:
                    continue
            phase = next((name for t, name in order if t >= t_ns), None)
            entry = stacks.setdefault((phase, stack), [0, 0])
            entry[0] += 1
            entry[1] += weight
        doc = {
            "format": "ailab-profile/1", "mode": self.mode, "python": sys.version.split()[0], "pid": os.getpid(),
            "interval_ms": self.interval * 1000.0, "switch_interval_ms": self.switch_ms, "start_ns": self.start_ns, "stop_ns": self.stop_ns,
            "stopped_by": self.stopped_by, "marks": marks,
            "frames": [{"module": m, "name": n, "file": f, "line": ln} for m, n, f, ln in self.frames],
            "stacks": [{"phase": phase, "stack": list(stack), "samples": count, "ms": weight / 1e6}
                       for (phase, stack), (count, weight) in stacks.items()],
            "imports": [{"module": r[0], "parent": r[1], "depth": r[2], "start_ns": r[3], "end_ns": r[4],
                         "self_ms": r[5] / 1e6, "total_ms": (r[4] - r[3]) / 1e6} for r in self.imports],
        }
        if self.calls is not None:
            doc["calls"] = self.calls
        try:
            tmp = "%s.%d.tmp" % (self.path, os.getpid())
            with open(tmp, "w", encoding="utf-8") as file:
                json.dump(doc, file, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError as error:
            sys.stderr.write("ailab_probe.profiler: cannot write %s (%s)\n" % (self.path, error))


def _lookup(frame, name):
    """The object a global (or builtin) name of the frame's module refers to, else None."""
    obj = frame.f_globals.get(name)
    if obj is None:
        builtins = frame.f_builtins
        obj = builtins.get(name) if isinstance(builtins, dict) else getattr(builtins, name, None)
    return obj


def _read_marks():
    path = os.environ.get("AILAB_EVENTS")
    if not path:
        return []
    import json

    marks = []
    try:
        with open(path, encoding="utf-8") as file:
            for line in file:
                try:
                    item = json.loads(line)
                except ValueError:
                    continue
                if isinstance(item, dict) and isinstance(item.get("mark"), str):
                    marks.append({"mark": item["mark"], "t_ns": item.get("t_ns")})
    except OSError:
        pass
    return marks


def _cprofile_name(files, path, name):
    """cProfile's (file, line, name) as the sampler names it: module.function, or builtins.repr / str.join."""
    if path == "~":
        text = name.strip("<>")
        if text.startswith("built-in method "):
            return text[len("built-in method "):]
        if text.startswith("method '") and "' of '" in text:
            method, _, owner = text[len("method '"):].partition("' of '")
            return "%s.%s" % (owner.split("'")[0], method)
        return text
    module = files.get(path) or os.path.splitext(os.path.basename(path))[0]
    if module == "__main__":
        module = os.path.splitext(os.path.basename(path))[0]
    return "%s.%s" % (module, name)


def _callee_at(code, lasti):
    """("global", None, name) or ("attr", owner global or None, name) for the callable of the call instruction at
    `lasti`, else None.

    Walks back from the call over the instructions that pushed its arguments (by their stack effects) to the one
    that pushed the callable; gives up (None) on anything it cannot follow, so no leaf is invented."""
    import dis

    instructions = [i for i in dis.get_instructions(code) if i.opname != "CACHE"]
    index = next((k for k, i in enumerate(instructions) if i.offset == lasti), None)
    if index is None or instructions[index].opname not in _CALL_OPS:
        return None
    call = instructions[index]
    if call.opname == "CALL" and index > 0 and instructions[index - 1].opname == "PRECALL":
        index -= 1
        call = instructions[index]
    argc = call.arg or 0
    if call.opname in ("CALL_FUNCTION_KW", "CALL_KW"):
        argc += 1
    # Back over the arguments: once they are accounted for (depth == argc), the next instruction back produced
    # the callable.
    depth = 0
    for k in range(index - 1, max(index - 65, 0) - 1, -1):
        item = instructions[k]
        if item.opname == "KW_NAMES":
            continue
        if depth == argc:
            if item.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
                return ("global", None, item.argval)
            if item.opname in _ATTR_OPS:
                owner = instructions[k - 1] if k > 0 else None
                owner_name = owner.argval if owner is not None and owner.opname in ("LOAD_GLOBAL", "LOAD_NAME") else None
                return ("attr", owner_name, item.argval)
            return None
        try:
            depth += dis.stack_effect(item.opcode, item.arg, jump=False) if item.opcode >= dis.HAVE_ARGUMENT \
                else dis.stack_effect(item.opcode, jump=False)
        except ValueError:
            return None
        if depth > argc:
            return None
    return None
