"""Evidence stage: what a notebook shows, grouped by what it reads (code, text, outputs).

:func:`~grader.evidence.build.build_evidence` composes the collectors of
:mod:`~grader.evidence.code`, :mod:`~grader.evidence.text` and :mod:`~grader.evidence.outputs`
into one record per notebook; :mod:`~grader.evidence.derived` answers what later stages ask of it.
"""
