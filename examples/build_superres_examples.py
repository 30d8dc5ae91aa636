"""Build the superres-digits (PyTorch) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (notebooks execute in the course
kernel, which has torch):

    .venv/bin/python examples/build_superres_examples.py            # everything

Data: scikit-learn's bundled ``load_digits()``; the 4x4 low-resolution inputs are made in the
notebook by 2x2 average pooling; no network. Keys (``examples/keys/superres-digits/``) are
written by hand.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from build_examples import code, md
from build_regression_examples import build

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "superres-digits"
REFERENCE = REPO / "reference_solutions" / "superres-digits"
SUBMISSIONS = REPO / "examples" / "submissions" / "superres-digits"

Cells = list[tuple[str, str]]

STARTER: Cells = [
    md(
        """
        # 손글씨 숫자 초해상도 (PyTorch)

        scikit-learn에 내장된 8x8 손글씨 숫자를 4x4로 줄인 뒤, 4x4 이미지에서 8x8 원본을 복원하는 초해상도(super-resolution)
        모델을 PyTorch로 만듭니다. 각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md("## 1. 데이터 불러오기와 전처리\n데이터를 0~1로 스케일링하고, 2x2 평균 풀링으로 4x4 저해상도 입력을 만드세요."),
    code(
        """
        import torch
        from torch import nn
        from sklearn.datasets import load_digits

        X = load_digits().images / 16.0  # (1797, 8, 8), 0~1
        print(X.shape)
        """
    ),
    code("# TODO: train / validation / test로 나누고, 4x4 입력을 만드세요."),
    md("## 2. 기준선과 모델 설계\n양선형 보간(bilinear) 기준선의 PSNR을 구하고, 초해상도 모델을 설계하세요."),
    code("# TODO: 기준선과 모델을 만드세요."),
    md("## 3. 학습과 하이퍼파라미터 실험\n여러 설정으로 학습하고 결과를 기록하세요."),
    code("# TODO: 학습하세요."),
    md("## 4. 실험 결과 시각화\n각 실험의 검증 손실 곡선을 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md("## 5. 테스트 평가\ntest PSNR을 기준선과 비교하고, 저해상도 / 복원 / 원본을 나란히 보여 주세요. 복원한 test 이미지는 `restored.npy`로 저장하세요."),
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
    import torch.nn.functional as F
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    SEED = 0
    torch.manual_seed(SEED)
    print("torch", torch.__version__)
    """
)

SPLIT = code(
    """
    X = torch.tensor(load_digits().images / 16.0, dtype=torch.float32).unsqueeze(1)  # (N, 1, 8, 8)
    idx_trainval, idx_test = train_test_split(np.arange(len(X)), test_size=0.2, random_state=SEED)
    idx_train, idx_val = train_test_split(idx_trainval, test_size=0.2, random_state=SEED)
    Htr, Hva, Hte = X[idx_train], X[idx_val], X[idx_test]          # 8x8 원본 (정답)
    Ltr, Lva, Lte = (F.avg_pool2d(h, 2) for h in (Htr, Hva, Hte))  # 4x4 저해상도 입력
    print(f"train {len(Htr)} / validation {len(Hva)} / test {len(Hte)}, 입력 {tuple(Ltr.shape[1:])} -> 출력 {tuple(Htr.shape[1:])}")
    """
)

PSNR = code(
    '''
    def psnr(pred, target):
        """픽셀 범위 0~1 기준 PSNR(dB), 이미지별 평균."""
        mse = ((pred - target) ** 2).flatten(1).mean(dim=1).clamp_min(1e-10)
        return (10 * torch.log10(1.0 / mse)).mean().item()

    def bilinear(low):
        return F.interpolate(low, scale_factor=2, mode="bilinear", align_corners=False)

    print(f"양선형 보간 기준선 validation PSNR: {psnr(bilinear(Lva), Hva):.2f} dB")
    '''
)

MODEL = code(
    '''
    class SuperRes(nn.Module):
        """양선형 보간으로 8x8까지 키운 뒤, 합성곱으로 잔차(빠진 세부)를 더한다."""

        def __init__(self, channels=32):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(),
                nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(),
                nn.Conv2d(channels, 1, 3, padding=1),
            )

        def forward(self, low):
            up = bilinear(low)
            return (up + self.body(up)).clamp(0, 1)

    SuperRes()
    '''
)

TRAIN = code(
    '''
    def train(model, lr, epochs=40, batch_size=64):
        """저해상도 -> 원본을 MSE로 학습하고, epoch마다 검증 손실을 기록한다."""
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        history = {"train_loss": [], "val_loss": []}
        for epoch in range(1, epochs + 1):
            model.train()
            order = torch.randperm(len(Ltr))
            for start in range(0, len(Ltr), batch_size):
                idx = order[start : start + batch_size]
                optimizer.zero_grad()
                loss = F.mse_loss(model(Ltr[idx]), Htr[idx])
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                history["train_loss"].append(F.mse_loss(model(Ltr), Htr).item())
                history["val_loss"].append(F.mse_loss(model(Lva), Hva).item())
            if epoch % 10 == 0:
                print(f"epoch {epoch:2d} train_loss {history['train_loss'][-1]:.4f} val_loss {history['val_loss'][-1]:.4f}")
        return history
    '''
)

TRIALS = code(
    """
    configs = [
        {"name": "channels=8, lr=1e-3", "channels": 8, "lr": 1e-3},
        {"name": "channels=32, lr=1e-3", "channels": 32, "lr": 1e-3},
        {"name": "channels=32, lr=3e-3", "channels": 32, "lr": 3e-3},
    ]
    histories, models, rows = {}, {}, []
    for cfg in configs:
        torch.manual_seed(SEED)
        model = SuperRes(cfg["channels"])
        print(f"===== {cfg['name']} =====")
        history = train(model, cfg["lr"])
        with torch.no_grad():
            val_psnr = psnr(model(Lva), Hva)
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
        restored = best_model(Lte)
    np.save("restored.npy", restored.squeeze(1).numpy())  # (360, 8, 8): test 순서 그대로 저장
    print("최종 모델:", best_name)
    print(f"테스트 PSNR: {psnr(restored, Hte):.2f}")
    print(f"양선형 보간 기준선 test PSNR: {psnr(bilinear(Lte), Hte):.2f} dB")
    """
)

SHOW = code(
    """
    fig, axes = plt.subplots(3, 8, figsize=(10, 4))
    for i in range(8):
        for row, (images, title) in enumerate([(Lte, "low-res 4x4"), (restored, "super-res"), (Hte, "original 8x8")]):
            axes[row, i].imshow(images[i, 0], cmap="gray_r", vmin=0, vmax=1)
            axes[row, i].axis("off")
            if i == 0:
                axes[row, i].set_title(title, fontsize=9, loc="left")
    plt.tight_layout()
    plt.show()
    """
)


def reference_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 손글씨 숫자 초해상도 (PyTorch) — 참고 답안

            `load_digits()`의 8x8 숫자를 2x2 평균 풀링으로 4x4로 줄이고, 4x4에서 8x8 원본을 복원하는 작은 합성곱 모델을 학습합니다.
            양선형 보간을 기준선으로 두고, 채널 수와 learning rate를 바꾼 세 설정을 검증 손실로 비교한 뒤 test PSNR로 평가합니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터와 전처리

            - **스케일링 (`/ 16`)**: 픽셀 최댓값이 16이라 16으로 나눠 0~1로 맞춥니다. PSNR을 최댓값 1 기준으로 계산하고, 출력도 0~1로
              자르기 때문에 입력과 정답의 범위를 같게 해야 합니다.
            - **저해상도 입력 (2x2 평균 풀링)**: 카메라가 작은 화소로 빛을 모으는 것과 비슷하게 이웃 4픽셀의 평균으로 줄였습니다.
              정답(8x8)이 정확히 알려진 짝을 만들 수 있기 때문에 지도 학습으로 풀 수 있습니다.

            ### 데이터 분할
            test 20%를 먼저 떼고, 나머지의 20%를 validation으로 씁니다. 설정은 validation 손실로만 고르고, test는 마지막에 한 번 봅니다.
            """
        ),
        SPLIT,
        PSNR,
        md(
            """
            ## 2. 모델 설계

            **왜 보간 + 잔차 합성곱인가**: 양선형 보간만으로도 대략의 모양은 나오므로, 모델은 보간 결과에 빠진 세부(획의 경계)만
            더하도록 잔차(residual)로 설계했습니다. 처음부터 8x8 전체를 만드는 것보다 배울 것이 적어 작은 데이터에서도 안정적으로 학습됩니다.
            3x3 합성곱 세 층이면 출력 픽셀마다 7x7 범위를 보므로 8x8 이미지 전체의 맥락을 담을 수 있습니다.
            """
        ),
        MODEL,
        md(
            """
            ## 3. 학습과 하이퍼파라미터 실험

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | channels=8, lr=1e-3 | 채널 ↓ | 작은 모델로도 충분한지 확인 |
            | channels=32, lr=1e-3 | 기준 | 8x8 이미지에 알맞은 크기 |
            | channels=32, lr=3e-3 | learning rate ↑ | 40 epoch 안에 더 잘 수렴하는지 확인 |

            `batch_size=64`, `epochs=40`: train 1,149장이면 epoch당 18번 업데이트되어, 40 epoch이면 검증 손실이 거의 평평해집니다.
            """
        ),
        TRAIN,
        TRIALS,
        CURVES,
        md(numbers),
        md("## 4. 최종 모델과 test 평가\n\n검증 손실이 가장 낮은 설정으로 test PSNR을 양선형 보간 기준선과 비교하고, 예시를 나란히 봅니다."),
        TEST,
        SHOW,
        md(
            """
            ## 회고

            ### 배운 점
            - 보간 결과에 잔차만 더하도록 설계하니 처음 epoch부터 기준선보다 나은 출력이 나와, 구조 설계가 학습을 얼마나 쉽게 만드는지 배웠습니다.
            - 4x4에서는 정보가 사라져 3과 8, 1과 7처럼 비슷한 숫자의 세부를 되살리기 어렵다는 것도 확인했습니다.

            ### 아쉬운 점
            - 손실로 MSE만 썼습니다. MSE는 흐릿한 평균을 선호해서, 지각 손실이나 GAN 손실(SRGAN)을 썼다면 더 선명했을 것입니다.

            ### 느낀 점
            - PSNR이 몇 dB 오르는 것보다 저해상도 / 복원 / 원본을 나란히 보는 것이 개선을 훨씬 잘 보여 주었습니다.

            ### 어려웠던 점
            - 출력 범위를 0~1로 자르지 않았을 때 일부 픽셀이 음수가 되어 PSNR 계산이 어긋나, clamp 위치를 정하는 데 시간이 걸렸습니다.
            """
        ),
    ]


WEAK_TRAIN = code(
    """
    model = SuperRes(8)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1, 4):
        for start in range(0, len(Ltr), 64):
            optimizer.zero_grad()
            loss = F.mse_loss(model(Ltr[start : start + 64]), Htr[start : start + 64])
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
    with torch.no_grad():
        out = model(Lte)
    np.save("restored.npy", out.squeeze(1).numpy())
    print(f"test PSNR: {psnr(out, Hte):.2f}")
    """
)


def weak_cells() -> Cells:
    """Train/test only, one run of 3 epochs, no baseline, no figures, no text."""
    return [
        md("# 초해상도"),
        IMPORTS,
        code(
            """
            X = torch.tensor(load_digits().images / 16.0, dtype=torch.float32).unsqueeze(1)
            idx_train, idx_test = train_test_split(np.arange(len(X)), test_size=0.2, random_state=SEED)
            Htr, Hte = X[idx_train], X[idx_test]
            Ltr, Lte = F.avg_pool2d(Htr, 2), F.avg_pool2d(Hte, 2)
            """
        ),
        code(
            '''
            def psnr(pred, target):
                mse = ((pred - target) ** 2).flatten(1).mean(dim=1).clamp_min(1e-10)
                return (10 * torch.log10(1.0 / mse)).mean().item()

            def bilinear(low):
                return F.interpolate(low, scale_factor=2, mode="bilinear", align_corners=False)
            '''
        ),
        MODEL,
        WEAK_TRAIN,
    ]


# --------------------------------------------------------------------------------------------
# strong: sub-pixel convolution on the 4x4 input plus a bilinear skip, three trials, own text
# --------------------------------------------------------------------------------------------

STRONG_DATA = code(
    """
    images = torch.tensor(load_digits().images / 16.0, dtype=torch.float32).unsqueeze(1)  # (1797, 1, 8, 8)
    rest_idx, test_idx = train_test_split(np.arange(len(images)), test_size=0.2, random_state=0)
    train_idx, val_idx = train_test_split(rest_idx, test_size=0.15, random_state=0)

    high_train, high_val, high_test = images[train_idx], images[val_idx], images[test_idx]
    low_train, low_val, low_test = (F.avg_pool2d(h, 2) for h in (high_train, high_val, high_test))
    print("train", len(high_train), "/ validation", len(high_val), "/ test", len(high_test))
    print("입력", tuple(low_train.shape[1:]), "-> 정답", tuple(high_train.shape[1:]))
    """
)

STRONG_BASELINE = code(
    '''
    def psnr(pred, target):
        """0~1 이미지의 PSNR(dB)을 이미지마다 구해 평균낸다."""
        mse = ((pred - target) ** 2).flatten(1).mean(dim=1).clamp_min(1e-10)
        return (10 * torch.log10(1.0 / mse)).mean().item()

    def upsample(low):
        return F.interpolate(low, scale_factor=2, mode="bilinear", align_corners=False)

    print(f"bilinear 기준선 validation PSNR: {psnr(upsample(low_val), high_val):.2f} dB")
    '''
)

STRONG_MODEL = code(
    '''
    class SubPixelSR(nn.Module):
        """4x4에서 특징을 뽑고 PixelShuffle로 8x8을 만든 뒤 bilinear 결과에 더한다."""

        def __init__(self, channels=32):
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(),
                nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(),
                nn.Conv2d(channels, 4, 3, padding=1),
            )
            self.shuffle = nn.PixelShuffle(2)  # (4, 4, 4) -> (1, 8, 8)

        def forward(self, low):
            return (upsample(low) + self.shuffle(self.features(low))).clamp(0, 1)

    for c in (16, 32):
        print(c, "channels:", sum(p.numel() for p in SubPixelSR(c).parameters()), "parameters")
    '''
)

STRONG_TRAIN = code(
    '''
    def train_sr(model, lr, epochs=50, batch_size=64):
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        curve = {"train": [], "val": []}
        for epoch in range(1, epochs + 1):
            model.train()
            for batch in torch.randperm(len(low_train)).split(batch_size):
                opt.zero_grad()
                F.mse_loss(model(low_train[batch]), high_train[batch]).backward()
                opt.step()
            model.eval()
            with torch.no_grad():
                curve["train"].append(F.mse_loss(model(low_train), high_train).item())
                curve["val"].append(F.mse_loss(model(low_val), high_val).item())
            if epoch % 10 == 0:
                print(f"  epoch {epoch:2d}: train {curve['train'][-1]:.4f}, val {curve['val'][-1]:.4f}")
        return curve
    '''
)

STRONG_TRIALS = code(
    """
    experiments = [
        {"label": "ch16 lr1e-3", "channels": 16, "lr": 1e-3},
        {"label": "ch32 lr1e-3", "channels": 32, "lr": 1e-3},
        {"label": "ch32 lr3e-4", "channels": 32, "lr": 3e-4},
    ]
    curves, trained, summary = {}, {}, []
    for experiment in experiments:
        print(experiment["label"])
        torch.manual_seed(0)
        net = SubPixelSR(experiment["channels"])
        curves[experiment["label"]] = train_sr(net, experiment["lr"])
        trained[experiment["label"]] = net
        with torch.no_grad():
            summary.append({"experiment": experiment["label"],
                            "val_loss": round(curves[experiment["label"]]["val"][-1], 4),
                            "val_psnr": round(psnr(net(low_val), high_val), 2)})
    summary = pd.DataFrame(summary).sort_values("val_psnr", ascending=False).reset_index(drop=True)
    summary
    """
)

STRONG_CURVES = code(
    """
    plt.figure(figsize=(8, 4))
    for label, curve in curves.items():
        plt.plot(curve["val"], label=label)
    plt.axhline(F.mse_loss(upsample(low_val), high_val).item(), color="gray", ls="--", label="bilinear")
    plt.xlabel("epoch")
    plt.ylabel("validation MSE")
    plt.title("validation loss of the three experiments")
    plt.legend()
    plt.grid(alpha=0.3)
    plt.show()
    """
)

STRONG_TEST = code(
    """
    winner = summary.loc[0, "experiment"]
    final = trained[winner].eval()
    with torch.no_grad():
        restored = final(low_test)
    np.save("restored.npy", restored.squeeze(1).numpy())  # test 360장, 분할 순서 그대로
    print("최종:", winner)
    print(f"테스트 PSNR: {psnr(restored, high_test):.2f} dB")
    print(f"bilinear 테스트 PSNR: {psnr(upsample(low_test), high_test):.2f} dB")
    """
)

STRONG_SHOW = code(
    """
    fig, axes = plt.subplots(3, 10, figsize=(12, 4))
    for i in range(10):
        for r, (title, batch) in enumerate([("low-res 4x4", low_test), ("restored", restored), ("original", high_test)]):
            axes[r, i].imshow(batch[i, 0], cmap="gray", vmin=0, vmax=1)
            axes[r, i].axis("off")
            if i == 0:
                axes[r, i].set_title(title, fontsize=9, loc="left")
    plt.tight_layout()
    plt.show()
    """
)


def strong_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 4x4 숫자를 8x8로 — PixelShuffle 초해상도

            손글씨 숫자를 2x2 평균 풀링으로 4x4까지 줄인 다음, 원래 8x8을 되살리는 모델을 만들었습니다.
            bilinear 보간을 기준선으로 두고, 채널 수와 learning rate를 바꾼 세 번의 실험으로 설정을 골랐습니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터

            - PSNR을 최댓값 1로 계산하려고 픽셀을 16으로 나눠 0~1로 맞췄습니다. 출력도 0~1로 자르기 때문에 정답과 범위가 같아야 합니다.
            - 저해상도 입력은 `F.avg_pool2d`로 만들었습니다. 8x8 정답이 정확히 있는 짝이 생기기 때문에, 보간만으로는 알 수 없는 세부를 지도 학습으로 배울 수 있습니다.
            - test 20%(360장)를 `random_state=0`으로 먼저 떼고, 나머지의 15%를 validation으로 썼습니다. 실험 비교는 validation으로만 하고 test는 마지막에 한 번 봅니다.
            """
        ),
        STRONG_DATA,
        STRONG_BASELINE,
        md(
            """
            ## 2. 모델

            처음 생각은 보간한 8x8에 합성곱을 거는 것이었는데, 그러면 늘어난 픽셀 전부에 합성곱을 해야 합니다.
            대신 작은 4x4에서 특징을 뽑고 `PixelShuffle`로 채널 4개를 2x2 위치로 펼치는 sub-pixel 방식을 골랐습니다. 연산이 4배 적고,
            위치마다 다른 필터를 배우기 때문에 보간보다 선명한 경계를 만들 수 있다고 봤습니다.
            그리고 bilinear 결과에 더하는 잔차 구조로 만들었는데, 모델이 처음부터 보간보다 나쁘지 않은 곳에서 출발하기 위해서입니다.
            """
        ),
        STRONG_MODEL,
        md(
            """
            ## 3. 학습과 실험

            | 실험 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | ch16 lr1e-3 | 채널 16 | 파라미터가 적어도 되는지 보려고 |
            | ch32 lr1e-3 | 채널 32 | 기준 |
            | ch32 lr3e-4 | learning rate 1/3 | 잔차가 작은 값이라 작은 lr이 더 안정적인지 보려고 |

            train이 1,200장 정도라 batch 64면 epoch마다 19번 업데이트되므로 50 epoch으로 정했습니다.
            """
        ),
        STRONG_TRAIN,
        STRONG_TRIALS,
        STRONG_CURVES,
        md(numbers),
        md("## 4. test 평가\n\nvalidation PSNR이 가장 높은 실험의 모델로 test를 복원해 `restored.npy`로 저장하고, bilinear와 비교했습니다."),
        STRONG_TEST,
        STRONG_SHOW,
        md(
            """
            ## 회고

            **배운 점** — `PixelShuffle`은 채널을 공간으로 옮기는 재배열일 뿐인데도, 4x4에서 모든 계산을 끝낼 수 있게 해 줘서 학습이 빨랐습니다.
            bilinear 결과에 잔차만 더하게 하니 첫 epoch부터 기준선보다 좋았습니다.

            **아쉬운 점** — MSE만 썼더니 획 끝이 여전히 조금 번집니다. SSIM이나 지각 손실을 함께 써 보지 못했습니다.

            **느낀 점** — 4x4로 줄이면 사람 눈에도 3과 8이 헷갈리는데, 모델이 숫자 모양을 기억해서 되살리는 것이 신기했습니다.

            **어려웠던 점** — 처음에 test 이미지를 섞은 순서로 저장했다가 PSNR을 다시 재 보니 값이 이상해서, 분할 순서 그대로 저장해야 한다는 것을 뒤늦게 알았습니다.
            """
        ),
    ]


# --------------------------------------------------------------------------------------------
# baseline-saved: the silent bug. The baseline cell saves its bilinear output as restored.npy;
# the test cell prints the model's PSNR but never saves the model's output, so the handed-in
# file is the interpolation baseline.
# --------------------------------------------------------------------------------------------

SAVED_BASELINE = code(
    """
    with torch.no_grad():
        restored = bilinear(Lte)
    np.save("restored.npy", restored.squeeze(1).numpy())
    print(f"양선형 보간 기준선 test PSNR: {psnr(restored, Hte):.2f} dB")
    """
)

SAVED_TRIALS = code(
    """
    results = {}
    for channels in [8, 32]:
        torch.manual_seed(SEED)
        model = SuperRes(channels)
        history = train(model, lr=1e-3)
        results[channels] = (model, history)
    """
)

SAVED_CURVES = code(
    """
    for channels, (_, history) in results.items():
        plt.plot(history["val_loss"], label=f"channels={channels}")
    plt.xlabel("epoch")
    plt.ylabel("val_loss")
    plt.legend()
    plt.show()
    """
)

SAVED_TEST = code(
    """
    model = results[32][0].eval()
    with torch.no_grad():
        sr = model(Lte)
    print(f"테스트 PSNR: {psnr(sr, Hte):.2f} dB")

    fig, axes = plt.subplots(3, 6, figsize=(7, 4))
    for i in range(6):
        for row, batch in enumerate([Lte, sr, Hte]):
            axes[row, i].imshow(batch[i, 0], cmap="gray_r")
            axes[row, i].axis("off")
    axes[0, 0].set_title("low", loc="left")
    axes[1, 0].set_title("super-res", loc="left")
    axes[2, 0].set_title("original", loc="left")
    plt.show()
    """
)


def baseline_saved_cells(numbers: str) -> Cells:
    return [
        md("# 숫자 초해상도\n\n4x4로 줄인 숫자를 8x8로 복원하는 모델을 만들고 양선형 보간과 비교합니다."),
        IMPORTS,
        md(
            """
            ## 데이터
            PSNR을 0~1 기준으로 계산하기 위해 픽셀을 16으로 나눴습니다. 4x4 입력은 2x2 평균 풀링으로 만들었습니다.
            train / validation / test로 나눠서 validation으로 채널 수를 고릅니다.
            """
        ),
        SPLIT,
        PSNR,
        md("## 기준선\n먼저 양선형 보간으로 test를 복원해 기준 PSNR을 구하고 결과를 저장했습니다."),
        SAVED_BASELINE,
        md(
            """
            ## 모델
            보간 결과에 빠진 세부만 더하면 되기 때문에, 보간 + 잔차 합성곱 구조를 골랐습니다.
            채널 수가 8일 때와 32일 때를 비교하고, learning rate는 Adam 기본값 1e-3을 썼습니다.
            """
        ),
        MODEL,
        TRAIN,
        SAVED_TRIALS,
        SAVED_CURVES,
        md(numbers),
        SAVED_TEST,
        md(
            """
            ## 회고
            - 배운 점: 잔차 구조로 만들면 처음부터 보간보다 좋은 결과가 나온다는 것을 배웠습니다.
            - 아쉬운 점: 채널 수 말고 learning rate는 바꿔 보지 못했습니다.
            """
        ),
    ]


def _numbers(name: str) -> str:
    """The markdown results text written after reading the first build's outputs."""
    table = REPO / "examples" / f"{name}_numbers.md"
    text = table.read_text(encoding="utf-8") if table.is_file() else "### 결과\n\n(첫 실행 뒤에 씁니다)"
    return textwrap.dedent(text).strip()


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "weak", "strong", "baseline-saved"}
    table = REPO / "examples" / "superres_numbers.md"
    numbers = table.read_text(encoding="utf-8") if table.is_file() else "### 실험 결과 기록\\n\\n(첫 실행 뒤에 씁니다)"
    if "starter" in wanted:
        build("starter", STARTER, PACK / "starter.ipynb", run=False)
    if "reference" in wanted:
        build("reference", reference_cells(textwrap.dedent(numbers).strip()), REFERENCE / "solution.ipynb")
    if "weak" in wanted:
        build("weak", weak_cells(), SUBMISSIONS / "weak" / "weak.ipynb")  # with its restored.npy
    for folder in ("strong", "baseline-saved"):
        (SUBMISSIONS / folder).mkdir(parents=True, exist_ok=True)
    if "strong" in wanted:
        build("strong", strong_cells(_numbers("superres_strong")), SUBMISSIONS / "strong" / "strong.ipynb")
    if "baseline-saved" in wanted:
        cells = baseline_saved_cells(_numbers("superres_baseline_saved"))
        build("baseline-saved", cells, SUBMISSIONS / "baseline-saved" / "superres.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
