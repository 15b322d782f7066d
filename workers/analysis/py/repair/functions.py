"""Find the unit (function, or top-level statement) that encloses a line, and replace it.

The repair engine works on one function at a time: the buggy function goes into the
prompt, the fixed function comes back and replaces it in the program. Locations come from
``ast`` (decorators included) so nested functions and methods resolve to the innermost one.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import asdict, dataclass

from _heal_common.parse_guard import parse

FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass
class Unit:
    """A function (``kind == "function"``) or, at module level, one top-level statement."""

    kind: str
    name: str
    qualname: str
    start_line: int
    end_line: int
    indent: str
    text: str


def _start(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", None) or []
    return min([node.lineno, *(d.lineno for d in decorators)])


def _walk_functions(body, prefix: str):
    """Yields (qualname, node) for every function, depth first, in source order."""
    for node in body:
        if isinstance(node, FUNCTION_NODES):
            qualname = f"{prefix}{node.name}"
            yield qualname, node
            yield from _walk_functions(node.body, f"{qualname}.<locals>.")
        elif isinstance(node, ast.ClassDef):
            yield from _walk_functions(node.body, f"{prefix}{node.name}.")
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    yield from _walk_functions(children, prefix)


def _unit(lines: list[str], kind: str, name: str, qualname: str, start: int, end: int) -> Unit:
    first = lines[start - 1]
    indent = first[: len(first) - len(first.lstrip())]
    return Unit(kind, name, qualname, start, end, indent, "".join(lines[start - 1 : end]))


def enclosing_unit(source: str, line: int) -> Unit | None:
    """The innermost function containing ``line``, else the top-level statement containing it."""
    tree = parse(source)
    lines = source.splitlines(keepends=True)
    best = None
    for qualname, node in _walk_functions(tree.body, ""):
        start, end = _start(node), node.end_lineno or node.lineno
        if start <= line <= end and (best is None or start >= best[1]):
            best = (qualname, start, end, node.name)
    if best is not None:
        qualname, start, end, name = best
        return _unit(lines, "function", name, qualname, start, end)
    for node in tree.body:
        start, end = _start(node), node.end_lineno or node.lineno
        if start <= line <= end:
            return _unit(lines, "statement", "<module>", "<module>", start, end)
    return None


def find_function(source: str, qualname: str) -> Unit | None:
    tree = parse(source)
    lines = source.splitlines(keepends=True)
    for name, node in _walk_functions(tree.body, ""):
        if name == qualname:
            return _unit(lines, "function", node.name, name, _start(node), node.end_lineno or node.lineno)
    return None


class ReplaceError(ValueError):
    pass


def _reindent(text: str, indent: str) -> str:
    body = textwrap.dedent(text.expandtabs(4)).strip("\n")
    return "".join(f"{indent}{line}" if line.strip() else line for line in body.splitlines(keepends=True)) + "\n"


def replace_unit(source: str, start_line: int, end_line: int, new_text: str, expect_function: str | None = None) -> str:
    """``source`` with lines start..end replaced by ``new_text`` at the original indentation.

    The replacement must parse on its own (dedented); when ``expect_function`` is given it
    must define exactly that function, so an answer with a renamed or missing function is
    refused instead of silently leaving the old one unreachable.
    """
    lines = source.splitlines(keepends=True)
    if not (1 <= start_line <= end_line <= len(lines)):
        raise ReplaceError(f"lines {start_line}-{end_line} are outside the program ({len(lines)} lines)")
    try:
        tree = parse(textwrap.dedent(new_text.expandtabs(4)))
    except SyntaxError as err:
        raise ReplaceError(f"the fixed code does not parse: {err.msg} (line {err.lineno})") from None
    if expect_function is not None:
        defs = [n for n in tree.body if isinstance(n, FUNCTION_NODES)]
        if len(defs) != 1 or defs[0].name != expect_function:
            found = ", ".join(n.name for n in defs) or "none"
            raise ReplaceError(f"the fixed code must define the function {expect_function} (found: {found})")
    first = lines[start_line - 1]
    indent = first[: len(first) - len(first.lstrip())]
    patched = "".join(lines[: start_line - 1]) + _reindent(new_text, indent) + "".join(lines[end_line:])
    try:
        parse(patched)
    except SyntaxError as err:
        raise ReplaceError(f"the patched program does not parse: {err.msg} (line {err.lineno})") from None
    return patched


def replace_function(source: str, qualname: str, new_text: str) -> str:
    unit = find_function(source, qualname)
    if unit is None:
        raise ReplaceError(f"no function {qualname} in the program")
    return replace_unit(source, unit.start_line, unit.end_line, new_text, expect_function=unit.name)


def unit_dict(unit: Unit | None):
    return None if unit is None else asdict(unit)
