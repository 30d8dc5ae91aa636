from __future__ import annotations

import re
from pathlib import Path

import pytest

import grader.rubric.checks as checks_pkg
from grader.errors import RubricError
from grader.rubric.messages import catalogue, render_comment

REASON = re.compile(r'Outcome\.of\(\s*"(?:o|x|△|n/a)",\s*"([a-z_]+)"')


def emitted_reasons() -> set[str]:
    folder = Path(checks_pkg.__file__).parent
    found = set()
    for path in [*folder.glob("*.py"), folder.parent / "score.py"]:
        found |= set(REASON.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_reason_a_check_emits_has_korean_wording():
    reasons = emitted_reasons()
    assert len(reasons) > 30
    missing = reasons - set(catalogue())
    assert not missing


def test_catalogue_is_korean():
    for reason, text in catalogue().items():
        assert re.search(r"[가-힣]", text) or reason == "not_applicable", reason


def test_missing_placeholder_raises_in_strict_mode(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GRADER_STRICT_MESSAGES", "1")
    with pytest.raises(RubricError):
        render_comment("three_way_split", {"validation": "x"})


def test_missing_placeholder_falls_back_outside_strict_mode(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GRADER_STRICT_MESSAGES", raising=False)
    assert "three_way_split" in render_comment("three_way_split", {})


def test_lists_are_joined():
    text = render_comment(
        "technique_used", {"names": ["Dropout", "EarlyStopping"], "where": "셀 3"}
    )
    assert "Dropout, EarlyStopping" in text


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("배운 점을(를) 적었습니다", "배운 점을 적었습니다"),
        ("느낀 점을(를)", "느낀 점을"),
        ("소감을(를)", "소감을"),
        ("정확도이(가) 높다", "정확도가 높다"),
        ("손실이(가) 줄었다", "손실이 줄었다"),
        ("95.0%을(를) 넘었다", "95.0%를 넘었다"),
        ("파일으로(로)", "파일로"),
        ("Dropout을(를) 적용", "Dropout을 적용"),
        ("nb.ipynb 은(는) 실행", "nb.ipynb는 실행"),
        ("모델(으)로", "모델로"),
    ],
)
def test_particles_follow_the_final_sound(raw: str, natural: str):
    from grader.rubric.messages import attach_particles

    assert attach_particles(raw) == natural


def test_particles_follow_the_word_inside_quotes():
    from grader.rubric.messages import attach_particles

    assert attach_particles("'배운 점'을(를) 확인할 수 없습니다") == "'배운 점'을 확인할 수 없습니다"
    assert attach_particles("“아쉬운 부분”이(가) 없습니다") == "“아쉬운 부분”이 없습니다"
    assert attach_particles("'느낀 소감'(회고)을(를)") == "'느낀 소감'(회고)을"


def test_particles_skip_a_parenthetical():
    from grader.rubric.messages import attach_particles

    assert attach_particles("Gradio 앱(app.py)이(가) 떴습니다") == "Gradio 앱(app.py)이 떴습니다"
    assert attach_particles("예측 함수(nb.ipynb#셀 3)을(를) 불렀습니다") == "예측 함수(nb.ipynb#셀 3)를 불렀습니다"
