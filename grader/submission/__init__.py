"""Stage 1: load and validate untrusted submissions."""

from grader.submission.limits import LoadLimits
from grader.submission.load import load_submission

__all__ = ["LoadLimits", "load_submission"]
