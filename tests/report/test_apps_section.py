from __future__ import annotations

from collections.abc import Callable

from grader.records import Execution, Result
from grader.records.app_result import AppProbe, AppResult
from grader.report.formats import render_report

from .conftest import PNG_1X1


def app(**changes: object) -> AppResult:
    probe = AppProbe(input="digit-5 (json 'pixels')", ok=True, output="dict(label)", predicted="9",
                     expected="5", plausible=False)
    fields: dict[str, object] = dict(kind="flask", entry="app.py", started=True, start_seconds=4.2,
                                     answered=1, probes=(probe,), model_ok=False)
    return AppResult.model_validate({**fields, **changes})


def test_app_probe_is_reported_with_its_screenshot(make_result: Callable[..., Result]):
    result = make_result(apps=(app(),))
    execution = Execution(mode="executed", notebooks=(), apps=(app(screenshot_png=PNG_1X1),))
    markdown = render_report(result, execution, "md")
    assert "Flask 앱 (app.py)" in markdown and "4.2초 만에 시작했고" in markdown
    assert "기대 5, 예측 9" in markdown and "HTML 리포트에 첨부" in markdown
    html = render_report(result, execution, "html")
    assert "헤드리스 Chromium으로 찍은 앱 화면" in html and "data:image/png;base64," in html


def test_app_that_never_started_says_why(make_result: Callable[..., Result]):
    dead = app(started=False, start_seconds=None, answered=0, probes=(), error="ModuleNotFoundError: No module named 'torchvision'",
               screenshot_note="앱이 시작되지 않아 화면을 찍지 못했습니다.")
    markdown = render_report(make_result(apps=(dead,)), None, "md")
    assert "앱이 시작되지 않았습니다: ModuleNotFoundError" in markdown
    assert "화면을 찍지 못했습니다" in markdown
