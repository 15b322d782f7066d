"""The program's definitions-only prelude: imports, functions and classes, compiled one by one,
so that the state's ``__main__.Foo`` references resolve in the handling code's namespace."""

from __future__ import annotations

import ast
import types
from dataclasses import dataclass
from typing import Any

from _heal_common.parse_guard import deep_trees, parse

PROGRAM_FILENAME = "main.py"

_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.TypeAlias)


@dataclass
class PreludeItem:
    line: int
    end_line: int
    kind: str
    name: str
    text: str
    code: types.CodeType | None
    compile_error: str | None = None


@dataclass
class Prelude:
    items: list[PreludeItem]
    syntax_error: str | None = None


class _Span:
    """A stand-in node for ast.get_source_segment (decorated definitions start at '@')."""

    def __init__(self, node: ast.stmt) -> None:
        first = node.decorator_list[0] if getattr(node, "decorator_list", None) else None
        self.lineno = first.lineno if first is not None else node.lineno
        self.col_offset = 0 if first is not None else node.col_offset
        self.end_lineno = node.end_lineno
        self.end_col_offset = node.end_col_offset


def _defined_name(node: ast.stmt) -> str:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return ", ".join(alias.asname or alias.name.split(".")[0] for alias in node.names)
    if isinstance(node, ast.TypeAlias):
        return node.name.id
    return node.name  # type: ignore[attr-defined]


def _is_future(node: ast.stmt) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "__future__"


_prelude_cache: dict[str, Prelude] = {}


def parse_prelude(source: str) -> Prelude:
    """The program's top-level definitions, compiled one by one (cached for the last program)."""
    cached = _prelude_cache.get(source)
    if cached is not None:
        return cached
    try:
        tree = parse(source, PROGRAM_FILENAME)  # refuses parser bombs before parsing
    except (SyntaxError, ValueError) as err:
        result = Prelude([], f"{type(err).__name__}: {err}")
    else:
        kept = [node for node in tree.body if isinstance(node, _DEFINITIONS)]
        kept.sort(key=lambda node: not _is_future(node))  # stable: __future__ imports first
        flags = 0
        for node in kept:
            if _is_future(node):
                for alias in node.names:
                    feature = getattr(__import__("__future__"), alias.name, None)
                    flags |= getattr(feature, "compiler_flag", 0)
        with deep_trees():  # ast.unparse in _prelude_item recurses in Python
            result = Prelude([_prelude_item(source, node, flags) for node in kept])
    _prelude_cache.clear()
    _prelude_cache[source] = result
    return result


def _prelude_item(source: str, node: ast.stmt, flags: int) -> PreludeItem:
    """One definition with its own code object (a failing one does not sink the others)."""
    span = _Span(node)
    text = ast.get_source_segment(source, span) or ast.unparse(node)  # type: ignore[arg-type]
    item = PreludeItem(
        span.lineno, node.end_lineno or span.lineno, type(node).__name__, _defined_name(node), text, None
    )
    try:
        module = ast.Module(body=[node], type_ignores=[])
        item.code = compile(module, PROGRAM_FILENAME, "exec", flags=flags, dont_inherit=True)
    except (SyntaxError, ValueError) as err:
        item.compile_error = f"{type(err).__name__}: {err}"
    return item


def prelude(source: str) -> str:
    """The definitions-only prelude of a program as source text."""
    items = parse_prelude(source).items
    return "".join(item.text + "\n" for item in items)


def run_items(items: list[PreludeItem], namespace: dict[str, Any]) -> list[tuple[PreludeItem, str]]:
    failed = []
    for item in items:
        if item.code is None:
            failed.append((item, item.compile_error or "could not compile"))
            continue
        try:
            exec(item.code, namespace)
        except KeyboardInterrupt:
            raise
        except BaseException as err:  # noqa: BLE001 - a class body may even call sys.exit()
            failed.append((item, f"{type(err).__name__}: {err}"))
    return failed
