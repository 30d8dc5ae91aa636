"""Korean comments for reason codes (the catalogue lives in ``messages_ko.yaml``)."""

from __future__ import annotations

import os
import re
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from grader.errors import RubricError

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
        return attach_particles(string.Formatter().vformat(template, (), _Facts(facts)))
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


# "X을(를)" written in the catalogue becomes "X을" or "X를" once X is known.
_CLOSE = "['\"’”」』]"
_PARTICLES = re.compile(
    rf"(\S)({_CLOSE}?\s?\([^()]*\)|{_CLOSE})?"
    r"(을\(를\)|이\(가\)|은\(는\)|과\(와\)|으로\(로\)|아\(야\))"
)
_FIRST_FORM_DIGITS = set("013678")  # 영 일 삼 육 칠 팔 end in a consonant


def attach_particles(text: str) -> str:
    """Choose 을/를, 이/가, 은/는, 과/와, 으로/로 by the final sound of the word before."""

    def choose(match: re.Match[str]) -> str:
        # A closing quote or a parenthetical between word and particle is skipped:
        # "'배운 점'을", "앱(app.py)이".
        last, aside, pair = match.group(1), match.group(2) or "", match.group(3)
        first, second = pair[:-1].split("(")
        batchim = _final_consonant(last)
        if batchim is None:
            return match.group(0)
        if first == "으로" and batchim == "ㄹ":
            return last + aside + second  # 'ㄹ' takes 로: 파일로, 모델로
        return last + aside + (first if batchim else second)

    return _PARTICLES.sub(choose, text)


def _final_consonant(char: str) -> str | bool | None:
    """The final consonant of a Hangul syllable ("" when none); a guess for digits and %;
    ``None`` when it cannot be told (Latin letters keep the double form)."""
    if "가" <= char <= "힣":
        code = (ord(char) - ord("가")) % 28
        return "ㄹ" if code == 8 else bool(code)
    if char.isdigit():
        return char in _FIRST_FORM_DIGITS
    if char == "%":
        return False  # 퍼센트
    return None
