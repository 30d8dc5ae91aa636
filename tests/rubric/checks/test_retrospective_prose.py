"""Retrospective parts written as sentences without their own headings."""

from __future__ import annotations

import pytest

from grader.rubric.checks.retrospective import PartParams, retrospective_part
from tests.rubric.checks.retro_cases import code, grade, md
from tests.rubric.factories import evidence, notebook, section, text

SENTENCES = [
    ("데이터 증강을 바꿔 가며 돌려 보는 과정이 정말 재밌었다.", "felt"),
    ("처음에 손실이 nan으로 나와서 당황했지만 학습률을 낮추니 해결됐다.", "felt"),
    ("검증 정확도가 끝까지 오르지 않아 안타까움이 들었다.", "felt"),
    ("어텐션 가중치가 단어마다 달라지는 모습이 흥미로웠다.", "felt"),
    ("사전학습 모델이 적은 데이터로도 잘 맞히는 점이 인상적이었다.", "felt"),
    ("앙상블까지 해 보지 못한 데 대한 아쉬움이 크다.", "regrets"),
    ("테스트 세트를 너무 늦게 나눈 점은 아쉬움이 남는다.", "regrets"),
    ("GPU 메모리 에러가 터져서 시간을 많이 잡아먹었다.", "difficulties"),
    ("토크나이저 출력 형식을 맞추는 일이 쉽지 않았다.", "difficulties"),
    ("이제는 콜백으로 가장 좋은 가중치를 되돌릴 수 있게 되었다.", "learned"),
    ("배치 크기를 키우면 학습률도 같이 키워야 한다는 걸 알았다.", "learned"),
]


@pytest.mark.parametrize(("sentence", "part"), SENTENCES)
def test_a_sentence_under_the_retrospective_counts_for_its_part(sentence: str, part: str) -> None:
    outcome = grade(md("# 모델 학습"), code(), md(f"## 회고\n{sentence}"))[part]
    assert (outcome.mark, outcome.reason) == ("o", "part_in_prose")
    assert outcome.facts["quote"] == sentence


def test_closing_sentences_after_the_last_code_cell_count_without_a_heading() -> None:
    outcomes = grade(
        md("## 3. 학습"),
        code(),
        md("최종 검증 정확도는 0.91이었다."),
        md("시간이 부족해서 학습률 스케줄러는 시도하지 못했다. 다음에는 꼭 써 보고 싶다."),
    )
    assert outcomes["regrets"].mark == "o"
    assert outcomes["regrets"].facts["where"] == "a.ipynb 셀 4"
    assert outcomes["regrets"].facts["quote"].startswith("시간이 부족해서")


def test_an_opinion_in_free_retrospective_prose_is_a_feeling() -> None:
    outcomes = grade(code(), md("## 회고\n모델 구조보다 데이터 품질이 훨씬 더 중요한 것 같다."))
    assert (outcomes["felt"].mark, outcomes["felt"].reason) == ("o", "part_in_prose")
    assert outcomes["learned"].mark == "x"


def test_a_concession_only_hints_at_a_regret() -> None:
    outcomes = grade(
        code(),
        md("## 회고\n- 배운 점: 파이프라인을 하루 만에 끝내지는 못했지만, 모델을 저장하고 "
           "서빙하는 흐름을 처음부터 끝까지 경험했다."),
    )
    assert outcomes["learned"].mark == "o"
    assert (outcomes["regrets"].mark, outcomes["regrets"].reason) == ("△", "part_hinted")


def test_experiment_narration_in_the_middle_is_not_a_retrospective() -> None:
    outcomes = grade(
        md("## 2. 첫 번째 실험"),
        code(),
        md("학습률이 너무 커서 손실이 발산했고 끝까지 수렴하지 못했다. 결과가 아쉬웠다."),
        md("## 3. 두 번째 실험"),
        code(),
    )
    assert outcomes["regrets"].mark == "x"


def test_course_sentences_inside_a_retrospective_are_not_the_students() -> None:
    body = "이번 노드에서는 콜백으로 학습을 멈추는 법을 배웠습니다.\n데이터 증강을 못 해 봐서 아쉬웠다."
    ev = evidence(
        notebook(
            sections=(section("회고", body, level=2, cell=9),),
            texts=(text("이번 노드에서는 콜백으로 학습을 멈추는 법을 배웠습니다.", cell=9, course=True),),
        )
    )
    assert retrospective_part(ev, PartParams(part="learned")).mark == "x"
    assert retrospective_part(ev, PartParams(part="regrets")).mark == "o"


def test_a_plan_or_a_recollection_is_not_an_opinion() -> None:
    outcomes = grade(
        code(),
        md("## 회고\n평가 함수의 마스크 처리를 다시 분석해 봐야 할 것 같다.\n"
           "예외 처리도 조금 더 복습해 보았던 것 같다."),
    )
    assert outcomes["felt"].mark == "x"


def test_table_rows_and_conditions_are_not_sentences_of_a_part() -> None:
    outcomes = grade(
        code(),
        md("## 회고\n| 실험 | 결과 | 알게 된 점 |\n|---|---|---|\n| 드롭아웃 | 0.91 | 없음 |\n\n"
           "시간이 부족하다면 실험을 둘로 나눠 돌려도 된다."),
    )
    assert outcomes["learned"].mark == "x"
    assert outcomes["regrets"].mark == "x"


def test_a_sentence_under_another_part_stays_with_that_part() -> None:
    outcomes = grade(code(), md("## 회고\n### 어려웠던 점\nGPU 메모리가 부족했다. 배치를 줄여서 겨우 돌렸다."))
    assert outcomes["difficulties"].mark == "o"
    assert outcomes["regrets"].mark == "x"


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("이번 실험에서 가장 크게 배운 건 검증 세트를 먼저 떼어 두는 습관이다.", "learned"),
        ("마스크를 뒤집어야 하는 이유를 확실히 이해했다.", "learned"),
        ("함께 코딩하면 더 빨리 답을 찾는다고 생각함.", "felt"),
        ("경로 설정에서 오류가 생긴 부분을 고치느라 시간이 걸렸다.", "difficulties"),
    ],
)
def test_plain_wordings_count_inside_a_retrospective(sentence: str, part: str) -> None:
    outcome = grade(code(), md(f"##회고\n- {sentence}"))[part]
    assert (outcome.mark, outcome.reason) == ("o", "part_in_prose")


def test_a_heading_written_as_a_sentence_is_read() -> None:
    outcomes = grade(code(), md("## 회고\n##### 1. 짝과 함께 풀어서 금방 끝났고 정말 즐거웠습니다."))
    assert outcomes["felt"].mark == "o"


def test_a_denied_difficulty_or_feeling_is_none() -> None:
    outcomes = grade(
        code(),
        md("## 회고\n코드를 짜는 데 큰 어려움은 없었다.\n노이즈가 들어와도 모델이 당황하지 않고 잘 맞혔다."),
    )
    assert (outcomes["difficulties"].mark, outcomes["felt"].mark) == ("x", "x")


def test_sentences_glued_after_a_period_are_split() -> None:
    outcomes = grade(code(), md("## 회고\n예외를 직접 만들어 본 것이 신기했다.다음 과제에서도 써 볼 생각이다."))
    assert outcomes["felt"].facts["quote"] == "예외를 직접 만들어 본 것이 신기했다."


def test_reference_titles_are_not_the_students_sentences() -> None:
    outcomes = grade(code(), md("## 참고 자료\n- Ten Lessons I Learned Training GANs\n- 파이토치 공식 튜토리얼"))
    assert outcomes["learned"].mark == "x"


def test_an_analysis_under_a_learned_label_mid_notebook_is_no_difficulty() -> None:
    outcomes = grade(
        md("## 4. 갑판별 분석"),
        code("df.groupby('deck').mean()"),
        md("**이 그림으로 알게 된 것**\n표본이 다섯 명뿐이라 이 비율은 신뢰하기 어렵다."),
        code("df.plot()"),
    )
    assert outcomes["learned"].mark == "o"
    assert outcomes["difficulties"].mark == "x"


def test_link_titles_in_a_reference_list_stay_references() -> None:
    outcomes = grade(
        code(),
        md("## Reference\n- [실험 1 : 배치 줄이기](https://example.com/a)\n"
           "- [Ten Lessons I Learned Training GANs](https://example.com/b)"),
    )
    assert outcomes["learned"].mark == "x"
