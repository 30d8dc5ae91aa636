"""5. 앱: an app exists; whether it works needs the app probe (sandboxed), else △."""

from __future__ import annotations

from grader.records.evidence import AppFact, Evidence
from grader.rubric.checks.common import cell_no, each
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

KIND_NAMES = {
    "gradio": "Gradio",
    "streamlit": "Streamlit",
    "flask": "Flask",
    "fastapi": "FastAPI",
    "predict_function": "예측 함수",
}


def _apps(evidence: Evidence) -> list[AppFact]:
    return [*evidence.apps, *each(evidence, lambda n: n.apps)]


@check("app.works")
def app_works(evidence: Evidence) -> Outcome:
    """x without an app; △ with one, since starting it is the app probe's job."""
    apps = _apps(evidence)
    if not apps:
        return Outcome.of("x", "no_app")
    app = apps[0]
    return Outcome.of(
        "△",
        "app_not_probed",
        [a.ref for a in apps],
        kind=KIND_NAMES[app.kind],
        where=cell_no(app.ref) if app.ref.source != "file" else app.ref.excerpt,
    )


@check("app.model_works")
def app_model_works(evidence: Evidence) -> Outcome:
    """x without an app; △ with one until the probe has asked it something."""
    apps = _apps(evidence)
    if not apps:
        return Outcome.of("x", "no_app_model")
    return Outcome.of(
        "△", "app_model_not_probed", [a.ref for a in apps], kind=KIND_NAMES[apps[0].kind]
    )
