"""Artifact judges: models the grader trusts, judging what student code produced.

A pack names its judge (``artifacts.judge: sklearn_digits``), looked up in
:mod:`grader.judges.registry`; evidence uses it on saved files and the app probe on the
images an app returns, so it sits below both. Importing this package registers the
built-in judges.
"""

from grader.judges import digits as _digits  # noqa: F401  (registers sklearn_digits)
from grader.judges.registry import ArtifactJudge, JudgeEntry, get_judge, judge_names

__all__ = ["ArtifactJudge", "JudgeEntry", "get_judge", "judge_names"]
