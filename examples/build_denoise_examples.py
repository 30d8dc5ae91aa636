"""Build the denoise-digits (PyTorch) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (notebooks execute in the course
kernel, which has torch):

    .venv/bin/python examples/build_denoise_examples.py            # everything
    .venv/bin/python examples/build_denoise_examples.py reference  # only some

Data: scikit-learn's bundled ``load_digits()`` (1797 images of 8x8), noise generated in the
notebook with a fixed seed; no network. The keys (``examples/keys/denoise-digits/``) are
written by hand.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from build_examples import code, md
from build_regression_examples import build

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "denoise-digits"
REFERENCE = REPO / "reference_solutions" / "denoise-digits"
SUBMISSIONS = REPO / "examples" / "submissions" / "denoise-digits"

Cells = list[tuple[str, str]]

STARTER: Cells = [
    md(
        """
        # 손글씨 숫자 잡음 제거 오토인코더 (PyTorch)

        scikit-learn에 내장된 8x8 손글씨 숫자에 가우시안 잡음을 더하고, 잡음 낀 이미지에서 원래 이미지를 복원하는
        denoising autoencoder를 PyTorch로 만듭니다. 각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md("## 1. 데이터 불러오기와 전처리\n데이터를 불러와 0~1로 스케일링하고, 잡음을 더한 입력을 만드세요."),
    code(
        """
        import numpy as np
        import torch
        from torch import nn
        from sklearn.datasets import load_digits

        X = load_digits().data  # (1797, 64), 픽셀 값 0~16
        print(X.shape)
        """
    ),
    code("# TODO: train / validation / test로 나누고, 잡음 낀 입력을 만드세요."),
    md("## 2. 모델 설계\n인코더와 디코더를 설계하고, 병목(bottleneck) 크기를 왜 그렇게 골랐는지 설명해 보세요."),
    code("# TODO: 오토인코더를 만드세요."),
    md("## 3. 학습과 하이퍼파라미터 실험\n병목 크기, learning rate 등을 바꿔 가며 여러 번 학습하고 결과를 기록하세요."),
    code("# TODO: 학습하세요."),
    md("## 4. 실험 결과 시각화\n각 실험의 검증 손실 곡선을 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md("## 5. 테스트 평가\ntest 데이터의 PSNR을 출력하고, 잡음 입력 / 복원 결과 / 원본을 나란히 보여 주세요."),
    code("# TODO: test 데이터로 평가하세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]

IMPORTS = code(
    """
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import torch
    from torch import nn
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    SEED = 0
    NOISE = 0.3  # 가우시안 잡음의 표준편차 (픽셀 0~1 기준)
    torch.manual_seed(SEED)
    print("torch", torch.__version__)
    """
)

SPLIT = code(
    """
    X = (load_digits().data / 16.0).astype("float32")  # 0~16 -> 0~1
    X_trainval, X_test = train_test_split(X, test_size=0.2, random_state=SEED)
    X_train, X_val = train_test_split(X_trainval, test_size=0.2, random_state=SEED)

    def noisy(clean, seed):
        generator = torch.Generator().manual_seed(seed)
        clean = torch.tensor(clean)
        return (clean + NOISE * torch.randn(clean.shape, generator=generator)).clamp(0, 1), clean

    Ntr, Ctr = noisy(X_train, 1)
    Nva, Cva = noisy(X_val, 2)
    Nte, Cte = noisy(X_test, 3)
    print(f"train {len(Ctr)} / validation {len(Cva)} / test {len(Cte)}")
    """
)

PSNR = code(
    '''
    def psnr(pred, target):
        """픽셀 범위가 0~1일 때의 PSNR(dB), 이미지별 평균."""
        mse = ((pred - target) ** 2).mean(dim=1).clamp_min(1e-10)
        return (10 * torch.log10(1.0 / mse)).mean().item()

    print(f"잡음 입력 그대로 test PSNR: {psnr(Nte, Cte):.2f} dB")
    '''
)

MODEL = code(
    '''
    def build_model(bottleneck=16):
        """64 -> 128 -> bottleneck -> 128 -> 64, 출력은 sigmoid로 0~1."""
        return nn.Sequential(
            nn.Linear(64, 128), nn.ReLU(),
            nn.Linear(128, bottleneck), nn.ReLU(),
            nn.Linear(bottleneck, 128), nn.ReLU(),
            nn.Linear(128, 64), nn.Sigmoid(),
        )

    build_model()
    '''
)

TRAIN = code(
    '''
    def train(model, lr, epochs=60, batch_size=64):
        """잡음 입력 -> 깨끗한 원본을 MSE로 학습하고, epoch마다 검증 손실을 기록한다."""
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        loss_fn = nn.MSELoss()
        history = {"train_loss": [], "val_loss": []}
        for epoch in range(1, epochs + 1):
            model.train()
            order = torch.randperm(len(Ntr))
            for start in range(0, len(Ntr), batch_size):
                idx = order[start : start + batch_size]
                optimizer.zero_grad()
                loss = loss_fn(model(Ntr[idx]), Ctr[idx])
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                history["train_loss"].append(loss_fn(model(Ntr), Ctr).item())
                history["val_loss"].append(loss_fn(model(Nva), Cva).item())
            if epoch % 20 == 0:
                print(f"epoch {epoch:2d} train_loss {history['train_loss'][-1]:.4f} val_loss {history['val_loss'][-1]:.4f}")
        return history
    '''
)

TRIALS = code(
    """
    configs = [
        {"name": "bottleneck=4, lr=1e-3", "bottleneck": 4, "lr": 1e-3},
        {"name": "bottleneck=16, lr=1e-3", "bottleneck": 16, "lr": 1e-3},
        {"name": "bottleneck=16, lr=1e-2", "bottleneck": 16, "lr": 1e-2},
    ]
    histories, models, rows = {}, {}, []
    for cfg in configs:
        torch.manual_seed(SEED)
        model = build_model(cfg["bottleneck"])
        print(f"===== {cfg['name']} =====")
        history = train(model, cfg["lr"])
        with torch.no_grad():
            val_psnr = psnr(model(Nva), Cva)
        histories[cfg["name"]], models[cfg["name"]] = history, model
        rows.append({"config": cfg["name"], "val_loss": round(history["val_loss"][-1], 4),
                     "val_psnr": round(val_psnr, 2)})
    results_df = pd.DataFrame(rows).sort_values("val_loss").reset_index(drop=True)
    results_df
    """
)

CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, hist in histories.items():
        ax.plot(hist["val_loss"], label=name)
    ax.set_title("Validation loss (MSE) by config")
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
    best_model = models[best_name].eval()
    with torch.no_grad():
        denoised = best_model(Nte)
    print("최종 모델:", best_name)
    print(f"테스트 PSNR: {psnr(denoised, Cte):.2f}")
    print(f"잡음 입력 PSNR: {psnr(Nte, Cte):.2f}")
    """
)

SHOW = code(
    """
    fig, axes = plt.subplots(3, 8, figsize=(10, 4))
    for i in range(8):
        for row, (images, title) in enumerate([(Nte, "noisy"), (denoised, "denoised"), (Cte, "clean")]):
            axes[row, i].imshow(images[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            axes[row, i].axis("off")
            if i == 0:
                axes[row, i].set_title(title, fontsize=9, loc="left")
    plt.tight_layout()
    plt.show()
    """
)

NUMBERS = """
### 실험 결과 기록과 해석

{table}
"""


def reference_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 손글씨 숫자 잡음 제거 오토인코더 (PyTorch) — 참고 답안

            `load_digits()`의 8x8 숫자에 표준편차 0.3의 가우시안 잡음을 더하고, 잡음 낀 이미지에서 원본을 복원하는 오토인코더를 학습합니다.
            병목 크기와 learning rate를 바꾼 세 설정을 검증 손실로 비교하고, 가장 좋은 모델만 test에서 PSNR로 평가합니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터와 전처리

            - **스케일링 (`/ 16`)**: 픽셀 최댓값이 16이라 16으로 나눠 0~1로 맞춥니다. 출력층을 sigmoid로 두어 같은 범위를 내게 하려면
              입력과 정답도 0~1이어야 하기 때문입니다. PSNR도 최댓값 1을 기준으로 계산합니다.
            - **잡음**: 표준편차 0.3의 가우시안 잡음을 더하고 0~1로 자릅니다. 분할마다 시드를 달리해 train의 잡음 패턴을 외워도
              validation/test에서는 통하지 않게 했습니다.

            ### 데이터 분할
            test 20%를 먼저 떼고, 나머지의 20%를 validation으로 씁니다. 설정은 validation 손실로만 고르고, test는 마지막에 한 번 봅니다.
            """
        ),
        SPLIT,
        PSNR,
        md(
            """
            ## 2. 모델 설계

            **왜 완전연결 오토인코더인가**: 입력이 64픽셀뿐이라 합성곱 없이도 층 몇 개로 충분히 표현할 수 있고, 학습이 CPU에서 몇 초면 끝납니다.
            병목(bottleneck)이 입력보다 작아야 모델이 픽셀을 그대로 베끼지 못하고 숫자의 모양만 담게 되어, 그 과정에서 잡음이 걸러집니다.
            출력은 0~1 픽셀이므로 sigmoid를 씁니다.
            """
        ),
        MODEL,
        md(
            """
            ## 3. 학습과 하이퍼파라미터 실험

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | bottleneck=4, lr=1e-3 | 병목 ↓ | 너무 작은 병목이 숫자 모양까지 잃는지 확인 |
            | bottleneck=16, lr=1e-3 | 기준 | 입력 64의 1/4 |
            | bottleneck=16, lr=1e-2 | learning rate ↑ | 빨리 수렴하는지, 불안정해지는지 확인 |

            `batch_size=64`, `epochs=60`: train 1,149장이면 epoch당 18번 업데이트되어 60 epoch이면 검증 손실이 거의 평평해집니다.
            """
        ),
        TRAIN,
        TRIALS,
        CURVES,
        md(numbers),
        md("## 4. 최종 모델과 test 평가\n\n검증 손실이 가장 낮은 설정을 골라 test의 PSNR을 잡음 입력 그대로의 PSNR과 비교하고, 예시를 나란히 봅니다."),
        TEST,
        SHOW,
        md(
            """
            ## 회고

            ### 배운 점
            - 병목이 너무 작으면(4) 잡음뿐 아니라 숫자의 세부 모양까지 사라져 PSNR이 낮아진다는 것을 확인했습니다.
            - 잡음 입력과 깨끗한 정답을 짝지어 학습하는 것만으로 오토인코더가 잡음 제거기가 된다는 점이 인상적이었습니다.

            ### 아쉬운 점
            - 잡음 세기를 0.3 하나로만 실험했습니다. 더 센 잡음이나 다른 종류의 잡음(소금-후추)에도 통하는지 보지 못했습니다.

            ### 느낀 점
            - PSNR 숫자만 보는 것보다 잡음 / 복원 / 원본을 나란히 보니 모델이 무엇을 잘하고 못하는지 훨씬 잘 보였습니다.

            ### 어려웠던 점
            - learning rate를 키우면 초반에는 빨리 내려가지만 마지막 손실은 오히려 나빠질 수 있어, 곡선을 끝까지 보고 골라야 했습니다.
            """
        ),
    ]


WEAK_TRAIN = code(
    """
    # 오토인코더 학습
    model = build_model(16)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1, 11):
        for start in range(0, len(Ntr), 64):
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(Ntr[start : start + 64]), Ctr[start : start + 64])
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
    with torch.no_grad():
        out = model(Nte)
    print(f"test PSNR: {psnr(out, Cte):.2f}")
    """
)


def weak_cells() -> Cells:
    """Train/test only, one short run of 10 epochs, no figures, no explanations, no retrospective."""
    return [
        md("# 숫자 잡음 제거"),
        IMPORTS,
        code(
            """
            X = (load_digits().data / 16.0).astype("float32")
            X_train, X_test = train_test_split(X, test_size=0.2, random_state=SEED)
            Ctr, Cte = torch.tensor(X_train), torch.tensor(X_test)
            Ntr = (Ctr + NOISE * torch.randn(Ctr.shape)).clamp(0, 1)
            Nte = (Cte + NOISE * torch.randn(Cte.shape)).clamp(0, 1)
            """
        ),
        code(
            '''
            def psnr(pred, target):
                mse = ((pred - target) ** 2).mean(dim=1).clamp_min(1e-10)
                return (10 * torch.log10(1.0 / mse)).mean().item()
            '''
        ),
        MODEL,
        WEAK_TRAIN,
    ]


# --------------------------------------------------------------------------------------------
# strong: a convolutional denoiser, three trials, own explanations and a retrospective
# --------------------------------------------------------------------------------------------

STRONG_IMPORTS = code(
    """
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import torch
    from torch import nn
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    SEED = 7
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    print("torch", torch.__version__, "/ seed", SEED)
    """
)

STRONG_DATA = code(
    """
    images = (load_digits().images / 16.0).astype("float32")  # (1797, 8, 8), 0~1
    train_img, test_img = train_test_split(images, test_size=0.2, random_state=SEED)
    train_img, val_img = train_test_split(train_img, test_size=0.15, random_state=SEED)

    def add_noise(batch, std=0.3):
        return np.clip(batch + np.random.normal(0, std, batch.shape), 0, 1).astype("float32")

    def as_tensor(batch):
        return torch.tensor(batch).unsqueeze(1)  # (N, 1, 8, 8)

    noisy_train, clean_train = as_tensor(add_noise(train_img)), as_tensor(train_img)
    noisy_val, clean_val = as_tensor(add_noise(val_img)), as_tensor(val_img)
    noisy_test, clean_test = as_tensor(add_noise(test_img)), as_tensor(test_img)
    print(f"train {len(clean_train)}장 / validation {len(clean_val)}장 / test {len(clean_test)}장")
    """
)

STRONG_PSNR = code(
    '''
    def psnr(pred, target):
        """0~1 이미지의 이미지별 PSNR(dB) 평균."""
        mse = ((pred - target) ** 2).flatten(1).mean(dim=1).clamp_min(1e-10)
        return (10 * torch.log10(1.0 / mse)).mean().item()

    print(f"아무것도 안 했을 때(잡음 입력) validation PSNR: {psnr(noisy_val, clean_val):.2f} dB")
    '''
)

STRONG_MODEL = code(
    '''
    class ConvDenoiser(nn.Module):
        """8x8 -> (stride 2) 4x4 -> 8x8 합성곱 오토인코더."""

        def __init__(self, channels=16):
            super().__init__()
            self.encoder = nn.Sequential(
                nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(),
                nn.Conv2d(channels, channels * 2, 3, stride=2, padding=1), nn.ReLU(),
            )
            self.decoder = nn.Sequential(
                nn.ConvTranspose2d(channels * 2, channels, 2, stride=2), nn.ReLU(),
                nn.Conv2d(channels, 1, 3, padding=1), nn.Sigmoid(),
            )

        def forward(self, x):
            return self.decoder(self.encoder(x))

    print(ConvDenoiser())
    '''
)

STRONG_TRAIN = code(
    '''
    def fit(model, lr, epochs=40, batch_size=64):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        loss_fn = nn.MSELoss()
        history = {"train_loss": [], "val_loss": []}
        for epoch in range(1, epochs + 1):
            model.train()
            for idx in torch.randperm(len(noisy_train)).split(batch_size):
                optimizer.zero_grad()
                loss = loss_fn(model(noisy_train[idx]), clean_train[idx])  # 잡음 입력 -> 깨끗한 원본
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                history["train_loss"].append(loss_fn(model(noisy_train), clean_train).item())
                history["val_loss"].append(loss_fn(model(noisy_val), clean_val).item())
            if epoch % 10 == 0:
                print(f"  epoch {epoch:2d}  train_loss {history['train_loss'][-1]:.4f}  val_loss {history['val_loss'][-1]:.4f}")
        return history
    '''
)

STRONG_TRIALS = code(
    """
    trials = [
        {"name": "ch=8, lr=1e-3", "channels": 8, "lr": 1e-3},
        {"name": "ch=16, lr=1e-3", "channels": 16, "lr": 1e-3},
        {"name": "ch=16, lr=5e-3", "channels": 16, "lr": 5e-3},
    ]
    histories, models, rows = {}, {}, []
    for trial in trials:
        torch.manual_seed(SEED)
        model = ConvDenoiser(trial["channels"])
        print(f"[{trial['name']}]")
        histories[trial["name"]] = fit(model, trial["lr"])
        models[trial["name"]] = model
        with torch.no_grad():
            rows.append({"trial": trial["name"],
                         "val_loss": round(histories[trial["name"]]["val_loss"][-1], 4),
                         "val_psnr": round(psnr(model(noisy_val), clean_val), 2)})
    summary = pd.DataFrame(rows).sort_values("val_psnr", ascending=False).reset_index(drop=True)
    summary
    """
)

STRONG_CURVES = code(
    """
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for name, history in histories.items():
        axes[0].plot(history["train_loss"], label=name)
        axes[1].plot(history["val_loss"], label=name)
    for ax, title in zip(axes, ["train loss", "validation loss"]):
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.set_ylabel("MSE")
        ax.grid(alpha=0.3)
        ax.legend()
    plt.tight_layout()
    plt.show()
    """
)

STRONG_TEST = code(
    """
    best = summary.loc[0, "trial"]
    final = models[best].eval()
    with torch.no_grad():
        denoised = final(noisy_test)
    print("선택한 설정:", best)
    print(f"테스트 PSNR: {psnr(denoised, clean_test):.2f} dB")
    print(f"잡음 입력 그대로 테스트 PSNR: {psnr(noisy_test, clean_test):.2f} dB")
    """
)

STRONG_SHOW = code(
    """
    fig, axes = plt.subplots(3, 10, figsize=(12, 4))
    rows = [("noisy input", noisy_test), ("denoised", denoised), ("clean", clean_test)]
    for r, (title, batch) in enumerate(rows):
        for i in range(10):
            axes[r, i].imshow(batch[i, 0], cmap="gray", vmin=0, vmax=1)
            axes[r, i].axis("off")
        axes[r, 0].set_title(title, fontsize=9, loc="left")
    plt.tight_layout()
    plt.show()
    """
)


def strong_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 손글씨 숫자 잡음 제거 — 합성곱 오토인코더로 해 보기

            8x8 숫자 이미지에 잡음(표준편차 0.3)을 섞고, 잡음 낀 그림만 보고 원래 그림을 되살리는 모델을 만들었습니다.
            완전연결층 대신 합성곱 오토인코더를 써 보고, 채널 수와 learning rate를 바꾼 세 번의 학습을 비교했습니다.
            """
        ),
        STRONG_IMPORTS,
        md(
            """
            ## 1. 데이터 준비

            - 정답과 출력의 범위를 같게 하려고 픽셀 값을 16으로 나눠 0~1로 스케일링했습니다. 마지막 층이 sigmoid라 출력이 0~1이고,
              PSNR도 최댓값 1로 계산하기 때문입니다.
            - 이미지를 (1, 8, 8) 모양 그대로 둔 것은 합성곱이 이웃 픽셀을 함께 보게 하려는 것입니다. 잡음은 픽셀마다 따로 튀지만
              획은 이웃끼리 이어져 있어서, 이웃을 보면 무엇이 잡음인지 가려낼 수 있다고 생각했습니다.
            - 잡음은 `np.random.normal`로 더하고 0~1로 잘랐습니다. train / validation / test에 따로 뽑은 잡음을 넣어서,
              모델이 특정 잡음 패턴을 외워서는 validation 점수가 좋아지지 않게 했습니다.
            - 분할: test 20%를 먼저 떼고, 남은 것의 15%를 validation으로 썼습니다. 설정은 validation으로만 고르고 test는 마지막에 한 번 씁니다.
            """
        ),
        STRONG_DATA,
        STRONG_PSNR,
        md(
            """
            ## 2. 모델

            3x3 필터가 주변 픽셀을 같이 보므로 이어진 획과 튀는 잡음을 구분하기 쉽기 때문에 완전연결층 대신 합성곱 오토인코더를 골랐습니다.
            같은 필터를 이미지 전체에 나눠 쓰니 파라미터도 훨씬 적어서, 1,200장 정도의 작은 데이터에서도 과적합이 덜할 것이라고 생각했습니다.
            stride 2로 4x4까지 줄였다가 ConvTranspose로 8x8로 되돌립니다. 한 번 줄여야 모델이 입력을 그대로 복사하지 못하고 숫자 모양을 요약하게 됩니다.
            """
        ),
        STRONG_MODEL,
        md(
            """
            ## 3. 학습과 실험

            | 시도 | 바꾼 값 | 왜 |
            | --- | --- | --- |
            | ch=8, lr=1e-3 | 채널 8 | 작은 모델로도 충분한지 보려고 |
            | ch=16, lr=1e-3 | 채널 16 | 기본으로 잡은 크기 |
            | ch=16, lr=5e-3 | learning rate 5배 | 40 epoch 안에 더 빨리 수렴하는지 보려고 |

            batch_size는 64로 두었습니다. train이 1,200장쯤이라 epoch마다 20번 가까이 업데이트되어, 40 epoch이면 곡선이 충분히 평평해집니다.
            """
        ),
        STRONG_TRAIN,
        STRONG_TRIALS,
        STRONG_CURVES,
        md(numbers),
        md("## 4. test 평가\n\nvalidation PSNR이 가장 높은 설정으로 test를 한 번만 평가하고, 잡음 입력 그대로의 PSNR과 비교했습니다."),
        STRONG_TEST,
        STRONG_SHOW,
        md(
            """
            ## 회고

            **배운 점**: 같은 데이터라도 이미지를 펼치지 않고 2차원으로 두고 합성곱을 쓰니 훨씬 적은 파라미터로 잡음이 잘 지워졌습니다.
            잡음 입력 그대로의 PSNR을 기준선으로 먼저 찍어 두니, 모델이 실제로 얼마나 나아졌는지 dB로 말할 수 있었습니다.

            **아쉬운 점**: 잡음 세기를 0.3 하나로만 학습해서, 잡음이 더 약하거나 센 이미지에서도 통하는지는 확인하지 못했습니다.
            시드도 하나라서 세 설정의 차이가 시드를 바꿔도 유지되는지 모릅니다.

            **느낀 점**: PSNR 숫자보다 복원 결과를 눈으로 보는 편이 모델의 버릇(가는 획이 흐려지는 것)을 알아채기 쉬웠습니다.

            **어려웠던 점**: 8x8을 stride 2로 줄였다가 되돌릴 때 ConvTranspose의 출력 크기를 맞추느라 한참 헤맸습니다.
            kernel 2, stride 2로 두니 4x4가 정확히 8x8로 돌아왔습니다.
            """
        ),
    ]


# --------------------------------------------------------------------------------------------
# test-as-validation: the silent bug. A tidy notebook whose validation pairs are made from the
# test images (a typo), so every model choice is made on the test set.
# --------------------------------------------------------------------------------------------

LEAK_DATA = code(
    """
    X = (load_digits().data / 16.0).astype("float32")
    x_trainval, x_test = train_test_split(X, test_size=0.2, random_state=SEED)
    x_train, x_val = train_test_split(x_trainval, test_size=0.2, random_state=SEED)

    def make_pairs(clean):
        clean = torch.tensor(clean)
        return (clean + NOISE * torch.randn(clean.shape)).clamp(0, 1), clean

    x_train_noisy, x_train_clean = make_pairs(x_train)
    x_val_noisy, x_val_clean = make_pairs(x_test)
    x_test_noisy, x_test_clean = make_pairs(x_test)
    print(f"train {len(x_train_clean)} / validation {len(x_val_clean)} / test {len(x_test_clean)}")
    """
)

LEAK_PSNR = code(
    '''
    def psnr(pred, target):
        """0~1 범위 이미지의 PSNR(dB)."""
        mse = ((pred - target) ** 2).mean(dim=1).clamp_min(1e-10)
        return (10 * torch.log10(1.0 / mse)).mean().item()
    '''
)

LEAK_TRAIN = code(
    '''
    def run(bottleneck, lr, epochs=60):
        torch.manual_seed(SEED)
        model = build_model(bottleneck)
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        val_losses = []
        for epoch in range(epochs):
            for idx in torch.randperm(len(x_train_noisy)).split(64):
                optimizer.zero_grad()
                loss = nn.functional.mse_loss(model(x_train_noisy[idx]), x_train_clean[idx])
                loss.backward()
                optimizer.step()
            with torch.no_grad():
                val_losses.append(nn.functional.mse_loss(model(x_val_noisy), x_val_clean).item())
        print(f"bottleneck={bottleneck}, lr={lr}: 마지막 val_loss {val_losses[-1]:.4f}")
        return model, val_losses

    results = {}
    for bottleneck, lr in [(8, 1e-3), (16, 1e-3), (32, 1e-3)]:
        results[f"bottleneck={bottleneck}"] = run(bottleneck, lr)
    '''
)

LEAK_CURVES = code(
    """
    plt.figure(figsize=(7, 4))
    for name, (_, val_losses) in results.items():
        plt.plot(val_losses, label=name)
    plt.xlabel("epoch")
    plt.ylabel("val MSE")
    plt.legend()
    plt.title("validation loss")
    plt.show()
    """
)

LEAK_TEST = code(
    """
    best = min(results, key=lambda name: results[name][1][-1])
    model = results[best][0]
    with torch.no_grad():
        restored = model(x_test_noisy)
    print("best:", best)
    print(f"테스트 PSNR: {psnr(restored, x_test_clean):.2f} dB")
    print(f"잡음 입력 PSNR: {psnr(x_test_noisy, x_test_clean):.2f} dB")

    fig, axes = plt.subplots(3, 6, figsize=(8, 4))
    for i in range(6):
        for row, batch in enumerate([x_test_noisy, restored, x_test_clean]):
            axes[row, i].imshow(batch[i].reshape(8, 8), cmap="gray_r")
            axes[row, i].axis("off")
    axes[0, 0].set_title("noisy", loc="left")
    axes[1, 0].set_title("denoised", loc="left")
    axes[2, 0].set_title("clean", loc="left")
    plt.show()
    """
)


def leak_cells(numbers: str) -> Cells:
    return [
        md("# 잡음 제거 오토인코더\n\n숫자 이미지의 가우시안 잡음을 지우는 오토인코더를 병목 크기 세 가지로 비교합니다."),
        IMPORTS,
        md(
            """
            ## 데이터
            PSNR을 최댓값 1 기준으로 계산하려고 픽셀 값을 16으로 나눠 0~1로 스케일링했습니다. 잡음은 표준편차 0.3으로 더했습니다.
            train / validation / test로 나누고 validation으로 병목 크기를 고릅니다.
            """
        ),
        LEAK_DATA,
        LEAK_PSNR,
        md(
            """
            ## 모델
            입력이 64픽셀뿐이라서 합성곱 없이 완전연결 오토인코더를 골랐습니다. 병목이 작아야 입력을 그대로 베끼지 못하고 숫자 모양만 남기므로
            병목 크기를 8, 16, 32로 바꿔 가며 어느 정도 줄여야 잡음이 가장 잘 지워지는지 확인합니다.
            병목 크기만의 효과를 보기 위해 learning rate는 Adam 기본값 1e-3으로 고정했습니다.
            """
        ),
        MODEL,
        LEAK_TRAIN,
        LEAK_CURVES,
        md(numbers),
        LEAK_TEST,
        md(
            """
            ## 회고
            - 배운 점: 병목 크기에 따라 복원 품질이 달라지는 것을 곡선으로 확인했습니다.
            - 느낀 점: 잡음 입력, 복원, 원본을 나란히 보니 모델이 획을 다시 이어 주는 게 보여서 신기했습니다.
            """
        ),
    ]


def _numbers(name: str, default: str) -> str:
    """The markdown results text written after reading the first build's outputs."""
    table = REPO / "examples" / f"{name}_numbers.md"
    return textwrap.dedent(table.read_text(encoding="utf-8")).strip() if table.is_file() else default


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "weak", "strong", "test-as-validation"}
    table = (REPO / "examples" / "denoise_numbers.md")
    numbers = table.read_text(encoding="utf-8") if table.is_file() else "### 실험 결과 기록\\n\\n(첫 실행 뒤에 씁니다)"
    if "starter" in wanted:
        build("starter", STARTER, PACK / "starter.ipynb", run=False)
    if "reference" in wanted:
        build("reference", reference_cells(textwrap.dedent(numbers).strip()), REFERENCE / "solution.ipynb")
    if "weak" in wanted:
        build("weak", weak_cells(), SUBMISSIONS / "weak.ipynb")
    if "strong" in wanted:
        text = _numbers("denoise_strong", "### 실험 결과\n\n(첫 실행 뒤에 씁니다)")
        build("strong", strong_cells(text), SUBMISSIONS / "strong.ipynb")
    if "test-as-validation" in wanted:
        text = _numbers("denoise_leak", "### 결과\n\n(첫 실행 뒤에 씁니다)")
        build("test-as-validation", leak_cells(text), SUBMISSIONS / "test-as-validation.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
