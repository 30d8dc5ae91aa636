"""Data handling in code: splits (train/validation/test) and preprocessing steps."""

from __future__ import annotations

import ast
import re

from grader.evidence.code_context import NotebookContext, is_fit_call
from grader.evidence.code_parse import ParsedCell, callee, dotted, kwarg, src, target_names, walk
from grader.evidence.names import role_of
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


def _held_out_role(names: tuple[str, ...]) -> str:
    role = role_of(n for n in names if _HELD_OUT.search(n.lower()))
    return role if role in ("test", "validation") else "unknown"


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
    return facts


def _split_call(cell: ParsedCell, call: ast.Call, targets: tuple[str, ...]) -> list[SplitFact]:
    name = callee(call)
    args = tuple(src(a) for a in call.args)
    facts: list[SplitFact] = []
    kind: SplitKind | None = None
    if name == "train_test_split":
        kind = "train_test_split"
    elif name == "random_split":
        kind = "random_split"
    elif name in _KFOLD:
        kind = "kfold"
    elif name == "load_data" and isinstance(call.func, ast.Attribute):
        kind = "predefined"
    if kind is not None:
        role = "validation" if kind == "kfold" else _held_out_role(targets)
        facts.append(
            SplitFact(kind=kind, ref=cell.ref(call), targets=targets, arguments=args, role=role)
        )
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
    data = kwarg(call, "validation_data")
    if data is not None and is_fit_call(call):
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


def validation_arguments(node: ast.expr) -> tuple[str, ...]:
    """``("x_test", "y_test")`` for ``validation_data=(x_test, y_test)``."""
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(src(e) for e in node.elts)
    return (src(node),)


def _slice_split(cell: ParsedCell, node: ast.Assign) -> SplitFact | None:
    targets = tuple(n for t in node.targets for n in target_names(t))
    values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
    if not any(_is_slice(v) for v in values):
        return None
    role = _held_out_role(targets)
    if role == "unknown":
        return None
    return SplitFact(
        kind="slice",
        ref=cell.ref(node),
        targets=targets,
        arguments=tuple(src(v) for v in values),
        role=role,
    )


def _is_slice(node: ast.expr) -> bool:
    if not isinstance(node, ast.Subscript):
        return False
    index = node.slice
    if isinstance(index, ast.Tuple):
        return any(isinstance(e, ast.Slice) for e in index.elts)
    return isinstance(index, ast.Slice)


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
