"""assignments/sentiment-korean/prepare.py: NSMC-format stand-ins, deterministic, hard for BoW."""

from __future__ import annotations

import csv
import runpy
from collections import Counter
from pathlib import Path

from grader.paths import assignments_dir

PREPARE = assignments_dir() / "sentiment-korean" / "prepare.py"


def _prepare(out: Path) -> list[Path]:
    namespace = runpy.run_path(str(PREPARE))
    paths: list[Path] = namespace["prepare"](out)
    return paths


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_files_are_in_the_nsmc_format_and_the_same_on_every_run(tmp_path: Path) -> None:
    first = _prepare(tmp_path / "a")
    second = _prepare(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a").as_posix() for p in first] == [
        "nsmc/ratings_train.txt",
        "nsmc/ratings_test.txt",
    ]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    train, test = (_rows(p) for p in first)
    assert first[0].read_text(encoding="utf-8").splitlines()[0] == "id\tdocument\tlabel"
    assert (len(train), len(test)) == (3000, 1000)
    assert {r["label"] for r in train + test} == {"0", "1"}
    assert len({r["id"] for r in train + test}) == 4000
    assert sum(1 for r in train if not r["document"]) == 4  # empty reviews, as in NSMC
    assert 0.4 < Counter(r["label"] for r in test)["1"] / len(test) < 0.6


def test_the_word_before_a_verdict_flips_its_label(tmp_path: Path) -> None:
    """"재밌었다" is mostly positive, "안 재밌었다" mostly negative (and the other way round for
    "지루했다"): the same words with both labels, which keeps a bag-of-words baseline below
    the rubric's 85% while a model that reads the order can pass it."""
    train, _ = (_rows(p) for p in _prepare(tmp_path))
    for word, polarity in (("재밌었다", 1.0), ("지루했다", 0.0)):
        plain = [_positive(r) for r in train if _has(r, word) and not _has(r, f"안 {word}")]
        negated = [_positive(r) for r in train if _has(r, f"안 {word}")]
        assert len(plain) > 50 and len(negated) > 50
        assert abs(sum(plain) / len(plain) - polarity) < 0.3
        assert abs(sum(negated) / len(negated) - (1 - polarity)) < 0.3


def _has(row: dict[str, str], words: str) -> bool:
    return f" {words} " in f" {row['document']} "


def _positive(row: dict[str, str]) -> float:
    return float(row["label"] == "1")
