"""What the probes of one app say: the service's diagnosis and whether its model is plausible.

The same rules judge a served app (:mod:`grader.apps.probe`) and a called predict function
(:mod:`grader.apps.fn_probe`).
"""

from __future__ import annotations

import re

from grader.apps.samples import SampleSet
from grader.records.app_result import AppProbe, Diagnosis

__all__ = ["model_ok", "service_diagnosis"]


def service_diagnosis(
    probes: list[AppProbe],
    samples: SampleSet,
    from_log: Diagnosis,
    first: AppProbe | None = None,
) -> Diagnosis:
    """What the probes say about the service (``first``: streamlit's first session)."""
    if first is not None and not first.ok:
        return "first_session_error"
    if samples.origin != "assignment":
        return _unlabelled_diagnosis(probes, samples, from_log, first)
    if not samples.samples:
        return "no_samples"
    if not probes:
        return "not_driven"
    if not any(p.ok for p in probes):
        return from_log if from_log != "none" else "exception_per_request"
    if not any(p.ok and p.predicted is not None for p in probes):
        return "wrong_output_shape"
    return "none"


def _unlabelled_diagnosis(
    probes: list[AppProbe], samples: SampleSet, from_log: Diagnosis, first: AppProbe | None
) -> Diagnosis:
    """Without labels any well-formed answer is an answer; a refused guess is not a failure."""
    if not probes:
        if first is not None:
            return "none"  # nothing to send: the first session rendering is the answer
        return "not_driven" if samples.samples else "no_samples"
    if any(p.ok for p in probes):
        return "none"
    if all(_refused(p) for p in probes):
        return "inputs_refused"
    return from_log if from_log != "none" else "exception_per_request"


def model_ok(probes: list[AppProbe], samples: SampleSet) -> bool | None:
    if samples.origin != "assignment":
        return _unlabelled_ok(probes)
    labelled = [p for p in probes if p.plausible is not None]
    if not labelled:
        return False if any(p.ok for p in probes) and samples.samples else None
    correct = sum(1 for p in labelled if p.plausible)
    return correct / len(labelled) >= samples.min_correct


def _refused(probe: AppProbe) -> bool:
    """The app turned the request down as malformed (HTTP 4xx), it did not crash on it."""
    return re.match(r"HTTP 4\d\d\b", probe.error) is not None


def _unlabelled_ok(probes: list[AppProbe]) -> bool | None:
    """Without labels: ``False`` only when every answer is plainly broken (empty or NaN)."""
    answers = [p for p in probes if p.ok]
    if answers and all(_broken(p) for p in answers):
        return False
    return None


def _broken(probe: AppProbe) -> bool:
    value = (probe.predicted or "").strip().lower()
    if value in _BROKEN_VALUES:
        return True
    return not value and probe.output in _EMPTY_OUTPUTS


_BROKEN_VALUES = frozenset({"nan", "inf", "-inf", "none", "null"})
_EMPTY_OUTPUTS = frozenset({"", "str: ''", "NoneType", "dict()", "list[0] of -"})
