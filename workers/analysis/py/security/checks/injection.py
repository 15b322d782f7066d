"""Command and SQL injection: processes and shells (B601-B607, B609), SQL built from
strings (B608) and Django's raw SQL entry points (B610, B611)."""

import ast
import re

from ..context import Issue, called_name, is_str
from ..registry import check

SUBPROCESS = {
    "subprocess.Popen",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.run",
}
SHELL = {
    "os.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "os.popen4",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
    "popen2.Popen3",
    "popen2.Popen4",
    "commands.getoutput",
    "commands.getstatusoutput",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
}
NO_SHELL = {
    "os.execl",
    "os.execle",
    "os.execlp",
    "os.execlpe",
    "os.execv",
    "os.execve",
    "os.execvp",
    "os.execvpe",
    "os.spawnl",
    "os.spawnle",
    "os.spawnlp",
    "os.spawnlpe",
    "os.spawnv",
    "os.spawnve",
    "os.spawnvp",
    "os.spawnvpe",
    "os.startfile",
}
_FULL_PATH = re.compile(r"^(?:[A-Za-z](?=\:)|[\\\/\.])")


def has_shell(call: ast.Call) -> bool:
    """Whether shell= is given a truthy value (Bandit's reading of the literal)."""
    result = False
    for kw in call.keywords:
        if kw.arg == "shell":
            value = kw.value
            if isinstance(value, ast.Constant):
                result = bool(value.value) if isinstance(value.value, (bool, type(None), int, float, complex)) else True
            elif isinstance(value, ast.List):
                result = bool(value.elts)
            elif isinstance(value, ast.Dict):
                result = bool(value.keys)
            elif isinstance(value, ast.Name) and value.id in ("False", "None"):
                result = False
            else:
                result = True
    return result


def _literal_command(call):
    return is_str(call.args[0])


@check("Call", "B602")
def subprocess_popen_with_shell_equals_true(ctx):
    if ctx.qualname in SUBPROCESS and has_shell(ctx.node) and ctx.node.args:
        line = ctx.keyword_line("shell")
        if _literal_command(ctx.node):
            return Issue(
                "B602",
                "LOW",
                "HIGH",
                "subprocess call with shell=True seems safe, but may be changed in the future, consider rewriting without shell",
                lineno=line,
            )
        return Issue("B602", "HIGH", "HIGH", "subprocess call with shell=True identified, security issue.", lineno=line)
    return None


@check("Call", "B603")
def subprocess_without_shell_equals_true(ctx):
    if ctx.qualname in SUBPROCESS and not has_shell(ctx.node):
        return Issue(
            "B603",
            "LOW",
            "HIGH",
            "subprocess call - check for execution of untrusted input.",
            lineno=ctx.keyword_line("shell"),
        )
    return None


@check("Call", "B604")
def any_other_function_with_shell_equals_true(ctx):
    if ctx.qualname not in SUBPROCESS and has_shell(ctx.node):
        return Issue(
            "B604",
            "MEDIUM",
            "LOW",
            "Function call with shell=True parameter identified, possible security issue.",
            lineno=ctx.keyword_line("shell"),
        )
    return None


@check("Call", "B605")
def start_process_with_a_shell(ctx):
    if ctx.qualname in SHELL and ctx.node.args:
        if _literal_command(ctx.node):
            return Issue(
                "B605",
                "LOW",
                "HIGH",
                "Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell",
            )
        return Issue(
            "B605", "HIGH", "HIGH", "Starting a process with a shell, possible injection detected, security issue."
        )
    return None


@check("Call", "B606")
def start_process_with_no_shell(ctx):
    if ctx.qualname in NO_SHELL:
        return Issue("B606", "LOW", "MEDIUM", "Starting a process without a shell.")
    return None


@check("Call", "B607")
def start_process_with_partial_path(ctx):
    qual = ctx.qualname
    if ctx.node.args and (qual in SUBPROCESS or qual in SHELL or qual in NO_SHELL):
        first = ctx.node.args[0]
        if isinstance(first, ast.List) and first.elts:
            first = first.elts[0]
        if is_str(first) and not _FULL_PATH.match(first.value):
            return Issue("B607", "LOW", "HIGH", "Starting a process with a partial executable path")
    return None


_WILDCARD_COMMANDS = ("chown", "chmod", "tar", "rsync")


@check("Call", "B609")
def linux_commands_wildcard_injection(ctx):
    qual = ctx.qualname
    if qual in SHELL or (qual in SUBPROCESS and ctx.check_keyword("shell", "True")):
        if ctx.node.args:
            argument = ctx.arg_at(0)
            text = ""
            if isinstance(argument, list):
                for item in argument:
                    text += f" {item}"
            elif isinstance(argument, str):
                text = argument
            if text and "*" in text and any(cmd in text for cmd in _WILDCARD_COMMANDS):
                return Issue("B609", "HIGH", "MEDIUM", f"Possible wildcard injection in call: {qual}")
    return None


_SQL = re.compile(
    r"(select\s.*from\s|delete\s+from\s|insert\s+into\s.*values[\s(]|update\s.*set\s)", re.IGNORECASE | re.DOTALL
)


def _concat_strings(node, up):
    """The BinOp chain a string sits in: its root and the chain's strings joined
    (the string's direct siblings are left out, as in Bandit's concat_string)."""
    stop = up(node)
    bits = [node]
    root = node
    while isinstance(up(root), ast.BinOp):
        root = up(root)
    if isinstance(root, ast.BinOp):
        todo = [root]  # left-to-right, without recursion
        while todo:
            current = todo.pop()
            if isinstance(current, ast.BinOp) and current is not node:
                if current is not stop:
                    todo.append(current.right)
                    todo.append(current.left)
            else:
                bits.append(current)
    text = " ".join(b.value for b in bits if is_str(b))
    return root, text


def _sql_statement(node, up):
    """(inside an execute() call, statement text, built by str.replace)."""
    parent = up(node)
    wrapper = None
    statement = ""
    replace = False
    if isinstance(parent, ast.BinOp):
        root, statement = _concat_strings(node, up)
        wrapper = up(root)
    elif isinstance(parent, ast.Attribute) and parent.attr in ("format", "replace"):
        statement = node.value
        wrapper = up(up(parent))
        replace = parent.attr == "replace"
    elif isinstance(parent, ast.JoinedStr):
        parts = [v for v in parent.values if is_str(v)]
        if parts and node is parts[0]:
            statement = "".join(p.value for p in parts)
            wrapper = up(parent)
    if isinstance(wrapper, ast.Call):
        return called_name(wrapper) in ("execute", "executemany"), statement, replace
    return False, statement, replace


@check("Str", "B608", parents=(ast.BinOp, ast.Attribute, ast.JoinedStr))
def hardcoded_sql_expressions(ctx):
    in_execute, statement, replace = _sql_statement(ctx.node, ctx.module.parent)
    if statement and _SQL.search(statement):
        confidence = "MEDIUM" if in_execute and not replace else "LOW"
        return Issue(
            "B608", "MEDIUM", confidence, "Possible SQL injection vector through string-based query construction."
        )
    return None


def _keywords(call):
    return {kw.arg: kw.value for kw in call.keywords}


@check("Call", "B610")
def django_extra_used(ctx):
    if ctx.name != "extra":
        return None
    kwargs = _keywords(ctx.node)
    for name, arg in zip(("select", "where", "params", "tables", "order_by", "select_params"), ctx.node.args):
        kwargs[name] = arg
    insecure = False
    for key in ("where", "tables"):
        if key in kwargs:
            value = kwargs[key]
            if isinstance(value, ast.List):
                if any(not is_str(v) for v in value.elts):
                    insecure = True
                    break
            else:
                insecure = True
                break
    if not insecure and "select" in kwargs:
        select = kwargs["select"]
        if isinstance(select, ast.Dict):
            insecure = any(not is_str(k) for k in select.keys) or any(not is_str(v) for v in select.values)
        else:
            insecure = True
    if insecure:
        return Issue("B610", "MEDIUM", "MEDIUM", "Use of extra potential SQL attack vector.")
    return None


@check("Call", "B611")
def django_rawsql_used(ctx):
    if ctx.imported_like("django.db.models") and ctx.name == "RawSQL":
        sql = ctx.node.args[0] if ctx.node.args else _keywords(ctx.node)["sql"]
        if not is_str(sql):
            return Issue("B611", "MEDIUM", "MEDIUM", "Use of RawSQL potential SQL attack vector.")
    return None


@check("Call", "B601")
def paramiko_calls(ctx):
    if ctx.imported_like("paramiko") and ctx.name == "exec_command":
        return Issue(
            "B601",
            "MEDIUM",
            "MEDIUM",
            "Possible shell injection via Paramiko call, check inputs are properly sanitized.",
        )
    return None
