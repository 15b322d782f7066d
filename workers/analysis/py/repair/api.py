"""JSON entry points for the analysis worker (workers/protocol/analysis.ts)."""

from __future__ import annotations

import json

from _heal_common.parse_guard import deep_trees

from .functions import ReplaceError, enclosing_unit, replace_function, replace_unit, unit_dict
from .inputs import test_inputs


@deep_trees()  # the walkers recurse in Python over guarded trees
def enclosing_function_json(source: str, line: int) -> str:
    """{"ok": true, "unit": {...} | null} or {"ok": false, "error": "..."} when the source does not parse."""
    try:
        unit = enclosing_unit(source, int(line))
    except SyntaxError as err:
        return json.dumps({"ok": False, "error": f"the program does not parse: {err.msg} (line {err.lineno})"})
    return json.dumps({"ok": True, "unit": unit_dict(unit)})


@deep_trees()
def replace_function_json(source: str, target_json: str, new_text: str) -> str:
    """target: {"qualname": ...} for a function, or {"start_line", "end_line"} for a top-level statement."""
    target = json.loads(target_json)
    try:
        if target.get("qualname") and target.get("qualname") != "<module>":
            patched = replace_function(source, target["qualname"], new_text)
        else:
            patched = replace_unit(source, int(target["start_line"]), int(target["end_line"]), new_text)
    except SyntaxError as err:
        return json.dumps({"ok": False, "error": f"the program does not parse: {err.msg} (line {err.lineno})"})
    except ReplaceError as err:
        return json.dumps({"ok": False, "error": str(err)})
    return json.dumps({"ok": True, "source": patched})


@deep_trees()
def test_inputs_json(source: str) -> str:
    """{"ok": true, "functions": [{name, params, calls}]} or {"ok": false, "error": "..."}."""
    try:
        return json.dumps({"ok": True, "functions": test_inputs(source)})
    except (SyntaxError, ValueError) as err:
        return json.dumps({"ok": False, "error": f"the program does not parse: {err}"})
