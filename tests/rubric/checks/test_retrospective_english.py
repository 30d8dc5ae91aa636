"""English retrospectives: their headings and first-person sentences; summaries are not."""

from __future__ import annotations

from tests.rubric.checks.retro_cases import code, grade, marks, md


def test_reflection_prose_in_english_counts_per_part() -> None:
    outcomes = grade(
        md("# Training"),
        code(),
        md(
            "## Reflection\n"
            "I learned that the validation split has to be fixed before any tuning.\n"
            "I was surprised by how much label smoothing helped the small model.\n"
            "Looking back, I should have logged every run into one table.\n"
            "I struggled with the data loader because the masks had a different shape."
        ),
    )
    assert marks(outcomes) == {"learned": "o", "regrets": "o", "felt": "o", "difficulties": "o"}
    assert {o.reason for o in outcomes.values()} == {"part_in_prose"}
    assert outcomes["regrets"].facts["quote"].startswith("Looking back, I should have")
    assert outcomes["felt"].facts["where"] == "a.ipynb 셀 3"


def test_english_part_headings_under_a_retrospective() -> None:
    outcomes = grade(
        code(),
        md(
            "## Retrospective\n"
            "### Key lessons\n- Freezing the backbone first made fine-tuning far more stable.\n"
            "### Feelings\nSeeing the generated digits sharpen epoch by epoch was exciting.\n"
            "### Struggles\nThe discriminator kept winning until I lowered its learning rate."
        ),
    )
    assert marks(outcomes) == {"learned": "o", "regrets": "x", "felt": "o", "difficulties": "o"}
    assert outcomes["difficulties"].reason == "part_written"
    assert "discriminator kept winning" in outcomes["difficulties"].facts["quote"]
    assert outcomes["regrets"].reason == "part_missing_in_retro"


def test_a_problem_heading_in_the_middle_of_the_experiments_is_no_difficulty() -> None:
    outcomes = grade(
        md(
            "## Background\n### How skip connections solve the degradation problem\n"
            "Deeper plain networks train worse; a shortcut lets the gradient reach early layers."
        ),
        code(),
        md("## Results\nThe residual model reached 0.91 validation accuracy."),
        code("plt.plot(history.history['val_accuracy'])"),
    )
    assert (outcomes["difficulties"].mark, outcomes["difficulties"].reason) == (
        "x",
        "no_retrospective",
    )


def test_a_conclusion_that_only_summarises_results_is_no_retrospective() -> None:
    outcomes = grade(
        code(),
        md(
            "## Conclusion\nThe residual network beat the plain one by 12 points on test data.\n"
            "### Final takeaway\nShortcut connections, not depth alone, drive the improvement."
        ),
    )
    assert set(marks(outcomes).values()) == {"x"}
    assert outcomes["learned"].reason == "summary_not_retro"
    assert outcomes["learned"].facts["heading"] == "Conclusion"


def test_what_the_model_learned_at_the_end_is_about_the_model() -> None:
    outcomes = grade(
        code(),
        md("## Conclusion\n### What the network learned\nEarly filters respond to edges, later ones to "
           "whole digit strokes, as the activation maps above show."),
    )
    assert outcomes["learned"].mark == "x"
