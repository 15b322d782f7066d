"""Limits on what handling code (and the program's prelude) may do in the executor.

While a ``Sandbox`` is active:
- the bridges to JavaScript (``js``, ``pyodide`` and its ``ffi``/``http``,
  ``pyodide_js``, ``_pyodide``, ``_pyodide_core``) and ``micropip`` cannot be
  imported: they are taken out of ``sys.modules`` and a finder at the front of
  ``sys.meta_path`` plus an audit hook refuse them;
- files can only be written, created, removed or listed in a fresh scratch
  directory (the working directory during the request); reading is allowed
  there and in the standard library (imports read it);
- processes, signals, sockets and ctypes are refused.

This is a guard against handling code that reaches further than it should
(what a model may well write), with clear messages. It is not a boundary
against a determined attacker inside the same interpreter (``gc`` can still
find objects); the hard boundaries are the worker's: no DOM, network APIs
removed from the worker's global scope, a time limit and a memory ceiling.
See README "Isolation and robustness".
"""

from __future__ import annotations

import importlib.abc
import os
import shutil
import sys
from typing import Any

SCRATCH_DIR = "/tmp/heal-scratch"
# Read-only roots: the standard library (lazy imports, linecache for tracebacks).
READ_ROOTS = ("/lib/",)
BLOCKED_MODULES = frozenset({"js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip", "pyodide_http"})

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# Audit events with a path as the first argument (and, for two-path events, the second).
_WRITE_EVENTS = frozenset(
    {
        "os.remove",
        "os.rmdir",
        "os.mkdir",
        "os.chmod",
        "os.chown",
        "os.truncate",
        "os.utime",
        "shutil.rmtree",
        "os.chflags",
        "os.setxattr",
        "os.removexattr",
    }
)
_TWO_PATH_EVENTS = frozenset(
    {
        "os.rename",
        "os.link",
        "os.symlink",
        "shutil.copyfile",
        "shutil.copymode",
        "shutil.copystat",
        "shutil.copytree",
        "shutil.move",
    }
)
_LIST_EVENTS = frozenset({"os.listdir", "os.scandir", "os.chdir", "glob.glob", "os.walk"})
_REFUSED_PREFIXES = (
    "os.system",
    "os.exec",
    "os.spawn",
    "os.posix_spawn",
    "os.fork",
    "os.forkpty",
    "os.kill",
    "os.killpg",
    "subprocess.",
    "socket.",
    "ctypes.",
    "signal.",
    "sys.addaudithook",
    "webbrowser.",
    "urllib.Request",
    "http.client.",
)

_active = False


def _blocked(name: str) -> bool:
    return name.split(".", 1)[0] in BLOCKED_MODULES


def blocked_import_message(name: str) -> str:
    return (
        f"import of {name!r} is not allowed in handling code: it runs isolated from the page and "
        f"the network (no js, pyodide, pyodide.http, pyodide.ffi or micropip)"
    )


class _BlockFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if _active and _blocked(name):
            raise ImportError(blocked_import_message(name), name=name)
        return None


def _resolve(path: Any) -> str | None:
    """Absolute normalised path, or None for file descriptors."""
    if isinstance(path, int):
        return None
    try:
        path = os.fsdecode(os.fspath(path))
    except TypeError:
        return None
    return os.path.normpath(os.path.join(os.getcwd(), path))


def _inside(path: str, root: str) -> bool:
    return path == root.rstrip("/") or path.startswith(root.rstrip("/") + "/")


def _check_path(path: Any, write: bool) -> None:
    resolved = _resolve(path)
    if resolved is None or _inside(resolved, SCRATCH_DIR):
        return
    if not write and any(_inside(resolved, root) for root in READ_ROOTS):
        return
    what = "write to" if write else "read"
    raise PermissionError(
        f"handling code may not {what} {resolved!r}: it can only use files in its scratch directory {SCRATCH_DIR}"
    )


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _active:
        return
    if event == "import":
        if _blocked(str(args[0])):
            raise ImportError(blocked_import_message(str(args[0])))
    elif event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        if isinstance(mode, str):
            write = any(c in mode for c in "wax+")
        else:
            write = bool(int(flags or 0) & _WRITE_FLAGS)
        _check_path(path, write)
    elif event in _WRITE_EVENTS:
        _check_path(args[0], True)
    elif event in _TWO_PATH_EVENTS:
        _check_path(args[0], event in ("os.rename", "shutil.move"))  # a copy only reads its source
        _check_path(args[1], True)
    elif event in _LIST_EVENTS:
        if args and args[0] is not None:
            _check_path(args[0], False)
    elif event.startswith(_REFUSED_PREFIXES):
        raise PermissionError(
            f"handling code may not use {event} (it runs isolated from the page, the network and the system)"
        )


_installed = False


def install() -> None:
    """Adds the audit hook and the finder once per interpreter (hooks cannot be removed)."""
    global _installed
    if _installed:
        return
    sys.addaudithook(_audit)
    _installed = True


class Sandbox:
    """Context manager: the limits apply inside, in a fresh scratch directory."""

    def __init__(self) -> None:
        self.hidden: dict[str, Any] = {}
        self.cwd = "/"
        self.finder = _BlockFinder()

    def __enter__(self) -> Sandbox:
        global _active
        install()
        shutil.rmtree(SCRATCH_DIR, ignore_errors=True)
        os.makedirs(SCRATCH_DIR, exist_ok=True)
        try:
            self.cwd = os.getcwd()
        except OSError:
            self.cwd = "/"
        os.chdir(SCRATCH_DIR)
        for name in [name for name in sys.modules if _blocked(name)]:
            self.hidden[name] = sys.modules.pop(name)
        sys.meta_path.insert(0, self.finder)
        _active = True
        return self

    def __exit__(self, *exc: Any) -> None:
        global _active
        _active = False
        try:
            sys.meta_path.remove(self.finder)
        except ValueError:
            pass
        for name in [name for name in sys.modules if _blocked(name) and name not in self.hidden]:
            del sys.modules[name]  # imported despite the guard: not kept
        sys.modules.update(self.hidden)
        try:
            os.chdir(self.cwd)
        except OSError:
            os.chdir("/")
