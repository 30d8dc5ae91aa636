"""Compare a notebook's models with the reference solution's (the baseline)."""

from __future__ import annotations

import ast
import re
from difflib import SequenceMatcher

from grader.records.evidence import EvidenceRef, ModelDefinition, NotebookEvidence
from grader.records.review import LayerEdit, ModelChange

IGNORED_LAYERS = frozenset({"Input", "InputLayer"})
EXCERPT_CHARS = 1500


def final_models(notebook: NotebookEvidence) -> list[ModelDefinition]:
    """The last definition of each named model with at least two layers, in notebook order.

    Custom layer classes are parts of models, not models; scikit-learn estimators are left
    out when the notebook also builds neural networks (they are helpers there, e.g. a judge).
    """
    neural = any(m.style not in ("sklearn", "custom_layer") for m in notebook.models)
    latest: dict[str, ModelDefinition] = {}
    for model in notebook.models:
        if model.style == "custom_layer" or (neural and model.style == "sklearn"):
            continue
        if len(_layers(model)) >= 2 or model.style in ("pretrained", "sklearn"):
            latest.pop(model.name, None)
            latest[model.name] = model
    return list(latest.values())


def custom_layers(notebook: NotebookEvidence) -> list[ModelDefinition]:
    """Layer classes the student wrote (``class SelfAttention(layers.Layer)``)."""
    return [m for m in notebook.models if m.style == "custom_layer"]


def compare_models(
    notebook: NotebookEvidence, baseline: NotebookEvidence | None
) -> list[ModelChange]:
    """Each final model of ``notebook`` with its layer edits against the best-matching baseline."""
    references = final_models(baseline) if baseline else []
    changes = []
    for model in final_models(notebook):
        match = _match(model, references)
        layers = _layers(model)
        changes.append(
            ModelChange(
                name=model.name or model.style,
                baseline=(match.name or match.style) if match else None,
                layers=layers,
                baseline_layers=_layers(match) if match else (),
                edits=layer_edits(_layers(match), layers) if match else (),
                params=_params(notebook, model),
                baseline_params=_params(baseline, match) if baseline and match else None,
                excerpt=_excerpt(notebook, model),
            )
        )
    return changes


def describe_custom_layers(notebook: NotebookEvidence) -> list[ModelChange]:
    """The student's own layer classes with their inner layers and code."""
    return [
        ModelChange(name=m.name, layers=_layers(m), excerpt=_excerpt(notebook, m))
        for m in custom_layers(notebook)
    ]


def layer_edits(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[LayerEdit, ...]:
    """Insertions, deletions and replacements turning ``old`` into ``new``."""
    edits = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "insert":
            edits.append(LayerEdit(kind="added", new=new[j1:j2]))
        elif tag == "delete":
            edits.append(LayerEdit(kind="removed", old=old[i1:i2]))
        elif tag == "replace":
            edits.append(LayerEdit(kind="replaced", old=old[i1:i2], new=new[j1:j2]))
    return tuple(edits)


def _layers(model: ModelDefinition | None) -> tuple[str, ...]:
    if model is None:
        return ()
    return tuple(layer for layer in model.layers if layer not in IGNORED_LAYERS)


def _match(model: ModelDefinition, references: list[ModelDefinition]) -> ModelDefinition | None:
    if not references:
        return None
    same_name = [r for r in references if r.name and r.name == model.name]
    if same_name:
        return same_name[0]
    layers = _layers(model)
    return max(references, key=lambda r: SequenceMatcher(a=_layers(r), b=layers).ratio())


def _params(notebook: NotebookEvidence, model: ModelDefinition) -> int | None:
    """The printed parameter count of this model: the summary whose model name shares the most
    words with the builder's name, else the first summary after the definition."""
    counts = sorted(notebook.param_counts, key=lambda c: c.ref.cell or 0)
    wanted = _name_words(model.name)
    scored = [(_overlap(wanted, _name_words(c.model)), c) for c in counts]
    best = max((score for score, _ in scored), default=0.0)
    if best > 0:
        return next(c.total for score, c in scored if score == best)
    after = [c for c in counts if (c.ref.cell or 0) >= (model.ref.cell or 0)]
    return after[0].total if len(after) == 1 or (after and not after[0].model) else None


def _name_words(name: str) -> set[str]:
    words = set(re.split(r"[^a-z0-9]+", name.lower())) - {"", "make", "build", "create", "get"}
    return words - {"model"}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _excerpt(notebook: NotebookEvidence, model: ModelDefinition) -> EvidenceRef:
    """The builder function or class where the model is defined (else its cell), capped."""
    cell = next((c for c in notebook.code if c.index == model.ref.cell), None)
    source = cell.source if cell else model.ref.excerpt
    return model.ref.model_copy(update={"excerpt": _definition(source, model.name)[:EXCERPT_CHARS]})


def _definition(source: str, name: str) -> str:
    """Source of the function or class called ``name`` in ``source``; all of it if absent."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return source
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return ast.get_source_segment(source, node) or source
    return source
