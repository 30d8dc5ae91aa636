from pathlib import Path

from grader.evidence.text.course import CourseText
from grader.evidence.text.prose import normalise

STARTER = {
    "cells": [
        {"cell_type": "markdown",
         "source": ["## 데이터 전처리\n", "이미지의 픽셀 값을 **0~1 사이**로 정규화합니다. ",
                    "정규화를 하면 학습이 더 안정적으로 진행됩니다."]},
        {"cell_type": "code",
         "source": "# 모델을 구성하고 컴파일하세요\nmodel = None  # TODO: 여기에 모델을 만드세요"},
        {"cell_type": "markdown", "source": "## 회고"},
    ]
}
QUEST = "# 프로젝트: CIFAR-10 분류\n테스트 정확도 70% 이상을 달성하세요.\n"


def course() -> CourseText:
    return CourseText.from_sources(STARTER, QUEST)


def test_normalise_strips_markdown_and_punctuation() -> None:
    assert normalise("## **배운 점**: [CNN](http://x)의 구조!") == "배운 점 cnn의 구조"


def test_copied_starter_markdown_is_course_text() -> None:
    text = "이미지의 픽셀 값을 0~1 사이로 정규화합니다. 정규화를 하면 학습이 더 안정적으로 진행됩니다."
    assert course().is_course_text(text)


def test_nearly_copied_with_added_word_is_course_text() -> None:
    text = "이미지의 픽셀 값을 0~1 사이로 정규화합니다. 정규화를 하면 학습이 훨씬 더 안정적으로 진행됩니다."
    assert course().is_course_text(text)


def test_paraphrase_with_shared_words_is_student_text() -> None:
    text = ("픽셀 값이 0~255라서 255로 나눴고, 정규화를 안 했을 때는 학습이 발산해서 "
            "손실이 nan이 되었기 때문에 정규화가 필요하다고 판단했습니다.")
    assert not course().is_course_text(text)


def test_code_comments_quest_and_short_lines() -> None:
    corpus = course()
    assert corpus.is_course_text("# 모델을 구성하고 컴파일하세요")
    assert corpus.is_course_text("테스트 정확도 70% 이상을 달성하세요")
    assert corpus.is_course_text("회고")
    assert not corpus.is_course_text("배운 점")
    assert not corpus.is_course_text("")


def test_from_pack_with_missing_files(tmp_path: Path) -> None:
    class Pack:
        starter_path = tmp_path / "missing.ipynb"
        quest_text = QUEST
        course_text_paths = ()

    corpus = CourseText.from_pack(Pack())
    assert corpus.is_course_text("테스트 정확도 70% 이상을 달성하세요.")
    assert not CourseText([]).is_course_text("아무 말")
