"""Does a Korean morphological analyser find reasons better than the keyword rules?

Runs both detectors over hand-labelled sentences (benchmarks/data/reason_sentences.yaml) and
prints accuracy, precision and recall of each, in one run:

    .venv/bin/pip install kiwipiepy && .venv/bin/python benchmarks/explanation_reasons.py

The kiwi detector adds to the rules what they cannot see: a causal connective after an
adjective or the copula (작아서, 많아, 이라, 여서) — the same ending after an action verb
(불러와서) is usually "and then", not "because".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from grader.rubric.checks.common import matches_any
from grader.rubric.checks.reasons import REASON_WORDS, gives_reason

DATA = Path(__file__).with_name("data") / "reason_sentences.yaml"


def rules(text: str) -> bool:
    return matches_any(text, REASON_WORDS)


_ENDINGS = re.compile(r"[가-힣](아서|어서|여서|해서|라서|이라|니까|으니|아|어)\s")


def rules_and_regex(text: str) -> bool:
    """The fairest rule-only rival: causal endings by regex, blind to the word class."""
    return rules(text) or _ENDINGS.search(text) is not None


def score(detect: Callable[[str], bool], rows: list[dict[str, Any]]) -> tuple[float, float, float]:
    tp = sum(1 for r in rows if detect(r["text"]) and r["reason"])
    fp = sum(1 for r in rows if detect(r["text"]) and not r["reason"])
    fn = sum(1 for r in rows if not detect(r["text"]) and r["reason"])
    correct = sum(1 for r in rows if detect(r["text"]) == r["reason"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return correct / len(rows), precision, recall


def main() -> None:
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    print(f"{len(rows)} sentences, {sum(r['reason'] for r in rows)} with a reason")
    detectors = (("rules", rules), ("rules+regex", rules_and_regex), ("rules+kiwi", gives_reason))
    for name, detect in detectors:
        accuracy, precision, recall = score(detect, rows)
        print(f"{name:11s} accuracy {accuracy:.3f}  precision {precision:.3f}  recall {recall:.3f}")
    missed = [r["text"] for r in rows if r["reason"] and not rules(r["text"])]
    print("missed by the rules:", *missed, sep="\n  ")


if __name__ == "__main__":
    main()
