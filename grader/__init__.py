"""grader: peer-review auto-grader for deep-learning course notebooks."""

__version__ = "0.1.0"
