"""Drive a notebook's predict function (kind ``predict_function``) in the sandbox.

The notebook's code cells up to and including the function's cell become a script (as for a
notebook gradio app, magics blanked); :mod:`grader.apps.fn_harness` (stdlib + numpy, copied
beside it) runs it and calls the function once per sample with a time limit, writing JSON
lines the host reads with :func:`grader.safe_io.read_untrusted`. Judged as the other kinds:
classification ``predicted == label``, generation through the digits judge.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from pathlib import Path
from typing import Any

from grader.apps.answers import matches, read_label, summarize
from grader.apps.context import ProbeOptions
from grader.apps.detect import AppTarget
from grader.apps.diagnose import clean_log, diagnose_log, last_error
from grader.apps.generation import class_value, generation_probe
from grader.apps.images import Array, find_images, load_ref
from grader.apps.launch import notebook_script, sandbox_python
from grader.apps.samples import Sample, SampleSet
from grader.apps.verdict import model_ok, service_diagnosis
from grader.judges.digits import digits_judge
from grader.records.app_result import MAX_ERROR_CHARS, MAX_LOG_CHARS, AppProbe, AppResult
from grader.records.submission import Submission
from grader.safe_io import read_untrusted
from grader.sandbox import Sandbox

__all__ = ["FUNCTION_NOTE", "NO_PAGE_KO", "probe_function"]

HARNESS_SOURCE = Path(__file__).with_name("fn_harness.py")
FUNCTION_NOTE = (
    "예측 함수는 노트북의 코드 셀을 함수 정의 셀까지 스크립트로 모아 다시 실행한 뒤 "
    "예시 입력마다 한 번씩 직접 호출해 확인했습니다 (매직 명령과 셸 명령은 빼고 실행)."
)
NO_PAGE_KO = "예측 함수는 화면(웹 페이지)이 없어 화면 캡처를 하지 않았습니다."
MAX_RESULT_BYTES = 8 * 1024 * 1024
PREFIX = "_grader_fn_"


def probe_function(
    target: AppTarget,
    submission: Submission,
    sandbox: Sandbox,
    samples: SampleSet,
    options: ProbeOptions,
) -> AppResult:
    """Load the notebook code, call ``target.function`` per sample, judge the answers."""
    notebook = next(n for n in submission.notebooks if n.path == target.notebook)
    root = Path(submission.root)
    cwd = root.joinpath(*Path(notebook.path).parent.parts)
    tag = f"{PREFIX}{target.cell}_{secrets.token_hex(4)}"
    files = {name: cwd / f"{tag}_{name}" for name in ("script.py", "harness.py", "samples.json")}
    result_file = cwd / f"{tag}_result.jsonl"
    try:
        files["script.py"].write_text(
            notebook_script(notebook.content, target.cell or 0), encoding="utf-8"
        )
        files["harness.py"].write_bytes(HARNESS_SOURCE.read_bytes())
        payload = [_payload(s, samples.task) for s in samples.samples]
        files["samples.json"].write_text(json.dumps(payload), encoding="utf-8")
        for path in files.values():
            path.chmod(0o644)
        budget = options.start_timeout_s + options.request_timeout_s * (len(payload) + 1) + 10
        argv = [
            sandbox_python(sandbox),
            files["harness.py"].name,
            files["script.py"].name,
            str(target.function),
            files["samples.json"].name,
            result_file.name,
            str(options.request_timeout_s),
        ]
        done = sandbox.run_command(argv, root, cwd, timeout_s=budget)
        raw = read_untrusted(result_file, MAX_RESULT_BYTES).decode("utf-8", "replace")
    finally:
        for path in (*files.values(), result_file):
            with contextlib.suppress(OSError):
                path.unlink()
    log_text = clean_log(done.stdout + "\n" + done.stderr).strip()[-MAX_LOG_CHARS:]
    return _result(target, samples, _rows(raw), log_text, done.timed_out)


def _payload(sample: Sample, task: str) -> dict[str, Any]:
    if task == "generation":
        return {"id": sample.id, "task": task, "label": class_value(sample)}
    return {"id": sample.id, "task": task, "values": list(sample.values or ())}


def _rows(text: str) -> list[dict[str, Any]]:
    rows = []
    for line in text.splitlines()[:400]:
        with contextlib.suppress(ValueError, RecursionError):
            row = json.loads(line)
            if isinstance(row, dict):
                rows.append(row)
    return rows


def _result(
    target: AppTarget,
    samples: SampleSet,
    rows: list[dict[str, Any]],
    log_text: str,
    timed_out: bool,
) -> AppResult:
    load = next((r for r in rows if r.get("stage") == "load"), None)
    base: dict[str, Any] = {
        "kind": target.kind,
        "entry": target.entry,
        "task": samples.task,
        "screenshot_note": NO_PAGE_KO,
        "log_tail": log_text,
        "notes_ko": (FUNCTION_NOTE,),
    }
    if load is None or load.get("ok") is not True:
        return _not_loaded(base, load, log_text, timed_out)
    seconds = load.get("seconds")
    by_id = {str(r.get("id")): r for r in rows if "id" in r}
    probes = [
        _probe(sample, by_id.get(sample.id), samples, timed_out) for sample in samples.samples
    ]
    diagnosis = diagnose_log(log_text + "\n" + "\n".join(p.error for p in probes))
    code = service_diagnosis(probes, samples, diagnosis.code)
    return AppResult(
        **base,
        started=True,
        start_seconds=float(seconds) if isinstance(seconds, int | float) else None,
        answered=sum(1 for p in probes if p.ok),
        probes=tuple(probes),
        model_ok=model_ok(probes, samples) if code in ("none", "wrong_output_shape") else None,
        inputs_from=samples.origin if probes else "none",
        inputs_note=samples.note,
        diagnosis=code,
        missing_module=diagnosis.missing_module if code == "missing_package" else None,
        model_file=diagnosis.model_file if code == "wrong_model_path" else None,
        error=(diagnosis.error or _first_error(probes)) if code != "none" else "",
    )


def _not_loaded(
    base: dict[str, Any], load: dict[str, Any] | None, log_text: str, timed_out: bool
) -> AppResult:
    """The script stopped, ran past its time, or left no callable function."""
    error = str(load.get("error", "")) if load else ""
    if not error:
        error = "시간 제한 안에 함수를 정의하지 못했습니다" if timed_out else last_error(log_text)
    diagnosis = diagnose_log(log_text + "\n" + error)
    code = diagnosis.code if diagnosis.code != "none" else "function_missing"
    return AppResult(
        **base,
        started=False,
        diagnosis=code,
        missing_module=diagnosis.missing_module,
        model_file=diagnosis.model_file,
        error=(error or diagnosis.error or "함수를 불러오지 못했습니다")[:MAX_ERROR_CHARS],
    )


def _first_error(probes: list[AppProbe]) -> str:
    return next((p.error for p in probes if p.error), "")


def _probe(
    sample: Sample, row: dict[str, Any] | None, samples: SampleSet, timed_out: bool
) -> AppProbe:
    if row is None:
        error = "시간 제한 안에 끝나지 않았습니다" if timed_out else "응답 없음"
        return AppProbe(input=sample.id, ok=False, expected=sample.label, error=error)
    how = str(row.get("how", ""))[:40]
    described = f"{sample.id} ({how})" if how else sample.id
    if row.get("ok") is not True:
        error = str(row.get("error", "") or "오류")[:MAX_ERROR_CHARS]
        return AppProbe(input=described, ok=False, expected=sample.label, error=error)
    value = row.get("value")
    summary = _summary(row)
    if samples.task == "generation":
        images, errors = _images(value)
        return generation_probe(sample, how, images, errors, summary, digits_judge())
    predicted = read_label(value)
    return AppProbe(
        input=described,
        ok=True,
        output=summary,
        predicted=predicted,
        expected=sample.label,
        plausible=matches(predicted, sample.label),
    )


def _summary(row: dict[str, Any]) -> str:
    kind = str(row.get("type", ""))[:60]
    shape = row.get("shape")
    value = row.get("value")
    if isinstance(shape, list) and 0 < len(shape) <= 8:
        text = f"{kind} {tuple(shape)}"
    elif isinstance(value, list | dict):
        text = f"{kind}: {summarize(value)}"
    else:
        text = f"{kind}: {str(value)[:80]!r}" if isinstance(value, str) else f"{kind}: {value}"
    if row.get("truncated"):
        text += " (값 일부만 받음)"
    return text[:200]


def _images(value: Any) -> tuple[list[Array], list[str]]:
    images: list[Array] = []
    errors: list[str] = []

    def no_fetch(url: str) -> bytes:
        raise ValueError("a function's answer has no URL to fetch")

    for ref in find_images(value):
        try:
            images.append(load_ref(ref, "http://127.0.0.1", no_fetch))
        except Exception as exc:  # untrusted data: a broken image is the student's
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
    return images, errors
