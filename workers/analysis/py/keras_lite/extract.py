"""Finding the nine key elements of a Keras program, with exact source spans.

Elements: activation, initializer, layer, loss, optimizer, learning_rate, metrics,
batch_size, epochs. Sequential (`model.add(...)`, `Sequential([...])`) and functional
models are read the same way: every layer call is a layer element, and its activation /
kernel initializer arguments are elements too. An argument left at its default (a Dense
without `activation=`, a `fit` without `epochs=`) is an *implicit* element: its span is the
empty insertion point where infill would add `keyword=value`.
"""

import ast
from dataclasses import dataclass, field

from _heal_common.parse_guard import parse

from .names import Names
from .standard import number, standardise_node

MODEL_CLASSES = {
    "keras.models.Sequential",
    "keras.models.Model",
    "keras.Sequential",
    "keras.Model",
    "keras.models.load_model",
    "keras.saving.load_model",
}
# Layers whose `activation` defaults to linear and `kernel_initializer` to glorot_uniform.
DENSE_LIKE = {
    "Dense",
    "Conv1D",
    "Conv2D",
    "Conv3D",
    "Convolution1D",
    "Convolution2D",
    "Convolution3D",
    "SeparableConv1D",
    "SeparableConv2D",
    "DepthwiseConv2D",
    "Conv2DTranspose",
    "Conv3DTranspose",
    "LocallyConnected1D",
    "LocallyConnected2D",
}
KNOWN_LAYERS = DENSE_LIKE | {
    "Activation",
    "Dropout",
    "Flatten",
    "Reshape",
    "MaxPooling1D",
    "MaxPooling2D",
    "MaxPooling3D",
    "AveragePooling1D",
    "AveragePooling2D",
    "GlobalAveragePooling1D",
    "GlobalAveragePooling2D",
    "GlobalMaxPooling1D",
    "GlobalMaxPooling2D",
    "LSTM",
    "GRU",
    "SimpleRNN",
    "Bidirectional",
    "TimeDistributed",
    "Embedding",
    "BatchNormalization",
    "LayerNormalization",
    "Masking",
    "ZeroPadding2D",
    "UpSampling2D",
    "Concatenate",
    "Add",
    "LeakyReLU",
    "PReLU",
    "ELU",
    "ReLU",
    "Softmax",
    "SpatialDropout1D",
    "SpatialDropout2D",
    "GaussianNoise",
    "RepeatVector",
    "Permute",
    "Lambda",
    "MaxPool2D",
    "MaxPool1D",
    "Cropping2D",
    "Attention",
    "MultiHeadAttention",
    "Normalization",
}
OPTIMIZERS = {"SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "AdamW", "Lion", "Adafactor"}
FIT_METHODS = {"fit", "fit_generator", "train_on_batch"}


@dataclass
class Span:
    line: int
    col: int
    endLine: int
    endCol: int

    def to_json(self):
        return {"line": self.line, "col": self.col, "endLine": self.endLine, "endCol": self.endCol}


@dataclass
class Element:
    id: int
    kind: str
    span: Span
    text: str
    standard: str
    where: str
    node: ast.AST = None
    implicit: bool = False
    # For implicit elements: what infill inserts before the value (", activation=").
    insert_prefix: str = ""
    used_at: list = field(default_factory=list)
    layer: "Layer" = None
    # For implicit elements: the call they belong to (markers need a visible range).
    anchor: Span = None

    def to_json(self):
        out = {
            "id": self.id,
            "kind": self.kind,
            "span": self.span.to_json(),
            "text": self.text,
            "standard": self.standard,
            "where": self.where,
        }
        if self.implicit:
            out["implicit"] = True
        if self.used_at:
            out["usedAt"] = self.used_at
        return out


@dataclass
class Layer:
    call: ast.Call
    name: str
    model: str
    index: int = 0
    units: object = None
    activation: Element = None
    line: int = 0


@dataclass
class Program:
    source: str
    tree: ast.Module
    names: Names
    is_keras: bool
    elements: list
    layers: list
    compiles: list
    fits: list
    assignments: dict
    target_model: str = None
    scopes: dict = None
    nodes: list = None

    def model_layers(self):
        return [l for l in self.layers if l.model == self.target_model]


class _Offsets:
    """Python's ast columns are UTF-8 byte offsets; the page counts characters."""

    def __init__(self, source: str):
        self.lines = source.split("\n")
        self.bytes = [line.encode("utf-8") for line in self.lines]

    def segment(self, node: ast.AST) -> str:
        """The source text of a node (ast.get_source_segment re-splits the source every call)."""
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.bytes[first][node.col_offset : node.end_col_offset].decode("utf-8", errors="replace")
        parts = (
            [self.bytes[first][node.col_offset :]]
            + self.bytes[first + 1 : last]
            + [self.bytes[last][: node.end_col_offset]]
        )
        return b"\n".join(parts).decode("utf-8", errors="replace")

    def col(self, line: int, byte_col: int) -> int:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def span(self, node: ast.AST) -> Span:
        return Span(
            node.lineno,
            self.col(node.lineno, node.col_offset),
            node.end_lineno,
            self.col(node.end_lineno, node.end_col_offset),
        )

    def point(self, line: int, byte_col: int) -> Span:
        col = self.col(line, byte_col)
        return Span(line, col, line, col)


def _assignments(nodes) -> dict:
    """name -> list of (line, value) for simple `name = value` assignments."""
    found = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append((node.lineno, node.value))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found.setdefault(node.target.id, []).append((node.lineno, node.value))
    for values in found.values():
        values.sort(key=lambda v: v[0])
    return found


def value_before(assignments: dict, name: str, line: int):
    """The value last assigned to `name` at or before `line` (the first one if all come later)."""
    values = assignments.get(name) or []
    best = None
    for at, value in values:
        if at <= line:
            best = value
    return best if best is not None else (values[0][1] if values else None)


def constant(assignments: dict, node: ast.AST, line: int, depth: int = 0):
    """A number the expression evaluates to through simple assignments (`num_classes = 10`), else None."""
    if node is None or depth > 5:
        return None
    value = number(node)
    if value is not None:
        return value
    if isinstance(node, ast.Name):
        return constant(assignments, value_before(assignments, node.id, line), line, depth + 1)
    return None


def _keyword(call: ast.Call, *names):
    for kw in call.keywords:
        if kw.arg in names:
            return kw
    return None


def model_key(scopes: dict, node: ast.AST, name):
    """A model variable within its function: `build_model:model`."""
    return None if name is None else f"{scopes.get(id(node), '')}:{name}"


def _receiver(call: ast.Call):
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return None


class _Extractor:
    def __init__(self, source: str, tree: ast.Module):
        self.source = source
        self.tree = tree
        self.scope_map()
        self.names = Names(self.nodes)
        self.offsets = _Offsets(source)
        self.assignments = _assignments(self.nodes)
        self.compile_calls = [
            n
            for n in self.nodes
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "compile"
        ]
        self.elements = []
        self.layers = []
        self.compiles = []
        self.fits = []

    # -- what things are -------------------------------------------------------------
    def layer_name(self, call: ast.Call):
        if not isinstance(call, ast.Call):
            return None
        resolved = self.names.resolve(call.func)
        dotted = self.names.dotted(call.func)
        if resolved and resolved.startswith("keras.layers."):
            last = resolved.rsplit(".", 1)[1]
            return last if last[:1].isupper() and last not in ("Input", "InputLayer") else None
        if dotted and dotted.rsplit(".", 1)[-1] in KNOWN_LAYERS and (resolved is None or "." in (resolved or "")):
            # A layer through a module we cannot resolve (`layers.Dense` with a star import).
            last = dotted.rsplit(".", 1)[-1]
            if resolved is None or resolved.startswith("keras"):
                return last
        return None

    def optimizer_class(self, call: ast.Call):
        if not isinstance(call, ast.Call):
            return None
        resolved = self.names.resolve(call.func) or self.names.dotted(call.func) or ""
        last = resolved.rsplit(".", 1)[-1]
        if last in OPTIMIZERS and (
            resolved.startswith("keras.optimizers") or resolved == last or "optimizers" in resolved
        ):
            return last
        return None

    def model_variables(self):
        models = set()
        for name, values in self.assignments.items():
            for _, value in values:
                if isinstance(value, ast.Call) and (self.names.resolve(value.func) or "") in MODEL_CLASSES:
                    models.add(name)
        for call in self.compile_calls:
            # `model = build_model()` … `model.compile(loss=…)`: compiled with Keras arguments.
            receiver = _receiver(call)
            if (
                receiver
                and receiver not in self.names.aliases
                and {kw.arg for kw in call.keywords} & {"loss", "optimizer", "metrics"}
            ):
                models.add(receiver)
        for node in self.nodes:
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add"
                and node.args
                and self.layer_name(node.args[0])
                and _receiver(node)
            ):
                models.add(_receiver(node))
        return models

    # -- elements --------------------------------------------------------------------
    def add(self, kind, node, where, layer=None, standard_node="same"):
        span = self.offsets.span(node)
        text = self.offsets.segment(node)
        std = standardise_node(kind, node if standard_node == "same" else standard_node, self.names)
        element = Element(len(self.elements), kind, span, text, std, where, node=node, layer=layer)
        self.elements.append(element)
        return element

    def add_implicit(self, kind, call: ast.Call, keyword: str, where: str, layer=None, default=None):
        """An absent keyword argument: the insertion point just before the call's `)`."""
        end_line, end_col = call.end_lineno, call.end_col_offset - 1
        has_args = bool(call.args or call.keywords)
        std = default if default is not None else standardise_node(kind, None, self.names)
        element = Element(
            len(self.elements),
            kind,
            self.offsets.point(end_line, end_col),
            "",
            std,
            where + " (default)",
            implicit=True,
            insert_prefix=(", " if has_args else "") + keyword + "=",
            layer=layer,
            anchor=self.offsets.span(call),
        )
        self.elements.append(element)
        return element

    def layer_elements(self, call: ast.Call, name: str, model: str, number_in_model: int):
        layer = Layer(call, name, model, number_in_model, line=call.lineno)
        label = f"layer {number_in_model} ({name})"
        self.add("layer", call, label, layer)
        if name == "Dense":
            units = call.args[0] if call.args else (_keyword(call, "units", "output_dim") or ast.Constant(None)).value
            layer.units = constant(self.assignments, units, call.lineno)
        if name == "Activation":
            value = call.args[0] if call.args else (_keyword(call, "activation") or ast.Constant(None)).value
            if not (isinstance(value, ast.Constant) and value.value is None):
                layer.activation = self.add("activation", value, f"{label} activation", layer)
        else:
            kw = _keyword(call, "activation")
            if kw is not None:
                layer.activation = self.add("activation", kw.value, f"{label} activation", layer)
            elif name in DENSE_LIKE:
                layer.activation = self.add_implicit("activation", call, "activation", f"{label} activation", layer)
        init = _keyword(call, "kernel_initializer", "init")
        if init is not None:
            self.add("initializer", init.value, f"{label} kernel initializer", layer)
        elif name in DENSE_LIKE:
            self.add_implicit("initializer", call, "kernel_initializer", f"{label} kernel initializer", layer)
        self.layers.append(layer)
        # Wrapped layers (TimeDistributed(Dense(...)), Bidirectional(LSTM(...))) are layers too.
        for arg in call.args:
            inner = self.layer_name(arg)
            if inner:
                self.layer_elements(arg, inner, model, number_in_model)
        return layer

    def resolve_name(self, node, line):
        """Follow `opt = SGD(...)`; compile(optimizer=opt) standardises like the call."""
        if isinstance(node, ast.Name):
            value = value_before(self.assignments, node.id, line)
            if value is not None:
                return value
        return node

    def run(self):
        models = self.model_variables()
        calls = sorted((n for n in self.nodes if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
        nested = set()
        counts = {}
        sequential_lists = {}
        for name, values in self.assignments.items():
            for _, value in values:
                if (
                    isinstance(value, ast.Call)
                    and (self.names.resolve(value.func) or "").endswith("Sequential")
                    and value.args
                    and isinstance(value.args[0], (ast.List, ast.Tuple))
                ):
                    for item in value.args[0].elts:
                        sequential_lists[id(item)] = model_key(self.scopes, value, name)
        for call in calls:
            if id(call) in nested:
                continue
            name = self.layer_name(call)
            if name:
                model = sequential_lists.get(id(call))
                parent = self._add_parent.get(id(call))
                if parent is not None:
                    model = parent
                counts[model] = counts.get(model, 0) + 1
                self.layer_elements(call, name, model, counts[model])
                for arg in ast.walk(call):
                    if arg is not call and isinstance(arg, ast.Call):
                        nested.add(id(arg))
                continue
            if isinstance(call.func, ast.Attribute) and call.func.attr == "compile":
                self.compile_elements(call, models)
            elif isinstance(call.func, ast.Attribute) and call.func.attr in FIT_METHODS:
                self.fit_elements(call, models)
            cls = self.optimizer_class(call)
            if cls:
                self.learning_rate_element(call, cls)

    def compile_elements(self, call, models):
        receiver = _receiver(call)
        keywords = {kw.arg for kw in call.keywords}
        if receiver not in models and not keywords & {"loss", "optimizer", "metrics"}:
            return
        if receiver is None and isinstance(call.func, ast.Attribute) and not keywords & {"loss", "optimizer"}:
            return
        self.compiles.append(call)
        order = ["optimizer", "loss", "metrics"]
        given = dict(zip(order, call.args))
        for kw in call.keywords:
            if kw.arg in order:
                given[kw.arg] = kw.value
        for kind in order:
            if kind in given:
                node = given[kind]
                resolved = self.resolve_name(node, call.lineno) if kind == "optimizer" else node
                self.add(kind, node, f"compile({kind}=…)", standard_node=resolved)

    def fit_elements(self, call, models):
        receiver = _receiver(call)
        keywords = {kw.arg for kw in call.keywords}
        method = call.func.attr
        if receiver not in models and not keywords & {"epochs", "nb_epoch", "batch_size"}:
            return
        self.fits.append(call)
        if method == "train_on_batch":
            return
        positional = {"fit": {2: "batch_size", 3: "epochs"}, "fit_generator": {2: "epochs"}}[method]
        found = {}
        for index, kind in positional.items():
            if len(call.args) > index:
                found[kind] = call.args[index]
        for kw in call.keywords:
            if kw.arg == "batch_size":
                found["batch_size"] = kw.value
            elif kw.arg in ("epochs", "nb_epoch"):
                found["epochs"] = kw.value
        for kind in ("batch_size", "epochs"):
            if kind == "batch_size" and method != "fit":
                continue
            if kind in found:
                self.add(kind, found[kind], f"{method}({kind}=…)")
            else:
                default = "32" if kind == "batch_size" else "1"
                self.add_implicit(kind, call, kind, f"{method}({kind}=…)", default=default)

    def learning_rate_element(self, call, cls):
        kw = _keyword(call, "lr", "learning_rate")
        node = kw.value if kw is not None else (call.args[0] if call.args else None)
        where = f"{cls}(learning_rate=…)"
        if node is not None:
            element = self.add("learning_rate", node, where)
        else:
            from .names_data import TABLE

            default = TABLE["optimizer"]["defaults"]["learning_rate"].get(cls)
            element = self.add_implicit(
                "learning_rate",
                call,
                "learning_rate",
                where,
                default=standardise_node("learning_rate", ast.Constant(default), self.names) if default else "",
            )
        # Where the optimizer is used: `sgd = SGD(lr=…)` … `compile(optimizer=sgd)`.
        for name, values in self.assignments.items():
            if any(v is call for _, v in values):
                for other in self.compile_calls:
                    if any(
                        isinstance(a, ast.Name) and a.id == name
                        for a in list(other.args) + [k.value for k in other.keywords]
                    ):
                        element.used_at.append(other.lineno)

    def prepare(self):
        # Which model each `x.add(layer)` adds to; a model is a name within its function
        # (several builder functions often all call their model `model`).
        self._add_parent = {}
        for node in self.nodes:
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add"
                and node.args
            ):
                self._add_parent[id(node.args[0])] = model_key(self.scopes, node, _receiver(node))

    def scope_map(self):
        """One pass over the tree: every node, and the function each one sits in."""
        self.scopes = {}
        self.nodes = []
        stack = [(self.tree, "")]
        functions = (ast.FunctionDef, ast.AsyncFunctionDef)
        while stack:
            node, scope = stack.pop()
            self.nodes.append(node)
            self.scopes[id(node)] = scope
            inner = node.name if isinstance(node, functions) else scope
            for child in ast.iter_child_nodes(node):
                stack.append((child, inner))


def extract(source: str) -> Program:
    """Parses and reads one program; raises SyntaxError when it does not parse."""
    tree = parse(source)  # refuses parser bombs before parsing
    ex = _Extractor(source, tree)
    is_keras = ex.names.uses_keras()
    if is_keras:
        ex.prepare()
        ex.run()
    program = Program(source, tree, ex.names, is_keras, ex.elements, ex.layers, ex.compiles, ex.fits, ex.assignments)
    program.scopes = ex.scopes
    program.nodes = ex.nodes
    program.target_model = _target_model(program)
    return program


def _target_model(program: Program):
    """The model that is compiled (or, failing that, the one the last layer belongs to)."""
    grouped = {l.model for l in program.layers}
    for call in program.compiles:
        receiver = model_key(program.scopes, call, _receiver(call))
        if receiver in grouped:
            return receiver
    return program.layers[-1].model if program.layers else None
