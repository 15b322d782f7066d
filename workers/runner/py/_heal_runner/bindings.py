"""The names a statement binds when it runs, for the heal review's stale-binding warning.

A heal replaces the failing statement; names the statement would have bound and the heal
leaves alone keep whatever they held before (a previous iteration's values) or stay unbound.
The review says so before Accept. Computed at a pause from one parse of the source (kept for
the run), so instrumentation pays nothing for it.
"""

from __future__ import annotations

import ast

from _heal_common.parse_guard import deep_trees, parse

# The parts of a compound statement that run before its body: only they fail "at" it.
_HEADER_FIELDS = {
    "For": ("target", "iter"),
    "AsyncFor": ("target", "iter"),
    "While": ("test",),
    "If": ("test",),
    "With": ("items",),
    "AsyncWith": ("items",),
    "Match": ("subject",),
    "Try": (),
    "TryStar": (),
    "FunctionDef": ("decorator_list", "args", "returns"),
    "AsyncFunctionDef": ("decorator_list", "args", "returns"),
    "ClassDef": ("decorator_list", "bases", "keywords"),
}


def target_names(target: ast.AST) -> list[str]:
    """Names an assignment target binds: `a`, `a, (b, *c)`; not attributes or subscripts."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in target_names(element)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def _walrus_names(nodes: list[ast.AST]) -> list[str]:
    names: list[str] = []
    for node in nodes:
        for inner in ast.walk(node):
            if isinstance(inner, ast.NamedExpr):
                names.extend(target_names(inner.target))
    return names


def statement_binds(stmt: ast.stmt) -> list[str]:
    """The names `stmt` binds in its own scope when it runs (a compound statement: its header)."""
    kind = type(stmt).__name__
    names: list[str] = []
    parts: list[ast.AST] = []
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            names.extend(target_names(target))
        parts = [stmt.value]
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        if not isinstance(stmt, ast.AnnAssign) or stmt.value is not None:
            names.extend(target_names(stmt.target))
        parts = [stmt.value] if stmt.value is not None else []
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        names.extend(target_names(stmt.target))
        parts = [stmt.iter]
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            if item.optional_vars is not None:
                names.extend(target_names(item.optional_vars))
        parts = [item.context_expr for item in stmt.items]
    elif isinstance(stmt, ast.Import):
        names.extend((alias.asname or alias.name.split(".")[0]) for alias in stmt.names)
    elif isinstance(stmt, ast.ImportFrom):
        names.extend((alias.asname or alias.name) for alias in stmt.names if alias.name != "*")
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        names.append(stmt.name)
        parts = [getattr(stmt, field) for field in _HEADER_FIELDS[kind]]
    elif isinstance(stmt, ast.TypeAlias):
        names.extend(target_names(stmt.name))
    elif kind in _HEADER_FIELDS:
        parts = [getattr(stmt, field) for field in _HEADER_FIELDS[kind]]
    else:
        parts = [stmt]
    flat: list[ast.AST] = []
    for part in parts:
        if isinstance(part, list):
            flat.extend(p for p in part if isinstance(p, ast.AST))
        elif isinstance(part, ast.AST):
            flat.append(part)
    names.extend(_walrus_names(flat))
    return list(dict.fromkeys(names))


class StatementBindings:
    """Every statement of a source by (line, column), parsed once."""

    def __init__(self, source: str) -> None:
        self.by_position: dict[tuple[int, int], ast.stmt] = {}
        with deep_trees():
            for node in ast.walk(parse(source, "main.py")):
                if isinstance(node, ast.stmt):
                    self.by_position[(node.lineno, node.col_offset)] = node

    def names(self, line: int, col: int, kind: str) -> list[str]:
        stmt = self.by_position.get((line, col))
        if stmt is None or type(stmt).__name__ != kind:
            return []
        with deep_trees():
            return statement_binds(stmt)
