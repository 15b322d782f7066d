"""B703: django mark_safe on a value that may come from outside. A value is trusted
when every assignment reaching it (in the enclosing function, before the call) is a
literal, another trusted name, or a str.format / % of trusted parts."""

import ast

from ..context import Issue, is_str
from ..registry import check

AFFECTED = ("mark_safe", "SafeText", "SafeUnicode", "SafeString", "SafeBytes")


def _assigned(node, name):
    """What `name` gets from this statement: a node, a list of nodes, or False."""
    if isinstance(node, ast.Expr):
        return _assigned(node.value, name)
    if isinstance(node, ast.FunctionDef):
        return _assigned_in(node.body, name)
    if isinstance(node, ast.With):
        result = False
        for item in node.items:
            if getattr(item.optional_vars, "id", None) == name:
                result = node
            else:
                result = _assigned_in(node.body, name)
        return result
    if isinstance(node, ast.Try):
        return (
            _assigned_in(node.body, name)
            + _assigned_in(node.handlers, name)
            + _assigned_in(node.orelse, name)
            + _assigned_in(node.finalbody, name)
        )
    if isinstance(node, ast.ExceptHandler):
        return _assigned_in(node.body, name)
    if isinstance(node, (ast.If, ast.For, ast.While)):
        return _assigned_in(node.body, name) + _assigned_in(node.orelse, name)
    if isinstance(node, ast.AugAssign):
        if isinstance(node.target, ast.Name) and node.target.id == name:
            return node.value
        return False
    if isinstance(node, ast.Assign) and node.targets:
        target = node.targets[0]
        if isinstance(target, ast.Name):
            if target.id == name:
                return node.value
        elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
            for pos, elt in enumerate(target.elts):
                if elt.id == name:
                    return node.value.elts[pos]
    return False


def _assigned_in(items, name):
    out = []
    for item in items:
        found = _assigned(item, name)
        if found:
            if isinstance(found, (list, tuple)):
                out.extend(found)
            else:
                out.append(found)
    return out


def _scope(node, up):
    parent = up(node)
    while not isinstance(parent, (ast.Module, ast.FunctionDef)):
        parent = up(parent)
    return parent


def _trusted_var(var, scope, until):
    if isinstance(scope, ast.FunctionDef) and any(a.arg == var.id for a in scope.args.args):
        return False
    secure = False
    for stmt in scope.body:
        if stmt.lineno >= until:
            break
        to = _assigned(stmt, var.id)
        if not to:
            continue
        if is_str(to):
            secure = True
        elif isinstance(to, ast.Name):
            secure = _trusted_var(to, scope, to.lineno)
        elif isinstance(to, ast.Call):
            secure = _trusted_call(to, scope)
        elif isinstance(to, (list, tuple)):
            count = 0
            for item in to:
                if is_str(item):
                    count += 1
                elif isinstance(item, ast.Name) and _trusted_var(item, scope, stmt.lineno):
                    count += 1
                else:
                    break
            secure = count == len(to)
            if not secure:
                break
        else:
            secure = False
            break
    return secure


def _trusted_call(call, scope):
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
        return False
    if not (is_str(call.func.value) and call.func.attr == "format") or call.keywords:
        return False
    args = list(call.args)
    count = 0
    for arg in args:
        if is_str(arg):
            count += 1
        elif isinstance(arg, ast.Name):
            if not _trusted_var(arg, scope, call.lineno):
                break
            count += 1
        elif isinstance(arg, ast.Call):
            if not _trusted_call(arg, scope):
                break
            count += 1
        elif isinstance(arg, ast.Starred) and isinstance(arg.value, (ast.List, ast.Tuple)):
            args.extend(arg.value.elts)
            count += 1
        else:
            break
    return count == len(args)


def _percent_as_format(binop):
    """ "..." % args read as "...".format(args)."""
    call = ast.Call(func=ast.Attribute(value=binop.left, attr="format"), keywords=[])
    call.lineno = binop.lineno
    call.args = list(binop.right.elts) if isinstance(binop.right, ast.Tuple) else [binop.right]
    return call


def _risky(call, up):
    value = call.args[0]
    secure = False
    if isinstance(value, ast.Name):
        scope = _scope(call, up)
        is_param = isinstance(scope, ast.FunctionDef) and any(a.arg == value.id for a in scope.args.args)
        if not is_param:
            secure = _trusted_var(value, scope, call.lineno)
    elif isinstance(value, ast.Call):
        secure = _trusted_call(value, _scope(call, up))
    elif isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod) and is_str(value.left):
        secure = _trusted_call(_percent_as_format(value), _scope(call, up))
    return not secure


@check("Call", "B703")
def django_mark_safe(ctx):
    if not ctx.imported_like("django.utils.safestring"):
        return None
    if ctx.name in AFFECTED:
        if not is_str(ctx.node.args[0]) and _risky(ctx.node, ctx.module.parent):
            return Issue("B703", "MEDIUM", "HIGH", "Potential XSS on mark_safe function.")
    return None
