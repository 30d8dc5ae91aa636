"""What pack validation reports: one line per thing it looked at."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """One thing validation looked at: what, whether it holds, and why not (Korean)."""

    what: str
    ok: bool
    message_ko: str
