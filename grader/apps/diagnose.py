"""Read an app's log (untrusted, capped) for the usual failures, without running anything."""

from __future__ import annotations

import re
from dataclasses import dataclass

from grader.records.app_result import MAX_ERROR_CHARS, Diagnosis
from grader.text.clean import strip_ansi

__all__ = ["LogDiagnosis", "clean_log", "diagnose_log"]

_MISSING = re.compile(r"ModuleNotFoundError: No module named '([\w.]+)'")
_MODEL_FILE = re.compile(
    r"(?:FileNotFoundError|OSError|IOError|ValueError)[^\n]*?"
    r"['\"]?([^'\"\s]*\.(?:joblib|pkl|pickle|h5|keras|pt|pth|ckpt|onnx|bin|safetensors|sav))['\"]?"
)
_ERROR_LINE = re.compile(r"^\w*(?:Error|Exception)\b.*$", re.MULTILINE)


@dataclass(frozen=True)
class LogDiagnosis:
    """What the log says went wrong (``none`` when nothing known)."""

    code: Diagnosis
    error: str = ""
    missing_module: str | None = None
    model_file: str | None = None


def clean_log(text: str) -> str:
    """``text`` without terminal colour codes and carriage returns."""
    return strip_ansi(text).replace("\r", "")


def diagnose_log(log: str) -> LogDiagnosis:
    """Missing package, wrong model path, or just the last error line of ``log``."""
    text = clean_log(log)
    error = last_error(text)
    missing = _MISSING.findall(text)
    if missing:
        return LogDiagnosis("missing_package", error, missing_module=missing[-1].split(".")[0])
    model = _MODEL_FILE.findall(text)
    if model:
        return LogDiagnosis("wrong_model_path", error, model_file=model[-1][:200])
    return LogDiagnosis("none", error)


def last_error(text: str) -> str:
    """The last ``SomethingError: ...`` line (capped), or ''."""
    lines = _ERROR_LINE.findall(text)
    return lines[-1].strip()[:MAX_ERROR_CHARS] if lines else ""
