"""Models and hyperparameter settings in code."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Literal

from grader.evidence.code.context import NotebookContext
from grader.evidence.names import CONFIG_NAMES, hyperparam_name
from grader.notebook.code import ParsedCell, callee, dotted, kwarg, receiver, src, walk
from grader.records.evidence import HyperparamSetting, ModelDefinition

_LAYER = re.compile(
    r"^(Dense|Conv[123]d|Conv[123]D|Conv[123]DTranspose|ConvTranspose[123]d|SeparableConv2D|"
    r"DepthwiseConv2D|(Max|Average|Avg|GlobalAverage|GlobalMax|AdaptiveAvg|AdaptiveMax)Pool(ing)?"
    r"[123][Dd]|Flatten|Dropout[123]?d?|SpatialDropout[123]D|BatchNorm(alization)?[123]?d?|"
    r"LayerNorm(alization)?|GroupNorm|Linear|LSTM|GRU|RNN|SimpleRNN|Bidirectional|Embedding|"
    r"Attention|MultiHeadAttention|MultiheadAttention|Transformer\w*|Reshape|Activation|ReLU|"
    r"LeakyReLU|PReLU|ELU|GELU|Sigmoid|Tanh|Softmax|Concatenate|Add|UpSampling[123]D|Upsample|"
    r"ZeroPadding[123]D|Input|InputLayer|Rescaling|Normalization|Random\w+|Resizing|"
    r"GaussianNoise|Lambda|TimeDistributed|RepeatVector|Identity|Embedding\w*)$"
)
_PRETRAINED = re.compile(
    r"^(ResNet\d+(V2)?|VGG1[69]|MobileNet(V[23])?(Small|Large)?|InceptionV3|InceptionResNetV2|"
    r"Xception|DenseNet\d+|EfficientNet(V2)?[BSML]\d?|NASNet\w+|ConvNeXt\w+)$"
)
_TORCHVISION = re.compile(
    r"^(resnet\d+|vgg\d+(_bn)?|mobilenet_v\d\w*|densenet\d+|efficientnet_\w+|"
    r"inception_v3|alexnet|vit_\w+|convnext_\w+)$"
)
_SKLEARN = re.compile(
    r"(Classifier|Regressor|Regression|^SVC|^SVR|^LinearSVC|^KMeans|^Ridge|"
    r"^Lasso|^ElasticNet|^GaussianNB|^MultinomialNB|^XGB\w+|^LGBM\w+)$"
)
_SUBCLASS_BASES: dict[str, Literal["subclass", "torch_module", "custom_layer"]] = {
    "Model": "subclass",
    "Layer": "custom_layer",
    "Module": "torch_module",
}
_MODEL_CALLS = frozenset({"Model", "Functional"})


def is_layer(name: str) -> bool:
    """A Keras/PyTorch layer class name."""
    return bool(_LAYER.match(name))


@dataclass
class ModelTracker:
    """Collects model definitions over a notebook (``model.add`` extends earlier ones)."""

    models: list[ModelDefinition] = field(default_factory=list)
    custom_layers: set[str] = field(default_factory=set)
    """Layer classes the student wrote; calls to them count as layers of a model."""
    _sequential: dict[tuple[str | None, str], int] = field(default_factory=dict)

    def visit(self, cell: ParsedCell, ctx: NotebookContext) -> None:
        """Record the models defined (or extended) in one cell."""
        for node, where in walk(cell.tree):
            if isinstance(node, ast.ClassDef):
                self._subclass(cell, node)
            elif isinstance(node, ast.Call):
                self._call(cell, node, where.function, where.assigned_to)

    def _subclass(self, cell: ParsedCell, node: ast.ClassDef) -> None:
        bases = [dotted(b).rsplit(".", 1)[-1] for b in node.bases]
        style = next((_SUBCLASS_BASES[b] for b in bases if b in _SUBCLASS_BASES), None)
        if style is not None:
            if style == "custom_layer":
                self.custom_layers.add(node.name)
            layers = _layers_in(node, known=self.custom_layers)
            ref = cell.ref(node).model_copy(update={"excerpt": f"class {node.name}(...)"})
            self.models.append(ModelDefinition(ref=ref, name=node.name, style=style, layers=layers))

    def _call(
        self, cell: ParsedCell, call: ast.Call, function: str | None, assigned: tuple[str, ...]
    ) -> None:
        name = callee(call)
        label = function or (assigned[0] if assigned else "")
        if name == "Sequential":
            layers = tuple(
                layer for a in call.args for layer in _layers_in(a, known=self.custom_layers)
            )
            self._sequential[(function, assigned[0] if assigned else "")] = len(self.models)
            self.models.append(
                ModelDefinition(ref=cell.ref(call), name=label, style="sequential", layers=layers)
            )
        elif name == "add" and call.args and isinstance(call.args[0], ast.Call):
            self._add(call, function)
        elif name in _MODEL_CALLS and (call.args or kwarg(call, "inputs") is not None):
            self.models.append(
                ModelDefinition(
                    ref=cell.ref(call),
                    name=label,
                    style="functional",
                    layers=_layers_in(cell.tree, function, known=self.custom_layers),
                )
            )
        elif _is_pretrained(call, name):
            self.models.append(
                ModelDefinition(ref=cell.ref(call), name=label, style="pretrained", layers=(name,))
            )
        elif _SKLEARN.search(name) and name[:1].isupper():
            self.models.append(
                ModelDefinition(ref=cell.ref(call), name=label, style="sklearn", layers=(name,))
            )

    def _add(self, call: ast.Call, function: str | None) -> None:
        index = self._sequential.get((function, receiver(call)))
        layer = callee(call.args[0]) if isinstance(call.args[0], ast.Call) else ""
        if index is None or not (is_layer(layer) or layer in self.custom_layers):
            return
        model = self.models[index]
        self.models[index] = model.model_copy(update={"layers": (*model.layers, layer)})


def _is_pretrained(call: ast.Call, name: str) -> bool:
    if _PRETRAINED.match(name):
        return True
    has_weights = kwarg(call, "weights") is not None or kwarg(call, "pretrained") is not None
    return bool(_TORCHVISION.match(name)) and (has_weights or "models." in dotted(call.func))


def _layers_in(
    node: ast.AST, function: str | None = None, *, known: set[str] | frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Layer class names called under ``node`` (inside ``function`` when given), in order;
    ``known`` adds the student's own layer classes."""
    scope: ast.AST = node
    if function is not None:
        scope = next(
            (f for f in ast.walk(node) if isinstance(f, ast.FunctionDef) and f.name == function),
            node,
        )
    calls = [
        n
        for n in ast.walk(scope)
        if isinstance(n, ast.Call) and (is_layer(callee(n)) or callee(n) in known)
    ]
    calls.sort(key=lambda c: (c.lineno, c.col_offset))
    return tuple(callee(c) for c in calls)


_OPTIMIZERS = frozenset(
    {"Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion"}
)
_OPTIMIZER_KWARGS = {
    "learning_rate": "learning_rate",
    "lr": "learning_rate",
    "momentum": "momentum",
    "weight_decay": "weight_decay",
}


def extract_hyperparams(cell: ParsedCell, ctx: NotebookContext) -> list[HyperparamSetting]:
    """Hyperparameter values set in one cell."""
    settings: list[HyperparamSetting] = []
    for node, _ in walk(cell.tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets: list[ast.expr] = (
                list(node.targets) if isinstance(node, ast.Assign) else [node.target]
            )
            settings.extend(_assigned(cell, node, targets, node.value))
        elif isinstance(node, ast.Call):
            settings.extend(_call_settings(cell, node))
    return settings


def _assigned(
    cell: ParsedCell, node: ast.stmt, targets: list[ast.expr], value: ast.expr
) -> list[HyperparamSetting]:
    settings = []
    for target in targets:
        name = dotted(target)
        normal = hyperparam_name(name) if name else None
        if normal is not None and not _is_call_result(value):
            settings.append(HyperparamSetting(ref=cell.ref(node), name=normal, value=src(value)))
        if name and CONFIG_NAMES.search(name.lower()) and normal is None:
            settings.extend(_dict_settings(cell, value, every_key=True))
        elif normal is None:
            settings.extend(_dict_settings(cell, value, every_key=False))
    return settings


def _is_call_result(value: ast.expr) -> bool:
    """``epochs = range(10)`` is fine; ``lr = scheduler.get_lr()`` is not a setting."""
    return isinstance(value, ast.Call) and callee(value) not in {
        "range",
        "list",
        "linspace",
        "logspace",
        "arange",
    }


def _dict_settings(cell: ParsedCell, value: ast.expr, every_key: bool) -> list[HyperparamSetting]:
    dicts = [value] if isinstance(value, ast.Dict) else []
    if isinstance(value, ast.List | ast.Tuple):
        dicts = [e for e in value.elts if isinstance(e, ast.Dict)]
    settings = []
    for mapping in dicts:
        for key, item in zip(mapping.keys, mapping.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            raw = key.value.rsplit("__", 1)[-1]
            normal = hyperparam_name(raw) or (raw if every_key else None)
            if normal:
                settings.append(
                    HyperparamSetting(ref=cell.ref(mapping), name=normal, value=src(item))
                )
    return settings


def _call_settings(cell: ParsedCell, call: ast.Call) -> list[HyperparamSetting]:
    name = callee(call)
    found: list[tuple[str, ast.expr | None]] = []
    if name in _OPTIMIZERS:
        found.append(("optimizer", ast.Constant(name)))
        found.extend((n, kwarg(call, k)) for k, n in _OPTIMIZER_KWARGS.items())
    elif name.startswith("Dropout") or name == "SpatialDropout2D":
        found.append(("dropout", kwarg(call, "rate") or kwarg(call, "p") or _arg(call, 0)))
    elif name == "Dense" or (name in {"LSTM", "GRU", "SimpleRNN"} and not _is_torch(call)):
        found.append(("units", kwarg(call, "units") or _arg(call, 0)))
    elif name in {"Linear", "RNN", "LSTM", "GRU"}:
        found.append(
            ("units", kwarg(call, "out_features") or kwarg(call, "hidden_size") or _arg(call, 1))
        )
    elif name == "compile":
        optimizer = kwarg(call, "optimizer")
        if isinstance(optimizer, ast.Constant):
            found.append(("optimizer", optimizer))
    return [
        HyperparamSetting(ref=cell.ref(call), name=n, value=_value_text(v))
        for n, v in found
        if v is not None
    ]


def _is_torch(call: ast.Call) -> bool:
    return dotted(call.func).startswith(("nn.", "torch.nn."))


def _arg(call: ast.Call, index: int) -> ast.expr | None:
    return call.args[index] if len(call.args) > index else None


def _value_text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return src(node)
