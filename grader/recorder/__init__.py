"""The in-kernel experiment recorder (stdlib-only at import; never imports ``grader.*``).

Copied into the student's kernel by :mod:`grader.execute.inject` before the first cell. It
patches Keras, PyTorch, scikit-learn and matplotlib lazily, when the student imports them, and
streams JSON-lines events to a file that :mod:`grader.execute.channel` parses on the host.
"""

MODULES = (
    "sink",
    "safety",
    "fingerprint",
    "hooks",
    "rows",
    "keras",
    "torch",
    "sklearn",
    "matplotlib",
    "bootstrap",
)
"""Modules in the order they are executed in the kernel (each after those it imports)."""
