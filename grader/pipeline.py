"""The grading pipeline, stage by stage, for one submission.

STAGES reads top to bottom as the product does: load -> execute -> extract -> score -> render.
Every stage's result is a record stored beside the reports, so a later stage can be re-run
from the stored result of the one before (``rescore``, ``rerender``).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader import __version__
from grader.apps import with_app_results
from grader.assignments import AssignmentPack, load_pack
from grader.errors import ExecutionError, GraderError, ReportError, SubmissionError
from grader.evidence.build import build_evidence
from grader.evidence.text.course import CourseText
from grader.execute.base import Executor, StoredOutputsExecutor
from grader.execute.interrupt import raise_if_interrupted
from grader.execute.outcome import failed_execution
from grader.execute.stored import stored_execution
from grader.judges import get_judge
from grader.judges.registry import judge_params
from grader.paths import assignments_dir, reference_dir, rubrics_dir
from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence
from grader.records.execution import Execution, Fallback
from grader.records.submission import Submission
from grader.records.verdict import (
    Mark,
    Problem,
    Result,
    SampleGrid,
    SectionResult,
    Verdict,
)
from grader.report.environment import make_environment
from grader.report.formats import write_reports
from grader.review.members import member_reviews
from grader.rubric.load import LoadedRubric, load_rubric
from grader.rubric.messages import attach_particles, render_comment
from grader.rubric.score import overall_score, score
from grader.rubric.unexecuted import EXECUTION_INCOMPLETE, unexecuted_sections
from grader.submission.load import load_submission

log = logging.getLogger(__name__)

STAGES = ("load", "execute", "extract", "score", "render")

SUBMISSION_FILE = "submission.json"
EXECUTION_FILE = "execution.json"
EVIDENCE_FILE = "evidence.json"
RESULT_FILE = "result.json"


@dataclass(frozen=True)
class Assignment:
    """What grading needs to know about the assignment (or its absence)."""

    pack: AssignmentPack | None
    rubric: LoadedRubric
    course: CourseText | None
    baseline: NotebookEvidence | None = None
    """Evidence of the reference solution (from its stored outputs): the models to compare."""
    data_dir: Path | None = None
    """The instructor's data directory (read-only ``/data`` inside the sandbox)."""

    @property
    def id(self) -> str | None:
        return self.pack.id if self.pack else None

    @property
    def title(self) -> str | None:
        return self.pack.spec.title if self.pack else None


def load_assignment(assignment_id: str | None, data_dir: Path | None = None) -> Assignment:
    """The pack, the merged rubric and the course text of ``assignment_id`` (or none);
    ``data_dir``: where the pack's mounted datasets are (checked only when notebooks run)."""
    common = rubrics_dir() / "peer_review.yaml"
    data_dir = data_dir.resolve() if data_dir else None
    if assignment_id is None:
        return Assignment(None, load_rubric(common), None, data_dir=data_dir)
    pack = load_pack(assignments_dir(), assignment_id)
    if pack.spec.artifacts is not None:
        get_judge(pack.spec.artifacts.judge)  # an unknown judge fails here, named
        judge_params(pack.spec.artifacts.judge, pack.spec.artifacts.params, pack.id)
    project = rubrics_dir() / f"{pack.spec.rubric}.yaml" if pack.spec.rubric else None
    course = CourseText.from_pack(pack)
    baseline = reference_evidence(pack.id)
    return Assignment(pack, load_rubric(common, project), course, baseline, data_dir)


def reference_evidence(assignment_id: str) -> NotebookEvidence | None:
    """Evidence of ``reference_solutions/<id>/``'s first notebook, judged from stored outputs."""
    folder = reference_dir() / assignment_id
    notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        return None
    with tempfile.TemporaryDirectory(prefix="grader-ref-") as work:
        try:
            submission = load_submission(notebooks[0], work_dir=Path(work))
        except SubmissionError:
            log.warning("reference solution %s cannot be loaded", notebooks[0])
            return None
        evidence = build_evidence(submission, stored_execution(submission), None)
    return evidence.notebooks[0] if evidence.notebooks else None


@dataclass
class Graded:
    """Everything one submission produced, stage by stage."""

    result: Result
    out_dir: Path
    submission: Submission | None = None
    execution: Execution | None = None
    evidence: Evidence | None = None
    reports: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class RunOptions:
    """How to grade: which executor, where reports go, which formats and templates."""

    executor: Executor = field(default_factory=StoredOutputsExecutor)
    formats: tuple[str, ...] = ("md", "html", "json")
    templates: tuple[Path, ...] = ()
    keep_records: bool = True
    fallback: Fallback = "none"
    """``stored``: grade the stored outputs when execution fails (only when asked)."""


def grade_path(path: Path, assignment: Assignment, out_dir: Path, options: RunOptions) -> Graded:
    """Run every stage for the submission at ``path``; bad input becomes a report, not a crash."""
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="grader-work-"))
    reserve = getattr(options.executor, "reserve_root", None)  # a warm kernel waits there
    root: Path | None = reserve() if reserve is not None else None
    try:
        try:
            submission = load_submission(path, work_dir=work, root=root)
        except SubmissionError as exc:
            result = rejected_result(path.stem if path.suffix else path.name, assignment, exc)
            return _finish(Graded(result, out_dir), assignment, options)
        execution = execute(submission, options.executor, options.fallback)
        if execution.completed:
            execution = with_app_results(
                execution, submission, options.executor.sandbox, assignment.pack
            )
        artifacts = assignment.pack.spec.artifacts if assignment.pack else None
        evidence = build_evidence(
            submission, execution, assignment.course, artifacts, data_dir=assignment.data_dir
        )
        result = score_result(submission, execution, evidence, assignment)
        graded = Graded(result, out_dir, submission, execution, evidence)
        return _finish(graded, assignment, options)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


def execute(submission: Submission, executor: Executor, fallback: Fallback = "none") -> Execution:
    """Stage 2. When the executor fails, the record says so and holds no outputs, or (only
    with ``fallback="stored"``) the stored outputs. SIGINT/SIGTERM propagate as
    :class:`~grader.execute.interrupt.Interrupted`."""
    try:
        execution = executor.run(submission)
    except ExecutionError as exc:
        raise_if_interrupted()
        log.warning("execution failed for %s: %s", submission.name, exc)
        return failed_execution(submission, exc, fallback)
    raise_if_interrupted()
    return execution


def score_result(
    submission: Submission,
    execution: Execution,
    evidence: Evidence,
    assignment: Assignment,
    stored: dict[str, Mark] | None = None,
) -> Result:
    """Stage 4: judge the checklist and assemble the result.

    ``stored``: the marks the stored outputs earn (see :func:`stored_marks`), when the
    submission's notebooks are not at hand (rescore)."""
    sections = score(evidence, assignment.rubric, assignment.id, assignment.baseline)
    if not execution.completed and execution.fallback == "none":
        stored = stored if stored is not None else stored_marks(submission, assignment)
        reason = execution.status_reason_ko
        sections = unexecuted_sections(sections, execution.status, reason, stored)
    problems = [
        Problem(code=p.code, message_ko=attach_particles(p.message_ko), path=p.path)
        for p in submission.problems
    ]
    problems += [
        Problem(code="execution_warning", message_ko=attach_particles(w))
        for w in execution.warnings_ko
    ]
    sections = with_execution_counts(sections, execution)
    members = tuple(n.member for n in submission.notebooks if n.member)
    reviews = member_reviews(evidence, assignment.baseline)
    return Result(
        submission=submission.name,
        assignment_id=assignment.id,
        assignment_title=assignment.title,
        mode=execution.mode,
        sandboxed=execution.sandboxed,
        execution_status=execution.status,
        execution_reason_ko=execution.status_reason_ko,
        fallback=execution.fallback,
        members=members,
        sections=tuple(sections),
        reviews=tuple(reviews),
        apps=tuple(app.model_copy(update={"screenshot_png": None}) for app in evidence.app_results),
        findings=evidence.findings,
        limits_hit=tuple(hit for nb in execution.notebooks for hit in nb.limit_hits),
        sample_grids=tuple(
            SampleGrid(path=s.path, png=s.grid_png) for s in evidence.samples if s.grid_png
        ),
        problems=tuple(problems),
        score=overall_score(sections),
        grader_version=__version__,
    )


def with_execution_counts(
    sections: list[SectionResult], execution: Execution
) -> list[SectionResult]:
    """Every evidence reference with the ``[n]`` Jupyter shows beside its cell."""
    counts = {
        (nb.path, cell.index): cell.execution_count
        for nb in execution.notebooks
        for cell in nb.cells
        if cell.execution_count is not None
    }
    if not counts:
        return sections

    only = execution.notebooks[0].path if len(execution.notebooks) == 1 else None

    def counted(ref: EvidenceRef) -> EvidenceRef:
        if ref.cell is None or ref.source not in ("code", "output", "trace"):
            return ref
        count = counts.get((ref.notebook or only or "", ref.cell))
        return ref if count is None else ref.model_copy(update={"execution_count": count})

    return [
        section.model_copy(
            update={
                "items": tuple(
                    item.model_copy(update={"evidence": tuple(map(counted, item.evidence))})
                    for item in section.items
                )
            }
        )
        for section in sections
    ]


def stored_marks(submission: Submission, assignment: Assignment) -> dict[str, Mark]:
    """Item id → mark judged from the stored outputs (to tell which items they change)."""
    if not submission.notebooks:
        return {}
    artifacts = assignment.pack.spec.artifacts if assignment.pack else None
    evidence = build_evidence(
        submission,
        stored_execution(submission),
        assignment.course,
        artifacts,
        data_dir=assignment.data_dir,
    )
    sections = score(evidence, assignment.rubric, assignment.id, assignment.baseline)
    return {item.id: item.mark for section in sections for item in section.items}


def rejected_result(name: str, assignment: Assignment, error: GraderError) -> Result:
    """A result for a submission that could not be opened: every item △ with the reason."""
    facts = {"message": error.message_ko}
    comment = render_comment("submission_rejected", facts)
    sections = []
    for section in assignment.rubric.rubric.sections:
        items = [
            Verdict(
                id=b.spec.id,
                label=b.spec.label,
                section=b.section,
                mark="△",
                reason="submission_rejected",
                comment=comment,
                facts=facts,
            )
            for b in assignment.rubric.items
            if b.section == section.id
        ]
        sections.append(
            SectionResult(id=section.id, title=section.title, mark="△", items=tuple(items))
        )
    return Result(
        submission=name,
        assignment_id=assignment.id,
        assignment_title=assignment.title,
        mode=None,
        sections=tuple(sections),
        problems=(Problem(code=error.code, message_ko=attach_particles(error.message_ko)),),
        grader_version=__version__,
    )


def _finish(graded: Graded, assignment: Assignment, options: RunOptions) -> Graded:
    """Stage 5: store the records and render the reports."""
    if options.keep_records and graded.submission is not None:
        graded.submission.save(graded.out_dir / SUBMISSION_FILE)
    if options.keep_records and graded.execution is not None:
        graded.execution.save(graded.out_dir / EXECUTION_FILE)
    if options.keep_records and graded.evidence is not None:
        graded.evidence.save(graded.out_dir / EVIDENCE_FILE)
    pack_dir = assignment.pack.root if assignment.pack else None
    env = make_environment(options.templates, pack_dir=pack_dir)
    graded.reports = write_reports(
        graded.result, graded.execution, graded.out_dir, options.formats, env
    )
    return graded


def rescore(out_dir: Path, assignment: Assignment, options: RunOptions) -> Graded:
    """Re-run score and render from the stored submission, execution and evidence (no
    re-execution); the marks of items the stored outputs decide come from the last result."""
    execution = Execution.load(out_dir / EXECUTION_FILE)
    evidence = Evidence.load(out_dir / EVIDENCE_FILE)
    previous = _previous_result(out_dir)
    submission = _stored_submission(out_dir, previous)
    kept = (
        {i.id: i.mark for i in previous.items if i.reason != EXECUTION_INCOMPLETE}
        if previous
        else None
    )
    result = score_result(submission, execution, evidence, assignment, kept)
    if not (out_dir / SUBMISSION_FILE).is_file() and previous is not None:
        result = result.model_copy(
            update={"members": previous.members, "problems": previous.problems}
        )
    graded = Graded(result, out_dir, submission, execution, evidence)
    return _finish(graded, assignment, options)


def rerender(out_dir: Path, assignment: Assignment, options: RunOptions) -> Graded:
    """Render the reports again from the stored result and records (new templates or
    formats); nothing is scored again."""
    result = _previous_result(out_dir)
    if result is None:
        raise ReportError(
            f"{out_dir}에 채점 결과(result.json)가 없어 리포트를 다시 만들 수 없습니다.",
            code="result_missing",
        )
    execution_path = out_dir / EXECUTION_FILE
    execution = Execution.load(execution_path) if execution_path.is_file() else None
    submission = _stored_submission(out_dir, result)
    graded = Graded(result, out_dir, submission, execution)
    options = dataclasses.replace(options, keep_records=False)
    return _finish(graded, assignment, options)


def _previous_result(out_dir: Path) -> Result | None:
    stored = out_dir / RESULT_FILE
    if not stored.is_file():
        return None
    return Result.from_contract(json.loads(stored.read_text(encoding="utf-8")))


def _stored_submission(out_dir: Path, previous: Result | None) -> Submission:
    """The stored ``submission.json``; for folders graded before it was stored, a stub
    named after the last result (no notebooks: its members and problems come from there)."""
    stored = out_dir / SUBMISSION_FILE
    if stored.is_file():
        return Submission.load(stored)
    name = previous.submission if previous else out_dir.name
    return Submission(name=name, kind="folder", root=str(out_dir), content_hash="", notebooks=())
