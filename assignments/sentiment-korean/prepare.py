"""Write small stand-ins of the NSMC movie-review corpus: ``python prepare.py --out DIR``.

Writes ``DIR/nsmc/ratings_train.txt`` (3,000 reviews) and ``DIR/nsmc/ratings_test.txt``
(1,000 reviews) in the real NSMC format: tab-separated ``id``, ``document``, ``label``
(1 positive, 0 negative) under a header line, UTF-8. The reviews are templated Korean
sentences, deterministic (fixed seed, standard library only, well under a second):

- plain verdicts ("연기가 정말 좋았다"), which any bag-of-words model gets right;
- negations with "안" ("결말이 안 지루했다" is positive, "안 재밌었다" negative): the same
  words as a plain verdict, so only the word order tells them apart;
- contrasts ("초반은 지루했다 그런데 결말이 최고였다"): the last verdict decides, and the
  swapped sentence has exactly the same words;
- 5% of the labels flipped and a few empty reviews, as in the real corpus.

A TF-IDF + logistic regression baseline reaches about 0.7 test accuracy on it, a small
LSTM about 0.9. Nothing is downloaded; nothing is written outside DIR.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SEED = 2024
TRAIN_SIZE = 3000
TEST_SIZE = 1000
LABEL_NOISE = 0.05
EMPTY_TRAIN_REVIEWS = 4

SUBJECTS = [
    "스토리가", "연기가", "배우들 연기가", "연출이", "음악이", "결말이", "영상미가", "대사가",
    "캐릭터가", "전개가", "주인공이", "액션이", "분위기가", "이 영화", "영화가", "반전이",
]
OPENERS = ["초반은", "처음엔", "중반까지는", "앞부분은", "예고편은", "원작은"]
ADVERBS = ["", "", "정말", "진짜", "너무", "꽤", "생각보다", "솔직히", "완전", "은근히"]
PREFIXES = [
    "", "", "", "주말에 가족이랑 봤는데", "친구 추천으로 봤다", "기대 안 하고 봤는데",
    "두 번째 보는 건데", "혼자 극장에서 봤다", "평점 보고 골랐는데", "어제 넷플릭스로 봤는데",
]
SUFFIXES = ["", "", "", "ㅋㅋ", "ㅋㅋㅋ", "ㅠㅠ", "...", "!!", "ㅎㅎ"]

# Verdicts that read naturally after "안" (their polarity flips there).
NEGATABLE = {
    1: ["재밌었다", "좋았다", "멋있었다", "신선했다", "웃겼다", "괜찮았다"],
    0: ["지루했다", "뻔했다", "어색했다", "아까웠다", "유치했다", "불편했다"],
}
# Verdicts that are only used plainly.
PLAIN = {
    1: ["감동적이었다", "훌륭했다", "최고였다", "탄탄했다", "인상적이었다", "완벽했다"],
    0: ["별로였다", "엉성했다", "최악이었다", "실망스러웠다", "산만했다", "허술했다"],
}
ENDINGS = {
    1: ["강추", "또 보고 싶다", "시간 가는 줄 몰랐다"],
    0: ["비추", "돈이 아깝다", "잠만 잤다"],
}


def _verdict(rng: random.Random, polarity: int) -> str:
    """Words that say ``polarity`` (1 good, 0 bad), plainly or as a negated opposite."""
    adverb = rng.choice(ADVERBS)
    if rng.random() < 0.35:  # "안" + the opposite verdict
        base = rng.choice(NEGATABLE[1 - polarity])
        negator = rng.choice(["안", "안", "별로 안", "하나도 안"])
        return f"{negator} {base}"
    word = rng.choice(NEGATABLE[polarity] + PLAIN[polarity])
    return f"{adverb} {word}".strip()


def _clause(rng: random.Random, polarity: int) -> str:
    return f"{rng.choice(SUBJECTS)} {_verdict(rng, polarity)}"


def _review(rng: random.Random) -> tuple[str, int]:
    """One templated review and its true label (before label noise)."""
    label = rng.randint(0, 1)
    kind = rng.random()
    if kind < 0.35:  # contrast: the earlier part says the opposite, the last clause decides
        connector = rng.choice(["그런데", "하지만", "근데", "그래도"])
        first = f"{rng.choice(OPENERS)} {_verdict(rng, 1 - label)}"
        body = f"{first} {connector} {_clause(rng, label)}"
    elif kind < 0.55:  # two clauses that agree
        body = f"{_clause(rng, label)} {_clause(rng, label)}"
    else:
        body = _clause(rng, label)
    if rng.random() < 0.15:
        body = f"{body} {rng.choice(ENDINGS[label])}"
    text = " ".join(part for part in (rng.choice(PREFIXES), body, rng.choice(SUFFIXES)) if part)
    return text, label


def make_reviews(count: int, rng: random.Random) -> list[tuple[str, int]]:
    """``count`` reviews, 5% of them with the wrong label."""
    reviews = []
    for _ in range(count):
        text, label = _review(rng)
        if rng.random() < LABEL_NOISE:
            label = 1 - label
        reviews.append((text, label))
    return reviews


def write_split(path: Path, reviews: list[tuple[str, int]], first_id: int) -> None:
    lines = ["id\tdocument\tlabel"]
    lines += [f"{first_id + 7 * i}\t{text}\t{label}" for i, (text, label) in enumerate(reviews)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def prepare(out: Path) -> list[Path]:
    """Write both NSMC files under ``out/nsmc``; return their paths."""
    rng = random.Random(SEED)
    train = make_reviews(TRAIN_SIZE, rng)
    for index in rng.sample(range(TRAIN_SIZE), EMPTY_TRAIN_REVIEWS):
        train[index] = ("", train[index][1])
    test = make_reviews(TEST_SIZE, rng)
    folder = out / "nsmc"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "ratings_train.txt", folder / "ratings_test.txt"]
    write_split(paths[0], train, 9_000_001)
    write_split(paths[1], test, 6_000_003)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="NSMC 형식의 작은 대체 데이터를 만듭니다.")
    parser.add_argument("--out", type=Path, required=True, help="데이터 폴더 (nsmc/가 생깁니다)")
    args = parser.parse_args()
    for path in prepare(args.out):
        print(f"썼습니다: {path}")


if __name__ == "__main__":
    main()
