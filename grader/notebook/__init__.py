"""The notebook floor: untrusted notebook content read without running it.

:mod:`~grader.notebook.code` blanks magics and parses code cells into ASTs (with the small
name helpers every reader of code uses); :mod:`~grader.notebook.files` reads a submission's
files capped and without following links. Evidence extraction and app detection both stand
on it; it imports only :mod:`grader.records` and :mod:`grader.safe_io`.
"""
