"""Entry points for the analysis worker (JSON in, JSON out).

check_json(source, options_json) -> SecurityCheckResult (workers/protocol/security.ts)
check_many_json(files_json, options_json) -> [{id, findings, errors, ms}] for batch scoring
catalog_json() -> [{test_id, name, severity, confidence, cwe, kind, removed, varies, more_info}]
"""

import ast
import gc
import json
import time
import warnings

from _heal_common.parse_guard import deep_trees, nesting_error

from .catalog import RANKING, TESTS, cwe_of, more_info
from .nosec import NosecLines
from .walker import Module, walk

_LEVELS = {name: i for i, name in enumerate(RANKING)}


def _options(raw) -> dict:
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        raw = json.loads(raw)
    if not isinstance(raw, dict):
        raise ValueError("security check options must be a JSON object")
    for key in ("minSeverity", "minConfidence"):
        if raw.get(key) not in (None, "LOW", "MEDIUM", "HIGH"):
            raise ValueError(f"{key} must be LOW, MEDIUM or HIGH, not {raw[key]!r}")
    for key in ("skips", "tests"):
        if raw.get(key) is not None and not (isinstance(raw[key], list) and all(isinstance(t, str) for t in raw[key])):
            raise ValueError(f'{key} must be a list of test ids such as ["B101"]')
    return raw


def _enabled(options) -> frozenset:
    active = {t for t, info in TESTS.items() if not info.removed}
    wanted = options.get("tests") or []
    if wanted:
        active &= set(wanted)
    return frozenset(active - set(options.get("skips") or []))


def _code(lines, lineno, linerange):
    """Numbered source lines around a finding, as Bandit's JSON shows them: from the line
    before, as many lines as the range plus two."""
    first = max(1, lineno - 1)
    out = []
    for n in range(first, first + len(linerange) + 2):
        if n > len(lines):
            break
        out.append(f"{n} {lines[n - 1]}\n")
    return "".join(out)


def _loc(lines) -> int:
    count = 0
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            count += 1
    return count


def check(source: str, options=None) -> dict:
    """Runs the check over one file's text; never raises for bad Python (it is reported)."""
    # The tree and its side tables are freed by reference counting when the call ends;
    # pausing the cycle collector meanwhile saves it from rescanning thousands of fresh nodes.
    paused = gc.isenabled()
    gc.disable()
    try:
        with deep_trees():
            return _check(source, options)
    finally:
        if paused:
            gc.enable()


def _check(source: str, options) -> dict:
    started = time.perf_counter()
    if source.startswith("\ufeff"):
        source = source[1:]  # a UTF-8 byte order mark: Bandit's decoder drops it too
    options = _options(options)
    filename = options.get("filename") or "main.py"
    min_sev = _LEVELS[options.get("minSeverity") or "LOW"]
    min_conf = _LEVELS[options.get("minConfidence") or "LOW"]
    ignore_nosec = bool(options.get("ignoreNosec"))
    lines = source.splitlines()
    metrics = {"loc": _loc(lines), "nosec": 0, "skipped_tests": 0}
    for level in RANKING:
        metrics[f"SEVERITY.{level}"] = 0
        metrics[f"CONFIDENCE.{level}"] = 0
    findings, errors = [], []
    too_deep = nesting_error(source, filename)  # a parser bomb must not reach ast.parse
    if too_deep is not None:
        errors.append({"filename": filename, "line": too_deep.lineno, "reason": too_deep.msg})
        return {"findings": [], "errors": errors, "metrics": metrics, "ms": (time.perf_counter() - started) * 1000}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes etc. are not our findings
            tree = ast.parse(source, filename=filename)
    except (SyntaxError, ValueError) as exc:
        error = {
            "filename": filename,
            "reason": f"syntax error while parsing AST from file: {exc.msg if isinstance(exc, SyntaxError) else exc}",
        }
        if isinstance(exc, SyntaxError) and exc.lineno:
            error["line"] = exc.lineno
        errors.append(error)
        return {"findings": [], "errors": errors, "metrics": metrics, "ms": (time.perf_counter() - started) * 1000}
    except RecursionError:
        errors.append({"filename": filename, "reason": "file too deeply nested to parse"})
        return {"findings": [], "errors": errors, "metrics": metrics, "ms": (time.perf_counter() - started) * 1000}

    module = Module(source, _enabled(options))
    nosec = NosecLines(source) if not ignore_nosec else NosecLines("")
    for item in walk(tree, module):
        issue = item.issue
        if nosec:
            # Bandit: the issue's own line, plus the first nosec line within the node's range.
            base = nosec.at(item.lineno)
            around = nosec.first_in(item.linerange[0], item.linerange[1])
            if base is not None or around is not None:
                silenced = set(base or ()) | set(around or ())
                if not silenced:
                    metrics["nosec"] += 1
                    continue
                if issue.test_id in silenced:
                    metrics["skipped_tests"] += 1
                    continue
        if _LEVELS[issue.severity] < min_sev or _LEVELS[issue.confidence] < min_conf:
            continue
        metrics[f"SEVERITY.{issue.severity}"] += 1
        metrics[f"CONFIDENCE.{issue.confidence}"] += 1
        info = TESTS[issue.test_id]
        linerange = list(range(item.linerange[0], item.linerange[1] + 1))
        findings.append(
            {
                "test_id": issue.test_id,
                "test_name": info.name,
                "issue_severity": issue.severity,
                "issue_confidence": issue.confidence,
                "issue_cwe": cwe_of(issue.test_id),
                "issue_text": issue.text,
                "filename": filename,
                "line_number": item.lineno,
                "line_range": linerange,
                "col_offset": item.col_offset,
                "end_col_offset": item.end_col_offset,
                "code": _code(lines, item.lineno, linerange),
                "more_info": more_info(issue.test_id),
                "function": item.function,
            }
        )
    findings.sort(key=lambda f: (f["line_number"], f["col_offset"], f["test_id"]))
    return {"findings": findings, "errors": errors, "metrics": metrics, "ms": (time.perf_counter() - started) * 1000}


def check_json(source: str, options_json=None) -> str:
    return json.dumps(check(source, options_json))


def check_many_json(files_json: str, options_json=None) -> str:
    """Checks many files in one call (benchmarks, conformance): [{id, source}] in,
    [{id, findings: [{test_id, line, severity, confidence}], errors, ms}] out."""
    out = []
    for entry in json.loads(files_json):
        result = check(entry["source"], options_json)
        out.append(
            {
                "id": entry["id"],
                "findings": [
                    {
                        "test_id": f["test_id"],
                        "line": f["line_number"],
                        "severity": f["issue_severity"],
                        "confidence": f["issue_confidence"],
                    }
                    for f in result["findings"]
                ],
                "errors": result["errors"],
                "ms": result["ms"],
            }
        )
    return json.dumps(out)


def catalog_json() -> str:
    return json.dumps(
        [
            {
                "test_id": t.test_id,
                "name": t.name,
                "severity": t.severity,
                "confidence": t.confidence,
                "cwe": t.cwe,
                "kind": t.kind,
                "removed": t.removed,
                "varies": t.varies,
                "more_info": more_info(t.test_id),
            }
            for t in TESTS.values()
        ]
    )
