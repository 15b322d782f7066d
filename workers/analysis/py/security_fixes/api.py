"""Entry point for the analysis worker: `fix_json(source, request_json)` applies template fixes.

request: {"findings": [{"test_id", "line_number", "col_offset"?}], "variant": k}
result:  {"source", "changed", "applied": [...], "unfixed": [...], "strategies": [...], "error"?}
"""

from __future__ import annotations

import json

from _heal_common.parse_guard import deep_trees

from .edits import Edit, Source, apply_edits
from .templates import BY_TEST, GUIDANCE, Needs, NoFix


def strategies_for(test_ids: list[str]) -> list[str]:
    """Distinct whole-program strategies: strategy k uses variant k of every template (or its last one)."""
    templates = []
    for test_id in test_ids:
        template = BY_TEST.get(test_id)
        if template and template not in templates:
            templates.append(template)
    count = max((len(t.variants) for t in templates), default=0)
    return ["; ".join(t.variants[min(k, len(t.variants) - 1)][0] for t in templates) for k in range(count)]


@deep_trees()  # templates recurse in Python over guarded trees
def fix(source: str, findings: list[dict], variant: int = 0) -> dict:
    test_ids = [f["test_id"] for f in findings]
    result: dict = {
        "source": source,
        "changed": False,
        "applied": [],
        "unfixed": [],
        "strategies": strategies_for(test_ids),
    }
    try:
        src = Source(source)
    except SyntaxError as error:
        result["error"] = f"the program does not parse: {error.msg} (line {error.lineno})"
        return result
    needs = Needs()
    edits: list[Edit] = []
    owners: list[dict] = []
    for finding in findings:
        test_id = finding["test_id"]
        line = finding["line_number"]
        template = BY_TEST.get(test_id)
        if template is None:
            result["unfixed"].append(
                {
                    "test_id": test_id,
                    "line": line,
                    "reason": "no template for this test",
                    "guidance": GUIDANCE.get(test_id, ""),
                }
            )
            continue
        label, fixer = template.variants[min(variant, len(template.variants) - 1)]
        try:
            made = fixer(src, finding, needs)
        except NoFix as error:
            result["unfixed"].append(
                {
                    "test_id": test_id,
                    "line": line,
                    "reason": str(error),
                    "guidance": template.guidance or GUIDANCE.get(test_id, ""),
                }
            )
            continue
        for edit in made:
            edits.append(edit)
            owners.append({"test_id": test_id, "line": line, "template": template.name, "description": label})
    # Two findings on one node (e.g. B602 and B604 on the same call) yield the same edit once.
    unique: dict[tuple[int, int, str], int] = {}
    for index, edit in enumerate(edits):
        unique.setdefault((edit.start, edit.end, edit.text), index)
    kept = [edits[i] for i in sorted(unique.values())]
    text, skipped = apply_edits(source, kept)
    skipped_ids = {id(e) for e in skipped}
    applied_keys: set[tuple[str, int]] = set()
    for index, (edit, owner) in enumerate(zip(edits, owners)):
        canonical = edits[unique[(edit.start, edit.end, edit.text)]]
        key = (owner["test_id"], owner["line"])
        if id(canonical) in skipped_ids:
            result["unfixed"].append(
                {
                    "test_id": owner["test_id"],
                    "line": owner["line"],
                    "reason": "overlaps another fix; fix it in a further round",
                    "guidance": "",
                }
            )
        elif key not in applied_keys:
            applied_keys.add(key)
            before = source[edit.start : edit.end]
            result["applied"].append(
                {**owner, "before": before, "after": edit.text, "start_line": source.count("\n", 0, edit.start) + 1}
            )
    if result["applied"]:
        text = add_imports(text, needs.imports)
    result["source"] = text
    result["changed"] = text != source
    return result


def add_imports(text: str, modules: set[str]) -> str:
    if not modules:
        return text
    src = Source(text)
    missing = sorted(m for m in modules if m not in src.imported_modules())
    if not missing:
        return text
    at, prefix = src.import_insert_offset()
    return text[:at] + prefix + "".join(f"import {m}\n" for m in missing) + text[at:]


@deep_trees()
def fix_json(source: str, request_json: str) -> str:
    request = json.loads(request_json)
    return json.dumps(fix(source, request.get("findings", []), int(request.get("variant", 0))))
