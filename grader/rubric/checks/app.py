"""5. 앱: does the app start and answer, and does its model answer plausibly?

With ``evidence.app_results`` (``--run``: the app probe started the app in the sandbox) the
verdict is o / x with specifics; without it, △ "not probed" when an app exists (an app file,
a ``%%writefile`` app, a web client calling an endpoint), x when none. A predict function
inside the notebook is an app only when the assignment names it (``predict_function``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

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
    "web_client": "웹 클라이언트",
}
SERVER_KINDS = frozenset({"gradio", "streamlit", "flask", "fastapi"})
_FAILURE_REASONS = {
    "wrong_model_path": "app_wrong_model_path",
    "missing_package": "app_missing_package",
    "never_bound": "app_never_bound",
    "exited": "app_exited",
    "exception_per_request": "app_exception_per_request",
    "first_session_error": "app_first_session_error",
    "function_missing": "app_function_missing",
}
_UNDECIDED_REASONS = {
    "no_samples": "app_no_samples",
    "not_driven": "app_not_driven",
    "inputs_refused": "app_inputs_refused",
    "probe_failed": "app_probe_failed",
}


class AppParams(BaseModel):
    """The predict function the assignment names as its app (none: a function is no app)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    predict_function: str | None = None


NO_PARAMS = AppParams()


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
        "inputs": result.inputs_note or "앱이 밝힌 입력 형식",
        "sent": next((p.input for p in result.probes), "?"),
        "shown": result.first_session.output if result.first_session else "?",
    }


_ANSWERED_BY_INPUTS = {
    "notebook": "app_answered_notebook_rows",
    "schema": "app_answered_schema",
    "none": "app_first_session_ok",
}


@check("app.works", params=AppParams)
def app_works(evidence: Evidence, params: AppParams = NO_PARAMS) -> Outcome:
    """o when the probed app answered; x with the cause when it did not; △ unprobed."""
    if evidence.app_results:
        return _probed(_best(evidence.app_results), _refs(evidence))
    apps = _counted(evidence, params)
    if not apps:
        return _no_app(evidence, "no_app", "app_predict_function_only")
    app = apps[0]
    where = {"where": _where(app), "kind": KIND_NAMES[app.kind]}
    if app.kind == "web_client":
        return Outcome.of(
            "△", "app_client_without_server", _app_refs(apps), **where, endpoint=app.endpoint or "?"
        )
    reason = "app_not_probed" if evidence.mode != "executed" else "app_not_started"
    client = next((a for a in apps if a.kind == "web_client"), None)
    if client is None:
        return Outcome.of("△", reason, _app_refs(apps), **where)
    facts = {**where, "client": _where(client), "endpoint": client.endpoint or "?"}
    return Outcome.of("△", f"{reason}_client", _app_refs(apps), **facts)


def _probed(result: AppResult, refs: list[EvidenceRef]) -> Outcome:
    facts = _facts(result)
    if result.diagnosis in _FAILURE_REASONS:
        return Outcome.of("x", _FAILURE_REASONS[result.diagnosis], refs, **facts)
    if result.diagnosis == "no_samples" and result.inputs_from == "none":
        return Outcome.of("△", "app_no_inputs", refs, **facts)
    if result.diagnosis in _UNDECIDED_REASONS:
        return Outcome.of("△", _UNDECIDED_REASONS[result.diagnosis], refs, **facts)
    if result.task == "generation":
        return Outcome.of("o", "app_generation_answered", refs, **facts)
    return Outcome.of(
        "o", _ANSWERED_BY_INPUTS.get(result.inputs_from, "app_answered"), refs, **facts
    )


def _counted(evidence: Evidence, params: AppParams) -> list[AppFact]:
    """The apps that count, servers first, then web clients, then the named predict function."""
    apps = _apps(evidence)
    servers = [a for a in apps if a.kind in SERVER_KINDS]
    clients = [a for a in apps if a.kind == "web_client"]
    named = [
        a
        for a in apps
        if a.kind == "predict_function"
        and params.predict_function
        and a.function == params.predict_function
    ]
    return [*servers, *clients, *named]


def _no_app(evidence: Evidence, none: str, function_only: str) -> Outcome:
    functions = [a for a in _apps(evidence) if a.kind == "predict_function"]
    if not functions:
        return Outcome.of("x", none)
    first = functions[0]
    return Outcome.of(
        "x", function_only, [first.ref], function=first.function or "?", where=cell_no(first.ref)
    )


def _where(app: AppFact) -> str:
    if app.ref.source == "file":
        return app.ref.excerpt
    if app.file:
        return f"{cell_no(app.ref)}의 %%writefile {app.file}"
    return cell_no(app.ref)


def _app_refs(apps: list[AppFact]) -> list[EvidenceRef]:
    return [a.ref for a in apps]


@check("app.model_works", params=AppParams)
def app_model_works(evidence: Evidence, params: AppParams = NO_PARAMS) -> Outcome:
    """o when most labelled samples came back right; x when wrong or unreachable; △ else."""
    if evidence.app_results:
        return _model_outcome(_best(evidence.app_results), _refs(evidence))
    apps = _counted(evidence, params)
    if not apps:
        return _no_app(evidence, "no_app_model", "no_app_model_predict_only")
    app = apps[0]
    if app.kind == "web_client":
        return Outcome.of(
            "△", "app_model_client_without_server", _app_refs(apps), where=_where(app)
        )
    return Outcome.of(
        "△", "app_model_not_probed", _app_refs(apps), kind=KIND_NAMES[app.kind], where=_where(app)
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
    if result.inputs_from in ("notebook", "schema", "none"):
        return _unlabelled_mark(result)
    if result.model_ok is False:
        return "x", "app_model_implausible"
    return "△", "app_model_unlabelled"


def _unlabelled_mark(result: AppResult) -> tuple[Mark, str]:
    """Without labels the model is judged only when its answers are plainly broken."""
    if result.model_ok is False:
        return "x", "app_model_broken_answers"
    if result.inputs_from == "none":
        return "△", "app_model_no_inputs"
    return "△", "app_model_no_labels"
