"""What the program's data says about the task, and what the model outputs.

Statically, from the labels passed to `fit`: followed back through assignments,
`train_test_split`, `to_categorical`, one-hot / label encoders, well-known datasets
(`mnist.load_data()`, `load_iris()`, `make_classification(...)`) and array literals.
Anything it cannot follow stays `unknown`; the evidence lists what it concluded from.
"""

import ast
from dataclasses import dataclass, field

from .extract import Program, constant, value_before

# Known datasets: (task, label encoding, classes).
DATASETS = {
    "mnist": ("multiclass", "integer", 10),
    "fashion_mnist": ("multiclass", "integer", 10),
    "cifar10": ("multiclass", "integer", 10),
    "cifar100": ("multiclass", "integer", 100),
    "imdb": ("binary", "binary", 2),
    "reuters": ("multiclass", "integer", 46),
    "boston_housing": ("regression", "continuous", None),
    "california_housing": ("regression", "continuous", None),
    "load_iris": ("multiclass", "integer", 3),
    "load_wine": ("multiclass", "integer", 3),
    "load_digits": ("multiclass", "integer", 10),
    "load_breast_cancer": ("binary", "binary", 2),
    "load_diabetes": ("regression", "continuous", None),
    "fetch_california_housing": ("regression", "continuous", None),
    "make_regression": ("regression", "continuous", None),
    "make_moons": ("binary", "binary", 2),
    "make_circles": ("binary", "binary", 2),
    "load_boston": ("regression", "continuous", None),
}
ONE_HOT_CALLS = {"to_categorical", "get_dummies", "one_hot"}
REGRESSION_LOSSES = {
    "mean_squared_error",
    "mean_absolute_error",
    "mean_squared_logarithmic_error",
    "mean_absolute_percentage_error",
    "huber",
    "huber_loss",
    "log_cosh",
    "logcosh",
}
CROSSENTROPY = {"binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"}


@dataclass
class Labels:
    task: str = "unknown"
    encoding: str = "unknown"
    classes: object = None
    samples: object = None
    evidence: list = field(default_factory=list)


@dataclass
class Context:
    task: str
    encoding: str
    classes: object
    samples: object
    input_shape: object
    evidence: list
    # The model's output: units, activation (standard) and the elements behind them.
    units: object = None
    activation: str = None
    output_line: int = None
    output_layer: object = None
    activation_element: object = None

    def data_json(self):
        out = {"task": self.task, "evidence": self.evidence}
        if self.classes is not None:
            out["numClasses"] = int(self.classes)
        if self.encoding != "unknown" or self.task != "unknown":
            out["labelEncoding"] = self.encoding
        if self.input_shape is not None:
            out["inputShape"] = self.input_shape
        if self.samples is not None:
            out["samples"] = int(self.samples)
        return out

    def output_json(self):
        out = {}
        if self.units is not None:
            out["units"] = int(self.units)
        if self.activation is not None:
            out["activation"] = self.activation
        if self.output_line is not None:
            out["line"] = self.output_line
        return out


def _call_name(call: ast.Call) -> str:
    func = call.func
    while isinstance(func, ast.Call):
        func = func.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literal_rows(node):
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, (list, tuple)) and value else None


def _from_literal(rows, line) -> Labels:
    def flat(v):
        return [x for r in v for x in (r if isinstance(r, (list, tuple)) else [r])]

    values = flat(rows)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return Labels()
    width = len(rows[0]) if isinstance(rows[0], (list, tuple)) else 1
    zero_one = all(v in (0, 1) for v in values)
    n = len(rows)
    if width > 1 and zero_one and all(sum(r) == 1 for r in rows):
        return Labels(
            "multiclass" if width > 2 else "binary",
            "one-hot",
            width,
            n,
            [f"line {line}: labels are one-hot rows of width {width}"],
        )
    if zero_one:
        # Several 0/1 columns that are not one-hot: independent binary labels (multi-label).
        return Labels(
            "binary",
            "binary",
            2 if width == 1 else None,
            n,
            [f"line {line}: labels are 0/1 values" + (f" ({width} per sample)" if width > 1 else "")],
        )
    if all(float(v).is_integer() and v >= 0 for v in values) and width == 1:
        k = int(max(values)) + 1
        return Labels("multiclass", "integer", k, n, [f"line {line}: labels are integers 0..{k - 1}"])
    return Labels("regression", "continuous", None, n, [f"line {line}: labels are real numbers"])


class _Tracer:
    def __init__(self, program: Program):
        self.program = program
        self.tuple_sources = {}  # name -> (line, value, index, count) for tuple targets
        for node in program.nodes:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], (ast.Tuple, ast.List))
            ):
                elts = node.targets[0].elts
                for i, target in enumerate(elts):
                    if isinstance(target, ast.Name):
                        self.tuple_sources.setdefault(target.id, []).append((node.lineno, node.value, (i,), len(elts)))
                    elif isinstance(target, (ast.Tuple, ast.List)):
                        for j, inner in enumerate(target.elts):
                            if isinstance(inner, ast.Name):
                                self.tuple_sources.setdefault(inner.id, []).append(
                                    (node.lineno, node.value, (i, j), len(elts))
                                )

    def labels(self, node, line, depth=0) -> Labels:
        if node is None or depth > 12:
            return Labels()
        a = self.program.assignments
        if isinstance(node, ast.Name):
            simple = [(at, v) for at, v in a.get(node.id, []) if at <= line]
            tuple_source = [t for t in self.tuple_sources.get(node.id, []) if t[0] <= line]
            if tuple_source and (not simple or tuple_source[-1][0] > simple[-1][0]):
                at, source, index, count = tuple_source[-1]
                return self.from_tuple(source, index, count, at, depth)
            value = simple[-1][1] if simple else value_before(a, node.id, line)
            return self.labels(value, line, depth + 1)
        if isinstance(node, ast.Subscript):
            # `iris['target']`, `data.target`: the dataset itself decides.
            inner = self.labels(node.value, line, depth + 1)
            key = node.slice
            if isinstance(key, ast.Constant) and key.value in ("target", "targets", "label", "labels"):
                return inner
            return inner if inner.task != "unknown" and inner.encoding == "one-hot" else Labels()
        if isinstance(node, ast.Attribute):
            if node.attr in ("target", "values"):
                return self.labels(node.value, line, depth + 1)
            return Labels()
        if isinstance(node, ast.Call):
            return self.from_call(node, line, depth)
        rows = _literal_rows(node)
        if rows is not None:
            return _from_literal(rows, node.lineno)
        return Labels()

    def from_tuple(self, source, index, count, line, depth) -> Labels:
        if isinstance(source, ast.Call):
            name = _call_name(source)
            if name == "train_test_split" and len(index) == 1:
                i = index[0] // 2
                if i < len(source.args):
                    return self.labels(source.args[i], line, depth + 1)
            if name == "load_data" and index[-1] == 1:
                return self.from_call(source, line, depth)
            if name in DATASETS and index[-1] == 1:
                return self.from_call(source, line, depth)
        return Labels()

    def from_call(self, call: ast.Call, line, depth) -> Labels:
        name = _call_name(call)
        a = self.program.assignments
        if name in ONE_HOT_CALLS:
            classes_node = (
                call.args[1]
                if len(call.args) > 1
                else next((k.value for k in call.keywords if k.arg in ("num_classes", "nb_classes", "depth")), None)
            )
            classes = constant(a, classes_node, line)
            inner = self.labels(call.args[0], line, depth + 1) if call.args else Labels()
            classes = classes or inner.classes
            task = (
                "binary"
                if classes == 2
                else "multiclass"
                if classes
                else (inner.task if inner.task != "unknown" else "multiclass")
            )
            return Labels(
                task,
                "one-hot",
                classes,
                inner.samples,
                inner.evidence + [f"line {call.lineno}: labels one-hot encoded by {name}()"],
            )
        if name in ("fit_transform", "transform", "toarray", "todense"):
            receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
            if name in ("toarray", "todense") and receiver is not None:
                return self.labels(receiver, line, depth + 1)
            encoder = value_before(a, receiver.id, line) if isinstance(receiver, ast.Name) else receiver
            kind = _call_name(encoder) if isinstance(encoder, ast.Call) else ""
            inner = self.labels(call.args[0], line, depth + 1) if call.args else Labels()
            if kind in ("OneHotEncoder", "LabelBinarizer"):
                return Labels(
                    "multiclass" if inner.classes != 2 else "binary",
                    "one-hot",
                    inner.classes,
                    inner.samples,
                    inner.evidence + [f"line {call.lineno}: labels one-hot encoded by {kind}"],
                )
            if kind == "LabelEncoder":
                task = inner.task if inner.task != "unknown" else "unknown"
                return Labels(
                    task,
                    "integer" if task != "binary" else "binary",
                    inner.classes,
                    inner.samples,
                    inner.evidence + [f"line {call.lineno}: labels integer-encoded by LabelEncoder"],
                )
            return Labels()
        if name == "load_data":
            func = call.func
            module = (
                func.value.attr
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
                else func.value.id
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                else ""
            )
            module = self._dataset_module(module)
            if module in DATASETS:
                task, enc, k = DATASETS[module]
                return Labels(
                    task,
                    enc,
                    k,
                    None,
                    [f"line {call.lineno}: {module}.load_data() has {enc} labels" + (f" ({k} classes)" if k else "")],
                )
            return Labels()
        if name in DATASETS:
            task, enc, k = DATASETS[name]
            kw = {k2.arg: k2.value for k2 in call.keywords}
            return Labels(
                task,
                enc,
                k,
                constant(a, kw.get("n_samples"), line),
                [f"line {call.lineno}: {name}() gives {task} labels"],
            )
        if name == "make_classification":
            kw = {k.arg: k.value for k in call.keywords}
            k = constant(a, kw.get("n_classes"), line) or 2
            return Labels(
                "binary" if k == 2 else "multiclass",
                "binary" if k == 2 else "integer",
                k,
                constant(a, kw.get("n_samples"), line),
                [f"line {call.lineno}: make_classification() with {int(k)} classes"],
            )
        if name == "make_multilabel_classification":
            kw = {k.arg: k.value for k in call.keywords}
            k = constant(a, kw.get("n_classes"), line) or 5
            return Labels(
                "binary",
                "binary",
                None,
                constant(a, kw.get("n_samples"), line),
                [
                    f"line {call.lineno}: make_multilabel_classification() gives independent 0/1 labels ({int(k)} per sample)"
                ],
            )
        if name == "randint":
            args = [constant(a, x, line) for x in call.args]
            if len(args) >= 2 and args[0] is not None and args[1] is not None:
                k = int(args[1] - args[0])
            elif len(args) == 1 and args[0] is not None:
                k = int(args[0])
            else:
                return Labels()
            return Labels(
                "binary" if k == 2 else "multiclass",
                "binary" if k == 2 else "integer",
                k,
                None,
                [f"line {call.lineno}: labels are random integers in [0, {k})"],
            )
        if name in ("rand", "randn", "random", "uniform", "normal", "random_sample"):
            return Labels(
                "regression", "continuous", None, None, [f"line {call.lineno}: labels are random real numbers"]
            )
        if name in ("array", "asarray"):
            if call.args:
                rows = _literal_rows(call.args[0])
                if rows is not None:
                    return _from_literal(rows, call.lineno)
                return self.labels(call.args[0], line, depth + 1)
        if name in ("reshape", "astype", "ravel", "flatten", "squeeze", "copy") and isinstance(
            call.func, ast.Attribute
        ):
            return self.labels(call.func.value, line, depth + 1)
        return Labels()

    def _dataset_module(self, name):
        resolved = self.program.names.aliases.get(name, name)
        return resolved.rsplit(".", 1)[-1]


def _labels_and_inputs(program: Program):
    """The `y` and `x` given to the first fit of the compiled model."""
    for call in program.fits:
        if call.func.attr == "fit_generator":
            continue
        x = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "x"), None)
        y = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "y"), None)
        return x, y, call.lineno
    return None, None, None


def _input_shape(program: Program):
    layers = program.model_layers()
    a = program.assignments
    for layer in layers[:1] or program.layers[:1]:
        for kw in layer.call.keywords:
            if kw.arg == "input_dim":
                return [None, constant(a, kw.value, layer.line)]
            if kw.arg in ("input_shape", "batch_input_shape"):
                node = kw.value
                if isinstance(node, ast.Name):
                    node = value_before(a, node.id, layer.line)
                if isinstance(node, (ast.Tuple, ast.List)):
                    dims = [constant(a, e, layer.line) for e in node.elts]
                    dims = [int(d) if d is not None else None for d in dims]
                    return dims if kw.arg == "batch_input_shape" else [None] + dims
    return None


def _output(program: Program, ctx: Context):
    layers = program.model_layers()
    with_units = [l for l in layers if l.units is not None or l.name in ("Dense",)]
    if not with_units:
        return
    last = with_units[-1]
    ctx.output_layer = last
    ctx.units = last.units
    ctx.output_line = last.line
    later = [
        l
        for l in layers
        if l.line > last.line
        or (l.line == last.line and l.call.col_offset > last.call.col_offset and l.name == "Activation")
    ]
    acts = [l for l in later if l.name == "Activation" and l.activation is not None]
    element = acts[-1].activation if acts else last.activation
    ctx.activation_element = element
    if element is not None:
        ctx.activation = element.standard
        ctx.output_line = element.span.line


def analyse_context(program: Program) -> Context:
    x, y, line = _labels_and_inputs(program)
    tracer = _Tracer(program)
    labels = tracer.labels(y, line) if y is not None else Labels()
    samples = labels.samples
    if samples is None and x is not None:
        rows = tracer.labels(x, line)  # only its sample count is used
        samples = rows.samples
    ctx = Context(labels.task, labels.encoding, labels.classes, samples, _input_shape(program), list(labels.evidence))
    if y is None:
        ctx.evidence.append("no fit(x, y) call whose labels could be followed")
    elif labels.task == "unknown":
        ctx.evidence.append(f"line {line}: the labels' origin could not be followed statically")
    if ctx.classes == 2 and ctx.task == "multiclass":
        ctx.task = "binary"
    _output(program, ctx)
    return ctx
