"""Statement-level instrumentation.

Every statement of the user's program is wrapped so that an unhandled exception
reaches the heal hook with the statement's id:

    try:
        <statement>
    except __heal_passthrough__:      # StopIteration & co. keep their meaning
        raise
    except Exception:
        if __heal_hook__(<sid>):      # True: decline, re-raise unchanged
            raise
        [return __heal_return_value__()]   # only after a `return` statement

The hook reads the exception with sys.exception() and the frame with
sys._getframe(1), so the wrapper introduces no names into the user's scopes.
Wrapper nodes copy the statement's location, so tracebacks keep user lines.

Besides the new tree, instrumentation produces static metadata the hook needs:
statement spans by id, and per code-object "protected regions" (user `try`
bodies and `with suppress(...)` bodies) used to decline exceptions the program
handles itself, and the lines of `raise` statements (deliberate raises are left
to propagate).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from _heal_common.parse_guard import deep_trees, parse

HOOK_NAME = "__heal_hook__"
PASSTHROUGH_NAME = "__heal_passthrough__"
RETURN_VALUE_NAME = "__heal_return_value__"

# CPython allows 20 statically nested blocks (21 on 3.14); stay below with margin.
MAX_BLOCK_DEPTH = 18

# Context managers that swallow the exception types given as their arguments.
SUPPRESSING_CONTEXT_MANAGERS = {"suppress", "assertRaises", "raises"}


@dataclass
class Statement:
    sid: int
    lineno: int
    end_lineno: int
    col: int
    end_col: int
    kind: str
    scope: str


@dataclass
class Region:
    """Lines protected by the program's own handler, within one code object."""

    start: int
    end: int
    kind: str  # "try" | "suppress"
    # Source of each handler's type expression; None means a bare `except:`.
    handlers: list[str | None]


@dataclass
class Scope:
    key: str  # "<co_name>:<co_firstlineno>", matches a running frame's code
    name: str
    regions: list[Region] = field(default_factory=list)
    raise_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Instrumented:
    tree: ast.Module
    statements: dict[int, Statement]
    scopes: dict[str, Scope]
    unwrapped_for_depth: int = 0


def scope_key(name: str, firstlineno: int) -> str:
    return f"{name}:{firstlineno}"


def _first_line(node: ast.AST) -> int:
    decorators = getattr(node, "decorator_list", None)
    if decorators:
        return min(d.lineno for d in decorators)
    return node.lineno


def _is_docstring(stmt: ast.stmt, index: int, in_definition_body: bool) -> bool:
    return (
        in_definition_body
        and index == 0
        and isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


_NEVER_WRAPPED = (ast.Global, ast.Nonlocal, ast.Pass, ast.Break, ast.Continue, ast.Raise)


def _is_future_import(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"


def _suppressed_types(item: ast.withitem) -> str | None:
    call = item.context_expr
    if not isinstance(call, ast.Call) or not call.args:
        return None
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in SUPPRESSING_CONTEXT_MANAGERS:
        return None
    args = call.args if name == "suppress" else call.args[:1]
    if any(isinstance(a, ast.Starred) for a in args):
        return None
    return ast.unparse(ast.Tuple(elts=list(args), ctx=ast.Load()))


def _body_span(body: list[ast.stmt]) -> tuple[int, int]:
    return body[0].lineno, max(s.end_lineno or s.lineno for s in body)


class _Instrumenter:
    def __init__(self) -> None:
        self.statements: dict[int, Statement] = {}
        self.scopes: dict[str, Scope] = {}
        self.unwrapped_for_depth = 0
        self.max_depth = MAX_BLOCK_DEPTH

    # -- scopes -------------------------------------------------------------
    def new_scope(self, name: str, firstlineno: int) -> Scope:
        key = scope_key(name, firstlineno)
        scope = self.scopes.get(key)
        if scope is None:
            scope = self.scopes[key] = Scope(key=key, name=name)
        return scope

    # -- bodies ---------------------------------------------------------------
    def body(self, stmts: list[ast.stmt], scope: Scope, depth: int, definition_body: bool = False) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for index, stmt in enumerate(stmts):
            if _is_docstring(stmt, index, definition_body) or _is_future_import(stmt):
                out.append(stmt)
                continue
            if isinstance(stmt, _NEVER_WRAPPED):
                if isinstance(stmt, ast.Raise):
                    scope.raise_spans.append((stmt.lineno, stmt.end_lineno or stmt.lineno))
                out.append(stmt)
                continue
            wrap = depth + 1 <= self.max_depth
            if not wrap:
                self.unwrapped_for_depth += 1
            inner_depth = depth + 1 if wrap else depth
            self.children(stmt, scope, inner_depth)
            out.append(self.wrap(stmt, scope) if wrap else stmt)
        return out

    def children(self, stmt: ast.stmt, scope: Scope, depth: int) -> None:
        """Instrument the bodies nested in `stmt` (depth counts enclosing blocks)."""
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            inner = self.new_scope(stmt.name, _first_line(stmt))
            stmt.body = self.body(stmt.body, inner, 0, definition_body=True)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            stmt.body = self.body(stmt.body, scope, depth + 1)
            stmt.orelse = self.body(stmt.orelse, scope, depth)
        elif isinstance(stmt, ast.If):
            stmt.body = self.body(stmt.body, scope, depth)
            stmt.orelse = self.body(stmt.orelse, scope, depth)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                types = _suppressed_types(item)
                if types is not None and stmt.body:
                    start, end = _body_span(stmt.body)
                    scope.regions.append(Region(start, end, "suppress", [types]))
            stmt.body = self.body(stmt.body, scope, depth + len(stmt.items))
        elif isinstance(stmt, (ast.Try, ast.TryStar)):
            has_finally = bool(stmt.finalbody)
            extra = 1 if has_finally else 0
            if stmt.handlers and stmt.body:
                start, end = _body_span(stmt.body)
                handlers = [ast.unparse(h.type) if h.type is not None else None for h in stmt.handlers]
                scope.regions.append(Region(start, end, "try", handlers))
            stmt.body = self.body(stmt.body, scope, depth + 1 + extra)
            for handler in stmt.handlers:
                handler.body = self.body(handler.body, scope, depth + 2 + extra)
            stmt.orelse = self.body(stmt.orelse, scope, depth + extra)
            stmt.finalbody = self.body(stmt.finalbody, scope, depth + 1)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                case.body = self.body(case.body, scope, depth)


    # -- wrapping -----------------------------------------------------------
    def wrap(self, stmt: ast.stmt, scope: Scope) -> ast.stmt:
        sid = len(self.statements) + 1
        self.statements[sid] = Statement(
            sid=sid,
            lineno=stmt.lineno,
            end_lineno=stmt.end_lineno or stmt.lineno,
            col=stmt.col_offset,
            end_col=stmt.end_col_offset or 0,
            kind=type(stmt).__name__,
            scope=scope.key,
        )
        hook_call = ast.Call(func=ast.Name(HOOK_NAME, ast.Load()), args=[ast.Constant(sid)], keywords=[])
        handler_body: list[ast.stmt] = [ast.If(test=hook_call, body=[ast.Raise()], orelse=[])]
        if isinstance(stmt, ast.Return):
            handler_body.append(
                ast.Return(ast.Call(func=ast.Name(RETURN_VALUE_NAME, ast.Load()), args=[], keywords=[]))
            )
        wrapper = ast.Try(
            body=[stmt],
            handlers=[
                ast.ExceptHandler(type=ast.Name(PASSTHROUGH_NAME, ast.Load()), name=None, body=[ast.Raise()]),
                ast.ExceptHandler(type=ast.Name("Exception", ast.Load()), name=None, body=handler_body),
            ],
            orelse=[],
            finalbody=[],
        )
        # Synthetic nodes take the statement's location: tracebacks and
        # frame.f_lineno inside the handler point at the user's statement.
        _locate_synthetic(wrapper, stmt)
        return wrapper


def _locate_synthetic(wrapper: ast.Try, stmt: ast.stmt) -> None:
    """Copy stmt's start location onto the synthetic nodes of wrapper only."""
    start = (stmt.lineno, stmt.col_offset)
    stack: list[ast.AST] = [wrapper]
    while stack:
        node = stack.pop()
        if node is stmt:
            continue
        if isinstance(node, (ast.stmt, ast.expr, ast.excepthandler)):
            node.lineno, node.col_offset = start
            node.end_lineno, node.end_col_offset = start[0], start[1]
        stack.extend(ast.iter_child_nodes(node))


def instrument_tree(tree: ast.Module, max_depth: int = MAX_BLOCK_DEPTH) -> Instrumented:
    inst = _Instrumenter()
    inst.max_depth = max_depth
    module_scope = inst.new_scope("<module>", 1)
    tree.body = inst.body(tree.body, module_scope, 0, definition_body=True)
    return Instrumented(tree=tree, statements=inst.statements, scopes=inst.scopes,
                        unwrapped_for_depth=inst.unwrapped_for_depth)


def instrument_source(source: str, filename: str) -> tuple[Instrumented, object]:
    """Parse, instrument and compile; returns (metadata, code object).

    Raises SyntaxError for programs that do not parse. If CPython still reports
    too many nested blocks (our depth estimate is conservative but not exact),
    retry with a lower limit rather than fail the user's program.
    """
    max_depth = MAX_BLOCK_DEPTH
    while True:
        tree = parse(source, filename)  # refuses parser bombs before parsing
        with deep_trees():  # ast.unparse of a deep `except` type recurses in Python
            result = instrument_tree(tree, max_depth)
        try:
            code = compile(result.tree, filename, "exec", dont_inherit=True)
            return result, code
        except SyntaxError as err:
            if "nested blocks" not in str(err) or max_depth <= 0:
                raise
            max_depth -= 2
