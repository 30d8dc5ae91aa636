"""Where a retrospective part sits: labels, odd spaces, KPT, and headings mid-notebook."""

from __future__ import annotations

from tests.rubric.checks.retro_cases import code, grade, marks, md

ALL_O = {"learned": "o", "regrets": "o", "felt": "o", "difficulties": "o"}


def test_bullet_labels_with_nested_bullets() -> None:
    outcomes = grade(
        code(),
        md(
            "## 회고\n"
            "- 배운 점\n    - 조기 종료 콜백으로 과적합 직전에 멈출 수 있다.\n"
            "- 아쉬운 점\n    - 증강 조합을 두 가지밖에 비교하지 않았다.\n"
            "- 느낀 점\n    - 작은 실험이라도 기록을 남기는 습관이 중요하다.\n"
            "- 어려웠던 점\n    - 이미지 경로와 라벨 순서가 계속 어긋났다."
        ),
    )
    assert marks(outcomes) == ALL_O
    assert {o.reason for o in outcomes.values()} == {"part_written"}
    assert "두 가지밖에" in outcomes["regrets"].facts["quote"]


def test_plain_label_lines_above_lists() -> None:
    outcomes = grade(
        code(),
        md(
            "## 정리\n\n배운 점\n\n- 학습률 워밍업이 초반 손실 폭주를 막아 준다.\n"
            "아쉬운 점\n- 시드를 하나만 써서 차이가 우연인지 모른다.\n"
            "느낀 점\n- 모델보다 데이터 정제가 결과를 더 크게 바꾼다.\n"
            "어려웠던 점\n- 패딩 마스크 방향을 맞추는 데 반나절이 걸렸다."
        ),
    )
    assert marks(outcomes) == ALL_O


def test_headings_with_no_break_and_zero_width_spaces() -> None:
    outcomes = grade(
        code(),
        md(
            "##\u00a0회고\n"
            "###\u200b배운\u00a0점\n검증 세트로만 하이퍼파라미터를 골라야 한다는 것을 익혔다.\n"
            "### 아쉬운&nbsp;점\n증강 실험을 한 번밖에 돌리지 않았다.\n"
            "###\u3000느낀 점\n결과 표를 정리하니 실험의 흐름이 한눈에 보였다.\n"
            "### 어려웠던\u00a0점\n클래스 불균형을 다루는 방법을 고르는 일."
        ),
    )
    assert marks(outcomes) == ALL_O
    assert outcomes["learned"].facts["quote"].startswith("검증 세트로만")


def test_a_short_but_real_body_counts() -> None:
    outcomes = grade(code(), md("## 회고\n### 느낀 점\n데이터가 제일 중요하다"))
    assert (outcomes["felt"].mark, outcomes["felt"].reason) == ("o", "part_written")


def test_kpt_keep_hints_at_learned_and_problem_goes_by_its_wording() -> None:
    outcomes = grade(
        code(),
        md(
            "# 회고\n## Keep\n- 실험마다 한 가지만 바꾸고 결과를 표로 남겼다.\n"
            "## Problem\n- 마감에 쫓겨 학습률 탐색을 끝까지 하지 못했다.\n"
            "## Try\n- 다음엔 탐색을 자동화해 보겠다."
        ),
    )
    assert marks(outcomes) == {"learned": "△", "regrets": "o", "felt": "x", "difficulties": "△"}
    assert outcomes["learned"].reason == "kpt_keep_only"
    assert outcomes["regrets"].reason == "part_in_kpt"
    assert outcomes["difficulties"].reason == "kpt_problem_other"
    assert outcomes["difficulties"].facts["other"] == "아쉬운 점"


def test_a_problem_worded_as_a_difficulty() -> None:
    outcomes = grade(
        code(),
        md("## KPT\n### Keep\n- 매일 결과를 기록했다.\n"
           "### Problem\n- CUDA 메모리 에러가 반복돼서 배치 크기를 맞추느라 한참 헤맸다."),
    )
    assert outcomes["difficulties"].mark == "o"
    assert outcomes["regrets"].mark == "△"


def test_try_alone_adds_nothing() -> None:
    outcomes = grade(code(), md("## 회고\n### Try\n- 다음엔 학습률 스케줄러와 조기 종료를 함께 꼭 써 보겠다."))
    assert outcomes["regrets"].mark == "x"


def test_troubleshooting_in_the_middle_of_the_experiments_is_no_difficulty() -> None:
    outcomes = grade(
        md("## 2. 데이터 불러오기"),
        md("### 트러블 슈팅\n경로에 한글이 섞여 파일을 못 읽었고, 경로를 영문으로 바꿔 해결했다."),
        code(),
        md("## 3. 모델"),
        code(),
    )
    assert (outcomes["difficulties"].mark, outcomes["difficulties"].reason) == (
        "x",
        "part_outside_retro",
    )


def test_troubleshooting_inside_the_retrospective_is_a_difficulty() -> None:
    outcomes = grade(
        code(),
        md("## 회고\n### 트러블 슈팅\n경로에 한글이 섞여 파일을 못 읽었고, 경로를 영문으로 바꿔 해결했다."),
    )
    assert (outcomes["difficulties"].mark, outcomes["difficulties"].reason) == ("o", "part_written")


def test_an_experiment_titled_try_is_not_a_kpt_item() -> None:
    outcomes = grade(
        md("### Try batch normalization\n배치 정규화를 모든 합성곱 뒤에 넣어 다시 학습해 보았다."),
        code(),
        md("## 회고\n이번에 콜백을 쓰는 법을 배웠다."),
    )
    assert outcomes["regrets"].mark == "x"
    assert outcomes["learned"].mark == "o"


def test_a_future_work_list_at_the_end_only_hints_at_regrets() -> None:
    outcomes = grade(code(), md("## TODO\n- 하이퍼파라미터 탐색 자동화\n- 학습 곡선 저장 추가"))
    assert (outcomes["regrets"].mark, outcomes["regrets"].reason) == ("△", "future_work_only")
    assert outcomes["learned"].mark == "x"


def test_korean_kpt_keep_is_a_hint_for_learned() -> None:
    outcomes = grade(code(), md("## 회고\n### 잘한 점\n- 실험 조건을 표로 정리해 두었다."))
    assert (outcomes["learned"].mark, outcomes["learned"].reason) == ("△", "kpt_keep_only")


def test_a_two_syllable_word_must_start_a_word() -> None:
    outcomes = grade(
        md("# 간단한 계산기 만들기\n사칙연산을 입력받아 결과를 출력하는 프로그램을 만든다."), code()
    )
    assert outcomes["regrets"].mark == "x"


def test_limitations_of_a_method_at_the_end_are_analysis_not_regrets() -> None:
    outcomes = grade(
        code(),
        md("### 순수 빈도 기반 방법의 한계\n장르마다 같은 명사가 상위에 겹쳐서 점수의 변별력이 떨어진다."),
    )
    assert outcomes["regrets"].mark == "x"


def test_a_problem_item_that_did_not_work_is_a_difficulty() -> None:
    outcomes = grade(
        code(),
        md("## 회고\n### Keep\n- 실험 기록을 남겼다.\n### Problem\n- 저장한 모델을 다시 불러오면 예측이 안 됨."),
    )
    assert (outcomes["difficulties"].mark, outcomes["regrets"].mark) == ("o", "△")


def test_one_heading_can_name_two_parts() -> None:
    outcomes = grade(code(), md("## 회고\n### 느낀 점 및 배운 점\n작은 데이터에서도 증강 효과가 크다는 걸 확인했다."))
    assert (outcomes["learned"].mark, outcomes["felt"].mark) == ("o", "o")


def test_a_part_heading_with_only_the_template_prompt_is_empty() -> None:
    outcomes = grade(code(), md("## 회고\n### 배운 점\n이번 프로젝트에서 새로 배운 점을 자유롭게 적어 보세요."))
    assert (outcomes["learned"].mark, outcomes["learned"].reason) == ("x", "part_empty")
