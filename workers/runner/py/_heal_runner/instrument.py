"""Statement-level instrumentation.

Every statement of the user's program is wrapped so that an unhandled exception
reaches the heal hook with the statement's id:

    try:
        <statement>
    [except RecursionError: <as below>]  # only when the next clause would catch it
    [except (KeyError, ...):          # the program's own handler takes these: no call
        raise]
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

Statically handled exceptions: a statement inside the body of a `try` (or a
`with suppress(...)`) of its own function whose handler names builtin exception
classes re-raises those types at once, without calling the hook: the hook would
decline them anyway (the program's handler is right there), and an exception the
program handles itself then costs a catch and a re-raise. This holds only where the
hook's answer cannot differ (see _Guard and _Instrumenter.handled_types); everything
else still asks the hook. Such an exception is not marked declined, so the runner
reads its traceback when it meets it again (Run._handled_before).
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field

from _heal_common.parse_guard import deep_trees, parse

HOOK_NAME = "__heal_hook__"
PASSTHROUGH_NAME = "__heal_passthrough__"
RETURN_VALUE_NAME = "__heal_return_value__"
# Called after a heal: True when the heal asked to end this iteration (argument "continue")
# or the loop ("break") around the statement, or to leave its function ("return").
LOOP_CONTROL_NAME = "__heal_loop_control__"
# The distinct return expressions of a function offered as "leave the function" heals, each
# at most this long (one line of the review).
MAX_RETURN_EXPRESSIONS = 4
MAX_RETURN_EXPRESSION_CHARS = 200

# CPython allows 20 statically nested blocks (21 on 3.14); stay below with margin.
MAX_BLOCK_DEPTH = 18

# Context managers that swallow the exception types given as their arguments.
SUPPRESSING_CONTEXT_MANAGERS = {"suppress", "assertRaises", "raises"}

# Builtin exception classes by name: a handler that names one in a program that never
# binds that name catches exactly this class.
BUILTIN_EXCEPTIONS = {
    name: value
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}

# Attribute hooks the runner's hook would call on an exception (reading or writing its
# declined mark); a class defining one may be an exception class, and then every call
# the static path skips would be visible.
_ATTRIBUTE_HOOKS = {"__getattr__", "__getattribute__", "__setattr__"}


@dataclass
class Statement:
    sid: int
    lineno: int
    end_lineno: int
    col: int
    end_col: int
    kind: str
    scope: str
    # Builtin exception class names this statement's wrapper re-raises without the hook.
    handled: tuple[str, ...] = ()
    # The handler expressions the hook would evaluate for it in its own function run no
    # program code (see _Guard), so a caller's handler may decide first.
    pure: bool = False
    # (line, col, end line, end col) the wrapper covers, decorators included.
    span: tuple[int, int, int, int] = (0, 0, 0, 0)
    # The innermost loop of its own function around it, ("for" | "while", line), when a heal
    # can end the iteration or the loop (not inside a `finally`, where PEP 765 warns).
    loop: tuple[str, int] | None = None
    # When a heal may leave the function it is in (a function body, not a class body, a
    # `finally` or an `except*` block): the source of that function's own return expressions
    # ("None" for a bare or implicit return), the values such a heal may return.
    returns: tuple[str, ...] | None = None


def return_expressions(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...] | None:
    """The distinct expressions `function` itself returns (not its nested definitions), in
    order; None for an async generator, where `return value` is a SyntaxError."""
    found: list[str] = []
    bare = False
    is_generator = False
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop(0)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            is_generator = True
        if isinstance(node, ast.Return):
            if node.value is None:
                bare = True
            else:
                try:
                    text = ast.unparse(node.value)
                except (RecursionError, ValueError):
                    text = ""
                if text and "\n" not in text and len(text) <= MAX_RETURN_EXPRESSION_CHARS and text not in found:
                    found.append(text)
        stack.extend(ast.iter_child_nodes(node))
    if is_generator and isinstance(function, ast.AsyncFunctionDef):
        return None
    if bare or not found:
        found.append("None")
    return tuple(found[:MAX_RETURN_EXPRESSIONS])


@dataclass
class Region:
    """Lines protected by the program's own handler, within one code object."""

    start: int
    end: int
    kind: str  # "try" | "suppress"
    # Source of each handler's type expression; None means a bare `except:`.
    handlers: list[str | None]
    # Per handler: the builtin exception class names it consists of, when it is only
    # such names (and the program never binds them); None otherwise.
    handler_names: list[tuple[str, ...] | None] = field(default_factory=list)
    # Evaluating every handler expression runs no program code.
    pure: bool = False


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


# Nodes besides ast.Name that bind a name.
_BINDING_NODES = {
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.arg,
    ast.Import,
    ast.ImportFrom,
    ast.Global,
    ast.Nonlocal,
    ast.ExceptHandler,
    ast.MatchAs,
    ast.MatchStar,
    ast.MatchMapping,
    *(getattr(ast, name) for name in ("TypeVar", "ParamSpec", "TypeVarTuple") if hasattr(ast, name)),
}


class _ProgramNames:
    """What the whole program binds, for deciding what a handler's names mean."""

    def __init__(self, tree: ast.Module, trusted: bool = True) -> None:
        self.bound: set[str] = set()
        imported: set[str] = set()
        # False when a handler's builtin name may not mean the builtin, or when
        # exceptions may run program code while the hook reads or marks them.
        self.trusted = trusted
        hooked: set[str] = set()
        base_names: set[str] = set()
        for node in ast.walk(tree):
            kind = type(node)
            if kind is ast.Name:
                if type(node.ctx) is not ast.Load:
                    self.bound.add(node.id)
                if node.id in ("builtins", "__builtins__", "__import__"):
                    self.trusted = False
            elif kind not in _BINDING_NODES:
                continue
            elif kind is ast.ClassDef:
                self.bound.add(node.name)
                if any(
                    isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in _ATTRIBUTE_HOOKS
                    for item in node.body
                ):
                    if node.bases or node.keywords:
                        self.trusted = False
                    hooked.add(node.name)
                for base in node.bases:
                    base_names.update(n.id for n in ast.walk(base) if isinstance(n, ast.Name))
                    base_names.update(n.attr for n in ast.walk(base) if isinstance(n, ast.Attribute))
            elif kind is ast.arg:
                self.bound.add(node.arg)
            elif kind is ast.Import or kind is ast.ImportFrom:
                for alias in node.names:
                    if alias.name == "*":
                        self.trusted = False
                    else:
                        imported.add(alias.asname or alias.name.split(".")[0])
            elif kind is ast.Global or kind is ast.Nonlocal:
                self.bound.update(node.names)
            elif kind is ast.MatchMapping:
                if node.rest:
                    self.bound.add(node.rest)
            elif node.name:  # def, except ... as, match capture, type parameter
                self.bound.add(node.name)
        if hooked & base_names:
            self.trusted = False
        # Names that are only ever modules: reading an attribute of one runs no program code.
        self.modules = imported - self.bound
        self.bound |= imported
        if "RecursionError" in self.bound:
            self.trusted = False

    def builtin_names(self, expr: ast.expr | None) -> tuple[str, ...] | None:
        """The builtin exception class names `expr` consists of (a bare `except:` is
        `Exception` to the hook), or None when it is anything else."""
        if expr is None:
            expr = ast.Name("Exception", ast.Load())
        if isinstance(expr, ast.Tuple):
            names: list[str] = []
            for elt in expr.elts:
                inner = self.builtin_names(elt)
                if inner is None:
                    return None
                names += inner
            return tuple(names)
        if isinstance(expr, ast.Name) and expr.id in BUILTIN_EXCEPTIONS and expr.id not in self.bound:
            return (expr.id,)
        return None

    def pure(self, expr: ast.expr | None) -> bool:
        """Evaluating `expr` (as the hook does for a handler) runs no program code."""
        if expr is None or isinstance(expr, (ast.Name, ast.Constant)):
            return True
        if isinstance(expr, ast.Tuple):
            return all(self.pure(elt) for elt in expr.elts)
        if isinstance(expr, ast.Attribute):
            root = expr.value
            while isinstance(root, ast.Attribute):
                root = root.value
            return isinstance(root, ast.Name) and root.id in self.modules
        return False


@dataclass(frozen=True)
class _Guard:
    """The program's own handlers around a statement, within its function.

    handled: builtin exception names some enclosing `try`/`suppress` names.
    pure: every handler expression the hook would evaluate there runs no program
    code, so skipping the hook changes nothing but the time it takes.
    """

    handled: tuple[str, ...] = ()
    pure: bool = True

    def inside(self, names: list[tuple[str, ...] | None], pure: bool) -> _Guard:
        extra = tuple(n for group in names if group for n in group if n not in self.handled)
        return _Guard(self.handled + tuple(dict.fromkeys(extra)), self.pure and pure)


_NO_GUARD = _Guard(pure=False)


def _catches(tree: ast.Module) -> bool:
    """The program has a `try` with handlers or a suppressing `with` anywhere."""
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, (ast.Try, ast.TryStar)) and stmt.handlers:
            return True
        if isinstance(stmt, (ast.With, ast.AsyncWith)) and any(_suppressed_types(i) is not None for i in stmt.items):
            return True
        for name in ("body", "orelse", "finalbody"):
            stack.extend(getattr(stmt, name, ()))
        for part in [*getattr(stmt, "handlers", ()), *getattr(stmt, "cases", ())]:
            stack.extend(part.body)
    return False


def _covers(stmt: ast.stmt) -> tuple[int, int, int, int]:
    decorators = getattr(stmt, "decorator_list", None) or []
    start = min([(stmt.lineno, stmt.col_offset)] + [(d.lineno, d.col_offset) for d in decorators])
    return (*start, stmt.end_lineno or stmt.lineno, stmt.end_col_offset or 0)


class _Instrumenter:
    def __init__(self, names: _ProgramNames) -> None:
        self.statements: dict[int, Statement] = {}
        self.scopes: dict[str, Scope] = {}
        self.unwrapped_for_depth = 0
        self.max_depth = MAX_BLOCK_DEPTH
        self.names = names
        self.bare_raises = 0
        # The loop a `continue`/`break` in a wrapper would act on (see Statement.loop).
        self.loop: tuple[str, int] | None = None
        # Where a `return` in a wrapper may leave the function (see Statement.returns).
        self.returns: tuple[str, ...] | None = None

    # -- scopes -------------------------------------------------------------
    def new_scope(self, name: str, firstlineno: int) -> Scope:
        key = scope_key(name, firstlineno)
        scope = self.scopes.get(key)
        if scope is None:
            scope = self.scopes[key] = Scope(key=key, name=name)
        return scope

    # -- bodies ---------------------------------------------------------------
    def body(
        self, stmts: list[ast.stmt], scope: Scope, depth: int, guard: _Guard, definition_body: bool = False
    ) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for index, stmt in enumerate(stmts):
            if _is_docstring(stmt, index, definition_body) or _is_future_import(stmt):
                out.append(stmt)
                continue
            if isinstance(stmt, _NEVER_WRAPPED):
                if isinstance(stmt, ast.Raise):
                    scope.raise_spans.append((stmt.lineno, stmt.end_lineno or stmt.lineno))
                    self.bare_raises += stmt.exc is None
                out.append(stmt)
                continue
            wrap = depth + 1 <= self.max_depth
            if not wrap:
                self.unwrapped_for_depth += 1
            inner_depth = depth + 1 if wrap else depth
            counts = (self.bare_raises, self.unwrapped_for_depth)
            self.children(stmt, scope, inner_depth, guard)
            if not wrap:
                out.append(stmt)
                continue
            # A bare `raise` (no traceback entry) or an unwrapped statement inside: see handled_types.
            inside = counts != (self.bare_raises, self.unwrapped_for_depth)
            handled = () if inside else self.handled_types(stmt, guard)
            # A `try`/`with` may start on a line of its own body: its own handlers count too.
            pure = guard.pure and not isinstance(stmt, (ast.Try, ast.TryStar, ast.With, ast.AsyncWith))
            out.append(self.wrap(stmt, scope, handled, pure))
        return out

    @staticmethod
    def handled_types(stmt: ast.stmt, guard: _Guard) -> tuple[str, ...]:
        """The exception types stmt's wrapper can pass to the program's handler without
        asking the hook, because the hook would decline them and mark them declined.

        Not for statements whose own parts catch or re-raise exceptions (`try`,
        `with`), nor for statements around a bare `raise` or an unwrapped statement:
        an exception reaching their wrapper may not have a traceback entry inside
        them, which is how the runner recognises it later (Run._handled_before).
        """
        if not guard.pure or isinstance(stmt, (ast.Try, ast.TryStar, ast.With, ast.AsyncWith)):
            return ()
        if isinstance(stmt, ast.Return):
            # Its wrapper would hold a second `return` for RecursionError: inside a `finally`
            # every `return` is a SyntaxWarning the program would print.
            return tuple(name for name in guard.handled if not issubclass(RecursionError, BUILTIN_EXCEPTIONS[name]))
        return guard.handled

    def children(self, stmt: ast.stmt, scope: Scope, depth: int, guard: _Guard) -> None:
        """Instrument the bodies nested in `stmt` (depth counts enclosing blocks)."""
        names = self.names
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            inner = self.new_scope(stmt.name, _first_line(stmt))
            # A class body's namespace may be a program-made mapping the hook would read.
            fresh = _Guard() if names.trusted and not isinstance(stmt, ast.ClassDef) else _NO_GUARD
            outer, self.loop = self.loop, None
            outer_returns = self.returns
            self.returns = None if isinstance(stmt, ast.ClassDef) else return_expressions(stmt)
            stmt.body = self.body(stmt.body, inner, 0, fresh, definition_body=True)
            self.loop, self.returns = outer, outer_returns
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            outer, self.loop = self.loop, ("while" if isinstance(stmt, ast.While) else "for", stmt.lineno)
            stmt.body = self.body(stmt.body, scope, depth + 1, guard)
            self.loop = outer
            stmt.orelse = self.body(stmt.orelse, scope, depth, guard)
        elif isinstance(stmt, ast.If):
            stmt.body = self.body(stmt.body, scope, depth, guard)
            stmt.orelse = self.body(stmt.orelse, scope, depth, guard)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            inner_guard = guard
            for item in stmt.items:
                types = _suppressed_types(item)
                if types is not None and stmt.body:
                    start, end = _body_span(stmt.body)
                    args = ast.parse(types, mode="eval").body
                    static = names.builtin_names(args) if names.trusted else None
                    pure = names.trusted and names.pure(args)
                    scope.regions.append(Region(start, end, "suppress", [types], [static], pure))
                    inner_guard = inner_guard.inside([static], pure)
            stmt.body = self.body(stmt.body, scope, depth + len(stmt.items), inner_guard)
        elif isinstance(stmt, (ast.Try, ast.TryStar)):
            has_finally = bool(stmt.finalbody)
            extra = 1 if has_finally else 0
            body_guard = guard
            if stmt.handlers and stmt.body:
                start, end = _body_span(stmt.body)
                handlers = [ast.unparse(h.type) if h.type is not None else None for h in stmt.handlers]
                static = [names.builtin_names(h.type) if names.trusted else None for h in stmt.handlers]
                pure = names.trusted and all(names.pure(h.type) for h in stmt.handlers)
                scope.regions.append(Region(start, end, "try", handlers, static, pure))
                # except* wraps what it catches in a group: its types are left to the hook.
                body_guard = guard.inside(static if isinstance(stmt, ast.Try) else [], pure)
            stmt.body = self.body(stmt.body, scope, depth + 1 + extra, body_guard)
            # `break`, `continue` and `return` cannot appear in an except* block.
            star = isinstance(stmt, ast.TryStar)
            for handler in stmt.handlers:
                outer, outer_returns = self.loop, self.returns
                if star:
                    self.loop, self.returns = None, None
                handler.body = self.body(handler.body, scope, depth + 2 + extra, guard)
                self.loop, self.returns = outer, outer_returns
            stmt.orelse = self.body(stmt.orelse, scope, depth + extra, guard)
            outer, outer_returns = self.loop, self.returns
            self.loop, self.returns = None, None
            stmt.finalbody = self.body(stmt.finalbody, scope, depth + 1, guard)
            self.loop, self.returns = outer, outer_returns
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                case.body = self.body(case.body, scope, depth, guard)

    # -- wrapping -----------------------------------------------------------
    def wrap(self, stmt: ast.stmt, scope: Scope, handled: tuple[str, ...] = (), pure: bool = False) -> ast.stmt:
        sid = len(self.statements) + 1
        self.statements[sid] = Statement(
            sid=sid,
            lineno=stmt.lineno,
            end_lineno=stmt.end_lineno or stmt.lineno,
            col=stmt.col_offset,
            end_col=stmt.end_col_offset or 0,
            kind=type(stmt).__name__,
            scope=scope.key,
            handled=handled,
            pure=pure,
            span=_covers(stmt),
            loop=self.loop,
            returns=None if isinstance(stmt, ast.Return) else self.returns,
        )
        loop = self.loop
        can_return = self.returns is not None and not isinstance(stmt, ast.Return)

        def ask_hook() -> list[ast.stmt]:
            hook_call = ast.Call(func=ast.Name(HOOK_NAME, ast.Load()), args=[ast.Constant(sid)], keywords=[])
            body: list[ast.stmt] = [ast.If(test=hook_call, body=[ast.Raise()], orelse=[])]
            if loop is not None:
                # A heal may end the iteration or the loop (Run.loop_control says which, once).
                for word, node in (("continue", ast.Continue()), ("break", ast.Break())):
                    asks = ast.Call(
                        func=ast.Name(LOOP_CONTROL_NAME, ast.Load()), args=[ast.Constant(word)], keywords=[]
                    )
                    body.append(ast.If(test=asks, body=[node], orelse=[]))
            if can_return:
                # A heal may leave the function, returning the value it bound to __return__.
                asks = ast.Call(
                    func=ast.Name(LOOP_CONTROL_NAME, ast.Load()), args=[ast.Constant("return")], keywords=[]
                )
                value = ast.Call(func=ast.Name(RETURN_VALUE_NAME, ast.Load()), args=[], keywords=[])
                body.append(ast.If(test=asks, body=[ast.Return(value)], orelse=[]))
            if isinstance(stmt, ast.Return):
                body.append(ast.Return(ast.Call(func=ast.Name(RETURN_VALUE_NAME, ast.Load()), args=[], keywords=[])))
            return body

        handlers: list[ast.ExceptHandler] = []
        if handled:
            if any(issubclass(RecursionError, BUILTIN_EXCEPTIONS[name]) for name in handled):
                # The hook lets a RecursionError climb a recursive cycle unmarked: keep asking it.
                handlers.append(
                    ast.ExceptHandler(type=ast.Name("RecursionError", ast.Load()), name=None, body=ask_hook())
                )
            names = [ast.Name(name, ast.Load()) for name in handled]
            types = names[0] if len(names) == 1 else ast.Tuple(names, ast.Load())
            handlers.append(ast.ExceptHandler(type=types, name=None, body=[ast.Raise()]))
        handlers += [
            ast.ExceptHandler(type=ast.Name(PASSTHROUGH_NAME, ast.Load()), name=None, body=[ast.Raise()]),
            ast.ExceptHandler(type=ast.Name("Exception", ast.Load()), name=None, body=ask_hook()),
        ]
        wrapper = ast.Try(body=[stmt], handlers=handlers, orelse=[], finalbody=[])
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
    names = (
        _ProgramNames(tree) if _catches(tree) else _ProgramNames(ast.Module(body=[], type_ignores=[]), trusted=False)
    )
    inst = _Instrumenter(names)
    inst.max_depth = max_depth
    module_scope = inst.new_scope("<module>", 1)
    tree.body = inst.body(tree.body, module_scope, 0, _Guard() if names.trusted else _NO_GUARD, definition_body=True)
    return Instrumented(
        tree=tree, statements=inst.statements, scopes=inst.scopes, unwrapped_for_depth=inst.unwrapped_for_depth
    )


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
