"""Write a small stand-in for the ManyThings/Tatoeba Korean-English corpus (``kor.txt`` format).

    python prepare.py --out DIR

writes ``DIR/kor-eng/kor.txt`` (pairs to train and validate on) and ``DIR/kor-eng/kor_test.txt``
(held-out test pairs), each line ``English<TAB>Korean<TAB>attribution`` as in the real file.
The sentences are templated (subject, time word, object with an optional count, verb in three
tenses and three politeness levels), seeded and therefore the same on every machine; the two
files share no Korean sentence. Standard library only, no network, nothing outside DIR.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SEED = 0
TRAIN_PAIRS = 3000
TEST_PAIRS = 300
ATTRIBUTION = "synthetic stand-in, translation-seq2seq/prepare.py seed={seed} #{n}"

# (plain subject, polite subject, English, English person: "3s" takes -s in the present)
SUBJECTS = [
    ("나는", "저는", "I", "1"),
    ("너는", "너는", "you", "1"),
    ("그는", "그는", "he", "3s"),
    ("그녀는", "그녀는", "she", "3s"),
    ("우리는", "저희는", "we", "1"),
    ("그들은", "그들은", "they", "1"),
    ("내 친구는", "제 친구는", "my friend", "3s"),
    ("선생님은", "선생님은", "the teacher", "3s"),
    ("아이들은", "아이들은", "the children", "1"),
]

# Korean noun, counter, English singular (with article), English plural
OBJECTS = {
    "apple": ("사과", "개", "an apple", "apples"),
    "banana": ("바나나", "개", "a banana", "bananas"),
    "cake": ("케이크", "개", "a cake", "cakes"),
    "coffee": ("커피", "잔", "a coffee", "coffees"),
    "book": ("책", "권", "a book", "books"),
    "letter": ("편지", "통", "a letter", "letters"),
    "picture": ("그림", "장", "a picture", "pictures"),
    "movie": ("영화", "편", "a movie", "movies"),
}

# Korean present stems (plain, 해요, 합니다), past stems, future stem; English forms; objects
VERBS = [
    (
        ("먹는다", "먹어요", "먹습니다"), "먹었", "먹을",
        ("eat", "eats", "ate"), ("apple", "banana", "cake"),
    ),
    (("마신다", "마셔요", "마십니다"), "마셨", "마실", ("drink", "drinks", "drank"), ("coffee",)),
    (
        ("읽는다", "읽어요", "읽습니다"), "읽었", "읽을",
        ("read", "reads", "read"), ("book", "letter"),
    ),
    (("쓴다", "써요", "씁니다"), "썼", "쓸", ("write", "writes", "wrote"), ("letter", "book")),
    (
        ("산다", "사요", "삽니다"), "샀", "살",
        ("buy", "buys", "bought"), ("apple", "banana", "cake", "book", "coffee"),
    ),
    (("그린다", "그려요", "그립니다"), "그렸", "그릴", ("draw", "draws", "drew"), ("picture",)),
    (("본다", "봐요", "봅니다"), "봤", "볼", ("watch", "watches", "watched"), ("movie",)),
]

PAST_ENDINGS = ("다", "어요", "습니다")
FUTURE_ENDINGS = ("것이다", "거예요", "겁니다")
COUNTS = {2: ("두", "two"), 3: ("세", "three"), 4: ("네", "four"), 5: ("다섯", "five")}
TIMES = {
    "present": ("매일", "every day"),
    "past": ("어제", "yesterday"),
    "future": ("내일", "tomorrow"),
}


def object_particle(word: str) -> str:
    """을 after a final consonant (받침), 를 after a vowel."""
    last = ord(word[-1]) - 0xAC00
    return "을" if 0 <= last < 11172 and last % 28 else "를"


def korean_verb(verb: tuple, tense: str, level: int) -> str:
    present, past, future = verb[0], verb[1], verb[2]
    if tense == "present":
        return present[level]
    if tense == "past":
        return past + PAST_ENDINGS[level]
    return f"{future} {FUTURE_ENDINGS[level]}"


def english_verb(verb: tuple, tense: str, person: str) -> str:
    base, third, past = verb[3]
    if tense == "present":
        return third if person == "3s" else base
    return past if tense == "past" else f"will {base}"


def make_pair(rng: random.Random) -> tuple[str, str]:
    """One (English, Korean) sentence pair."""
    plain, polite, en_subject, person = rng.choice(SUBJECTS)
    verb = rng.choice(VERBS)
    noun, counter, singular, plural = OBJECTS[rng.choice(verb[4])]
    tense = rng.choice(list(TIMES))
    level = rng.randrange(3)
    count = rng.choice([None, None, 2, 3, 4, 5])
    with_time = rng.random() < 0.5
    if count is None:
        ko_object, en_object = noun + object_particle(noun), singular
    else:
        ko_number, en_number = COUNTS[count]
        ko_object = f"{noun} {ko_number} {counter}{object_particle(counter)}"
        en_object = f"{en_number} {plural}"
    ko_time, en_time = TIMES[tense]
    ko_words = [polite if level else plain, *([ko_time] if with_time else []), ko_object]
    korean = " ".join([*ko_words, korean_verb(verb, tense, level)]) + "."
    english = f"{en_subject} {english_verb(verb, tense, person)} {en_object}"
    english = (english + (f" {en_time}" if with_time else "")) + "."
    return english[0].upper() + english[1:], korean


def make_pairs(total: int, seed: int = SEED) -> list[tuple[str, str]]:
    """``total`` pairs with distinct Korean sentences, in a seeded random order."""
    rng = random.Random(seed)
    seen: dict[str, str] = {}
    while len(seen) < total:
        english, korean = make_pair(rng)
        seen.setdefault(korean, english)
    return [(english, korean) for korean, english in seen.items()]


def write_corpus(path: Path, pairs: list[tuple[str, str]], first: int) -> None:
    lines = [
        f"{en}\t{ko}\t{ATTRIBUTION.format(seed=SEED, n=first + i)}\n"
        for i, (en, ko) in enumerate(pairs)
    ]
    path.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="data directory to write into")
    args = parser.parse_args(argv)
    folder = args.out / "kor-eng"
    folder.mkdir(parents=True, exist_ok=True)
    pairs = make_pairs(TRAIN_PAIRS + TEST_PAIRS)
    write_corpus(folder / "kor.txt", pairs[:TRAIN_PAIRS], 1)
    write_corpus(folder / "kor_test.txt", pairs[TRAIN_PAIRS:], TRAIN_PAIRS + 1)
    print(f"wrote {folder}: {TRAIN_PAIRS} + {TEST_PAIRS} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
