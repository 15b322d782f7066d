"""Each run starts from the same interpreter state: what a program changed is put back after it.

The baseline is taken once, when the first run starts, and every run is restored to it:

- `sys.modules`: modules a run imported or added are removed (the next run imports them
  afresh), replaced entries are put back;
- the namespaces of the modules loaded before (`builtins.print = …`, `json.dumps = …`,
  `sys.displayhook = …`), the attributes of their mutable classes (`json.JSONEncoder.default =
  …`), the code and defaults of their functions (`json.dumps.__code__ = …`), the attributes of
  module- and class-level objects (`logging.root.level`), and the contents of the lists, dicts
  and sets those hold (`sys.path`, `warnings.filters`, `logging.root.handlers`);
- interpreter settings: recursion limit, trace and profile functions, `sys.monitoring` tools,
  int/str digit limit, switch interval, async-generator hooks, signal handlers (Stop is a
  SIGINT), the garbage collector's switches, the locale, `os.environ` (through putenv) and the
  umask.

Files and the working directory are the host's part (workers/runner/fs-baseline.ts); a change
there that cannot be undone makes the host replace the worker. `sys.addaudithook` is refused
(a hook cannot be removed again).

Cost: dicts and lists are put back unconditionally by C-level `update` and slice assignment
(cheaper than comparing them one reference at a time); class namespaces and functions' code
and defaults are compared by identity in one C-level pass each (not with id(): it is an audited
event, and slow). Objects the program planted in classes and functions are released between two
passes over the namespaces, so their finalizers run while the second pass can still undo what
they do; about 7 ms per run in all (`npm run bench:isolation`). Not covered: state inside C
objects (the JavaScript side reached through `js`/`pyodide.ffi`, timers, `codecs.register`,
`atexit`), objects more than two references away from a module, finalizers of cyclic garbage
that run later or that plant further finalizers, and code written to find and undo these
snapshots (this is a Python-level guard, not a boundary).
"""

from __future__ import annotations

import collections
import gc
import itertools
import operator
import os
import signal
import sys
import types
from typing import Any

_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: instances may carry a __dict__ of ours to save
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: Python code cannot change these classes
_MISSING = object()
_chain = itertools.chain.from_iterable
_consume = collections.deque(maxlen=0).extend  # runs a map() to the end at C speed
_EVERYTHING = itertools.repeat(slice(None))
_values = operator.methodcaller("values")
_class_dict = type.__dict__["__dict__"].__get__  # no metaclass can intercept it
_code = types.FunctionType.__code__.__get__
_defaults = types.FunctionType.__defaults__.__get__
_kwdefaults = types.FunctionType.__kwdefaults__.__get__


def _no_audit_hooks(hook: Any) -> None:
    """sys.addaudithook in the runner: a hook can never be removed, so it would outlive its run.
    (An audit hook of our own could refuse it too, but every id() call would then pay for a
    Python-level hook: deepcopy of 20,000 pairs measured 28 ms without one, 48 ms with.)"""
    raise RuntimeError("audit hooks are not available in the playground: a hook would outlive the run")


sys.addaudithook = _no_audit_hooks


def files_changed() -> None:
    """After the host removed or rewrote files: directory listings cached by the import system
    are stale. (Not importlib.invalidate_caches(): that also imports importlib.metadata and
    rereads the standard library's zip, ~30 ms.)"""
    from importlib.machinery import FileFinder

    for finder in list(sys.path_importer_cache.values()):
        if isinstance(finder, FileFinder):
            finder.invalidate_caches()


def _instance_dict(value: Any) -> dict | None:
    """The __dict__ of a plain Python object (not a module, class or function)."""
    kind = type(value)
    if not kind.__flags__ & _HEAP_TYPE or isinstance(value, (type, types.ModuleType, types.FunctionType)):
        return None
    try:
        found = object.__getattribute__(value, "__dict__")
    except Exception:  # noqa: BLE001 - no __dict__, or an odd descriptor
        return None
    return found if type(found) is dict else None


class Baseline:
    """The interpreter state to return to after every run (see the module docstring)."""

    __slots__ = (
        "dicts",
        "lists",
        "sets",
        "classes",
        "class_sizes",
        "class_values",
        "functions",
        "function_state",
        "settings",
        "sigint",
        "dict_objects",
        "dict_saved",
        "dict_sizes",
        "list_objects",
        "list_saved",
    )

    def __init__(self) -> None:
        self.dicts: list[tuple[dict, dict]] = []
        self.lists: list[tuple[list, list]] = []
        self.sets: list[tuple[set, set]] = []
        self.classes: list[tuple[type, Any, dict]] = []  # (class, live mappingproxy, saved)
        self.functions: list[types.FunctionType] = []
        seen: set[int] = set()
        objects: list[dict] = []  # object namespaces whose containers are saved too

        def add(value: Any) -> None:
            kind = type(value)
            if (kind is not dict and kind is not list and kind is not set) or id(value) in seen:
                return
            seen.add(id(value))
            if kind is dict:
                self.dicts.append((value, value.copy()))
            elif kind is list:
                self.lists.append((value, value[:]))
            else:
                self.sets.append((value, set(value)))

        def follow(values: dict, deeper: bool) -> None:
            for value in list(values.values()):
                if value is os.environ or value is getattr(os, "environb", None):
                    continue  # restored through putenv (the "environ" setting), not behind its back
                if isinstance(value, type):
                    if not value.__flags__ & _IMMUTABLE_TYPE and id(value) not in seen:
                        seen.add(id(value))
                        proxy = _class_dict(value)
                        self.classes.append((value, proxy, dict(proxy)))
                        if deeper:
                            follow(dict(proxy), False)
                elif type(value) is types.FunctionType:
                    if id(value) not in seen:
                        seen.add(id(value))
                        self.functions.append(value)
                elif isinstance(value, (staticmethod, classmethod)) and type(value.__func__) is types.FunctionType:
                    follow({None: value.__func__}, False)
                elif not isinstance(value, types.ModuleType):
                    add(value)
                    inner = _instance_dict(value)
                    if inner is not None and id(inner) not in seen:
                        add(inner)
                        objects.append(inner)

        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if type(namespace) is dict and id(namespace) not in seen:
                add(namespace)
                follow(namespace, True)
        for inner in objects:  # the containers an object holds (logging.root.handlers)
            for value in list(inner.values()):
                add(value)
        self.dict_objects = [current for current, _ in self.dicts]
        self.dict_saved = [saved for _, saved in self.dicts]
        self.dict_sizes = list(map(len, self.dict_saved))
        self.list_objects = [current for current, _ in self.lists]
        self.list_saved = [saved for _, saved in self.lists]
        self.class_sizes = self._class_sizes()
        self.class_values = [value for _, _, saved in self.classes for value in saved.values()]
        self.function_state = self._function_state()
        self.settings = _settings()
        self.sigint = signal.getsignal(signal.SIGINT)  # Stop; restore() puts it back last

    def _function_state(self) -> list[Any]:
        functions = self.functions
        return [*map(_code, functions), *map(_defaults, functions), *map(_kwdefaults, functions)]

    def _class_sizes(self) -> list[int]:
        return list(map(len, [proxy for _, proxy, _ in self.classes]))

    def _classes_unchanged(self) -> bool:
        """One C-level pass of identity checks (not id(): it is an audited event, and slow)."""
        return self._class_sizes() == self.class_sizes and all(
            map(operator.is_, _chain(map(_values, [proxy for _, proxy, _ in self.classes])), self.class_values)
        )

    def restore(self) -> list[str]:
        """Puts the baseline back; returns the classes, functions and settings that had changed
        (namespaces are put back without looking). A Stop (SIGINT) arriving meanwhile is ignored:
        it must not cut the restore short."""
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            return self._restore()
        finally:
            signal.signal(signal.SIGINT, self.sigint)

    def _restore(self) -> list[str]:
        held: list[Any] = []  # what the program planted in classes and functions, alive until...
        restored = self._put_back_classes(held) + self._put_back_functions(held)
        restored += self._put_back_namespaces()
        held.clear()  # ...now: finalizers of what it planted run here (or above, for what was in
        self._put_back_namespaces()  # namespaces and lists) and what they change is put back
        return sorted(set(restored))

    def _put_back_namespaces(self) -> list[str]:
        """Dicts, lists and sets put back unconditionally (C-level update and slice assignment
        cost less than comparing them), then the interpreter settings."""
        if list(map(len, self.dict_objects)) != self.dict_sizes:  # keys were added somewhere
            for current, saved in self.dicts:
                if len(current) != len(saved):
                    for key in [key for key in current if key not in saved]:
                        del current[key]
        _consume(map(dict.update, self.dict_objects, self.dict_saved))
        _consume(map(list.__setitem__, self.list_objects, _EVERYTHING, self.list_saved))
        for current, saved in self.sets:
            current.clear()
            current.update(saved)
        return self._put_back_settings()

    def _put_back_functions(self, held: list[Any]) -> list[str]:
        """Code and defaults of the saved functions (`json.dumps.__code__ = …` changes the function
        object itself, which no namespace shows)."""
        now = self._function_state()
        if all(map(operator.is_, now, self.function_state)):
            return []
        restored = []
        count = len(self.functions)
        for index, function in enumerate(self.functions):
            for offset, name in enumerate(("__code__", "__defaults__", "__kwdefaults__")):
                saved = self.function_state[offset * count + index]
                if now[offset * count + index] is not saved:
                    restored.append(f"{function.__module__}.{function.__qualname__}.{name}")
                    held.append(now[offset * count + index])
                    _quietly(setattr, function, name, saved)
        return restored

    def _put_back_classes(self, held: list[Any]) -> list[str]:
        if self._classes_unchanged():
            return []
        restored = []
        for cls, proxy, saved in self.classes:
            if (
                len(proxy) == len(saved)
                and all(map(operator.is_, _values(proxy), saved.values()))
                and all(map(operator.is_, proxy, saved))
            ):
                continue
            restored.append(f"{cls.__module__}.{cls.__qualname__}")
            for key in [key for key in proxy if key not in saved]:
                held.append(proxy.get(key))
                _quietly(type.__delattr__, cls, key)
            for key, value in saved.items():
                if proxy.get(key, _MISSING) is not value:
                    held.append(proxy.get(key))
                    _quietly(type.__setattr__, cls, key, value)
        return restored

    def _put_back_settings(self) -> list[str]:
        current = _settings()
        changed = [name for name, value in self.settings.items() if not _equal(current.get(name, _MISSING), value)]
        for name in changed:
            _quietly(_SETTERS[name], self.settings[name])
        return [f"setting: {name}" for name in changed]


def _quietly(action, *args: Any) -> None:
    try:
        action(*args)
    except Exception:  # noqa: BLE001 - e.g. a slot the program cannot have changed either
        pass


def _equal(a: Any, b: Any) -> bool:
    """Equal plain values or the same object: never runs a comparison the program defined."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if type(a) is tuple:
        return len(a) == len(b) and all(map(_equal, a, b))
    return type(a) in (str, int, float, bool) and a == b


# -- interpreter settings: what each is now, and how to put it back ---------------------


def _environ() -> tuple:
    return tuple(os.environ.items())


def _set_environ(saved: tuple) -> None:
    wanted = dict(saved)
    for key in [key for key in os.environ if key not in wanted]:
        del os.environ[key]  # unsetenv too
    for key, value in wanted.items():
        if os.environ.get(key) != value:
            os.environ[key] = value  # putenv too
    if "time" in sys.modules:
        sys.modules["time"].tzset()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _signals() -> tuple:
    handlers = []
    for number in sorted(signal.valid_signals() - {signal.SIGINT}):  # SIGINT: see restore()
        try:
            handlers.append((number, signal.getsignal(number)))
        except (ValueError, OSError):
            pass
    return tuple(handlers)


def _set_signals(saved: tuple) -> None:
    for number, handler in saved:
        if signal.getsignal(number) is not handler and handler is not None:
            _quietly(signal.signal, number, handler)


def _monitoring() -> tuple:
    return tuple(sys.monitoring.get_tool(tool) for tool in range(6))


def _set_monitoring(saved: tuple) -> None:
    monitoring = sys.monitoring
    for tool, name in enumerate(saved):
        if name is None and monitoring.get_tool(tool) is not None:
            getattr(monitoring, "clear_tool_id", lambda _tool: None)(tool)
            monitoring.free_tool_id(tool)


def _locale() -> str:
    import _locale

    return _locale.setlocale(_locale.LC_ALL)


def _set_locale(saved: str) -> None:
    import _locale

    _locale.setlocale(_locale.LC_ALL, saved)


def _gc() -> tuple:
    return gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()


def _set_gc(saved: tuple) -> None:
    enabled, threshold, frozen = saved
    (gc.enable if enabled else gc.disable)()
    gc.set_threshold(*threshold)
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()


_GETTERS = {
    "recursion limit": sys.getrecursionlimit,
    "trace": sys.gettrace,
    "profile": sys.getprofile,
    "int max str digits": sys.get_int_max_str_digits,
    "switch interval": sys.getswitchinterval,
    "asyncgen hooks": lambda: tuple(sys.get_asyncgen_hooks()),
    "coroutine origin tracking": sys.get_coroutine_origin_tracking_depth,
    "monitoring": _monitoring,
    "signals": _signals,
    "gc": _gc,
    "locale": _locale,
    "environ": _environ,
    "umask": _umask,
}

_SETTERS = {
    "recursion limit": sys.setrecursionlimit,
    "trace": sys.settrace,
    "profile": sys.setprofile,
    "int max str digits": sys.set_int_max_str_digits,
    "switch interval": sys.setswitchinterval,
    "asyncgen hooks": lambda hooks: sys.set_asyncgen_hooks(*hooks),
    "coroutine origin tracking": sys.set_coroutine_origin_tracking_depth,
    "monitoring": _set_monitoring,
    "signals": _set_signals,
    "gc": _set_gc,
    "locale": _set_locale,
    "environ": _set_environ,
    "umask": os.umask,
}


def _settings() -> dict[str, Any]:
    values = {}
    for name, getter in _GETTERS.items():
        try:
            values[name] = getter()
        except Exception:  # noqa: BLE001 - a setting this Python lacks
            pass
    return values


_instance: list[Baseline] = []


def baseline() -> Baseline:
    """The baseline, taken at the first call (before the first run)."""
    if not _instance:
        _instance.append(Baseline.__new__(Baseline))  # in place before the module is captured
        _instance[0].__init__()
    return _instance[0]


def retake() -> None:
    """Takes the baseline again, now (between runs, after packages were loaded and imported):
    from here on runs return to a state that has them. Before the first run there is nothing to
    retake: the first run takes it."""
    if _instance:
        _instance.clear()
        baseline()
