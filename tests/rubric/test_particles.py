"""Particles chosen by the Korean reading of the word before them."""

from __future__ import annotations

import re
import string

import pytest

from grader.rubric.messages import attach_particles, catalogue, render_comment
from grader.rubric.particles import PAIRS, final_sound, pair_placeholders

V, C, L = "vowel", "consonant", "ㄹ"

# (word, how its reading ends): course vocabulary, acronyms, file names, digits, Hangul.
TRICKY = [
    ("Dropout", C),  # 드롭아웃
    ("EarlyStopping", C),
    ("CNN", C),  # 씨엔엔
    ("LSTM", C),
    ("GRU", V),
    ("GAN", C),  # 간
    ("cGAN", C),
    ("ResNet", C),  # 레즈넷
    ("ResNet50", C),  # 오십
    ("VGG", V),
    ("Adam", C),
    ("SGD", V),
    ("batch_size", V),
    ("learning_rate", V),
    ("epoch", V),
    ("Conv2D", V),
    ("Dense", V),
    ("BatchNormalization", C),
    ("softmax", V),
    ("relu", V),
    ("Keras", V),
    ("PyTorch", V),
    ("TensorFlow", V),
    ("Gradio", V),
    ("Streamlit", C),
    ("Flask", V),
    ("FastAPI", V),
    ("transformer", V),
    ("attention", C),
    ("U-Net", C),
    ("URL", L),  # 유알엘
    ("model", L),
    ("x", V),
    ("nb.ipynb", V),  # 아이파이엔비
    ("app.py", V),
    ("scores.csv", V),
    ("generated_samples.npy", V),
    ("README.md", V),
    ("config.json", C),  # 제이슨
    ("model.fit", C),  # 핏
    ("'배운 점'", C),
    ("“아쉬운 부분”", C),
    ("학습 방법", C),
    ("정확도", V),
    ("파일", L),
    ("셀 12 [9]", V),  # the aside is skipped: 십이
    ("3", C),
    ("7", L),
    ("10", C),
    ("0.001", L),
    ("95.0%", V),
]

FORMS = {
    V: {"를", "가", "는", "와", "로"},
    C: {"을", "이", "은", "과", "으로"},
    L: {"을", "이", "은", "과", "로"},
}
DOUBLE = re.compile("|".join(map(re.escape, PAIRS)))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def particles_after(word: str, text: str) -> list[str]:
    """Particles that follow ``word`` (possibly after a parenthetical) in ``text``."""
    pattern = re.escape(word) + r"(?:\([^()]*\))?(으로|[을를이가은는과와로])(?![가-힣])"
    return re.findall(pattern, text)


@pytest.mark.parametrize(("word", "ends"), TRICKY, ids=[w for w, _ in TRICKY])
def test_every_catalogue_message_takes_the_particle_of_its_word(word: str, ends: str):
    checked = 0
    for reason, template in catalogue().items():
        text = render_comment(reason, dict.fromkeys(placeholders(template), word))
        assert not DOUBLE.search(text), (reason, text)
        found = particles_after(word, text)
        assert set(found) <= FORMS[ends], (reason, text)
        checked += len(found)
    assert checked > 40


@pytest.mark.parametrize(("word", "ends"), TRICKY, ids=[w for w, _ in TRICKY])
def test_reading_table_and_rules(word: str, ends: str):
    final = final_sound(word.strip("'“”").split()[-1] if "[" not in word else "12")
    assert {V: final == "", C: final not in ("", "ㄹ", None), L: final == "ㄹ"}[ends]


@pytest.mark.parametrize(
    ("word", "ends"),
    [
        # acronyms letter by letter
        ("RNN", C), ("API", V), ("GPU", V), ("HTML", L), ("BERT", V), ("MNIST", V),
        # the English final-sound rule
        ("step", C), ("dataset", C), ("stack", C), ("metric", C), ("notebook", C),
        ("layout", C), ("embedding", C), ("Keep", C), ("deep", C), ("time", C), ("pipeline", C), ("web", C),
        ("sample", L), ("pool", L),
        ("test", V), ("mask", V), ("loop", V), ("layer", V), ("score", V), ("loss", V),
        ("batch", V), ("seed", V), ("log", V), ("index", V), ("value", V), ("rate", V),
        # file names by the extension, numbers by their reading
        ("weights.h5", V), ("best.keras", V), ("train.log", V), ("index.html", L),
        ("100", C), ("1,000", C), ("20", C), ("2", V), ("1", L), ("8", L), ("6", C),
    ],
)
def test_rules_for_words_outside_the_table(word: str, ends: str):
    final = final_sound(word)
    assert {V: final == "", C: final not in ("", "ㄹ", None), L: final == "ㄹ"}[ends]


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("Dropout을(를) 적용했습니다", "Dropout을 적용했습니다"),
        ("LSTM과(와) GRU을(를) 비교", "LSTM과 GRU를 비교"),
        ("broken.ipynb 이(가) 멈췄습니다", "broken.ipynb가 멈췄습니다"),
        ("config.json 은(는)", "config.json은"),
        ("학습률 0.001(으)로", "학습률 0.001로"),
        ("ResNet50으로(로)", "ResNet50으로"),
        ("'Adam'이(가)", "'Adam'이"),
        ("앱(Gradio)을(를)", "앱(Gradio)을"),
        ("fit()을(를)", "fit()을"),
        ("(app.py)이(가)", "(app.py)가"),
        ("셀 12 [9]을(를)", "셀 12 [9]를"),
    ],
)
def test_attach_particles_in_sentences(raw: str, natural: str):
    assert attach_particles(raw) == natural


def test_fixed_particle_after_a_placeholder_becomes_a_double_form():
    assert pair_placeholders("{topic}를 설명") == "{topic}을(를) 설명"
    assert pair_placeholders("{value}로 기준") == "{value}(으)로 기준"
    assert pair_placeholders("{planned}가지 {n}이(가)") == "{planned}가지 {n}이(가)"
    assert pair_placeholders("{file}({count}장)을 채점") == "{file}({count}장)을(를) 채점"
    assert pair_placeholders("검증({v}, {w})과 테스트") == "검증({v}, {w})과 테스트"
    assert "학습 방법을 학생이" in render_comment("reason_found", {"topic": "학습 방법", "quote": "q"})
