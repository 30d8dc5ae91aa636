"""Build the cnn-digits course material and example submissions as executed notebooks.

Run from the repository root with the project's virtualenv:

    .venv/bin/python examples/build_examples.py            # everything
    .venv/bin/python examples/build_examples.py strong weak  # only some, by name

Every notebook is defined here as a list of cells (Python strings), written with nbformat and
executed with nbclient (kernel ``python3`` of the interpreter running this script, cwd = the
notebook's folder, timeout 300 s per cell), so the stored outputs are genuine: Keras progress
logs, printed metrics, matplotlib PNGs and DataFrame HTML.

Exceptions on purpose:
  * ``starter`` (course text) and ``never-run`` are written without being executed;
  * ``broken`` stops at its first error, as "Run All" in Jupyter does: the failing cell keeps its
    traceback and the cells after it have no outputs and no execution count.

Data comes only from scikit-learn's bundled ``load_digits()`` (no network). Seeds are fixed.
The answer keys (``examples/keys/cnn-digits/*.yaml``) are written by hand, not by this script.
"""

from __future__ import annotations

import sys
import textwrap
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "cnn-digits"
REFERENCE = REPO / "reference_solutions" / "cnn-digits"
SUBMISSIONS = REPO / "examples" / "submissions" / "cnn-digits"

CELL_TIMEOUT_S = 300


def md(text: str) -> tuple[str, str]:
    return ("markdown", textwrap.dedent(text).strip("\n"))


def code(text: str) -> tuple[str, str]:
    return ("code", textwrap.dedent(text).strip("\n"))


# --------------------------------------------------------------------------------------------
# Course material: the starter notebook (course text; copying it earns no explanation credit)
# --------------------------------------------------------------------------------------------

STARTER_TITLE = md(
    """
    # 손글씨 숫자 분류 CNN (scikit-learn digits)

    이번 퀘스트에서는 scikit-learn에 내장된 8x8 손글씨 숫자 데이터로 CNN 분류기를 만듭니다.
    각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
    """
)
STARTER_DATA = md(
    """
    ## 1. 데이터 불러오기와 전처리
    데이터를 불러와 모양과 값의 범위를 확인하고, CNN에 넣을 수 있도록 전처리하세요.
    어떤 전처리를 왜 했는지 설명해 보세요.
    """
)
STARTER_IMPORTS = code(
    """
    import numpy as np
    import matplotlib.pyplot as plt
    import tensorflow as tf
    from tensorflow import keras
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    """
)
STARTER_LOAD = code(
    """
    digits = load_digits()
    X, y = digits.images, digits.target
    print(X.shape, y.shape)
    """
)
STARTER_SPLIT = md(
    """
    ### 데이터 분할
    데이터를 train / validation / test로 나누세요. test 데이터는 마지막 평가에만 사용합니다.
    """
)
STARTER_MODEL = md(
    """
    ## 2. 모델 설계
    모델 구조를 설계하고, 왜 이 구조를 선택했는지 설명해 보세요.
    """
)
STARTER_TRAIN = md(
    """
    ## 3. 학습과 하이퍼파라미터 실험
    하이퍼파라미터(learning rate, dropout rate, 유닛 수, batch size, epoch 등)를 바꿔 가며 여러 번 학습하고,
    각 값을 고른 이유를 적어 보세요. 모든 실험 결과를 기록하세요.
    """
)
STARTER_VIS = md(
    """
    ## 4. 실험 결과 시각화
    각 실험의 학습 곡선을 그려 비교해 보세요.
    """
)
STARTER_EVAL = md(
    """
    ## 5. 테스트 평가와 오류 분석
    가장 좋은 모델로 test 데이터를 평가하고, 혼동 행렬이나 잘못 분류된 예시로 오류를 분석하세요.
    """
)
STARTER_RETRO = md(
    """
    ## 회고
    배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요.
    """
)

STARTER = [
    STARTER_TITLE,
    STARTER_DATA,
    STARTER_IMPORTS,
    STARTER_LOAD,
    code("# TODO: 픽셀 값을 스케일링하고 (8, 8, 1) 형태로 바꾸세요."),
    STARTER_SPLIT,
    code("# TODO: train_test_split으로 데이터를 나누세요."),
    STARTER_MODEL,
    code("# TODO: Keras로 CNN 모델을 만드세요."),
    STARTER_TRAIN,
    code("# TODO: 모델을 학습하세요."),
    STARTER_VIS,
    code("# TODO: 학습 곡선을 그리세요."),
    STARTER_EVAL,
    code("# TODO: test 데이터로 평가하고 혼동 행렬을 그리세요."),
    STARTER_RETRO,
]

# --------------------------------------------------------------------------------------------
# Reference solution: deserves every item (app items n/a)
# --------------------------------------------------------------------------------------------

REFERENCE_NB = [
    md(
        """
        # 손글씨 숫자 분류 CNN — 참고 답안

        scikit-learn의 `load_digits()` 데이터(8x8 흑백 이미지 1,797장)로 작은 CNN을 학습합니다.
        train / validation / test로 나누고, learning rate와 dropout rate를 바꾼 네 가지 설정을 같은 조건에서
        비교한 뒤, 검증 성능이 가장 좋은 모델만 test 데이터로 한 번 평가합니다.
        마지막으로 혼동 행렬과 오분류 사례로 모델이 무엇을 헷갈리는지 살펴봅니다.
        """
    ),
    code(
        """
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow의 INFO 로그 숨기기

        import numpy as np
        import pandas as pd
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from tensorflow import keras
        from tensorflow.keras import layers
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import confusion_matrix, classification_report

        SEED = 42
        keras.utils.set_random_seed(SEED)  # python, numpy, tensorflow 시드를 한 번에 고정
        print("tensorflow", tf.__version__, "/ keras", keras.__version__)
        """
    ),
    md(
        """
        ## 1. 데이터 살펴보기

        먼저 데이터의 모양, 값의 범위, 클래스 분포를 확인합니다. 클래스가 고르게 분포되어 있으면
        정확도(accuracy)만으로도 성능을 판단하기에 무리가 없습니다.
        """
    ),
    code(
        """
        digits = load_digits()
        X, y = digits.images, digits.target
        print("이미지:", X.shape, X.dtype, "| 픽셀 값 범위:", X.min(), "~", X.max())
        print("레이블:", y.shape, "| 클래스별 개수:", np.bincount(y))

        fig, axes = plt.subplots(2, 10, figsize=(12, 3))
        for i, ax in enumerate(axes.ravel()):
            ax.imshow(X[i], cmap="gray_r")
            ax.set_title(str(y[i]))
            ax.axis("off")
        plt.suptitle("digits: first 20 samples")
        plt.tight_layout()
        plt.show()
        """
    ),
    md(
        """
        클래스마다 약 180장씩 고르게 들어 있고, 픽셀 값은 0~16 사이의 정수입니다.
        이미지가 8x8로 매우 작아서 숫자의 획이 몇 픽셀에 불과하다는 점이 모델 설계에 중요합니다.

        ## 2. 전처리

        - **스케일링 (`/ 16.0`)**: 픽셀 값의 최댓값이 16이므로 16으로 나눠 0~1 범위로 맞춥니다.
          입력의 크기가 작고 일정해야 가중치 초기값과 Adam의 기본 learning rate가 의도한 대로 동작하고,
          학습 초반에 손실이 튀지 않습니다. 최솟값이 이미 0이라 min-max 스케일링과 결과가 같습니다.
        - **형태 변환 (`(8, 8)` → `(8, 8, 1)`)**: `Conv2D`는 (높이, 너비, 채널) 입력을 기대하므로 흑백 채널 축을 하나 추가합니다.
          `digits.data`(64차원으로 펼친 벡터)를 쓰지 않은 이유는 CNN이 픽셀의 2차원 이웃 관계를 이용해야 하기 때문입니다.
        - **레이블**: 0~9 정수를 그대로 두고 `sparse_categorical_crossentropy`를 씁니다. 원-핫 인코딩과 수학적으로 같은 손실이지만,
          레이블 배열을 따로 변환할 필요가 없고 `confusion_matrix`에도 정수 레이블을 바로 넣을 수 있습니다.
        """
    ),
    code(
        """
        X_scaled = (X / 16.0).astype("float32")   # 0~16 -> 0~1
        X_scaled = X_scaled[..., np.newaxis]        # (N, 8, 8) -> (N, 8, 8, 1)
        print(X_scaled.shape, X_scaled.dtype, X_scaled.min(), X_scaled.max())
        """
    ),
    md(
        """
        ### 데이터 분할

        `train_test_split`을 두 번 써서 train 64% / validation 16% / test 20%로 나눕니다.

        - test(20%)를 가장 먼저 떼어 두고, 하이퍼파라미터를 고르는 동안에는 전혀 보지 않습니다.
          test로 설정을 고르면 test 정확도가 낙관적으로 부풀려지기 때문입니다.
        - 나머지의 20%를 validation으로 써서 설정 비교와 EarlyStopping의 기준으로 삼습니다.
        - 데이터가 1,797장으로 작아서 무작위로 나누면 클래스 비율이 흔들릴 수 있으므로 `stratify`로 비율을 유지합니다.
        """
    ),
    code(
        """
        X_trainval, X_test, y_trainval, y_test = train_test_split(
            X_scaled, y, test_size=0.2, stratify=y, random_state=SEED
        )
        X_train, X_val, y_train, y_val = train_test_split(
            X_trainval, y_trainval, test_size=0.2, stratify=y_trainval, random_state=SEED
        )
        for name, labels in [("train", y_train), ("validation", y_val), ("test", y_test)]:
            print(f"{name:>10}: {len(labels):4d}장, 클래스별 {np.bincount(labels)}")
        """
    ),
    md(
        """
        ## 3. 모델 설계

        **왜 CNN인가**: 숫자를 구분하는 단서는 획의 방향, 곡선, 끝점처럼 몇 픽셀 안에 모인 국소 패턴입니다.
        3x3 합성곱은 이런 국소 패턴을 위치에 상관없이 같은 필터로 찾기 때문에(가중치 공유), 64개 픽셀을 모두 독립적으로 보는
        MLP보다 적은 파라미터로 위치가 조금 어긋난 숫자에도 강합니다.

        **왜 이렇게 작은 구조인가**:
        - 입력이 8x8뿐이라 풀링을 여러 번 하면 공간 정보가 사라집니다. `padding="same"`인 3x3 합성곱 두 층으로 특징을 뽑고,
          `MaxPooling2D`는 한 번만(8x8 → 4x4) 씁니다.
        - 학습 데이터가 약 1,150장이라 큰 모델은 쉽게 외워 버립니다. 필터 32개, Dense 64개로 작게 두고,
          Flatten 뒤에 `Dropout`을 넣어 과적합을 줄입니다.
        - 출력은 10개 클래스의 확률이 필요하므로 `softmax` 10유닛입니다.

        설정을 바꿔 가며 같은 구조를 여러 번 만들 수 있도록 모델 생성을 함수로 묶었습니다.
        """
    ),
    code(
        """
        def build_model(learning_rate=1e-3, dropout_rate=0.3, filters=32):
            \"\"\"8x8 digits용 작은 CNN을 만들고 컴파일한다.

            learning_rate: Adam의 학습률, dropout_rate: Flatten 뒤 Dropout 비율,
            filters: 각 합성곱 층의 필터 수.
            \"\"\"
            model = keras.Sequential(
                [
                    keras.Input(shape=(8, 8, 1)),
                    layers.Conv2D(filters, 3, padding="same", activation="relu"),
                    layers.Conv2D(filters, 3, padding="same", activation="relu"),
                    layers.MaxPooling2D(2),  # 8x8 -> 4x4, 입력이 작아서 한 번만 줄인다
                    layers.Flatten(),
                    layers.Dropout(dropout_rate),
                    layers.Dense(64, activation="relu"),
                    layers.Dense(10, activation="softmax"),
                ]
            )
            model.compile(
                optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                loss="sparse_categorical_crossentropy",
                metrics=["accuracy"],
            )
            return model


        build_model().summary()
        """
    ),
    md(
        """
        ## 4. 하이퍼파라미터 실험

        작은 데이터에서 결과를 가장 크게 좌우하는 것은 learning rate와 규제의 세기라고 보고, 이 두 가지를 바꿔 봅니다.

        | 설정 | 바꾼 것 | 이유 |
        | --- | --- | --- |
        | lr=1e-2, dropout=0.3 | learning rate ↑ | 빨리 수렴하는지, 아니면 손실이 튀며 불안정한지 확인 |
        | lr=1e-3, dropout=0.3 | 기준 | Adam의 기본값. 대부분의 작은 CNN에서 안정적으로 수렴 |
        | lr=1e-4, dropout=0.3 | learning rate ↓ | 15 epoch 안에 충분히 학습되는지 확인 |
        | lr=1e-3, dropout=0.0 | Dropout 제거 | Dropout이 검증 성능과 과적합에 주는 효과 확인 |

        나머지는 고정합니다.
        - `batch_size=32`: train 약 1,150장이면 epoch당 36번 업데이트되어, 적은 epoch으로도 충분히 학습되고 기울기 잡음이 적당합니다.
        - `epochs=15` + `EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)`: 검증 손실이 3 epoch 동안 좋아지지 않으면
          멈추고 가장 좋았던 가중치로 되돌립니다. 과적합을 막는 동시에 설정마다 epoch 수를 따로 고르지 않아도 됩니다.
        - 설정마다 시드를 다시 고정해 같은 초기값에서 출발하게 하여, 차이가 하이퍼파라미터에서만 오도록 했습니다.
        """
    ),
    code(
        """
        configs = [
            {"name": "lr=1e-2, dropout=0.3", "learning_rate": 1e-2, "dropout_rate": 0.3},
            {"name": "lr=1e-3, dropout=0.3", "learning_rate": 1e-3, "dropout_rate": 0.3},
            {"name": "lr=1e-4, dropout=0.3", "learning_rate": 1e-4, "dropout_rate": 0.3},
            {"name": "lr=1e-3, dropout=0.0", "learning_rate": 1e-3, "dropout_rate": 0.0},
        ]
        EPOCHS = 15
        BATCH_SIZE = 32

        histories, models, rows = {}, {}, []
        for cfg in configs:
            keras.utils.set_random_seed(SEED)  # 설정마다 같은 초기값에서 시작
            model = build_model(cfg["learning_rate"], cfg["dropout_rate"])
            early_stop = keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=3, restore_best_weights=True
            )
            print(f"===== {cfg['name']} =====")
            history = model.fit(
                X_train, y_train,
                validation_data=(X_val, y_val),
                epochs=EPOCHS,
                batch_size=BATCH_SIZE,
                callbacks=[early_stop],
                verbose=2,
            )
            val_loss, val_acc = model.evaluate(X_val, y_val, verbose=0)
            histories[cfg["name"]] = history.history
            models[cfg["name"]] = model
            rows.append(
                {
                    "config": cfg["name"],
                    "learning_rate": cfg["learning_rate"],
                    "dropout_rate": cfg["dropout_rate"],
                    "epochs_run": len(history.history["loss"]),
                    "train_accuracy": history.history["accuracy"][-1],
                    "val_loss": val_loss,
                    "val_accuracy": val_acc,
                }
            )
        """
    ),
    code(
        """
        # 모든 실험 결과 기록: 검증 정확도 순으로 정렬 (같으면 검증 손실이 낮은 쪽)
        results_df = (
            pd.DataFrame(rows)
            .sort_values(["val_accuracy", "val_loss"], ascending=[False, True])
            .reset_index(drop=True)
            .round(4)
        )
        results_df
        """
    ),
    code(
        """
        fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
        for name, hist in histories.items():
            epochs = range(1, len(hist["val_accuracy"]) + 1)
            axes[0].plot(epochs, hist["val_accuracy"], marker="o", label=name)
            axes[1].plot(epochs, hist["val_loss"], marker="o", label=name)
        axes[0].set_title("Validation accuracy by config")
        axes[0].set_xlabel("epoch")
        axes[0].set_ylabel("val_accuracy")
        axes[1].set_title("Validation loss by config")
        axes[1].set_xlabel("epoch")
        axes[1].set_ylabel("val_loss")
        for ax in axes:
            ax.grid(alpha=0.3)
            ax.legend()
        plt.tight_layout()
        plt.show()
        """
    ),
    md("RESULTS_ANALYSIS_PLACEHOLDER"),
    md(
        """
        ## 5. 최종 모델과 test 평가

        검증 정확도가 가장 높은 설정(표의 첫 줄)의 모델을 최종 모델로 고르고, 지금까지 한 번도 쓰지 않은 test 데이터로 딱 한 번 평가합니다.
        """
    ),
    code(
        """
        best_name = results_df.loc[0, "config"]
        best_model = models[best_name]
        print("최종 모델:", best_name)

        test_loss, test_acc = best_model.evaluate(X_test, y_test)
        print(f"테스트 손실: {test_loss:.4f}")
        print(f"테스트 정확도: {test_acc:.4f}")
        """
    ),
    md(
        """
        ## 6. 오류 분석

        정확도 하나로는 어떤 숫자를 틀리는지 알 수 없으므로, 혼동 행렬과 클래스별 정밀도/재현율, 잘못 분류된 이미지를 함께 봅니다.
        """
    ),
    code(
        """
        y_pred = best_model.predict(X_test, verbose=0).argmax(axis=1)
        cm = confusion_matrix(y_test, y_pred)

        fig, ax = plt.subplots(figsize=(6.5, 5.5))
        im = ax.imshow(cm, cmap="Blues")
        for i in range(10):
            for j in range(10):
                ax.text(j, i, cm[i, j], ha="center", va="center",
                        color="white" if cm[i, j] > cm.max() / 2 else "black")
        ax.set_xticks(range(10))
        ax.set_yticks(range(10))
        ax.set_xlabel("predicted label")
        ax.set_ylabel("true label")
        ax.set_title(f"Confusion matrix on test set (acc={test_acc:.3f})")
        fig.colorbar(im, ax=ax)
        plt.tight_layout()
        plt.show()

        print(classification_report(y_test, y_pred, digits=3))

        off_diag = cm.copy()
        np.fill_diagonal(off_diag, 0)
        pairs = sorted(
            ((off_diag[i, j], i, j) for i in range(10) for j in range(10) if off_diag[i, j] > 0),
            reverse=True,
        )
        print("가장 많이 헷갈린 (정답 -> 예측) 쌍:")
        for count, true_label, pred_label in pairs[:5]:
            print(f"  {true_label} -> {pred_label}: {count}개")
        """
    ),
    code(
        """
        wrong = np.where(y_pred != y_test)[0]
        print(f"잘못 분류된 test 샘플: {len(wrong)}개 / {len(y_test)}개")

        shown = wrong[:10]
        if len(shown) > 0:
            fig, axes = plt.subplots(1, len(shown), figsize=(1.6 * len(shown), 2.2), squeeze=False)
            for ax, idx in zip(axes[0], shown):
                ax.imshow(X_test[idx, :, :, 0], cmap="gray_r")
                ax.set_title(f"true {y_test[idx]}\\npred {y_pred[idx]}", fontsize=9)
                ax.axis("off")
            plt.tight_layout()
            plt.show()
        """
    ),
    md("ERROR_ANALYSIS_PLACEHOLDER"),
    md(
        """
        ## 회고

        ### 배운 점
        - 검증 데이터를 따로 두니 하이퍼파라미터를 고르는 근거가 분명해졌습니다. test는 마지막에 한 번만 쓰니 최종 정확도를 믿을 수 있었습니다.
        - 같은 구조라도 learning rate에 따라 결과가 크게 달라졌습니다. 특히 1e-4는 15 epoch 안에 충분히 수렴하지 못해, learning rate와 epoch 수를 함께 정해야 한다는 것을 배웠습니다.
        - 8x8처럼 작은 입력에서는 풀링을 여러 번 쌓으면 오히려 정보가 사라지므로, 입력 크기에 맞춰 구조를 줄여야 한다는 점도 배웠습니다.

        ### 아쉬운 점
        - 시간 관계상 설정마다 시드 하나로만 학습했습니다. validation이 약 290장이라 한두 장 차이로 순위가 바뀔 수 있으니, 여러 시드의 평균으로 비교했으면 더 믿을 만했을 것입니다.
        - 데이터 증강(작은 회전이나 이동)은 시도하지 못했습니다. 오분류된 이미지 중 획이 치우친 예가 있어서, 증강을 했다면 일부를 바로잡을 수 있었을 것 같습니다.

        ### 느낀 점
        - 실험을 표로 정리해 두니 어떤 설정이 왜 좋았는지 나중에 다시 설명하기가 훨씬 쉬웠습니다. 그래프 하나보다 표와 그래프를 함께 보는 것이 설득력이 있었습니다.
        - 정확도가 이미 높은 상태에서도 혼동 행렬을 보면 모델의 약점이 구체적으로 드러나서, 숫자 하나로 끝내지 않는 습관이 중요하다고 느꼈습니다.

        ### 어려웠던 점
        - Dropout을 없앤 설정과 있는 설정의 검증 정확도 차이가 작아서, 이 차이가 진짜 효과인지 우연인지 판단하기 어려웠습니다. 그래서 정확도뿐 아니라 검증 손실 곡선도 같이 보았습니다.
        - EarlyStopping을 쓰면 설정마다 학습한 epoch 수가 달라져서 곡선을 같은 축에서 비교하기가 까다로웠습니다. 표에 `epochs_run` 열을 넣어 이 차이를 함께 기록했습니다.
        """
    ),
]

# --------------------------------------------------------------------------------------------
# strong: good submission, different style (one trial per cell, one-hot labels, KPT retrospective)
# --------------------------------------------------------------------------------------------

STRONG = [
    md(
        """
        # [퀘스트] Digits CNN 분류기 만들기

        목표: test 정확도 95% 이상 + 과적합 줄이기 + 틀린 이미지 분석까지!
        """
    ),
    code(
        """
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

        import numpy as np
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from tensorflow import keras
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        tf.keras.utils.set_random_seed(7)
        """
    ),
    md("## 데이터 준비"),
    code(
        """
        digits = load_digits()
        print(digits.images.shape, digits.target.shape)
        print("픽셀 최댓값:", digits.images.max())

        plt.figure(figsize=(8, 2))
        for i in range(8):
            plt.subplot(1, 8, i + 1)
            plt.imshow(digits.images[i], cmap="gray")
            plt.title(digits.target[i])
            plt.axis("off")
        plt.show()
        """
    ),
    md(
        """
        픽셀 값이 0~16이라서 16으로 나눠 0~1로 바꿨다. 값이 크면 처음 몇 epoch 동안 loss가 크게 출렁여서 정규화하는 게 안전하다.
        Conv2D에 넣으려면 채널 차원이 필요해서 `reshape(-1, 8, 8, 1)`로 바꿨고,
        레이블은 `to_categorical`로 원-핫 인코딩해서 `categorical_crossentropy`를 쓰기로 했다. (softmax 출력 10개와 모양을 맞추기 위해)
        """
    ),
    code(
        """
        X = digits.images.reshape(-1, 8, 8, 1).astype("float32") / 16.0
        y = keras.utils.to_categorical(digits.target, 10)

        # test 15% 먼저 분리 -> 남은 것에서 validation 15% 분리
        x_tmp, x_test, y_tmp, y_test = train_test_split(X, y, test_size=0.15, random_state=7, stratify=digits.target)
        x_train, x_val, y_train, y_val = train_test_split(x_tmp, y_tmp, test_size=0.15, random_state=7, stratify=y_tmp.argmax(1))
        print("train", x_train.shape, "val", x_val.shape, "test", x_test.shape)
        """
    ),
    md(
        """
        ## 모델

        이미지가 8x8밖에 안 돼서 VGG 같은 깊은 모델은 의미가 없다고 생각했다. 합성곱 한두 층이면 획 모양 같은 지역적인 특징은 충분히 잡을 수 있고,
        풀링을 두 번 하면 2x2까지 줄어들어 정보가 거의 안 남기 때문에 풀링은 한 번만 했다.
        실험마다 Dropout 비율만 바꿔서 만들 수 있게 함수로 만들었다.
        """
    ),
    code(
        """
        def make_model(dropout=0.0, lr=0.001):
            model = keras.Sequential([
                keras.Input(shape=(8, 8, 1)),
                keras.layers.Conv2D(16, (3, 3), activation="relu", padding="same"),
                keras.layers.MaxPooling2D((2, 2)),
                keras.layers.Conv2D(32, (3, 3), activation="relu", padding="same"),
                keras.layers.Flatten(),
                keras.layers.Dropout(dropout),   # dropout=0이면 사실상 없는 것과 같음
                keras.layers.Dense(64, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer=keras.optimizers.Adam(lr), loss="categorical_crossentropy", metrics=["accuracy"])
            return model

        make_model().summary()
        """
    ),
    md(
        """
        ## 실험 1 — 베이스라인 (Dropout 없음, batch 32, lr 0.001)

        일단 규제 없이 돌려서 train/val 차이가 얼마나 나는지 본다. lr 0.001은 Adam 기본값이라 출발점으로 삼았다.
        """
    ),
    code(
        """
        tf.keras.utils.set_random_seed(7)
        model1 = make_model(dropout=0.0)
        hist1 = model1.fit(x_train, y_train, epochs=12, batch_size=32, validation_data=(x_val, y_val))
        print("실험1 최종 val_acc:", round(hist1.history["val_accuracy"][-1], 4))
        """
    ),
    md(
        """
        ## 실험 2 — Dropout 0.25 추가

        실험 1에서 train accuracy가 val보다 계속 높게 올라가서, Flatten 뒤에 Dropout 0.25를 넣었다.
        데이터가 작아서 0.5처럼 세게 걸면 오히려 학습이 덜 될 것 같아 중간 정도 값으로 골랐다.
        """
    ),
    code(
        """
        tf.keras.utils.set_random_seed(7)
        model2 = make_model(dropout=0.25)
        hist2 = model2.fit(x_train, y_train, epochs=12, batch_size=32, validation_data=(x_val, y_val))
        print("실험2 최종 val_acc:", round(hist2.history["val_accuracy"][-1], 4))
        """
    ),
    md(
        """
        ## 실험 3 — Dropout 0.25 + batch 64, lr 0.003

        배치를 키우면 업데이트 횟수가 줄어드니까 lr을 조금 올려서 보완해 봤다.
        """
    ),
    code(
        """
        tf.keras.utils.set_random_seed(7)
        model3 = make_model(dropout=0.25, lr=0.003)
        hist3 = model3.fit(x_train, y_train, epochs=12, batch_size=64, validation_data=(x_val, y_val))
        print("실험3 최종 val_acc:", round(hist3.history["val_accuracy"][-1], 4))
        """
    ),
    md("## 실험 비교"),
    code(
        """
        plt.figure(figsize=(12, 4))
        plt.subplot(1, 2, 1)
        for h, label in [(hist1, "exp1 no dropout"), (hist2, "exp2 dropout 0.25"), (hist3, "exp3 dropout 0.25, bs64, lr3e-3")]:
            plt.plot(h.history["val_accuracy"], label=label)
        plt.title("val accuracy")
        plt.xlabel("epoch")
        plt.legend()

        plt.subplot(1, 2, 2)
        for h, label in [(hist1, "exp1"), (hist2, "exp2"), (hist3, "exp3")]:
            plt.plot(h.history["loss"], "--", label=label + " train")
            plt.plot(h.history["val_loss"], label=label + " val")
        plt.title("loss (train dashed / val solid)")
        plt.xlabel("epoch")
        plt.legend(fontsize=8)
        plt.show()

        for i, h in enumerate([hist1, hist2, hist3], start=1):
            print(f"실험{i}: train_acc={h.history['accuracy'][-1]:.4f}, val_acc={h.history['val_accuracy'][-1]:.4f}, val_loss={h.history['val_loss'][-1]:.4f}")
        """
    ),
    md("STRONG_TABLE_PLACEHOLDER"),
    md("## 최종 평가 (test)"),
    code(
        """
        final_model = model2
        loss, acc = final_model.evaluate(x_test, y_test, verbose=0)
        print(f"test loss: {loss:.4f}")
        print(f"테스트 정확도: {acc * 100:.2f}%")
        """
    ),
    md("## 틀린 것들 살펴보기"),
    code(
        """
        pred = final_model.predict(x_test, verbose=0).argmax(axis=1)
        true = y_test.argmax(axis=1)
        wrong_idx = np.where(pred != true)[0]
        print("틀린 개수:", len(wrong_idx), "/", len(true))

        plt.figure(figsize=(2 * len(wrong_idx), 2.4))
        for k, i in enumerate(wrong_idx):
            plt.subplot(1, len(wrong_idx), k + 1)
            plt.imshow(x_test[i].reshape(8, 8), cmap="gray")
            plt.title(f"T:{true[i]} P:{pred[i]}")
            plt.axis("off")
        plt.show()
        for i in wrong_idx:
            print(f"정답 {true[i]} -> 예측 {pred[i]}")
        """
    ),
    md("STRONG_ERRORS_PLACEHOLDER"),
    md(
        """
        ## 회고 (KPT)

        ### Keep
        - 실험마다 한 가지씩만 바꾸고 시드를 다시 고정했다. 덕분에 결과 차이를 그 변경 탓이라고 말할 수 있었다.
        - test는 마지막에 한 번만 평가했다.

        ### Problem
        - 아쉬운 건 실험을 세 개밖에 못 한 것. 각 실험을 셀 하나씩 복붙해서 돌리다 보니 코드가 길어지고 설정을 더 늘리기 귀찮았다.
        - 가장 어려웠던 건 처음에 레이블을 원-핫으로 바꿔 놓고 `stratify=y`를 넣었다가 에러가 난 것. 원-핫 배열을 stratify에 넣으면 안 된다는 걸 알기까지 한참 걸렸다.
        - 혼동 행렬을 안 그려서 어떤 숫자가 전체적으로 약한지는 못 봤다.

        ### Try
        - 다음엔 설정을 리스트로 만들고 for문으로 돌려서 결과를 DataFrame에 자동으로 쌓아 보겠다.
        - EarlyStopping도 같이 써 보고 싶다.

        ### 느낀 점
        데이터가 작아도 CNN이 생각보다 훨씬 잘 돼서 놀랐다. 그런데 val 데이터가 250장 정도밖에 안 되니 한 장만 더 맞혀도 정확도가 0.4%씩 바뀌어서,
        작은 차이로 "이게 더 좋다"고 말하는 건 조심해야겠다는 생각이 들었다.
        """
    ),
]

# --------------------------------------------------------------------------------------------
# weak: only train/test, one run, no retrospective, minimal explanations, decent accuracy
# --------------------------------------------------------------------------------------------

WEAK = [
    md("# 숫자 분류"),
    code(
        """
        import numpy as np
        import tensorflow as tf
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        tf.keras.utils.set_random_seed(0)
        """
    ),
    code(
        """
        data = load_digits()
        x = data.images / 16.0
        x = x.reshape(-1, 8, 8, 1)
        y = data.target
        x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=0)
        print(x_train.shape, x_test.shape)
        """
    ),
    md("## 모델"),
    code(
        """
        # CNN 모델
        model = tf.keras.Sequential([
            tf.keras.Input(shape=(8, 8, 1)),
            tf.keras.layers.Conv2D(32, 3, activation='relu', padding='same'),
            tf.keras.layers.MaxPooling2D(),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(64, activation='relu'),
            tf.keras.layers.Dense(10, activation='softmax')
        ])
        model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
        model.summary()
        """
    ),
    md("## 학습"),
    code(
        """
        history = model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
        """
    ),
    code(
        """
        model.evaluate(x_test, y_test)
        """
    ),
]

# --------------------------------------------------------------------------------------------
# broken: flattened data into a Conv2D model -> ValueError in fit; later cells never ran
# --------------------------------------------------------------------------------------------

BROKEN = [
    md(
        """
        # Digits 분류 CNN

        sklearn digits 데이터로 CNN을 학습하고 learning rate를 바꿔 가며 비교합니다.
        """
    ),
    code(
        """
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import numpy as np
        import pandas as pd
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from tensorflow import keras
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import confusion_matrix

        keras.utils.set_random_seed(1)
        """
    ),
    md(
        """
        ## 데이터 전처리

        `digits.data`는 이미 64개로 펼쳐진 벡터라서 그대로 쓰고, 픽셀 최댓값이 16이므로 16으로 나눠 0~1로 맞췄다.
        (입력 스케일이 크면 학습이 불안정해지기 때문)
        """
    ),
    code(
        """
        digits = load_digits()
        X = digits.data / 16.0
        y = digits.target

        # train 60 / val 20 / test 20
        X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.4, random_state=1, stratify=y)
        X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=1, stratify=y_rest)
        print(X_train.shape, X_val.shape, X_test.shape)
        """
    ),
    md(
        """
        ## 모델 설계

        이미지 분류니까 CNN을 썼다. 8x8로 작은 이미지라서 Conv 층은 2개만 두고, 학습 데이터가 천 장 정도라 과적합이 걱정돼서 Dropout(0.3)을 넣었다.
        """
    ),
    code(
        """
        def build_cnn(lr):
            model = keras.Sequential([
                keras.Input(shape=(8, 8, 1)),
                keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
                keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
                keras.layers.MaxPooling2D(),
                keras.layers.Flatten(),
                keras.layers.Dropout(0.3),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer=keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            return model

        build_cnn(1e-3).summary()
        """
    ),
    md(
        """
        ## learning rate 실험

        learning rate가 너무 크면 발산하고 너무 작으면 느리니까 0.01, 0.001, 0.0001 세 개를 비교한다.
        epoch은 15, batch size는 데이터가 작아서 32로 했다.
        """
    ),
    code(
        """
        histories = {}
        for lr in [1e-2, 1e-3, 1e-4]:
            model = build_cnn(lr)
            h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=15, batch_size=32, verbose=2)
            histories[lr] = h.history
        """
    ),
    code(
        """
        for lr, hist in histories.items():
            plt.plot(hist["val_accuracy"], label=f"lr={lr}")
        plt.legend()
        plt.title("val accuracy")
        plt.show()
        """
    ),
    code(
        """
        results = pd.DataFrame({lr: {"val_acc": h["val_accuracy"][-1], "val_loss": h["val_loss"][-1]} for lr, h in histories.items()}).T
        results
        """
    ),
    md("## 테스트 평가"),
    code(
        """
        test_loss, test_acc = model.evaluate(X_test, y_test)
        print("테스트 정확도:", test_acc)
        cm = confusion_matrix(y_test, model.predict(X_test).argmax(1))
        plt.imshow(cm, cmap="Blues")
        plt.colorbar()
        plt.show()
        """
    ),
    md(
        """
        ## 회고

        ### 배운 점
        train / validation / test를 나누는 이유를 처음으로 제대로 이해했다. validation으로 learning rate를 고르고 test는 마지막에만 써야 한다.

        ### 아쉬운 점
        제출 직전에 에러가 나서 실험 결과를 끝까지 확인하지 못했다.

        ### 느낀 점

        ### 어려웠던 점
        Conv2D에 넣을 데이터 모양을 맞추는 것이 어려웠다. 에러 메시지가 길어서 어디가 문제인지 찾기 힘들었다.
        """
    ),
]

# --------------------------------------------------------------------------------------------
# team-alpha: two members' notebooks, team retrospective in README.md
# --------------------------------------------------------------------------------------------

TEAM_MINJI = [
    md(
        """
        # 팀 alpha — 김민지: CNN 필터 수 실험

        우리 팀은 같은 데이터를 두 모델로 풀어 보기로 했다. 나는 CNN을 맡았고, 준호 님은 MLP + Dropout을 맡았다.
        """
    ),
    code(
        """
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import numpy as np
        import pandas as pd
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import ConfusionMatrixDisplay

        tf.keras.utils.set_random_seed(2024)
        """
    ),
    md(
        """
        ### 전처리
        - 0~16 픽셀 → 16으로 나눠 0~1 (준호 님 노트북과 같은 방식으로 맞춰서 두 모델을 공정하게 비교하려고)
        - CNN 입력이라 (8, 8, 1)로 reshape
        - 분할은 팀에서 정한 대로 test 20%를 먼저 떼고, 남은 것의 20%를 validation으로 (random_state=2024로 팀원 모두 동일)
        """
    ),
    code(
        """
        digits = load_digits()
        X = (digits.images / 16.0).reshape(-1, 8, 8, 1).astype("float32")
        y = digits.target

        X_trval, X_test, y_trval, y_test = train_test_split(X, y, test_size=0.2, random_state=2024, stratify=y)
        X_tr, X_val, y_tr, y_val = train_test_split(X_trval, y_trval, test_size=0.2, random_state=2024, stratify=y_trval)
        print(len(X_tr), len(X_val), len(X_test))
        """
    ),
    md(
        """
        ### 모델
        Conv → BatchNorm → ReLU 블록 하나에 풀링 한 번. BatchNormalization을 넣은 이유는 층마다 입력 분포가 흔들리는 걸 줄여서
        작은 데이터에서도 빨리, 안정적으로 수렴하게 하려는 것이고 약간의 규제 효과도 기대했다.
        8x8 이미지라 블록을 더 쌓는 대신 필터 수(8 / 16 / 32)로 모델 용량을 바꿔 보면서 어느 정도 크기가 적당한지 찾는다.
        """
    ),
    code(
        """
        def cnn(filters):
            inputs = tf.keras.Input(shape=(8, 8, 1))
            x = tf.keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)(inputs)
            x = tf.keras.layers.BatchNormalization()(x)
            x = tf.keras.layers.ReLU()(x)
            x = tf.keras.layers.Conv2D(filters * 2, 3, padding="same", activation="relu")(x)
            x = tf.keras.layers.MaxPooling2D()(x)
            x = tf.keras.layers.Flatten()(x)
            x = tf.keras.layers.Dense(64, activation="relu")(x)
            outputs = tf.keras.layers.Dense(10, activation="softmax")(x)
            model = tf.keras.Model(inputs, outputs, name=f"cnn_f{filters}")
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            return model
        """
    ),
    code(
        """
        results = []
        hists = {}
        models = {}
        for f in [8, 16, 32]:
            tf.keras.utils.set_random_seed(2024)
            m = cnn(f)
            h = m.fit(X_tr, y_tr, validation_data=(X_val, y_val), epochs=10, batch_size=32, verbose=0)
            hists[f] = h.history
            results.append({"filters": f, "params": m.count_params(),
                            "train_acc": h.history["accuracy"][-1], "val_acc": h.history["val_accuracy"][-1],
                            "val_loss": h.history["val_loss"][-1]})
            print(f"filters={f:2d}  params={m.count_params():6d}  val_acc={h.history['val_accuracy'][-1]:.4f}")
            models[f] = m
        pd.DataFrame(results)
        """
    ),
    code(
        """
        fig, ax = plt.subplots(1, 2, figsize=(11, 4))
        for f, h in hists.items():
            ax[0].plot(h["val_accuracy"], label=f"filters={f}")
            ax[1].plot(h["val_loss"], label=f"filters={f}")
        ax[0].set_title("val_accuracy")
        ax[1].set_title("val_loss")
        ax[0].legend(); ax[1].legend()
        plt.show()
        """
    ),
    md("MINJI_CHOICE_PLACEHOLDER"),
    code(
        """
        best_f = max(results, key=lambda r: r["val_acc"])["filters"]
        best_cnn = models[best_f]
        test_loss, test_acc = best_cnn.evaluate(X_test, y_test, verbose=2)
        print(f"[CNN filters={best_f}] 테스트 정확도: {test_acc:.4f}")

        y_hat = best_cnn.predict(X_test, verbose=0).argmax(1)
        ConfusionMatrixDisplay.from_predictions(y_test, y_hat, cmap="Greens")
        plt.title(f"CNN (filters={best_f}) confusion matrix")
        plt.show()
        """
    ),
    md("MINJI_ERRORS_PLACEHOLDER"),
]

TEAM_JUNHO = [
    md(
        """
        # 팀 alpha — 박준호: MLP + Dropout 비교 모델

        CNN이 정말 필요한지 확인하려고 가장 단순한 비교 기준(baseline)으로 MLP를 만들었다.
        8x8이면 픽셀이 64개뿐이라 펼쳐서 Dense에 넣어도 충분히 학습될 수 있을 것 같았다.
        """
    ),
    code(
        """
        import numpy as np
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from tensorflow import keras
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import confusion_matrix

        keras.utils.set_random_seed(2024)
        """
    ),
    code(
        """
        digits = load_digits()
        X = digits.data.astype("float32") / 16.0   # MLP라서 펼쳐진 64차원 그대로 사용, 0~1로 스케일링
        y = digits.target
        # 민지 님과 같은 test 셋을 쓰려고 random_state, stratify 동일하게
        X_trval, X_test, y_trval, y_test = train_test_split(X, y, test_size=0.2, random_state=2024, stratify=y)
        # validation은 fit의 validation_split=0.2로 (train/val/test 비율은 민지 님과 같음)
        print(X_trval.shape, X_test.shape)
        """
    ),
    code(
        """
        def mlp(rate):
            # 은닉층 128 -> 64. 입력이 64개라 이보다 크게 할 필요는 없다고 봄
            return keras.Sequential([
                keras.Input(shape=(64,)),
                keras.layers.Dense(128, activation="relu"),
                keras.layers.Dropout(rate),
                keras.layers.Dense(64, activation="relu"),
                keras.layers.Dropout(rate),
                keras.layers.Dense(10, activation="softmax"),
            ])

        # Dropout 비율 0.2 vs 0.5 : MLP는 파라미터가 많아서(약 1.7만 개) 과적합이 CNN보다 심할 것 같아 규제 강도를 비교
        logs = {}
        for rate in [0.2, 0.5]:
            keras.utils.set_random_seed(2024)
            model = mlp(rate)
            model.compile(optimizer=keras.optimizers.Adam(0.001), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            print(f"--- dropout {rate} ---")
            logs[rate] = model.fit(X_trval, y_trval, validation_split=0.2, epochs=15, batch_size=32, verbose=2)
            if rate == 0.2:
                mlp_02 = model
        """
    ),
    code(
        """
        for rate, h in logs.items():
            plt.plot(h.history["accuracy"], "--", label=f"train (dropout {rate})")
            plt.plot(h.history["val_accuracy"], label=f"val (dropout {rate})")
        plt.xlabel("epoch"); plt.ylabel("accuracy"); plt.legend(); plt.title("MLP dropout 0.2 vs 0.5")
        plt.show()
        print("| dropout | train_acc | val_acc |")
        for rate, h in logs.items():
            print(f"| {rate} | {h.history['accuracy'][-1]:.4f} | {h.history['val_accuracy'][-1]:.4f} |")
        """
    ),
    md("JUNHO_CHOICE_PLACEHOLDER"),
    code(
        """
        loss, acc = mlp_02.evaluate(X_test, y_test, verbose=0)
        print("MLP(dropout 0.2) test accuracy:", round(acc, 4))

        pred = mlp_02.predict(X_test, verbose=0).argmax(1)
        wrong = np.where(pred != y_test)[0]
        print("오분류", len(wrong), "개")
        fig, axes = plt.subplots(1, min(8, len(wrong)), figsize=(12, 2))
        for ax, i in zip(np.atleast_1d(axes), wrong[:8]):
            ax.imshow(X_test[i].reshape(8, 8), cmap="gray_r")
            ax.set_title(f"{y_test[i]}->{pred[i]}")
            ax.axis("off")
        plt.show()
        print(confusion_matrix(y_test, pred))
        """
    ),
    md("JUNHO_ERRORS_PLACEHOLDER"),
]

TEAM_README = """# 팀 alpha — 손글씨 숫자 분류 (cnn-digits)

팀원: 김민지(CNN, `김민지_cnn.ipynb`), 박준호(MLP + Dropout 비교 모델, `박준호_mlp_dropout.ipynb`)

같은 분할(test 20%, random_state=2024, stratify)을 쓰고 각자 모델을 맡아 실험했습니다.
민지는 CNN의 필터 수(8/16/32)를, 준호는 MLP의 Dropout 비율(0.2/0.5)을 바꿔 가며 비교했고,
마지막에 두 모델의 test 정확도와 틀린 숫자를 같이 보았습니다.

## 팀 회고

### 배운 점
- 8x8처럼 작은 이미지에서는 MLP도 꽤 잘하지만, CNN이 더 적은 epoch에 더 높은 검증 정확도에 도달했다. 지역 패턴을 쓰는 구조의 장점을 숫자로 확인했다.
- BatchNormalization을 넣으면 첫 몇 epoch의 검증 손실이 훨씬 빨리 떨어진다는 걸 실험으로 봤다.
- 팀원끼리 분할 방법과 random_state를 먼저 맞춰 두지 않으면 두 모델의 결과를 비교할 수 없다는 것을 배웠다.

### 아쉬운 점
- 준호는 validation_split을, 민지는 train_test_split을 써서 validation 셋이 완전히 같지는 않았다. 처음부터 같은 배열을 공유했으면 더 깔끔한 비교가 됐을 것이다.
- 시드 하나로만 돌려서, 필터 16과 32의 차이가 우연인지 확신할 수 없다.

### 느낀 점
- 역할을 나누니 각자 실험에 집중할 수 있었지만, 결과를 합칠 때 표 형식이 달라서 다시 정리하는 데 시간이 들었다. 다음에는 결과 기록 형식부터 정하고 시작하고 싶다.
- 둘 다 95%를 넘겨서, 이 데이터에서는 모델보다 실험을 얼마나 꼼꼼히 비교하느냐가 더 중요하다고 느꼈다.

### 어려웠던 점
- MLP는 펼친 64차원, CNN은 (8, 8, 1)로 입력 모양이 달라서 같은 분할을 유지하면서 모양만 바꾸는 코드를 맞추는 게 헷갈렸다.
- 혼동 행렬에서 틀린 개수가 몇 개뿐이라, 어떤 숫자가 정말 약한지 일반화해서 말하기가 어려웠다.
"""

# --------------------------------------------------------------------------------------------
# copied-starter: runs fine, but its only explanations are the starter's markdown, verbatim
# --------------------------------------------------------------------------------------------

COPIED = [
    STARTER_TITLE,
    STARTER_DATA,
    STARTER_IMPORTS,
    STARTER_LOAD,
    code(
        """
        # TODO: 픽셀 값을 스케일링하고 (8, 8, 1) 형태로 바꾸세요.
        X = X / 16.0
        X = X.reshape(-1, 8, 8, 1)
        keras.utils.set_random_seed(3)
        """
    ),
    STARTER_SPLIT,
    code(
        """
        # TODO: train_test_split으로 데이터를 나누세요.
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)
        X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=3)
        """
    ),
    STARTER_MODEL,
    code(
        """
        # TODO: Keras로 CNN 모델을 만드세요.
        def get_model(lr):
            model = keras.Sequential([
                keras.Input(shape=(8, 8, 1)),
                keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
                keras.layers.MaxPooling2D(),
                keras.layers.Flatten(),
                keras.layers.Dropout(0.3),
                keras.layers.Dense(64, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy", metrics=["accuracy"])
            return model
        """
    ),
    STARTER_TRAIN,
    code(
        """
        # TODO: 모델을 학습하세요.
        hist = {}
        models = {}
        for lr in [0.01, 0.001, 0.0003]:
            models[lr] = get_model(lr)
            hist[lr] = models[lr].fit(X_train, y_train, epochs=12, validation_data=(X_val, y_val), verbose=2)
            print(lr, hist[lr].history["val_accuracy"][-1])
        """
    ),
    STARTER_VIS,
    code(
        """
        # TODO: 학습 곡선을 그리세요.
        for lr in hist:
            plt.plot(hist[lr].history["val_accuracy"], label=str(lr))
        plt.legend()
        plt.show()
        """
    ),
    STARTER_EVAL,
    code(
        """
        # TODO: test 데이터로 평가하고 혼동 행렬을 그리세요.
        from sklearn.metrics import confusion_matrix
        best = models[0.001]
        print(best.evaluate(X_test, y_test))
        cm = confusion_matrix(y_test, best.predict(X_test).argmax(axis=1))
        print(cm)
        plt.imshow(cm)
        plt.show()
        """
    ),
    STARTER_RETRO,
]

# --------------------------------------------------------------------------------------------
# claims-only: markdown claims three learning rates and a confusion matrix; code ran one lr
# --------------------------------------------------------------------------------------------

CLAIMS = [
    md(
        """
        # 손글씨 숫자 분류 프로젝트

        ### 데이터 & 전처리
        load_digits로 불러온 8x8 이미지를 0~1로 정규화(16으로 나눔)하고 CNN 입력 모양 (8, 8, 1)로 바꿨습니다.
        """
    ),
    code(
        """
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        import numpy as np
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from tensorflow import keras
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        keras.utils.set_random_seed(11)
        d = load_digits()
        X = (d.images / 16.).reshape(-1, 8, 8, 1)
        y = d.target
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=11, stratify=y)
        X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=11, stratify=y_train)
        print(X_train.shape, X_val.shape, X_test.shape)
        """
    ),
    md(
        """
        ### 모델
        작은 이미지라 Conv2D 두 층 + Dense로 간단하게 만들었습니다. 합성곱이 숫자의 획 같은 부분 패턴을 잡아 주기 때문에 픽셀을 그냥 펼치는 것보다 낫다고 판단했습니다.

        ### 하이퍼파라미터
        learning rate 0.1, 0.01, 0.001을 모두 시도해봤는데 0.1은 loss가 발산했고 0.01은 val accuracy가 출렁였고, 0.001이 가장 안정적이고 좋았습니다.
        그래서 최종 모델은 0.001로 학습했습니다. 과적합을 막으려고 EarlyStopping도 걸었습니다.
        """
    ),
    code(
        """
        model = keras.Sequential([
            keras.Input(shape=(8, 8, 1)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        es = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
        history = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=15, callbacks=[es])
        """
    ),
    code(
        """
        plt.plot(history.history["accuracy"], label="train")
        plt.plot(history.history["val_accuracy"], label="val")
        plt.legend()
        plt.show()
        """
    ),
    md(
        """
        ### 실험 결과 정리

        | learning rate | val accuracy |
        | --- | --- |
        | 0.1 | 0.10 |
        | 0.01 | 0.95 |
        | 0.001 | 0.98 |

        위 그래프로 세 learning rate를 비교해 보니 0.001이 가장 안정적이었습니다.
        """
    ),
    code(
        """
        test_loss, test_acc = model.evaluate(X_test, y_test, verbose=0)
        print("test accuracy =", test_acc)
        """
    ),
    md(
        """
        ### 오류 분석
        혼동 행렬을 보니 8과 1, 9와 3을 가장 많이 헷갈렸습니다. 획이 얇은 8은 1처럼 보이는 경우가 있는 것 같습니다.
        """
    ),
    md(
        """
        ### 회고
        배운 점: learning rate 하나로 학습이 되고 안 되고가 갈린다는 것을 배웠습니다. EarlyStopping의 restore_best_weights 옵션도 처음 써 봤습니다.

        아쉬운 점: 시간이 부족해서 Dropout이나 배치 크기는 바꿔 보지 못했습니다.

        느낀 점: 작은 데이터셋이라도 제대로 실험하려면 생각보다 시간이 많이 든다고 느꼈습니다.

        어려웠던 점: reshape할 때 채널 차원을 빼먹어서 Conv2D 입력 에러가 났고, 원인을 찾는 데 오래 걸렸습니다.
        """
    ),
]

# --------------------------------------------------------------------------------------------
# never-run: complete-looking code and text, but never executed (no outputs, counts null)
# --------------------------------------------------------------------------------------------

NEVER_RUN = [
    md(
        """
        # cnn-digits 퀘스트 제출

        ## 전처리
        픽셀(0~16)을 16으로 나눠 0~1로 스케일링했다. Adam의 기본 learning rate가 0~1 입력을 가정하고 맞춰져 있어서 그대로 쓰면 학습이 불안정할 수 있다.
        CNN 입력을 위해 (8, 8, 1)로 reshape했다.
        """
    ),
    code(
        """
        import numpy as np
        import pandas as pd
        import matplotlib.pyplot as plt
        import tensorflow as tf
        from tensorflow import keras
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import confusion_matrix

        keras.utils.set_random_seed(5)
        digits = load_digits()
        X = (digits.images / 16.0).reshape(-1, 8, 8, 1)
        y = digits.target
        X_tmp, X_test, y_tmp, y_test = train_test_split(X, y, test_size=0.2, random_state=5, stratify=y)
        X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp, test_size=0.2, random_state=5, stratify=y_tmp)
        """
    ),
    md(
        """
        ## 모델
        8x8 이미지의 지역적인 획 패턴을 잡기 위해 3x3 Conv2D를 쓰고, 크기가 작아서 풀링은 한 번만 한다.
        학습 데이터가 1,100장 정도라 과적합을 막기 위해 Dropout을 넣고, 비율을 0.1 / 0.3 / 0.5로 바꿔 가며 비교한다.
        """
    ),
    code(
        """
        def build(dropout):
            model = keras.Sequential([
                keras.Input(shape=(8, 8, 1)),
                keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
                keras.layers.MaxPooling2D(),
                keras.layers.Flatten(),
                keras.layers.Dropout(dropout),
                keras.layers.Dense(64, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
            return model

        histories, rows, models = {}, [], {}
        for rate in [0.1, 0.3, 0.5]:
            m = build(rate)
            h = m.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=12, batch_size=32, verbose=2)
            histories[rate], models[rate] = h.history, m
            rows.append({"dropout": rate, "val_acc": h.history["val_accuracy"][-1]})
        pd.DataFrame(rows)
        """
    ),
    code(
        """
        for rate, h in histories.items():
            plt.plot(h["val_accuracy"], label=f"dropout {rate}")
        plt.legend()
        plt.show()
        """
    ),
    code(
        """
        best = models[0.3]
        loss, acc = best.evaluate(X_test, y_test)
        print(f"테스트 정확도: {acc:.4f}")
        cm = confusion_matrix(y_test, best.predict(X_test).argmax(1))
        plt.imshow(cm, cmap="Blues")
        plt.show()
        """
    ),
    md(
        """
        ## 회고
        - 배운 점: 모델을 함수로 만들어 두면 하이퍼파라미터만 바꿔서 여러 번 실험하기 편하다는 것을 배웠다.
        - 아쉬운 점: 마감 직전에 코드를 정리하느라 노트북을 처음부터 다시 실행하지 못하고 제출했다.
        - 느낀 점: 코드를 다 써 놓아도 실행 결과가 없으면 실험을 했다고 말하기 어렵다는 걸 느꼈다.
        - 어려웠던 점: Dropout 비율이 결과에 어떤 영향을 주는지 미리 예상하기가 어려웠다.
        """
    ),
]

# --------------------------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------------------------


def make_notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source in cells:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source))
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path, *, stop_on_error: bool = False) -> None:
    """Run ``nb`` in place. ``stop_on_error``: keep the traceback and stop, like Jupyter's Run All."""
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        allow_errors=False,
        record_timing=True,
    )
    try:
        client.execute()
    except CellExecutionError:
        if not stop_on_error:
            raise


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def fill(cells: list[tuple[str, str]], placeholders: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for kind, source in cells:
        if source in placeholders:
            source = textwrap.dedent(placeholders[source]).strip("\n")
        out.append((kind, source))
    return out


# Written after reading the (seeded, reproducible) outputs of the first build: if a model or a
# seed changes, re-read the outputs and update these texts so the prose matches the numbers.
TEXTS: dict[str, str] = {
    "RESULTS_ANALYSIS_PLACEHOLDER": """
        ### 실험 결과 해석

        - **lr=1e-2, dropout=0.3**이 검증 정확도 0.9896, 검증 손실 0.0275로 가장 좋았습니다. 걱정했던 것과 달리 손실이 발산하지 않았고,
          첫 epoch부터 검증 손실이 가장 낮았습니다. 6 epoch 이후 검증 손실이 더 내려가지 않아 9 epoch에서 EarlyStopping이 멈추고 가장 좋은 가중치로 되돌렸습니다.
        - **lr=1e-3**은 Dropout 유무와 상관없이 검증 정확도가 0.9826으로 같았습니다. 하지만 Dropout이 없으면 train 정확도가 1.0000까지 올라가고
          검증 손실(0.0648)도 Dropout 0.3(0.0532)보다 높아서, 같은 정확도라도 과적합 쪽으로 기울어 있다는 것을 알 수 있습니다.
        - **lr=1e-4**는 15 epoch 동안 검증 정확도 0.9410에 그쳤습니다. 검증 손실 곡선이 끝까지 내려가는 중이라 학습이 덜 된 것이고, 이 학습률을 쓰려면 epoch을 크게 늘려야 합니다.
        - validation이 288장이라 0.9896과 0.9826의 차이는 2장입니다. 차이가 크지 않아서 정확도와 함께 검증 손실도 보았고, 둘 다 가장 좋은 lr=1e-2를 최종 설정으로 골랐습니다.
        """,
    "ERROR_ANALYSIS_PLACEHOLDER": """
        ### 오류 분석 정리

        - test 360장 중 3장만 틀렸고(정확도 0.9917), 틀린 쌍은 2→3, 8→1, 4→6이 각각 1개씩입니다. 특정 숫자에 오류가 몰리지 않아서,
          모델 구조의 약점이라기보다는 개별 이미지가 애매한 경우로 보입니다. 클래스별 재현율도 모두 0.97 이상입니다.
        - 오분류 이미지를 보면, 8→1은 두 고리가 뭉개져 가운데 세로획만 두껍게 남은 8이고, 4→6은 아래쪽이 닫혀 고리처럼 보이는 4,
          2→3은 윗부분이 오른쪽으로 크게 휘어 3의 윗부분과 비슷한 2입니다. 사람이 봐도 8x8 해상도에서는 헷갈릴 만한 예입니다.
        - 이런 오류는 획의 위치나 두께가 조금 다른 예를 더 보여 주면 줄일 수 있을 것 같아, 다음에는 작은 이동/회전 증강을 시도해 볼 만합니다.
        """,
    "STRONG_TABLE_PLACEHOLDER": """
        ### 실험 결과 정리

        | 실험 | 설정 | train_acc | val_acc | val_loss |
        | --- | --- | --- | --- | --- |
        | 1 | Dropout 없음, batch 32, lr 0.001 | 0.9884 | 0.9652 | 0.0799 |
        | 2 | Dropout 0.25, batch 32, lr 0.001 | 0.9869 | 0.9739 | 0.0658 |
        | 3 | Dropout 0.25, batch 64, lr 0.003 | 0.9938 | 0.9739 | 0.0577 |

        - Dropout을 넣으니(1 → 2) val_acc가 0.9652 → 0.9739로 올랐고 train과의 차이도 줄었다. 실험 1은 epoch 5 이후 val_acc가 오히려 떨어지는 구간이 있었다.
        - 실험 3은 마지막 val_acc는 2와 같지만, 그래프를 보면 epoch마다 0.965~0.995 사이로 출렁였고 train_acc와의 차이도 더 컸다.
        - 그래서 결과가 더 안정적인 **실험 2를 최종 모델**로 골랐다.
        """,
    "STRONG_ERRORS_PLACEHOLDER": """
        test 270장 중 7장을 틀렸다. 9가 두 번(→5, →3), 4가 두 번(→1, →0) 틀려서 이 둘이 제일 약한 것 같다.
        9는 위쪽 고리가 작게 찌그러져 있으면 5나 3의 윗부분처럼 보이고, 4→1은 가로획이 흐려서 세로획만 남은 경우였다.
        5→0은 아래 곡선이 거의 닫혀서 0처럼 보이는데, 솔직히 나도 헷갈린다. 8x8 해상도의 한계도 있는 것 같다.
        """,
    "MINJI_CHOICE_PLACEHOLDER": """
        - 필터 32가 val_acc 0.9861, val_loss 0.0863으로 둘 다 가장 좋았다. 파라미터는 8.5만 개로 필터 8(1.8만 개)의 4.6배지만 이 데이터에서는 학습 시간 차이가 거의 없었다.
        - 세 설정 모두 train_acc가 0.998 이상이라 약간 과적합이지만, BatchNorm 덕분인지 val_loss가 계속 내려가는 추세였다.
        - 필터 8과 16의 순서는 val_acc 기준으로 뒤바뀌었는데(0.9792 vs 0.9757) 한 장 차이라 의미 있는 차이로 보지 않았다.
        - 최종 모델은 val_acc가 가장 높은 설정을 코드로 골라서(= 필터 32) test를 한 번만 평가한다.
        """,
    "MINJI_ERRORS_PLACEHOLDER": """
        ### 오류 분석
        360장 중 8장 오분류 (test 정확도 0.9778). 8→1이 2개, 9→3이 2개로 가장 많았다.
        8→1은 두 고리가 세로로 눌려서 가운데 획만 남은 8이고, 9→3은 9의 오른쪽 곡선이 3의 곡선과 겹쳐 보이는 경우로 추정된다.
        준호 님 MLP의 혼동 행렬에서도 8→1이 2개 나와서, 이건 모델 문제라기보다 데이터 자체가 애매한 예인 것 같다.
        """,
    "JUNHO_CHOICE_PLACEHOLDER": """
        ### 결과
        - dropout 0.2: train 0.9661 / val 0.9618, dropout 0.5: train 0.9051 / val 0.9410.
        - 0.5는 train_acc가 val_acc보다도 낮다. Dropout은 학습 때만 작동하니까 train 정확도가 깎인 것인데, 15 epoch 안에서는 규제가 너무 세서 덜 학습된 것(과소적합)으로 본다.
        - 그래서 MLP 최종은 dropout 0.2로 정했다. 예상과 달리 MLP도 과적합이 심하지 않았고, 오히려 규제를 약하게 하는 쪽이 나았다.
        """,
    "JUNHO_ERRORS_PLACEHOLDER": """
        ### 오류 분석 (MLP)
        test 360장 중 14장 오분류, test 정확도 0.9611로 95%는 넘었지만 민지 님 CNN(0.9778)보다 8장 더 틀렸다.
        혼동 행렬에서 3→5 2개, 8→1 2개가 가장 많았다. 픽셀을 펼치면 "옆 픽셀과 이어진 획"이라는 정보가 사라져서 3과 5처럼 곡선 위치만 조금 다른 숫자를 더 헷갈리는 것 같다.
        이 결과로 팀 최종 모델은 CNN으로 정했다.
        """,
}

BUILDS: dict[str, tuple[list[tuple[str, str]], Path, str]] = {
    # name: (cells, path, mode)  mode: run | write | stop_on_error
    "starter": (STARTER, PACK / "starter.ipynb", "write"),
    "reference": (REFERENCE_NB, REFERENCE / "solution.ipynb", "run"),
    "strong": (STRONG, SUBMISSIONS / "strong.ipynb", "run"),
    "weak": (WEAK, SUBMISSIONS / "weak.ipynb", "run"),
    "broken": (BROKEN, SUBMISSIONS / "broken.ipynb", "stop_on_error"),
    "team-alpha/김민지_cnn": (TEAM_MINJI, SUBMISSIONS / "team-alpha" / "김민지_cnn.ipynb", "run"),
    "team-alpha/박준호_mlp_dropout": (TEAM_JUNHO, SUBMISSIONS / "team-alpha" / "박준호_mlp_dropout.ipynb", "run"),
    "copied-starter": (COPIED, SUBMISSIONS / "copied-starter.ipynb", "run"),
    "claims-only": (CLAIMS, SUBMISSIONS / "claims-only.ipynb", "run"),
    "never-run": (NEVER_RUN, SUBMISSIONS / "never-run.ipynb", "write"),
}


def main(argv: list[str]) -> int:
    wanted = set(argv) or set(BUILDS)
    unknown = wanted - set(BUILDS) - {"team-alpha"}
    if unknown:
        print("unknown:", ", ".join(sorted(unknown)), "| known:", ", ".join(BUILDS), file=sys.stderr)
        return 2
    if "team-alpha" in wanted:
        wanted |= {name for name in BUILDS if name.startswith("team-alpha/")}
    started = time.monotonic()
    for name, (cells, path, mode) in BUILDS.items():
        if name not in wanted:
            continue
        t0 = time.monotonic()
        nb = make_notebook(fill(cells, TEXTS))
        if mode != "write":
            execute(nb, path.parent, stop_on_error=(mode == "stop_on_error"))
        write(nb, path)
        print(f"{name:32s} {mode:14s} {time.monotonic() - t0:6.1f}s  -> {path.relative_to(REPO)}")
    if wanted & {name for name in BUILDS if name.startswith("team-alpha/")}:
        readme = SUBMISSIONS / "team-alpha" / "README.md"
        readme.write_text(TEAM_README, encoding="utf-8")
        print(f"{'team-alpha/README.md':32s} {'write':14s}         -> {readme.relative_to(REPO)}")
    print(f"total {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
