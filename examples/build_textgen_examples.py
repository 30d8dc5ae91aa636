"""Build the textgen-korean (PyTorch) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (notebooks execute in the course
kernel, which has torch):

    .venv/bin/python examples/build_textgen_examples.py

Data: a corpus of templated Korean sentences generated in the notebook with a fixed seed (the
same code is in the quest README); no network. Keys (``examples/keys/textgen-korean/``) are
written by hand.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from build_examples import code, md
from build_regression_examples import build

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "textgen-korean"
REFERENCE = REPO / "reference_solutions" / "textgen-korean"
SUBMISSIONS = REPO / "examples" / "submissions" / "textgen-korean"

Cells = list[tuple[str, str]]

CORPUS = code(
    """
    import random

    def make_corpus(n=3000, seed=0):
        rng = random.Random(seed)
        who = ["고양이가", "강아지가", "아이가", "선생님이", "할머니가", "친구가", "로봇이"]
        where = ["공원에서", "학교에서", "집에서", "바닷가에서", "도서관에서", "시장에서"]
        what = ["책을", "공을", "사과를", "노래를", "그림을", "편지를"]
        how = ["천천히", "즐겁게", "조용히", "열심히", "몰래"]
        verb = ["읽었다", "찼다", "먹었다", "불렀다", "그렸다", "썼다"]
        return [f"{rng.choice(who)} {rng.choice(where)} {rng.choice(how)} {rng.choice(what)} {rng.choice(verb)}."
                for _ in range(n)]

    sentences = make_corpus()
    print(len(sentences), "문장, 예:", sentences[:3])
    """
)

STARTER: Cells = [
    md(
        """
        # 한국어 문장 생성 문자 단위 언어 모델 (PyTorch)

        노트북에서 만든 한국어 문장 말뭉치로 문자 단위 GRU/LSTM 언어 모델을 학습하고, 새 문장을 생성합니다.
        각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md("## 1. 데이터 만들기와 전처리\n말뭉치를 만들고, 문자 사전을 만들어 정수 시퀀스로 바꾸세요."),
    CORPUS,
    code("# TODO: 문자 사전을 만들고 train / validation / test로 나누세요."),
    md("## 2. 모델 설계\n문자 단위 언어 모델을 설계하고, 왜 이 구조를 선택했는지 설명해 보세요."),
    code("# TODO: nn.Embedding + nn.GRU(또는 LSTM) + nn.Linear 모델을 만드세요."),
    md("## 3. 학습과 하이퍼파라미터 실험\n여러 설정으로 학습하고 결과를 기록하세요."),
    code("# TODO: 학습하세요."),
    md("## 4. 실험 결과 시각화\n각 실험의 검증 손실 곡선을 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md("## 5. 평가와 생성\ntest perplexity를 출력하고, temperature를 바꿔 가며 새 문장을 생성해 보세요. 생성한 문장은 한 줄에 하나씩 `generated.txt`로 저장하세요."),
    code("# TODO: test perplexity와 생성 결과를 출력하세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]

IMPORTS = code(
    """
    import math
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import torch
    from torch import nn
    import torch.nn.functional as F

    SEED = 0
    torch.manual_seed(SEED)
    print("torch", torch.__version__)
    """
)

ENCODE = code(
    """
    chars = sorted(set("".join(sentences)) | {"\\n"})
    stoi = {c: i for i, c in enumerate(chars)}
    itos = {i: c for c, i in stoi.items()}

    def encode(lines):
        return torch.tensor([stoi[c] for c in "\\n".join(lines) + "\\n"])

    n = len(sentences)
    train_ids = encode(sentences[: int(n * 0.8)])
    val_ids = encode(sentences[int(n * 0.8) : int(n * 0.9)])
    test_ids = encode(sentences[int(n * 0.9) :])
    print(f"문자 {len(chars)}종, train {len(train_ids)} / validation {len(val_ids)} / test {len(test_ids)} 문자")
    """
)

MODEL = code(
    '''
    class CharLM(nn.Module):
        """문자 임베딩 -> GRU -> 다음 문자 분포."""

        def __init__(self, vocab, embed=32, hidden=128):
            super().__init__()
            self.embed = nn.Embedding(vocab, embed)
            self.rnn = nn.GRU(embed, hidden, batch_first=True)
            self.out = nn.Linear(hidden, vocab)

        def forward(self, x, state=None):
            y, state = self.rnn(self.embed(x), state)
            return self.out(y), state

    CharLM(len(chars))
    '''
)

TRAIN = code(
    '''
    SEQ = 48

    def batches(ids, batch_size=64, seed=0):
        starts = torch.randperm(len(ids) - SEQ - 1, generator=torch.Generator().manual_seed(seed))
        for b in range(0, len(starts) - batch_size, batch_size):
            idx = starts[b : b + batch_size, None] + torch.arange(SEQ + 1)
            chunk = ids[idx]
            yield chunk[:, :-1], chunk[:, 1:]

    def mean_loss(model, ids):
        """시퀀스 전체에 대한 문자당 평균 교차 엔트로피 (nats)."""
        model.eval()
        with torch.no_grad():
            logits, _ = model(ids[:-1].unsqueeze(0))
            return F.cross_entropy(logits[0], ids[1:]).item()

    def train(model, lr, epochs=4, steps_per_epoch=120):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        history = {"train_loss": [], "val_loss": []}
        for epoch in range(1, epochs + 1):
            model.train()
            for step, (x, y) in enumerate(batches(train_ids, seed=epoch)):
                if step == steps_per_epoch:
                    break
                optimizer.zero_grad()
                logits, _ = model(x)
                loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
            history["train_loss"].append(loss.item())
            history["val_loss"].append(mean_loss(model, val_ids))
            print(f"epoch {epoch} train_loss {history['train_loss'][-1]:.4f} val_loss {history['val_loss'][-1]:.4f}")
        return history
    '''
)

TRIALS = code(
    """
    configs = [
        {"name": "hidden=32, lr=3e-3", "hidden": 32, "lr": 3e-3},
        {"name": "hidden=128, lr=3e-3", "hidden": 128, "lr": 3e-3},
        {"name": "hidden=128, lr=3e-4", "hidden": 128, "lr": 3e-4},
    ]
    histories, models, rows = {}, {}, []
    for cfg in configs:
        torch.manual_seed(SEED)
        model = CharLM(len(chars), hidden=cfg["hidden"])
        print(f"===== {cfg['name']} =====")
        history = train(model, cfg["lr"])
        histories[cfg["name"]], models[cfg["name"]] = history, model
        rows.append({"config": cfg["name"], "val_loss": round(history["val_loss"][-1], 4),
                     "val_perplexity": round(math.exp(history["val_loss"][-1]), 3)})
    results_df = pd.DataFrame(rows).sort_values("val_loss").reset_index(drop=True)
    results_df
    """
)

CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, hist in histories.items():
        ax.plot(range(1, len(hist["val_loss"]) + 1), hist["val_loss"], marker="o", label=name)
    ax.set_title("Validation loss (cross-entropy per character) by config")
    ax.set_xlabel("epoch")
    ax.set_ylabel("val_loss")
    ax.grid(alpha=0.3)
    ax.legend()
    plt.tight_layout()
    plt.show()
    """
)

TEST = code(
    """
    best_name = results_df.loc[0, "config"]
    best_model = models[best_name]
    test_loss = mean_loss(best_model, test_ids)
    unigram = torch.bincount(train_ids, minlength=len(chars)).float() + 1
    unigram_loss = F.cross_entropy(unigram.log().expand(len(test_ids), -1), test_ids).item()
    print("최종 모델:", best_name)
    print(f"테스트 perplexity: {math.exp(test_loss):.3f}")
    print(f"문자 빈도(unigram) 기준선 perplexity {math.exp(unigram_loss):.2f}")
    """
)

GENERATE = code(
    '''
    def generate(model, start="고양이가", length=40, temperature=1.0):
        """start 다음 문자를 temperature로 나눈 분포에서 하나씩 뽑아 한 문장을 만든다."""
        model.eval()
        ids = torch.tensor([[stoi[c] for c in start]])
        text, state = start, None
        with torch.no_grad():
            logits, state = model(ids, state)
            for _ in range(length):
                probs = F.softmax(logits[0, -1] / temperature, dim=-1)
                nxt = torch.multinomial(probs, 1).item()
                if itos[nxt] == "\\n":
                    break
                text += itos[nxt]
                logits, state = model(torch.tensor([[nxt]]), state)
        return text

    torch.manual_seed(SEED)
    samples = []
    for temperature in (0.5, 1.0, 2.0):
        print(f"temperature {temperature}:")
        for start in ("고양이가", "로봇이", "친구가"):
            samples.append(generate(best_model, start, temperature=temperature))
            print("   ", samples[-1])
    with open("generated.txt", "w", encoding="utf-8") as f:  # 생성한 문장을 한 줄에 하나씩 저장
        f.write("\\n".join(samples) + "\\n")
    print(f"generated.txt에 {len(samples)}문장을 저장했습니다.")
    '''
)


def reference_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 한국어 문장 생성 문자 단위 언어 모델 (PyTorch) — 참고 답안

            노트북에서 만든 한국어 문장 3,000개로 문자 단위 GRU 언어 모델을 학습합니다. 은닉 크기와 learning rate를 바꾼 세 설정을
            검증 손실로 비교하고, 가장 좋은 모델의 test perplexity를 문자 빈도 기준선과 비교한 뒤 temperature를 바꿔 문장을 생성합니다.
            """
        ),
        IMPORTS,
        md("## 1. 말뭉치 만들기\n\n주어, 장소, 부사, 목적어, 동사를 무작위로 고른 문장이라 문법 구조는 일정하고 단어 조합만 다릅니다."),
        CORPUS,
        md(
            """
            ### 전처리와 분할

            - **문자 단위 사전**: 한국어는 어절마다 조사가 붙어 단어 사전이 커지지만, 문자(음절)는 수십 종이라 작은 모델로도 모든 입력을
              다룰 수 있기 때문에 문자 단위를 골랐습니다. 문장 끝은 줄바꿈 문자로 표시해, 모델이 문장을 끝내는 법도 배우게 했습니다.
            - **분할**: 문장 순서대로 80% / 10% / 10%를 train / validation / test로 나눴습니다. 같은 문장의 일부가 두 세트에 걸치지 않게
              하려고 문자 단위가 아니라 문장 단위로 나눴습니다. test는 마지막에 한 번만 봅니다.
            """
        ),
        ENCODE,
        md(
            """
            ## 2. 모델 설계

            **왜 GRU인가**: 다음 문자를 맞히려면 앞에서 어떤 주어와 목적어가 나왔는지 기억해야 하므로 순환 신경망이 알맞습니다.
            문장이 30자 안팎으로 짧아 LSTM보다 게이트가 적은 GRU로도 충분하고, 파라미터가 적어 CPU에서 빨리 학습됩니다.
            임베딩 32차원은 문자 수십 종을 구분하기에 충분한 크기입니다.
            """
        ),
        MODEL,
        md(
            """
            ## 3. 학습과 하이퍼파라미터 실험

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | hidden=32, lr=3e-3 | 은닉 크기 ↓ | 작은 모델로도 문장 구조를 배우는지 확인 |
            | hidden=128, lr=3e-3 | 기준 | 문장 하나의 맥락을 담기에 넉넉한 크기 |
            | hidden=128, lr=3e-4 | learning rate ↓ | 같은 step 수에서 학습률이 작으면 얼마나 느린지 확인 |

            - learning rate 3e-3: Adam의 기본값 1e-3보다 크게 잡은 이유는 4 epoch만 학습하므로 빨리 수렴해야 하기 때문입니다.
            - 은닉 크기 128: 주어와 목적어를 문장 끝까지 기억해야 하므로 임베딩(32)보다 넉넉하게 두었습니다.
            - 시퀀스 길이 48: 문장 하나가 약 22자라서, 한 시퀀스에 문장의 끝과 다음 문장의 시작이 함께 들어가게 하기 위해 두 문장 길이로 정했습니다.
            - batch 64, epoch당 120 step × 4 epoch: 말뭉치가 5만 자뿐이라 이 정도면 전체를 여러 번 보게 되고, CPU에서 설정 하나가 몇 초면 끝나기 때문입니다.
            - 순환 신경망은 기울기가 갑자기 커질 수 있어서 `clip_grad_norm_(1.0)`으로 기울기 크기를 제한했습니다.
            """
        ),
        TRAIN,
        TRIALS,
        CURVES,
        md(numbers),
        md("## 4. test 평가와 문장 생성\n\n검증 손실이 가장 낮은 설정으로 test perplexity를 구하고, temperature를 바꿔 가며 문장을 생성합니다."),
        TEST,
        GENERATE,
        md(
            """
            ## 회고

            ### 배운 점
            - perplexity가 "다음 문자 후보가 평균 몇 개쯤 남는가"로 읽힌다는 것을 알고 나니, 문자 빈도 기준선과 비교하는 의미가 분명해졌습니다.
            - temperature가 낮으면 말뭉치에 자주 나온 문장을 반복하고, 높으면 맞춤법이 무너진다는 것을 생성 결과로 확인했습니다.

            ### 아쉬운 점
            - 말뭉치가 틀에 박힌 문장이라 모델이 배울 것이 적었습니다. 실제 문장(뉴스나 소설)으로 학습했다면 훨씬 어려웠을 것입니다.

            ### 느낀 점
            - 손실 숫자보다 생성된 문장을 읽어 보는 것이 모델이 무엇을 배웠는지 훨씬 잘 보여 주었습니다.

            ### 어려웠던 점
            - 생성할 때 GRU의 상태를 이어 받지 않고 매번 처음부터 넣었더니 느리고 결과도 이상해서, 상태를 넘기는 방식으로 고쳤습니다.
            """
        ),
    ]


WEAK_TRAIN = code(
    """
    model = CharLM(len(chars), hidden=32)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for step, (x, y) in enumerate(batches(train_ids)):
        if step == 60:
            break
        optimizer.zero_grad()
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
        loss.backward()
        optimizer.step()
    print(f"loss {loss.item():.4f}")
    print(f"test perplexity: {math.exp(mean_loss(model, test_ids)):.3f}")
    """
)


def weak_cells() -> Cells:
    """Train/test only (no validation), one short run, no generation, no text."""
    return [
        md("# 문장 생성"),
        IMPORTS,
        CORPUS,
        code(
            """
            chars = sorted(set("".join(sentences)) | {"\\n"})
            stoi = {c: i for i, c in enumerate(chars)}
            ids = torch.tensor([stoi[c] for c in "\\n".join(sentences) + "\\n"])
            train_ids, test_ids = ids[: int(len(ids) * 0.9)], ids[int(len(ids) * 0.9) :]
            """
        ),
        MODEL,
        TRAIN,
        WEAK_TRAIN,
    ]


# --------------------------------------------------------------------------------------------
# strong: a character LSTM, three trials, temperatures compared, own text
# --------------------------------------------------------------------------------------------

STRONG_VOCAB = code(
    """
    vocab = ["\\n"] + sorted(set("".join(sentences)))
    char_to_id = {c: i for i, c in enumerate(vocab)}

    def to_ids(lines):
        return torch.tensor([char_to_id[c] for line in lines for c in line + "\\n"])

    cut1, cut2 = int(len(sentences) * 0.8), int(len(sentences) * 0.9)
    train_ids = to_ids(sentences[:cut1])
    val_ids = to_ids(sentences[cut1:cut2])
    test_ids = to_ids(sentences[cut2:])
    print(f"문자 {len(vocab)}종 | train {len(train_ids)}자, validation {len(val_ids)}자, test {len(test_ids)}자")
    """
)

STRONG_MODEL = code(
    '''
    class CharLSTM(nn.Module):
        """문자 임베딩 -> LSTM 1층 -> 다음 문자 로짓."""

        def __init__(self, vocab_size, hidden=128, embed=24):
            super().__init__()
            self.embed = nn.Embedding(vocab_size, embed)
            self.lstm = nn.LSTM(embed, hidden, batch_first=True)
            self.head = nn.Linear(hidden, vocab_size)

        def forward(self, x, state=None):
            out, state = self.lstm(self.embed(x), state)
            return self.head(out), state

    print(CharLSTM(len(vocab)))
    '''
)

STRONG_TRAIN = code(
    '''
    WINDOW = 40

    def random_windows(ids, batch_size, generator):
        starts = torch.randint(0, len(ids) - WINDOW - 1, (batch_size,), generator=generator)
        chunk = ids[starts[:, None] + torch.arange(WINDOW + 1)]
        return chunk[:, :-1], chunk[:, 1:]

    def loss_on(model, ids):
        """ids 전체를 한 번에 넣었을 때 문자당 평균 교차 엔트로피."""
        model.eval()
        with torch.no_grad():
            logits, _ = model(ids[:-1].unsqueeze(0))
        return F.cross_entropy(logits[0], ids[1:]).item()

    def fit_lm(model, lr, epochs=4, steps=100, batch_size=64):
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        generator = torch.Generator().manual_seed(1)
        curve = {"train": [], "val": []}
        for epoch in range(1, epochs + 1):
            model.train()
            for _ in range(steps):
                x, y = random_windows(train_ids, batch_size, generator)
                logits, _ = model(x)
                loss = F.cross_entropy(logits.flatten(0, 1), y.flatten())
                opt.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
            curve["train"].append(loss.item())
            curve["val"].append(loss_on(model, val_ids))
            print(f"  epoch {epoch}: train {curve['train'][-1]:.4f} / val {curve['val'][-1]:.4f} (val ppl {math.exp(curve['val'][-1]):.3f})")
        return curve
    '''
)

STRONG_TRIALS = code(
    """
    settings = [
        {"tag": "hidden 64, lr 3e-3", "hidden": 64, "lr": 3e-3},
        {"tag": "hidden 128, lr 3e-3", "hidden": 128, "lr": 3e-3},
        {"tag": "hidden 128, lr 1e-3", "hidden": 128, "lr": 1e-3},
    ]
    curves, lms, table = {}, {}, []
    for setting in settings:
        print(setting["tag"])
        torch.manual_seed(SEED)
        lm = CharLSTM(len(vocab), hidden=setting["hidden"])
        curves[setting["tag"]] = fit_lm(lm, setting["lr"])
        lms[setting["tag"]] = lm
        table.append({"setting": setting["tag"], "val_loss": round(curves[setting["tag"]]["val"][-1], 4),
                      "val_ppl": round(math.exp(curves[setting["tag"]]["val"][-1]), 3)})
    table = pd.DataFrame(table).sort_values("val_loss").reset_index(drop=True)
    table
    """
)

STRONG_CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(8, 4))
    for tag, curve in curves.items():
        ax.plot(range(1, 5), curve["val"], marker="o", label=tag)
    ax.set_xlabel("epoch (100 steps)")
    ax.set_ylabel("validation loss (nats / char)")
    ax.set_title("validation loss by setting")
    ax.grid(alpha=0.3)
    ax.legend()
    plt.show()
    """
)

STRONG_TEST = code(
    """
    chosen = table.loc[0, "setting"]
    lm = lms[chosen]
    counts = torch.bincount(train_ids, minlength=len(vocab)).float() + 1
    freq_loss = F.cross_entropy(counts.log().expand(len(test_ids) - 1, -1), test_ids[1:]).item()
    print("선택:", chosen)
    print(f"test perplexity: {math.exp(loss_on(lm, test_ids)):.3f}")
    print(f"문자 빈도 기준선 test perplexity: {math.exp(freq_loss):.2f}")
    """
)

STRONG_GENERATE = code(
    '''
    def sample(model, prefix, temperature, max_len=40):
        """prefix에서 시작해 줄바꿈이 나올 때까지 한 글자씩 뽑는다."""
        model.eval()
        text, state = prefix, None
        x = torch.tensor([[char_to_id[c] for c in prefix]])
        with torch.no_grad():
            for _ in range(max_len):
                logits, state = model(x, state)
                probs = F.softmax(logits[0, -1] / temperature, dim=-1)
                nxt = torch.multinomial(probs, 1).item()
                if vocab[nxt] == "\\n":
                    break
                text += vocab[nxt]
                x = torch.tensor([[nxt]])
        return text

    torch.manual_seed(SEED)
    generated = []
    for temperature in (0.3, 0.8, 1.5):
        print(f"[temperature {temperature}]")
        for prefix in ("아이가", "할머니가", "강아지가", "선생님이"):
            line = sample(lm, prefix, temperature)
            generated.append(line)
            print("  ", line)
    Path("generated.txt").write_text("\\n".join(generated) + "\\n", encoding="utf-8")
    print(len(generated), "문장을 generated.txt에 저장")
    '''
)


def strong_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 문자 단위 LSTM으로 한국어 문장 만들기

            틀이 정해진 한국어 문장 3,000개로 다음 글자를 맞히는 LSTM을 학습하고, temperature를 바꿔 가며 새 문장을 만들어 봤습니다.
            """
        ),
        IMPORTS,
        code("from pathlib import Path"),
        CORPUS,
        md(
            """
            ## 1. 전처리

            - 음절 하나하나를 토큰으로 쓰는 문자 단위를 골랐습니다. 이 말뭉치는 음절이 수십 종뿐이라 사전이 작고, 조사가 붙은 어절을
              따로 외울 필요가 없기 때문입니다.
            - 문장마다 끝에 줄바꿈을 붙였습니다. 줄바꿈도 하나의 글자로 배워야 생성할 때 문장을 스스로 끝낼 수 있어서입니다.
            - 문장 단위로 앞 80%를 train, 다음 10%를 validation, 마지막 10%를 test로 나눴습니다. 문자 단위로 자르면 한 문장이 두 세트에
              걸칠 수 있어서 문장 단위로 나눴습니다.
            """
        ),
        STRONG_VOCAB,
        md(
            """
            ## 2. 모델

            다음 글자는 앞에 나온 주어, 장소, 목적어에 따라 달라지므로 앞 내용을 기억하는 순환 신경망이 필요합니다.
            GRU 대신 LSTM을 골랐는데, 셀 상태가 따로 있어 문장 앞쪽의 목적어를 동사까지 더 잘 들고 갈 것이라 생각했기 때문입니다.
            문장이 짧아 한 층으로 충분하다고 판단했고, 임베딩은 문자 수가 적어 24차원으로 작게 두었습니다.
            """
        ),
        STRONG_MODEL,
        md(
            """
            ## 3. 학습과 실험

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | hidden 64, lr 3e-3 | 은닉 64 | 작은 모델로도 문장 틀을 배우는지 |
            | hidden 128, lr 3e-3 | 은닉 128 | 기준 |
            | hidden 128, lr 1e-3 | learning rate ↓ | 400 step 안에 작은 학습률로도 충분한지 |

            한 번에 40글자 창을 64개씩 뽑아 학습합니다. 40글자면 문장 두 개 정도가 들어가서, 문장 끝과 다음 문장의 시작을 함께 볼 수 있기 때문입니다.
            순환 신경망은 기울기가 튈 수 있어서 기울기 크기를 1로 잘랐습니다.
            """
        ),
        STRONG_TRAIN,
        STRONG_TRIALS,
        STRONG_CURVES,
        md(numbers),
        md("## 4. test perplexity와 생성\n\nvalidation 손실이 가장 낮은 설정으로 test perplexity를 구하고, 문자 빈도만 쓰는 기준선과 비교합니다."),
        STRONG_TEST,
        STRONG_GENERATE,
        md(
            """
            ## 회고

            **배운 점**: temperature가 0.3이면 '편지를 읽었다', '책을 읽었다'처럼 흔한 조합이 되풀이되고, 1.5에서는 '심.히'처럼 글자가 깨진
            문장이 섞여 나왔습니다. 숫자 하나로 다양성과 정확성을 맞바꾼다는 것을 직접 봤습니다.

            **아쉬운 점**: 문장 틀이 하나뿐인 말뭉치라 perplexity가 낮게 나오는 것이 당연합니다. 실제 문장으로 학습했다면 훨씬 어려웠을 것입니다.

            **느낀 점**: 모델이 '노래를 먹었다'처럼 문법은 맞지만 뜻은 이상한 문장도 만들어서, 말뭉치가 단어를 무작위로 조합했다는 것이 그대로 드러나 재미있었습니다.

            **어려웠던 점**: 생성할 때 LSTM 상태를 넘기지 않아서 매번 첫 글자부터 다시 읽게 했더니 느리고 문장이 이상했습니다. 상태를 이어 받도록 고쳤습니다.
            """
        ),
    ]


# --------------------------------------------------------------------------------------------
# ids-saved: the silent bug. The notebook prints nine good samples, but what it writes to
# generated.txt are the generated character ids, not the decoded text.
# --------------------------------------------------------------------------------------------

IDS_GENERATE = code(
    '''
    def generate(model, start, temperature=1.0, length=40):
        """start 뒤에 이어질 문자 id들을 temperature로 샘플링해 돌려준다."""
        model.eval()
        out = [stoi[c] for c in start]
        state = None
        with torch.no_grad():
            logits, state = model(torch.tensor([out]), state)
            for _ in range(length):
                nxt = torch.multinomial(F.softmax(logits[0, -1] / temperature, dim=-1), 1).item()
                if itos[nxt] == "\\n":
                    break
                out.append(nxt)
                logits, state = model(torch.tensor([[nxt]]), state)
        return out

    def decode(ids):
        return "".join(itos[i] for i in ids)

    torch.manual_seed(SEED)
    samples = []
    for temperature in (0.5, 1.0, 1.5):
        for start in ("고양이가", "로봇이", "친구가"):
            ids = generate(best_model, start, temperature)
            samples.append(ids)
            print(f"T={temperature}: {decode(ids)}")
    with open("generated.txt", "w", encoding="utf-8") as f:
        for ids in samples:
            f.write(" ".join(map(str, ids)) + "\\n")
    print("generated.txt 저장 완료")
    '''
)


def ids_saved_cells(numbers: str) -> Cells:
    return [
        md("# 문자 단위 GRU 문장 생성\n\n말뭉치 문장으로 다음 글자를 예측하는 GRU를 학습하고, temperature에 따라 생성 결과가 어떻게 달라지는지 봅니다."),
        IMPORTS,
        CORPUS,
        md(
            """
            ## 전처리
            단어보다 종류가 훨씬 적어 사전이 작아지기 때문에 문자(음절) 단위로 나눠 정수로 바꿨습니다.
            문장 순서대로 80/10/10으로 train / validation / test를 나눴습니다.
            """
        ),
        ENCODE,
        md(
            """
            ## 모델
            앞에 나온 글자를 기억해야 다음 글자를 맞힐 수 있으므로 GRU를 골랐습니다.
            은닉 크기를 32와 128로 바꿔 보고 validation 손실로 고릅니다.
            """
        ),
        MODEL,
        TRAIN,
        code(
            """
            results, models = {}, {}
            for hidden in (32, 128):
                torch.manual_seed(SEED)
                models[hidden] = CharLM(len(chars), hidden=hidden)
                print(f"hidden={hidden}")
                results[hidden] = train(models[hidden], lr=3e-3)
            """
        ),
        code(
            """
            for hidden, history in results.items():
                plt.plot(range(1, 5), history["val_loss"], marker="o", label=f"hidden={hidden}")
            plt.xlabel("epoch")
            plt.ylabel("val_loss")
            plt.legend()
            plt.show()
            """
        ),
        md(numbers),
        code(
            """
            best_model = models[128]
            print(f"test perplexity: {math.exp(mean_loss(best_model, test_ids)):.3f}")
            """
        ),
        IDS_GENERATE,
        md(
            """
            ## 회고
            - 배운 점: temperature가 높을수록 이상한 글자 조합이 많이 나온다는 것을 알게 되었습니다.
            - 어려웠던 점: 처음에 GRU 상태를 넘기지 않아 생성이 이상했는데, 상태를 이어 받게 고쳤습니다.
            """
        ),
    ]


def _numbers(name: str) -> str:
    """The markdown results text written after reading the first build's outputs."""
    table = REPO / "examples" / f"{name}_numbers.md"
    text = table.read_text(encoding="utf-8") if table.is_file() else "### 결과\n\n(첫 실행 뒤에 씁니다)"
    return textwrap.dedent(text).strip()


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "weak", "strong", "ids-saved"}
    table = REPO / "examples" / "textgen_numbers.md"
    numbers = table.read_text(encoding="utf-8") if table.is_file() else "### 실험 결과 기록\\n\\n(첫 실행 뒤에 씁니다)"
    if "starter" in wanted:
        build("starter", STARTER, PACK / "starter.ipynb", run=False)
    if "reference" in wanted:
        build("reference", reference_cells(textwrap.dedent(numbers).strip()), REFERENCE / "solution.ipynb")
    if "weak" in wanted:
        build("weak", weak_cells(), SUBMISSIONS / "weak.ipynb")
    for folder in ("strong", "ids-saved"):
        (SUBMISSIONS / folder).mkdir(parents=True, exist_ok=True)
    if "strong" in wanted:
        build("strong", strong_cells(_numbers("textgen_strong")), SUBMISSIONS / "strong" / "strong.ipynb")
    if "ids-saved" in wanted:
        cells = ids_saved_cells(_numbers("textgen_ids_saved"))
        build("ids-saved", cells, SUBMISSIONS / "ids-saved" / "textgen.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
