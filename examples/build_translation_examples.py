"""Build the translation-seq2seq (PyTorch) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (notebooks execute in the course
kernel, which has torch):

    .venv/bin/python examples/build_translation_examples.py            # everything
    .venv/bin/python examples/build_translation_examples.py reference  # only some

Data: the pack's ``prepare.py`` writes its small stand-in of the ManyThings ``kor.txt`` corpus
into a temporary folder, and the notebooks read it through ``GRADER_DATA`` as they would read
the instructor's real data; no network. Seeds are fixed. Keys
(``examples/keys/translation-seq2seq/``) are written by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from build_examples import code, md
from build_regression_examples import COURSE_PYTHON, build

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "translation-seq2seq"
REFERENCE = REPO / "reference_solutions" / "translation-seq2seq"
SUBMISSIONS = REPO / "examples" / "submissions" / "translation-seq2seq"

Cells = list[tuple[str, str]]

LOAD = code(
    r"""
    import os
    import random
    from pathlib import Path

    DATA_DIR = Path(os.environ.get("GRADER_DATA", "data"))

    def read_pairs(path):
        # kor.txt 형식: English<TAB>Korean<TAB>출처. 한국어 -> 영어로 번역하므로 (한국어, 영어) 순서로 담는다.
        pairs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            english, korean = line.split("\t")[:2]
            pairs.append((korean, english))
        return pairs

    pairs = read_pairs(DATA_DIR / "kor-eng" / "kor.txt")
    test_pairs = read_pairs(DATA_DIR / "kor-eng" / "kor_test.txt")
    print(len(pairs), "쌍 (학습용),", len(test_pairs), "쌍 (test)")
    print(pairs[:3])
    """
)

STARTER: Cells = [
    md(
        """
        # 한국어 → 영어 번역 seq2seq + attention (PyTorch)

        짧은 한국어 문장을 영어로 옮기는 seq2seq 모델을 만들고, attention이 있을 때와 없을 때를 비교합니다.
        각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md("## 1. 데이터 불러오기\n`kor.txt`(학습용)와 `kor_test.txt`(test)를 불러옵니다."),
    LOAD,
    code("# TODO: kor.txt의 문장 쌍을 train / validation으로 나누세요. test는 kor_test.txt를 씁니다."),
    md("## 2. 토큰화와 단어 사전\n문장을 토큰으로 나누고 한국어/영어 사전을 만드세요. 왜 그 단위를 골랐는지도 적어 보세요."),
    code("# TODO: 토큰화 함수와 사전(<pad>, <sos>, <eos>, <unk> 포함)을 만드세요."),
    md("## 3. 모델 설계\nGRU 인코더/디코더와 attention을 설계하고, 왜 이 구조를 선택했는지 설명해 보세요."),
    code("# TODO: nn.Module로 Seq2Seq 모델을 만드세요 (attention을 켜고 끌 수 있게)."),
    md("## 4. 학습과 실험\nteacher forcing으로 학습하고, attention 유무나 은닉 크기를 바꿔 결과를 기록하세요."),
    code("# TODO: 학습 루프, 번역(greedy decoding) 함수, BLEU 함수를 만들고 여러 설정으로 학습하세요."),
    md("## 5. 실험 결과 시각화\n설정별 검증 손실 곡선을 한 그래프에 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md(
        "## 6. test 평가\n가장 좋은 모델과 기준선(attention 없는 모델)의 test BLEU를 출력하고, "
        "test 문장의 번역을 `translations.tsv`에 저장하세요."
    ),
    code("# TODO: test BLEU를 출력하고 translations.tsv(한국어<TAB>번역)를 저장하세요."),
    md("## 7. 직접 만든 문장 번역과 attention heatmap"),
    code("# TODO: 직접 만든 문장을 번역하고, 한 문장의 attention 가중치를 heatmap으로 그리세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]

IMPORTS = code(
    """
    import collections
    import math
    import re
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import torch
    from torch import nn
    import torch.nn.functional as F

    SEED = 0
    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # 작은 모델은 CPU 스레드 하나가 오히려 빠르다 (스레드끼리 기다리는 시간이 없음)
    print("torch", torch.__version__)
    """
)

SPLIT = code(
    """
    random.Random(SEED).shuffle(pairs)
    n_val = len(pairs) // 10
    val_pairs, train_pairs = pairs[:n_val], pairs[n_val:]
    print(f"train {len(train_pairs)} / validation {len(val_pairs)} / test {len(test_pairs)}")
    """
)

VOCAB = code(
    r"""
    PAD, SOS, EOS, UNK = 0, 1, 2, 3
    SPECIALS = ["<pad>", "<sos>", "<eos>", "<unk>"]

    def tokenize(sentence):
        # 공백으로 어절을 나누고 마침표 같은 문장 부호는 따로 떼어 낸다 (영어는 소문자로).
        return re.findall(r"[\w']+|[^\w\s]", sentence.lower())

    def build_vocab(sentences):
        counts = collections.Counter(t for s in sentences for t in tokenize(s))
        itos = SPECIALS + sorted(counts)
        return {t: i for i, t in enumerate(itos)}, itos

    src_stoi, src_itos = build_vocab(ko for ko, _ in train_pairs)
    tgt_stoi, tgt_itos = build_vocab(en for _, en in train_pairs)

    def encode(sentence, stoi):
        return [stoi.get(t, UNK) for t in tokenize(sentence)] + [EOS]

    def batchify(batch):
        src = [torch.tensor(encode(ko, src_stoi)) for ko, _ in batch]
        tgt = [torch.tensor([SOS] + encode(en, tgt_stoi)) for _, en in batch]
        pad = nn.utils.rnn.pad_sequence
        return pad(src, batch_first=True), pad(tgt, batch_first=True)

    print(f"한국어 사전 {len(src_itos)}개, 영어 사전 {len(tgt_itos)}개")
    print(tokenize(train_pairs[0][0]), "->", tokenize(train_pairs[0][1]))
    """
)

MODEL = code(
    '''
    class Seq2Seq(nn.Module):
        """GRU 인코더 -> GRU 디코더. attention=True면 디코더의 각 시점이 인코더 출력 전체를 dot-product로 본다."""

        def __init__(self, n_src, n_tgt, embed=64, hidden=128, attention=True):
            super().__init__()
            self.attention = attention
            self.src_embed = nn.Embedding(n_src, embed, padding_idx=PAD)
            self.tgt_embed = nn.Embedding(n_tgt, embed, padding_idx=PAD)
            self.encoder = nn.GRU(embed, hidden, batch_first=True)
            self.decoder = nn.GRU(embed, hidden, batch_first=True)
            self.out = nn.Linear(hidden * 2 if attention else hidden, n_tgt)

        def attend(self, dec, enc, src):
            scores = dec @ enc.transpose(1, 2)                       # (batch, 출력 길이, 입력 길이)
            scores = scores.masked_fill((src == PAD).unsqueeze(1), -1e9)
            weights = scores.softmax(dim=-1)
            context = weights @ enc                                  # 가중합 = context vector
            return torch.cat([dec, context], dim=-1), weights

        def forward(self, src, tgt_in):
            """teacher forcing: 디코더 입력은 정답 문장을 한 칸 민 것."""
            enc, state = self.encoder(self.src_embed(src))
            dec, _ = self.decoder(self.tgt_embed(tgt_in), state)
            if self.attention:
                dec, _ = self.attend(dec, enc, src)
            return self.out(dec)

        @torch.no_grad()
        def greedy(self, src, max_len=20):
            """평가용: 정답 없이 직전에 예측한 단어를 다음 입력으로 넣는다."""
            enc, state = self.encoder(self.src_embed(src))
            token = torch.full((src.size(0), 1), SOS)
            outputs, weights = [], []
            for _ in range(max_len):
                dec, state = self.decoder(self.tgt_embed(token), state)
                if self.attention:
                    dec, w = self.attend(dec, enc, src)
                    weights.append(w)
                token = self.out(dec).argmax(dim=-1)
                outputs.append(token)
            attn = torch.cat(weights, dim=1) if weights else None
            return torch.cat(outputs, dim=1), attn

    Seq2Seq(len(src_itos), len(tgt_itos))
    '''
)

TRAIN = code(
    r'''
    def mean_loss(model, data):
        model.eval()
        with torch.no_grad():
            src, tgt = batchify(data)
            logits = model(src, tgt[:, :-1])
            return F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=PAD).item()

    def train(model, lr=3e-3, epochs=6, batch_size=64):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        history = {"train_loss": [], "val_loss": []}
        for epoch in range(1, epochs + 1):
            model.train()
            order = torch.randperm(len(train_pairs), generator=torch.Generator().manual_seed(epoch))
            total = 0.0
            for start in range(0, len(order), batch_size):
                src, tgt = batchify([train_pairs[i] for i in order[start : start + batch_size]])
                logits = model(src, tgt[:, :-1])
                loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=PAD)
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                total += loss.item() * len(src)
            history["train_loss"].append(total / len(train_pairs))
            history["val_loss"].append(mean_loss(model, val_pairs))
            print(f"epoch {epoch} train_loss {history['train_loss'][-1]:.4f} val_loss {history['val_loss'][-1]:.4f}")
        return history

    def detokenize(ids):
        words = []
        for i in ids:
            if i == EOS:
                break
            words.append(tgt_itos[i])
        text = re.sub(r" ([.,!?])", r"\1", " ".join(words))
        return text[:1].upper() + text[1:]

    def translate(model, sentences):
        src, _ = batchify([(s, "") for s in sentences])
        ids, _ = model.greedy(src)
        return [detokenize(row.tolist()) for row in ids]

    def ngrams(tokens, n):
        return collections.Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    def corpus_bleu(hypotheses, references, max_n=4):
        """BLEU-4 (0~100): n-gram 정밀도의 기하평균 x 짧은 번역 벌점(brevity penalty)."""
        matched, total = [0] * max_n, [0] * max_n
        hyp_len = ref_len = 0
        for hyp, ref in zip(hypotheses, references):
            hyp, ref = tokenize(hyp), tokenize(ref)
            hyp_len, ref_len = hyp_len + len(hyp), ref_len + len(ref)
            for n in range(1, max_n + 1):
                matched[n - 1] += sum((ngrams(hyp, n) & ngrams(ref, n)).values())
                total[n - 1] += max(len(hyp) - n + 1, 0)
        if min(matched) == 0:
            return 0.0
        penalty = 1.0 if hyp_len > ref_len else math.exp(1 - ref_len / max(hyp_len, 1))
        return 100 * penalty * math.exp(sum(math.log(m / t) for m, t in zip(matched, total)) / max_n)

    def bleu_on(model, data):
        return corpus_bleu(translate(model, [ko for ko, _ in data]), [en for _, en in data])
    '''
)


TRIALS = code(
    """
    configs = [
        {"name": "no attention, hidden=128", "attention": False, "hidden": 128},
        {"name": "attention, hidden=32", "attention": True, "hidden": 32},
        {"name": "attention, hidden=128", "attention": True, "hidden": 128},
    ]
    histories, models, rows = {}, {}, []
    for cfg in configs:
        torch.manual_seed(SEED)
        model = Seq2Seq(len(src_itos), len(tgt_itos), hidden=cfg["hidden"], attention=cfg["attention"])
        print(f"===== {cfg['name']} =====")
        history = train(model)
        histories[cfg["name"]], models[cfg["name"]] = history, model
        rows.append({"config": cfg["name"], "val_loss": round(history["val_loss"][-1], 4),
                     "val_bleu": round(bleu_on(model, val_pairs), 2)})
    results_df = pd.DataFrame(rows).sort_values("val_bleu", ascending=False).reset_index(drop=True)
    results_df
    """
)

CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, hist in histories.items():
        ax.plot(range(1, len(hist["val_loss"]) + 1), hist["val_loss"], marker="o", label=name)
    ax.set_title("Validation loss by config")
    ax.set_xlabel("epoch")
    ax.set_ylabel("val_loss (cross-entropy per token)")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend()
    plt.tight_layout()
    plt.show()
    """
)

TEST = code(
    r"""
    best_name = results_df.loc[0, "config"]
    best_model = models[best_name]
    baseline = models["no attention, hidden=128"]
    test_sources = [ko for ko, _ in test_pairs]
    test_references = [en for _, en in test_pairs]
    test_outputs = translate(best_model, test_sources)
    exact = np.mean([h == r for h, r in zip(test_outputs, test_references)])
    print("최종 모델:", best_name)
    print(f"test BLEU: {corpus_bleu(test_outputs, test_references):.2f}")
    print(f"test exact match: {exact:.3f}")
    print(f"기준선(attention 없음) test BLEU: {corpus_bleu(translate(baseline, test_sources), test_references):.2f}")

    with open("translations.tsv", "w", encoding="utf-8") as f:
        for source, output in zip(test_sources, test_outputs):
            f.write(f"{source}\t{output}\n")
    print("translations.tsv:", len(test_outputs), "줄")
    """
)

WRONG = code(
    """
    wrong = [(s, h, r) for s, h, r in zip(test_sources, test_outputs, test_references) if h != r]
    pd.DataFrame(wrong[:5], columns=["source", "output", "reference"])
    """
)

OWN = code(
    """
    own = ["저는 내일 커피 두 잔을 마실 거예요.", "선생님은 어제 영화를 봤다.", "아이들은 매일 사과 다섯 개를 먹는다.", "그녀는 편지 세 통을 쓸 겁니다."]
    for sentence, output in zip(own, translate(best_model, own)):
        print(f"{sentence}  ->  {output}")
    """
)

HEATMAP = code(
    """
    from matplotlib import font_manager

    korean_fonts = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name or "Nanum" in f.name]
    if korean_fonts:
        plt.rcParams["font.family"] = korean_fonts[0]

    sentence = own[0]
    src, _ = batchify([(sentence, "")])
    ids, attn = best_model.greedy(src)
    out_ids = ids[0].tolist()
    length = out_ids.index(EOS) + 1 if EOS in out_ids else len(out_ids)
    weights = attn[0, :length].numpy()
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.imshow(weights, cmap="viridis")
    ax.set_xticks(range(src.size(1)), tokenize(sentence) + ["<eos>"], rotation=45)
    ax.set_yticks(range(length), [tgt_itos[i] for i in out_ids[:length]])
    ax.set_title("attention weights (output x input)")
    plt.tight_layout()
    plt.show()
    """
)


def reference_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 한국어 → 영어 번역 seq2seq + attention (PyTorch) — 참고 답안

            짧은 한국어 문장 3,000쌍으로 GRU 인코더/디코더 번역 모델을 학습합니다. attention이 없는 모델(기준선)과
            은닉 크기가 다른 attention 모델 둘을 검증 BLEU로 비교하고, 가장 좋은 모델을 test 문장 300개로 평가한 뒤
            직접 만든 문장을 번역하고 attention 가중치를 heatmap으로 그립니다.
            """
        ),
        IMPORTS,
        md("## 1. 데이터 불러오기\n\n`kor.txt`는 학습용, `kor_test.txt`는 강사가 따로 떼어 둔 test 문장입니다."),
        LOAD,
        md(
            """
            ### 분할

            `kor.txt`를 시드를 고정해 섞은 뒤 10%를 validation으로 떼었습니다. 설정 비교는 validation BLEU로만 하고,
            test(`kor_test.txt`)는 마지막에 한 번만 번역해서, 설정을 고르는 데 test를 쓰지 않게 했습니다.
            """
        ),
        SPLIT,
        md(
            """
            ### 전처리: 어절 단위 토큰화

            - **어절(공백) 단위**를 골랐습니다. 이 데이터는 "사과를", "먹었습니다"처럼 어절의 종류가 100개 정도라 사전이 작고,
              문자 단위보다 시퀀스가 짧아(입력 7~9 토큰) 디코더가 볼 거리가 줄어들기 때문입니다. 대신 처음 보는 어절은
              모두 `<unk>`가 되는 한계가 있습니다.
            - 마침표는 따로 떼어 토큰으로 두고, 영어는 소문자로 바꿔 "The"와 "the"가 다른 단어가 되지 않게 했습니다.
            - 사전은 **train 문장으로만** 만들었습니다. validation/test에만 있는 단어를 사전에 넣으면 평가 데이터를 미리
              본 셈이 되기 때문입니다.
            - 디코더 입력 앞에는 `<sos>`, 정답 끝에는 `<eos>`를 붙여 문장을 언제 끝낼지도 배우게 했습니다.
            """
        ),
        VOCAB,
        md(
            """
            ## 2. 모델 설계

            - **왜 seq2seq인가**: 한국어는 주어-목적어-동사, 영어는 주어-동사-목적어 순서라 단어를 하나씩 옮길 수 없고,
              입력 문장 전체를 읽은 뒤 출력 문장을 새로 만들어야 하기 때문입니다.
            - **왜 attention인가**: attention이 없으면 디코더는 인코더의 마지막 상태 하나만 보고 문장 전체를 만들어야
              합니다. 동사(문장 끝의 "먹었습니다")를 두 번째 단어로 옮겨야 하는 이 데이터에서는, 디코더가 시점마다 필요한
              입력 어절을 직접 골라 보는 것이 훨씬 쉽습니다. 강의의 dot-product attention(디코더 상태와 인코더 출력의
              내적 → softmax → 가중합)을 그대로 썼습니다.
            - GRU는 LSTM보다 게이트가 적어 파라미터가 적고, 10토큰 안팎의 짧은 문장에는 충분해서 골랐습니다.
            """
        ),
        MODEL,
        md(
            """
            ## 3. 학습과 실험

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | no attention, hidden=128 | attention 끔 | 기준선: 고정된 벡터 하나로 얼마나 번역되는지 확인 |
            | attention, hidden=32 | 은닉 크기 ↓ | attention이 있으면 작은 모델로도 충분한지 확인 |
            | attention, hidden=128 | 기준 | 기준선과 크기가 같아 attention의 효과만 비교할 수 있음 |

            - **teacher forcing**: 학습 때는 디코더에 정답 문장을 한 칸 밀어 넣어, 앞 단어를 틀려도 다음 단어를 바르게
              배우게 했습니다. 평가(`greedy`) 때는 정답 없이 모델이 직전에 낸 단어를 다시 넣습니다.
            - learning rate 3e-3: 6 epoch만 학습하므로 Adam 기본값(1e-3)보다 크게 잡아 빨리 수렴하게 했습니다.
            - batch 64, 6 epoch: 학습 문장 2,700개를 epoch당 43 step으로 보며, CPU에서 설정 하나가 10초 안쪽이면 끝납니다.
            - 순환 신경망은 기울기가 갑자기 커질 수 있어 `clip_grad_norm_(1.0)`으로 제한했습니다.
            - `<pad>` 위치는 손실(`ignore_index`)과 attention(마스크) 모두에서 빼서, 문장 길이 차이가 결과에 섞이지 않게 했습니다.
            """
        ),
        TRAIN,
        TRIALS,
        CURVES,
        md(numbers),
        md(
            "## 4. test 평가\n\n검증 BLEU가 가장 높은 설정을 test 문장으로 평가하고, 같은 test 문장에서 기준선"
            "(attention 없음)의 BLEU도 구해 비교합니다. test 번역은 `translations.tsv`에 저장합니다."
        ),
        TEST,
        md("틀린 번역 몇 개를 정답과 나란히 봅니다."),
        WRONG,
        md(
            """
            틀린 번역 5개 중 4개가 현재형 "그립니다/그려요"를 과거형 "drew"로 옮긴 것입니다. 주어와 목적어는 모두 맞았고
            시제만 틀렸습니다. 그리다는 목적어가 "그림" 하나뿐인 동사라 학습 문장에 나온 횟수가 적고, 현재형 어절이
            과거형 어절("그렸습니다")보다 덜 학습된 것으로 보입니다.
            """
        ),
        md("## 5. 직접 만든 문장 번역과 attention heatmap"),
        OWN,
        HEATMAP,
        md(
            """
            heatmap에서 "tomorrow"는 "내일"에, "two"는 "두"에, "will"은 미래를 나타내는 "거예요"에 가중치가 몰려 있습니다.
            영어 어순대로 출력하면서도 디코더가 시점마다 알맞은 한국어 어절을 골라 본다는 것을 눈으로 확인할 수 있습니다.
            뜻밖에 "drink"는 "마실"이 아니라 "커피"를 봅니다. 이 데이터에서 커피를 목적어로 갖는 동사는 마시다뿐이라,
            목적어만 보아도 동사를 알 수 있기 때문으로 보입니다.
            """
        ),
        md(
            """
            ## 회고

            ### 배운 점
            - attention이 없는 모델은 마지막 상태 하나에 문장 전체를 담아야 해서, 같은 크기에서도 BLEU가 크게 낮았습니다.
              강의에서 말한 "고정된 벡터의 한계"를 숫자로 확인했습니다.
            - teacher forcing은 학습 때만 쓰고, 평가 때는 모델이 스스로 낸 단어를 넣어야 실제 번역 실력이 나온다는 것을 알았습니다.

            ### 아쉬운 점
            - 템플릿으로 만든 문장이라 어휘가 100개 남짓이고 문장 구조가 하나뿐입니다. 실제 Tatoeba 문장이었다면 사전 밖
              단어(`<unk>`)와 긴 문장 때문에 훨씬 어려웠을 것입니다.

            ### 느낀 점
            - BLEU 숫자보다 heatmap을 보는 것이 모델이 어순을 어떻게 바꾸는지 훨씬 잘 보여 주었습니다.

            ### 어려웠던 점
            - attention에서 `<pad>` 위치를 가리지 않았더니 짧은 문장에서 가중치가 패딩으로 새어 나가, 마스크를 넣어 고쳤습니다.
            """
        ),
    ]


STRONG_MODEL = code(
    """
    class Translator(nn.Module):
        # 인코더 GRU의 모든 출력을 디코더가 additive(Bahdanau식) 점수로 본다. use_attention=False면 마지막 상태만 쓴다.
        def __init__(self, n_src, n_tgt, embed=48, hidden=64, use_attention=True):
            super().__init__()
            self.use_attention = use_attention
            self.src_embed = nn.Embedding(n_src, embed, padding_idx=PAD)
            self.tgt_embed = nn.Embedding(n_tgt, embed, padding_idx=PAD)
            self.encoder = nn.GRU(embed, hidden, batch_first=True)
            self.decoder = nn.GRU(embed, hidden, batch_first=True)
            self.w_query = nn.Linear(hidden, hidden, bias=False)
            self.w_key = nn.Linear(hidden, hidden, bias=False)
            self.v = nn.Linear(hidden, 1, bias=False)
            self.out = nn.Linear(hidden * 2 if use_attention else hidden, n_tgt)

        def attend(self, dec, enc, src):
            # score(s_t, h_i) = v^T tanh(W_q s_t + W_k h_i) -> (batch, 출력 길이, 입력 길이)
            scores = self.v(torch.tanh(self.w_query(dec).unsqueeze(2) + self.w_key(enc).unsqueeze(1))).squeeze(-1)
            weights = scores.masked_fill((src == PAD).unsqueeze(1), -1e9).softmax(dim=-1)
            return torch.cat([dec, weights @ enc], dim=-1), weights

        def forward(self, src, tgt_in):
            enc, state = self.encoder(self.src_embed(src))
            dec, _ = self.decoder(self.tgt_embed(tgt_in), state)
            if self.use_attention:
                dec, _ = self.attend(dec, enc, src)
            return self.out(dec)

        @torch.no_grad()
        def greedy(self, src, max_len=20):
            enc, state = self.encoder(self.src_embed(src))
            token = torch.full((src.size(0), 1), SOS)
            outputs, weights = [], []
            for _ in range(max_len):
                dec, state = self.decoder(self.tgt_embed(token), state)
                if self.use_attention:
                    dec, w = self.attend(dec, enc, src)
                    weights.append(w)
                token = self.out(dec).argmax(dim=-1)
                outputs.append(token)
            return torch.cat(outputs, dim=1), (torch.cat(weights, dim=1) if weights else None)
    """
)

STRONG_TRIALS = code(
    """
    experiments = [
        {"name": "no_attention lr=3e-3", "use_attention": False, "lr": 3e-3},
        {"name": "attention lr=3e-3", "use_attention": True, "lr": 3e-3},
        {"name": "attention lr=1e-3", "use_attention": True, "lr": 1e-3},
    ]
    histories, models, rows = {}, {}, []
    for setting in experiments:
        torch.manual_seed(SEED)
        model = Translator(len(src_itos), len(tgt_itos), use_attention=setting["use_attention"])
        print(f"----- {setting['name']} -----")
        histories[setting["name"]] = train(model, lr=setting["lr"], epochs=7)
        models[setting["name"]] = model
        rows.append({"experiment": setting["name"], "val_loss": round(histories[setting["name"]]["val_loss"][-1], 4),
                     "val_bleu": round(bleu_on(model, val_pairs), 2)})
    summary = pd.DataFrame(rows)
    summary
    """
)

STRONG_CURVES = code(
    """
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for name, hist in histories.items():
        axes[0].plot(hist["train_loss"], label=name)
        axes[1].plot(hist["val_loss"], marker="o", label=name)
    for ax, title in zip(axes, ["train_loss", "val_loss"]):
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.set_yscale("log")
        ax.legend()
    plt.tight_layout()
    plt.show()
    """
)

STRONG_TEST = code(
    r"""
    final = models["attention lr=3e-3"]
    baseline = models["no_attention lr=3e-3"]
    sources = [ko for ko, _ in test_pairs]
    references = [en for _, en in test_pairs]
    outputs = translate(final, sources)
    print(f"test BLEU: {corpus_bleu(outputs, references):.2f}")
    print(f"baseline(no attention) test BLEU: {corpus_bleu(translate(baseline, sources), references):.2f}")
    with open("translations.tsv", "w", encoding="utf-8") as f:
        f.writelines(f"{s}\t{o}\n" for s, o in zip(sources, outputs))
    """
)

STRONG_OWN = code(
    """
    mine = ["그는 내일 바나나 세 개를 살 것이다.", "저희는 어제 그림을 그렸습니다.", "너는 매일 책 두 권을 읽어요."]
    for ko, en in zip(mine, translate(final, mine)):
        print(ko, "=>", en)

    from matplotlib import font_manager
    cjk = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name or "Nanum" in f.name]
    if cjk:
        plt.rcParams["font.family"] = cjk[0]
    src, _ = batchify([(mine[0], "")])
    ids, attn = final.greedy(src)
    out = [tgt_itos[i] for i in ids[0].tolist()]
    n = out.index("<eos>") + 1
    plt.figure(figsize=(5, 4))
    plt.imshow(attn[0, :n].numpy(), cmap="magma")
    plt.xticks(range(src.size(1)), tokenize(mine[0]) + ["<eos>"], rotation=45)
    plt.yticks(range(n), out[:n])
    plt.title("additive attention")
    plt.colorbar()
    plt.show()
    """
)


def strong_cells(numbers: str) -> Cells:
    """Additive attention, a learning-rate trial, own wording throughout."""
    return [
        md(
            """
            # 한→영 번역기 만들기 (GRU seq2seq + additive attention)

            강의에서 배운 Bahdanau식(additive) attention을 직접 구현해 보고, attention을 끈 모델과 비교했습니다.
            """
        ),
        IMPORTS,
        LOAD,
        md(
            """
            ## 데이터 나누기와 토큰화

            test 문장은 `kor_test.txt`에 따로 있어서, `kor.txt`만 섞어서 90%는 학습, 10%는 검증에 썼습니다.
            검증 세트로 학습률과 attention 여부를 고르고, test는 마지막 한 번만 봅니다.

            토큰은 띄어쓰기 단위로 잘랐습니다. 한국어 조사가 붙은 어절("사과를")을 통째로 한 단어로 보면 사전이 100개 정도로
            작고, 이 데이터에는 처음 보는 어절이 거의 없어서 형태소 분석기 없이도 충분하다고 판단했기 때문입니다.
            사전은 학습 문장으로만 만들어 검증/테스트 정보가 새지 않게 했습니다.
            """
        ),
        SPLIT,
        VOCAB,
        md(
            """
            ## 모델: 왜 additive attention인가

            한국어는 동사가 맨 끝에 오고 영어는 두 번째에 오기 때문에, 디코더가 첫 단어 몇 개를 낼 때 이미 문장 끝을 봐야 합니다.
            attention 없이는 인코더 마지막 상태에 이 정보가 모두 들어 있어야 해서 어렵습니다. dot-product 대신 additive 점수를
            고른 이유는, 디코더 상태와 인코더 출력을 각각 선형 변환한 뒤 비교하므로 두 벡터 공간이 달라도 점수를 배울 수 있기
            때문입니다. 문장이 짧아서(10토큰 이하) 점수 계산이 조금 무거워도 CPU에서 충분히 빠릅니다.
            """
        ),
        STRONG_MODEL,
        md(
            """
            ## 하이퍼파라미터를 고른 이유

            - learning rate는 3e-3과 1e-3을 비교했습니다. epoch을 7번만 돌리기 때문에 학습률이 큰 쪽이 더 빨리 수렴할 것이라고
              예상했고, 너무 크면 불안정해지는지도 보고 싶었기 때문입니다.
            - 은닉 크기 64, 임베딩 48: 사전이 100개 정도로 작아서 크게 잡을 필요가 없고, 작을수록 CPU에서 빨리 돌기 때문입니다.
            - batch 64: 학습 문장 2,700개를 epoch당 40여 번 업데이트하게 되어, 7 epoch이면 충분히 수렴할 것이라 보았기 때문입니다.
            - 기울기 클리핑 1.0은 GRU의 기울기 폭주를 막기 위해 넣었습니다.
            - 학습은 teacher forcing(정답 앞 단어를 디코더에 넣기)으로, 평가는 greedy decoding(모델이 낸 단어를 다시 넣기)으로 했습니다.
            """
        ),
        TRAIN,
        STRONG_TRIALS,
        STRONG_CURVES,
        md(numbers),
        md("## test 평가와 기준선 비교"),
        STRONG_TEST,
        md("## 내가 만든 문장 번역과 attention 그림"),
        STRONG_OWN,
        md(
            """
            ## 회고

            - **배운 점**: additive attention을 직접 짜 보면서 score → softmax → 가중합 → 디코더 상태와 이어 붙이기의 흐름을
              코드로 이해했습니다. attention을 끄면 같은 크기의 모델인데도 BLEU가 크게 떨어지는 것을 확인했습니다.
            - **아쉬운 점**: 빔 서치 없이 greedy decoding만 했고, 시드 하나로만 실험해서 학습률 차이가 우연인지 확인하지 못했습니다.
            - **느낀 점**: heatmap이 거의 대각선이 아니라 어순이 뒤섞인 모양인 것이 신기했습니다. 번역은 단어를 짝짓는 일이라는 게 실감났습니다.
            - **어려웠던 점**: additive 점수를 (batch, 출력, 입력) 모양으로 한 번에 계산하려고 unsqueeze 위치를 맞추는 데 시간이 걸렸습니다.
            """
        ),
    ]


WEAK_TRAIN = code(
    r"""
    model = Seq2Seq(len(src_itos), len(tgt_itos), hidden=64, attention=False)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        for start in range(0, len(train_pairs), 64):
            src, tgt = batchify(train_pairs[start : start + 64])
            logits = model(src, tgt[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=PAD)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print("epoch", epoch, "loss", loss.item())
    outputs = translate(model, [ko for ko, _ in test_pairs])
    print(f"test BLEU: {corpus_bleu(outputs, [en for _, en in test_pairs]):.2f}")
    with open("translations.tsv", "w", encoding="utf-8") as f:
        f.writelines(f"{ko}\t{out}\n" for (ko, _), out in zip(test_pairs, outputs))
    """
)


def weak_cells() -> Cells:
    """No validation split, one short run of the no-attention model, no text."""
    return [
        md("# 번역"),
        IMPORTS,
        LOAD,
        code("train_pairs = pairs"),
        VOCAB,
        MODEL,
        TRAIN,
        WEAK_TRAIN,
    ]


BUG_TEST = code(
    r"""
    best_model = models["attention, hidden=128"]
    sources = [ko for ko, _ in train_pairs[:300]]
    references = [en for _, en in train_pairs[:300]]
    outputs = translate(best_model, sources)
    print(f"test BLEU: {corpus_bleu(outputs, references):.2f}")
    print(f"no attention test BLEU: {corpus_bleu(translate(models['no attention, hidden=128'], sources), references):.2f}")
    with open("translations.tsv", "w", encoding="utf-8") as f:
        for s, o in zip(sources, outputs):
            f.write(f"{s}\t{o}\n")
    """
)


def train_as_test_cells(numbers: str) -> Cells:
    """A careful-looking notebook whose 'test' cell translates the first 300 training pairs."""
    return [
        md(
            """
            # seq2seq 번역 (attention 비교)

            GRU 인코더-디코더로 한국어를 영어로 번역하고, attention을 넣으면 얼마나 좋아지는지 확인합니다.
            """
        ),
        IMPORTS,
        LOAD,
        md(
            """
            ### 데이터 분할과 토큰화
            학습 데이터의 10%를 검증용으로 빼서 설정을 비교하는 데 쓰고, 나머지로 학습했습니다. 토큰은 띄어쓰기 단위로
            나눴는데, 데이터의 어절 종류가 적어서 단어 사전이 작게 유지되기 때문입니다.
            """
        ),
        SPLIT,
        VOCAB,
        md(
            """
            ### 모델
            attention이 없는 seq2seq는 인코더 마지막 hidden state만 디코더에 넘기기 때문에 입력 정보가 한 벡터에 압축됩니다.
            한국어와 영어는 어순이 달라서, 디코더가 매 시점 입력 전체를 다시 볼 수 있도록 dot-product attention을 넣었습니다.
            """
        ),
        MODEL,
        md(
            """
            ### 학습
            teacher forcing으로 학습하고 learning rate는 3e-3으로 했습니다. 6 epoch만 돌리기 때문에 기본값보다 크게 잡아야 수렴한다고
            생각했습니다. 은닉 크기는 32와 128을 비교했습니다.
            """
        ),
        TRAIN,
        TRIALS,
        CURVES,
        md(numbers),
        md("### 테스트 평가"),
        BUG_TEST,
        md("test BLEU가 99 가까이 나와서 attention 모델이 거의 완벽하게 번역한다는 것을 확인했습니다."),
        OWN,
        HEATMAP,
        md(
            """
            ## 회고
            - 배운 점: attention이 있으면 작은 모델로도 번역이 훨씬 잘 되는 것을 배웠습니다.
            - 아쉬운 점: 문장이 너무 단순해서 실제 번역과는 거리가 있었습니다.
            - 느낀 점: heatmap으로 모델이 어디를 보는지 보니 재미있었습니다.
            - 어려웠던 점: 패딩 마스크를 attention에 넣는 부분이 헷갈렸습니다.
            """
        ),
    ]


NUMBERS_FALLBACK = "### 실험 결과 기록\n\n(첫 실행 뒤에 씁니다)"


def _numbers(name: str) -> str:
    """The results table written by hand after the first build (the notebook's own numbers)."""
    table = REPO / "examples" / name
    return table.read_text(encoding="utf-8").strip() if table.is_file() else NUMBERS_FALLBACK


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "strong", "weak", "train-as-test"}
    numbers, strong_numbers = _numbers("translation_numbers.md"), _numbers("translation_strong_numbers.md")
    with tempfile.TemporaryDirectory(prefix="grader-kor-eng-") as data:
        subprocess.run([str(COURSE_PYTHON), str(PACK / "prepare.py"), "--out", data], check=True)
        os.environ["GRADER_DATA"] = data
        if "starter" in wanted:
            build("starter", STARTER, PACK / "starter.ipynb", run=False)
        if "reference" in wanted:
            build("reference", reference_cells(numbers), REFERENCE / "solution.ipynb")
        if "strong" in wanted:
            build("strong", strong_cells(strong_numbers), SUBMISSIONS / "strong" / "translator.ipynb")
        if "weak" in wanted:
            build("weak", weak_cells(), SUBMISSIONS / "weak" / "seq2seq.ipynb")
        if "train-as-test" in wanted:
            build("train-as-test", train_as_test_cells(numbers), SUBMISSIONS / "train-as-test" / "translation.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
