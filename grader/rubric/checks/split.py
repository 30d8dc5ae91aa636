"""3. 문제 해결 — data split: separate training, validation and test data, the test evaluated.

Roles come from what the code names and does: a split's variable names, a provided test split
(``train=False``), a ``test/`` directory, the data passed as ``validation_data`` /
``eval_dataset``, and the data that is evaluated. Two of the three roles (the test set used as
validation, or no test set) is △ without an assignment, as a careful reviewer would mark it;
an assignment that asks for train / validation / test makes it x. No held-out data is x.
"""

from __future__ import annotations

import re

from grader.records.evidence import (
    CodeCellSummary,
    Evidence,
    EvidenceRef,
    ModelDefinition,
    NotebookEvidence,
    SplitFact,
)
from grader.records.verdict import Mark
from grader.rubric.checks.common import cell_no, each, short
from grader.rubric.outcome import Outcome, ScoringContext
from grader.rubric.registry import check

VALIDATION_KINDS = {"validation_split", "kfold"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TEST_NAME = re.compile(r"test|테스트", re.IGNORECASE)
_GAN_PARTS = (("generator",), ("discriminator", "critic"))


@check("problem_solving.data_split")
def data_split(evidence: Evidence, context: ScoringContext | None = None) -> Outcome:
    """o for separate train, validation and test data with the test evaluated; △ (x under an
    assignment) for two of the three roles; x without held-out data."""
    assigned = context is not None and context.assignment_id is not None
    if not assigned and evidence.notebooks and all(is_gan(n) for n in evidence.notebooks):
        return _gan(evidence.notebooks[0])
    splits = each(evidence, lambda n: n.splits)
    validation = [s for s in splits if _is_validation(s)]
    held_test = [s for s in splits if _is_test(s)]
    evaluated = _test_evaluations(evidence, held_test)
    two_roles: Mark = "x" if assigned else "△"
    misused = [s for s in splits if s.kind == "validation_data" and s.role == "test"]
    if misused:
        return _misused(misused[0], "△" if validation else two_roles)
    leak = _first_leak(evidence)
    if leak is not None:
        return leak
    if validation and (held_test or evaluated):
        return _three_way(validation[0], held_test, evaluated)
    return _two_of_three(validation, [s.ref for s in held_test] + evaluated, two_roles)


def _misused(split: SplitFact, mark: Mark) -> Outcome:
    """The test set passed as the validation data of a training call, or renamed as it."""
    reason = "test_renamed_as_validation" if split.targets else "test_used_as_validation"
    return Outcome.of(
        mark,
        reason,
        [split.ref],
        where=cell_no(split.ref),
        data=", ".join(split.arguments) or short(split.ref.excerpt, 40),
        names=", ".join(split.targets),
    )


def _two_of_three(validation: list[SplitFact], tests: list[EvidenceRef], mark: Mark) -> Outcome:
    """Validation without test, test without validation, or no held-out data at all."""
    if validation:
        first = validation[0]
        return Outcome.of(
            mark, "no_test_split", [first.ref], where=cell_no(first.ref), kind=_describe(first)
        )
    if tests:
        return Outcome.of(
            mark,
            "no_validation_split",
            tests[:1],
            where=cell_no(tests[0]),
            test=short(tests[0].excerpt, 50) or "테스트 데이터",
        )
    return Outcome.of("x", "no_split")


def _three_way(
    validation: SplitFact, held_test: list[SplitFact], evaluated: list[EvidenceRef]
) -> Outcome:
    if not evaluated:
        test = held_test[0]
        return Outcome.of(
            "△",
            "test_not_evaluated",
            [validation.ref, test.ref],
            validation=_describe(validation),
            where=cell_no(validation.ref),
            test=cell_no(test.ref),
        )
    return Outcome.of(
        "o",
        "three_way_split",
        [validation.ref, evaluated[0]],
        validation=_describe(validation),
        where=cell_no(validation.ref),
        evaluated=cell_no(evaluated[0]),
    )


def _test_evaluations(evidence: Evidence, held_test: list[SplitFact]) -> list[EvidenceRef]:
    """Where the test data is evaluated: an evaluation on test-named data, a printed test
    score, or a later executed cell that passes a test split's variable to a call."""
    refs = [e.ref for e in each(evidence, lambda n: n.evaluations) if e.role == "test"]
    refs += [m.ref for m in each(evidence, lambda n: n.metrics) if m.role == "test"]
    for notebook in evidence.notebooks:
        refs += _passed_on(notebook, [s for s in held_test if s.ref.notebook == notebook.path])
    return refs


def _passed_on(notebook: NotebookEvidence, splits: list[SplitFact]) -> list[EvidenceRef]:
    """A cell after the training that passes a test split's variable to a call and shows
    output (a notebook's own evaluation function)."""
    trained = max((f.ref.cell or 0 for f in notebook.fits), default=-1)
    refs = []
    for split in splits:
        names = [t for t in split.targets if _TEST_NAME.search(t)]
        if not names:
            continue
        pattern = re.compile(r"\([^()]*\b(" + "|".join(map(re.escape, names)) + r")\b")
        start = max(trained, split.ref.cell or 0)
        cells = [c for c in notebook.code if c.index > start and c.has_output and not c.error]
        hit = next((c for c in cells if pattern.search(c.source)), None)
        if hit is not None:
            refs.append(EvidenceRef(source="code", notebook=notebook.path, cell=hit.index))
    return refs


def _first_leak(evidence: Evidence) -> Outcome | None:
    return next((o for n in evidence.notebooks if (o := _leak(n)) is not None), None)


def _leak(notebook: NotebookEvidence) -> Outcome | None:
    """△ when a model is fit on the whole data a test set was cut from, and that test set is
    evaluated afterwards (e.g. ``GridSearchCV.fit(X, y)`` after ``train_test_split(X, y)``)."""
    for split in notebook.splits:
        source = split.arguments[0] if split.arguments else ""
        tests = [t for t in split.targets if _TEST_NAME.search(t)]
        if split.kind != "train_test_split" or not _IDENTIFIER.fullmatch(source) or not tests:
            continue
        fit = _fit_on(notebook, source, split.ref.cell or 0)
        if fit is None:
            continue
        scored = [
            e
            for e in notebook.evaluations
            if (e.ref.cell or 0) >= fit.index and set(e.arguments) & set(tests)
        ]
        if scored:
            return Outcome.of(
                "△",
                "test_leak",
                [split.ref, EvidenceRef(source="code", notebook=notebook.path, cell=fit.index)],
                where=cell_no(split.ref),
                source=source,
                fit=cell_no(EvidenceRef(source="code", notebook=notebook.path, cell=fit.index)),
                evaluated=cell_no(scored[0].ref),
            )
    return None


def _fit_on(notebook: NotebookEvidence, source: str, after: int) -> CodeCellSummary | None:
    """The first later cell that fits on ``source`` itself (before ``source`` is rebound)."""
    fits = re.compile(r"\.(fit|search)\(\s*" + re.escape(source) + r"\s*[,)]")
    rebinds = re.compile(r"^\s*" + re.escape(source) + r"\s*=[^=]", re.MULTILINE)
    for cell in notebook.code:
        if cell.index <= after:
            continue
        if fits.search(cell.source) and cell.executed:
            return cell
        if rebinds.search(cell.source):
            return None
    return None


def _gan(notebook: NotebookEvidence) -> Outcome:
    parts = [_gan_part(notebook, words) for words in _GAN_PARTS]
    models = [m for m in parts if m is not None]
    return Outcome.of(
        "n/a",
        "split_not_applicable_gan",
        [m.ref for m in models],
        models=", ".join(f"{cell_no(m.ref)} {m.name}" for m in models),
    )


def _gan_part(notebook: NotebookEvidence, words: tuple[str, ...]) -> ModelDefinition | None:
    return next((m for m in notebook.models if any(w in m.name.lower() for w in words)), None)


def is_gan(notebook: NotebookEvidence) -> bool:
    """A GAN: the notebook defines both a generator and a discriminator (or critic)."""
    names = [m.name.lower() for m in notebook.models]
    return all(any(word in n for n in names for word in part) for part in _GAN_PARTS)


def _is_validation(split: SplitFact) -> bool:
    if split.kind in VALIDATION_KINDS:
        return True
    if split.kind == "validation_data":
        return split.role != "test"
    return split.role == "validation"


def _is_test(split: SplitFact) -> bool:
    if split.kind in {"predefined", "folder"}:
        return split.role in {"test", "unknown"}
    if split.kind in {"train_test_split", "random_split", "slice"}:
        return split.role in {"test", "unknown"}
    return False


def _describe(split: SplitFact) -> str:
    names = {
        "validation_split": "fit의 validation_split",
        "validation_data": "별도 검증 데이터(validation_data)",
        "kfold": "교차 검증(K-Fold)",
        "train_test_split": "train_test_split으로 나눈 검증 세트",
        "random_split": "random_split으로 나눈 검증 세트",
        "slice": "인덱스·슬라이싱으로 떼어 낸 검증 세트",
        "predefined": "데이터셋이 제공하는 분할",
        "folder": "따로 불러온 검증 데이터(폴더·Dataset)",
    }
    return names[split.kind]
