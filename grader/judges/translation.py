"""``translation_overlap``: translations (``translations.tsv``) against reference translations.

The notebook saves ``source<TAB>output`` per line for the test sources in order; the truth (a
text file of the data directory) holds one reference per line, or ``source<TAB>reference``
lines (the last column is the reference, the first is checked against the notebook's source);
a corpus file with other columns (ManyThings ``kor.txt``: ``English<TAB>Korean<TAB>출처``)
names them with ``reference_column`` and ``source_column``.
chrF and BLEU are sacrebleu's corpus scores (0-100); each line's chrF is its detail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from grader.judges.arrays import MAX_DETAILS
from grader.judges.base import ArtifactProblem, FileKind, JudgeParams, MetricInfo
from grader.judges.registry import register_judge
from grader.judges.text import MAX_LINES
from grader.records.evidence import Measurement, SampleScore

__all__ = ["TranslationOverlap", "TranslationParams", "pairs_of"]


class TranslationParams(JudgeParams):
    """Params of ``translation_overlap``."""

    word_order: int = Field(0, ge=0, le=2, description="chrF word n-gram order (2: chrF++).")
    bleu_tokenize: Literal["13a", "char", "intl", "none"] = Field(
        "13a",
        description="sacrebleu tokenizer of BLEU ('char' suits Korean without a morph analyser).",
    )
    lowercase: bool = Field(False, description="Compare case-insensitively.")
    reference_column: int | None = Field(
        None,
        ge=0,
        description="Column (0-based) of the reference in the truth's tab-separated lines; "
        "unset, the last column.",
    )
    source_column: int | None = Field(
        None,
        ge=0,
        description="Column (0-based) of the source in the truth's lines, checked against the "
        "notebook's sources; unset, everything before the last tab.",
    )


METRICS = {
    "chrf": MetricInfo("chrF", "sacrebleu corpus chrF (0~100)"),
    "bleu": MetricInfo("BLEU", "sacrebleu corpus BLEU (0~100)"),
    "source_match": MetricInfo(
        "원문 일치율", "truth가 원문을 함께 줄 때, 번역 파일의 원문이 같은 줄의 비율", percent=True
    ),
}


def pairs_of(text: str) -> list[tuple[str, str]]:
    """``(source, text)`` per non-blank line, split at its last tab (no tab: ``("", line)``),
    whitespace collapsed."""
    pairs = []
    for raw in text.split("\n"):
        source, _, output = raw.rpartition("\t")
        pair = " ".join(source.split()), " ".join(output.split())
        if any(pair):
            pairs.append(pair)
    return pairs[:MAX_LINES]


def truth_pairs(text: str, params: TranslationParams) -> list[tuple[str, str]]:
    """``(source, reference)`` per non-blank truth line, from the columns the params name."""
    if params.reference_column is None and params.source_column is None:
        return pairs_of(text)
    pairs = []
    for raw in text.split("\n"):
        columns = raw.split("\t")
        if not raw.strip():
            continue
        reference = columns[-1] if params.reference_column is None else _column(
            columns, params.reference_column
        )
        source = "" if params.source_column is None else _column(columns, params.source_column)
        pairs.append((" ".join(source.split()), " ".join(reference.split())))
    return pairs[:MAX_LINES]


def _column(columns: list[str], index: int) -> str:
    """The column's text, ``""`` when the line has no such column."""
    return columns[index] if index < len(columns) else ""


class TranslationOverlap:
    """chrF/BLEU of translations (sacrebleu imported when measuring)."""

    artifact: FileKind = "text"
    truth_required: bool = True
    truth: FileKind | None = "text"
    params: type[JudgeParams] = TranslationParams
    metrics: Mapping[str, MetricInfo] = METRICS

    def measure(self, artifact: Any, truth: Any | None, params: Any) -> Measurement:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF

        outputs, references = pairs_of(str(artifact)), truth_pairs(str(truth), params)
        if not outputs:
            raise ArtifactProblem("artifact_empty", "번역한 줄이 없습니다")
        if len(outputs) != len(references):
            raise ArtifactProblem(
                "artifact_count_mismatch", f"번역 {len(outputs)}줄, 정답 {len(references)}줄"
            )
        hyps = [out for _, out in outputs]
        refs = [ref for _, ref in references]
        chrf = CHRF(word_order=params.word_order, lowercase=params.lowercase)
        bleu = BLEU(tokenize=params.bleu_tokenize, lowercase=params.lowercase)
        metrics = {
            "chrf": round(chrf.corpus_score(hyps, [refs]).score, 3),
            "bleu": round(bleu.corpus_score(hyps, [refs]).score, 3),
        }
        sourced = [(o, r) for (o, _), (r, _) in zip(outputs, references, strict=True) if r]
        if sourced:
            metrics["source_match"] = round(sum(o == r for o, r in sourced) / len(sourced), 4)
        details = tuple(
            SampleScore(index=i, values={"chrf": round(chrf.sentence_score(h, [r]).score, 2)})
            for i, (h, r) in enumerate(zip(hyps[:MAX_DETAILS], refs, strict=False))
        )
        summary = f"번역 {len(hyps)}줄의 chrF {metrics['chrf']:.1f}, BLEU {metrics['bleu']:.1f}"
        if "source_match" in metrics and metrics["source_match"] < 1:
            summary += f" (원문이 정답 파일과 같은 줄 {metrics['source_match'] * 100:.0f}%)"
        return Measurement(count=len(hyps), metrics=metrics, details=details, summary_ko=summary)


register_judge(
    "translation_overlap",
    None,
    "번역 결과(translations.tsv, 줄마다 원문<TAB>번역): 데이터 폴더의 정답 번역과 "
    "chrF·BLEU (sacrebleu)",
    metric=TranslationOverlap(),
)
