"""Probe each app of a submission: start it in the sandbox, ask it, screenshot it, judge it.

Nothing here raises on student behaviour: an app that does not start, crashes or answers
nonsense becomes an :class:`AppResult` with a diagnosis. The grader's own failures in the
probe become ``diagnosis="probe_failed"`` for that app.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
from pathlib import Path

from grader.apps import kinds
from grader.apps.bridge import Bridge
from grader.apps.context import (
    FIRST_SESSION,
    NOT_FED,
    SCHEMA_SAMPLE,
    ProbeContext,
    ProbeOptions,
)
from grader.apps.detect import AppTarget, detect_apps
from grader.apps.diagnose import clean_log, diagnose_log
from grader.apps.fn_probe import probe_function
from grader.apps.launch import Launched, prepare_script, sandbox_python, start_app, wait_ready
from grader.apps.samples import SampleSet, load_samples
from grader.apps.verdict import model_ok, service_diagnosis
from grader.records.app_result import (
    MAX_ERROR_CHARS,
    MAX_LOG_CHARS,
    MAX_SCREENSHOT_B64,
    AppProbe,
    AppResult,
    Diagnosis,
    InputsFrom,
)
from grader.records.submission import Submission
from grader.safe_io import read_untrusted
from grader.sandbox import Sandbox

__all__ = [
    "CHROMIUM_PATHS",
    "find_chromium",
    "probe_app",
    "probe_apps",
]

log = logging.getLogger(__name__)

CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/google-chrome")
"""The real binary first: Debian's ``/usr/bin/chromium`` wrapper reads /etc/chromium.d."""
NO_CHROMIUM_KO = (
    "Chromium이 설치되어 있지 않아 앱 화면을 캡처하지 못했습니다 (apt-get install chromium)."
)
SHOT_FAILED_KO = "Chromium으로 앱 화면을 캡처하지 못했습니다: {why}"
EMPTY_SAMPLES = SampleSet(samples=())


def find_chromium() -> str | None:
    """The first Chromium of :data:`CHROMIUM_PATHS` (under /usr, so the sandbox sees it)."""
    return next((p for p in CHROMIUM_PATHS if os.access(p, os.X_OK)), None)


def probe_apps(
    submission: Submission,
    sandbox: Sandbox,
    *,
    pack_root: Path | None = None,
    predict_function: str | None = None,
    options: ProbeOptions | None = None,
    fallback: SampleSet | None = None,
) -> tuple[AppResult, ...]:
    """Probe every app :func:`detect_apps` finds (none: an empty tuple).

    ``fallback``: inputs to use when the pack has no samples (rows of the notebook's data)."""
    targets = detect_apps(submission, predict_function)
    if not targets:
        return ()
    samples = load_samples(pack_root) or fallback or EMPTY_SAMPLES
    return tuple(probe_app(t, submission, sandbox, samples, options) for t in targets)


def probe_app(
    target: AppTarget,
    submission: Submission,
    sandbox: Sandbox,
    samples: SampleSet,
    options: ProbeOptions | None = None,
) -> AppResult:
    """Start ``target``, probe it with ``samples``, stop it; never raises on student code."""
    options = options or ProbeOptions()
    if target.kind == "predict_function":
        try:
            return probe_function(target, submission, sandbox, samples, options)
        except Exception as exc:
            log.warning("probe of the function %s failed: %s", target.entry, exc)
            return _failed(target, f"{type(exc).__name__}: {exc}")
    script: Path | None = None
    try:
        cwd, name, notes = prepare_script(target, submission)
        script = cwd / name if target.file is None else None
        launched = start_app(
            target, sandbox, cwd, name, Path(submission.root), options.start_timeout_s
        )
    except Exception as exc:
        log.warning("app probe of %s failed to start: %s", target.entry, exc)
        return _failed(target, f"{type(exc).__name__}: {exc}")
    try:
        with launched.service:
            return _judge(target, launched, samples, sandbox, options, notes)
    except Exception as exc:
        log.warning("app probe of %s failed: %s", target.entry, exc)
        return _failed(target, f"{type(exc).__name__}: {exc}")
    finally:
        if script is not None:
            with contextlib.suppress(OSError):
                script.unlink()


def _judge(
    target: AppTarget,
    launched: Launched,
    samples: SampleSet,
    sandbox: Sandbox,
    options: ProbeOptions,
    notes: list[str],
) -> AppResult:
    service = launched.service
    if not launched.bound:
        return _not_started(target, launched, notes)
    spec = kinds.get(target.kind)
    with Bridge(service.socket_path) as bridge:
        wait_ready(bridge.url, spec.ready_path, options.ready_timeout_s)
        context = ProbeContext(
            url=bridge.url,
            service=service,
            target=target,
            samples=samples,
            script=launched.script,
            python=sandbox_python(sandbox),
            timeout_s=options.request_timeout_s,
        )
        driven = samples.samples or target.kind == "streamlit" or samples.origin != "assignment"
        probes = spec.probe(context) if driven else []
        shot, shot_note = _screenshot(launched, options) if options.screenshot else (None, "")
    first = next((p for p in probes if p.input == FIRST_SESSION), None)
    probes = [p for p in probes if p is not first]
    if samples.origin != "assignment":  # rows the app has no input for were not sent at all
        probes = [p for p in probes if p.error not in NOT_FED]
    log_text = _log(launched)
    diagnosis = diagnose_log(log_text + "\n" + "\n".join(p.error for p in probes))
    code = service_diagnosis(probes, samples, diagnosis.code, first)
    if code == "first_session_error" and first is not None:
        diagnosis = diagnose_log(first.error)
        code = diagnosis.code if diagnosis.code != "none" else code
    return AppResult(
        kind=target.kind,
        entry=target.entry,
        started=True,
        start_seconds=round(launched.start_seconds, 2),
        answered=sum(1 for p in probes if p.ok),
        task=samples.task,
        probes=tuple(probes),
        model_ok=model_ok(probes, samples) if code in ("none", "wrong_output_shape") else None,
        inputs_from=_inputs_from(samples, probes),
        inputs_note=samples.note,
        first_session=first,
        diagnosis=code,
        missing_module=diagnosis.missing_module if code == "missing_package" else None,
        model_file=diagnosis.model_file if code == "wrong_model_path" else None,
        error=_error(diagnosis.error, first, probes) if code != "none" else "",
        screenshot_png=shot,
        screenshot_note=shot_note,
        log_tail=log_text,
        notes_ko=tuple(notes),
    )


def _error(from_log: str, first: AppProbe | None, probes: list[AppProbe]) -> str:
    """The log's last error, else the first session's, else the first failed probe's."""
    if from_log:
        return from_log
    if first is not None and not first.ok:
        return first.error
    return next((p.error for p in probes if p.error), "")


def _inputs_from(samples: SampleSet, probes: list[AppProbe]) -> InputsFrom:
    if not probes:
        return "none"
    return (
        "schema" if all(p.input.startswith(SCHEMA_SAMPLE) for p in probes) else samples.origin
    )


def _not_started(target: AppTarget, launched: Launched, notes: list[str]) -> AppResult:
    log_text = _log(launched)
    diagnosis = diagnose_log(log_text)
    still_running = launched.service.exit_status() is None
    code: Diagnosis = diagnosis.code
    if code == "none":
        code = "never_bound" if still_running else "exited"
    return AppResult(
        kind=target.kind,
        entry=target.entry,
        started=False,
        start_seconds=round(launched.start_seconds, 2),
        diagnosis=code,
        missing_module=diagnosis.missing_module,
        model_file=diagnosis.model_file,
        error=diagnosis.error,
        log_tail=log_text,
        notes_ko=tuple(notes),
    )


def _screenshot(launched: Launched, options: ProbeOptions) -> tuple[str | None, str]:
    chromium = options.chromium or find_chromium()
    if chromium is None:
        return None, NO_CHROMIUM_KO
    service = launched.service
    target = service.ipc / "screenshot.png"
    argv = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--user-data-dir=/tmp/grader-chromium",
        "--virtual-time-budget=8000",
        "--window-size=1280,900",
        f"--screenshot={target}",
        f"http://127.0.0.1:{service.port()}/",
    ]
    done = service.exec(argv, timeout_s=options.screenshot_timeout_s)
    data = read_untrusted(target, MAX_SCREENSHOT_B64 * 3 // 4)
    if not data.startswith(b"\x89PNG"):
        why = "시간 초과" if done.timed_out else f"종료 코드 {done.returncode}"
        return None, SHOT_FAILED_KO.format(why=why)
    return base64.b64encode(data).decode("ascii"), ""


def _log(launched: Launched) -> str:
    return clean_log(launched.service.log_tail(MAX_LOG_CHARS))[-MAX_LOG_CHARS:]


def _failed(target: AppTarget, error: str) -> AppResult:
    return AppResult(
        kind=target.kind,
        entry=target.entry,
        started=False,
        diagnosis="probe_failed",
        error=error[:MAX_ERROR_CHARS],
    )
