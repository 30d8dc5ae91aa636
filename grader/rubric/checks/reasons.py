"""Does a sentence give a reason, and for a choice? Keyword rules plus Korean morphology.

The keyword rules catch explicit markers (때문, 위해, 므로 ...). Korean often gives a reason
with a connective ending instead (작아서, 적은 편이라, 10개여서); after an adjective or the
copula that ending means "because", after an action verb (불러와서) usually "and then".
Only a morphological analyser can tell the two apart. Measured on 60 hand-labelled sentences
(benchmarks/explanation_reasons.py): accuracy 0.68 with bare keywords, 0.80 with a regex for
the endings (precision 0.76), 0.90 with this module (keywords minus look-alikes such as
"A가 아니라 B" or "분류를 위해", plus kiwi; precision 1.0).

The analyser costs about 1.5 s to load, so it is loaded once, and only when a sentence that
is already on topic and states a choice has a connective ending the rules cannot decide.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from itertools import pairwise
from typing import Any

from grader.rubric.checks.common import matches_any

log = logging.getLogger(__name__)

CAUSAL_WORDS: tuple[str, ...] = (
    "때문", "위해", "위하여", "이유", "므로", "니까", "그래서", "따라서",
    "그러므로", "고자", "려고", "덕분", "왜냐", "이라서", "로 인해", "로인해", "로 인하여",
    "로인하여", "논문대로", "논문에 언급", "논문에 나온", "논문에서 제안",
    "논문에서 제시", "논문을 따라", "논문과 같", "논문처럼", "논문의 값",
    "논문의 설정", "because", "since", "so that", "in order to", "due to",
    "therefore", "reason", "so we", ", so ", "as we have", "as every", "as there",
    "as in the paper", "following the paper", "from the paper", "original paper",
    "the paper's", "per the paper",
)  # fmt: skip
"""Markers that say "because" or "in order to" by themselves."""
BENEFIT_WORDS: tuple[str, ...] = (
    "효과", "방지", "유리", "판단", "충분하", "충분해", "충분한", "도움", "줄이", "막기",
    "피하", "빠르게", "안정", "과적합", "수렴", "prevent", "to avoid", "to reduce", "to keep",
)  # fmt: skip
"""Words of a benefit (과적합 방지, 안정): a reason only where the sentence itself says what
was chosen (``과적합 방지를 위해 Dropout을 넣었다``), not in a general statement."""
REASON_WORDS: tuple[str, ...] = CAUSAL_WORDS + BENEFIT_WORDS

CAUSAL_ENDINGS = frozenset(
    {"어서", "아서", "어", "아", "라", "라서", "여서", "이라서", "니", "니까", "으니"}
)
STATIVE_TAGS = frozenset({"VA", "VCP", "VCN", "XSA"})
"""Adjectives, the copula (이다 / 아니다) and adjective-forming suffixes."""

_NOT_A_REASON = re.compile(
    r"(?:구현|분류|학습|훈련|예측|생성|평가|실습|진행|구성|비교|확인|테스트|시각화|출력|저장|체크|검사|"
    r"분석|탐색|조회|머신러닝|딥러닝|"
    r"사용|실행|작성|정의|로드|준비|모델링|만들기)(?:을|를)?\s?(?:위해서?|위하여|위한)"
    r"|위한\s?(?:함수|코드|클래스|변수|설정|부분|셀|메서드|모듈|방어)"
    r"|아니라(?!서)|(?:줄임말|약자|의미합니다|의미한다|뜻한다|뜻합니다)"
    r"|위해서는|(?:습|합|됩|입|납|씁|옵)니까|(?:해\s?보|시도하|실험하|비교하|확인하)기\s?위(?:해|하여)"
    r"|(?:비교|확인|실험|시도|테스트)(?:해\s?보|하)려고"
    r"|위해서?\s?필요(?:함|하다|합니다|하며|한)"
)
"""Spans that look like reasons and are not: the task itself as a purpose (분류를 위해),
what a piece of code is for, "not A but B" (아니라), definitions (줄임말), what something
requires (A를 위해서는 B가 필요하다), polite questions (필요합니까?), the experiment itself
as the purpose (비교하려고, 확인하기 위해), what a component is needed for (입력을 넘기기 위해
필요함)."""
_ENDING_HINT = re.compile(r"[가-힣](?:아서|어서|여서|해서|라서|이라|니까|으니|아|어|라|니)[\s,.]")


@cache
def gives_reason(text: str, benefits: bool = True, morphology: bool = True) -> bool:
    """True when the text states why (a reason marker or a stative causal connective);
    ``benefits``: a benefit word (과적합 방지, 안정) counts as a reason too; ``morphology``:
    ask the analyser about connective endings the keywords cannot decide."""
    cleaned = _NOT_A_REASON.sub(" ", text)
    if matches_any(cleaned, CAUSAL_WORDS):
        return True
    if benefits and matches_any(cleaned.replace("불안정", " "), BENEFIT_WORDS):
        return True  # 불안정 names a problem, not the benefit 안정
    if not morphology or not might_give_reason(cleaned):
        return False
    analyser = _kiwi()
    if analyser is None:
        return False
    tokens = analyser.tokenize(cleaned[:2000])
    return any(
        token.tag == "EC"
        and token.form in CAUSAL_ENDINGS
        and (before.tag in STATIVE_TAGS or (before.tag == "VX" and before.form == "않"))
        and not (before.tag == "VCN" and token.form == "라")
        for before, token in pairwise(tokens)
    )


def might_give_reason(text: str) -> bool:
    """A connective ending (작아서, 적은 편이라) only the analyser can read as "because"."""
    return _ENDING_HINT.search(_NOT_A_REASON.sub(" ", text) + " ") is not None


_CHOICE = re.compile(
    r"(?:선택|선정|채택|결정|사용|이용|적용|추가|설정|지정|변경|조정|조절|교체|대체|구성|"
    r"제거|삭제|생략|유지|고정|도입|제외|활용|수정|변환|정규화|스케일링|처리|택|진행|판단)"
    r"(?:했|하였|함|해\s?주었|해\s?줬|해\s?준|하기로|한\s?것|된\s?것|됨|합니다|한다|하여|해서|"
    r"했던|해\s?봤|해\s?보았|하는데|해야|하여야|하며|시켰|시킨)"
    r"|시도\s?(?:했|하였|하여|해서|해\s?봤|해\s?보았)|골랐|골라|택했|정했|정하|잡았|넣었|넣은|뺐|뺀|줄였|늘렸|낮췄|높였|올렸|내렸|바꿨|바꾸었|"
    r"쌓았|쌓은|만들었|붙였|걸었|키웠|나눴|나누었|생각(?:했|하여|해서|하였)|"
    r"(?:적합|적절|유리|효과적|알맞|낫|좋)(?:하다고|다고|을\s?것\s?같아|을\s?것이라고)|"
    r"썼|쓴다|씀|쓰고|쓰며|쓰기로|맞춘|맞췄|맞추었|맞춰\s?주|(?:을|를|로|으로|게)\s?했|게\s?하였|게\s?잡|(?:을|를|로|으로)\s?하였|두었|뒀|하지\s?않았|"
    r"하지\s?않음|하지\s?않기로|않았다|않았음|쓰지\s?않|대신|(?:이|가)\s?아닌|"
    r"(?:적절|적합|필요)하지\s?않|"
    r"[A-Za-z0-9_.~]+\s?(?:->|→|=>)\s?-?[A-Za-z0-9_.~]+|\d(?:\.\d+)?\s?(?:으로|로)\s|=\s?[\w.'\"]",
)
_CHOICE_EN = re.compile(
    r"\b(?:chose|chosen|choose|picked|selected|decided|opted|instead of|we use|i use|"
    r"we used|i used|we set|i set|we keep|we kept|is set to|was set to|settings? from|"
    r"need to|do not need|don't need|no need|are selected|is selected|we apply|we applied|"
    r"was chosen|were chosen|went with|i think|we think|suits|is suitable|works better)\b",
    re.IGNORECASE,
)
_WEAK_CHOICE = re.compile(r"(?:->|→|=>)|\d(?:\.\d+)?\s?(?:으로|로)\s|=\s?[\w.'\"]")
_CONDITION = re.compile(r"^\s*(?:만약|만일|if\b)", re.IGNORECASE)
_UNREALISED = re.compile(
    r"못\s?했|못\s?한|못\s?함|지\s?못|했더라면|했다면|할\s?걸|볼\s?걸|걸\s?그랬|아쉽|아쉬|"
    r"예정|해\s?볼\s?것|볼\s?수\s?있|고려해\s?(?:볼|보|야)|해보고\s?싶|할\s?수\s?있을\s?것|"
    r"would have|could have|should have|\blet'?s\b"
    r"|(?:보|하|해\s?보|쓰|넣|바꿔\s?보|만들어\s?보)자[.!~]?\s*$"
    r"|(?:추가|적용|조정|변경|개선|수정|보완|도입|실험|시도|검토)\s?(?:이|가)?\s?필요(?:함|하다|합니다|해\s?보임)?"
    r"\s*[.)]*\s*$"
)
"""Regrets, plans and wishes: a reason for something not done justifies no choice made."""


_ROLE = re.compile(
    r"(?:위해서?|위하여|위한\s?용도로)\s?(?:사용|이용|활용|쓰)"
    r"(?:합니다|한다|됩니다|된다|됨|되며|되는|입니다|인다|임|함)"
)
"""``X 하기 위해 사용합니다`` with nothing chosen in between: what a component is for."""


_IDIOM = re.compile(r"신경\s?(?:을|은|도)?\s?(?:안\s?|못\s?)?(?:쓰|쓴|썼|씀)")
"""신경 (안) 쓴다 "cares (not) about": no choice of anything used."""


def states_choice(text: str) -> bool:
    """True when ``text`` says what was done or chosen (a decision verb, a value, ``A -> B``)."""
    if _UNREALISED.search(text) or _ROLE.search(text):
        return False
    text = _IDIOM.sub(" ", text)
    if _CONDITION.match(text):
        text = _WEAK_CHOICE.sub(" ", text)  # a code branch (만약 A -> B) chooses nothing
    return _CHOICE.search(text) is not None or _CHOICE_EN.search(text) is not None


_GENERAL = re.compile(
    r"수\s?있(?:습니다|다|음|어요)|중요한\s?(?:요소|역할)|역할을\s?(?:합니다|한다|함)|"
    r"(?:것이|게)\s?(?:중요|좋)|중요합니다|중요하다|도와\s?줍니다|도와\s?준다|돕습니다|"
    r"^\s*(?:이|그|해당)\s?(?:함수|레이어|층|기법|방법|방식|구조|블록|연산|모듈)(?:은|는|이|가)\s|"
    r"^\s*(?:this|the)\s(?:function|layer|technique|method|block)\s|^\s*by\s\w+ing\b|"
    r"일반적으로|통상적으로|보통은|흔히|in general|generally|typically",
    re.IGNORECASE,
)


def general_statement(text: str) -> bool:
    """A textbook-style statement about a technique (~할 수 있습니다, 일반적으로): it gives a
    reason only together with a choice stated in the same sentence."""
    return _GENERAL.search(text) is not None


_SPECULATION = re.compile(
    r"(?:가능성(?:이|도)?(?:\s?(?:있음|있다|있습니다|높음|높다|크다))?|것\s?같(?:다|음|습니다)|"
    r"듯(?:하다|함|합니다)?|추정(?:됨|된다|합니다)?|싶다|보인다|보임|likely|probably|maybe)"
    r"\s*[.)!]*\s*$",
    re.IGNORECASE,
)


def speculation(text: str) -> bool:
    """A guess about what happened (~했을 가능성, ~인 것 같다): a diagnosis of a result is no
    reason for a choice."""
    return _SPECULATION.search(text) is not None


def unrealised(text: str) -> bool:
    """A regret, plan or wish (못했다, ~할 걸, 해볼 것)."""
    return _UNREALISED.search(text) is not None


@cache
def _kiwi() -> Any:
    """The shared analyser, without the typo and multi-word dictionaries it does not need
    here (about 0.7 s to load and 0.8 s for its first sentence instead of 4 s); ``None``
    when kiwipiepy is not installed."""
    try:
        from kiwipiepy import Kiwi  # slow to load: only once a reason is parsed
    except ImportError:
        log.warning("kiwipiepy is not installed: reasons are found by keywords only")
        return None
    return Kiwi(load_typo_dict=False, load_multi_dict=False)
