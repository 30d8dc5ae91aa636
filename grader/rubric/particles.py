"""Korean particles chosen by the final sound of the word before them.

The catalogue writes double forms (``을(를)``, ``이(가)``, ``은(는)``, ``과(와)``, ``(으)로``);
:func:`attach_particles` keeps the form that fits the word as a Korean reader says it:

- Hangul: by the final consonant of the last syllable (``ㄹ`` takes ``로``);
- digits: by their reading (1 일, 2 이, 3 삼 …; trailing zeros 십/백/천/만), ``%`` as 퍼센트;
- Latin words: by a reading table of the course's vocabulary (:data:`READINGS`), else
  acronyms letter by letter (``CNN`` 씨엔엔) and other words by :func:`english_final`;
- file names: by the extension's reading (``.ipynb`` 아이파이엔비, ``.json`` 제이슨);
- a closing quote, a parenthetical or a bracketed aside before the particle is skipped.
"""

from __future__ import annotations

import re

# Course vocabulary whose reading the rules below would get wrong or only guess.
READINGS: dict[str, str] = {
    "dropout": "드롭아웃",
    "earlystopping": "얼리스토핑",
    "cnn": "씨엔엔",
    "rnn": "알엔엔",
    "lstm": "엘에스티엠",
    "gru": "지알유",
    "gan": "간",
    "dcgan": "디씨간",
    "cgan": "씨간",
    "resnet": "레즈넷",
    "vgg": "브이지지",
    "adam": "아담",
    "sgd": "에스지디",
    "rmsprop": "알엠에스프롭",
    "batch_size": "배치사이즈",
    "learning_rate": "러닝레이트",
    "epoch": "에포크",
    "epochs": "에포크스",
    "conv2d": "콘브투디",
    "dense": "덴스",
    "batchnormalization": "배치노멀라이제이션",
    "softmax": "소프트맥스",
    "relu": "렐루",
    "tanh": "탄에이치",
    "sigmoid": "시그모이드",
    "keras": "케라스",
    "pytorch": "파이토치",
    "tensorflow": "텐서플로",
    "gradio": "그라디오",
    "streamlit": "스트림릿",
    "flask": "플라스크",
    "fastapi": "패스트에이피아이",
    "transformer": "트랜스포머",
    "attention": "어텐션",
    "u-net": "유넷",
    "unet": "유넷",
    "mnist": "엠니스트",
    "cifar": "사이파",
    "check": "체크",
    "type": "타입",
    "bit": "비트",
    "hub": "허브",
}

# File extensions by how they are read (letters, or a word).
EXTENSIONS: dict[str, str] = {
    "ipynb": "아이파이엔비",
    "py": "파이",
    "csv": "씨에스브이",
    "npy": "엔파이",
    "npz": "엔피지",
    "md": "엠디",
    "json": "제이슨",
    "txt": "텍스트",
    "h5": "에이치파이브",
    "keras": "케라스",
    "pt": "피티",
    "pth": "피티에이치",
    "pkl": "피클",
    "png": "피엔지",
    "jpg": "제이피지",
    "jpeg": "제이펙",
    "gif": "지아이에프",
    "html": "에이치티엠엘",
    "yaml": "야믈",
    "yml": "와이엠엘",
    "zip": "집",
    "pdf": "피디에프",
    "onnx": "오닉스",
    "joblib": "잡립",
    "js": "제이에스",
}

LETTERS: dict[str, str] = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        "에이 비 씨 디 이 에프 지 에이치 아이 제이 케이 엘 엠 엔 오 피 큐 알 에스 티 유 브이 "
        "더블유 엑스 와이 지".split(),
        strict=True,
    )
)
DIGITS = dict(zip("0123456789", "영일이삼사오육칠팔구", strict=True))
_PLACES = "십백천만"  # the reading of a number ending in 1, 2, 3, 4+ zeros

# A final sound: "" (vowel), "ㄹ", or another consonant (any other non-empty string).
Final = str
VOWEL, RIEUL, CONSONANT = "", "ㄹ", "C"

PAIRS: dict[str, tuple[str, str]] = {
    "을(를)": ("을", "를"),
    "이(가)": ("이", "가"),
    "은(는)": ("은", "는"),
    "과(와)": ("과", "와"),
    "으로(로)": ("으로", "로"),
    "(으)로": ("으로", "로"),
    "아(야)": ("아", "야"),
}
_PAIR = re.compile(" ?(" + "|".join(map(re.escape, PAIRS)) + ")")
_SINGLE = {
    **dict.fromkeys(("을", "를"), "을(를)"),
    **dict.fromkeys(("이", "가"), "이(가)"),
    **dict.fromkeys(("은", "는"), "은(는)"),
    **dict.fromkeys(("과", "와"), "과(와)"),
    **dict.fromkeys(("으로", "로"), "(으)로"),
}
_AFTER_PLACEHOLDER = re.compile(r"\}(\([^()]*\))?(으로|[을를이가은는과와로])(?![가-힣(])")
_CLOSERS = "'\"’”」』`…"
_ASIDE = {")": "(", "]": "["}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?$")
_FILE = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,5})$")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def attach_particles(text: str) -> str:
    """Resolve every double-form particle in ``text`` by the word before it."""
    out: list[str] = []
    done = 0
    for match in _PAIR.finditer(text):
        final = final_sound(word_before(text[: match.start()]))
        out.append(text[done : match.start()])
        out.append(match.group(0) if final is None else _choose(match.group(1), final))
        done = match.end()
    return "".join(out) + text[done:]


def pair_placeholders(template: str) -> str:
    """Write a fixed particle right after a ``{placeholder}`` as its double form
    (``{topic}를`` -> ``{topic}을(를)``, ``{file}({count}장)을`` too): the word is not
    known until it is filled."""
    return _AFTER_PLACEHOLDER.sub(
        lambda m: "}" + (m.group(1) or "") + _SINGLE[m.group(2)], template
    )


def _choose(pair: str, final: Final) -> str:
    first, second = PAIRS[pair]
    if first == "으로" and final == RIEUL:
        return second  # 'ㄹ' takes 로: 파일로, 모델로
    return first if final else second


def word_before(head: str) -> str:
    """The word a particle at the end of ``head`` attaches to: closing quotes, a
    parenthetical ("앱(app.py)") and a bracketed aside ("셀 3 [2]") are skipped."""
    word = head.rstrip(_CLOSERS)
    while word[-1:] in _ASIDE:
        start = _aside_start(word)
        if start <= 0:
            break
        word = word[:start].rstrip(" ").rstrip(_CLOSERS)
    token = word.rsplit(maxsplit=1)[-1] if word.strip() else ""
    return token.strip(_CLOSERS + ",;:()[]'\"‘“「『")


def _aside_start(text: str) -> int:
    """Where the bracketed group closing at the end of ``text`` opens (-1 if unbalanced)."""
    close = text[-1]
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += (text[index] == close) - (text[index] == _ASIDE[close])
        if depth == 0:
            return index
    return -1


def final_sound(word: str) -> Final | None:
    """The final sound of ``word`` as read in Korean; ``None`` when it cannot be told."""
    if not word:
        return None
    last = word[-1]
    if "가" <= last <= "힣":
        return _hangul_final(last)
    if number := _NUMBER.search(word):
        return number_final(number.group(0))
    file = _FILE.search(word)
    if file and file.group(1).lower() in EXTENSIONS:
        return reading_final(EXTENSIONS[file.group(1).lower()])
    return latin_final(word)


def _hangul_final(char: str) -> Final:
    code = (ord(char) - ord("가")) % 28
    return RIEUL if code == 8 else (CONSONANT if code else VOWEL)


def reading_final(reading: str) -> Final:
    """The final sound of a Korean reading ("드롭아웃" -> consonant)."""
    return _hangul_final(reading[-1])


def number_final(number: str) -> Final:
    """1 일, 2 이, 3 삼 … by the last digit; 10 십, 100 백, 1000 천, 10000 만; % 퍼센트."""
    if number.endswith("%"):
        return VOWEL
    digits = number.replace(",", "")
    if "." not in digits and len(digits) > 1 and digits.endswith("0") and digits.strip("0"):
        zeros = len(digits) - len(digits.rstrip("0"))
        return reading_final(_PLACES[min(zeros, 4) - 1])
    return reading_final(DIGITS[digits[-1]])


def latin_final(word: str) -> Final | None:
    """A Latin token by the table, else its last part: ``batch_size`` -> "size",
    ``tf.keras`` -> "keras", ``ResNet50`` -> 50, ``cGAN`` -> "GAN"."""
    if word.lower() in READINGS:
        return reading_final(READINGS[word.lower()])
    parts = re.findall(r"[A-Za-z0-9]+", word)
    if not parts:
        return None
    last = parts[-1]
    if last.lower() in READINGS:
        return reading_final(READINGS[last.lower()])
    piece = _CAMEL.findall(last)[-1]
    if piece.isdigit():
        return number_final(piece)
    if piece.lower() in READINGS:
        return reading_final(READINGS[piece.lower()])
    if piece.isupper() or len(piece) == 1:
        return reading_final(LETTERS[piece[-1].lower()])  # acronyms letter by letter
    return english_final(piece.lower())


def english_final(word: str) -> Final:
    """A small English final-sound rule (Korean loanword spelling), for lowercase words.

    Consonant: -m, -n, -ng, -b (웹, 랩), -out (아웃), -ook (북), -eep (딥), -me/-ne (타임,
    라인), -ck/-pp/-tt, -p/-t/-k/-c after one short vowel (스텝, 넷, 메트릭).
    ㄹ: -l, -le (모델, 샘플).
    Vowel (the rest): vowels, -r/-re, -s, -x, -d, -g, -f, -h (-ch, -sh, -th), clusters
    such as -st/-sk/-nk/-ct (테스트, 마스크), long vowels before -p/-t/-k (루프, 시트).
    """
    if word.endswith(("l", "le")):
        return RIEUL
    if word.endswith(("m", "n", "ng", "b", "me", "ne", "out", "ook", "eep")):
        return CONSONANT
    if word.endswith(("ck", "pp", "tt")):
        return CONSONANT
    if word[-1] in "ptkc" and _short_vowel_before(word[:-1]):
        return CONSONANT
    return VOWEL


def _short_vowel_before(stem: str) -> bool:
    """True when ``stem`` ends in exactly one vowel letter after a consonant (or alone)."""
    vowels = "aeiou"
    if not stem or stem[-1] not in vowels:
        return False
    return len(stem) == 1 or stem[-2] not in vowels
