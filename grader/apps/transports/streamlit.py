"""Streamlit apps: the AppTest harness runs the script once per sample beside the server.

Generation samples are not driven (the kind has no generation probe: ``not_driven``).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from grader.apps.context import FIRST_SESSION, NO_WIDGET, ProbeContext, sample_probe
from grader.apps.diagnose import clean_log, last_error
from grader.apps.samples import Sample, SampleSet
from grader.records.app_result import MAX_ERROR_CHARS, AppProbe
from grader.safe_io import read_untrusted

__all__ = ["classify_streamlit"]

HARNESS_SOURCE = Path(__file__).parent.parent / "st_harness.py"


def classify_streamlit(ctx: ProbeContext) -> list[AppProbe]:
    """Run the script with streamlit's AppTest once per sample, inside the same sandbox."""
    harness = ctx.service.ipc / "st_harness.py"
    harness.write_bytes(HARNESS_SOURCE.read_bytes())
    payload = [_streamlit_sample(s, ctx.samples) for s in ctx.samples.samples]
    samples_file = ctx.service.ipc / "st_samples.json"
    samples_file.write_text(json.dumps(payload), encoding="utf-8")
    samples_file.chmod(0o644)
    harness.chmod(0o644)
    budget = ctx.timeout_s * (len(payload) + 1) + 10
    result_file = ctx.service.ipc / "st_result.jsonl"
    argv = [ctx.python, str(harness), ctx.script, str(samples_file), str(ctx.timeout_s)]
    done = ctx.service.exec([*argv, str(result_file)], timeout_s=budget)
    rows = _json_lines(read_untrusted(result_file, 256 * 1024).decode("utf-8", "replace"))
    by_id = {str(r.get("id")): r for r in rows}
    probes = [_first_session(by_id.get("None"), done.stderr + done.stdout)]
    for sample in ctx.samples.samples:
        row = by_id.get(sample.id)
        if row is None:
            error = last_error(clean_log(done.stderr + done.stdout)) or "응답 없음"
            probes.append(sample_probe(sample, "", ok=False, error=error))
            continue
        probes.append(_streamlit_probe(sample, row))
    return probes


def _first_session(row: dict[str, Any] | None, output: str) -> AppProbe:
    """The script's run without input: did a real session render without an exception?"""
    first = Sample(id=FIRST_SESSION)
    if row is None:
        error = last_error(clean_log(output)) or "첫 세션 결과가 없습니다"
        return sample_probe(first, "", ok=False, error=error)
    error = str(row.get("error", ""))[:MAX_ERROR_CHARS]
    texts = [str(t)[:300] for t in row.get("texts", []) if t][:20]
    shown = " / ".join(texts)[:300]
    return sample_probe(
        first, "", ok=not error, error=error, output=f"표시된 글 {len(texts)}개: {shown}"[:300]
    )


def _streamlit_sample(sample: Sample, samples: SampleSet) -> dict[str, Any]:
    image = samples.image_path(sample)
    return {
        "id": sample.id,
        "values": list(sample.values) if sample.values else None,
        "image_bytes": image.read_bytes().hex() if image else None,
    }


def _streamlit_probe(sample: Sample, row: dict[str, Any]) -> AppProbe:
    how = str(row.get("how", ""))[:40]
    error = str(row.get("error", ""))[:MAX_ERROR_CHARS]
    texts = [str(t)[:300] for t in row.get("texts", []) if t][:20]
    if error:
        return sample_probe(sample, how.strip("-"), ok=False, error=error)
    if not how:
        return sample_probe(sample, "", ok=False, error=NO_WIDGET)
    shown = " / ".join(texts)[:300]
    predicted = shown or None
    return sample_probe(
        sample, how, ok=bool(texts), output=f"표시된 글 {len(texts)}개", predicted=predicted
    )


def _json_lines(text: str) -> list[dict[str, Any]]:
    rows = []
    for line in text.splitlines()[:200]:
        with contextlib.suppress(ValueError):
            row = json.loads(line)
            if isinstance(row, dict):
                rows.append(row)
    return rows
