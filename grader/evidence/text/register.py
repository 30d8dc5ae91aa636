"""The instruction register: text that addresses the reader as a learner (course scaffold).

LMS pages, course notebooks, tutorials and coding assistants talk to the reader: polite
imperatives (~하세요, ~해 보세요, ~해 주세요), hortatives (~해 봅시다), questions to the reader
(~일까요?), ``Q.`` prompts, checklists (``[x] …``), ``Answer:`` scaffolds, run instructions and
the assistant's honorifics about the reader's work (제공해주신, 원하시면). A student explaining
their own choices writes about them, not to the reader. Without a starter notebook this
register is the best sign that a sentence (and the cell around it) was pasted in.
"""

from __future__ import annotations

import re

_KO_IMPERATIVE = re.compile(
    r"(?:세요|십시오|십시요|주시기\s?바랍니다)(?:[.!~^]|\s|$)"
    r"|(?:봅|합|갑|듭|읍|웁|줍|둡|칩|킵|냅|춥)시다(?:[.!~]|\s|$)"
    r"|(?:해\s?보죠|해\s?봐요|보도록\s?합시다|도록\s?해요|하도록\s?합니다)(?:[.!~]|\s|$)"
)
_KO_QUESTION = re.compile(r"(?:까요|나요|은가요|인가요|을래요|죠|니까)\s*\?")
_KO_ADVICE = re.compile(
    r"(?:면|으면)\s?(?:좋습니다|좋아요|좋겠습니다|됩니다)(?:[.!~]|\s|$)"
    r"|(?:잊지\s?마|주의하|유의하|참고하)(?:세요|십시오)"
)
_KO_HONORIFIC = re.compile(
    r"(?:해\s?주|제공해\s?주|말씀해\s?주|알려\s?주|보내\s?주|올려\s?주)신"
    r"|(?:원하|필요하|궁금하|보|하|참고하)시(?:면|는|다면|고)\b"
    r"|드리겠습니다|드릴게요|드립니다"
)
_PROMPT_LINE = re.compile(
    r"^\s*(?:Q\s?\d*\s?[.:)]|질문\s?\d*\s?[.:)]|문제\s?\d+\s?[.:)]|Question\s?\d*\s?[.:)]"
    r"|TODO\b|Quiz\b|퀴즈|\[\s?[xXvV✓✔ ]?\s?\]|[☐☑✅✔]\s)",
    re.IGNORECASE,
)
_ANSWER_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:answer|답변|답|정답|your answer)\s?(?:\*\*)?\s?[:：]", re.I
)
_EN_IMPERATIVE = re.compile(
    r"^\s*(?:please\s+)?(?:run|re-run|make sure|fill in|complete|implement|write|replace|"
    r"try to|feel free|note that you|remember to|don't forget|do not forget|"
    r"uncomment|modify|change the|define|use the following|execute)\b"
    r"|\byour (?:code|answer|notebook|plot|model|results?|submission|task)\b"
    r"|\byou (?:should|need to|must|will need|can now)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Lines and sentences of ``text`` (split after . ! ? and at line breaks)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def is_instruction(sentence: str) -> bool:
    """True when ``sentence`` addresses the reader as a learner (course/assistant scaffold)."""
    text = sentence.strip()
    if not text:
        return False
    return any(
        pattern.search(text)
        for pattern in (
            _KO_IMPERATIVE,
            _KO_QUESTION,
            _KO_ADVICE,
            _KO_HONORIFIC,
            _PROMPT_LINE,
            _EN_IMPERATIVE,
        )
    ) or _is_bare_answer_label(text)


def _is_bare_answer_label(text: str) -> bool:
    """An ``Answer:`` / ``답변:`` label with nothing (or only a placeholder) after it."""
    match = _ANSWER_LABEL.match(text)
    if match is None:
        return False
    rest = text[match.end() :].strip(" *_.…-")
    return len(rest) < 3


def strip_answer_label(text: str) -> str:
    """``text`` without a leading ``Answer:`` / ``답변:`` label (the student's answer stays)."""
    match = _ANSWER_LABEL.match(text)
    return text[match.end() :].strip() if match else text


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` as consecutive runs of ``(text, is_instruction)``, line breaks kept."""
    found: list[tuple[str, bool]] = []
    for line in text.splitlines():
        for position, sentence in enumerate(s.strip() for s in _SENTENCE_END.split(line)):
            if not sentence:
                continue
            flag = is_instruction(sentence)
            if found and found[-1][1] == flag:
                joiner = "\n" if position == 0 else " "
                found[-1] = (found[-1][0] + joiner + sentence, flag)
            else:
                found.append((sentence, flag))
    return found
