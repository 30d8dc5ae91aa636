"""Report formats: Markdown, self-contained HTML and the JSON contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import pytest

from grader.errors import ReportError
from grader.records import Execution, Result
from grader.report import (
    format_names,
    get_format,
    register_format,
    render_report,
    write_reports,
)

from .conftest import PNG_1X1


def test_markdown_checklist(result: Result, execution: Execution) -> None:
    text = render_report(result, execution, "md")
    assert text.startswith("# 피어리뷰: team-gan — CIFAR-10 이미지 생성 GAN")
    assert "샌드박스에서 노트북을 직접 실행한 결과로 작성했습니다" in text
    assert "- [o] **1. 주어진 문제를 해결하는 완성된 코드가 제출되었나요? (완성도)**" in text
    assert "    - [o] 모델 선정 이유" in text
    assert "    - [△] 하이퍼 파라미터 선정 이유" in text
    assert "    - [x] 아쉬운 점" in text
    assert "    - [-] 구현된 앱이 잘 동작한다. — 해당 없음" in text
    assert "이 과제는 앱 구현을 요구하지 않습니다." in text
    assert "△ = 확인 필요 (근거가 부족하거나 자동으로 판단할 수 없음)" in text
    assert "셀 실행 시간 제한 (셀 8)" in text


def test_markdown_summary_and_team(result: Result) -> None:
    text = render_report(result, None, "md")
    assert "팀원: 상운님, 기홍님" in text
    assert "충족 3개, 미흡 1개, 확인 필요 1개" in text
    assert "60점" in text
    assert "보완이 필요한 항목: 아쉬운 점" in text


def test_markdown_quotes_at_most_two_excerpts(result: Result) -> None:
    text = render_report(result, None, "md")
    model_item = text.split("    - [o] 모델 선정 이유")[1].split("    - [△]")[0]
    assert "근거: 셀 4, 셀 5, 셀 6" in model_item
    assert "        - 셀 4:" in model_item
    assert "        - 셀 5:" in model_item
    assert "        - 셀 6:" not in model_item


def test_markdown_fences_student_backticks(result: Result) -> None:
    text = render_report(result, None, "md")
    assert "          ````markdown\n          ## 모델 선정 이유\n          ```python" in text
    outside = re.sub(r"(?ms)^ *````markdown$.*?^ *````$", "", text)
    assert "<script>" not in outside


def test_stored_outputs_mode_sentence(make_result) -> None:
    text = render_report(make_result(mode="stored_outputs", sandboxed=False), None, "md")
    assert "제출된 노트북에 저장된 출력만 보고 작성했습니다 (재실행하지 않음)" in text


def test_all_items_met(make_result) -> None:
    from grader.records import SectionResult

    from .conftest import verdict

    section = SectionResult(
        id="retrospective",
        title="4. 회고",
        mark="o",
        items=(verdict("retrospective.learned", "배운 점", "o", "배운 점이 있습니다."),),
    )
    text = render_report(make_result(sections=(section,), members=(), score=1.0), None, "md")
    assert "모든 항목을 충족했습니다" in text
    assert "팀원" not in text
    assert "보완이 필요한 항목" not in text


def test_rejected_shows_problem_not_checklist(rejected: Result) -> None:
    for fmt in ("md", "html"):
        text = render_report(rejected, None, fmt)
        assert "채점하지 못했습니다" in text
        assert "제출 파일이 Jupyter 노트북 형식이 아닙니다." in text
        assert "다시 제출해 주세요" in text
        assert "## 체크리스트" not in text
        assert "체크리스트</h2>" not in text
        assert "[o]" not in text


def test_problems_shown_beside_checklist(make_result) -> None:
    from grader.records import Problem

    problem = Problem(
        code="too_large", message_ko="파일이 너무 커서 제외했습니다.", path="big.ipynb"
    )
    text = render_report(make_result(problems=(problem,)), None, "md")
    assert text.index("먼저 확인해 주세요") < text.index("## 체크리스트")
    assert "파일이 너무 커서 제외했습니다." in text


def test_html_is_self_contained_and_korean(result: Result, execution: Execution) -> None:
    html = render_report(result, execution, "html")
    assert '<html lang="ko">' in html
    assert '<meta charset="utf-8">' in html
    assert '"Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif' in html
    assert f'src="data:image/png;base64,{PNG_1X1}"' in html
    assert 'class="badge badge-tri"' in html
    assert "확인 필요" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_html_escapes_student_text(result: Result) -> None:
    html = render_report(result, None, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_html_escapes_submission_name(make_result) -> None:
    html = render_report(make_result(submission='<img src=x onerror="alert(1)">'), None, "html")
    assert "<img src=x" not in html


def test_html_without_execution_has_no_images(result: Result) -> None:
    assert "<img" not in render_report(result, None, "html")


def test_json_contract_round_trips(result: Result) -> None:
    data = json.loads(render_report(result, None, "json"))
    items = data.pop("items")
    assert [item["id"] for item in items] == [item.id for item in result.items]
    assert Result.model_validate(data) == result
    assert "모델 선정 이유" in render_report(result, None, "json")


def test_write_reports(result: Result, execution: Execution, tmp_path: Path) -> None:
    paths = write_reports(result, execution, tmp_path / "out")
    assert [p.name for p in paths] == ["report.md", "report.html", "result.json"]
    assert "피어리뷰" in paths[0].read_text(encoding="utf-8")
    stored = json.loads(paths[2].read_text(encoding="utf-8"))
    assert stored["items"] == [item.model_dump(mode="json") for item in result.items]


def test_write_reports_writes_nothing_on_error(result: Result, tmp_path: Path) -> None:
    with pytest.raises(ReportError):
        write_reports(result, None, tmp_path / "out", formats=("md", "docx"))
    assert not (tmp_path / "out").exists()


def test_unknown_format_lists_known() -> None:
    with pytest.raises(ReportError) as info:
        get_format("docx")
    assert info.value.code == "unknown_format"
    assert "html, json, junit, md" in info.value.message_ko


def test_register_format(result: Result) -> None:
    def render_txt(res: Result, execution: Execution | None, env: jinja2.Environment) -> str:
        return f"{res.submission}: {res.score:.0%}"

    register_format("txt-test", render_txt, filename="summary.txt")
    try:
        assert render_report(result, None, "txt-test") == "team-gan: 60%"
        assert get_format("txt-test").filename == "summary.txt"
        assert "txt-test" in format_names()
    finally:
        from grader.report import formats

        formats._FORMATS.pop("txt-test")


def test_several_notebooks_name_the_notebook(make_result) -> None:
    from grader.records import EvidenceRef, SectionResult

    from .conftest import verdict

    refs = (
        EvidenceRef(source="code", notebook="sangwoon.ipynb", cell=0, excerpt="model.fit(x, y)"),
        EvidenceRef(source="code", notebook="kihong.ipynb", cell=2),
    )
    section = SectionResult(
        id="problem_solving",
        title="3. 문제 해결",
        mark="o",
        items=(
            verdict("problem_solving.hparam_trials", "여러 시도", "o", "두 번 학습했어요.", *refs),
        ),
    )
    result = make_result(sections=(section,), assignment_title=None)
    text = render_report(result, None, "md")
    assert "근거: sangwoon.ipynb 셀 1, kihong.ipynb 셀 3" in text
    assert "과제: gan-cifar10\n" in text
    assert "sangwoon.ipynb 셀 1" in render_report(result, None, "html")


def test_public_surface_is_sorted() -> None:
    import grader.report as report

    assert report.__all__ == sorted(report.__all__)
    assert all(hasattr(report, name) for name in report.__all__)


def test_quoted_prose_wraps_and_code_keeps_its_lines(result: Result) -> None:
    html = render_report(result, None, "html")
    assert '<pre class="prose"><code>' in html  # the student's markdown, quoted
    assert "pre.prose { white-space: pre-wrap" in html
    assert "<pre><code>" in html  # code excerpts stay unwrapped (they scroll inside their box)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_gpu_out_of_memory_is_said_in_korean(make_result, fmt: str) -> None:
    from grader.records.execution import LimitHit

    hit = LimitHit(kind="gpu_memory", cell_index=4)
    text = render_report(make_result(limits_hit=(hit,)), None, fmt)
    assert "GPU 메모리 부족" in text and "셀 5" in text
