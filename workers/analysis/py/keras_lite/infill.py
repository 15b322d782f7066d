"""Element infill: mask one element, propose values from the data-context rules, filter.

Filters (MLM4DNN's): a candidate is dropped when it is empty, not a Python expression (or
the patched program does not parse), equivalent to the original after standardisation,
a duplicate of a kept one, or changes the model's input / output shape. The kept ones are
ranked by how many checks the patched program still fails (fewer first), then by order.
"""

import ast

from .checks import run_checks
from .context import analyse_context
from .extract import Element, Program, extract
from .names_data import TABLE
from .standard import number, number_text, parse_expression, standardise_node

MASK = "<mask>"
CONTEXT_LINES = 12
CONTEXT_CHARS = 1600


def _offset(lines, line, col):
    return sum(len(l) + 1 for l in lines[: line - 1]) + col


def replace(source: str, element: Element, text: str) -> str:
    """The program with `text` at the element (inserted as `keyword=text` for an absent one)."""
    lines = source.split("\n")
    s = element.span
    start, end = _offset(lines, s.line, s.col), _offset(lines, s.endLine, s.endCol)
    value = element.insert_prefix + text if element.implicit else text
    return source[:start] + value + source[end:]


def mask(program: Program, element: Element) -> dict:
    masked = replace(program.source, element, MASK)
    lines = masked.split("\n")
    line = element.span.line
    at = lines[line - 1]
    before = "\n".join(lines[max(0, line - 1 - CONTEXT_LINES) : line - 1] + [at[: at.index(MASK)]])
    tail = at[at.index(MASK) + len(MASK) :]
    after = "\n".join([tail] + lines[line : line + CONTEXT_LINES])
    return {
        "elementId": element.id,
        "masked": masked,
        "before": before[-CONTEXT_CHARS:],
        "after": after[:CONTEXT_CHARS],
    }


def _quoted(element: Element, name: str) -> str:
    """A name spelled like the original: a string keeps its quote style."""
    text = element.text.strip()
    quote = '"' if text.startswith('"') else "'"
    return f"{quote}{name}{quote}"


def _numbers(values):
    out = []
    for v in values:
        t = number_text(v)
        if t not in out:
            out.append(t)
    return out


def rule_candidates(program: Program, element: Element, ctx=None) -> list:
    """Values the data-context knowledge suggests for the element, best first."""
    ctx = ctx or analyse_context(program)
    kind = element.kind
    current = (
        number(element.node)
        if element.node is not None
        else number(parse_expression(element.standard) or ast.Constant(None))
    )
    binary = ctx.task == "binary" or (ctx.task == "unknown" and ctx.units == 1)
    multiclass = ctx.task == "multiclass" or (ctx.task == "unknown" and (ctx.units or 0) > 1)
    if kind == "activation":
        if element is ctx.activation_element:
            if ctx.task == "regression":
                names = ["linear", "relu"]
            elif binary and (ctx.units or 1) == 1:
                names = ["sigmoid", "linear"]
            elif multiclass:
                names = ["softmax", "sigmoid"]
            else:
                names = ["sigmoid", "softmax", "linear"]
        else:
            names = ["relu", "tanh", "sigmoid", "elu", "selu", "linear"]
        return [_quoted(element, n) for n in names]
    if kind == "loss":
        if ctx.task == "regression":
            names = ["mean_squared_error", "mean_absolute_error"]
        elif ctx.encoding == "one-hot" and (ctx.units or 0) > 1:
            names = ["categorical_crossentropy", "binary_crossentropy"]
        elif ctx.encoding == "integer" and (ctx.units or 0) > 1:
            names = ["sparse_categorical_crossentropy", "categorical_crossentropy"]
        elif binary or ctx.activation == "sigmoid":
            names = ["binary_crossentropy"]
        elif ctx.activation == "softmax":
            names = ["categorical_crossentropy", "sparse_categorical_crossentropy"]
        else:
            names = ["mean_squared_error"]
        for extra in (
            "binary_crossentropy",
            "categorical_crossentropy",
            "sparse_categorical_crossentropy",
            "mean_squared_error",
            "mean_absolute_error",
        ):
            if extra not in names:
                names.append(extra)
        return [_quoted(element, n) for n in names]
    if kind == "optimizer":
        out = [_quoted(element, n) for n in ("adam", "sgd", "rmsprop", "adagrad", "adadelta", "nadam")]
        node = element.node
        if isinstance(node, ast.Call) and node.func is not None:
            # The same optimizer with its default learning rate.
            cls = ast.unparse(node.func)
            default = TABLE["optimizer"]["defaults"]["learning_rate"].get(cls.rsplit(".", 1)[-1])
            if default is not None:
                out.insert(0, f"{cls}(learning_rate={number_text(default)})")
        return out
    if kind == "learning_rate":
        cls = element.where.split("(")[0]
        default = TABLE["optimizer"]["defaults"]["learning_rate"].get(cls, 0.001)
        values = [default]
        if current:
            values += [current / 10, current * 10]
        values += [0.01, 0.001, 0.0001, 0.1]
        return [t for t in _numbers(values) if 0 < float(t) <= 1]
    if kind == "epochs":
        values = ([current * 10] if current else []) + [100, 50, 200, 500, 10]
        return _numbers(v for v in values if v >= 1)
    if kind == "batch_size":
        values = [32, 64, 16, 128, 10]
        if ctx.samples:
            values = [v for v in values if v <= ctx.samples] + [ctx.samples]
        if current:
            values += [current * 2, max(1, current // 2)]
        return _numbers(values)
    if kind == "metrics":
        if ctx.task == "regression" or (
            ctx.task == "unknown" and ctx.activation in ("linear", None) and ctx.units == 1
        ):
            return ["['mae']", "['mse']", "['accuracy']"]
        return ["['accuracy']", "['categorical_accuracy']" if multiclass else "['binary_accuracy']"]
    if kind == "initializer":
        return [
            _quoted(element, n)
            for n in ("glorot_uniform", "he_normal", "he_uniform", "glorot_normal", "lecun_uniform", "random_normal")
        ]
    if kind == "layer":
        return _layer_candidates(program, element, ctx)
    return []


def _layer_candidates(program: Program, element: Element, ctx) -> list:
    call = element.node
    layer = element.layer
    if not isinstance(call, ast.Call) or layer is None or layer.name != "Dense":
        return []
    head = ast.get_source_segment(program.source, call.func) or ast.unparse(call.func)
    units_node = (
        call.args[0] if call.args else next((k.value for k in call.keywords if k.arg in ("units", "output_dim")), None)
    )
    units_text = ast.unparse(units_node) if units_node is not None else "1"
    rest = [
        ast.get_source_segment(program.source, k) or ast.unparse(k)
        for k in call.keywords
        if k.arg not in ("units", "output_dim", "activation")
    ]
    out = []
    if ctx.output_layer is layer:
        acts = (
            rule_candidates(program, ctx.activation_element, ctx)
            if ctx.activation_element is not None
            else ["'sigmoid'"]
        )
        for act in acts[:2]:
            out.append(f"{head}({', '.join([units_text, f'activation={act}'] + rest)})")
    else:
        units = layer.units
        sizes = [int(units * 2), max(1, int(units // 2))] if units else []
        for act in ("'relu'", "'tanh'"):
            out.append(f"{head}({', '.join([units_text, f'activation={act}'] + rest)})")
        for size in sizes:
            out.append(f"{head}({', '.join([str(size), 'activation=' + chr(39) + 'relu' + chr(39)] + rest)})")
    return out


def _shape(program: Program, ctx):
    return (tuple(ctx.input_shape) if ctx.input_shape else None, ctx.units)


def filter_candidates(program: Program, element: Element, candidates: list) -> list:
    ctx = analyse_context(program)
    before_shape = _shape(program, ctx)
    before_findings = len(run_checks(program, ctx))
    seen = {element.standard}
    out = []
    for order, cand in enumerate(candidates):
        text = (cand.get("text") or "").strip()
        origin = cand.get("origin", "engine")
        item = {"text": text, "origin": origin, "kept": False}
        out.append(item)
        if not text:
            item.update(rejection="empty", detail="no text")
            continue
        node = parse_expression(text)
        if node is None:
            item.update(rejection="syntax", detail="not a Python expression")
            continue
        standard = standardise_node(element.kind, node, program.names)
        item["standard"] = standard
        if standard == element.standard:
            item.update(rejection="equivalent", detail=f"same as the original after standardisation ({standard})")
            continue
        if standard in seen:
            item.update(rejection="duplicate", detail=f"same as an earlier candidate ({standard})")
            continue
        patched = replace(program.source, element, text)
        try:
            new_program = extract(patched)
        except SyntaxError as error:
            item.update(
                rejection="syntax", detail=f"the patched program does not parse: {error.msg} (line {error.lineno})"
            )
            continue
        new_ctx = analyse_context(new_program)
        after_shape = _shape(new_program, new_ctx)
        if after_shape != before_shape:
            item.update(
                rejection="shape", detail=f"changes the model's input/output shape {before_shape} -> {after_shape}"
            )
            continue
        seen.add(standard)
        remaining = run_checks(new_program, new_ctx)
        warnings = sum(1 for f in remaining if f.severity == "warning")
        fixed = before_findings - len(remaining)
        item.update(
            kept=True,
            source=patched,
            score=round(100 - 10 * warnings - (len(remaining) - warnings) - 0.1 * order, 2),
            detail=(f"resolves {fixed} finding(s); " if fixed > 0 else "") + f"{len(remaining)} finding(s) remain",
        )
    return out
