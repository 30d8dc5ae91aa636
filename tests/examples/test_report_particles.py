"""Every report the demo writes (stored outputs) reads with natural particles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.api import Graded, grade
from grader.paths import project_root
from grader.rubric.particles import PAIRS, final_sound

SUBMISSIONS = project_root() / "examples" / "submissions"
DOUBLE = re.compile("|".join(map(re.escape, PAIRS)))
# Hangul + particle that is wrong whatever the word: "방법를", "모델와", "정확도을", "정확도은"
# (not 는 after a consonant, 읽는, nor 과 after a vowel, 효과; 이/가 also end words: 같이).
HANGUL_PARTICLE = re.compile(r"([가-힣])(을|를|은|와)(?=[\s.,)]|$)")
LATIN_PARTICLE = re.compile(r"([A-Za-z0-9_.%\-]+)(을|를|은|는|과|와|이|가)(?=[\s.,)]|$)")
QUOTED = re.compile(r"“[^”]*”|'[^']*'|\([^()]*\)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Graded]]:
    out = tmp_path_factory.mktemp("demo")
    graded: list[Graded] = []
    for assignment in ("cnn-digits", "gan-digits"):
        paths = sorted(p for p in (SUBMISSIONS / assignment).iterdir() if not p.name.startswith("."))
        graded += grade(paths, assignment, out / assignment)
    return out, graded


def test_no_report_file_keeps_a_double_form(demo: tuple[Path, list[Graded]]) -> None:
    out, _ = demo
    files = [p for p in out.rglob("*") if p.suffix in {".md", ".html", ".csv"} or p.name == "result.json"]
    assert len(files) > 10
    left = {p.relative_to(out).as_posix(): DOUBLE.findall(p.read_text(encoding="utf-8")) for p in files}
    assert not {name: found for name, found in left.items() if found}


def grader_text(comment: str) -> str:
    """The comment without the student's words it quotes."""
    return QUOTED.sub("", comment)


def test_every_comment_particle_fits_its_word(demo: tuple[Path, list[Graded]]) -> None:
    _, graded = demo
    wrong = []
    for item in (item for g in graded for item in g.result.items):
        text = grader_text(item.comment)
        for match in HANGUL_PARTICLE.finditer(text):
            final = final_sound(match.group(1))
            if (match.group(2) in "를와") == bool(final):
                wrong.append((item.reason, match.group(0)))
        for match in LATIN_PARTICLE.finditer(text):
            final = final_sound(match.group(1))
            if final is None or (match.group(2) in "를는와가") == bool(final):
                wrong.append((item.reason, match.group(0)))
    assert not wrong
