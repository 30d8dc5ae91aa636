"""``korean_text``: generated Korean lines (``generated.txt``, one sample per line).

Measured without any model: how many lines, how much of them is Hangul, how varied they are
(distinct-1/2: unique tokens / tokens over all lines), how often a line repeats an earlier one
or a token repeats within its line, and, when the truth names the training corpus (a text file
of the data directory), the share of lines copied verbatim from it (memorised, not generated).
Pure Python: no numpy.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from grader.judges.arrays import MAX_DETAILS
from grader.judges.base import ArtifactProblem, FileKind, JudgeParams, MetricInfo
from grader.judges.registry import register_judge
from grader.records.evidence import Measurement, SampleScore

__all__ = ["KoreanText", "TextParams", "hangul_ratio", "lines_of"]

MAX_LINES = 10_000
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_SPACE = re.compile(r"\s+")


class TextParams(JudgeParams):
    """Params of ``korean_text``."""

    unit: Literal["word", "char"] = Field(
        "word", description="Tokens of distinct-n and repetition: words (spaces) or characters."
    )
    min_chars: int = Field(1, ge=1, description="Shorter lines (after trimming) are not counted.")


METRICS = {
    "lines": MetricInfo("줄 수", "min_chars 이상인 생성 문장 수"),
    "hangul_ratio": MetricInfo("한글 비율", "공백을 뺀 글자 중 한글 비율", percent=True),
    "distinct_1": MetricInfo("distinct-1", "전체 토큰 중 서로 다른 토큰의 비율"),
    "distinct_2": MetricInfo("distinct-2", "전체 토큰 2-gram 중 서로 다른 2-gram의 비율"),
    "repeated_lines": MetricInfo("반복 문장 비율", "앞의 줄과 똑같은 줄의 비율", percent=True),
    "repetition": MetricInfo("줄 안 토큰 반복률", "줄마다 (1 - 서로 다른 토큰/토큰)의 평균"),
    "copied_share": MetricInfo(
        "학습 말뭉치 복사 비율", "truth(학습 말뭉치)에 그대로 있는 줄의 비율", percent=True
    ),
}


def lines_of(text: str, min_chars: int = 1) -> list[str]:
    """Non-empty lines with whitespace collapsed (the first :data:`MAX_LINES`)."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if len(line) >= min_chars][:MAX_LINES]


def hangul_ratio(text: str) -> float:
    letters = _SPACE.sub("", text)
    return len(_HANGUL.findall(letters)) / len(letters) if letters else 0.0


class KoreanText:
    """Counts and ratios of generated Korean lines."""

    artifact: FileKind = "text"
    truth_required: bool = False
    truth: FileKind | None = "text"
    params: type[JudgeParams] = TextParams
    metrics: Mapping[str, MetricInfo] = METRICS

    def measure(self, artifact: Any, truth: Any | None, params: Any) -> Measurement:
        lines = lines_of(str(artifact), params.min_chars)
        if not lines:
            raise ArtifactProblem("artifact_empty", "생성한 문장이 없습니다")
        tokens = [_tokens(line, params.unit) for line in lines]
        flat = [t for row in tokens for t in row]
        pairs = [pair for row in tokens for pair in itertools.pairwise(row)]
        seen: set[str] = set()
        repeated = 0
        for line in lines:
            repeated += line in seen
            seen.add(line)
        metrics = {
            "lines": float(len(lines)),
            "hangul_ratio": round(hangul_ratio("".join(lines)), 4),
            "distinct_1": round(len(set(flat)) / len(flat), 4) if flat else 0.0,
            "distinct_2": round(len(set(pairs)) / len(pairs), 4) if pairs else 0.0,
            "repeated_lines": round(repeated / len(lines), 4),
            "repetition": round(sum(map(_repetition, tokens)) / len(tokens), 4),
        }
        corpus = set(lines_of(str(truth))) if truth is not None else None
        if corpus is not None:
            metrics["copied_share"] = round(sum(line in corpus for line in lines) / len(lines), 4)
        details = tuple(
            SampleScore(
                index=i,
                values={
                    "hangul_ratio": round(hangul_ratio(lines[i]), 4),
                    "repetition": round(_repetition(tokens[i]), 4),
                    **({"copied": float(lines[i] in corpus)} if corpus is not None else {}),
                },
            )
            for i in range(min(len(lines), MAX_DETAILS))
        )
        return Measurement(
            count=len(lines), metrics=metrics, details=details, summary_ko=_summary(metrics)
        )


def _tokens(line: str, unit: str) -> list[str]:
    return line.split(" ") if unit == "word" else list(line.replace(" ", ""))


def _repetition(tokens: list[str]) -> float:
    return 1.0 - len(set(tokens)) / len(tokens) if tokens else 0.0


def _summary(metrics: dict[str, float]) -> str:
    text = (
        f"생성 문장 {int(metrics['lines'])}줄, 한글 비율 {metrics['hangul_ratio'] * 100:.1f}%, "
        f"distinct-1 {metrics['distinct_1']:.3f}, distinct-2 {metrics['distinct_2']:.3f}, "
        f"반복 문장 {metrics['repeated_lines'] * 100:.1f}%"
    )
    if "copied_share" in metrics:
        text += f", 학습 말뭉치와 똑같은 줄 {metrics['copied_share'] * 100:.1f}%"
    return text


register_judge(
    "korean_text",
    None,
    "생성한 한국어 문장(generated.txt, 한 줄에 하나): 줄 수, 한글 비율, distinct-1/2, 반복, "
    "truth(학습 말뭉치)가 있으면 그대로 복사한 줄의 비율",
    metric=KoreanText(),
)
