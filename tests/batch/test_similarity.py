from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.batch.similarity import (
    SubmissionText,
    boilerplate_lines,
    find_similar,
    notebook_sources,
)
from grader.pipeline import load_assignment
from tests.batch.conftest import EXAMPLES, lightly_edited


def texts_of(path: Path) -> tuple[str, ...]:
    return tuple(notebook_sources(json.loads(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def assignment():
    return load_assignment("cnn-digits")


@pytest.fixture(scope="module")
def boilerplate(assignment) -> frozenset[str]:
    return boilerplate_lines(assignment)


def test_identical_and_lightly_edited_copies_are_flagged(tmp_path: Path, boilerplate):
    strong = texts_of(EXAMPLES / "strong.ipynb")
    edited = texts_of(lightly_edited(EXAMPLES / "strong.ipynb", tmp_path / "e.ipynb"))
    class_ = [
        SubmissionText("a", "h-strong", strong),
        SubmissionText("b", "h-strong", strong),
        SubmissionText("c", "h-edited", edited),
        SubmissionText("d", "h-weak", texts_of(EXAMPLES / "weak.ipynb")),
        SubmissionText("e", "h-claims", texts_of(EXAMPLES / "claims-only.ipynb")),
    ]
    pairs = {(p.first, p.second): p for p in find_similar(class_, boilerplate)}
    assert pairs[("a", "b")].kind == "identical"
    assert pairs[("a", "c")].kind == "similar" and pairs[("a", "c")].similarity > 0.8
    assert ("b", "c") in pairs
    assert not {k for k in pairs if "d" in k or "e" in k}  # different work is not flagged
    assert pairs[("a", "c")].excerpts  # the shared lines are quoted


def test_the_starters_own_text_is_not_flagged(assignment, boilerplate):
    starter = tuple(notebook_sources(json.loads(
        assignment.pack.starter_path.read_text(encoding="utf-8"))))
    own_a = "# 나의 실험\nmodel.fit(x_train, y_train, epochs=3, batch_size=32, validation_split=0.2)"
    own_b = "# 다른 실험\nclf = RandomForestClassifier(n_estimators=200, max_depth=12).fit(a, b)"
    class_ = [SubmissionText("a", "h1", (*starter, own_a)),
              SubmissionText("b", "h2", (*starter, own_b))]
    assert find_similar(class_, boilerplate) == []
    # without the course text removed the shared starter would be flagged
    assert find_similar(class_, frozenset())


def test_identical_files_are_flagged_even_with_no_text_of_their_own(boilerplate):
    class_ = [SubmissionText("a", "same", ()), SubmissionText("b", "same", ())]
    [pair] = find_similar(class_, boilerplate)
    assert (pair.first, pair.second, pair.kind) == ("a", "b", "identical")


def test_without_datasketch_every_pair_is_compared(monkeypatch: pytest.MonkeyPatch, boilerplate):
    import builtins

    real_import = builtins.__import__

    def no_datasketch(name: str, *args, **kwargs):
        if name == "datasketch":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_datasketch)
    strong = texts_of(EXAMPLES / "strong.ipynb")
    class_ = [SubmissionText("a", "h1", strong), SubmissionText("b", "h2", (*strong, "x = 1"))]
    [pair] = find_similar(class_, boilerplate)
    assert pair.kind == "similar" and pair.similarity > 0.9
