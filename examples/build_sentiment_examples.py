"""Build the sentiment-korean (Keras) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (the notebooks execute in the
course kernel, which has tensorflow):

    .venv/bin/python examples/build_sentiment_examples.py            # everything
    .venv/bin/python examples/build_sentiment_examples.py reference  # only some

Data: the pack's ``prepare.py`` writes NSMC-format stand-ins into a temporary folder first and
the kernels find it through ``GRADER_DATA`` (the same variable the grader sets). Seeds are
fixed; each notebook trains in well under a minute on 2 CPU cores. The result tables in the
markdown are written from the executed outputs, so they always agree with them. The answer
keys (``examples/keys/sentiment-korean/*.yaml``) are written by hand.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from build_examples import code, make_notebook, md, write
from build_regression_examples import COURSE_PYTHON, execute

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "sentiment-korean"
REFERENCE = REPO / "reference_solutions" / "sentiment-korean"
SUBMISSIONS = REPO / "examples" / "submissions" / "sentiment-korean"
RESULTS_MARK = "<!-- results -->"

Cells = list[tuple[str, str]]

IMPORTS = code(
    """
    import os
    from pathlib import Path

    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import tensorflow as tf
    from tensorflow.keras import layers, models
    from tensorflow.keras.preprocessing.text import Tokenizer
    from tensorflow.keras.preprocessing.sequence import pad_sequences
    from sklearn.model_selection import train_test_split

    SEED = 42
    tf.keras.utils.set_random_seed(SEED)
    DATA_DIR = Path(os.environ.get("GRADER_DATA", "data"))
    print("tensorflow", tf.__version__)
    """
)

LOAD = code(
    """
    train_df = pd.read_csv(DATA_DIR / "nsmc" / "ratings_train.txt", sep="\\t")
    test_df = pd.read_csv(DATA_DIR / "nsmc" / "ratings_test.txt", sep="\\t")
    print("train:", train_df.shape, "test:", test_df.shape)
    print("빈 리뷰:", int(train_df["document"].isna().sum()), "개")
    train_df = train_df.dropna(subset=["document"]).reset_index(drop=True)
    print("train 긍정 비율:", round(train_df["label"].mean(), 3))
    train_df.head()
    """
)

STARTER: Cells = [
    md(
        """
        # 네이버 영화 리뷰 감성 분류 (Keras LSTM/GRU)

        NSMC 형식의 영화 리뷰(`ratings_train.txt`, `ratings_test.txt`)로 리뷰가 긍정인지 부정인지 맞히는 순환 신경망을 만듭니다.
        각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md("## 1. 데이터 불러오기\n데이터 폴더는 환경 변수 `GRADER_DATA`(없으면 `data/`)입니다. 빈 리뷰가 있으니 확인하고 처리하세요."),
    IMPORTS,
    LOAD,
    md("## 2. 전처리\n리뷰를 토큰으로 나누고 정수 시퀀스로 바꾼 뒤 길이를 맞추세요. 어떤 전처리를 왜 했는지 설명해 보세요."),
    code("# TODO: train을 train / validation으로 나누고, Tokenizer와 pad_sequences로 시퀀스를 만드세요."),
    md("## 3. 기준선\n단어 빈도만 쓰는 간단한 모델(예: TF-IDF + 로지스틱 회귀)로 기준 정확도를 구하세요."),
    code("# TODO: 기준선 모델의 정확도를 구하세요."),
    md("## 4. 모델 설계\nEmbedding + LSTM(또는 GRU) 모델을 설계하고, 왜 이 구조를 선택했는지 설명해 보세요."),
    code("# TODO: 모델을 만드세요."),
    md("## 5. 학습과 하이퍼파라미터 실험\n설정을 두 가지 이상 바꿔 가며 학습하고, 결과를 표로 기록하세요."),
    code("# TODO: 여러 설정으로 학습하세요."),
    md("## 6. 실험 결과 시각화\n실험들의 검증 정확도 곡선을 한 그래프에 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md("## 7. 테스트 평가와 예측\n가장 좋은 모델의 test 정확도를 기준선과 비교하고, 직접 쓴 리뷰 문장의 긍정/부정을 예측해 보세요."),
    code("# TODO: test 정확도를 출력하고 predict_sentiment(text) 함수를 만들어 보세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]

SPLIT = code(
    """
    train_texts, val_texts, y_train, y_val = train_test_split(
        train_df["document"].tolist(),
        train_df["label"].values,
        test_size=0.2,
        random_state=SEED,
        stratify=train_df["label"].values,
    )
    test_texts, y_test = test_df["document"].tolist(), test_df["label"].values

    VOCAB_SIZE = 2000
    MAX_LEN = 24
    tokenizer = Tokenizer(num_words=VOCAB_SIZE, oov_token="<OOV>")
    tokenizer.fit_on_texts(train_texts)  # 사전은 train 문장으로만 만든다

    def encode(texts):
        return pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_LEN, padding="pre")

    X_train, X_val, X_test = encode(train_texts), encode(val_texts), encode(test_texts)
    lengths = [len(s.split()) for s in train_texts]
    print("단어 사전 크기:", len(tokenizer.word_index), "/ 가장 긴 리뷰:", max(lengths), "단어")
    print("X_train", X_train.shape, "X_val", X_val.shape, "X_test", X_test.shape)
    print(train_texts[0], "->", X_train[0][-8:])
    """
)

BASELINE = code(
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score

    tfidf = TfidfVectorizer(token_pattern=r"\\S+")
    baseline = LogisticRegression(max_iter=1000)
    baseline.fit(tfidf.fit_transform(train_texts), y_train)
    baseline_val_acc = accuracy_score(y_val, baseline.predict(tfidf.transform(val_texts)))
    baseline_test_acc = accuracy_score(y_test, baseline.predict(tfidf.transform(test_texts)))
    print(f"기준선 val accuracy: {baseline_val_acc:.4f}")
    print(f"기준선 test accuracy: {baseline_test_acc:.4f}")
    """
)

MODEL = code(
    '''
    def build_model(cell="LSTM", units=32, embedding_dim=32, learning_rate=1e-3):
        """단어 번호 -> Embedding -> LSTM/GRU(마지막 상태) -> 긍정 확률."""
        rnn = layers.LSTM if cell == "LSTM" else layers.GRU
        model = models.Sequential([
            layers.Input(shape=(MAX_LEN,)),
            layers.Embedding(VOCAB_SIZE, embedding_dim),
            rnn(units),
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(
            optimizer=tf.keras.optimizers.Adam(learning_rate),
            loss="binary_crossentropy",
            metrics=["accuracy"],
        )
        return model

    build_model().summary()
    '''
)

TRIALS = code(
    """
    configs = [
        {"name": "LSTM lr=0.001", "cell": "LSTM", "learning_rate": 1e-3, "epochs": 10},
        {"name": "LSTM lr=0.005", "cell": "LSTM", "learning_rate": 5e-3, "epochs": 12},
        {"name": "GRU lr=0.005", "cell": "GRU", "learning_rate": 5e-3, "epochs": 12},
    ]
    histories, trained, rows = {}, {}, []
    for config in configs:
        tf.keras.utils.set_random_seed(SEED)
        model = build_model(config["cell"], learning_rate=config["learning_rate"])
        print(f"=== {config['name']}")
        history = model.fit(
            X_train, y_train,
            validation_data=(X_val, y_val),
            epochs=config["epochs"], batch_size=64, verbose=2,
        )
        val_acc = history.history["val_accuracy"]
        best_epoch = int(np.argmax(val_acc)) + 1
        histories[config["name"]], trained[config["name"]] = history.history, model
        rows.append({
            "설정": config["name"],
            "best val_accuracy": round(max(val_acc), 4),
            "best epoch": best_epoch,
            "마지막 train accuracy": round(history.history["accuracy"][-1], 4),
        })
    results_df = pd.DataFrame(rows)
    print(results_df.to_string(index=False))
    """
)

CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, history in histories.items():
        ax.plot(range(1, len(history["val_accuracy"]) + 1), history["val_accuracy"], marker="o", label=name)
    ax.axhline(baseline_val_acc, color="gray", linestyle="--", label="baseline (TF-IDF + LR)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("val_accuracy")
    ax.set_title("validation accuracy per setting")
    ax.legend()
    plt.show()
    """
)

TEST = code(
    """
    best_name = results_df.sort_values("best val_accuracy", ascending=False).iloc[0]["설정"]
    best_model = trained[best_name]
    test_loss, test_acc = best_model.evaluate(X_test, y_test, verbose=0)
    print(f"선택한 설정: {best_name}")
    print(f"test accuracy: {test_acc:.4f} (기준선 {baseline_test_acc:.4f})")
    """
)

ERRORS = code(
    """
    from sklearn.metrics import confusion_matrix

    test_pred = (best_model.predict(X_test, verbose=0)[:, 0] >= 0.5).astype(int)
    print("혼동 행렬 (행: 정답 부정/긍정, 열: 예측 부정/긍정)")
    print(confusion_matrix(y_test, test_pred))
    wrong = np.where(test_pred != y_test)[0]
    print(f"틀린 리뷰 {len(wrong)}개 중 5개:")
    for i in wrong[:5]:
        print(f"  정답 {y_test[i]} / 예측 {test_pred[i]}: {test_texts[i]}")
    """
)

PREDICT = code(
    '''
    def predict_sentiment(text):
        """리뷰 한 문장 -> ("긍정" 또는 "부정", 긍정 확률)."""
        prob = float(best_model.predict(encode([text]), verbose=0)[0, 0])
        return ("긍정" if prob >= 0.5 else "부정"), round(prob, 3)

    my_reviews = [
        "배우들 연기가 정말 좋았다",
        "기대 안 하고 봤는데 하나도 안 지루했다",
        "초반은 재밌었다 그런데 결말이 최악이었다",
        "영상미가 신선했다 하지만 스토리가 안 재밌었다",
        "음악이 별로였다 ㅠㅠ",
    ]
    for review in my_reviews:
        label, prob = predict_sentiment(review)
        print(f"{label} ({prob:.3f})  {review}")
    '''
)


def reference_cells() -> Cells:
    return [
        md(
            """
            # 네이버 영화 리뷰 감성 분류 (Keras LSTM/GRU) — 참고 답안

            NSMC 형식의 리뷰로 긍정/부정을 맞히는 Embedding + LSTM/GRU 모델을 만들고, 단어 빈도만 보는 기준선(TF-IDF + 로지스틱 회귀)과 비교합니다.
            """
        ),
        md(
            """
            ## 1. 데이터 불러오기
            NSMC는 `id`, `document`, `label` 세 열의 탭 구분 파일입니다. 실제 NSMC처럼 내용이 빈 리뷰가 섞여 있어서,
            그대로 Tokenizer에 넣으면 NaN(실수) 때문에 오류가 나므로 `dropna`로 먼저 지웁니다. test 파일은 마지막 평가에만 씁니다.
            """
        ),
        IMPORTS,
        LOAD,
        md(
            """
            ## 2. 전처리
            - 토큰은 **공백 단위**로 나누기로 했습니다. 과정 커널에 한국어 형태소 분석기가 없고, 어절 단위로도 `안`, `별로` 같은 부정어가 따로 한 토큰이 되어 순서를 보는 LSTM이 부정을 배울 수 있기 때문입니다.
            - 사전은 **train 문장으로만** 만들었습니다. test 문장까지 넣으면 test에만 나오는 단어가 사전에 들어가 평가가 조금이라도 새어 나가기 때문입니다.
            - `MAX_LEN=24`로 정했습니다. 가장 긴 리뷰도 20단어를 넘지 않아(아래 출력) 잘리는 리뷰가 없기 때문입니다. `padding="pre"`를 고른 것은 LSTM의 마지막 상태가 실제 마지막 단어 바로 뒤에 나오게 하기 위해서입니다.
            - validation은 train의 20%를 `stratify`로 떼어 냈습니다. 긍정 비율을 train과 같게 맞춰야 검증 정확도를 믿을 수 있기 때문입니다.
            """
        ),
        SPLIT,
        md(
            """
            ## 3. 기준선: TF-IDF + 로지스틱 회귀
            단어가 나왔는지만 보고 순서는 보지 않는 모델입니다. "안 지루했다"와 "지루했다"가 같은 단어를 쓰므로 이 기준선이 못 푸는 리뷰를
            LSTM이 얼마나 맞히는지가 순환 신경망을 쓰는 이유가 됩니다.
            """
        ),
        BASELINE,
        md(
            """
            ## 4. 모델 설계
            - 임베딩은 `Embedding(2000, 32)`로 정했습니다. 어휘가 100개 남짓이라 32차원이면 단어마다 충분히 다른 벡터를 줄 수 있기 때문입니다.
            - `LSTM(32)` 또는 `GRU(32)`의 마지막 상태 하나로 분류하는 many-to-one 구조를 선택했습니다. "초반은 지루했다 그런데 결말이 최고였다"처럼 **뒤에 나온 말이 전체 평가를 정하는** 리뷰가 많아서, 문장을 순서대로 읽는 RNN이 필요하기 때문입니다.
            - 출력층은 sigmoid 하나와 binary cross-entropy로 했습니다. 긍정/부정 두 클래스라 확률 하나면 되기 때문입니다.
            """
        ),
        MODEL,
        md(
            """
            ## 5. 하이퍼파라미터 실험
            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | LSTM lr=0.001, 10 epoch | 기준 | Adam의 기본 학습률 |
            | LSTM lr=0.005, 12 epoch | 학습률 ↑ | 데이터가 2,400개뿐이라 epoch당 업데이트가 38번밖에 안 됩니다. 학습률을 키우면 같은 시간에 더 멀리 갈 수 있는지 확인합니다 |
            | GRU lr=0.005, 12 epoch | 셀 종류 | 게이트가 하나 적은 GRU가 이 짧은 문장에서 LSTM만큼 되는지 확인합니다 |

            `batch_size=64`는 작은 데이터에서 기울기 잡음과 속도의 균형을 위해 골랐고, 매 설정마다 같은 시드로 시작해 공정하게 비교합니다.
            """
        ),
        TRIALS,
        CURVES,
        md(RESULTS_MARK),
        md("## 6. test 평가\n\n검증 정확도가 가장 높은 설정을 골라 test 데이터로 **한 번만** 평가하고 기준선과 비교합니다."),
        TEST,
        ERRORS,
        md(
            """
            혼동 행렬을 보면 틀린 리뷰가 긍정·부정 양쪽에 비슷하게 나뉩니다. 틀린 리뷰를 읽어 보면 문장 자체는 분명한데 정답이 반대로 달린 경우가 많습니다.
            데이터에 일부러 섞인 라벨 잡음(약 5%)이라, 정확도 95% 근처가 이 데이터에서 기대할 수 있는 상한에 가깝습니다.
            """
        ),
        md("## 7. 직접 쓴 리뷰 예측\n\n부정어(안, 별로)와 역접(그런데, 하지만)이 들어간 문장을 직접 써서 모델이 순서를 읽는지 확인합니다."),
        PREDICT,
        md(
            """
            ## 회고
            ### 배운 점
            - 같은 단어를 써도 순서에 따라 뜻이 바뀌는 문장("안 지루했다", "처음엔 좋았다 그런데 ...")은 단어 빈도 모델이 풀 수 없고, LSTM은 풀 수 있다는 것을 기준선과 나란히 놓고 확인했습니다.
            - 사전을 train으로만 만들어야 하는 이유를 test 누수 관점에서 이해했습니다.
            ### 아쉬운 점
            - 공백 단위 토큰이라 "재밌었다"와 "재밌다"가 다른 단어가 됩니다. 형태소 분석기나 문자 단위 토큰을 쓰면 처음 보는 활용형에도 강해졌을 것입니다.
            - 가장 좋은 epoch의 가중치를 저장하지 않고 마지막 epoch 모델로 평가했습니다. ModelCheckpoint를 쓰면 더 깔끔했을 것입니다.
            ### 느낀 점
            - 학습률 하나로 같은 LSTM이 기준선 수준에 머물기도 하고 훨씬 넘기도 해서, 결과를 표와 그래프로 남겨 두는 일이 중요하다고 느꼈습니다.
            ### 어려웠던 점
            - lr=0.001에서는 몇 epoch 동안 검증 정확도가 거의 오르지 않아 모델이 잘못된 줄 알았습니다. 학습 곡선을 끝까지 보고 나서야 학습이 느린 것임을 알았습니다.
            """
        ),
    ]


def strong_cells() -> Cells:
    """A student's own take: LSTM vs GRU at two embedding sizes, EarlyStopping, error analysis."""
    trials = code(
        """
        from tensorflow.keras.callbacks import EarlyStopping

        experiments = [
            ("GRU emb=16", "GRU", 16),
            ("GRU emb=64", "GRU", 64),
            ("LSTM emb=64", "LSTM", 64),
        ]
        histories, trained, rows = {}, {}, []
        for name, cell, embedding_dim in experiments:
            tf.keras.utils.set_random_seed(SEED)
            model = build_model(cell, embedding_dim=embedding_dim, learning_rate=5e-3)
            stop = EarlyStopping(monitor="val_accuracy", patience=3, start_from_epoch=8,
                                 restore_best_weights=True)
            print(f"=== {name}")
            history = model.fit(X_train, y_train, validation_data=(X_val, y_val),
                                epochs=20, batch_size=64, callbacks=[stop], verbose=2)
            histories[name], trained[name] = history.history, model
            val_acc = history.history["val_accuracy"]
            rows.append({"설정": name, "best val_accuracy": round(max(val_acc), 4),
                         "best epoch": int(np.argmax(val_acc)) + 1, "학습한 epoch": len(val_acc)})
        results_df = pd.DataFrame(rows)
        print(results_df.to_string(index=False))
        """
    )
    cells = reference_cells()
    replaced = {TRIALS: trials}
    out = [replaced.get(c, c) for c in cells]
    out[0] = md(
        """
        # 영화 리뷰 감성 분류 — GRU와 LSTM 비교

        NSMC 형식 리뷰로 긍정/부정 분류기를 만듭니다. 학습률은 미리 해 본 작은 실험에서 0.005가 잘 돼서 고정하고,
        이번에는 셀 종류(GRU/LSTM)와 임베딩 크기를 바꿔 봤습니다.
        """
    )
    index = out.index(next(c for c in out if c[1].startswith("## 5. 하이퍼파라미터 실험")))
    out[index] = md(
        """
        ## 5. 실험: 셀 종류와 임베딩 크기
        | 설정 | 바꾼 것 | 왜 |
        | --- | --- | --- |
        | GRU emb=16 | 작은 임베딩 | 단어가 100개 남짓이라 16차원으로도 충분한지 보려고 |
        | GRU emb=64 | 큰 임베딩 | 차원을 키우면 부정어와 역접어를 더 잘 구분하는지 보려고 |
        | LSTM emb=64 | 셀 종류 | 같은 크기에서 LSTM이 GRU보다 나은지 보려고 |

        학습률 0.005와 batch 64는 고정했습니다. 미리 해 본 실험에서 lr=0.001은 10 epoch 안에 기준선 수준을 벗어나지 못했기 때문입니다.
        epoch은 최대 20으로 두고 `EarlyStopping(patience=3)`을 사용했습니다. 몇 epoch이 좋을지 설정마다 미리 알 수 없기 때문에 검증 정확도가 정하게 한 것입니다.
        `start_from_epoch=8`도 넣었습니다. 처음에 없이 돌렸더니 검증 정확도가 0.7 근처에서 평평하게 머무는 동안 4 epoch 만에 멈춰 버렸기 때문입니다.
        """
    )
    out[-1] = md(
        """
        ## 회고
        ### 배운 점
        - "안"이 붙으면 뜻이 뒤집히는 리뷰를 TF-IDF 기준선은 거의 못 맞히는데 GRU는 맞힌다는 걸 직접 예측해 보면서 확인했습니다. 순서를 읽는다는 게 이런 뜻이구나 싶었습니다.
        - EarlyStopping의 `restore_best_weights=True`를 쓰면 가장 좋았던 epoch의 모델로 돌아가서 평가할 수 있다는 것을 배웠습니다.
        ### 아쉬운 점
        - 학습률은 따로 실험하지 않고 고정했습니다. 표에 학습률 실험도 같이 넣었으면 더 설득력이 있었을 것 같습니다.
        - 틀린 리뷰 중 라벨이 이상한 것들을 빼고 다시 평가해 보지는 못했습니다.
        ### 느낀 점
        - 기준선을 먼저 만들어 두니 LSTM/GRU 결과가 좋은 건지 아닌지 바로 판단할 수 있어서 좋았습니다.
        ### 어려웠던 점
        - 처음에 빈 리뷰(NaN) 때문에 `fit_on_texts`에서 오류가 났는데, 원인을 찾는 데 시간이 걸렸습니다. 데이터를 먼저 살펴보는 습관이 필요하다고 느꼈습니다.
        """
    )
    return out


def weak_cells() -> Cells:
    """One LSTM at the default learning rate for a few epochs, test only, no baseline."""
    return [
        md("# 영화 리뷰 감성 분석"),
        IMPORTS,
        LOAD,
        code(
            """
            tokenizer = Tokenizer(num_words=2000, oov_token="<OOV>")
            tokenizer.fit_on_texts(train_df["document"])
            X_train = pad_sequences(tokenizer.texts_to_sequences(train_df["document"]), maxlen=24)
            X_test = pad_sequences(tokenizer.texts_to_sequences(test_df["document"]), maxlen=24)
            y_train, y_test = train_df["label"].values, test_df["label"].values
            """
        ),
        code(
            """
            model = models.Sequential([
                layers.Input(shape=(24,)),
                layers.Embedding(2000, 16),
                layers.LSTM(16),
                layers.Dense(1, activation="sigmoid"),
            ])
            model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
            model.fit(X_train, y_train, epochs=4, batch_size=64, verbose=2)
            """
        ),
        code(
            """
            loss, acc = model.evaluate(X_test, y_test, verbose=0)
            print("test accuracy:", round(acc, 4))
            """
        ),
    ]


def train_eval_cells() -> Cells:
    """The silent bug: the final "test" evaluation runs on the training arrays.

    Everything else is careful (validation split, baseline on validation, three runs, a
    figure, a results table), and the printed number looks plausible (a little above the
    validation accuracy), so only reading the call shows that no test score exists.
    """
    baseline = code(
        """
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score

        tfidf = TfidfVectorizer(token_pattern=r"\\S+")
        baseline = LogisticRegression(max_iter=1000)
        baseline.fit(tfidf.fit_transform(train_texts), y_train)
        baseline_val_acc = accuracy_score(y_val, baseline.predict(tfidf.transform(val_texts)))
        print(f"기준선 val accuracy: {baseline_val_acc:.4f}")
        """
    )
    test = code(
        """
        best_name = results_df.sort_values("best val_accuracy", ascending=False).iloc[0]["설정"]
        best_model = trained[best_name]
        test_loss, test_acc = best_model.evaluate(X_train, y_train, verbose=0)
        print(f"선택한 설정: {best_name}")
        print(f"test accuracy: {test_acc:.4f} (기준선 val {baseline_val_acc:.4f})")
        """
    )
    cells = reference_cells()
    keep = [c for c in cells if c not in (ERRORS, PREDICT) and not c[1].startswith("## 7.")]
    keep = [c for c in keep if not c[1].startswith("혼동 행렬을 보면")]
    out = [{BASELINE: baseline, TEST: test}.get(c, c) for c in keep]
    out[0] = md("# NSMC 감성 분류 (LSTM/GRU)\n\nEmbedding + LSTM/GRU로 리뷰의 긍정/부정을 분류하고 단어 빈도 기준선과 비교합니다.")
    out[-1] = md(
        """
        ## 회고
        ### 배운 점
        - 학습률에 따라 같은 LSTM의 결과가 크게 달라지는 것을 봤습니다.
        ### 아쉬운 점
        - 직접 쓴 문장으로 예측해 보는 부분까지는 시간이 모자라서 하지 못했습니다.
        ### 느낀 점
        - test 정확도가 검증 정확도보다 높게 나와서 모델이 잘 일반화된 것 같아 뿌듯했습니다.
        ### 어려웠던 점
        - 빈 리뷰 때문에 Tokenizer에서 오류가 나서 dropna를 찾아 해결했습니다.
        """
    )
    return out


# --------------------------------------------------------------------------------------------
# results text, written from the executed outputs


_ROW = re.compile(r"^\s*(LSTM|GRU)(.*?)\s+(0\.\d+|1\.0+)\s+(\d+)(?:\s+\S+)?\s*$")


def _stdout(nb: nbformat.NotebookNode, marker: str) -> str:
    cell = next(c for c in nb.cells if c.cell_type == "code" and marker in c.source)
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def results_text(nb: nbformat.NotebookNode) -> str:
    """The results table and its reading, from the trials cell's printed table."""
    rows = [m.groups() for line in _stdout(nb, "results_df = pd.DataFrame").splitlines() if (m := _ROW.match(line))]
    baseline = re.search(r"기준선 val accuracy: (0\.\d+)", _stdout(nb, "baseline.fit"))
    best = max(rows, key=lambda r: float(r[2]))
    worst = min(rows, key=lambda r: float(r[2]))
    table = ["| 설정 | 가장 좋은 val_accuracy | 그때 epoch |", "| --- | --- | --- |"]
    table += [f"| {cell}{rest} | {acc} | {epoch} |" for cell, rest, acc, epoch in rows]
    base = baseline.group(1) if baseline else "-"
    lines = [
        "### 실험 결과 기록과 해석",
        "",
        *table,
        "",
        f"- 기준선(TF-IDF + 로지스틱 회귀)의 val accuracy는 {base}입니다.",
        f"- 가장 좋은 설정은 **{best[0]}{best[1]}**로 val_accuracy {best[2]}({best[3]} epoch)입니다. 곡선을 보면 처음 몇 epoch은 0.7 근처에 머물다가 "
        "갑자기 뛰어오르는데, 이때 모델이 부정어와 역접 뒤의 말을 읽기 시작한 것으로 보입니다.",
        _worst_text(worst, float(best[2]) - float(worst[2])),
    ]
    return "\n".join(lines)


def _worst_text(worst: tuple[str, ...], gap: float) -> str:
    name = f"**{worst[0]}{worst[1]}**"
    if gap < 0.02:
        return (
            f"- 가장 낮은 {name}(val_accuracy {worst[2]})와의 차이도 {gap:.4f}밖에 안 됩니다. 학습률을 0.005로 두면 셀 종류나 "
            "임베딩 크기는 이 짧은 리뷰에서 거의 차이를 만들지 않고, 남은 오차는 라벨 잡음 쪽으로 보입니다."
        )
    return (
        f"- 가장 낮은 설정은 {name}(val_accuracy {worst[2]})입니다. 기준선과 크게 다르지 않아서, 이 설정으로는 아직 "
        "단어 빈도 이상의 것을 배우지 못했다고 봅니다. 주어진 epoch 안에 학습이 충분히 진행되지 않은 것입니다."
    )


def build(cells: Cells, path: Path, data: Path | None) -> None:
    """Execute (with the fake data) unless ``data`` is None, fill the results text, write."""
    nb = make_notebook(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    if data is not None:
        os.environ["GRADER_DATA"] = str(data)  # the kernel inherits it
        execute(nb, path.parent)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.source == RESULTS_MARK:
                cell.source = results_text(nb)
    write(nb, path)
    print("wrote", path)


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "strong", "weak", "train-eval"}
    with tempfile.TemporaryDirectory(prefix="grader-nsmc-") as tmp:
        subprocess.run([str(COURSE_PYTHON), str(PACK / "prepare.py"), "--out", tmp], check=True)
        data = Path(tmp)
        if "starter" in wanted:
            build(STARTER, PACK / "starter.ipynb", None)
        if "reference" in wanted:
            build(reference_cells(), REFERENCE / "solution.ipynb", data)
        if "strong" in wanted:
            build(strong_cells(), SUBMISSIONS / "strong.ipynb", data)
        if "weak" in wanted:
            build(weak_cells(), SUBMISSIONS / "weak.ipynb", data)
        if "train-eval" in wanted:
            build(train_eval_cells(), SUBMISSIONS / "train-eval.ipynb", data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
