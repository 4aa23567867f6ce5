"""Run a callback right after a named module has been executed, without importing it ourselves."""

import sys


class PostImportHook:
    """A sys.meta_path finder that wraps the loader of watched modules to call back after exec.

    It leaves sys.meta_path as soon as the last watched module has been found, before that module
    executes, so the imports it makes (all of torch's, when watching "torch") pay nothing.
    """

    def __init__(self, callbacks, on_error):
        self._callbacks = dict(callbacks)  # module name -> callable(module)
        self._on_error = on_error

    def install(self):
        """Put the hook first on sys.meta_path, or run the callbacks now for modules already loaded."""
        for name in list(self._callbacks):
            module = sys.modules.get(name)
            if module is not None:
                self._fire(name, module)
        if self._callbacks:
            sys.meta_path.insert(0, self)

    def find_spec(self, name, path=None, target=None):
        """Return the real spec of a watched module with a wrapped loader, or None for the rest."""
        callback = self._callbacks.pop(name, None)
        if callback is None:
            return None
        if not self._callbacks:
            self._leave()
        try:
            for finder in sys.meta_path:
                if finder is self:
                    continue
                find_spec = getattr(finder, "find_spec", None)
                spec = find_spec(name, path, target) if find_spec is not None else None
                if spec is not None:
                    break
            else:
                return None
            if spec.loader is None or not hasattr(spec.loader, "exec_module"):
                return None
            spec.loader = _Loader(spec.loader, lambda module: self._call(callback, module))
            return spec
        except Exception as error:  # never let our hook break the user's import
            self._on_error(error)
            return None

    def _fire(self, name, module):
        callback = self._callbacks.pop(name, None)
        if not self._callbacks:
            self._leave()
        if callback is not None:
            self._call(callback, module)

    def _call(self, callback, module):
        try:
            callback(module)
        except Exception as error:
            self._on_error(error)

    def _leave(self):
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass


class _Loader:
    """Delegates to the real loader and puts it back on the module before executing it."""

    def __init__(self, loader, after_exec):
        self._loader = loader
        self._after_exec = after_exec

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        loader = self._loader
        if getattr(module, "__loader__", None) is self:
            module.__loader__ = loader
        spec = getattr(module, "__spec__", None)
        if spec is not None and spec.loader is self:
            spec.loader = loader
        loader.exec_module(module)
        self._after_exec(module)

    def __getattr__(self, attribute):
        return getattr(self._loader, attribute)
