"""The Jinja environment: loader order, strictness and autoescape."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.errors import ReportError
from grader.paths import templates_dir
from grader.records import Result
from grader.report import make_environment, render_report, template_dirs


def test_default_templates_are_found() -> None:
    env = make_environment()
    assert env.get_template("report.md.j2") is not None
    assert template_dirs()[-1] == templates_dir()


@pytest.mark.parametrize(
    ("name", "escaped"),
    [("x.html.j2", True), ("x.html", True), ("x.md.j2", False), ("x.j2", False)],
)
def test_autoescape_by_name(tmp_path: Path, name: str, escaped: bool) -> None:
    (tmp_path / name).write_text("{{ text }}", encoding="utf-8")
    out = make_environment([tmp_path]).get_template(name).render(text="<b>")
    assert (out == "&lt;b&gt;") is escaped


def test_user_dir_wins_over_default(tmp_path: Path, result: Result) -> None:
    (tmp_path / "report.md.j2").write_text("맞춤 보고서: {{ result.submission }}", encoding="utf-8")
    out = render_report(result, None, "md", make_environment([tmp_path]))
    assert out == "맞춤 보고서: team-gan"


def test_pack_templates_come_between(tmp_path: Path, result: Result) -> None:
    user, pack = tmp_path / "user", tmp_path / "pack"
    (pack / "templates").mkdir(parents=True)
    user.mkdir()
    (pack / "templates" / "report.md.j2").write_text("과제 보고서", encoding="utf-8")
    assert render_report(result, None, "md", make_environment(pack_dir=pack)) == "과제 보고서"
    (user / "report.md.j2").write_text("사용자 보고서", encoding="utf-8")
    env = make_environment([user], pack_dir=pack)
    assert render_report(result, None, "md", env) == "사용자 보고서"


def test_pack_without_templates_is_skipped(tmp_path: Path) -> None:
    assert template_dirs(pack_dir=tmp_path) == [templates_dir()]


def test_missing_dirs_are_skipped(tmp_path: Path) -> None:
    assert template_dirs([tmp_path / "없음"]) == [templates_dir()]
    assert template_dirs([tmp_path, tmp_path]) == [tmp_path, templates_dir()]


def test_missing_variable_raises_report_error(tmp_path: Path, result: Result) -> None:
    (tmp_path / "report.md.j2").write_text(
        "{{ result.submission }} {{ nothing }}", encoding="utf-8"
    )
    with pytest.raises(ReportError) as info:
        render_report(result, None, "md", make_environment([tmp_path]))
    assert info.value.code == "template_failed"
    assert "nothing" in info.value.detail


def test_missing_attribute_raises_report_error(tmp_path: Path, result: Result) -> None:
    (tmp_path / "report.md.j2").write_text("{{ result.no_such_field }}", encoding="utf-8")
    with pytest.raises(ReportError):
        render_report(result, None, "md", make_environment([tmp_path]))
