"""Meaningful arguments for "Generate a failing test": each top-level function's parameters get
values of the kind the function uses them as — from annotations, defaults and the body
(`for x in p` / `len(p)` / `p[0]` → a list, `p.split()` → a str, `p.items()` → a dict,
`p + 1` / `range(p)` / `x / p` → a number) — edge cases first (empty, zero, negative),
one parameter varied at a time around ordinary values. `mean(xs)` gets `mean([])`, not `mean(0)`.
"""

from __future__ import annotations

import ast
from typing import Any

from _heal_common.parse_guard import parse

# Per kind: edge values first (the likely failures), then the ordinary value the others take.
VALUES: dict[str, tuple[list[str], str]] = {
    "int": (["0", "-1"], "2"),
    "float": (["0.0", "-1.5"], "2.5"),
    "number": (["0", "-1"], "2"),
    "str": (["''", "' '", "'abc'"], "'abc'"),
    "list": (["[]", "[0]", "[1, 0]", "[-1]"], "[1, 2, 3]"),
    "dict": (["{}", "{'a': 0}"], "{'a': 1, 'b': 2}"),
    "bool": (["False", "True"], "True"),
    "none": (["None"], "None"),
    "unknown": (["0", "''", "[]", "None"], "1"),
}
MAX_CALLS_PER_FUNCTION = 12

_ANNOTATIONS = {
    "int": "int",
    "float": "float",
    "complex": "number",
    "str": "str",
    "bool": "bool",
    "list": "list",
    "tuple": "list",
    "set": "list",
    "frozenset": "list",
    "Sequence": "list",
    "Iterable": "list",
    "List": "list",
    "Tuple": "list",
    "dict": "dict",
    "Dict": "dict",
    "Mapping": "dict",
}
_STR_METHODS = {
    "split",
    "strip",
    "lstrip",
    "rstrip",
    "lower",
    "upper",
    "startswith",
    "endswith",
    "replace",
    "find",
    "isdigit",
    "isalpha",
    "title",
    "capitalize",
    "splitlines",
    "encode",
    "format",
    "zfill",
}
_LIST_METHODS = {"append", "extend", "pop", "sort", "insert", "remove", "reverse", "index", "count", "copy", "clear"}
_DICT_METHODS = {"items", "keys", "values", "get", "setdefault", "update"}
_SEQUENCE_CALLS = {
    "len",
    "sum",
    "max",
    "min",
    "sorted",
    "enumerate",
    "reversed",
    "any",
    "all",
    "list",
    "set",
    "tuple",
    "zip",
}
_NUMBER_CALLS = {"range", "abs", "round", "divmod", "pow"}


def _annotation_kind(node: ast.expr | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        return _ANNOTATIONS.get(node.attr)
    if isinstance(node, ast.Name):
        return _ANNOTATIONS.get(node.id)
    if isinstance(node, ast.Constant) and node.value is None:
        return "none"
    return None


def _default_kind(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (int, float, str)):
            return {int: "int", float: "float", str: "str"}[type(value)]
        return None
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return "list"
    if isinstance(node, ast.Dict):
        return "dict"
    return None


def _is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


class _Uses(ast.NodeVisitor):
    """Votes for each parameter's kind from how the body uses it."""

    def __init__(self, params: set[str]) -> None:
        self.params = params
        self.votes: dict[str, dict[str, int]] = {p: {} for p in params}

    def vote(self, node: ast.AST, kind: str) -> None:
        if isinstance(node, ast.Name) and node.id in self.params:
            self.votes[node.id][kind] = self.votes[node.id].get(kind, 0) + 1

    def visit_For(self, node: ast.For) -> None:
        self.vote(node.iter, "list")
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self.vote(node.iter, "list")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        key = node.slice
        self.vote(node.value, "dict" if isinstance(key, ast.Constant) and isinstance(key.value, str) else "list")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr in _STR_METHODS:
                self.vote(func.value, "str")
            elif func.attr in _LIST_METHODS:
                self.vote(func.value, "list")
            elif func.attr in _DICT_METHODS:
                self.vote(func.value, "dict")
            if func.attr == "join":
                for arg in node.args:
                    self.vote(arg, "list")
        elif isinstance(func, ast.Name):
            kind = "list" if func.id in _SEQUENCE_CALLS else "number" if func.id in _NUMBER_CALLS else None
            if kind:
                for arg in node.args:
                    self.vote(arg, kind)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            self.vote(node.right, "number")  # a divisor: zero is the edge case
        if (
            _is_number(node.left)
            or _is_number(node.right)
            or isinstance(node.op, (ast.Sub, ast.Div, ast.FloorDiv, ast.Pow))
        ):
            self.vote(node.left, "number")
            self.vote(node.right, "number")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.vote(node.value, "number")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        sides = [node.left, *node.comparators]
        if any(_is_number(side) for side in sides):
            for side in sides:
                self.vote(side, "number")
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                self.vote(right, "list")
        self.generic_visit(node)


def parameter_kinds(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, str, bool]]:
    """(name, kind, has a default) for each positional parameter, `self`/`cls` left out."""
    args = func.args.posonlyargs + func.args.args
    defaults: list[ast.expr | None] = [None] * (len(args) - len(func.args.defaults)) + list(func.args.defaults)
    uses = _Uses({a.arg for a in args})
    for statement in func.body:
        uses.visit(statement)
    out: list[tuple[str, str, bool]] = []
    for arg, default in zip(args, defaults):
        if arg.arg in ("self", "cls"):
            continue
        votes = uses.votes[arg.arg]
        kind = (
            _annotation_kind(arg.annotation)
            or (default is not None and _default_kind(default))
            or (max(votes, key=votes.get) if votes else None)
            or "unknown"
        )
        out.append((arg.arg, kind, default is not None))
    return out


def calls_for(name: str, params: list[tuple[str, str, bool]]) -> list[str]:
    """Edge values one parameter at a time (the others ordinary); parameters with defaults keep them."""
    required = [(p, kind) for p, kind, has_default in params if not has_default]
    if not required:
        return []
    ordinary = [VALUES[kind][1] for _, kind in required]
    calls: list[str] = []
    for index, (_, kind) in enumerate(required):
        for edge in VALUES[kind][0]:
            args = ordinary.copy()
            args[index] = edge
            call = f"{name}({', '.join(args)})"
            if call not in calls:
                calls.append(call)
    return calls[:MAX_CALLS_PER_FUNCTION]


def test_inputs(source: str) -> list[dict[str, Any]]:
    """For each top-level function: its parameters' inferred kinds and the calls to try."""
    tree = parse(source, "main.py")
    out: list[dict[str, Any]] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            required_keywords = any(default is None for default in node.args.kw_defaults)
            if isinstance(node, ast.AsyncFunctionDef) or required_keywords:
                continue
            params = parameter_kinds(node)
            calls = calls_for(node.name, params)
            if calls:
                out.append(
                    {
                        "name": node.name,
                        "params": [{"name": p, "kind": k, "default": d} for p, k, d in params],
                        "calls": calls,
                    }
                )
    return out
