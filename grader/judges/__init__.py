"""Artifact judges: models the grader trusts, judging what student code produced.

A pack names its judge (``artifacts.judge: sklearn_digits``), looked up in
:mod:`grader.judges.registry`; evidence uses it on saved files and the app probe on the
images an app returns, so it sits below both. Built-in judges register when first looked up.
"""

from grader.judges.registry import ArtifactJudge, JudgeEntry, get_judge, judge_names

__all__ = ["ArtifactJudge", "JudgeEntry", "get_judge", "judge_names"]
