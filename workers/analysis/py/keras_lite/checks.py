"""Checks that flag suspicious key elements, each with the reason.

Every check reads the extracted elements and the data context; none runs the program.
Where the data cannot be followed, checks fall back on what the model itself says (a
cross-entropy loss means classification, a sigmoid output means a probability).
"""

from dataclasses import dataclass

from _heal_common.parse_guard import parse

from .context import CROSSENTROPY, REGRESSION_LOSSES, Context
from .extract import Element, Program
from .standard import number

# Optimizers that adapt the step per weight: learning rates above ~0.01 usually diverge.
ADAPTIVE = {"Adam", "Adamax", "Nadam", "RMSprop", "AdamW", "Lion", "Adafactor"}
FEW_EPOCHS = 5


@dataclass
class Finding:
    check_id: str
    element: Element
    message: str
    severity: str = "warning"

    def to_json(self):
        e = self.element
        return {
            "checkId": self.check_id,
            "elementId": e.id,
            "kind": e.kind,
            "message": self.message,
            "severity": self.severity,
            "span": (e.anchor or e.span).to_json(),
        }


def _first(program: Program, kind: str):
    return next((e for e in program.elements if e.kind == kind), None)


def _number_of(element):
    if element is None:
        return None
    if element.implicit:
        return number(_parse(element.standard))
    return number(element.node)


def _parse(text):
    try:
        return parse(text, mode="eval").body
    except SyntaxError:
        return None


def _is_classification(ctx: Context, loss: str) -> bool:
    return ctx.task in ("binary", "multiclass") or loss in CROSSENTROPY


def run_checks(program: Program, ctx: Context) -> list:
    found = []
    loss_el = _first(program, "loss")
    loss = loss_el.standard.strip("'\"") if loss_el else None
    act_el = ctx.activation_element
    act = ctx.activation
    units = ctx.units

    # Output activation.
    if act_el is not None:
        if act == "softmax" and units == 1:
            found.append(
                Finding(
                    "softmax-single-unit",
                    act_el,
                    "softmax over a single unit always outputs 1.0, so the model cannot learn; "
                    "use sigmoid for a binary output (or 2 units with softmax)",
                )
            )
        elif act in ("relu", "linear", "tanh", "elu", "selu", "softplus", "leaky_relu") and _is_classification(
            ctx, loss
        ):
            why = f"the labels are {ctx.task}" if ctx.task != "unknown" else f"the loss is {loss}"
            want = "softmax" if (ctx.task == "multiclass" or (units or 0) > 1) else "sigmoid"
            found.append(
                Finding(
                    "classification-output-activation",
                    act_el,
                    f"{act} on a classification output ({why}) does not give probabilities; use {want}",
                )
            )
        elif (
            act == "sigmoid"
            and (units or 0) > 2
            and (
                loss == "categorical_crossentropy"
                or (ctx.task == "multiclass" and ctx.encoding in ("one-hot", "integer"))
            )
        ):
            found.append(
                Finding(
                    "sigmoid-multiclass",
                    act_el,
                    f"sigmoid on a {units}-class output with exclusive classes: the outputs do not sum to 1; use softmax",
                )
            )
        elif act in ("sigmoid", "softmax") and ctx.task == "regression":
            found.append(
                Finding(
                    "regression-output-activation",
                    act_el,
                    f"{act} squashes a regression output into (0, 1); use linear",
                )
            )

    # Loss against labels and output.
    if loss_el is not None:
        if loss in REGRESSION_LOSSES and (ctx.task in ("binary", "multiclass") or act in ("sigmoid", "softmax")):
            why = f"the labels are {ctx.task}" if ctx.task in ("binary", "multiclass") else f"the output is {act}"
            want = (
                "binary_crossentropy"
                if (ctx.task == "binary" or units == 1 or act == "sigmoid")
                else "categorical_crossentropy"
            )
            found.append(
                Finding(
                    "regression-loss-for-classification",
                    loss_el,
                    f"{loss} for classification ({why}); {want} fits probabilities",
                )
            )
            if ctx.task == "unknown" and act_el is not None and not any(f.element is act_el for f in found):
                # The data cannot tell which of the two is wrong: a regression with a squashed output?
                found.append(
                    Finding(
                        "regression-output-activation",
                        act_el,
                        f"{loss} with a {act} output: if this is regression, {act} squashes the output into (0, 1); use linear",
                        "info",
                    )
                )
        elif loss == "categorical_crossentropy" and (units == 1 or (ctx.task == "binary" and ctx.encoding == "binary")):
            found.append(
                Finding(
                    "loss-label-mismatch",
                    loss_el,
                    "categorical_crossentropy with a single output / 0-1 labels is always 0; use binary_crossentropy",
                )
            )
        elif loss == "sparse_categorical_crossentropy" and ctx.encoding == "one-hot":
            found.append(
                Finding(
                    "categorical-vs-sparse",
                    loss_el,
                    "sparse_categorical_crossentropy expects integer labels, but the labels are one-hot; use categorical_crossentropy",
                )
            )
        elif loss == "categorical_crossentropy" and ctx.encoding == "integer":
            found.append(
                Finding(
                    "categorical-vs-sparse",
                    loss_el,
                    "categorical_crossentropy expects one-hot labels, but the labels are integers; use sparse_categorical_crossentropy",
                )
            )
        elif loss == "binary_crossentropy" and act == "softmax" and (units or 0) > 1 and ctx.task == "multiclass":
            found.append(
                Finding(
                    "loss-label-mismatch",
                    loss_el,
                    "binary_crossentropy with a softmax over exclusive classes; use categorical_crossentropy",
                )
            )

    # Learning rate.
    for el in (e for e in program.elements if e.kind == "learning_rate"):
        value = _number_of(el)
        cls = el.where.split("(")[0]
        if value is None:
            continue
        if value <= 0 or value < 1e-6:
            found.append(
                Finding(
                    "learning-rate-range",
                    el,
                    f"learning rate {value:g} is too small for {cls} to learn in reasonable time",
                )
            )
        elif (cls in ADAPTIVE and value > 0.01) or value > 0.5:
            found.append(
                Finding(
                    "learning-rate-range",
                    el,
                    f"learning rate {value:g} is high for {cls} (default {'0.001' if cls in ADAPTIVE else '0.01'}); training may diverge",
                )
            )

    # Epochs and batch size.
    for el in (e for e in program.elements if e.kind == "epochs"):
        value = _number_of(el)
        if value is not None and value < FEW_EPOCHS:
            found.append(
                Finding(
                    "few-epochs",
                    el,
                    f"{int(value)} epoch(s) is very little training"
                    + (" (fit trains 1 epoch by default)" if el.implicit else ""),
                )
            )
    for el in (e for e in program.elements if e.kind == "batch_size" and not e.implicit):
        value = _number_of(el)
        if value is None:
            continue
        if ctx.samples and value > ctx.samples:
            found.append(
                Finding(
                    "batch-larger-than-data",
                    el,
                    f"batch size {int(value)} is larger than the {int(ctx.samples)} training samples",
                )
            )
        elif value == 1:
            found.append(
                Finding("batch-size-one", el, "batch size 1 makes training slow and its gradient noisy", "info")
            )

    # Metrics.
    metrics_el = _first(program, "metrics")
    if metrics_el is not None and "accuracy" in metrics_el.standard:
        regression = ctx.task == "regression" or (
            ctx.task == "unknown" and loss not in CROSSENTROPY and units == 1 and act in ("linear", "relu", None)
        )
        if regression:
            found.append(
                Finding(
                    "accuracy-on-regression",
                    metrics_el,
                    "accuracy is meaningless for a regression output; use mae or mse",
                )
            )

    found.sort(key=lambda f: (f.severity != "warning", f.element.span.line, f.element.span.col))
    return found
