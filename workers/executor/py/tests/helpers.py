"""A stand-in for the paused program: its module, its live state and how the runner merges.

The real runner pickles the state with workers/python/py/state.py; this helper
does the same thing in a few lines (modules by name, unpicklable values as
handles) so that the executor's tests do not depend on the runner's files.
"""

import base64
import contextlib
import io
import json
import pickle
import sys
import textwrap
import types

import executor


@contextlib.contextmanager
def as_main(module):
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        yield
    finally:
        sys.modules["__main__"] = saved


class _StatePickler(pickle.Pickler):
    def __init__(self, file, handles):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.handles = handles

    def persistent_id(self, obj):
        if isinstance(obj, types.ModuleType):
            return ("module", obj.__name__)
        handle = self.handles.get(id(obj))
        return ("handle", handle) if handle is not None else None


class _MergeUnpickler(pickle.Unpickler):
    def __init__(self, data, program):
        super().__init__(io.BytesIO(data))
        self.program = program

    def persistent_load(self, pid):
        kind, key = pid
        if kind == "module":
            return __import__(key)
        if kind == "handle":
            return self.program.handle_objects[key]
        if kind == "ref":
            return self.program.live_before_merge[key]
        raise pickle.UnpicklingError(kind)


def _patch(live, new):
    if type(live) is not type(new):
        return False
    if isinstance(live, list):
        live[:] = new
    elif isinstance(live, dict):
        live.clear()
        live.update(new)
    elif isinstance(live, set):
        live.clear()
        live |= new
    elif hasattr(live, "__dict__"):
        live.__dict__.clear()
        live.__dict__.update(new.__dict__)
    else:
        return False
    return True


class Program:
    """Runs `ran` (default: all of `source`) in a fresh __main__ and holds its globals as the paused state."""

    def __init__(self, source, ran=None):
        self.source = textwrap.dedent(source)
        self.module = types.ModuleType("__main__")
        self.module.__builtins__ = __builtins__
        out = io.StringIO()
        with as_main(self.module), contextlib.redirect_stdout(out):
            exec(compile(textwrap.dedent(ran) if ran is not None else self.source, "main.py", "exec"),
                 self.module.__dict__)
        self.printed = out.getvalue()
        self.handle_objects = {}
        self.live_before_merge = {}

    @property
    def live(self):
        return {k: v for k, v in self.module.__dict__.items() if not (k.startswith("__") and k.endswith("__"))}

    def request(self, code, **extra):
        live = self.live
        by_id = {}
        entries = []
        for name, value in live.items():
            try:
                with as_main(self.module):
                    pickle.dumps(value)
                continue
            except Exception:
                pass
            if isinstance(value, types.ModuleType):
                continue
            handle = by_id.get(id(value))
            if handle is None:
                handle = by_id[id(value)] = len(self.handle_objects) + 1
                self.handle_objects[handle] = value
            entries.append({"handle": handle, "name": name, "type": type(value).__name__, "repr": repr(value)})
        buffer = io.BytesIO()
        with as_main(self.module):
            _StatePickler(buffer, by_id).dump(live)
        return {"source": self.source, "pickle": base64.b64encode(buffer.getvalue()).decode(),
                "handles": entries, "code": textwrap.dedent(code), **extra}

    def execute(self, code, **extra):
        return json.loads(executor.execute(json.dumps(self.request(code, **extra))))

    def apply(self, merge):
        """What the runner does with a merge answer (module level: everything is a global)."""
        self.live_before_merge = self.live
        namespace = self.module.__dict__
        with as_main(self.module):
            updates = _MergeUnpickler(base64.b64decode(merge["updates"]), self).load()
        for name, value in updates.items():
            if name in merge["patch"] and name in namespace and _patch(namespace[name], value):
                continue
            namespace[name] = value
        for name in merge["delete"]:
            namespace.pop(name, None)
        return updates
