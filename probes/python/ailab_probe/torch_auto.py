"""Automatic PyTorch instrumentation: marks imports, first_batch and done for an unmodified script.

Switched on by the harness through autoinstrument/sitecustomize.py with AILAB_AUTO=torch. Every
hook is placed so that torch's own thousands of imports never run our Python code (measured: a
process-wide audit hook plus a global builtins.__import__ wrapper cost ~50 ms of a 1.1 s
`import torch` on the reference machine, through Python calls made from C):

- "imports": the main program is known at site time from sys.argv (sys.orig_argv for -c); its
  leading import block is planned from the source (_import_plan). The __main__ module gets its
  own builtins mapping whose __import__ counts the block's calls: only statements executed by the
  main script's top level go through it (IMPORT_NAME reads __import__ from the running frame's
  builtins), never an import inside a library. When the count is reached (or an import comes from
  a line past the block) "imports" is marked and __main__.__builtins__ is the builtins module
  again, so functions defined afterwards are untouched. The top-level frame of the main script
  keeps the mapping: a copy of builtins re-synced at that moment that falls back to the live
  builtins for names added later; a builtin *rebound* later is not seen by top-level statements of
  the main script (functions see it). A source that cannot be parsed, or has no leading imports,
  gets "imports" at site time; for `-m` the plan is made at the first import from __file__.
- "first_batch": the first successful __next__ of any DataLoader iterator in the process; or, when
  no DataLoader was constructed before it, the first (hence outermost) torch.nn.Module call. The
  patches go in when `import torch` has finished (a post-import hook that leaves sys.meta_path as
  soon as torch is found) and remove themselves after their first call. Module.__call__ is patched
  only once the import block is done, so that forward calls made while importing never count.
- "done": at exit.

Only the root process of the workload marks (DataLoader workers, forks and spawned interpreters
stay silent), and a program that uses ailab_probe itself is left to its explicit marks.
"""

import _thread
import atexit
import builtins
import os
import sys

import ailab_probe
from ailab_probe._import_plan import plan_import_calls
from ailab_probe._post_import import PostImportHook

ROOT_PID_ENV = "AILAB_AUTO_ROOT_PID"
"""Environment variable naming the process that owns the automatic marks (children inherit it)."""

_DATALOADER = "torch.utils.data.dataloader"
_NN_MODULE = "torch.nn.modules.module"

_installed = False
_active = False  # False before install, in child processes and after standing down
_pid = -1
_main_dict = None
_main_builtins = None  # the _MainBuiltins placed in __main__, while the import block runs
_plan = None  # per-call list from plan_import_calls; None until known
_last_line = 0
_count = 0
_imports_marked = False
_loader_seen = False
_first_batch_marked = False
_nn_module_cls = None
_call_patched = False
_lock = _thread.allocate_lock()
_warned = False


class _MainBuiltins(dict):
    """The builtins of the main script's top level: a copy with our __import__, live for new names."""

    __slots__ = ()

    def __missing__(self, key):
        try:
            return getattr(builtins, key)
        except AttributeError:
            raise KeyError(key) from None


def install():
    """Install the hooks once, in the workload's root process only (call at site time); never raises."""
    global _installed, _active, _pid
    if _installed:
        return
    _installed = True
    try:
        if not ailab_probe.enabled():
            return
        pid = os.getpid()
        root = os.environ.get(ROOT_PID_ENV)
        if root and root != str(pid):
            return
        os.environ[ROOT_PID_ENV] = str(pid)
        _pid, _active = pid, True
        atexit.register(_at_exit)
        PostImportHook({"torch": _on_torch}, _report).install()
        _watch_main_imports()
    except Exception as error:
        _report(error)
        _mark_imports()


def _watch_main_imports():
    argv = sys.argv
    program = argv[0] if argv else ""
    if program == "-c":
        orig_argv = getattr(sys, "orig_argv", None)  # Python >= 3.10
        if not orig_argv or len(orig_argv) <= len(argv):
            _mark_imports()
            return
        _start_counting(orig_argv[len(orig_argv) - len(argv)], "<string>")
    elif program == "-m":
        _install_main_builtins()  # the module's file is known once runpy has set __file__
    elif program in ("", "-"):
        _mark_imports()  # interactive or stdin: no source to plan
    else:
        try:
            with open(program, "rb") as file:
                source = file.read()
        except OSError:  # a directory or zip application runs its __main__ through runpy
            _install_main_builtins()
            return
        _start_counting(source, program)


def _start_counting(source, filename):
    global _plan, _last_line
    try:
        plan, last_line = plan_import_calls(source, filename)
    except (SyntaxError, ValueError):
        plan, last_line = [], 0
    _plan, _last_line = plan, last_line
    if plan:
        _install_main_builtins()
    else:
        _mark_imports()


def _install_main_builtins():
    global _main_dict, _main_builtins
    if _main_builtins is not None:
        return
    main_dict = sys.modules["__main__"].__dict__
    if main_dict.get("__builtins__") not in (builtins, builtins.__dict__):
        _mark_imports()  # an embedding with its own builtins: do not interfere
        return
    mapping = _MainBuiltins(builtins.__dict__)
    mapping["__import__"] = _import
    _main_dict, _main_builtins = main_dict, mapping
    main_dict["__builtins__"] = mapping


def _restore_main_builtins():
    global _main_builtins
    mapping = _main_builtins
    if mapping is None:
        return
    _main_builtins = None
    if _main_dict.get("__builtins__") is mapping:
        _main_dict["__builtins__"] = builtins
    # The top-level frame keeps `mapping`: bring it up to date with what the imports changed.
    mapping.update(builtins.__dict__)
    mapping["__import__"] = _import


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    # Only IMPORT_NAME in the main script's top level reaches this; it stays a pass-through later.
    if _imports_marked or globals is not _main_dict:
        return builtins.__import__(name, globals, locals, fromlist, level)
    if name == "ailab_probe" or name.startswith("ailab_probe."):
        _stand_down()
        return builtins.__import__(name, globals, locals, fromlist, level)
    if _plan is None:
        _plan_lazily()
    elif _caller_line() > _last_line:
        _mark_imports()  # the count fell short; the block is over all the same
    try:
        module = builtins.__import__(name, globals, locals, fromlist, level)
    except BaseException:
        _advance(failed=True)
        raise
    _advance(failed=False)
    return module


def _caller_line():
    try:
        return sys._getframe(2).f_lineno
    except (AttributeError, ValueError):
        return 0


def _plan_lazily():
    try:
        path = _main_dict.get("__file__")
        with open(path, "rb") as file:
            _start_counting(file.read(), path)
    except Exception as error:
        _report(error)
        _mark_imports()


def _advance(failed):
    global _count
    try:
        plan = _plan
        if plan is None or _imports_marked:
            return
        if _count < len(plan):
            _count = plan[_count] if failed else _count + 1
        if _count >= len(plan):
            _mark_imports()
    except Exception as error:
        _report(error)


def _mark_imports():
    global _imports_marked
    if _imports_marked:
        return
    _imports_marked = True
    _auto_mark("imports")
    try:
        _restore_main_builtins()
        _patch_module_call()
    except Exception as error:
        _report(error)


def _on_torch(torch):
    modules = sys.modules
    if _DATALOADER in modules:
        _patch_dataloader(modules[_DATALOADER])
    if _NN_MODULE in modules:
        _on_nn_module(modules[_NN_MODULE])
    later = {name: callback for name, callback in ((_DATALOADER, _patch_dataloader), (_NN_MODULE, _on_nn_module))
             if name not in modules}
    if later:  # a torch whose __init__ does not load them: catch them when they come
        PostImportHook(later, _report).install()


def _on_nn_module(module):
    global _nn_module_cls
    _nn_module_cls = module.Module
    if _imports_marked:
        _patch_module_call()


def _patch_module_call():
    global _call_patched
    cls = _nn_module_cls
    if cls is None or _call_patched or _first_batch_marked or not _active:
        return
    original = cls.__dict__.get("__call__")
    if original is None:
        return
    _call_patched = True

    def __call__(self, *args, **kwargs):
        _restore(cls, "__call__", __call__, original)
        if not _loader_seen and os.getpid() == _pid:
            _first_batch()
        return original(self, *args, **kwargs)

    _copy_names(__call__, original)
    cls.__call__ = __call__


def _patch_dataloader(module):
    if not _active:
        return
    loader_cls = module.DataLoader
    iter_cls = module._BaseDataLoaderIter
    original_init = loader_cls.__dict__["__init__"]
    original_next = iter_cls.__dict__["__next__"]

    def __init__(self, *args, **kwargs):
        global _loader_seen
        _loader_seen = True
        _restore(loader_cls, "__init__", __init__, original_init)
        return original_init(self, *args, **kwargs)

    def __next__(self):
        data = original_next(self)
        if os.getpid() == _pid:
            _first_batch()
            _restore(iter_cls, "__next__", __next__, original_next)
        return data

    _copy_names(__init__, original_init)
    _copy_names(__next__, original_next)
    loader_cls.__init__ = __init__
    iter_cls.__next__ = __next__


def _first_batch():
    global _first_batch_marked
    with _lock:
        if _first_batch_marked:
            return
        _first_batch_marked = True
    if not _imports_marked:
        _mark_imports()  # fallback: keep the phase sequence whole if the block never completed
    _auto_mark("first_batch")


def _at_exit():
    if os.getpid() == _pid:
        _auto_mark("done")


def _auto_mark(name):
    if not _active or os.getpid() != _pid:
        return
    if ailab_probe.explicit_used:
        _stand_down()
        return
    try:
        ailab_probe._emit(name)
    except Exception as error:
        _report(error)


def _stand_down():
    # The program marks for itself: automatic marks would double them.
    global _active, _imports_marked
    _active = False
    _imports_marked = True
    _restore_main_builtins()


def _restore(cls, attribute, wrapper, original):
    # Put the original back unless someone patched over us since; our wrapper then stays a pass-through.
    if cls.__dict__.get(attribute) is wrapper:
        setattr(cls, attribute, original)


def _copy_names(wrapper, original):
    for attribute in ("__name__", "__qualname__", "__doc__", "__module__"):
        try:
            setattr(wrapper, attribute, getattr(original, attribute))
        except (AttributeError, TypeError):
            pass
    wrapper.__wrapped__ = original


def _report(error):
    global _warned
    if _warned:
        return
    _warned = True
    try:
        sys.stderr.write("ailab_probe.torch_auto: internal error, automatic marks may be incomplete: %r\n" % (error,))
    except Exception:
        pass
