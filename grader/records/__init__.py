"""Pure-data records passed between pipeline stages (each root has a schema_version)."""

from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence
from grader.records.execution import Cell, CellError, CellOutput, ExecutedNotebook, Execution
from grader.records.submission import NotebookFile, Submission, SubmissionProblem
from grader.records.verdict import Mark, Problem, Result, SectionResult, Verdict

__all__ = [
    "Cell",
    "CellError",
    "CellOutput",
    "Evidence",
    "EvidenceRef",
    "ExecutedNotebook",
    "Execution",
    "Mark",
    "NotebookEvidence",
    "NotebookFile",
    "Problem",
    "Result",
    "SectionResult",
    "Submission",
    "SubmissionProblem",
    "Verdict",
]
