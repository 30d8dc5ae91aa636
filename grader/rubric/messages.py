"""Korean comments for reason codes (the catalogue lives in ``messages_ko.yaml``)."""

from __future__ import annotations

import os
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from grader.errors import RubricError
from grader.rubric.particles import attach_particles, pair_placeholders

__all__ = ["CATALOGUE", "attach_particles", "catalogue", "render_comment"]

CATALOGUE = Path(__file__).with_name("messages_ko.yaml")


@cache
def catalogue() -> dict[str, str]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return {str(k): str(v).strip() for k, v in data.items()}


def render_comment(reason: str, facts: dict[str, Any]) -> str:
    """The Korean comment for ``reason`` filled with ``facts``.

    A missing entry or placeholder raises under ``GRADER_STRICT_MESSAGES=1`` (tests) and
    otherwise falls back to a generic sentence, so a wording slip never loses a report.
    """
    template = catalogue().get(reason)
    try:
        if template is None:
            raise KeyError(reason)
        filled = string.Formatter().vformat(pair_placeholders(template), (), _Facts(facts))
        return attach_particles(filled)
    except (KeyError, IndexError, ValueError) as exc:
        if os.environ.get("GRADER_STRICT_MESSAGES") == "1":
            raise RubricError(f"메시지 '{reason}'를 만들 수 없습니다: {exc}") from exc
        return f"자동 판정 사유 코드: {reason}"


class _Facts(dict[str, Any]):
    """Facts with list values joined for display."""

    def __init__(self, facts: dict[str, Any]) -> None:
        super().__init__(
            {
                k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
                for k, v in facts.items()
            }
        )
