"""Data handling in code: splits (train/validation/test) and preprocessing steps."""

from __future__ import annotations

import ast
import re
from typing import Literal

from grader.evidence.code.context import NotebookContext, is_fit_call
from grader.evidence.names import role_of
from grader.notebook.code import ParsedCell, callee, dotted, kwarg, src, target_names, walk
from grader.records.evidence import PreprocessingOp, SplitFact, SplitKind

_KFOLD = frozenset(
    {
        "KFold",
        "StratifiedKFold",
        "GroupKFold",
        "RepeatedKFold",
        "cross_val_score",
        "cross_validate",
        "cross_val_predict",
        "ShuffleSplit",
        "StratifiedShuffleSplit",
    }
)
_HELD_OUT = re.compile(r"val|test|검증|테스트|holdout|dev")
_INDEX_WORDS = re.compile(r"idx|index|indices|ids|mask|perm|split")
_METRIC_WORDS = re.compile(r"loss|acc|score|pred|mae|mse|rmse|metric|result|history")
_LOADERS = frozenset(
    {
        "image_dataset_from_directory",
        "text_dataset_from_directory",
        "audio_dataset_from_directory",
        "flow_from_directory",
        "flow_from_dataframe",
        "ImageFolder",
        "DatasetFolder",
        "load_dataset",
    }
)
_PATH_KEYWORDS = frozenset({"directory", "root", "path", "data_dir", "root_dir"})
_SPLIT_CALLS: dict[str, SplitKind] = {
    "train_test_split": "train_test_split",
    "random_split": "random_split",
    **dict.fromkeys(_KFOLD, "kfold"),
}
HeldOut = Literal["test", "validation"]


def _held_out_role(names: tuple[str, ...]) -> str:
    role = role_of(n for n in names if _HELD_OUT.search(n.lower()))
    return role if role in ("test", "validation") else "unknown"


def _held_out_roles(names: tuple[str, ...]) -> list[HeldOut]:
    """Every held-out role the names give (``val_ds, test_ds`` -> validation and test)."""
    roles = {_held_out_role((name,)) for name in names}
    held_out: tuple[HeldOut, ...] = ("validation", "test")
    return [r for r in held_out if r in roles]


def extract_splits(cell: ParsedCell, ctx: NotebookContext) -> list[SplitFact]:
    """Every split in one cell."""
    facts: list[SplitFact] = []
    for node, where in walk(cell.tree):
        if isinstance(node, ast.Call):
            facts.extend(_split_call(cell, node, where.assigned_to))
        elif isinstance(node, ast.Assign):
            fact = _slice_split(cell, node)
            if fact is not None:
                facts.append(fact)
            facts.extend(_test_renamed(cell, node))
    return facts


def _test_renamed(cell: ParsedCell, node: ast.Assign) -> list[SplitFact]:
    """Validation data that is the test set under another name (``x_val = x_test / 255``,
    ``x_val_noisy, x_val_clean = make_pairs(x_test)``): recorded as the test set used as
    validation data."""
    pairs: list[tuple[ast.expr, ast.expr]] = []
    for target in node.targets:
        values = node.value
        if isinstance(target, ast.Tuple) and isinstance(values, ast.Tuple):
            pairs.extend(zip(target.elts, values.elts, strict=False))
        elif isinstance(target, ast.Name | ast.Tuple):
            pairs.append((target, values))  # several names from one value: all come from it
    facts = []
    for target, value in pairs:
        names = target_names(target)
        if _held_out_role(names) != "validation" or _METRIC_WORDS.search(" ".join(names).lower()):
            continue
        if _held_out_roles(_data_names(value)) == ["test"]:
            facts.append(
                SplitFact(
                    kind="validation_data",
                    ref=cell.ref(node),
                    targets=names,
                    arguments=(src(value),),
                    role="test",
                )
            )
    return facts


def _split_call(cell: ParsedCell, call: ast.Call, targets: tuple[str, ...]) -> list[SplitFact]:
    name = callee(call)
    args = tuple(src(a) for a in call.args)
    facts: list[SplitFact] = []
    kind = _SPLIT_CALLS.get(name)
    if kind is None and name == "load_data" and isinstance(call.func, ast.Attribute):
        kind = "predefined"
    if kind is not None:
        for role in _call_roles(call, kind, targets):
            facts.append(
                SplitFact(kind=kind, ref=cell.ref(call), targets=targets, arguments=args, role=role)
            )
    facts.extend(_loader_split(cell, call, targets))
    split = kwarg(call, "validation_split")
    if split is not None:
        facts.append(
            SplitFact(
                kind="validation_split",
                ref=cell.ref(call),
                arguments=(src(split),),
                role="validation",
            )
        )
    data = kwarg(call, "validation_data") if is_fit_call(call) else None
    data = data if data is not None else kwarg(call, "eval_dataset")
    if data is not None:
        parts = validation_arguments(data)
        facts.append(
            SplitFact(
                kind="validation_data",
                ref=cell.ref(call),
                arguments=parts,
                role=_held_out_role(parts) if parts else "unknown",
            )
        )
    return facts


def _call_roles(call: ast.Call, kind: SplitKind, targets: tuple[str, ...]) -> list[str]:
    """Held-out roles of one split call: by the names it assigns; three parts of a
    ``random_split`` (``[.7, .15, .15]``) are train, validation and test."""
    if kind == "kfold":
        return ["validation"]
    roles: list[str] = list(_held_out_roles(targets))
    if kind == "random_split" and len(call.args) > 1:
        sizes = call.args[1]
        if isinstance(sizes, ast.List | ast.Tuple) and len(sizes.elts) >= 3:
            return ["validation", "test"]
    return roles or ["unknown"]


def _loader_split(cell: ParsedCell, call: ast.Call, targets: tuple[str, ...]) -> list[SplitFact]:
    """Held-out data a loader returns: a directory (``test/``, ``subset="validation"``), a
    provided split (``train=False``, ``split="test"``) or a notebook Dataset class."""
    name = callee(call)
    dataset_like = name[:1].isupper() or "datasets" in dotted(call.func) or name == "load"
    given = kwarg(call, "train") is not None or kwarg(call, "split") is not None
    provided = given and dataset_like
    folder = name in _LOADERS or (name.endswith("Dataset") and name[:1].isupper())
    if not (provided or folder):
        return []
    roles = _loader_roles(call, targets)
    kind: SplitKind = "predefined" if provided and name not in _LOADERS else "folder"
    return [
        SplitFact(
            kind=kind,
            ref=cell.ref(call),
            targets=targets,
            arguments=tuple(src(a) for a in call.args),
            role=role,
        )
        for role in roles
    ]


def _loader_roles(call: ast.Call, targets: tuple[str, ...]) -> list[HeldOut]:
    train = kwarg(call, "train")
    if isinstance(train, ast.Constant) and train.value is True:
        return []
    named = _held_out_roles(targets)
    if isinstance(train, ast.Constant) and train.value is False:
        return named or ["test"]
    for word in ("subset", "split"):
        value = kwarg(call, word)
        if value is not None:
            return named or _held_out_roles(_strings(value))
    paths = [*call.args[:1], *(k.value for k in call.keywords if k.arg in _PATH_KEYWORDS)]
    return named or _held_out_roles(tuple(src(a) for a in paths))


def _strings(node: ast.expr) -> tuple[str, ...]:
    return tuple(
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def validation_arguments(node: ast.expr) -> tuple[str, ...]:
    """``("x_test", "y_test")`` for ``validation_data=(x_test, y_test)``."""
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(src(e) for e in node.elts)
    return (src(node),)


def _data_names(value: ast.expr) -> tuple[str, ...]:
    """Variable names a value is computed from (not the functions it calls, nor the objects
    whose methods it calls: ``test_datagen.flow_from_directory(...)``)."""
    called = {
        id(inner) for n in ast.walk(value) if isinstance(n, ast.Call) for inner in ast.walk(n.func)
    }
    return tuple(n.id for n in ast.walk(value) if isinstance(n, ast.Name) and id(n) not in called)


def _slice_split(cell: ParsedCell, node: ast.Assign) -> SplitFact | None:
    """A manual hold-out: ``x_val = x[:n]``, ``val_idx = perm[:n]``, ``x_test = x[test_idx]``."""
    targets = tuple(n for t in node.targets for n in target_names(t))
    values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
    role = _held_out_role(targets)
    if role == "unknown" or any(_METRIC_WORDS.search(t.lower()) for t in targets):
        return None
    indexes = any(_INDEX_WORDS.search(t.lower()) for t in targets)
    if not any(_cuts(v, indexes) for v in values):
        return None
    return SplitFact(
        kind="slice",
        ref=cell.ref(node),
        targets=targets,
        arguments=tuple(src(v) for v in values),
        role=role,
    )


def _cuts(value: ast.expr, indexes: bool) -> bool:
    """A slice of the data, rows picked by a held-out index, or (for an index) a slice inside."""
    return _is_slice(value) or _by_held_out_index(value) or (indexes and _has_slice(value))


def _is_slice(node: ast.expr) -> bool:
    if not isinstance(node, ast.Subscript):
        return False
    index = node.slice
    if isinstance(index, ast.Tuple):
        return any(isinstance(e, ast.Slice) for e in index.elts)
    return isinstance(index, ast.Slice)


def _has_slice(node: ast.expr) -> bool:
    return any(isinstance(n, ast.expr) and _is_slice(n) for n in ast.walk(node))


def _by_held_out_index(node: ast.expr) -> bool:
    """``x[val_idx]``, ``df.iloc[test_idx]``, or rows filtered by ``i in val_idx``."""
    for child in ast.walk(node):
        if isinstance(child, ast.Subscript) and _names_held_out_index(child.slice):
            return True
        if isinstance(child, ast.Compare) and any(
            isinstance(op, ast.In) and _names_held_out_index(right)
            for op, right in zip(child.ops, child.comparators, strict=True)
        ):
            return True
    return False


def _names_held_out_index(node: ast.expr) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            name = child.id.lower()
            if _HELD_OUT.search(name) and _INDEX_WORDS.search(name):
                return True
    return False


_OPS: dict[str, str] = {
    "StandardScaler": "standardize",
    "MinMaxScaler": "scale",
    "RobustScaler": "standardize",
    "Normalizer": "standardize",
    "Normalization": "standardize",
    "Normalize": "standardize",
    "normalize": "standardize",
    "Rescaling": "scale",
    "ToTensor": "scale",
    "reshape": "reshape",
    "Reshape": "reshape",
    "expand_dims": "reshape",
    "unsqueeze": "reshape",
    "to_categorical": "one_hot",
    "one_hot": "one_hot",
    "OneHotEncoder": "one_hot",
    "LabelEncoder": "one_hot",
    "get_dummies": "one_hot",
    "LabelBinarizer": "one_hot",
    "ImageDataGenerator": "augment",
    "ColorJitter": "augment",
    "RandomErasing": "augment",
    "resize": "resize",
    "Resize": "resize",
    "Resizing": "resize",
    "CenterCrop": "resize",
    "Tokenizer": "tokenize",
    "pad_sequences": "tokenize",
    "TextVectorization": "tokenize",
    "texts_to_sequences": "tokenize",
    "fit_on_texts": "tokenize",
}
_NOT_AUGMENT = ("Classifier", "Regressor", "State", "SearchCV", "Search", "Generator")
_SCALE_DIVISORS = frozenset({255, 127.5, 16, 256})


def extract_preprocessing(cell: ParsedCell, ctx: NotebookContext) -> list[PreprocessingOp]:
    """Every preprocessing step in one cell (one per op and excerpt)."""
    ops: dict[tuple[str, str], PreprocessingOp] = {}
    for node, _ in walk(cell.tree):
        op = _op_of(node)
        if op is not None:
            ref = cell.ref(node)
            ops.setdefault((op, ref.excerpt), PreprocessingOp(ref=ref, op=op))
    return list(ops.values())


def _op_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Div):
        right = node.right if isinstance(node, ast.BinOp) else node.value
        return "scale" if _is_scale_divisor(right) else None
    if not isinstance(node, ast.Call):
        return None
    name = callee(node)
    if name == "ImageDataGenerator" and {k.arg for k in node.keywords} <= {"rescale", None}:
        return "scale"
    if name.startswith("Random") and not name.endswith(_NOT_AUGMENT):
        return "augment"
    if dotted(node.func).startswith(("A.", "albumentations.")):
        return "augment"
    return _OPS.get(name)


def _is_scale_divisor(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value in _SCALE_DIVISORS
    if isinstance(node, ast.Call):
        return callee(node) in {"max", "amax", "nanmax"}
    return False
