"""Compare a notebook's models with the reference solution's (the baseline)."""

from __future__ import annotations

from difflib import SequenceMatcher

from grader.records.evidence import EvidenceRef, ModelDefinition, NotebookEvidence, ParamCount
from grader.records.review import LayerEdit, ModelChange

IGNORED_LAYERS = frozenset({"Input", "InputLayer"})
EXCERPT_CHARS = 1500


def final_models(notebook: NotebookEvidence) -> list[ModelDefinition]:
    """The last definition of each named model with at least two layers, in notebook order."""
    latest: dict[str, ModelDefinition] = {}
    for model in notebook.models:
        if len(_layers(model)) >= 2:
            latest.pop(model.name, None)
            latest[model.name] = model
    return list(latest.values())


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
    """The printed parameter count of this model: by summary name, else the next summary."""
    counts = sorted(notebook.param_counts, key=lambda c: c.ref.cell or 0)
    stem = model.name.lower().removeprefix("make_").removeprefix("build_").removesuffix("_model")
    named = [c for c in counts if stem and stem in c.model.lower()]
    if named:
        return named[-1].total
    after = [c for c in counts if (c.ref.cell or 0) >= (model.ref.cell or 0)]
    return _first_unclaimed(after, notebook, model)


def _first_unclaimed(
    counts: list[ParamCount], notebook: NotebookEvidence, model: ModelDefinition
) -> int | None:
    """The first count not closer to a later model definition."""
    later = [m.ref.cell or 0 for m in notebook.models if (m.ref.cell or 0) > (model.ref.cell or 0)]
    limit = min(later) if later else None
    for count in counts:
        if limit is None or (count.ref.cell or 0) < limit or not count.model:
            return count.total
    return counts[0].total if counts else None


def _excerpt(notebook: NotebookEvidence, model: ModelDefinition) -> EvidenceRef:
    cell = next((c for c in notebook.code if c.index == model.ref.cell), None)
    source = cell.source if cell else model.ref.excerpt
    return model.ref.model_copy(update={"excerpt": source[:EXCERPT_CHARS]})
