"""Faults of the grader itself (student failures are data, not exceptions).

::

    GraderError
     ├── SubmissionError          untrusted input rejected (code + Korean message)
     ├── AssignmentError          unknown or malformed assignment pack
     │    ├── UnknownJudgeError   a pack names an artifact judge that is not registered
     │    └── DataError           a pack's datasets are missing or cannot be faked
     ├── ExecutionError           the executor could not run at all
     │    ├── SandboxError        the sandbox could not be set up
     │    └── KernelEnvError      the course kernel is missing or could not be built
     ├── RubricError
     │    ├── RubricSchemaError   rubric YAML does not validate
     │    └── UnknownCheckError   a rubric names a check that is not registered
     ├── RecordSchemaError        a stored record has an unsupported schema_version
     ├── MissingExtraError        a feature needs an extra that is not installed
     ├── ReportError              a template failed to render
     └── BatchError               a class folder, roster or batch output folder cannot be used

Every error carries a machine-readable ``code`` and a Korean ``message_ko`` for students,
and pickles cleanly so worker pools can pass it back.
"""

from __future__ import annotations

__all__ = [
    "AssignmentError",
    "BatchError",
    "DataError",
    "ExecutionError",
    "GraderError",
    "KernelEnvError",
    "MissingExtraError",
    "RecordSchemaError",
    "ReportError",
    "RubricError",
    "RubricSchemaError",
    "SandboxError",
    "SubmissionError",
    "UnknownCheckError",
    "UnknownJudgeError",
]


class GraderError(Exception):
    """Root of every error the grader raises on purpose."""

    default_code = "grader_error"

    def __init__(self, message_ko: str, *, code: str | None = None, detail: str = "") -> None:
        super().__init__(message_ko)
        self.message_ko = message_ko
        self.code = code or self.default_code
        self.detail = detail

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message_ko, self.code, self.detail))

    def __str__(self) -> str:
        return f"{self.message_ko} ({self.code}{': ' + self.detail if self.detail else ''})"


def _rebuild(cls: type[GraderError], message_ko: str, code: str, detail: str) -> GraderError:
    error = cls.__new__(cls)
    GraderError.__init__(error, message_ko, code=code, detail=detail)
    return error


class SubmissionError(GraderError, ValueError):
    """The submission cannot be graded as given (format, size, unsafe archive...)."""

    default_code = "submission_invalid"


class AssignmentError(GraderError, LookupError):
    """An assignment pack is missing or malformed."""

    default_code = "assignment_invalid"


class UnknownJudgeError(AssignmentError):
    """A pack's ``artifacts.judge`` names no registered judge."""

    default_code = "unknown_judge"


class DataError(AssignmentError):
    """A pack's datasets are missing from the data directory, or its stand-ins cannot be made."""

    default_code = "data_missing"


class ExecutionError(GraderError, RuntimeError):
    """The executor itself failed (not the student's code)."""

    default_code = "execution_failed"


class SandboxError(ExecutionError):
    """The sandbox could not be created or is unavailable."""

    default_code = "sandbox_unavailable"


class KernelEnvError(ExecutionError):
    """The course kernel (the environment student code runs in) is missing or broken."""

    default_code = "kernel_unavailable"


class RubricError(GraderError):
    """A rubric cannot be used."""

    default_code = "rubric_invalid"


class RubricSchemaError(RubricError, ValueError):
    """A rubric file does not match the schema."""

    default_code = "rubric_schema"


class UnknownCheckError(RubricError, LookupError):
    """A rubric names a check that is not registered."""

    default_code = "unknown_check"


class RecordSchemaError(GraderError, ValueError):
    """A stored record was written by an unsupported schema version."""

    default_code = "record_schema"


class MissingExtraError(GraderError, ImportError):
    """A feature needs an optional extra (``grader[run]``, ``grader[apps]``) not installed."""

    default_code = "extra_missing"


class ReportError(GraderError):
    """A report template failed to render."""

    default_code = "report_failed"


class BatchError(GraderError, ValueError):
    """A class folder, roster or batch output folder cannot be used as given."""

    default_code = "batch_invalid"
