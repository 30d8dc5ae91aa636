"""Call a notebook's predict function once per sample, inside the sandbox (stdlib + numpy).

Copied next to the notebook script and run there as
``python fn_harness.py SCRIPT FUNCTION SAMPLES_JSON RESULT_JSONL CALL_TIMEOUT_S``; it never
imports the grader. It runs SCRIPT (the notebook's code cells up to the function's cell) as
``__main__``, then calls FUNCTION once per sample with a time limit and writes one JSON line
per step to RESULT_JSONL: ``{"stage": "load", ...}`` (was the function defined and callable,
or the exception that stopped the script), then per sample ``{"id", "ok", "how", "type",
"shape", "value", "truncated", "error"}``. Values are capped (:data:`MAX_NUMBERS` numbers).
"""

from __future__ import annotations

import json
import os
import runpy
import signal
import sys
import time
import traceback
from typing import Any

MAX_NUMBERS = 200_000
MAX_TEXT = 500
MAX_ITEMS = 100


class CallTimeout(Exception):
    """The function did not return within the time limit."""


def _alarm(signum: int, frame: Any) -> None:
    raise CallTimeout("시간 제한 안에 끝나지 않았습니다")


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:MAX_TEXT]


def _jsonable(value: Any, budget: list[int], depth: int = 0) -> tuple[Any, bool]:
    """``value`` as JSON data: numbers, strings, lists (arrays), dicts; capped."""
    import numpy as np

    if depth > 6:
        return None, True
    if value is None or isinstance(value, bool):
        return value, False
    if isinstance(value, int | float):
        return (value if value == value and abs(value) != float("inf") else None), False
    if isinstance(value, str):
        return value[:MAX_TEXT], len(value) > MAX_TEXT
    if isinstance(value, np.generic):
        return _jsonable(value.item(), budget, depth + 1)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        cut = len(value) > MAX_ITEMS
        for key, item in list(value.items())[:MAX_ITEMS]:
            out[str(key)[:100]], inner = _jsonable(item, budget, depth + 1)
            cut = cut or inner
        return out, cut
    if isinstance(value, list | tuple) and not all(_is_number(v) for v in value[:MAX_ITEMS]):
        items: list[Any] = []
        cut = len(value) > MAX_ITEMS
        for item in list(value)[:MAX_ITEMS]:
            converted, inner = _jsonable(item, budget, depth + 1)
            items.append(converted)
            cut = cut or inner
        return items, cut
    array = _as_array(value)
    if array is None:
        return repr(value)[:MAX_TEXT], False
    if array.size > budget[0]:
        return None, True
    budget[0] -= array.size
    if array.dtype.kind in "biuf":
        array = np.nan_to_num(array.astype(np.float64))
        array = np.round(array, 5)
        return array.tolist(), False
    return [str(v)[:100] for v in array.reshape(-1)[:MAX_ITEMS]], array.size > MAX_ITEMS


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_array(value: Any) -> Any:
    import numpy as np

    for attr in ("detach", "cpu", "numpy"):  # torch / tensorflow tensors
        method = getattr(value, attr, None)
        if callable(method):
            try:
                value = method()
            except Exception:
                break
    try:
        array = np.asarray(value)
    except Exception:
        return None
    return None if array.dtype == object else array


def _shape(value: Any) -> list[int] | None:
    array = _as_array(value) if not isinstance(value, str | dict) else None
    return list(array.shape) if array is not None else None


def _inputs(sample: dict[str, Any]) -> list[tuple[str, Any]]:
    """(how, argument) pairs to try, in order."""
    import numpy as np

    if sample.get("task") == "generation":
        return [("숫자", int(sample["label"]))]
    values = np.asarray(sample["values"], dtype=np.float64)
    forms = [("(1, 64) 배열", values.reshape(1, -1)), ("(64,) 배열", values)]
    if values.size == 64:
        forms.append(("(8, 8) 배열", values.reshape(8, 8)))
    return forms


def main(argv: list[str]) -> None:
    script, name, samples_file, result_file, limit_text = argv[1:6]
    limit = float(limit_text)
    with open(samples_file, encoding="utf-8") as handle:
        samples = json.load(handle)
    out = open(result_file, "w", encoding="utf-8")

    def write(row: dict[str, Any]) -> None:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()

    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.argv = [script]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    started = time.monotonic()
    try:
        namespace = runpy.run_path(script, run_name="__main__")
    except BaseException as exc:  # the student's script stopped: report why
        traceback.print_exc()
        write({"stage": "load", "ok": False, "error": _error(exc)})
        return
    function = namespace.get(name)
    seconds = round(time.monotonic() - started, 2)
    if not callable(function):
        error = f"{name}이(가) 정의되지 않았거나 호출할 수 없습니다 ({type(function).__name__})"
        write({"stage": "load", "ok": False, "error": error, "seconds": seconds})
        return
    write({"stage": "load", "ok": True, "seconds": seconds})
    signal.signal(signal.SIGALRM, _alarm)
    preferred = 0
    stuck = ""
    for sample in samples:
        if stuck:  # a call ran past its time: later calls would too, skip them
            write({"id": sample["id"], "ok": False, "error": stuck})
            continue
        forms = _inputs(sample)
        order = [preferred, *(i for i in range(len(forms)) if i != preferred)]
        row: dict[str, Any] = {}
        for index in order:
            how, argument = forms[index]
            row = {"id": sample["id"], "how": how}
            try:
                signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    answer = function(argument)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                value, cut = _jsonable(answer, [MAX_NUMBERS])
                row.update(
                    ok=True, type=type(answer).__name__[:60], shape=_shape(answer), value=value
                )
                row["truncated"] = cut
                preferred = index
                break
            except CallTimeout as exc:
                row.update(ok=False, error=_error(exc))
                stuck = f"{row['error']} (앞선 호출이 시간 제한을 넘어 건너뜀)"[:MAX_TEXT]
                break
            except (Exception, SystemExit) as exc:  # sys.exit() in the function too
                row.update(ok=False, error=_error(exc))
        write(row)
    out.close()


if __name__ == "__main__":
    main(sys.argv)
