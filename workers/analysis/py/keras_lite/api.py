"""JSON entry points for the analysis worker (contract: workers/protocol/dnn.ts)."""

import json
import time

from _heal_common.parse_guard import deep_trees

from .checks import run_checks
from .context import analyse_context
from .extract import extract
from .infill import filter_candidates, mask, rule_candidates
from .standard import standardise_text


def _empty(errors, started):
    return {
        "isKeras": False,
        "elements": [],
        "data": {"task": "unknown", "evidence": []},
        "output": {},
        "findings": [],
        "errors": errors,
        "ms": round((time.perf_counter() - started) * 1000, 2),
    }


@deep_trees()  # the walkers and ast.unparse recurse in Python over guarded trees
def analyze(source: str) -> dict:
    started = time.perf_counter()
    try:
        program = extract(source)
    except SyntaxError as error:
        return _empty([f"the program does not parse: {error.msg} (line {error.lineno})"], started)
    if not program.is_keras:
        return _empty([], started)
    ctx = analyse_context(program)
    findings = run_checks(program, ctx)
    return {
        "isKeras": True,
        "elements": [e.to_json() for e in program.elements],
        "data": ctx.data_json(),
        "output": ctx.output_json(),
        "findings": [f.to_json() for f in findings],
        "errors": [],
        "ms": round((time.perf_counter() - started) * 1000, 2),
    }


def _element(source: str, element_id):
    program = extract(source)
    element_id = int(element_id)
    if not 0 <= element_id < len(program.elements):
        raise ValueError(f"no DNN element #{element_id} in this program (it has {len(program.elements)}); check again")
    return program, program.elements[element_id]


@deep_trees()
def analyze_json(source: str) -> str:
    return json.dumps(analyze(source))


@deep_trees()
def mask_json(source: str, element_id) -> str:
    program, element = _element(source, element_id)
    return json.dumps(mask(program, element))


@deep_trees()
def rule_candidates_json(source: str, element_id) -> str:
    program, element = _element(source, element_id)
    return json.dumps(rule_candidates(program, element))


@deep_trees()
def filter_json(source: str, element_id, candidates_json: str) -> str:
    program, element = _element(source, element_id)
    candidates = json.loads(candidates_json) if isinstance(candidates_json, str) else candidates_json
    return json.dumps(filter_candidates(program, element, candidates))


@deep_trees()
def standardise_json(kind: str, text: str, source=None) -> str:
    """The standard spelling of an element written as text, read with the imports of
    `source` when given (benchmarks compare fixes with it)."""
    names = None
    if source:
        try:
            names = extract(source).names
        except SyntaxError:
            names = None
    return json.dumps(standardise_text(kind, text, names))
