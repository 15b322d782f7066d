"""Standard spellings of the nine key elements (MLM4DNN's rules, keras-standard-names.json).

Two spellings that standardise to the same text are the same element: `'mse'`,
`'mean_squared_error'`, `keras.losses.MeanSquaredError()` and `losses.mean_squared_error`
are one loss; `'adam'` is `keras.optimizers.Adam(learning_rate=0.001)`; `lr=` is
`learning_rate=`. Used to drop infill candidates equal to the original and to compare a
patch with a reference fix.
"""

import ast
import re

from _heal_common.parse_guard import parse

from .names import Names, canonical
from .names_data import TABLE

_LOSS = TABLE["loss"]["aliases"]
_METRICS = TABLE["metrics"]["aliases"]
_OPTIMIZER = TABLE["optimizer"]
_OPT_BY_LOWER = {k.lower(): v for k, v in _OPTIMIZER["aliases"].items()}
_OPT_CLASSES = {f.rsplit(".", 1)[1].lower(): f.rsplit(".", 1)[1] for f in _OPTIMIZER["standard_forms"]}
_OPT_DEFAULT_LR = _OPTIMIZER["defaults"]["learning_rate"]
_OPT_KEYWORDS = _OPTIMIZER.get("keyword_aliases", {})
_ACTIVATION = TABLE["activation"]["aliases"]
_INITIALIZER = TABLE["initializer"]["aliases"]
# Keras 1 spellings of layer keywords.
_LAYER_KEYWORDS = {
    "init": "kernel_initializer",
    "output_dim": "units",
    "nb_filter": "filters",
    "W_regularizer": "kernel_regularizer",
}


def snake(name: str) -> str:
    """`MeanSquaredError` -> `mean_squared_error` (Keras' own conversion)."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def number(node: ast.AST):
    """A numeric literal's value (`1e-3`, `-1`, `10 ** -3`), else None."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base, exp = number(node.left), number(node.right)
            if base is not None and exp is not None and abs(exp) < 100:
                return base**exp
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def number_text(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _last_name(names: Names, node: ast.AST):
    """The final component of what a string / name / call spells (`'mse'`, `losses.MSE`, `MSE()`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call):
        node = node.func
    dotted = names.dotted(node)
    if dotted is None:
        return None
    resolved = names.resolve(node) or dotted
    return resolved.rsplit(".", 1)[-1]


_LOWERED = {}


def _named(table: dict, name: str) -> str:
    if name in table:
        return table[name]
    lowered = _LOWERED.get(id(table))
    if lowered is None:
        lowered = _LOWERED[id(table)] = {k.lower(): v for k, v in table.items()}
    if name.lower() in lowered and not any(c.isupper() for c in name[1:]):
        return lowered[name.lower()]
    return snake(name)


def _loss_or_metric(table: dict, names: Names, node: ast.AST) -> str:
    if isinstance(node, (ast.List, ast.Tuple)):
        return "[" + ", ".join(_loss_or_metric(table, names, e) for e in node.elts) + "]"
    if isinstance(node, ast.Dict):
        return (
            "{"
            + ", ".join(f"{ast.unparse(k)}: {_loss_or_metric(table, names, v)}" for k, v in zip(node.keys, node.values))
            + "}"
        )
    if isinstance(node, ast.Call) and (node.args or node.keywords):
        return ast.unparse(node)
    name = _last_name(names, node)
    return _named(table, name) if name else ast.unparse(node)


def _optimizer(names: Names, node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _OPT_BY_LOWER.get(node.value.lower(), node.value)
    if isinstance(node, ast.Call):
        cls = _last_name(names, node)
        if cls and cls.lower() in _OPT_CLASSES:
            cls = _OPT_CLASSES[cls.lower()]
            kwargs = {}
            if node.args:
                kwargs["learning_rate"] = _value(node.args[0])
            for kw in node.keywords:
                if kw.arg is None:
                    continue
                kwargs[_OPT_KEYWORDS.get(kw.arg, kw.arg)] = _value(kw.value)
            if "learning_rate" not in kwargs and cls in _OPT_DEFAULT_LR:
                kwargs["learning_rate"] = number_text(_OPT_DEFAULT_LR[cls])
            rest = ", ".join(f"{k}={v}" for k, v in sorted(kwargs.items()) if k != "learning_rate")
            head = f"learning_rate={kwargs['learning_rate']}" if "learning_rate" in kwargs else ""
            return f"keras.optimizers.{cls}({', '.join(p for p in (head, rest) if p)})"
    return ast.unparse(node)


def _value(node: ast.AST) -> str:
    value = number(node)
    return number_text(value) if value is not None else ast.unparse(node)


def _activation(names: Names, node: ast.AST) -> str:
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return "linear"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.lower()
    resolved = names.resolve(node) if not isinstance(node, ast.Call) else None
    if resolved and resolved in _ACTIVATION:
        return _ACTIVATION[resolved]
    if resolved and resolved.startswith("keras.activations."):
        return resolved.rsplit(".", 1)[1]
    return ast.unparse(node)


def _initializer(names: Names, node: ast.AST) -> str:
    if isinstance(node, ast.Dict):
        # The corpora write a layer's initializer keywords as a dict: `{}` means the default.
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value in ("kernel_initializer", "init"):
                return _initializer(names, value)
        return "glorot_uniform"
    name = _last_name(names, node)
    if not name:
        return ast.unparse(node)
    return _INITIALIZER.get(name, snake(name))


def _layer(names: Names, node: ast.AST) -> str:
    if not isinstance(node, ast.Call):
        return ast.unparse(node)
    head = names.resolve(node.func) or ast.unparse(node.func)
    args = [_layer(names, a) if isinstance(a, ast.Call) else _value(a) for a in node.args]
    keywords = []
    for kw in node.keywords:
        if kw.arg is None:
            if isinstance(kw.value, ast.Dict) and not kw.value.keys:
                continue  # `**{}` adds nothing
            keywords.append("**" + ast.unparse(kw.value))
            continue
        key = _LAYER_KEYWORDS.get(kw.arg, kw.arg)
        if key == "activation":
            text = _activation(names, kw.value)
            if text == "linear":
                continue  # the default
        elif key == "kernel_initializer":
            text = _initializer(names, kw.value)
            if text == "glorot_uniform":
                continue  # the default
        else:
            text = _value(kw.value)
        keywords.append(f"{key}={text}")
    return f"{head}({', '.join(args + sorted(keywords))})"


def standardise_node(kind: str, node, names: Names) -> str:
    """The standard text of an element's expression (node None = an absent element's default)."""
    if kind == "activation":
        return _activation(names, node)
    if node is None:
        return {"initializer": "glorot_uniform"}.get(kind, "")
    if kind == "loss":
        return _loss_or_metric(_LOSS, names, node)
    if kind == "metrics":
        return _loss_or_metric(_METRICS, names, node)
    if kind == "optimizer":
        return _optimizer(names, node)
    if kind == "initializer":
        return _initializer(names, node)
    if kind == "layer":
        return _layer(names, node)
    if kind in ("learning_rate", "batch_size", "epochs"):
        return _value(node)
    return ast.unparse(node)


def parse_expression(text: str):
    """The expression a candidate / reference text spells, or None when it is not one."""
    try:
        return parse(text.strip(), mode="eval").body  # model text: guarded
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def standardise_text(kind: str, text: str, names: Names = None) -> str:
    """Standard text of an element written as source text (`''` for an absent element)."""
    if names is None:
        names = Names(ast.Module(body=[], type_ignores=[]))
    if text is None or not text.strip():
        return standardise_node(kind, None, names)
    node = parse_expression(text)
    if node is None and kind == "activation":
        node = ast.Constant(text.strip())  # the corpora write activations without quotes
    if node is None:
        return " ".join(text.split())
    if kind == "activation" and isinstance(node, ast.Name) and names.resolve(node) is None:
        node = ast.Constant(node.id)  # `relu` written bare, as the corpora do
    return standardise_node(kind, node, names)


__all__ = ["canonical", "snake", "number", "standardise_node", "standardise_text", "parse_expression"]
