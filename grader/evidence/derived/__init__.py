"""Facts derived from a finished evidence record that several later stages read.

The rubric's checks and the member review (``grader.review``) both ask how a notebook's
models differ from the reference solution's (:mod:`~grader.evidence.derived.models`) and how
many training runs it shows (:mod:`~grader.evidence.derived.trials`); the answers live
here, below both, so neither stage imports the other. :mod:`~grader.evidence.derived.query`
holds the small questions about cells and texts they share.
"""
