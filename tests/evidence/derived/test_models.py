from __future__ import annotations

from grader.evidence.derived.models import compare_models, final_models, layer_edits
from grader.records.evidence import (
    CodeCellSummary,
    EvidenceRef,
    ModelDefinition,
    NotebookEvidence,
    ParamCount,
)


def model(name: str, layers: tuple[str, ...], cell: int) -> ModelDefinition:
    return ModelDefinition(ref=EvidenceRef(source="code", cell=cell), name=name, style="sequential", layers=layers)


def count(total: int, cell: int, name: str = "") -> ParamCount:
    return ParamCount(ref=EvidenceRef(source="output", cell=cell), total=total, model=name)


DISC = ("Conv2D", "LeakyReLU", "Dropout", "Flatten", "Dense")


def test_edits_name_replacements_additions_and_removals():
    edits = layer_edits(DISC, ("Conv2D", "LeakyReLU", "GlobalAveragePooling2D", "Dense", "Dense", "Dense"))
    kinds = [(e.kind, e.old, e.new) for e in edits]
    assert ("replaced", ("Dropout", "Flatten"), ("GlobalAveragePooling2D",)) in kinds
    assert ("added", (), ("Dense", "Dense")) in kinds


def test_models_are_matched_by_name_and_counts_by_summary_header():
    baseline = NotebookEvidence(
        path="ref.ipynb", ran_to_end=True,
        models=(model("make_generator_model", ("Dense", "Reshape", "Conv2DTranspose"), 2),
                model("make_discriminator_model", DISC, 3)),
        param_counts=(count(1000, 4, "discriminator"), count(5000, 4, "generator")),
    )
    mine = NotebookEvidence(
        path="me.ipynb", ran_to_end=True,
        models=(model("make_discriminator_model", ("Conv2D", "LeakyReLU", "Dropout", "GlobalAveragePooling2D", "Dense", "Dense"), 5),),
        param_counts=(count(800, 6, "discriminator"),),
        code=(CodeCellSummary(index=5, source="def make_discriminator_model():\n    ..."),),
    )
    [change] = compare_models(mine, baseline)
    assert change.baseline == "make_discriminator_model"
    assert (change.params, change.baseline_params) == (800, 1000)
    assert change.params_change == -0.2
    assert change.excerpt is not None and change.excerpt.excerpt.startswith("def make_discriminator_model")
    assert [e.kind for e in change.edits] == ["replaced", "added"]


def test_redefined_model_keeps_only_the_last_definition():
    nb = NotebookEvidence(path="a.ipynb", ran_to_end=True,
                          models=(model("m", ("Dense", "Dense"), 1), model("m", ("Conv2D", "Dense"), 4)))
    [last] = final_models(nb)
    assert last.layers == ("Conv2D", "Dense")


def test_without_baseline_the_structure_is_reported_plainly():
    nb = NotebookEvidence(path="a.ipynb", ran_to_end=True, models=(model("net", ("Input", "Dense", "Dense"), 1),))
    [change] = compare_models(nb, None)
    assert change.baseline is None and change.layers == ("Dense", "Dense") and not change.edits
