"""What a check sees of one node: the node, its resolved call name and literal arguments,
and the module's imports so far. Mirrors the meaning of Bandit's context helpers (names
resolved through import aliases, literals as Bandit 1.9.4 reads them under Python 3.12)."""

import ast
from dataclasses import dataclass


@dataclass(slots=True, eq=False)  # identity semantics, as before
class Issue:
    test_id: str
    severity: str
    confidence: str
    text: str
    lineno: int | None = None
    col_offset: int | None = None


def is_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def literal_value(node):
    """A literal as Bandit reads it: numbers, strings and bytes as they are, True/False/None
    as their names (Bandit compares them with "True", "None"), containers element-wise,
    a bare name as its identifier; anything else None."""
    if isinstance(node, ast.Constant):
        value = node.value
        if value is None or isinstance(value, bool):
            return str(value)
        if value is Ellipsis:
            return None
        return value
    if isinstance(node, ast.List):
        return [literal_value(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(literal_value(e) for e in node.elts)
    if isinstance(node, ast.Set):
        try:
            return {literal_value(e) for e in node.elts}
        except TypeError:
            return None
    if isinstance(node, ast.Dict):
        return dict(zip(node.keys, node.values))
    if isinstance(node, ast.Name):
        return node.id
    return None


def attr_qual_name(node, aliases) -> str:
    if isinstance(node, ast.Name):
        return aliases.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        name = f"{attr_qual_name(node.value, aliases)}.{node.attr}"
        return aliases.get(name, name)
    return ""


def call_name(call: ast.Call, aliases) -> str:
    """The dotted name a call resolves to through import aliases ("" when not a name)."""
    func = call.func
    if isinstance(func, ast.Name):
        return aliases.get(func.id, func.id)
    if isinstance(func, ast.Attribute):
        return attr_qual_name(func, aliases)
    return ""


def qual_attr(node, aliases) -> str:
    """`mod.attr` for an attribute default value, with the module alias resolved."""
    if isinstance(node, ast.Attribute):
        value = node.value
        prefix = ""
        if isinstance(value, ast.Name):
            prefix = aliases.get(value.id, value.id)
        return f"{prefix}.{node.attr}"
    return ""


def called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return getattr(func, "id", "")


class Context:
    """One node's view for the checks; the module state (imports, aliases) is shared."""

    __slots__ = ("node", "module", "qualname", "name", "_keywords", "_args")

    def __init__(self, node, module, qualname="", name=""):
        self.node = node
        self.module = module
        self.qualname = qualname
        self.name = name
        self._keywords = None
        self._args = None

    # imports ---------------------------------------------------------------
    @property
    def aliases(self):
        return self.module.aliases

    def imported_exact(self, module: str) -> bool:
        return module in self.module.imports

    def imported_like(self, module: str) -> bool:
        return any(module in imp for imp in self.module.imports)

    # calls -----------------------------------------------------------------
    @property
    def call_args(self) -> list:
        if self._args is None:
            self._args = [a.attr if isinstance(a, ast.Attribute) else literal_value(a) for a in self.node.args]
        return self._args

    @property
    def call_keywords(self) -> dict:
        if self._keywords is None:
            out = {}
            for kw in self.node.keywords:
                value = kw.value
                out[kw.arg] = value.attr if isinstance(value, ast.Attribute) else literal_value(value)
            self._keywords = out
        return self._keywords

    def keyword(self, name):
        return self.call_keywords.get(name)

    def check_keyword(self, name, values=None):
        """None when the keyword is absent (or None-valued), else whether it equals one of values."""
        value = self.call_keywords.get(name)
        if value is None:
            return None
        if not isinstance(values, list):
            values = [values]
        return any(value == v for v in values)

    def keyword_line(self, name):
        for kw in self.node.keywords:
            if kw.arg == name:
                return kw.value.lineno
        return None

    def arg_at(self, position):
        args = self.node.args
        if position < len(args):
            arg = args[position]
            return getattr(arg, "attr", None) or literal_value(arg)
        return None
