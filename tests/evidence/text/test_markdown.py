from grader.evidence.text.course import CourseText
from grader.evidence.text.markdown import markdown_texts, parse_heading, readme_texts, sections
from tests.evidence.conftest import code, md

RETRO = """## 회고

**배운 점**
CNN에서 Dropout을 넣으니 과적합이 줄었다.

**아쉬운 점**: 시간이 부족해서 데이터 증강을 못 해봤다.

- 느낀 점: 하이퍼파라미터 하나로 결과가 크게 달라진다.
- 어려웠던 점: GPU 메모리가 부족했다.

## 참고
링크
"""


def test_parse_heading_variants() -> None:
    assert parse_heading("### 모델 구성") == (3, "모델 구성", "")
    assert parse_heading("**배운 점**") == (7, "배운 점", "")
    assert parse_heading("배운 점:") == (7, "배운 점", "")
    assert parse_heading("- Keep: 매일 회의") == (7, "Keep", "매일 회의")
    assert parse_heading("자세한 내용은 https://example.com 참고") is None
    assert parse_heading("이번 프로젝트에서 우리는 여러 모델을 비교했는데, 결과는: 좋았다") is None


def test_sections_with_pseudo_headings_across_cells() -> None:
    found = sections([(0, RETRO), (1, "추가로 배운 점이 많았다.")], "markdown", "nb", None)
    by_heading = {s.heading: s for s in found}
    retro = by_heading["회고"]
    assert retro.level == 2 and "GPU 메모리" in retro.body and "링크" not in retro.body
    assert by_heading["배운 점"].body == "CNN에서 Dropout을 넣으니 과적합이 줄었다."
    assert by_heading["아쉬운 점"].body.startswith("시간이 부족해서")
    assert by_heading["느낀 점"].body == "하이퍼파라미터 하나로 결과가 크게 달라진다."
    assert by_heading["어려웠던 점"].body == "GPU 메모리가 부족했다."
    assert "추가로 배운 점" in by_heading["참고"].body
    assert by_heading["참고"].ref.cell == 0


def test_kpt_labels() -> None:
    found = sections([(0, "# KPT\nKeep: 코드 리뷰\nProblem: 일정 관리\nTry: 칸반 보드")],
                     "markdown", "nb", None)
    assert [(s.heading, s.body) for s in found[1:]] == [
        ("Keep", "코드 리뷰"), ("Problem", "일정 관리"), ("Try", "칸반 보드")]


def test_text_blocks_headings_topics_and_course_flag() -> None:
    course = CourseText(["## 모델 구성\n아래 셀에서 모델을 구성하세요. 층의 개수는 자유롭게 정합니다."])
    cells = [
        md(0, "## 모델 구성\n아래 셀에서 모델을 구성하세요. 층의 개수는 자유롭게 정합니다.\n\n"
              "저희는 과적합을 막으려고 Dropout을 0.3으로 넣었습니다."),
        code(1, "# 작은 데이터셋이라 층을 두 개만 쌓았다\nmodel = Sequential([Dense(64), Dropout(0.3)])\n"
                "# model.add(Dense(32))"),
        md(2, "학습 결과를 봅시다"),
        code(3, 'def train(lr):\n    """학습률을 받아 모델을 학습한다."""\n'
                "    return model.fit(x, y, epochs=5)"),
    ]
    topics = {1: ("model", "hyperparameters"), 3: ("training", "hyperparameters")}
    blocks = markdown_texts(cells, "nb", course, topics)
    texts = {b.text: b for b in blocks}
    assert texts["아래 셀에서 모델을 구성하세요. 층의 개수는 자유롭게 정합니다."].course_text
    own = texts["저희는 과적합을 막으려고 Dropout을 0.3으로 넣었습니다."]
    assert not own.course_text and own.heading == "모델 구성"
    assert own.near_topics == ("model", "hyperparameters")
    comment = texts["작은 데이터셋이라 층을 두 개만 쌓았다"]
    assert comment.kind == "comment" and comment.heading == "모델 구성"
    assert comment.near_topics == ("model", "hyperparameters")
    assert "model.add(Dense(32))" not in texts
    doc = texts["학습률을 받아 모델을 학습한다."]
    assert doc.kind == "docstring" and doc.near_topics == ("training", "hyperparameters")
    assert texts["학습 결과를 봅시다"].near_topics == ("training", "hyperparameters", "model")


def test_readme_texts() -> None:
    blocks = readme_texts("# 팀 회고\n## 배운 점\nGAN 학습이 불안정하다는 걸 배웠다.", None)
    assert [(b.kind, b.heading, b.ref.source) for b in blocks] == [("readme", "배운 점", "readme")]


def test_bare_labels_head_what_follows_them() -> None:
    text = (
        "## 회고\n배운 점\n\n- 워밍업이 초반 폭주를 막는다.\n"
        "- 아쉬운 점\n    - 시드를 하나만 썼다.\n"
        "-  느낀 점\n기록이 실험보다 중요했다.\n\n"
        "- Adam\n- SGD\n"
    )
    found = sections([(0, text)], "markdown", "nb", None)
    labels = {s.heading: s.body for s in found if s.level == 7}
    assert set(labels) == {"배운 점", "아쉬운 점", "느낀 점"}
    assert labels["배운 점"].strip() == "워밍업이 초반 폭주를 막는다."
    assert "시드를 하나만" in labels["아쉬운 점"]
    assert labels["느낀 점"].startswith("기록이 실험보다")


def test_odd_spaces_in_headings_are_plain_spaces() -> None:
    found = sections([(0, "##\u200b회고\n###\u00a0느낀&nbsp;점\n재밌었다")], "markdown", "nb", None)
    assert [(s.level, s.heading) for s in found] == [(2, "회고"), (3, "느낀 점")]
    assert found[1].body == "재밌었다"


def test_bracketed_labels_head_the_next_lines() -> None:
    text = "## 회고\n[배운 점]\n조기 종료가 과적합을 막아 준다.\n\n<아쉬운 점>\n- 시드를 하나만 썼다."
    found = sections([(0, text)], "markdown", "nb", None)
    labels = {s.heading: s.body for s in found if s.level == 7}
    assert labels == {"배운 점": "조기 종료가 과적합을 막아 준다.", "아쉬운 점": "시드를 하나만 썼다."}


def test_hash_marks_directly_before_hangul_make_a_heading() -> None:
    assert parse_heading("##회고") == (2, "회고", "")
    assert parse_heading("#1 모델") is None


def test_a_colon_inside_a_link_is_no_label() -> None:
    assert parse_heading("- [실험 1 : 배치 줄이기](https://example.com/a)") is None
