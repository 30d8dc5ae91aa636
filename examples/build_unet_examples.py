"""Build the unet-segmentation (TensorFlow/Keras) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (notebooks execute in the course
kernel, which has TensorFlow):

    .venv/bin/python examples/build_unet_examples.py            # everything
    .venv/bin/python examples/build_unet_examples.py reference  # only some

Data: the pack's ``prepare.py`` writes the ``shapes-seg`` stand-in (Oxford-IIIT Pet layout:
``images/``, ``annotations/trimaps/``, ``train.txt``, ``test.txt``) into a temporary folder and
the notebooks read it through ``GRADER_DATA``, as they do in the grader's sandbox. Each
notebook that evaluates saves ``pred_masks.npy`` beside itself (the test split in ``test.txt``
order), so every example is a folder. Seeds are fixed. Keys
(``examples/keys/unet-segmentation/``) are written by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from build_examples import code, md
from build_regression_examples import COURSE_PYTHON, build

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "unet-segmentation"
REFERENCE = REPO / "reference_solutions" / "unet-segmentation"
SUBMISSIONS = REPO / "examples" / "submissions" / "unet-segmentation"
NUMBERS = REPO / "examples" / "unet_numbers.md"
STRONG_NUMBERS = REPO / "examples" / "unet_strong_numbers.md"

Cells = list[tuple[str, str]]

IMPORTS = code(
    """
    import os
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow의 INFO 로그 숨기기
    from pathlib import Path

    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    from PIL import Image
    import tensorflow as tf
    from tensorflow import keras
    from tensorflow.keras import layers

    SEED = 42
    keras.utils.set_random_seed(SEED)
    DATA_DIR = Path(os.environ.get("GRADER_DATA", "data"))
    ROOT = DATA_DIR / "shapes-seg"
    print("tensorflow", tf.__version__, "| 데이터 폴더:", ROOT.name)
    """
)

STARTER: Cells = [
    md(
        """
        # U-Net으로 도형 분할하기 (TensorFlow / Keras)

        줄무늬와 잡음이 섞인 배경 위에 놓인 도형을 픽셀 단위로 찾아내는 U-Net을 만듭니다.
        데이터는 Oxford-IIIT Pet과 같은 폴더 구조(`images/`, `annotations/trimaps/`, `train.txt`, `test.txt`)입니다.
        각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md(
        "## 1. 데이터 불러오기와 전처리\n"
        "`train.txt`, `test.txt`의 순서대로 이미지와 trimap을 읽고, trimap(1 도형, 2 배경, 3 경계)을 "
        "이진 마스크로 바꾸세요. 어떤 전처리를 왜 했는지 설명해 보세요."
    ),
    code(
        """
        import os
        from pathlib import Path

        import numpy as np
        from PIL import Image
        import tensorflow as tf
        from tensorflow import keras

        DATA_DIR = Path(os.environ.get("GRADER_DATA", "data"))
        ROOT = DATA_DIR / "shapes-seg"
        train_stems = (ROOT / "train.txt").read_text().split()
        test_stems = (ROOT / "test.txt").read_text().split()
        print(len(train_stems), len(test_stems))
        """
    ),
    code("# TODO: 이미지와 마스크를 배열로 읽고, train을 train / validation으로 나누세요."),
    md("## 2. 기준선\n색 임계값이나 skip connection 없는 인코더-디코더로 기준선의 test IoU를 구하세요."),
    code("# TODO: 기준선을 만들고 IoU / Dice를 계산하세요."),
    md("## 3. U-Net 설계\n인코더, 디코더, skip connection으로 U-Net을 만들고, 왜 이 구조를 선택했는지 설명해 보세요."),
    code("# TODO: Keras로 U-Net을 만드세요."),
    md("## 4. 학습과 하이퍼파라미터 실험\n설정을 바꿔 가며 두 번 이상 학습하고, 모든 실험 결과를 기록하세요."),
    code("# TODO: 모델을 학습하세요."),
    md("## 5. 실험 결과 시각화\n각 실험의 검증 손실 곡선을 한 그래프에 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md(
        "## 6. 테스트 평가\n가장 좋은 모델로 test IoU와 Dice를 출력하고, 이미지 / 정답 마스크 / 예측 마스크를 "
        "나란히 보여 주세요. 예측 마스크는 `test.txt` 순서대로 `pred_masks.npy`로 저장합니다."
    ),
    code("# TODO: test 데이터로 평가하고 pred_masks.npy를 저장하세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]

LOAD = code(
    '''
    def load_split(list_name):
        """list_name에 적힌 순서대로 이미지(0~1), 이진 마스크(도형+경계 = 1), trimap을 읽는다."""
        stems = (ROOT / list_name).read_text().split()
        images = np.stack([np.asarray(Image.open(ROOT / "images" / f"{s}.png").convert("RGB")) for s in stems])
        trimaps = np.stack([np.asarray(Image.open(ROOT / "annotations" / "trimaps" / f"{s}.png")) for s in stems])
        masks = (trimaps != 2).astype("float32")[..., np.newaxis]  # 배경(2)만 0, 도형(1)과 경계(3)는 1
        return stems, images.astype("float32") / 255.0, masks, trimaps


    train_stems, X_trainval, Y_trainval, trimaps_trainval = load_split("train.txt")
    test_stems, X_test, Y_test, trimaps_test = load_split("test.txt")
    print("이미지:", X_trainval.shape, X_trainval.dtype, "| 마스크:", Y_trainval.shape)
    values, counts = np.unique(trimaps_trainval, return_counts=True)
    print("trimap 클래스별 픽셀 비율:", {int(v): round(float(c / counts.sum()), 3) for v, c in zip(values, counts)})
    print(f"도형(전경) 픽셀 비율: {Y_trainval.mean():.3f}")

    fig, axes = plt.subplots(2, 6, figsize=(12, 4.4))
    for i in range(6):
        axes[0, i].imshow(X_trainval[i])
        axes[0, i].set_title(train_stems[i], fontsize=8)
        axes[1, i].imshow(trimaps_trainval[i], cmap="viridis", vmin=1, vmax=3)
        axes[1, i].set_title("trimap", fontsize=8)
    for ax in axes.ravel():
        ax.axis("off")
    plt.tight_layout()
    plt.show()
    '''
)

SPLIT = code(
    """
    X_train, Y_train = X_trainval[:200], Y_trainval[:200]
    X_val, Y_val = X_trainval[200:], Y_trainval[200:]
    for name, part in [("train", Y_train), ("validation", Y_val), ("test", Y_test)]:
        print(f"{name:>10}: {len(part)}장, 전경 비율 {part.mean():.3f}")
    """
)

METRICS = code(
    '''
    def iou_score(true, pred):
        """전경(1)의 IoU: 모든 이미지의 교집합 합 / 합집합 합."""
        true, pred = true.astype(bool), pred.astype(bool)
        return (true & pred).sum() / max((true | pred).sum(), 1)


    def dice_score(true, pred):
        true, pred = true.astype(bool), pred.astype(bool)
        return 2 * (true & pred).sum() / max(true.sum() + pred.sum(), 1)


    def colour_threshold(images, threshold):
        """가장자리 픽셀의 중앙값을 배경색으로 보고, 그 색에서 threshold보다 먼 픽셀을 도형으로 본다."""
        edge = np.concatenate([images[:, 0], images[:, -1], images[:, :, 0], images[:, :, -1]], axis=1)
        background = np.median(edge, axis=1)[:, None, None, :]
        return (np.linalg.norm(images - background, axis=-1) > threshold)[..., np.newaxis]


    # 임계값은 train으로만 고른다
    scores = {t: iou_score(Y_train, colour_threshold(X_train, t)) for t in [0.2, 0.3, 0.4, 0.5, 0.6]}
    best_threshold = max(scores, key=scores.get)
    print("임계값별 train IoU:", {t: round(float(s), 3) for t, s in scores.items()})
    baseline_pred = colour_threshold(X_test, best_threshold)
    print(f"색 임계값 threshold={best_threshold}")
    print(f"[기준선: 색 임계값] test IoU: {iou_score(Y_test, baseline_pred):.4f}")
    print(f"[기준선: 색 임계값] test Dice: {dice_score(Y_test, baseline_pred):.4f}")
    '''
)

MODEL = code(
    '''
    def conv_block(x, filters):
        """3x3 합성곱 두 번 (U-Net의 기본 블록)."""
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        return layers.Conv2D(filters, 3, padding="same", activation="relu")(x)


    def build_unet(filters=8, skip=True, learning_rate=3e-3):
        """64x64 -> 8x8까지 세 번 줄였다가 다시 키우는 U-Net. skip=False면 같은 층의 인코더-디코더."""
        inputs = keras.Input(shape=(64, 64, 3))
        e1 = conv_block(inputs, filters)                                  # 64x64
        e2 = conv_block(layers.MaxPooling2D()(e1), filters * 2)           # 32x32
        e3 = conv_block(layers.MaxPooling2D()(e2), filters * 4)           # 16x16
        bottleneck = conv_block(layers.MaxPooling2D()(e3), filters * 8)   # 8x8
        x = bottleneck
        for skip_from, n in [(e3, filters * 4), (e2, filters * 2), (e1, filters)]:
            x = layers.Conv2DTranspose(n, 2, strides=2, padding="same")(x)
            if skip:
                x = layers.Concatenate()([x, skip_from])  # 같은 해상도의 인코더 특징을 채널로 붙인다
            x = conv_block(x, n)
        outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)  # 픽셀마다 전경 확률
        model = keras.Model(inputs, outputs, name="unet" if skip else "encoder_decoder")
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
            loss="binary_crossentropy",
            metrics=["accuracy"],
        )
        return model


    for skip in (False, True):
        candidate = build_unet(skip=skip)
        print(candidate.name, "파라미터 수:", candidate.count_params())
    '''
)

TRAIN = code(
    """
    configs = [
        {"name": "no-skip, lr=3e-3", "skip": False, "learning_rate": 3e-3},
        {"name": "U-Net, lr=3e-3", "skip": True, "learning_rate": 3e-3},
        {"name": "U-Net, lr=1e-3", "skip": True, "learning_rate": 1e-3},
    ]
    EPOCHS = 10
    BATCH_SIZE = 8

    histories, models, rows = {}, {}, []
    for cfg in configs:
        keras.utils.set_random_seed(SEED)  # 설정마다 같은 초기값에서 시작
        model = build_unet(skip=cfg["skip"], learning_rate=cfg["learning_rate"])
        print(f"===== {cfg['name']} =====")
        history = model.fit(
            X_train, Y_train,
            validation_data=(X_val, Y_val),
            epochs=EPOCHS,
            batch_size=BATCH_SIZE,
            verbose=2,
        )
        val_pred = model.predict(X_val, verbose=0) > 0.5
        histories[cfg["name"]] = history.history
        models[cfg["name"]] = model
        rows.append(
            {
                "config": cfg["name"],
                "skip": cfg["skip"],
                "learning_rate": cfg["learning_rate"],
                "val_loss": history.history["val_loss"][-1],
                "val_iou": iou_score(Y_val, val_pred),
                "val_dice": dice_score(Y_val, val_pred),
            }
        )
    """
)

TABLE = code(
    """
    results_df = pd.DataFrame(rows).sort_values("val_iou", ascending=False).reset_index(drop=True).round(4)
    results_df
    """
)

CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, hist in histories.items():
        ax.plot(range(1, len(hist["val_loss"]) + 1), hist["val_loss"], marker="o", label=f"{name} val_loss")
        ax.plot(range(1, len(hist["loss"]) + 1), hist["loss"], linestyle="--", label=f"{name} train loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("binary cross-entropy")
    ax.set_title("Validation loss by config")
    ax.grid(alpha=0.3)
    ax.legend()
    plt.tight_layout()
    plt.show()
    """
)

EVALUATE = code(
    """
    best_name = results_df.loc[0, "config"]
    best_model = models[best_name]
    pred_test = best_model.predict(X_test, verbose=0)[..., 0] > 0.5
    print("최종 모델:", best_name)
    print(f"test IoU: {iou_score(Y_test[..., 0], pred_test):.4f}")
    print(f"test Dice: {dice_score(Y_test[..., 0], pred_test):.4f}")

    no_skip_pred = models[configs[0]["name"]].predict(X_test, verbose=0)[..., 0] > 0.5
    print(f"[기준선: no-skip] test IoU: {iou_score(Y_test[..., 0], no_skip_pred):.4f}")

    np.save("pred_masks.npy", pred_test.astype(np.uint8))  # test.txt 순서, (80, 64, 64), 0/1
    print("pred_masks.npy:", pred_test.shape, "도형 픽셀 비율", round(float(pred_test.mean()), 3))
    """
)

SIDE_BY_SIDE = code(
    """
    per_image = [iou_score(Y_test[i, ..., 0], pred_test[i]) for i in range(len(pred_test))]
    show = list(np.argsort(per_image)[:2]) + [0, 1]  # 가장 못 맞힌 두 장 + 앞의 두 장
    fig, axes = plt.subplots(len(show), 3, figsize=(7, 2.4 * len(show)))
    for row, i in enumerate(show):
        axes[row, 0].imshow(X_test[i])
        axes[row, 0].set_title(f"image {test_stems[i]}", fontsize=9)
        axes[row, 1].imshow(Y_test[i, ..., 0], cmap="gray")
        axes[row, 1].set_title("true mask", fontsize=9)
        axes[row, 2].imshow(pred_test[i], cmap="gray")
        axes[row, 2].set_title(f"predicted mask (IoU {per_image[i]:.2f})", fontsize=9)
    for ax in axes.ravel():
        ax.axis("off")
    plt.tight_layout()
    plt.show()
    """
)


def reference_cells(numbers: str) -> Cells:
    """The trusted solution: colour-threshold and no-skip baselines, the U-Net, every item."""
    return [
        md(
            """
            # U-Net으로 도형 분할하기 — 참고 답안

            줄무늬와 잡음이 섞인 배경 위의 도형을 픽셀 단위로 분할합니다. 먼저 색 임계값과 skip connection 없는
            인코더-디코더로 기준선을 세우고, 같은 층 구성에 skip connection만 더한 U-Net이 얼마나 나아지는지
            validation으로 비교한 뒤, 고른 모델만 test로 한 번 평가합니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터 살펴보기와 전처리

            `train.txt`(240장)와 `test.txt`(80장)에 적힌 순서대로 읽습니다. test 순서를 지켜야 저장한 예측 마스크가
            정답과 한 장씩 맞물립니다.

            - **이미지 `/ 255`**: PNG는 0~255 정수라 0~1로 맞춥니다. 입력 값이 크면 초반 기울기가 커져 손실이 튀기 때문에,
              입력 범위를 작고 일정하게 맞춰 Adam의 학습률이 의도한 만큼만 움직이게 하려는 것입니다.
            - **trimap → 이진 마스크**: trimap은 1(도형), 2(배경), 3(경계) 세 값입니다. 경계는 도형의 윤곽이라 도형 쪽으로 보고,
              `trimap != 2`로 도형+경계를 1, 배경을 0으로 만듭니다(실습에서 동물과 경계를 합친 것과 같은 방식).
              클래스 id 1, 2, 3을 그대로 확률처럼 쓰면 "2가 1보다 크다"는 의미 없는 순서가 생기므로 꼭 바꿔야 합니다.
            - **크기 조정 없음**: 64x64 그대로 씁니다. 마스크를 보간으로 줄이면 1과 2 사이의 1.5 같은 없는 클래스가 생기기 때문입니다.
            """
        ),
        LOAD,
        md(
            """
            전경(도형+경계)은 픽셀의 약 20%뿐이라 "전부 배경"이라고 답해도 픽셀 정확도가 80%가 됩니다.
            그래서 정확도 대신 전경의 **IoU**(교집합/합집합)와 **Dice**로 평가합니다.

            ### 데이터 분할
            train 240장 중 앞의 200장으로 학습하고 나머지 40장을 validation으로 설정 비교에 씁니다.
            test 80장은 마지막에 고른 모델 하나로만 평가합니다. test로 설정을 고르면 test 점수가 낙관적으로 부풀기 때문입니다.
            """
        ),
        SPLIT,
        md(
            """
            ## 2. 기준선: 색 임계값

            학습 없이 "배경과 색이 다른 곳이 도형"이라고 보는 가장 단순한 방법입니다. 이미지 가장자리 색의 중앙값을 배경색으로 두고,
            그 색에서 멀리 떨어진 픽셀을 도형으로 봅니다. 임계값은 train에서만 고릅니다.
            """
        ),
        METRICS,
        md(
            """
            배경의 줄무늬와 잡음이 배경색에서 멀리 튀기 때문에 색만으로는 IoU가 0.4 안팎에 그칩니다.
            도형은 색이 고르고 배경은 거칠다는 **질감** 차이를 봐야 하므로 합성곱 모델이 필요합니다.

            ## 3. 모델 설계: U-Net

            - **왜 인코더-디코더인가**: 픽셀이 도형인지 알려면 주변을 넓게 봐야 합니다(줄무늬 한 줄은 도형처럼 고를 수 있음).
              `MaxPooling2D`로 64 → 32 → 16 → 8까지 세 번 줄이면 8x8 칸 하나가 원본의 넓은 영역을 보게 됩니다.
            - **왜 skip connection인가**: 8x8까지 줄인 특징만으로 64x64를 되살리면 윤곽이 뭉개집니다. 같은 해상도의 인코더 특징을
              `Concatenate`로 디코더에 붙이면 위치 정보가 그대로 전달되어 경계가 또렷해집니다. 강의의 U-Net과 같은 구조입니다.
            - **왜 이렇게 작은가**: train이 200장뿐이고 CPU에서 학습하므로 필터를 8 → 16 → 32 → 64로 작게 두었습니다.
            - **출력**: 전경/배경 두 가지라 1x1 합성곱 1채널 + `sigmoid`, 손실은 `binary_crossentropy`입니다.

            skip connection의 효과만 보려고 `skip` 인자 하나로 층 구성이 같은 두 모델을 만듭니다.
            """
        ),
        MODEL,
        md(
            """
            ## 4. 실험: skip connection 유무와 learning rate

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | no-skip, lr=3e-3 | skip connection 없음 (기준선) | 인코더-디코더만으로 어디까지 되는지 확인 |
            | U-Net, lr=3e-3 | `Concatenate` skip 3개 | 윤곽이 얼마나 또렷해지는지 확인 |
            | U-Net, lr=1e-3 | learning rate ↓ (Adam 기본값) | 기본값으로도 10 epoch 안에 수렴하는지 확인 |

            - `learning_rate`: 전경이 20%뿐이라 모델이 처음에는 "전부 배경"으로 답하기 쉽습니다. 3e-3은 그 단계를 빨리 벗어나게 하려고
              기본값보다 키운 값이고, 기본값 1e-3과 비교해 이 선택이 맞는지 확인합니다.

            나머지는 고정합니다.
            - `batch_size=8`: 200장을 epoch당 25번 업데이트하기 위해서입니다. 업데이트 횟수가 많아야 적은 epoch으로도 충분히 학습됩니다.
            - `epochs=10`: CPU에서 설정 하나에 30초 안팎이고, 검증 손실이 거의 평평해지는 지점이라 더 늘리지 않았습니다.
            - 설정마다 시드를 다시 고정해 같은 초기값에서 출발하게 했습니다. 차이가 skip connection에서만 오도록 하기 위해서입니다.
            """
        ),
        TRAIN,
        TABLE,
        CURVES,
        md(numbers),
        md(
            """
            ## 5. 최종 모델과 test 평가

            validation IoU가 가장 높은 설정의 모델로 test를 한 번 평가하고, 예측 마스크를 `test.txt` 순서대로 `pred_masks.npy`에 저장합니다.
            """
        ),
        EVALUATE,
        md(
            """
            ### 이미지 / 정답 마스크 / 예측 마스크

            가장 못 맞힌 두 장과 앞의 두 장을 나란히 놓고 어디서 틀리는지 봅니다.
            """
        ),
        SIDE_BY_SIDE,
        md(
            """
            가장 못 맞힌 두 장은 도형 색이 배경 잡음 속 밝은 픽셀과 비슷한 경우로, 원의 한쪽이나 삼각형의 꼭짓점을 놓쳤습니다.
            잘 맞힌 사각형도 모서리가 둥글게 예측되어 윤곽 밖으로 한두 픽셀 넘쳤습니다. 도형 내부는 거의 빠짐없이 채워져,
            남은 오류는 경계와 모서리 근처에 몰려 있습니다.

            ## 회고

            ### 배운 점
            - skip connection이 없으면 8x8까지 줄인 정보로 윤곽을 다시 그려야 해서 모서리가 둥글게 뭉개진다는 것을 곡선과 마스크로 확인했습니다.
            - 전경이 20%뿐인 데이터에서는 픽셀 정확도가 80%부터 시작하므로, IoU와 Dice처럼 전경을 기준으로 한 지표가 필요했습니다.

            ### 아쉬운 점
            - validation이 40장뿐이라 두 설정의 차이가 작았다면 우연인지 구분하기 어려웠을 것입니다. 여러 시드로 반복하지 못했습니다.
            - Dice 손실이나 데이터 증강(뒤집기, 회전)은 시간 때문에 시도하지 못했습니다.

            ### 느낀 점
            - 숫자 하나보다 이미지 / 정답 / 예측을 나란히 놓은 그림이 모델이 어디서 틀리는지를 훨씬 빨리 보여 주었습니다.

            ### 어려웠던 점
            - 학습률 1e-3에서는 모델이 오래 전부 배경이라고만 답해서, 처음에는 마스크를 잘못 읽은 버그인지 학습이 덜 된 것인지 가려내는 데 시간이 걸렸습니다.
            """
        ),
    ]


STRONG_MODEL = code(
    """
    def double_conv(x, filters):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        return layers.Conv2D(filters, 3, padding="same", activation="relu")(x)


    def make_model(skip_mode=None, base=8, learning_rate=3e-3):
        # skip_mode: None(연결 없음), "add"(더하기), "concat"(채널 붙이기)
        inputs = keras.Input(shape=(64, 64, 3))
        features, x = [], inputs
        for level in range(3):                      # 64 -> 32 -> 16 -> 8
            x = double_conv(x, base * 2**level)
            features.append(x)
            x = layers.MaxPooling2D()(x)
        x = double_conv(x, base * 8)
        for level in reversed(range(3)):            # 8 -> 16 -> 32 -> 64
            x = layers.Conv2DTranspose(base * 2**level, 2, strides=2, padding="same")(x)
            if skip_mode == "add":
                x = layers.Add()([x, features[level]])
            elif skip_mode == "concat":
                x = layers.Concatenate()([x, features[level]])
            x = double_conv(x, base * 2**level)
        outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy")
        return model
    """
)

STRONG_TRAIN = code(
    """
    experiments = [
        {"name": "none", "skip_mode": None, "learning_rate": 3e-3},
        {"name": "add", "skip_mode": "add", "learning_rate": 3e-3},
        {"name": "concat", "skip_mode": "concat", "learning_rate": 3e-3},
        {"name": "concat, lr=1e-3", "skip_mode": "concat", "learning_rate": 1e-3},
    ]
    histories, models, records = {}, {}, []
    for exp in experiments:
        keras.utils.set_random_seed(SEED)
        model = make_model(exp["skip_mode"], learning_rate=exp["learning_rate"])
        name = exp["name"]
        print(f"--- {name} ---")
        history = model.fit(X_train, Y_train, validation_data=(X_val, Y_val), epochs=10, batch_size=8, verbose=2)
        val_pred = model.predict(X_val, verbose=0) > 0.5
        histories[name], models[name] = history.history, model
        records.append({"name": name, "val_loss": round(history.history["val_loss"][-1], 4),
                        "val_iou": round(float(iou_score(Y_val, val_pred)), 4),
                        "val_dice": round(float(dice_score(Y_val, val_pred)), 4)})
    pd.DataFrame(records)
    """
)

STRONG_CURVES = code(
    """
    plt.figure(figsize=(7, 4))
    for name, hist in histories.items():
        plt.plot(range(1, 11), hist["val_loss"], marker="o", label=name)
    plt.xlabel("epoch")
    plt.ylabel("val_loss")
    plt.title("validation loss by experiment")
    plt.legend()
    plt.grid(alpha=0.3)
    plt.show()
    """
)

STRONG_EVALUATE = code(
    """
    best = max(records, key=lambda r: r["val_iou"])["name"]
    pred_test = models[best].predict(X_test, verbose=0)[..., 0] > 0.5
    print("선택한 설정:", best)
    print(f"test IoU: {iou_score(Y_test[..., 0], pred_test):.4f}")
    print(f"test Dice: {dice_score(Y_test[..., 0], pred_test):.4f}")
    np.save("pred_masks.npy", pred_test.astype(np.uint8))

    fig, axes = plt.subplots(3, 3, figsize=(7, 7))
    for row, i in enumerate([3, 10, 25]):
        for col, (title, img) in enumerate([("image", X_test[i]), ("true mask", Y_test[i, ..., 0]),
                                             ("predicted mask", pred_test[i])]):
            axes[row, col].imshow(img, cmap=None if col == 0 else "gray")
            axes[row, col].set_title(title)
            axes[row, col].axis("off")
    plt.tight_layout()
    plt.show()
    """
)


def strong_cells(numbers: str) -> Cells:
    """A student's full solution: no skip vs Add vs Concatenate, with their own words."""
    return [
        md(
            """
            # 도형 분할 U-Net — skip connection 방식 비교

            강의에서 skip connection은 인코더 특징을 디코더에 "붙이거나(concatenate) 더한다(add)"고 배웠습니다.
            이번에는 연결이 없을 때, 더할 때, 붙일 때 세 가지를 같은 조건에서 학습해 어느 쪽이 도형 윤곽을 잘 살리는지 비교했습니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 데이터 준비

            trimap은 1(도형), 2(배경), 3(경계)라서 배경인 2만 0으로 두고 나머지는 1로 바꿨습니다. 경계는 결국 도형의 테두리라
            도형에 넣는 편이 자연스럽다고 생각했습니다. 이미지는 255로 나눠 0~1로 맞췄는데, 값이 크면 초반 기울기가 커져
            학습이 불안정해지기 때문입니다. 마스크 크기는 바꾸지 않았습니다(보간하면 클래스 값이 섞이기 때문).
            """
        ),
        LOAD,
        md("train 앞 200장은 학습, 뒤 40장은 검증에 쓰고 test 80장은 마지막에 한 번만 봅니다."),
        SPLIT,
        md("먼저 학습 없이 색만으로 도형을 찾는 기준선을 만들어, 모델이 최소한 이보다는 나아야 한다는 기준으로 삼았습니다."),
        METRICS,
        md(
            """
            ## 모델

            세 번 줄였다가(64 → 8) 세 번 키우는 대칭 구조입니다. 8x8까지 줄이면 넓은 주변을 보고 줄무늬와 도형을 구분할 수 있지만
            위치 정보는 흐려지므로, 같은 해상도의 인코더 특징을 디코더로 다시 넘기는 skip connection을 넣었습니다.
            데이터가 200장뿐이라 첫 필터 수를 8로 작게 잡아 과적합과 학습 시간을 줄였습니다.
            `Add`는 채널 수가 같아야 해서 `Conv2DTranspose`의 필터 수를 인코더 층과 맞췄습니다.
            """
        ),
        STRONG_MODEL,
        md(
            """
            ## 실험

            skip connection 방식 세 가지를 학습률 3e-3으로 비교하고, 가장 나을 것 같은 concat은 기본 학습률 1e-3으로도 한 번 더 돌렸습니다.
            3e-3을 고른 이유는 전경이 적어서 모델이 처음에 "전부 배경"으로만 답하는 구간을 빨리 벗어나게 하고 싶었기 때문입니다.
            batch_size 8은 200장을 epoch마다 25번 나눠 업데이트하려고 골랐습니다.
            """
        ),
        STRONG_TRAIN,
        STRONG_CURVES,
        md(numbers),
        md("## test 평가와 결과 보기"),
        STRONG_EVALUATE,
        md(
            """
            예측 마스크는 정답과 거의 겹치고, 차이는 사각형 모서리가 둥글게 되는 정도였습니다.

            ## 회고

            - 배운 점: skip connection을 더하는 방식과 붙이는 방식 모두 연결이 없는 것보다 윤곽을 훨씬 잘 살렸습니다. 붙이는 쪽은
              디코더가 인코더 특징을 그대로 골라 쓸 수 있어서 조금 더 유리한 것 같습니다.
            - 아쉬운 점: 검증 데이터가 40장뿐이라 add와 concat의 작은 차이가 의미 있는지는 확신할 수 없습니다. 시드를 바꿔 반복해 보고 싶습니다.
            - 느낀 점: 픽셀 정확도는 처음부터 0.8에 가까워서 IoU를 따로 계산하지 않았으면 모델이 좋아지는 걸 알아보기 어려웠을 것 같습니다.
            - 어려웠던 점: `Add`에서 채널 수가 안 맞아 에러가 났고, Conv2DTranspose 필터 수를 인코더와 맞추는 것을 찾는 데 시간이 걸렸습니다.
            """
        ),
    ]


WEAK: Cells = [
    md("# 세그멘테이션"),
    IMPORTS,
    code(
        """
        def read(list_name):
            stems = (ROOT / list_name).read_text().split()
            x = np.stack([np.asarray(Image.open(ROOT / "images" / f"{s}.png").convert("RGB")) for s in stems]) / 255.0
            y = np.stack([np.asarray(Image.open(ROOT / "annotations" / "trimaps" / f"{s}.png")) for s in stems])
            return x.astype("float32"), (y != 2).astype("float32")[..., None]

        X_train, Y_train = read("train.txt")
        X_test, Y_test = read("test.txt")
        """
    ),
    code(
        """
        # 모델
        model = keras.Sequential([
            keras.Input(shape=(64, 64, 3)),
            layers.Conv2D(8, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(16, 3, padding="same", activation="relu"),
            layers.UpSampling2D(),
            layers.Conv2D(1, 1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(X_train, Y_train, epochs=3, batch_size=16, verbose=2)
        """
    ),
    code(
        """
        pred = model.predict(X_test, verbose=0)[..., 0] > 0.5
        inter = (pred & (Y_test[..., 0] > 0)).sum()
        union = (pred | (Y_test[..., 0] > 0)).sum()
        print("test IoU:", round(inter / union, 4))
        np.save("pred_masks.npy", pred.astype(np.uint8))
        """
    ),
]

CLASS_IDS_LOAD = code(
    """
    def load_split(list_name):
        # 이미지(0~1)와 마스크를 list_name 순서대로 읽는다
        stems = (ROOT / list_name).read_text().split()
        images = np.stack([np.asarray(Image.open(ROOT / "images" / f"{s}.png").convert("RGB")) for s in stems])
        trimaps = np.stack([np.asarray(Image.open(ROOT / "annotations" / "trimaps" / f"{s}.png")) for s in stems])
        labels = trimaps.astype("int32") - 1          # 1, 2, 3 -> 0, 1, 2 (0부터 시작하는 클래스 id)
        masks = (labels > 0).astype("float32")[..., np.newaxis]  # 0은 배경, 0보다 크면 물체
        return stems, images.astype("float32") / 255.0, masks, trimaps


    train_stems, X_trainval, Y_trainval, trimaps_trainval = load_split("train.txt")
    test_stems, X_test, Y_test, trimaps_test = load_split("test.txt")
    print("이미지:", X_trainval.shape, "| 마스크:", Y_trainval.shape, "| 물체 픽셀 비율:", round(float(Y_trainval.mean()), 3))

    fig, axes = plt.subplots(2, 6, figsize=(12, 4.4))
    for i in range(6):
        axes[0, i].imshow(X_trainval[i])
        axes[1, i].imshow(Y_trainval[i, ..., 0], cmap="gray")
    for ax in axes.ravel():
        ax.axis("off")
    plt.tight_layout()
    plt.show()
    """
)

SPLIT_NOTE = "train 240장을 200장(학습)과 40장(검증)으로 나누고, test 80장은 마지막 평가에만 씁니다."

CLASS_IDS_NUMBERS = """
### 실험 결과

세 설정 모두 validation IoU가 0.97을 넘었고, skip connection이 있는 U-Net(lr=3e-3)이 0.9877로 가장 좋았습니다.
no-skip(0.9775)보다 검증 손실도 낮았는데, skip connection이 인코더의 위치 정보를 디코더에 전달해 주기 때문이라고 생각합니다.
lr=1e-3(0.9825)은 조금 느리게 수렴했습니다.
"""


def class_ids_cells() -> Cells:
    """The reference with the silent bug: trimap ids shifted to 0-2 and "> 0" taken as the
    object, so every mask (and the printed IoU) is about the background and the border."""
    title = md(
        """
        # U-Net 도형 분할

        강의 실습처럼 trimap을 이진 마스크로 바꿔 U-Net을 학습하고, skip connection이 없는 모델과 비교합니다.
        """
    )
    preprocessing = md(
        """
        ## 1. 데이터 전처리

        - 이미지는 255로 나눠 0~1로 맞춥니다. 입력 값이 크면 학습 초반 손실이 크게 흔들리기 때문입니다.
        - trimap 값은 1, 2, 3이라 1을 빼서 0부터 시작하는 클래스 id로 만들고, 0(배경)이 아닌 것을 물체로 봅니다.
          실습에서 경계와 동물을 합쳐 이진 분류로 바꾼 것과 같은 방식입니다.
        """
    )
    dropped = ("# U-Net으로", "## 1. 데이터 살펴보기", "전경(도형+경계)", "가장 못 맞힌 두 장")
    rest = [c for c in reference_cells(textwrap.dedent(CLASS_IDS_NUMBERS).strip()) if not c[1].startswith(dropped)]
    rest = [c for c in rest if c not in (IMPORTS, LOAD)]
    return [title, IMPORTS, preprocessing, CLASS_IDS_LOAD, md(SPLIT_NOTE), *rest]


def _prepare_data() -> Path:
    """Run the pack's prepare.py into a temporary folder and point GRADER_DATA at it."""
    out = Path(tempfile.mkdtemp(prefix="grader-unet-data-"))
    subprocess.run([str(COURSE_PYTHON), str(PACK / "prepare.py"), "--out", str(out)], check=True)
    os.environ["GRADER_DATA"] = str(out)  # the kernel inherits it
    return out


def _numbers(path: Path) -> str:
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return "### 실험 결과 기록\n\n(첫 실행 뒤에 씁니다)"


def _run(name: str, cells: Cells, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    build(name, cells, path)


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "strong", "weak", "class-ids"}
    if "starter" in wanted:
        build("starter", STARTER, PACK / "starter.ipynb", run=False)
    _prepare_data()
    if "reference" in wanted:
        _run("reference", reference_cells(_numbers(NUMBERS)), REFERENCE / "solution.ipynb")
    if "strong" in wanted:
        _run("strong", strong_cells(_numbers(STRONG_NUMBERS)), SUBMISSIONS / "strong" / "strong.ipynb")
    if "weak" in wanted:
        _run("weak", WEAK, SUBMISSIONS / "weak" / "weak.ipynb")
    if "class-ids" in wanted:
        _run("class-ids", class_ids_cells(), SUBMISSIONS / "class-ids" / "class-ids.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
