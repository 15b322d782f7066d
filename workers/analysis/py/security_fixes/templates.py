"""One template per common Bandit finding: locate the flagged node, rewrite only its text.

A template has one or more *variants* (distinct fix strategies, e.g. a stronger hash or
`usedforsecurity=False`); the patch loop asks for variant k as its k-th strategy. Findings
that have no safe mechanical fix (pickle, marshal) get guidance instead of an edit.
"""

from __future__ import annotations

import ast
import re
import shlex
import string
from dataclasses import dataclass, field
from typing import Callable

from .edits import Edit, Source, call_text, keyword_text


class NoFix(Exception):
    """The finding was located but this template cannot rewrite it safely."""


@dataclass
class Needs:
    imports: set[str] = field(default_factory=set)


Fixer = Callable[[Source, dict, Needs], list[Edit]]


@dataclass
class Template:
    name: str
    test_ids: tuple[str, ...]
    variants: list[tuple[str, Fixer]]
    guidance: str = ""


def dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def find_call(src: Source, finding: dict, match: Callable[[ast.Call], bool]) -> ast.Call:
    line = finding["line_number"]
    col = finding.get("col_offset")
    calls = [c for c in src.nodes_at(line, (ast.Call,)) if match(c)]
    exact = [c for c in calls if c.lineno == line and c.col_offset == col]
    if exact:
        return exact[0]
    if calls:
        return calls[0]
    raise NoFix(f"no matching call found on line {line}")


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((k for k in call.keywords if k.arg == name), None)


def is_true(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


# --- yaml.load (B506) -------------------------------------------------------------------


def _yaml_call(call: ast.Call) -> bool:
    name = dotted(call.func)
    return name.endswith(".load") or name in ("load", "load_all") or name.endswith(".load_all")


def _yaml_stream(src: Source, call: ast.Call) -> str:
    if call.args:
        return src.seg(call.args[0])
    stream = keyword(call, "stream")
    if stream is None:
        raise NoFix("yaml.load without a stream argument")
    return src.seg(stream.value)


def _yaml_module(call: ast.Call, needs: Needs) -> str:
    if isinstance(call.func, ast.Attribute):
        return dotted(call.func.value) or "yaml"
    needs.imports.add("yaml")
    return "yaml"


def yaml_safe_load(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, _yaml_call)
    module = _yaml_module(call, needs)
    suffix = "_all" if dotted(call.func).endswith("load_all") else ""
    return [src.replace(call, f"{module}.safe_load{suffix}({_yaml_stream(src, call)})")]


def yaml_safe_loader(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, _yaml_call)
    module = _yaml_module(call, needs)
    func = src.seg(call.func) if isinstance(call.func, ast.Attribute) else f"{module}.{call.func.id}"
    others = [keyword_text(src, k) for k in call.keywords if k.arg not in ("Loader", "stream")]
    return [
        src.replace(
            call,
            call_text(
                src, call, func=func, args=[_yaml_stream(src, call)], keywords=[f"Loader={module}.SafeLoader", *others]
            ),
        )
    ]


# --- subprocess with shell=True (B602, B604) ----------------------------------------------


def _shell_call(call: ast.Call) -> bool:
    # Bandit flags any shell= value it cannot prove false (1, 'True', a variable...).
    value = getattr(keyword(call, "shell"), "value", None)
    return value is not None and not (isinstance(value, ast.Constant) and not value.value)


def _argument_list(src: Source, node: ast.AST, needs: Needs) -> str:
    if isinstance(node, (ast.List, ast.Tuple)):
        return src.seg(node)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return repr(shlex.split(node.value))
        except ValueError as error:
            raise NoFix(f"cannot split the command: {error}") from None
    needs.imports.add("shlex")
    return f"shlex.split({src.seg(node)})"


def subprocess_argument_list(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, _shell_call)
    if any(isinstance(a, ast.Starred) for a in call.args):
        raise NoFix("the call unpacks its arguments")
    if call.args:
        args = [_argument_list(src, call.args[0], needs)] + [src.seg(a) for a in call.args[1:]]
        keywords = [keyword_text(src, k) for k in call.keywords if k.arg != "shell"]
    elif keyword(call, "args") is None:
        # No command in sight (e.g. a wrapper taking shell= only): just stop asking for a shell.
        args = []
        keywords = [keyword_text(src, k) for k in call.keywords if k.arg != "shell"]
    else:
        command = keyword(call, "args")
        args = []
        keywords = [
            f"args={_argument_list(src, command.value, needs)}" if k.arg == "args" else keyword_text(src, k)
            for k in call.keywords
            if k.arg != "shell"
        ]
    return [src.replace(call, call_text(src, call, args=args, keywords=keywords))]


# --- weak hashes (B324, B303) -------------------------------------------------------------

WEAK = {"md4", "md5", "sha", "sha1", "md2", "ripemd160"}


def _hashlib_call(call: ast.Call) -> bool:
    name = dotted(call.func)
    if name.split(".")[-1].lower() in WEAK and (name.startswith("hashlib.") or "." not in name):
        return True
    if (
        name.endswith("new")
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and str(call.args[0].value).lower() in WEAK
    ):
        return True
    name_kw = keyword(call, "name")
    return (
        name.endswith("new")
        and name_kw is not None
        and isinstance(name_kw.value, ast.Constant)
        and str(name_kw.value.value).lower() in WEAK
    )


def _crypto_hash_call(call: ast.Call) -> bool:
    name = dotted(call.func)
    parts = name.split(".")
    return len(parts) >= 2 and (
        parts[-1].upper() in {"MD2", "MD4", "MD5", "SHA1", "SHA"} or parts[-2].upper() in {"MD2", "MD4", "MD5", "SHA"}
    )


def hash_sha256(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    try:
        call = find_call(src, finding, _hashlib_call)
    except NoFix:
        call = find_call(src, finding, _crypto_hash_call)
        func = call.func
        assert isinstance(func, ast.Attribute)
        if func.attr.upper() in {"MD2", "MD4", "MD5", "SHA1", "SHA"}:
            # cryptography: hashes.MD5() -> hashes.SHA256()
            return [src.replace(func, f"{src.seg(func.value)}.SHA256")]
        raise NoFix("Crypto.Hash modules need a different import (use Crypto.Hash.SHA256)")
    func = call.func
    others = [keyword_text(src, k) for k in call.keywords if k.arg not in ("name", "usedforsecurity")]
    if dotted(func).endswith("new"):
        rest = [src.seg(a) for a in call.args[1:]] if call.args else []
        return [src.replace(call, call_text(src, call, args=["'sha256'", *rest], keywords=others))]
    base = f"{src.seg(func.value)}." if isinstance(func, ast.Attribute) else ""
    if not base:
        needs.imports.add("hashlib")
        base = "hashlib."
    return [src.replace(call, call_text(src, call, func=f"{base}sha256", keywords=others))]


def hash_not_for_security(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, _hashlib_call)
    keywords = [keyword_text(src, k) for k in call.keywords if k.arg != "usedforsecurity"] + ["usedforsecurity=False"]
    return [src.replace(call, call_text(src, call, keywords=keywords))]


# --- requests without timeout (B113) ------------------------------------------------------

HTTP_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}


def _http_call(call: ast.Call) -> bool:
    name = dotted(call.func)
    parts = name.split(".")
    if len(parts) >= 2 and parts[-2] == "httpx" and parts[-1] in ("Client", "AsyncClient"):
        return True
    return len(parts) >= 2 and parts[-2] in ("requests", "httpx") and parts[-1] in HTTP_METHODS


def request_timeout(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, _http_call)
    keywords = [keyword_text(src, k) for k in call.keywords if k.arg != "timeout"] + ["timeout=10"]
    return [src.replace(call, call_text(src, call, keywords=keywords))]


# --- TLS verification off (B501) -------------------------------------------------------------


def verify_on(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(
        src,
        finding,
        lambda c: (
            isinstance(getattr(keyword(c, "verify"), "value", None), ast.Constant)
            and keyword(c, "verify").value.value is False
        ),
    )
    return [src.replace(keyword(call, "verify").value, "True")]


# --- Flask debug (B201) ---------------------------------------------------------------------


def flask_debug_off(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, lambda c: is_true(getattr(keyword(c, "debug"), "value", None)))
    return [src.replace(keyword(call, "debug").value, "False")]


# --- tempfile.mktemp (B306) -----------------------------------------------------------------


def mkstemp(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, lambda c: dotted(c.func).split(".")[-1] == "mktemp")
    func = call.func
    if isinstance(func, ast.Attribute):
        new_func = f"{src.seg(func.value)}.mkstemp"
    else:
        needs.imports.add("tempfile")
        new_func = "tempfile.mkstemp"
    # mkstemp creates the file (no race) and returns (fd, path); the path is what mktemp gave.
    return [src.replace(call, f"{call_text(src, call, func=new_func)}[1]")]


# --- assert used for checks (B101) ----------------------------------------------------------

ATOMIC = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Compare, ast.Constant, ast.UnaryOp)


def assert_to_raise(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    asserts = [n for n in src.nodes_at(finding["line_number"], (ast.Assert,))]
    if not asserts:
        raise NoFix("no assert statement on this line")
    node = asserts[0]
    if not src.starts_line(node):
        raise NoFix("the assert shares its line with another statement")
    indent = src.line_indent(node.lineno)
    test = src.seg(node.test)
    condition = test if isinstance(node.test, ATOMIC) else f"({test})"
    message = src.seg(node.msg) if node.msg is not None else ""
    end = src.offset(node.end_lineno, node.end_col_offset)
    start = src.offset(node.lineno, node.col_offset)
    return [Edit(start, end, f"if not {condition}:\n{indent}    raise AssertionError({message})")]


# --- bind to all interfaces (B104) ----------------------------------------------------------


def bind_localhost(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    strings = [n for n in src.nodes_at(finding["line_number"], (ast.Constant,)) if n.value == "0.0.0.0"]
    if not strings:
        raise NoFix("no '0.0.0.0' literal on this line")
    node = strings[0]
    return [src.replace(node, src.seg(node).replace("0.0.0.0", "127.0.0.1"))]


# --- eval of literals (B307) ----------------------------------------------------------------


def literal_eval(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    call = find_call(src, finding, lambda c: isinstance(c.func, ast.Name) and c.func.id == "eval")
    if len(call.args) != 1 or call.keywords:
        raise NoFix("eval with globals/locals cannot become ast.literal_eval")
    needs.imports.add("ast")
    return [src.replace(call, f"ast.literal_eval({src.seg(call.args[0])})")]


# --- SQL built from strings (B608) ----------------------------------------------------------

MARK = "\x00"
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%")


def _sql_parts(src: Source, node: ast.AST) -> tuple[str, list[str]]:
    """The query with MARK where a value goes, and the values' source text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, []
    if isinstance(node, ast.JoinedStr):
        text, params = "", []
        for value in node.values:
            if isinstance(value, ast.Constant):
                text += value.value
            elif isinstance(value, ast.FormattedValue) and value.conversion == -1 and value.format_spec is None:
                text += MARK
                params.append(src.seg(value.value))
            else:
                raise NoFix("the f-string formats a value (conversion or format spec)")
        return text, params
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left_text, left_params = _sql_parts_or_value(src, node.left)
        right_text, right_params = _sql_parts_or_value(src, node.right)
        return left_text + right_text, left_params + right_params
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
        values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        if isinstance(node.right, ast.Dict):
            raise NoFix("named %-formatting: use named parameters by hand")
        params: list[str] = []
        pieces: list[str] = []
        last = 0
        template = node.left.value
        for match in PRINTF.finditer(template):
            pieces.append(template[last : match.start()])
            last = match.end()
            if match.group() == "%%":
                pieces.append("%")
                continue
            if len(params) >= len(values):
                raise NoFix("more placeholders than values")
            pieces.append(MARK)
            params.append(src.seg(values[len(params)]))
        pieces.append(template[last:])
        if len(params) != len(values):
            raise NoFix("fewer placeholders than values")
        return "".join(pieces), params
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        args = [src.seg(a) for a in node.args]
        kwargs = {k.arg: src.seg(k.value) for k in node.keywords if k.arg}
        text, params, auto = "", [], 0
        for literal, name, spec, conversion in string.Formatter().parse(node.func.value.value):
            text += literal
            if name is None:
                continue
            if spec or conversion:
                raise NoFix("the format string formats a value (conversion or format spec)")
            if name == "":
                name = str(auto)
                auto += 1
            if name.isdigit():
                if int(name) >= len(args):
                    raise NoFix("format index out of range")
                params.append(args[int(name)])
            elif name in kwargs:
                params.append(kwargs[name])
            else:
                raise NoFix("format field is not a plain argument")
            text += MARK
        return text, params
    raise NoFix("the query is not built from a literal in a way the template knows")


def _sql_parts_or_value(src: Source, node: ast.AST) -> tuple[str, list[str]]:
    try:
        return _sql_parts(src, node)
    except NoFix:
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
            return MARK, [src.seg(node)]
        raise


EXECUTES = ("execute", "executemany", "executescript", "read_sql", "read_sql_query")


def _is_execute(call: ast.AST) -> bool:
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in EXECUTES


def _sql_expression(src: Source, line: int) -> tuple[ast.AST, ast.AST]:
    """The whole query expression on this line and where it goes: the execute call, or the assignment that names it."""
    fallback: NoFix | None = None
    for node in src.nodes_at(line, (ast.BinOp, ast.JoinedStr, ast.Call, ast.Constant)):
        outer = node
        while isinstance(src.parents.get(outer), (ast.BinOp, ast.JoinedStr)) or (
            isinstance(src.parents.get(outer), ast.Attribute)
            and isinstance(src.parents.get(src.parents[outer]), ast.Call)
            and src.parents[outer].attr == "format"
        ):
            parent = src.parents[outer]
            outer = src.parents[parent] if isinstance(parent, ast.Attribute) else parent
        parent = src.parents.get(outer)
        if _is_execute(parent) and parent.args and parent.args[0] is outer:
            return outer, parent
        if (
            isinstance(parent, ast.Assign)
            and parent.value is outer
            and len(parent.targets) == 1
            and isinstance(parent.targets[0], ast.Name)
        ):
            return outer, parent
        fallback = fallback or NoFix(
            "the query is not passed straight to .execute(); parametrise it where it is executed"
        )
    raise fallback or NoFix("no query expression on this line")


def _later_execute(src: Source, assign: ast.Assign) -> ast.Call:
    """The first `x.execute(name)` after the assignment in the same function (or module)."""
    name = assign.targets[0].id
    scope = src.parents.get(assign)
    while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        scope = src.parents.get(scope)
    calls = [
        c
        for c in ast.walk(scope)
        if _is_execute(c)
        and c.lineno > assign.end_lineno
        and len(c.args) == 1
        and isinstance(c.args[0], ast.Name)
        and c.args[0].id == name
        and not c.keywords
    ]
    if not calls:
        raise NoFix(f"{name} is not executed later in the same function; parametrise it where it is executed")
    return min(calls, key=lambda c: (c.lineno, c.col_offset))


def sql_parameters(src: Source, finding: dict, needs: Needs) -> list[Edit]:
    expression, target = _sql_expression(src, finding["line_number"])
    if isinstance(target, ast.Call) and (len(target.args) > 1 or keyword(target, "parameters") is not None):
        raise NoFix("the call already passes parameters")
    text, params = _sql_parts(src, expression)
    if not params:
        raise NoFix("no values are formatted into the query")
    placeholder = "?" if "sqlite3" in src.imported_modules() or "sqlite3" in src.text else "%s"
    query = re.sub(rf"(['\"]){MARK}\1", MARK, text).replace(MARK, placeholder)
    values = f"({params[0]},)" if len(params) == 1 else f"({', '.join(params)})"
    if isinstance(target, ast.Call):
        return [src.replace(expression, f"{query!r}, {values}")]
    # query = "..." % x  …  cur.execute(query): the values are taken where the query was
    # built (they may change before the execute), into a new name next to it.
    execute = _later_execute(src, target)
    if not src.starts_line(target):
        raise NoFix("the assignment shares its line with another statement")
    name = target.targets[0].id
    indent = src.line_indent(target.lineno)
    start, end = src.span(target)
    return [
        Edit(start, end, f"{name} = {query!r}\n{indent}{name}_params = {values}"),
        src.replace(execute.args[0], f"{name}, {name}_params"),
    ]


TEMPLATES: list[Template] = [
    Template(
        "yaml_safe_load",
        ("B506",),
        [("use yaml.safe_load", yaml_safe_load), ("pass Loader=yaml.SafeLoader", yaml_safe_loader)],
    ),
    Template(
        "subprocess_argument_list",
        ("B602", "B604"),
        [("pass the command as an argument list without shell=True", subprocess_argument_list)],
    ),
    Template(
        "strong_hash",
        ("B324", "B303"),
        [
            ("use SHA-256", hash_sha256),
            ("declare the hash not used for security (usedforsecurity=False)", hash_not_for_security),
        ],
    ),
    Template("request_timeout", ("B113",), [("add timeout=10 to the request", request_timeout)]),
    Template("verify_tls", ("B501",), [("verify TLS certificates (verify=True)", verify_on)]),
    Template("flask_debug_off", ("B201",), [("run Flask with debug=False", flask_debug_off)]),
    Template("mkstemp", ("B306",), [("create the file with tempfile.mkstemp", mkstemp)]),
    Template("assert_to_raise", ("B101",), [("raise AssertionError explicitly instead of assert", assert_to_raise)]),
    Template("bind_localhost", ("B104",), [("bind to 127.0.0.1 instead of all interfaces", bind_localhost)]),
    Template("literal_eval", ("B307",), [("parse literals with ast.literal_eval", literal_eval)]),
    Template("sql_parameters", ("B608",), [("pass the values as query parameters", sql_parameters)]),
]

GUIDANCE: dict[str, str] = {
    "B301": "Deserialising pickle data can run arbitrary code: load only data you produced and protect it "
    "(e.g. an HMAC checked before loading), or switch the format to json.",
    "B302": "marshal data can crash or mislead the interpreter: use json (or pickle from a trusted, authenticated source).",
    "B403": "Importing pickle is reported so its loads are reviewed: make sure only trusted data is unpickled.",
    "B404": "Importing subprocess is reported so its calls are reviewed: pass argument lists, never untrusted shell strings.",
    "B603": "A subprocess call without a shell: make sure the arguments cannot come from untrusted input.",
    "B607": "A process started with a partial path: use the program's full path so PATH cannot redirect it.",
}

BY_TEST: dict[str, Template] = {test_id: t for t in TEMPLATES for test_id in t.test_ids}
