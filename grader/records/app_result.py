"""What the app probe saw: did the student's app start, answer, and is its model plausible.

Everything here came out of the sandbox (the app's answers, its log, the screenshot), so it
is untrusted data: capped, ANSI-stripped, never interpreted as code or markup.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from pydantic import Field

from grader.records.base import Record

AppKind = Literal["gradio", "streamlit", "flask", "fastapi", "predict_function"]
"""What the app probe can start and ask (the one list of app kinds)."""
AppFactKind = Literal[AppKind, "web_client"]
"""What evidence finds: the kinds above, and a web page or script that calls an app."""
APP_KIND_BY_IMPORT: tuple[tuple[str, AppKind], ...] = (
    ("streamlit", "streamlit"),
    ("gradio", "gradio"),
    ("fastapi", "fastapi"),
    ("flask", "flask"),
)
"""The app kind of a file from the frameworks it imports, first match first."""


def app_kind_of_imports(modules: Collection[str]) -> AppKind | None:
    """App kind of a file from its top-level imports (``app.py`` importing gradio: gradio)."""
    return next((kind for module, kind in APP_KIND_BY_IMPORT if module in modules), None)


Diagnosis = Literal[
    "none",  # started, answered, output well formed
    "wrong_model_path",  # a model file was not found (FileNotFoundError / OSError in the log)
    "missing_package",  # ModuleNotFoundError: ``missing_module`` names it
    "never_bound",  # still running after the start-up timeout without listening on a port
    "exited",  # the app ended before it listened (another error: see ``error``/log)
    "exception_per_request",  # started, but every probe failed
    "first_session_error",  # streamlit: the script raised in a real session (AppTest) run
    "function_missing",  # the predict function was not defined/callable after its cells ran
    "wrong_output_shape",  # answered, but no prediction could be read from the answers
    "no_samples",  # started and answered, but the assignment has no sample inputs
    "not_driven",  # started, but the probe cannot feed it (no input it understands)
    "inputs_refused",  # no assignment: the app answered 4xx to every input built from the notebook
    "probe_failed",  # the grader's own probing failed (see ``error``)
]

InputsFrom = Literal["assignment", "notebook", "schema", "none"]

MAX_ERROR_CHARS = 500
MAX_LOG_CHARS = 4000
MAX_SCREENSHOT_B64 = 1_500_000


class AppProbe(Record):
    """One sample input sent to the app and what came back."""

    input: str
    """Short description of the input (sample id, how it was sent)."""
    ok: bool
    """The app answered without an error."""
    output: str = ""
    """Summary of the answer: type and shape, and the prediction read from it (capped)."""
    predicted: str | None = None
    """The label read from the answer, if any."""
    expected: str | None = None
    """The sample's expected label, if it has one."""
    error: str = Field("", max_length=MAX_ERROR_CHARS)
    """Error message (HTTP status, exception), capped."""
    plausible: bool | None = None
    """``predicted == expected`` when both are known; ``None`` otherwise."""


class AppResult(Record):
    """The probe of one app of a submission."""

    kind: AppKind
    entry: str
    """Where the app is: a file of the submission, or ``notebook.ipynb#cell 12``."""
    started: bool
    """The app listened on a port (services) or loaded (predict function)."""
    start_seconds: float | None = None
    answered: int = 0
    """How many probes got an answer without an error."""
    task: Literal["classification", "generation"] = "classification"
    """What the samples asked: a prediction per input, or images of a requested class."""
    probes: tuple[AppProbe, ...] = ()
    model_ok: bool | None = None
    """Most labelled samples predicted right (True), mostly wrong (False), unknown (None)."""
    inputs_from: InputsFrom = "assignment"
    """What was sent: the pack's samples, rows of the notebook's own data (no labels), inputs
    built from the app's declared schema, or nothing (only the app's first session)."""
    inputs_note: str = ""
    """Where the inputs came from, in Korean (e.g. the notebook's test split, its shape)."""
    first_session: AppProbe | None = None
    """Streamlit: the script run once without input in a real session (AppTest)."""
    diagnosis: Diagnosis = "none"
    missing_module: str | None = None
    """The module a ``ModuleNotFoundError`` named (diagnosis ``missing_package``)."""
    model_file: str | None = None
    """The file a wrong model path named (diagnosis ``wrong_model_path``)."""
    error: str = Field("", max_length=MAX_ERROR_CHARS)
    """The last error line of the log, or the grader's own problem (capped)."""
    screenshot_png: str | None = Field(None, max_length=MAX_SCREENSHOT_B64)
    """Base64 PNG of the app's page in headless Chromium, when one could be taken."""
    screenshot_note: str = ""
    """Why there is no screenshot (e.g. Chromium missing), in Korean; empty when there is."""
    log_tail: str = Field("", max_length=MAX_LOG_CHARS)
    """End of the app's stdout/stderr, ANSI codes stripped."""
    notes_ko: tuple[str, ...] = ()
    """Limitations that apply to this probe (e.g. notebook code re-run as a script)."""

    @property
    def correct(self) -> int:
        """Probes whose prediction matched the expected label."""
        return sum(1 for p in self.probes if p.plausible)

    @property
    def labelled(self) -> int:
        """Probes that had both a prediction and an expected label."""
        return sum(1 for p in self.probes if p.plausible is not None)
