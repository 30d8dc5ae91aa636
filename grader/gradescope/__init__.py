"""Gradescope autograder bundles: ``grader gradescope build`` and the ``run`` it calls.

:mod:`grader.report.gradescope` turns a graded :class:`~grader.records.Result` into
Gradescope's ``results.json``; :mod:`grader.gradescope.bundle` writes the autograder zip
(``setup.sh``, ``run_autograder``, the grader itself and the assignment pack).
"""

from grader.gradescope.bundle import build_bundle

__all__ = ["build_bundle"]
