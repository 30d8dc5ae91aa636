"""Streamlit probe harness, copied *into* the app's sandbox: never imports ``grader``.

``python st_harness.py SCRIPT SAMPLES.json TIMEOUT RESULT.jsonl`` runs SCRIPT with
streamlit's AppTest once without input and once per sample (an uploaded PNG, else the
numbers typed into the first text field), and writes one JSON line per run to
RESULT.jsonl (stdout is the script's): the exception, if any, and the texts the script
showed that it had not shown without input. Its output is untrusted data.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

from streamlit.testing.v1 import AppTest

TEXT_KINDS = (
    "markdown",
    "text",
    "success",
    "info",
    "warning",
    "error",
    "metric",
    "subheader",
    "header",
    "title",
    "caption",
    "code",
    "json",
)


def _texts(at: Any) -> list[str]:
    found: list[str] = []
    for kind in TEXT_KINDS:
        for element in getattr(at, kind, []):
            value = getattr(element, "value", "")
            label = getattr(element, "label", "")
            found.append(f"{label} {value}".strip() if kind == "metric" else str(value))
    return [t[:300] for t in found if t]


def _errors(at: Any) -> str:
    found = []
    for element in at.exception:
        kind = getattr(getattr(element, "proto", None), "type", "") or "Exception"
        found.append(f"{kind}: {getattr(element, 'value', element)}"[:300])
    return " | ".join(found)


def _feed(at: Any, sample: dict[str, Any]) -> str:
    if sample.get("image_bytes") and len(at.file_uploader):
        data = bytes.fromhex(sample["image_bytes"])
        at.file_uploader[0].upload("sample.png", data, "image/png")
        return "이미지 업로드"
    numbers = sample.get("values") or []
    if len(at.number_input) and numbers:
        for widget, value in zip(at.number_input, numbers, strict=False):
            widget.set_value(value)
        return "숫자 입력"
    for kind in ("text_input", "text_area"):
        if len(getattr(at, kind)) and sample.get("values") is not None:
            getattr(at, kind)[0].input(", ".join(str(v) for v in sample["values"]))
            return "텍스트 입력"
    return ""


def main(argv: list[str]) -> int:
    script, samples_path, timeout = os.path.abspath(argv[1]), argv[2], float(argv[3])
    with open(samples_path, encoding="utf-8") as f:
        samples = json.load(f)
    with open(argv[4], "w", encoding="utf-8") as out:
        _run(script, samples, timeout, out)
    os._exit(0)  # a script stuck in a loop keeps its thread alive: don't wait for it


def _fail_all(samples: list[dict[str, Any]], error: str, out: Any) -> None:
    for sample in [{"id": None}, *samples]:
        row = {"id": sample["id"], "how": "-", "error": error, "texts": []}
        print(json.dumps(row), file=out, flush=True)


def _run(script: str, samples: list[dict[str, Any]], timeout: float, out: Any) -> int:
    at = AppTest.from_file(script, default_timeout=timeout)
    message = f"TimeoutError: script did not finish within {timeout:g}s"

    def give_up() -> None:
        _fail_all(samples, message, out)
        os._exit(0)

    watchdog = threading.Timer(timeout, give_up)
    watchdog.daemon = True
    watchdog.start()  # AppTest's own timeout does not stop a script stuck in a loop
    try:
        at.run()
    except Exception as exc:  # the script did not finish (timeout): every sample fails alike
        watchdog.cancel()
        _fail_all(samples, f"{type(exc).__name__}: {exc}", out)
        return 0
    watchdog.cancel()
    base = _texts(at)
    row = {"id": None, "how": "", "error": _errors(at), "texts": base}
    print(json.dumps(row), file=out, flush=True)
    for sample in samples:
        at = AppTest.from_file(script, default_timeout=timeout)
        at.run()
        try:
            how = _feed(at, sample)
        except Exception:  # the widget refused the value (type, range): not the app's failure
            how = ""
        if how:
            at.run()
            if len(at.button):
                at.button[0].click().run()
        new = [t for t in _texts(at) if t not in base]
        row = {"id": sample["id"], "how": how, "error": _errors(at), "texts": new}
        print(json.dumps(row), file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
