"""A stand-in for the paused program: its module, its live state and how the runner merges.

The real runner pickles the state with workers/runner/py/_heal_runner/state.py and decodes merge
answers with shared/py/_heal_common/heal_values.py; this helper does the same in a few lines
(modules by name, unpicklable values as handles) so that the executor's tests do
not depend on the runner's files.
"""

import base64
import contextlib
import io
import json
import pickle
import sys
import textwrap
import types

from _heal_executor import execution
from _heal_common import heal_values


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


class _Resolver(heal_values.Resolver):
    """What the runner's merge resolves against (workers/runner/py/_heal_runner/state.py), in a few lines."""

    def __init__(self, program, live):
        self.program = program
        self.live = live

    def ref(self, name):
        if name not in self.live:
            raise heal_values.ValueError_(f"no binding {name!r}")
        return self.live[name]

    def handle(self, number):
        return self.program.handle_objects[number]

    def state_module(self, name):
        module = sys.modules.get(name)
        return module if any(value is module for value in self.live.values()) else None

    def program_global(self, name):
        return heal_values.resolve_program_global(self.program.module.__dict__, name)

    def program_class(self, qualname):
        return heal_values.resolve_program_class(self.program.module.__dict__, qualname)


class Program:
    """Runs `ran` (default: all of `source`) in a fresh __main__ and holds its globals as the paused state."""

    def __init__(self, source, ran=None):
        self.source = textwrap.dedent(source)
        self.module = types.ModuleType("__main__")
        self.module.__builtins__ = __builtins__
        out = io.StringIO()
        with as_main(self.module), contextlib.redirect_stdout(out):
            exec(
                compile(textwrap.dedent(ran) if ran is not None else self.source, "main.py", "exec"),
                self.module.__dict__,
            )
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
        return {
            "source": self.source,
            "pickle": base64.b64encode(buffer.getvalue()).decode(),
            "handles": entries,
            "code": textwrap.dedent(code),
            **extra,
        }

    def execute(self, code, **extra):
        return json.loads(execution.execute(json.dumps(self.request(code, **extra))))

    def apply(self, merge):
        """What the runner does with a merge answer (module level: everything is a global)."""
        live = self.live
        namespace = self.module.__dict__
        decoder = heal_values.Decoder(_Resolver(self, live))
        planned = []
        with as_main(self.module):
            for entry in merge.get("set", []):
                name, value = entry["name"], entry["value"]
                patch = decoder.patch(live[name], value) if entry.get("inPlace") and name in live else None
                planned.append((name, None if patch is not None else decoder.decode(value), patch))
        updates = {}
        for name, value, patch in planned:
            if patch is not None:
                patch()
                value = namespace[name]
            else:
                namespace[name] = value
            updates[name] = value
        for name in merge.get("delete", []):
            namespace.pop(name, None)
        return updates


def bindings(result):
    """The merge answer's bindings by name: {name: {"value": heal value, "inPlace"?: True}}."""
    return {entry["name"]: entry for entry in (result.get("merge") or {}).get("set", [])}
