"""Artifact judges: models the grader trusts, judging what student code produced.

A pack names its judge (``artifacts.judge: sklearn_digits``); evidence uses it on saved
files and the app probe on the images an app returns, so it sits below both.
"""
