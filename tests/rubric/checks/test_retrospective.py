from __future__ import annotations

import pytest

from grader.rubric.checks.retrospective import PartParams, names_part, retrospective_part
from tests.rubric.factories import evidence, notebook, section, text

BODY = "데이터 분할을 세 번 나누는 이유와 검증 세트의 역할을 확실히 이해했다."


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("배운 점", "learned"),
        ("## 배운점", "learned"),
        ("What I Learned", "learned"),
        ("아쉬웠던 점", "regrets"),
        ("느낀점", "felt"),
        ("소감", "felt"),
        ("어려웠던 점", "difficulties"),
    ],
)
def test_headings_and_synonyms_name_their_part(heading: str, part: str):
    assert names_part(heading, part)


@pytest.mark.parametrize("heading", ["Keep", "Try", "Problem", "트러블 슈팅", "문제점"])
def test_kpt_and_contextual_headings_name_no_part_by_themselves(heading: str):
    assert not any(names_part(heading, p) for p in ("learned", "regrets", "felt", "difficulties"))


def test_keep_does_not_match_inside_other_words():
    assert not names_part("Keeper 모델", "learned")
    assert not names_part("모델 구조", "felt")


def test_written_part_is_o_and_quoted():
    ev = evidence(notebook(sections=(section("배운 점", BODY, cell=20),)))
    outcome = retrospective_part(ev, PartParams(part="learned"))
    assert outcome.mark == "o"
    assert outcome.facts["where"] == "a.ipynb 셀 21"


def test_empty_heading_is_x():
    ev = evidence(notebook(sections=(section("어려웠던 점", "- \n- TODO", cell=20),)))
    outcome = retrospective_part(ev, PartParams(part="difficulties"))
    assert (outcome.mark, outcome.reason) == ("x", "part_empty")


def test_course_heading_is_ignored():
    ev = evidence(
        notebook(
            sections=(
                section(
                    "배운 점",
                    "배운 점을 정리하세요. 무엇을 알게 되었나요? 자세히 적어 보세요.",
                    course=True,
                ),
            )
        )
    )
    assert retrospective_part(ev, PartParams(part="learned")).reason == "no_retrospective"


def test_inline_label_counts():
    ev = evidence(
        notebook(
            texts=(
                text(
                    "회고\n느낀 점: 작은 모델도 전처리만 잘하면 충분히 높은 정확도를 낼 수 있다는 것을 느꼈다."
                ),
            )
        )
    )
    assert retrospective_part(ev, PartParams(part="felt")).mark == "o"


def test_readme_retrospective_counts():
    ev = evidence(
        notebook(),
        readme_sections=(
            section("아쉬운 점", "시간이 부족해 데이터 증강을 적용해 보지 못한 점이 아쉽다."),
        ),
    )
    assert retrospective_part(ev, PartParams(part="regrets")).mark == "o"


def test_retro_without_the_part_says_so():
    ev = evidence(notebook(sections=(section("회고", BODY, level=2),)))
    assert retrospective_part(ev, PartParams(part="difficulties")).reason == "part_missing_in_retro"


def test_retrospective_prose_without_sub_headings_counts_per_part():
    body = ("이번 프로젝트를 통해 검증 세트를 따로 두어야 하는 이유를 확실히 배웠다. "
            "데이터 증강까지 해 보지 못해서 아쉬웠다.\n모델을 직접 고쳐 가며 성능이 오르는 걸 보니 뿌듯하다고 느꼈다.")
    ev = evidence(notebook(sections=(section("회고", body, level=2, cell=30),)))
    marks = {part: retrospective_part(ev, PartParams(part=part)) for part in ("learned", "regrets", "felt", "difficulties")}
    assert marks["learned"].reason == "part_in_prose" and "배웠다" in marks["learned"].facts["quote"]
    assert marks["regrets"].mark == "o" and marks["felt"].mark == "o"
    assert (marks["difficulties"].mark, marks["difficulties"].reason) == ("x", "part_missing_in_retro")


def test_the_evidence_quotes_what_was_written_under_the_heading():
    body = "\n".join([BODY, "두 번째 줄입니다.", "", "세 번째 줄.", "네 번째 줄.", "다섯 번째 줄."])
    ev = evidence(notebook(sections=(section("배운 점", body, cell=20),)))
    [ref] = retrospective_part(ev, PartParams(part="learned")).evidence
    lines = ref.excerpt.splitlines()
    assert lines[0] == "배운 점" and lines[1] == BODY and "" not in lines
    assert lines[-1] == "…" and "다섯 번째 줄." not in ref.excerpt  # the first lines, then …
