"""Vocabulary of 4. 회고: what headings name, and what sentences of each part sound like.

Headings are compared with whitespace removed and lowercased. A *strong* heading names a
part anywhere in the notebook; a *contextual* one (``문제점``, ``트러블슈팅``, ``한계``,
``Challenges``, KPT's ``Problem``) only inside or after a retrospective, at the end of the
notebook or in the README, because in the middle of the experiments it titles an experiment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Part = Literal["learned", "regrets", "felt", "difficulties"]
Kpt = Literal["keep", "problem", "try"]
PARTS: tuple[Part, ...] = ("learned", "regrets", "felt", "difficulties")

STRONG: dict[Part, tuple[str, ...]] = {
    "learned": (
        "배운점", "배운것", "배운내용", "알게된점", "알게된것", "알게된내용", "새로알게",
        "새롭게알게", "학습한점", "얻은점", "깨달은점", "깨달은것", "교훈", "whatilearned",
        "whatilearnt", "lessonslearned", "lessonlearned", "learnings",
    ),
    "regrets": (
        "아쉬운점", "아쉬웠던점", "아쉬운것", "아쉬웠던것", "아쉬운부분", "아쉬웠던부분", "후회",
        "regrets", "whatcouldbeimproved", "whatcouldhavebeenbetter", "whatiwoulddodifferently",
    ),
    "felt": ("느낀점", "느낀것", "느낀부분", "소감", "whatifelt", "feelings"),
    "difficulties": (
        "어려웠던점", "어려운점", "어려웠던것", "어려웠던부분", "힘들었던점", "힘든점",
        "힘들었던것", "막혔던", "고생한점", "whatwashard",
    ),
}
CONTEXTUAL: dict[Part, tuple[str, ...]] = {
    "learned": ("배움", "learned", "learnt", "lessons"),
    "regrets": (
        "아쉬움", "개선할점", "개선점", "보완할점", "보완점", "부족한점", "한계", "improvement",
        "improvements", "limitation", "limitations", "shortcomings", "regret",
    ),
    "felt": ("느낌", "감상", "총평", "impression", "impressions", "felt", "feeling"),
    "difficulties": (
        "어려움", "시행착오", "트러블슈팅", "troubleshooting", "difficulty", "difficulties",
        "challenge", "challenges", "struggles", "hardships",
    ),
}
KEEP_KO = ("잘한점", "잘했던점")
"""Korean names of KPT's Keep."""
AT_THE_END: dict[Part, tuple[str, ...]] = {
    "learned": ("배움",),
    "regrets": ("아쉬움",),
    "felt": ("느낌", "감상", "총평"),
    "difficulties": ("어려움", "시행착오", "트러블슈팅", "troubleshooting"),
}
"""Contextual words that name a part at the end of a notebook without a retrospective heading."""
PROBLEM_LIKE = ("문제점", "problem", "problems", "issue", "issues")
"""Headings whose items go to 아쉬운 점 or 어려웠던 점 by their wording, like KPT's Problem."""
RETRO = (
    "회고", "후기", "소감", "마치며", "돌아보며", "되돌아보", "마무리", "retrospective",
    "retrospect", "reflection", "reflections", "kpt", "finalthoughts", "closingthoughts",
    "wrapup", "wrap-up", "postmortem", "afterword",
)
"""Headings that open a retrospective wherever they are."""
CLOSING = ("결론", "정리", "요약", "conclusion", "conclusions", "summary", "takeaway", "takeaways",
           "closing")
"""Headings that close a notebook: a retrospective region only at its end or in the README."""
REFERENCES = ("참고", "참고자료", "참고문헌", "레퍼런스", "출처", "reference", "references", "ref",
              "sources", "links", "bibliography")
"""Reference lists: titles there (``Lessons I Learned Training GANs``) are not the student's."""
FUTURE = ("todo", "향후", "앞으로", "다음에는", "다음엔", "개선방향", "futurework", "nextsteps")
"""Future-work headings: at the end they hint at what is missing (아쉬운 점 △), nothing more."""
_LEADING = re.compile(r"^[\W_\d.)]+")
_FIRST_WORD = re.compile(r"^[\W_]*(?:\d+[.)]?\s*)?(?P<word>[a-z]+|문제점)\s*(?P<rest>.*)$")
_PROMPT = re.compile(r"[?？]\s*$|나요|세요|봅시다|해\s*보자")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z-]*", text.lower()))


def has_word(heading: str, vocabulary: tuple[str, ...]) -> bool:
    """Whether the heading holds one of the entries, spacing ignored.

    Short English entries (eight letters or fewer) must be whole words; two-syllable Korean
    ones must start a word (``한계`` is not in ``간단한 계산기``); longer ones may sit anywhere.
    """
    squashed, words, lowered = squash(heading), _words(heading), heading.lower()
    for entry in vocabulary:
        if entry.isascii() and len(entry) <= 8:
            found = entry in words
        elif len(entry) <= 2:
            found = _word_start(entry).search(lowered) is not None
        else:
            found = entry in squashed
        if found:
            return True
    return False


@lru_cache(maxsize=256)
def _word_start(entry: str) -> re.Pattern[str]:
    return re.compile(r"(?<![가-힣])" + r"\s*".join(map(re.escape, entry)))


def is_prompt(heading: str) -> bool:
    """A template question or instruction (``무엇이 어려웠나요?``), not the student's label."""
    return _PROMPT.search(heading) is not None


def strong_part(heading: str) -> Part | None:
    """The first part the heading names anywhere (``None`` for a prompt or no part)."""
    return next((p for p in PARTS if names_strongly(heading, p)), None)


def names_strongly(heading: str, part: Part) -> bool:
    """``배운 점 및 느낀 점`` names both parts."""
    return not is_prompt(heading) and has_word(heading, STRONG[part])


def contextual_part(heading: str, *, inside: bool = True) -> Part | None:
    """The first part a contextual heading names (see ``names_contextually``)."""
    return next((p for p in PARTS if names_contextually(heading, p, inside=inside)), None)


def names_contextually(heading: str, part: Part, *, inside: bool = True) -> bool:
    """``inside``: under a retrospective heading or in the README; otherwise (after the last
    code cell) only the Korean words about the student's own process count: ``한계`` or
    ``What the model learned`` there are analysis."""
    words = CONTEXTUAL[part] if inside else AT_THE_END[part]
    return not is_prompt(heading) and has_word(heading, words)


def kpt_kind(heading: str) -> Kpt | None:
    """``Keep`` / ``Problem`` / ``Try`` of a KPT, or a heading that starts with 문제점 / Issues.

    The word must stand alone (``Keep (잘한 점)``, ``Problem 1``): ``Keep in mind`` and
    ``Try batch normalization`` are sentences, not KPT labels.
    """
    if squash(_LEADING.sub("", heading)).startswith(KEEP_KO):
        return "keep"
    match = _FIRST_WORD.match(heading.strip().lower())
    if match is None or re.match(r"[a-z]", match["rest"]):
        return None
    word = match["word"]
    if word in ("keep", "try"):
        return "keep" if word == "keep" else "try"
    return "problem" if word in PROBLEM_LIKE else None


def _cues(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


# Sentence cues. STRONG_CUES are experiential wordings that are the student's in any closing
# text; SOFT_CUES are plainer wordings trusted only inside a retrospective or under a part.
STRONG_CUES: dict[Part, re.Pattern[str]] = {
    "learned": _cues(
        r"배웠", r"배울 ?수 ?있었", r"배우게", r"배운 ?(?:것|거|점|건)", r"알게 ?(?:되|됐|된)",
        r"깨달", r"익혔", r"익히게", r"이해하게 ?되", r"이해할 ?수 ?있게", r"체득", r"교훈",
        r"수 ?있게 ?(?:되었|됐)", r"(?:다는|라는|는) ?(?:걸|것을|것도) ?알(?:았|기|게)",
        r"새롭게 알", r"처음 알(?:았|게)", r"\bI (?:have )?(?:learned|learnt|realized|realised)\b",
        r"\bwe (?:learned|learnt)\b", r"taught me", r"\blessons? learned\b",
        r"\bI now (?:know|understand)\b",
    ),
    "regrets": _cues(
        r"아쉬", r"아쉽", r"후회", r"했더라면", r"좋았을 ?(?:것|텐데|텐)", r"볼걸", r"할걸",
        r"걸 그랬",
        r"보지(?:는|도)? ?못", r"(?:시도|적용|구현|사용)(?:하지|해 ?보지)(?:는|도)? ?못",
        r"시간이 (?:부족|모자|없)(?!\S*(?:다면|하면|으면))", r"시간 ?부족(?!\S*(?:다면|하면))",
        r"여유가 없", r"\bI (?:wish|regret)\b",
        r"\b(?:I|we) (?:should|could|would) have\b", r"\b(?:I|we) ran out of time\b",
        r"\bdid(?:n't| not) have (?:enough )?time\b",
    ),
    "felt": _cues(
        r"느꼈", r"느낀(?! ?점)", r"느끼(?:게|며|고|는)", r"생각이 ?(?:들|든)", r"뿌듯", r"재미있",
        r"재밌", r"재미(?:가|를|도)", r"재미(?:가|도)? ?없", r"흥미로", r"흥미롭", r"흥미가",
        r"인상적", r"인상 ?깊",
        r"당황", r"안타까", r"신기", r"즐거", r"즐겁", r"놀라웠", r"놀랐", r"감탄", r"기뻤",
        r"기쁘", r"설레", r"보람", r"답답", r"행복", r"자신감이 ?생", r"고통스러", r"고통스럽",
        r"실감", r"감동",
        r"\bI (?:felt|feel|enjoyed|was (?:surprised|impressed|amazed|excited|glad|proud))\b",
        r"\bit was (?:fun|exciting|rewarding|satisfying|frustrating)\b",
    ),
    "difficulties": _cues(
        r"어려웠", r"힘들었", r"고생", r"애를 ?먹", r"애먹", r"헤맸", r"헤매(?:서|느라|었|며)",
        r"막혔",
        r"(?:오래|한참) ?걸렸", r"쉽지 ?않았", r"잡아먹", r"씨름", r"고전(?:했|하)", r"까다로웠",
        r"번거로웠", r"(?:에러|오류)(?:가|이)? ?(?:터|계속)", r"터져서", r"삽질",
        r"\bI (?:struggled|had (?:a hard time|trouble|difficulty))\b",
        r"\b(?:was|were) (?:difficult|hard|challenging) (?:for me|to)\b", r"\bthe hardest part\b",
        r"\btook me (?:a long time|hours|days)\b",
    ),
}
SOFT_CUES: dict[Part, re.Pattern[str]] = {
    "learned": _cues(r"익숙해(?:졌|져)", r"이해(?:했|하였|함|하게)(?!다기|다고)"),
    "felt": _cues(r"(?:다고|라고|다는|라는) ?생각(?:함|했|한다|합니다|이 ?듦|\s*[.!]?\s*$)"),
    "regrets": _cues(
        r"지(?:는|도)? ?못(?:했|하였|햇|함|한 ?(?:것|점|게|부분|채))", r"못 ?해(?:서|봤|봄|본)",
        r"부족(?:했|한 ?것|함)",
        r"미흡", r"시간에 (?:많이 )?(?:쫓|쫒)",
    ),
    "difficulties": _cues(
        r"어렵", r"어려움", r"힘들", r"쉽지 ?않", r"번거로", r"막막", r"OOM", r"헷갈렸",
        r"(?:에러|오류)(?:가|이)? ?생(?:긴|겼)",
        r"(?:메모리|VRAM)(?:가|이)? ?(?:부족|에러|오류)",
        r"(?:에러|오류|error)(?:가|이)? ?(?:났|나서|난 ?(?:것|게)|발생(?:했|해서|하여|함|\s*$))",
    ),
}
PROBLEM_TROUBLE = _cues(
    r"안 ?(?:됨|됐|되었|돼서|되어서)", r"에러", r"오류", r"\berror\b", r"나타나지 않", r"맞지 않"
)
"""In a KPT Problem item, something that did not work is a difficulty."""
_DENIED = re.compile(r"\S{0,2}지 ?않|(?:이|은|는|도)? ?(?:크게 |별로 |딱히 |전혀 )?없")
_OPINION = re.compile(r"(?P<before>\S)\s?(?:것|거) ?같(?:다|습니다|음)\s*[.!]*$")
HINT_CUES: dict[Part, re.Pattern[str]] = {
    "learned": _cues(r"몰랐던", r"공부(?:하고|하게|해야|가 필요)", r"경험(?:해 ?보|을 ?쌓|이 ?되)"),
    "regrets": _cues(r"못(?:했|하였|햇)지만", r"다음(?:에는|엔|부터는?) ", r"해 ?보고 ?싶"),
    "felt": _cues(r"좋았"),
    "difficulties": _cues(r"실력이 ?부족", r"익숙(?:하지|치) ?않"),
}
_NOT_OWN = re.compile(r"[?？]\s*$|\[[ xX]\]|(?:세요|봅시다|보세요|주세요|나요)\s*[.!]?\s*$")


def own_sentence(sentence: str) -> bool:
    """Not a question, checklist or instruction to the reader."""
    return _NOT_OWN.search(sentence) is None


def says(sentence: str, part: Part, *, soft: bool) -> bool:
    """The sentence is of this part (soft wordings only where ``soft`` is allowed).

    A concession (``끝까지 하지는 못했지만 …``) only hints at a regret (see ``hints``), and a
    denied difficulty or feeling (``어려움은 없었다``, ``당황하지 않고``) is none.
    """
    patterns = [STRONG_CUES[part]] + ([SOFT_CUES[part]] if soft else [])
    return any(
        _plain(sentence, match, part) for p in patterns for match in p.finditer(sentence)
    )


def _plain(sentence: str, match: re.Match[str], part: Part) -> bool:
    after = sentence[match.end() : match.end() + 8]
    if "못" in match.group() and after.lstrip("했하였햇").startswith("지만"):
        return False
    return part not in ("felt", "difficulties") or _DENIED.match(after) is None


def hints(sentence: str, part: Part) -> bool:
    return HINT_CUES[part].search(sentence) is not None


def opinion(sentence: str) -> bool:
    """``…인 것 같다``: a judgement of the present, not a plan (``…해야 할 것 같다``) or a
    recollection (``…했던 것 같다``)."""
    match = _OPINION.search(sentence)
    if match is None:
        return False
    before = match["before"]
    return before != "던" and not _rieul_final(before)


def _rieul_final(syllable: str) -> bool:
    """The syllable ends in ㄹ (할, 될, 볼): the future adnominal."""
    code = ord(syllable) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 8
