"""Build the regression-diabetes (PyTorch) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (the notebooks execute in the
course kernel, which has torch; the grader's own environment never imports it):

    .venv/bin/python examples/build_regression_examples.py            # everything
    .venv/bin/python examples/build_regression_examples.py reference  # only some

Data: scikit-learn's bundled ``load_diabetes()`` (442 patients, 10 features), no network.
Seeds are fixed; each notebook trains in a few seconds on 2 CPU cores. The answer keys
(``examples/keys/regression-diabetes/*.yaml``) are written by hand.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat
from build_examples import code, make_notebook, md, write
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "assignments" / "regression-diabetes"
REFERENCE = REPO / "reference_solutions" / "regression-diabetes"
SUBMISSIONS = REPO / "examples" / "submissions" / "regression-diabetes"
COURSE_PYTHON = Path.home() / ".local/share/grader/kernels/course/bin/python"

Cells = list[tuple[str, str]]

IMPORTS = code(
    """
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import torch
    from torch import nn
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
    from sklearn.metrics import mean_absolute_error, r2_score
    from sklearn.linear_model import LinearRegression

    SEED = 42
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    print("torch", torch.__version__)
    """
)

STARTER: Cells = [
    md(
        """
        # 당뇨병 진행도 회귀 (PyTorch, early stopping)

        scikit-learn에 내장된 당뇨병 데이터(환자 442명, 특성 10개)로 1년 뒤 질병 진행도를 예측하는 회귀 모델을 PyTorch로 만듭니다.
        각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md("## 1. 데이터 불러오기와 전처리\n데이터를 불러와 특성과 타깃의 분포를 확인하고, 어떤 전처리를 왜 했는지 설명해 보세요."),
    code(
        """
        import numpy as np
        import torch
        from torch import nn
        from sklearn.datasets import load_diabetes

        X, y = load_diabetes(return_X_y=True)
        print(X.shape, y.shape)
        """
    ),
    code("# TODO: 데이터를 train / validation / test로 나누고, 특성을 표준화하세요."),
    md("## 2. 모델 설계\n회귀 모델을 설계하고, 왜 이 구조를 선택했는지 설명해 보세요."),
    code("# TODO: nn.Module로 회귀 모델을 만드세요."),
    md(
        "## 3. 학습과 early stopping\n검증 손실이 좋아지지 않으면 학습을 멈추는 early stopping을 "
        "직접 구현하고, 하이퍼파라미터를 바꿔 가며 여러 번 학습하세요."
    ),
    code("# TODO: 학습 루프와 early stopping을 구현하세요."),
    md("## 4. 실험 결과 시각화\n각 실험의 검증 손실 곡선을 그려 비교해 보세요."),
    code("# TODO: 학습 곡선을 그리세요."),
    md("## 5. 테스트 평가\n가장 좋은 모델로 test 데이터의 MAE와 R2를 출력하고, 예측값과 실제값을 산점도로 비교하세요."),
    code("# TODO: test 데이터로 평가하세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]

SPLIT = code(
    """
    X, y = load_diabetes(return_X_y=True)
    X_trainval, X_test, y_trainval, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED)
    X_train, X_val, y_train, y_val = train_test_split(
        X_trainval, y_trainval, test_size=0.25, random_state=SEED
    )
    scaler = StandardScaler().fit(X_train)  # train 통계로만 맞춘다
    y_mean, y_std = y_train.mean(), y_train.std()

    def to_tensors(features, target):
        xs = torch.tensor(scaler.transform(features), dtype=torch.float32)
        ys = torch.tensor((target - y_mean) / y_std, dtype=torch.float32).unsqueeze(1)
        return xs, ys

    Xtr, ytr = to_tensors(X_train, y_train)
    Xva, yva = to_tensors(X_val, y_val)
    Xte, yte = to_tensors(X_test, y_test)
    for name, part in [("train", y_train), ("validation", y_val), ("test", y_test)]:
        print(f"{name:>10}: {len(part)}명, 타깃 평균 {part.mean():.1f}")
    """
)

MODEL = code(
    '''
    def build_model(hidden=32, dropout=0.1):
        """10개 특성 -> 은닉층 2개 -> 진행도 1개를 내는 작은 MLP."""
        return nn.Sequential(
            nn.Linear(10, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    build_model()
    '''
)

TRAIN = code(
    '''
    def train(model, lr, max_epochs=400, patience=20, batch_size=32):
        """미니배치 Adam 학습. 검증 손실이 patience epoch 동안 좋아지지 않으면 멈추고
        가장 좋았던 가중치로 되돌린다 (early stopping)."""
        optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
        loss_fn = nn.MSELoss()
        history = {"train_loss": [], "val_loss": []}
        best_loss, best_state, waited = float("inf"), None, 0
        for epoch in range(1, max_epochs + 1):
            model.train()
            order = torch.randperm(len(Xtr))
            for start in range(0, len(Xtr), batch_size):
                idx = order[start : start + batch_size]
                optimizer.zero_grad()
                loss = loss_fn(model(Xtr[idx]), ytr[idx])
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                train_loss = loss_fn(model(Xtr), ytr).item()
                val_loss = loss_fn(model(Xva), yva).item()
            history["train_loss"].append(train_loss)
            history["val_loss"].append(val_loss)
            if val_loss < best_loss - 1e-4:
                best_loss, waited = val_loss, 0
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
            else:
                waited += 1
            if epoch % 25 == 0 or waited >= patience:
                print(f"epoch {epoch:3d} train_loss {train_loss:.4f} val_loss {val_loss:.4f}")
            if waited >= patience:
                print(f"early stopping: {epoch} epoch에서 멈춤 (가장 좋은 val_loss {best_loss:.4f})")
                break
        model.load_state_dict(best_state)
        return history, best_loss
    '''
)

TRIALS = code(
    """
    configs = [
        {"name": "lr=1e-2, hidden=32", "lr": 1e-2, "hidden": 32},
        {"name": "lr=1e-3, hidden=32", "lr": 1e-3, "hidden": 32},
        {"name": "lr=1e-3, hidden=8", "lr": 1e-3, "hidden": 8},
    ]
    histories, models, rows = {}, {}, []
    for cfg in configs:
        torch.manual_seed(SEED)  # 설정마다 같은 초기값에서 시작
        model = build_model(cfg["hidden"])
        print(f"===== {cfg['name']} =====")
        history, best_val = train(model, cfg["lr"])
        histories[cfg["name"]], models[cfg["name"]] = history, model
        rows.append({"config": cfg["name"], "epochs_run": len(history["val_loss"]),
                     "best_val_loss": round(best_val, 4)})
    results_df = pd.DataFrame(rows).sort_values("best_val_loss").reset_index(drop=True)
    results_df
    """
)

CURVES = code(
    """
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name, hist in histories.items():
        ax.plot(hist["val_loss"], label=f"{name} (val)")
    ax.set_title("Validation loss by config (MSE on standardised target)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("val_loss")
    ax.set_ylim(0.3, 1.2)
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
        pred = best_model(Xte).squeeze(1).numpy() * y_std + y_mean
    test_mae = mean_absolute_error(y_test, pred)
    test_r2 = r2_score(y_test, pred)
    baseline = LinearRegression().fit(scaler.transform(X_train), y_train)
    base_pred = baseline.predict(scaler.transform(X_test))
    print("최종 모델:", best_name)
    print(f"테스트 MAE: {test_mae:.2f}")
    print(f"테스트 R2: {test_r2:.4f}")
    print(f"선형 회귀 기준선 - MAE {mean_absolute_error(y_test, base_pred):.2f}, R2 {r2_score(y_test, base_pred):.4f}")
    """
)

SCATTER = code(
    """
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.scatter(y_test, pred, alpha=0.6)
    lims = [min(y_test.min(), pred.min()), max(y_test.max(), pred.max())]
    ax.plot(lims, lims, "r--", label="perfect prediction")
    ax.set_xlabel("true progression")
    ax.set_ylabel("predicted progression")
    ax.set_title(f"Test set: predicted vs true (R2={test_r2:.3f})")
    ax.legend()
    plt.tight_layout()
    plt.show()
    """
)


def reference_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 당뇨병 진행도 회귀 (PyTorch) — 참고 답안

            scikit-learn의 `load_diabetes()`(환자 442명, 특성 10개)로 1년 뒤 질병 진행도를 예측합니다.
            train / validation / test로 나누고, 검증 손실로 학습을 멈추는 early stopping을 직접 구현한 뒤
            learning rate와 은닉층 크기를 바꾼 세 가지 설정을 비교하고, 가장 좋은 모델만 test로 한 번 평가합니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터와 전처리

            - **표준화 (`StandardScaler`)**: 특성마다 분산이 달라서, 표준화하지 않으면 분산이 큰 특성의 가중치만 빨리 학습되기 때문에
              모든 특성을 평균 0, 표준편차 1로 맞춥니다. 그래야 Adam의 학습률 하나로 모든 가중치가 고르게 학습됩니다.
              scaler는 **train 데이터로만** 맞춥니다. validation이나 test의 통계가 섞이면 평가가 낙관적으로 부풀려지기 때문입니다.
            - **타깃 표준화**: 진행도는 25~346 범위라 그대로 MSE를 쓰면 손실이 수천이 되어 학습률을 고르기 어렵습니다.
              train의 평균과 표준편차로 표준화해 학습하고, 평가할 때 원래 단위로 되돌립니다.

            ### 데이터 분할

            test 20%를 먼저 떼어 두고, 나머지의 25%를 validation으로 씁니다 (train 264 / validation 89 / test 89명).
            validation은 early stopping과 설정 비교의 기준이고, test는 마지막에 한 번만 봅니다.
            """
        ),
        SPLIT,
        md(
            """
            ## 2. 모델 설계

            **왜 작은 MLP인가**: 표 형태의 특성 10개라 이미지처럼 공간 구조가 없으므로 합성곱이 아닌 완전연결층을 씁니다.
            데이터가 264명뿐이라 큰 모델은 금방 외워 버리므로 은닉층 두 개(32유닛)로 작게 두고, 첫 은닉층 뒤에 `Dropout(0.1)`,
            옵티마이저에 작은 `weight_decay`를 넣어 과적합을 줄입니다. 출력은 진행도 하나이므로 활성화 없는 `Linear(hidden, 1)`입니다.
            """
        ),
        MODEL,
        md(
            """
            ## 3. 학습과 early stopping, 하이퍼파라미터 실험

            | 설정 | 바꾼 것 | 이유 |
            | --- | --- | --- |
            | lr=1e-2, hidden=32 | learning rate ↑ | 빨리 수렴하는지, 검증 손실이 흔들리는지 확인 |
            | lr=1e-3, hidden=32 | 기준 | Adam의 기본 학습률 |
            | lr=1e-3, hidden=8 | 은닉 유닛 ↓ | 더 작은 모델이 작은 데이터에서 덜 과적합하는지 확인 |

            - `batch_size=32`: train 264명이면 epoch당 9번 업데이트되어 기울기 잡음이 적당합니다.
            - early stopping: `max_epochs=400`, `patience=20`. 검증 손실이 20 epoch 동안 좋아지지 않으면 멈추고 가장 좋았던 가중치로 되돌립니다.
              epoch 수를 설정마다 따로 고르지 않아도 되고, 검증 손실이 다시 오르기 시작하는 과적합 구간을 잘라 냅니다.
            """
        ),
        TRAIN,
        TRIALS,
        CURVES,
        md(numbers),
        md("## 4. 최종 모델과 test 평가\n\n검증 손실이 가장 낮은 설정(표의 첫 줄)을 골라 test 데이터로 한 번 평가하고, 선형 회귀 기준선과 비교합니다."),
        TEST,
        SCATTER,
        md(
            """
            ## 회고

            ### 배운 점
            - early stopping을 직접 구현해 보니, 가장 좋았던 가중치를 따로 저장해 두었다가 되돌리는 부분이 핵심이라는 것을 알았습니다.
            - 타깃을 표준화하니 MSE가 1 근처에서 시작해 학습률을 고르기가 훨씬 쉬웠습니다.

            ### 아쉬운 점
            - validation이 89명뿐이라 설정 사이의 차이가 우연일 수 있습니다. k-fold 교차검증으로 비교했으면 더 믿을 만했을 것입니다.
            - 신경망이 선형 회귀 기준선보다 크게 낫지 않았습니다. 특성이 10개뿐인 작은 데이터에서는 단순한 모델도 충분히 강하다는 뜻입니다.

            ### 느낀 점
            - 실험 결과를 표로 남기니 설정마다 몇 epoch에서 멈췄는지까지 한눈에 비교할 수 있어 좋았습니다.

            ### 어려웠던 점
            - patience를 너무 작게 잡으면 학습률이 작은 설정이 충분히 학습되기 전에 멈춰서, 적당한 값을 찾는 데 시간이 걸렸습니다.
            """
        ),
    ]


WEAK: Cells = [
    md("# 당뇨병 회귀"),
    IMPORTS,
    code(
        """
        X, y = load_diabetes(return_X_y=True)
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED)
        scaler = StandardScaler().fit(X_train)
        Xtr = torch.tensor(scaler.transform(X_train), dtype=torch.float32)
        Xte = torch.tensor(scaler.transform(X_test), dtype=torch.float32)
        ytr = torch.tensor(y_train, dtype=torch.float32).unsqueeze(1)
        """
    ),
    code(
        """
        # 모델
        model = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 1))
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        loss_fn = nn.MSELoss()
        for epoch in range(1, 101):
            optimizer.zero_grad()
            loss = loss_fn(model(Xtr), ytr)
            loss.backward()
            optimizer.step()
            if epoch % 20 == 0:
                print(f"epoch {epoch} loss {loss.item():.1f}")
        """
    ),
    code(
        """
        with torch.no_grad():
            pred = model(Xte).squeeze(1).numpy()
        print(f"test MAE: {mean_absolute_error(y_test, pred):.2f}")
        print(f"test R2: {r2_score(y_test, pred):.4f}")
        """
    ),
]


TRAIN_FIXED = code(
    '''
    def train(model, lr, epochs=300, batch_size=32):
        """미니배치 Adam으로 정해진 epoch만큼 학습한다."""
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        loss_fn = nn.MSELoss()
        history = {"train_loss": [], "val_loss": []}
        for epoch in range(1, epochs + 1):
            model.train()
            order = torch.randperm(len(Xtr))
            for start in range(0, len(Xtr), batch_size):
                idx = order[start : start + batch_size]
                optimizer.zero_grad()
                loss = loss_fn(model(Xtr[idx]), ytr[idx])
                loss.backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                history["train_loss"].append(loss_fn(model(Xtr), ytr).item())
                history["val_loss"].append(loss_fn(model(Xva), yva).item())
            if epoch % 100 == 0:
                print(f"epoch {epoch:3d} train_loss {history['train_loss'][-1]:.4f} val_loss {history['val_loss'][-1]:.4f}")
        return history, history["val_loss"][-1]
    '''
)


def fixed_epochs_cells() -> Cells:
    """The reference without early stopping (300 epochs, overfits) and without a retrospective."""
    cells = reference_cells("")
    cells = [TRAIN_FIXED if c == TRAIN else c for c in cells[1:] if c[1] != ""]
    title = md("# 당뇨병 진행도 회귀 (PyTorch)\n\n`load_diabetes()`로 진행도를 예측하는 MLP를 세 가지 설정으로 비교합니다.")
    return [title, *(c for c in cells if not c[1].startswith("## 회고"))]


# --------------------------------------------------------------------------------------------
# strong: a student's own early-stopping loop, dropout x learning-rate trials, own reasons
# --------------------------------------------------------------------------------------------

STRONG_PREP = code(
    """
    data = load_diabetes(as_frame=True)
    features, target = data.data, data.target
    X_rest, X_test, y_rest, y_test = train_test_split(features, target, test_size=0.2, random_state=SEED)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.2, random_state=SEED)

    x_scaler = StandardScaler().fit(X_train)
    t_mean, t_std = float(y_train.mean()), float(y_train.std())

    def tensors(X, y):
        x = torch.tensor(x_scaler.transform(X), dtype=torch.float32)
        t = torch.tensor(((y - t_mean) / t_std).to_numpy(), dtype=torch.float32).view(-1, 1)
        return x, t

    train_x, train_t = tensors(X_train, y_train)
    val_x, val_t = tensors(X_val, y_val)
    test_x, test_t = tensors(X_test, y_test)
    print("train", len(train_x), "/ validation", len(val_x), "/ test", len(test_x))
    print("특성 표준편차(원본):", features.std().round(3).tolist())
    """
)

STRONG_NET = code(
    '''
    class Regressor(nn.Module):
        """특성 10개 -> 32 -> 16 -> 1."""

        def __init__(self, dropout=0.2):
            super().__init__()
            self.net = nn.Sequential(
                nn.Linear(10, 32), nn.ReLU(), nn.Dropout(dropout),
                nn.Linear(32, 16), nn.ReLU(), nn.Dropout(dropout),
                nn.Linear(16, 1),
            )

        def forward(self, x):
            return self.net(x)

    print(sum(p.numel() for p in Regressor().parameters()), "parameters")
    '''
)

STRONG_FIT = code(
    '''
    import copy


    def fit_with_early_stopping(model, lr, patience=15, max_epochs=500, batch_size=32):
        """val_loss가 patience번 연속 나아지지 않으면 멈추고, 가장 좋았던 가중치를 되돌린다."""
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        mse = nn.MSELoss()
        log = {"train": [], "val": []}
        best, best_weights, bad_epochs = float("inf"), None, 0
        for epoch in range(max_epochs):
            model.train()
            for idx in torch.randperm(len(train_x)).split(batch_size):
                opt.zero_grad()
                mse(model(train_x[idx]), train_t[idx]).backward()
                opt.step()
            model.eval()
            with torch.no_grad():
                log["train"].append(mse(model(train_x), train_t).item())
                log["val"].append(mse(model(val_x), val_t).item())
            if log["val"][-1] < best:
                best, bad_epochs = log["val"][-1], 0
                best_weights = copy.deepcopy(model.state_dict())
            else:
                bad_epochs += 1
                if bad_epochs == patience:
                    break
        model.load_state_dict(best_weights)
        print(f"  {len(log['val'])} epoch에서 early stopping, best val_loss {best:.4f} (epoch {log['val'].index(best) + 1})")
        return log, best
    '''
)

STRONG_RUNS = code(
    """
    settings = [
        {"lr": 1e-3, "dropout": 0.0},
        {"lr": 1e-3, "dropout": 0.3},
        {"lr": 3e-3, "dropout": 0.2},
    ]
    logs, nets, table = {}, {}, []
    for setting in settings:
        name = f"lr={setting['lr']:g}, dropout={setting['dropout']}"
        print(name)
        torch.manual_seed(SEED)
        net = Regressor(setting["dropout"])
        logs[name], best = fit_with_early_stopping(net, setting["lr"])
        nets[name] = net
        table.append({"setting": name, "epochs": len(logs[name]["val"]), "best_val_loss": round(best, 4)})
    table = pd.DataFrame(table).sort_values("best_val_loss").reset_index(drop=True)
    table
    """
)

STRONG_PLOT = code(
    """
    fig, ax = plt.subplots(figsize=(8, 4))
    for name, log in logs.items():
        line, = ax.plot(log["val"], label=f"{name} val")
        ax.plot(log["train"], ls=":", color=line.get_color(), alpha=0.6)
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE (standardised target)")
    ax.set_title("train (dotted) / validation (solid) loss per setting")
    ax.set_ylim(0.2, 1.2)
    ax.legend()
    plt.show()
    """
)

STRONG_EVAL = code(
    """
    chosen = table.loc[0, "setting"]
    model = nets[chosen].eval()
    with torch.no_grad():
        y_pred = model(test_x).numpy().ravel() * t_std + t_mean
    linear = LinearRegression().fit(x_scaler.transform(X_train), y_train)
    print("선택:", chosen)
    print(f"test MAE: {mean_absolute_error(y_test, y_pred):.2f}")
    print(f"test R2: {r2_score(y_test, y_pred):.4f}")
    print(f"선형 회귀 test R2: {r2_score(y_test, linear.predict(x_scaler.transform(X_test))):.4f}")
    """
)

STRONG_SCATTER = code(
    """
    plt.figure(figsize=(5, 5))
    plt.scatter(y_test, y_pred, s=18, alpha=0.7)
    plt.plot([25, 350], [25, 350], "k--", lw=1)
    plt.xlabel("actual")
    plt.ylabel("predicted")
    plt.title("test: predicted vs actual")
    plt.show()
    """
)


def strong_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 당뇨병 진행도 예측 — PyTorch MLP와 early stopping

            환자 442명의 나이, BMI, 혈압, 혈청 수치 6개로 1년 뒤 진행도를 맞히는 회귀 모델입니다.
            early stopping을 직접 짜 보고, dropout과 learning rate를 바꿔 세 번 학습해 비교했습니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터 나누기와 전처리

            - test 20%를 먼저 떼고, 남은 353명을 다시 8:2로 나눠 validation을 만들었습니다 (train 282 / validation 71 / test 89).
              early stopping이 validation을 보고 멈추기 때문에, 멈추는 시점을 고르는 데 쓴 데이터로 최종 점수를 내면 점수가 부풀려집니다.
              그래서 test는 마지막에 한 번만 씁니다.
            - `load_diabetes()`의 특성은 이미 중심이 0이지만 표준편차가 0.048 정도로 아주 작습니다. 입력이 이렇게 작으면 첫 층의 가중치가
              커져야 해서 학습이 느려지기 때문에 `StandardScaler`로 표준편차 1에 맞췄습니다. 평균과 표준편차는 train에서만 구했는데,
              validation과 test의 정보가 전처리에 새어 들어가지 않게 하기 위해서입니다.
            - 타깃(25~346)도 train의 평균·표준편차로 표준화했습니다. 손실이 1 근처에서 시작해야 learning rate를 비교하기 쉽기 때문입니다.
            """
        ),
        STRONG_PREP,
        md(
            """
            ## 2. 모델

            특성이 10개뿐인 표 데이터라 이미지나 순서 정보가 없으므로, 합성곱이나 RNN 대신 완전연결층 두 개짜리 MLP를 골랐습니다.
            train이 282명뿐이라 외워 버리기 쉬워서, 층마다 Dropout을 넣어 과적합을 줄이고 그 비율은 실험으로 정하기로 했습니다.
            """
        ),
        STRONG_NET,
        md(
            """
            ## 3. early stopping과 실험

            - `patience=15`: 작은 validation에서는 val_loss가 몇 epoch씩 흔들리기 때문에, 너무 작게 잡으면 한 번 튄 값에 멈춰 버립니다.
            - `batch_size=32`: train 282명이면 epoch마다 9번 업데이트됩니다. 데이터가 작아 배치를 더 키우면 업데이트 횟수가 너무 적어지기 때문에 32로 정했습니다.
            - 비교할 설정: dropout 0과 0.3(과적합을 얼마나 막는지), learning rate 1e-3과 3e-3(더 빨리 가면 더 좋은 곳에서 멈추는지).
            """
        ),
        STRONG_FIT,
        STRONG_RUNS,
        STRONG_PLOT,
        md(numbers),
        md("## 4. test 평가\n\nvalidation 손실이 가장 낮은 설정 하나만 test로 평가하고, 같은 분할의 선형 회귀와 비교했습니다."),
        STRONG_EVAL,
        STRONG_SCATTER,
        md(
            """
            ## 회고

            #### 배운 점
            early stopping은 멈추는 것보다 가장 좋았던 가중치로 되돌리는 것이 핵심이었습니다. 처음에는 되돌리지 않아서 멈춘 시점의
            (이미 나빠진) 가중치로 평가하고 있었습니다.

            #### 아쉬운 점
            validation이 71명뿐이라 설정 사이의 차이가 작고, 시드를 바꾸면 순위가 바뀔 수도 있습니다. k-fold로 비교해 보지 못한 것이 아쉽습니다.

            #### 느낀 점
            신경망이 선형 회귀를 크게 이기지 못하는 것을 보고, 작은 표 데이터에서는 단순한 모델이 얼마나 강한지 실감했습니다.

            #### 어려웠던 점
            처음에 64-32 크기로 만들었더니 3~4 epoch 만에 val_loss가 바닥을 찍고 test R2가 0.44에 그쳤습니다. 모델을 32-16으로 줄이고
            batch를 32로 키우는 것으로 바꾸기까지 patience와 모델 크기 중 무엇이 문제인지 가려내기가 어려웠습니다.
            """
        ),
    ]


def _kernel_dir() -> Path:
    """A kernelspec folder naming the course kernel's python (torch lives there)."""
    folder = Path(tempfile.mkdtemp(prefix="grader-build-kernels-"))
    spec = folder / "kernels" / "course-build"
    spec.mkdir(parents=True)
    argv = [str(COURSE_PYTHON), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "course", "language": "python"}))
    return folder


def execute(nb: nbformat.NotebookNode, cwd: Path) -> None:
    os.environ["JUPYTER_PATH"] = str(_kernel_dir())
    NotebookClient(nb, timeout=300, kernel_name="course-build", resources={"metadata": {"path": str(cwd)}}).execute()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def build(name: str, cells: Cells, path: Path, run: bool = True) -> nbformat.NotebookNode:
    nb = make_notebook(cells)
    if run:
        execute(nb, path.parent)
    write(nb, path)
    print("wrote", path)
    return nb


NUMBERS = """
### 실험 결과 기록과 해석

| 설정 | 멈춘 epoch | 가장 좋은 val_loss |
| --- | --- | --- |
| lr=1e-2, hidden=32 | 26 | 0.4002 |
| lr=1e-3, hidden=32 | 57 | 0.4142 |
| lr=1e-3, hidden=8 | 48 | 0.4533 |

- **lr=1e-2, hidden=32**가 검증 손실 0.4002로 가장 좋았고, 가장 빨리(26 epoch) early stopping으로 멈췄습니다. 6 epoch쯤 가장 낮은 검증 손실에
  도달한 뒤 train 손실만 계속 내려가서(0.26), 그 뒤는 과적합 구간이었습니다.
- **lr=1e-3, hidden=32**는 천천히 내려가 57 epoch에서 멈췄고 검증 손실은 0.4142로 비슷했습니다. 학습률이 작아 더 오래 걸렸을 뿐 도달한 곳은 같습니다.
- **hidden=8**은 검증 손실 0.4533으로 가장 나빴습니다. 작은 모델이 과적합은 덜했지만(train 0.46), 비선형 관계를 충분히 담지 못했습니다.
- 타깃을 표준화했으므로 검증 손실 0.40은 분산의 약 40%를 설명하지 못한다는 뜻입니다.
"""


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "weak", "fixed-epochs", "strong"}
    if "starter" in wanted:
        build("starter", STARTER, PACK / "starter.ipynb", run=False)
    if "reference" in wanted:
        build("reference", reference_cells(NUMBERS_TEXT), REFERENCE / "solution.ipynb")
    if "fixed-epochs" in wanted:
        build("fixed-epochs", fixed_epochs_cells(), SUBMISSIONS / "fixed-epochs.ipynb")
    if "weak" in wanted:
        build("weak", WEAK, SUBMISSIONS / "weak.ipynb")
    if "strong" in wanted:
        numbers = REPO / "examples" / "regression_strong_numbers.md"
        text = numbers.read_text(encoding="utf-8").strip() if numbers.is_file() else "### 결과\n\n(첫 실행 뒤에 씁니다)"
        build("strong", strong_cells(text), SUBMISSIONS / "strong.ipynb")
    return 0


NUMBERS_TEXT = textwrap.dedent(NUMBERS).strip()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
