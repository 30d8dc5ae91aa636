"""CI on submission: grade, gate the result, and say it as JUnit XML and a PR comment.

``run_ci(paths, assignment_id, out_dir, gate)`` (:mod:`grader.ci.run`) grades with
:func:`grader.api.grade`, judges each result against the :class:`~grader.ci.gate.Gate`
(minimum score, required items) and returns a :class:`~grader.ci.run.CiOutcome` whose exit
status is 0 (passed), 1 (failed) or 2 (a submission could not be graded). The JUnit file
comes from :mod:`grader.report.junit`, the Markdown summary from :mod:`grader.ci.summary`.
"""

from grader.ci.gate import Gate, GateOutcome, exit_status, judge, rubric_item_ids
from grader.ci.run import CiOutcome, run_ci
from grader.ci.summary import append_step_summary, render_summary

__all__ = [
    "CiOutcome",
    "Gate",
    "GateOutcome",
    "append_step_summary",
    "exit_status",
    "judge",
    "render_summary",
    "rubric_item_ids",
    "run_ci",
]
