"""gan-digits project criteria over literal evidence: samples, GAN losses, baseline changes."""

from __future__ import annotations

from grader.records.evidence import (
    EpochMetrics,
    EvidenceRef,
    FigureOutput,
    ModelDefinition,
    PlotCall,
    SampleJudgement,
    TrainingRun,
)
from grader.rubric.checks.generation import (
    BaselineParams,
    SamplesParams,
    gan_losses_tracked,
    improves_baseline,
    samples_recognisable,
)
from grader.rubric.messages import render_comment
from grader.rubric.outcome import ScoringContext
from tests.rubric.factories import code, evidence, notebook, ref

PARAMS = SamplesParams()


def judged(**facts: object) -> SampleJudgement:
    base: dict[str, object] = {
        "ref": EvidenceRef(source="file", notebook="a.ipynb", excerpt="generated_samples.npy"),
        "path": "generated_samples.npy",
        "notebook": "a.ipynb",
        "count": 500,
        "recognised_share": 0.7,
        "classes_covered": 10,
    }
    return SampleJudgement(**{**base, **facts})  # type: ignore[arg-type]


def test_recognisable_diverse_samples_are_o():
    outcome = samples_recognisable(evidence(samples=(judged(),)), PARAMS)
    assert outcome.mark == "o" and outcome.reason == "samples_recognised"
    assert "70.0%" in render_comment(outcome.reason, outcome.facts)


def test_noise_is_x():
    outcome = samples_recognisable(
        evidence(samples=(judged(recognised_share=0.0, classes_covered=0),)), PARAMS
    )
    assert (outcome.mark, outcome.reason) == ("x", "samples_not_recognised")


def test_one_repeated_digit_is_mode_collapse():
    outcome = samples_recognisable(
        evidence(samples=(judged(recognised_share=0.98, classes_covered=1),)), PARAMS
    )
    assert (outcome.mark, outcome.reason) == ("x", "samples_collapsed")


def test_conditional_samples_judged_by_requested_label():
    good = judged(label_match_share=0.62, labels_path="generated_labels.npy")
    assert samples_recognisable(evidence(samples=(good,)), PARAMS).reason == "samples_match_labels"
    ignored = judged(label_match_share=0.1, labels_path="generated_labels.npy")
    outcome = samples_recognisable(evidence(samples=(ignored,)), PARAMS)
    assert (outcome.mark, outcome.reason) == ("x", "samples_ignore_labels")


def test_best_member_counts_for_the_team():
    weak = judged(notebook="a.ipynb", recognised_share=0.1, classes_covered=3)
    strong = judged(notebook="b.ipynb", path="b_generated_samples.npy", recognised_share=0.8)
    outcome = samples_recognisable(evidence(samples=(weak, strong)), PARAMS)
    assert outcome.mark == "o" and outcome.facts["file"] == "b_generated_samples.npy"
    assert len(outcome.facts["summary"]) == 2


def test_too_few_samples_is_uncertain():
    outcome = samples_recognisable(evidence(samples=(judged(count=10),)), PARAMS)
    assert outcome.mark == "△"


def test_unusable_file_is_x_with_the_reason():
    broken = judged(problem="artifact_bad_shape", problem_detail="500x28x28", count=0)
    outcome = samples_recognisable(evidence(samples=(broken,)), PARAMS)
    assert outcome.mark == "x" and "(N, 8, 8)" in render_comment(outcome.reason, outcome.facts)


def test_no_file_but_sample_grid_shown_is_uncertain():
    cell = code(5, "imgs = generator(noise)\nplt.imshow(imgs[0])", image=True)
    ev = evidence(notebook(code=(cell,), figures=(FigureOutput(ref=ref(5, "output")),)))
    assert samples_recognisable(ev, PARAMS).reason == "samples_only_shown"
    assert samples_recognisable(evidence(), PARAMS).reason == "samples_missing"


PLOT_SRC = "plt.plot(history['gen_loss'], label='G')\nplt.plot(history['disc_loss'])\nplt.show()"


def test_loss_plot_shown_is_o():
    nb = notebook(
        code=(code(7, PLOT_SRC, image=True),),
        plots=(PlotCall(ref=ref(7), function="plt.plot"),),
        figures=(FigureOutput(ref=ref(7, "output")),),
    )
    outcome = gan_losses_tracked(evidence(nb))
    assert outcome.mark == "o" and outcome.evidence[0].source == "output"


def test_loss_plot_without_figure_is_uncertain():
    nb = notebook(
        code=(code(7, PLOT_SRC, output=False),), plots=(PlotCall(ref=ref(7), function="plt.plot"),)
    )
    assert gan_losses_tracked(evidence(nb)).mark == "△"


def test_losses_only_printed_is_x():
    src = "print(f'epoch {e}: g_loss {g:.3f} d_loss {d:.3f}')"
    assert (
        gan_losses_tracked(evidence(notebook(code=(code(4, src),)))).reason
        == "gan_losses_only_printed"
    )
    run = TrainingRun(
        ref=ref(4, "output"),
        source="keras_log",
        epochs=(EpochMetrics(epoch=1, metrics={"d_loss": 1.3, "g_loss": 0.7}),),
    )
    assert gan_losses_tracked(evidence(notebook(runs=(run,)))).reason == "gan_losses_only_printed"
    assert gan_losses_tracked(evidence()).reason == "gan_losses_missing"


def test_loss_name_patterns():
    from grader.rubric.checks.generation import _names_both

    assert _names_both("ax.plot(gen_losses); ax.plot(disc_losses)")
    assert _names_both("'Generator loss' ... 'Discriminator loss'")
    assert _names_both("생성자 손실과 판별자 손실")
    assert not _names_both("model.add_loss(x); loss = gen(x)")


GEN = ("Dense", "BatchNormalization", "LeakyReLU", "Reshape", "Conv2DTranspose", "Conv2DTranspose")
DISC = ("Conv2D", "LeakyReLU", "Dropout", "Conv2D", "LeakyReLU", "Dropout", "Flatten", "Dense")


def model(
    name: str, layers: tuple[str, ...], cell: int = 2, nb: str = "a.ipynb"
) -> ModelDefinition:
    return ModelDefinition(ref=ref(cell, notebook=nb), name=name, style="sequential", layers=layers)


BASELINE = notebook(
    path="solution.ipynb",
    models=(
        model("make_generator_model", GEN),
        model("make_discriminator_model", DISC),
        model("make_generator_model_v2", (*GEN, "Conv2D")),
    ),
)
ONLY_BASE = BaselineParams(baseline_models=("make_generator_model", "make_discriminator_model"))


def context(ev: object) -> ScoringContext:
    return ScoringContext(evidence=ev, baseline=BASELINE)  # type: ignore[arg-type]


def test_gap_discriminator_is_an_improvement():
    gap = (*DISC[:6], "GlobalAveragePooling2D", "Dense", "Dense", "Dense")
    nb = notebook(
        code=(code(2, "def make_discriminator_model(): ..."),),
        models=(model("make_discriminator_model", GEN[:0] + gap),),
    )
    ev = evidence(nb)
    outcome = improves_baseline(ev, context(ev), ONLY_BASE)
    assert outcome.mark == "o"
    assert "Flatten → GlobalAveragePooling2D" in outcome.facts["changes"][0]


def test_copy_of_the_baseline_is_x_even_if_the_reference_has_an_improved_model():
    nb = notebook(
        code=(code(2, "..."),),
        models=(model("make_generator_model", GEN), model("make_discriminator_model", DISC)),
    )
    ev = evidence(nb)
    assert improves_baseline(ev, context(ev), ONLY_BASE).reason == "baseline_unchanged"


def test_changed_model_that_never_ran_is_uncertain():
    cell = code(2, "...")
    cell = cell.model_copy(update={"executed": False, "has_output": False})
    nb = notebook(code=(cell,), models=(model("make_generator_model", (*GEN, "Dropout")),))
    ev = evidence(nb)
    assert improves_baseline(ev, context(ev), ONLY_BASE).mark == "△"


def test_without_baseline_is_uncertain():
    ev = evidence()
    assert (
        improves_baseline(ev, ScoringContext(evidence=ev), ONLY_BASE).reason
        == "baseline_unavailable"
    )
