"""5. 앱: does the app start and answer, and does its model answer plausibly?

With ``evidence.app_results`` (``--run``: the app probe started the app in the sandbox) the
verdict is o / x with specifics; without it, △ "not probed" when an app exists, x when none.
"""

from __future__ import annotations

from grader.records.app_result import AppResult
from grader.records.evidence import AppFact, Evidence, EvidenceRef
from grader.records.verdict import Mark
from grader.rubric.checks.common import cell_no, each
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

KIND_NAMES = {
    "gradio": "Gradio 앱",
    "streamlit": "Streamlit 앱",
    "flask": "Flask 앱",
    "fastapi": "FastAPI 앱",
    "predict_function": "예측 함수",
}
_FAILURE_REASONS = {
    "wrong_model_path": "app_wrong_model_path",
    "missing_package": "app_missing_package",
    "never_bound": "app_never_bound",
    "exited": "app_exited",
    "exception_per_request": "app_exception_per_request",
    "function_missing": "app_function_missing",
}
_UNDECIDED_REASONS = {
    "no_samples": "app_no_samples",
    "not_driven": "app_not_driven",
    "probe_failed": "app_probe_failed",
}


def _apps(evidence: Evidence) -> list[AppFact]:
    return [*evidence.apps, *each(evidence, lambda n: n.apps)]


def _refs(evidence: Evidence) -> list[EvidenceRef]:
    return [a.ref for a in _apps(evidence)]


def _best(results: tuple[AppResult, ...]) -> AppResult:
    """The result that shows the app at its best (answered most, then started)."""
    return max(results, key=lambda r: (r.model_ok is True, r.answered, r.started))


def _facts(result: AppResult) -> dict[str, str | int | float]:
    total = len(result.probes)
    return {
        "kind": KIND_NAMES[result.kind],
        "entry": result.entry,
        "seconds": result.start_seconds if result.start_seconds is not None else "?",
        "answered": result.answered,
        "total": total,
        "correct": result.correct,
        "labelled": result.labelled,
        "error": result.error or "(오류 메시지 없음)",
        "module": result.missing_module or "?",
        "model_file": result.model_file or "?",
        "output": next((p.output for p in result.probes if p.ok and p.output), "?"),
        "screenshot": "화면 캡처가 보고서에 있습니다." if result.screenshot_png else "",
    }


@check("app.works")
def app_works(evidence: Evidence) -> Outcome:
    """o when the probed app answered; x with the cause when it did not; △ unprobed."""
    if evidence.app_results:
        result = _best(evidence.app_results)
        facts = _facts(result)
        if result.diagnosis in _FAILURE_REASONS:
            return Outcome.of("x", _FAILURE_REASONS[result.diagnosis], _refs(evidence), **facts)
        if result.diagnosis in _UNDECIDED_REASONS:
            return Outcome.of("△", _UNDECIDED_REASONS[result.diagnosis], _refs(evidence), **facts)
        answered = "app_generation_answered" if result.task == "generation" else "app_answered"
        return Outcome.of("o", answered, _refs(evidence), **facts)
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
    """o when most labelled samples came back right; x when wrong or unreachable; △ else."""
    if evidence.app_results:
        return _model_outcome(_best(evidence.app_results), _refs(evidence))
    apps = _apps(evidence)
    if not apps:
        return Outcome.of("x", "no_app_model")
    return Outcome.of(
        "△", "app_model_not_probed", [a.ref for a in apps], kind=KIND_NAMES[apps[0].kind]
    )


_GENERATION_REASONS = {
    "app_wrong_output_shape": "app_generation_no_image",
    "app_model_plausible": "app_generation_plausible",
    "app_model_implausible": "app_generation_implausible",
}


def _model_outcome(result: AppResult, refs: list[EvidenceRef]) -> Outcome:
    mark, reason = _model_mark(result)
    if result.task == "generation":
        reason = _GENERATION_REASONS.get(reason, reason)
    return Outcome.of(mark, reason, refs, **_facts(result))


def _model_mark(result: AppResult) -> tuple[Mark, str]:
    if result.diagnosis == "wrong_model_path":
        return "x", "app_wrong_model_path"
    if result.diagnosis == "wrong_output_shape":
        return "x", "app_wrong_output_shape"
    if result.diagnosis in _FAILURE_REASONS:
        return "x", "app_model_unreached"
    if result.diagnosis in _UNDECIDED_REASONS:
        return "△", _UNDECIDED_REASONS[result.diagnosis]
    if result.model_ok is True:
        return "o", "app_model_plausible"
    if result.model_ok is False:
        return "x", "app_model_implausible"
    return "△", "app_model_unlabelled"
