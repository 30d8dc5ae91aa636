"""translation-seq2seq: prepare.py writes the kor.txt format, and the saved translations follow
Contract 2 (``source<TAB>output`` for the test sources in order)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grader.paths import project_root

PACK = project_root() / "assignments" / "translation-seq2seq"
SUBMISSIONS = project_root() / "examples" / "submissions" / "translation-seq2seq"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    subprocess.run([sys.executable, str(PACK / "prepare.py"), "--out", str(out)], check=True)
    return out / "kor-eng"


def lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_prepare_writes_three_tab_fields_and_disjoint_test_sentences(data: Path) -> None:
    train, test = lines(data / "kor.txt"), lines(data / "kor_test.txt")
    assert (len(train), len(test)) == (3000, 300)
    assert all(len(fields) == 3 and all(fields) for fields in train + test)
    assert not {ko for _, ko, _ in train} & {ko for _, ko, _ in test}
    assert all(en[0].isupper() and en.endswith(".") for en, _, _ in test)


def test_prepare_is_deterministic(data: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(PACK / "prepare.py"), "--out", str(tmp_path)], check=True)
    for name in ("kor.txt", "kor_test.txt"):
        assert (tmp_path / "kor-eng" / name).read_bytes() == (data / name).read_bytes()


def test_saved_translations_cover_the_test_sources_in_order_except_the_silent_bug(
    data: Path,
) -> None:
    sources = [ko for _, ko, _ in lines(data / "kor_test.txt")]
    for folder in (project_root() / "reference_solutions" / "translation-seq2seq",
                   SUBMISSIONS / "strong", SUBMISSIONS / "weak"):
        saved = lines(folder / "translations.tsv")
        assert [row[0] for row in saved] == sources, folder.name
        assert all(len(row) == 2 for row in saved)
    bug = [row[0] for row in lines(SUBMISSIONS / "train-as-test" / "translations.tsv")]
    assert len(bug) == len(sources) and not set(bug) & set(sources)


@pytest.mark.parametrize(
    ("folder", "mark"),
    [("reference", "o"), ("strong", "o"), ("weak", "x"), ("train-as-test", "x")],
)
def test_with_the_data_the_saved_translations_are_measured(
    data: Path, tmp_path: Path, folder: str, mark: str
) -> None:
    """The grader's own BLEU decides: the silent bug's translations of training sentences score
    low against the test references, whatever the notebook printed."""
    from grader.api import grade

    path = (
        project_root() / "reference_solutions" / "translation-seq2seq"
        if folder == "reference"
        else SUBMISSIONS / folder
    )
    [graded] = grade([path], "translation-seq2seq", tmp_path, data_dir=data.parent)
    verdict = graded.result.item("project.test_bleu")
    assert verdict.mark == mark, verdict.comment
    if folder == "train-as-test":
        assert "원문이 정답 파일과 같은 줄 0%" in verdict.comment
