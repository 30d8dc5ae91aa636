from __future__ import annotations

import pytest

from grader.errors import UnknownCheckError
from grader.rubric import registry
from grader.rubric.catalog import known_checks
from grader.rubric.catalog import lookup_check as get_check
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks a test registers leave with it (docs/packs.md lists the registry)."""
    monkeypatch.setattr(registry, "_CHECKS", dict(registry._CHECKS))


def test_builtin_checks_cover_the_common_rubric():
    names = known_checks()
    for name in (
        "completeness.solves_quest",
        "explanation.reasoned_text",
        "problem_solving.data_split",
        "retrospective.part",
        "app.works",
        "project.metric_threshold",
    ):
        assert name in names


def test_unknown_check_lists_known_names_in_korean():
    with pytest.raises(UnknownCheckError) as info:
        get_check("problem_solving.nope")
    assert "problem_solving.data_split" in info.value.message_ko
    assert "등록되지 않은" in info.value.message_ko


@pytest.mark.usefixtures("scratch_registry")
def test_check_receives_only_declared_inputs():
    @check("tests.only_evidence")
    def only_evidence(evidence: object) -> Outcome:
        return Outcome.of("o", "x", value=evidence)

    spec = get_check("tests.only_evidence")
    assert spec.argnames == ("evidence",)
    outcome = spec({"evidence": 42, "params": None, "prior": {}, "context": None})
    assert outcome.facts == {"value": 42}


@pytest.mark.usefixtures("scratch_registry")
def test_check_asking_for_unknown_input_is_refused():
    with pytest.raises(TypeError):

        @check("tests.bad")
        def bad(notebook: object) -> Outcome:  # pragma: no cover
            raise AssertionError
