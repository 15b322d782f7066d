"""The single pass: a pre-order walk over the tree (Bandit's visiting order) that links
each node to its parent and next sibling, keeps the import/alias tables up to date as
imports are met, and runs the checks registered for the node's type."""

import ast
from dataclasses import dataclass

from . import checks  # noqa: F401  (registers every check)
from .context import Context, Issue, call_name
from .registry import CHECKS

_STRIPPED = ("body", "orelse", "handlers", "finalbody")


class Module:
    """Per-file state shared by every node's context."""

    def __init__(self, source: str, enabled: frozenset):
        self.source = source
        self.enabled = enabled
        self.imports = set()
        self.aliases = {}
        # Parent and next-sibling links live here, not on the nodes: attributes would chain
        # thousands of nodes whose release recurses past the wasm stack in Pyodide.
        self.parents = {}
        self.siblings = {}

    def parent(self, node):
        return self.parents.get(id(node))


@dataclass(slots=True, eq=False)  # identity semantics, as before
class Found:
    issue: Issue
    lineno: int
    linerange: list
    col_offset: int
    end_col_offset: int
    function: str


def _subtree_lines(node):
    """(min, max) lineno over a subtree, memoised (Bandit's calc_linerange)."""
    cached = getattr(node, "_sec_lines", None)
    if cached is not None:
        return cached
    lo, hi = 9999999999, -1
    if hasattr(node, "lineno"):
        lo = hi = node.lineno
    for child in ast.iter_child_nodes(node):
        clo, chi = _subtree_lines(child)
        lo, hi = min(lo, clo), max(hi, chi)
    node._sec_lines = (lo, hi)
    return lo, hi


def linerange(node, siblings=None):
    """First and last line of a node: its own span, or for nodes without a position the
    lines of their children less any statement bodies (Bandit's linerange)."""
    if getattr(node, "lineno", None) is not None:
        return node.lineno, node.end_lineno or node.lineno
    lo, hi = 9999999999, -1
    for field, value in ast.iter_fields(node):
        if field in _STRIPPED:
            continue
        items = value if isinstance(value, list) else [value]
        for child in items:
            if isinstance(child, ast.AST):
                clo, chi = _subtree_lines(child)
                lo, hi = min(lo, clo), max(hi, chi)
    if hi == -1:
        lo, hi = 0, 1
    sibling = siblings.get(id(node)) if siblings else None
    if sibling is not None and getattr(sibling, "lineno", None) is not None:
        if sibling.lineno - lo > 1:
            return lo, sibling.lineno - 1
    return lo, hi


def _children(node, parents, siblings):
    for _, value in ast.iter_fields(node):
        if isinstance(value, list):
            last = len(value) - 1
            for i, item in enumerate(value):
                if isinstance(item, ast.AST):
                    parents[id(item)] = node
                    if i < last:
                        siblings[id(item)] = value[i + 1]
                    yield item
        elif isinstance(value, ast.AST):
            parents[id(value)] = node
            yield value


def _record_import(node, module):
    if isinstance(node, ast.ImportFrom) and node.module is not None:
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            module.aliases[alias.asname or alias.name] = full
            module.imports.add(full)
    else:
        for alias in node.names:
            if alias.asname:
                module.aliases[alias.asname] = alias.name
            module.imports.add(alias.name)


def _active(fns, enabled):
    return [fn for fn in fns if any(t in enabled for t in fn.test_ids)]


def walk(tree, module: Module):
    """Runs every enabled check over the tree; returns Found records (nosec not applied)."""
    enabled = module.enabled
    table = {kind: _active(fns, enabled) for kind, fns in CHECKS.items()}
    found = []
    scope = []  # enclosing class / function names

    def run(fns, node, ctx, range_of):
        for fn in fns:
            try:
                issue = fn(ctx)
            except Exception:  # a check that trips on odd code reports nothing, as in Bandit
                issue = None
            if issue is not None:
                if not issue.test_id:
                    issue.test_id = fn.test_ids[0]
                if issue.test_id not in enabled:
                    continue
                found.append(
                    Found(
                        issue,
                        issue.lineno if issue.lineno is not None else getattr(node, "lineno", 0),
                        linerange(range_of, siblings),
                        issue.col_offset if issue.col_offset is not None else getattr(node, "col_offset", 0),
                        getattr(node, "end_col_offset", 0) or 0,
                        ".".join(scope) or "<module>",
                    )
                )

    by_parent = {}  # (kind, parent type) -> string checks that can fire there

    def string_checks(kind, parent_type):
        key = (kind, parent_type)
        fns = by_parent.get(key)
        if fns is None:
            fns = [fn for fn in table[kind] if fn.parents is None or issubclass(parent_type, fn.parents)]
            by_parent[key] = fns
        return fns

    parents, siblings = module.parents, module.siblings
    Constant, Name, Expr = ast.Constant, ast.Name, ast.Expr

    def constant(node, parent):
        value = node.value
        kind = "Str" if isinstance(value, str) else "Bytes" if isinstance(value, bytes) else None
        if kind is not None and not isinstance(parent, Expr):  # docstrings are not checked
            fns = string_checks(kind, type(parent))
            if fns:
                run(fns, node, Context(node, module), parent)

    def expand(node):
        """Children to visit, in Bandit's order; leaves are handled here without a stack round
        trip (a 7,000-string literal is then one loop), which keeps the pre-order of findings
        that matter since leaves change no state."""
        todo = []
        for child in _children(node, parents, siblings):
            cls = type(child)
            if cls is Constant:
                constant(child, node)
            elif cls is not Name:
                todo.append((child, False))
        todo.reverse()
        stack.extend(todo)

    # Explicit stack: deeply nested expressions must not hit Python's recursion limit.
    stack = []
    expand(tree)
    while stack:
        node, leaving = stack.pop()
        if leaving:
            scope.pop()
            continue
        kind = type(node).__name__
        if kind == "Call":
            if table["Call"]:
                qual = call_name(node, module.aliases)
                run(table["Call"], node, Context(node, module, qual, qual.split(".")[-1]), node)
        elif kind in ("Import", "ImportFrom"):
            _record_import(node, module)
            if isinstance(node, ast.ImportFrom) and node.module is None:
                kind = "Import"
            run(table[kind], node, Context(node, module), node)
        elif kind in ("FunctionDef", "ClassDef", "AsyncFunctionDef"):
            scope.append(node.name)
            stack.append((node, True))
            if kind == "FunctionDef":  # Bandit runs its FunctionDef tests on plain defs only
                run(table[kind], node, Context(node, module), node)
        elif kind in ("Assert", "ExceptHandler"):
            run(table[kind], node, Context(node, module), node)
        expand(node)
    # Whole-file checks run last, at line 0 like Bandit's.
    ctx = Context(None, module)
    for fn in table["File"]:
        try:
            issue = fn(ctx)
        except Exception:
            issue = None
        if issue is not None:
            issue.test_id = issue.test_id or fn.test_ids[0]
            found.append(Found(issue, issue.lineno or 0, (0, 1), issue.col_offset or 0, 0, "<module>"))
    return found
