"""Build the transfer-learning (PyTorch) course material and examples as executed notebooks.

Run from the repository root with the project's virtualenv (notebooks execute in the course
kernel, which has torch):

    .venv/bin/python examples/build_transfer_examples.py            # everything
    .venv/bin/python examples/build_transfer_examples.py reference  # only some

Data: the pack's ``prepare.py`` writes the CIFAR-10-format stand-ins and the pretrained
``backbone.pt`` into a temporary folder first; the notebooks find it through ``GRADER_DATA``,
as they do in the grader's sandbox. The backbone's modules are copied from ``prepare.py`` (the
file that trained the weights), so the starter's ``state_dict`` keys always match. Seeds are
fixed and torch runs on one thread (deterministic; each notebook trains in about a minute).
The keys (``examples/keys/transfer-learning/``) are written by hand.
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
PACK = REPO / "assignments" / "transfer-learning"
REFERENCE = REPO / "reference_solutions" / "transfer-learning"
SUBMISSIONS = REPO / "examples" / "submissions" / "transfer-learning"

Cells = list[tuple[str, str]]


def _backbone_source() -> str:
    """The backbone modules as ``prepare.py`` defines them (between its markers)."""
    text = (PACK / "prepare.py").read_text(encoding="utf-8")
    start = text.index("class BasicBlock")
    end = text.index("# --- end of backbone")
    return text[start:end].strip() + "\n"


IMPORTS = code(
    """
    import os
    import pickle
    from pathlib import Path

    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    import torch
    from torch import nn

    SEED = 42
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(1)  # CPU 코어가 적은 채점 환경에서는 스레드 하나가 더 빠르고 결과도 재현됩니다
    DATA_DIR = Path(os.environ.get("GRADER_DATA", "data"))
    CIFAR_DIR = DATA_DIR / "cifar10" / "cifar-10-batches-py"
    BACKBONE_PATH = DATA_DIR / "backbone" / "backbone.pt"
    print("torch", torch.__version__, "| data:", CIFAR_DIR.exists(), BACKBONE_PATH.exists())
    """
)

LOAD = code(
    '''
    def load_batch(name):
        """CIFAR-10 python 형식의 배치 파일 하나: (N, 3, 32, 32) uint8 이미지와 라벨."""
        with open(CIFAR_DIR / name, "rb") as f:
            batch = pickle.load(f, encoding="bytes")
        images = batch[b"data"].reshape(-1, 3, 32, 32)
        return images, np.array(batch[b"labels"])

    with open(CIFAR_DIR / "batches.meta", "rb") as f:
        class_names = [n.decode() for n in pickle.load(f, encoding="bytes")[b"label_names"]]
    '''
)

SPLIT = code(
    """
    parts = [load_batch(f"data_batch_{i}") for i in range(1, 6)]
    x_all = np.concatenate([p[0] for p in parts]); y_all = np.concatenate([p[1] for p in parts])
    n_train = sum(len(p[1]) for p in parts[:4])
    x_train, y_train = x_all[:n_train], y_all[:n_train]   # data_batch_1~4
    x_val, y_val = x_all[n_train:], y_all[n_train:]       # data_batch_5는 검증용
    x_test, y_test = load_batch("test_batch")

    mean = (x_train / 255.0).mean(axis=(0, 2, 3), keepdims=True)  # train으로만 계산한 채널별 통계
    std = (x_train / 255.0).std(axis=(0, 2, 3), keepdims=True)

    def to_tensor(images):
        return torch.tensor(((images / 255.0 - mean) / std).astype(np.float32))

    Xtr, Xva, Xte = to_tensor(x_train), to_tensor(x_val), to_tensor(x_test)
    ytr, yva, yte = (torch.tensor(y) for y in (y_train, y_val, y_test))
    for name, y in [("train", y_train), ("validation", y_val), ("test", y_test)]:
        print(f"{name:>10}: {len(y)}장, 클래스별 {np.bincount(y, minlength=10).min()}~{np.bincount(y, minlength=10).max()}장")
    """
)

SAMPLES = code(
    """
    fig, axes = plt.subplots(2, 8, figsize=(12, 3.4))
    for ax, image, label in zip(axes.flat, x_train[:16], y_train[:16]):
        ax.imshow(image.transpose(1, 2, 0))
        ax.set_title(class_names[label], fontsize=9)
        ax.axis("off")
    plt.suptitle("CIFAR-10 train samples")
    plt.tight_layout()
    plt.show()
    """
)

BACKBONE = code(_backbone_source())

CLASSIFIER = code(
    '''
    class TransferNet(nn.Module):
        """백본(특징 추출기) + 새 분류 head(64 -> 10)."""

        def __init__(self, backbone, num_classes=10):
            super().__init__()
            self.backbone = backbone
            self.head = nn.Linear(SmallResNet.out_features, num_classes)

        def forward(self, x):
            return self.head(self.backbone(x))
    '''
)

LOAD_WEIGHTS = code(
    '''
    pretrained_state = torch.load(BACKBONE_PATH)
    print(f"사전학습 가중치: 텐서 {len(pretrained_state)}개, 파라미터 {sum(v.numel() for v in pretrained_state.values()):,}개")

    def make_model(pretrained):
        """pretrained=True면 사전학습 가중치를 백본에 불러온 모델, False면 무작위 초기화 모델."""
        backbone = SmallResNet()
        if pretrained:
            result = backbone.load_state_dict(pretrained_state)
            assert not result.missing_keys and not result.unexpected_keys
        return TransferNet(backbone)

    print(SmallResNet().load_state_dict(pretrained_state))
    '''
)

TRAIN = code(
    '''
    def evaluate(model, X, y):
        model.eval()
        with torch.no_grad():
            return (model(X).argmax(1) == y).float().mean().item()

    def train(model, lr, freeze_backbone, epochs=8, batch_size=32):
        """Adam으로 학습한다. freeze_backbone=True면 백본은 고정하고 head만 학습한다."""
        for p in model.backbone.parameters():
            p.requires_grad = not freeze_backbone
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.Adam(params, lr=lr)
        loss_fn = nn.CrossEntropyLoss()
        history = {"train_loss": [], "val_acc": []}
        for epoch in range(1, epochs + 1):
            model.train()
            if freeze_backbone:
                model.backbone.eval()  # 고정한 백본의 BatchNorm 통계도 사전학습 값 그대로 둔다
            order = torch.randperm(len(Xtr))
            total = 0.0
            for start in range(0, len(Xtr), batch_size):
                idx = order[start : start + batch_size]
                optimizer.zero_grad()
                loss = loss_fn(model(Xtr[idx]), ytr[idx])
                loss.backward()
                optimizer.step()
                total += loss.item() * len(idx)
            history["train_loss"].append(total / len(Xtr))
            history["val_acc"].append(evaluate(model, Xva, yva))
            print(f"epoch {epoch} | train_loss {history['train_loss'][-1]:.4f} | val_acc {history['val_acc'][-1]:.4f}")
        return history
    '''
)


def trials_cell(configs: str) -> tuple[str, str]:
    return code(
        configs
        + textwrap.dedent(
            """
            histories, models, rows = {}, {}, []
            for cfg in configs:
                torch.manual_seed(SEED)  # 설정마다 같은 head 초기값과 같은 배치 순서
                model = make_model(cfg["pretrained"])
                print(f"===== {cfg['name']} =====")
                history = train(model, cfg["lr"], cfg["freeze"])
                histories[cfg["name"]], models[cfg["name"]] = history, model
                rows.append({"experiment": cfg["name"], "best_val_acc": round(max(history["val_acc"]), 4),
                             "last_val_acc": round(history["val_acc"][-1], 4)})
            results_df = pd.DataFrame(rows)
            results_df
            """
        )
    )


REFERENCE_CONFIGS = """
configs = [
    {"name": "scratch (lr=1e-3)", "pretrained": False, "freeze": False, "lr": 1e-3},
    {"name": "frozen + head (lr=1e-2)", "pretrained": True, "freeze": True, "lr": 1e-2},
    {"name": "fine-tune (lr=1e-3)", "pretrained": True, "freeze": False, "lr": 1e-3},
    {"name": "fine-tune (lr=1e-4)", "pretrained": True, "freeze": False, "lr": 1e-4},
]
"""

CURVES = code(
    """
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2))
    for name, hist in histories.items():
        ax1.plot(range(1, len(hist["val_acc"]) + 1), hist["val_acc"], marker="o", label=name)
    ax1.set_title("Validation accuracy by experiment")
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("val_acc")
    ax1.grid(alpha=0.3)
    ax1.legend()
    ax2.barh(results_df["experiment"], results_df["best_val_acc"], color=["gray", "tab:blue", "tab:orange", "tab:green"])
    ax2.set_xlim(0, 1)
    ax2.set_title("Best validation accuracy")
    plt.tight_layout()
    plt.show()
    """
)

TEST = code(
    """
    baseline_name = "scratch (lr=1e-3)"
    transfer_df = results_df[results_df["experiment"] != baseline_name]
    best_name = transfer_df.sort_values("best_val_acc", ascending=False).iloc[0]["experiment"]
    for name in [baseline_name, best_name]:
        print(f"{name} | test accuracy: {evaluate(models[name], Xte, yte):.4f}")
    """
)


def reference_cells(numbers: str) -> Cells:
    return [
        md(
            """
            # 사전학습 백본으로 CIFAR-10 전이학습 (PyTorch) — 참고 답안

            다른 과제로 미리 학습해 둔 작은 ResNet 백본(`backbone.pt`)을 불러와 CIFAR-10(과제용 소형판, train 800장)을 분류합니다.
            같은 구조를 ① 처음부터 학습, ② 백본 고정 + 새 head, ③ 전체 미세조정(learning rate 두 가지)으로 학습해 비교하고,
            검증 정확도로 고른 모델과 기준 모델(처음부터 학습)을 test로 한 번씩 평가합니다.
            """
        ),
        IMPORTS,
        md(
            """
            ## 1. 데이터와 전처리

            - CIFAR-10 python 형식의 배치 파일을 `pickle`로 읽습니다. `b"data"`는 한 줄에 R, G, B 평면이 차례로 든 3072개 값이라
              `(N, 3, 32, 32)`로 바꾸면 PyTorch의 채널 우선 형식이 됩니다.
            - **분할**: `data_batch_1~4`를 train(800장), `data_batch_5`를 validation(200장), `test_batch`를 test(500장)로 씁니다.
              validation은 실험 비교와 모델 선택에만 쓰고, test는 마지막에만 봅니다.
            - **정규화**: 픽셀을 0~1로 나누고 채널마다 평균을 빼 표준편차로 나누어 정규화한 이유는, 사전학습 백본이 평균 0 근처의
              입력으로 학습되었기 때문입니다. 입력 분포가 다르면 사전학습한 필터가 엉뚱한 값을 내서 전이학습 효과가 줄어듭니다.
            - 정규화 통계는 train으로만 계산했습니다. validation이나 test의 통계가 섞이면 평가가 낙관적으로 부풀려지기 때문입니다.
            """
        ),
        LOAD,
        SPLIT,
        SAMPLES,
        md(
            """
            ## 2. 모델: 사전학습 백본 + 새 head

            **왜 전이학습인가**: train이 800장뿐이라 합성곱 층을 처음부터 학습하면 모양과 무늬를 알아보는 필터를 충분히 배우지 못합니다.
            백본은 수천 장의 다른 과제(도형과 무늬 24종 분류)로 이미 학습되어 있어, 그 필터를 그대로 가져오면 적은 데이터로도
            새 클래스를 구분할 수 있을 것이라고 보았습니다.

            - 백본 `SmallResNet`은 스타터에 주어진 구조 그대로 둡니다. 구조가 한 층이라도 다르면 `load_state_dict`가 실패합니다.
            - 사전학습 과제의 분류층은 클래스 수(24)가 달라 쓸 수 없으므로, 64차원 특징 위에 **새 head** `Linear(64, 10)`을 붙입니다.
            - `load_state_dict`의 결과(누락 키와 남는 키가 없음)를 출력하고 `assert`로 확인해, 가중치가 실제로 들어갔는지 눈으로 보이게 했습니다.
            """
        ),
        BACKBONE,
        CLASSIFIER,
        LOAD_WEIGHTS,
        md(
            """
            ## 3. 실험: 처음부터 vs 백본 고정 vs 미세조정

            | 실험 | 백본 | 학습하는 층 | lr | 이유 |
            | --- | --- | --- | --- | --- |
            | scratch | 무작위 초기화 | 전체 | 1e-3 | 전이학습 효과를 재는 기준 모델 (Adam 기본값) |
            | frozen + head | 사전학습, 고정 | head만 | 1e-2 | 선형층 하나만 학습하므로 큰 학습률로 빨리 수렴 |
            | fine-tune | 사전학습 | 전체 | 1e-3 | 사전학습 특징을 새 데이터에 맞게 조금씩 고침 |
            | fine-tune | 사전학습 | 전체 | 1e-4 | 작은 학습률이 사전학습 특징을 더 잘 지키는지 확인 |

            - `epochs=8`로 정한 이유는 train 800장이면 epoch당 25번 업데이트되어, 8 epoch이면 검증 정확도가 더 오르지 않기 때문입니다.
              네 실험 모두 같은 epoch과 `batch_size=32`를 써야 차이가 백본과 learning rate에서만 나오므로 비교가 공정합니다.
            - head만 학습할 때 learning rate를 1e-2로 크게 잡은 이유는 선형층 하나만 학습하므로 큰 학습률에도 발산하지 않고 빨리 수렴하기 때문입니다.
            - 백본을 고정할 때는 `requires_grad=False`와 함께 백본을 `eval()` 상태로 둡니다. 그러지 않으면 BatchNorm의 이동 평균이
              새 데이터로 바뀌어, 고정했다고 생각한 특징이 실제로는 변합니다.
            """
        ),
        TRAIN,
        trials_cell(REFERENCE_CONFIGS),
        CURVES,
        md(numbers),
        md(
            "## 4. test 평가\n\n검증 정확도가 가장 높은 전이학습 모델과 기준 모델(처음부터 학습)을 test로 한 번씩 평가합니다."
        ),
        TEST,
        md(
            """
            ## 회고

            ### 배운 점
            - 같은 구조라도 가중치를 어디서 시작하느냐에 따라, 적은 데이터에서 정확도가 두 배 가까이 차이 날 수 있다는 것을 직접 확인했습니다.
            - 백본을 고정할 때 `requires_grad`만 끄면 BatchNorm 통계는 계속 바뀐다는 것, 그래서 `eval()`도 함께 해야 한다는 것을 배웠습니다.

            ### 아쉬운 점
            - 데이터 증강(좌우 뒤집기, 잘라내기)을 쓰면 처음부터 학습한 모델도 더 나아졌을 텐데 비교하지 못했습니다.
            - 백본 고정과 미세조정 사이에 뒤쪽 층만 푸는 방법(부분 미세조정)도 시도해 보고 싶었습니다.

            ### 느낀 점
            - 사전학습 가중치가 있으면 학습 시간이 짧은 고정 모델만으로도 좋은 결과가 나와서, 실제 프로젝트에서 먼저 시도할 방법이라고 느꼈습니다.

            ### 어려웠던 점
            - 처음에는 백본 구조를 조금 바꿨다가 `load_state_dict`가 키가 맞지 않는다고 실패해서, 구조를 그대로 둬야 한다는 점을 이해하는 데 시간이 걸렸습니다.
            """
        ),
    ]


STARTER: Cells = [
    md(
        """
        # 사전학습 백본으로 CIFAR-10 전이학습 (PyTorch)

        다른 과제로 미리 학습해 둔 작은 ResNet 백본의 가중치(`backbone.pt`)를 불러와 CIFAR-10을 분류합니다.
        처음부터 학습한 모델, 백본을 고정하고 새 head만 학습한 모델, 전체를 미세조정한 모델을 비교하세요.
        각 단계의 TODO를 채우고, 마크다운 셀에 여러분의 생각을 정리하세요.
        """
    ),
    md(
        "## 1. 데이터 불러오기와 전처리\n데이터 폴더의 CIFAR-10 배치 파일을 불러와 train / validation / test로 나누고, "
        "어떤 전처리를 왜 했는지 설명해 보세요."
    ),
    IMPORTS,
    LOAD,
    code("# TODO: data_batch_1~5와 test_batch로 train / validation / test를 만들고 정규화하세요."),
    md(
        "## 2. 사전학습 백본\n아래 백본 구조는 `backbone.pt`를 학습한 구조와 같습니다. 구조를 바꾸지 말고 "
        "가중치를 불러온 뒤, `load_state_dict`의 결과를 출력해 확인하세요."
    ),
    BACKBONE,
    code("# TODO: backbone.pt를 불러와 백본에 넣고, 새 분류 head를 붙이세요."),
    md(
        "## 3. 실험\n처음부터 학습, 백본 고정 + 새 head, 전체 미세조정(learning rate 두 가지 이상)을 같은 조건으로 "
        "학습해 비교하세요."
    ),
    code("# TODO: 학습 함수와 실험을 작성하세요."),
    md("## 4. 실험 결과 시각화\n실험들의 검증 정확도를 한 그래프에 그려 비교하세요."),
    code("# TODO: 비교 그래프를 그리세요."),
    md("## 5. 테스트 평가\n가장 좋은 전이학습 모델과 처음부터 학습한 모델의 test 정확도를 출력하세요."),
    code("# TODO: test 데이터로 평가하세요."),
    md("## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
]


def prepared_data() -> Path:
    """Run the pack's prepare.py into a temporary folder and point GRADER_DATA at it."""
    folder = Path(tempfile.mkdtemp(prefix="grader-transfer-data-"))
    subprocess.run([str(COURSE_PYTHON), str(PACK / "prepare.py"), "--out", str(folder)], check=True)
    os.environ["GRADER_DATA"] = str(folder)  # the kernels started below inherit it
    return folder


def strong_cells() -> Cells:
    """The reference's pipeline in a student's own words, a second fine-tuning lr (3e-4)."""
    cells = reference_cells(STRONG_NUMBERS)
    cells[0] = md(
        """
        # CIFAR-10 전이학습: 사전학습 백본을 얼마나 믿을까

        train이 800장뿐인 CIFAR-10에서, 다른 과제로 학습된 `SmallResNet` 백본을 가져오면 얼마나 좋아지는지 실험했습니다.
        처음부터 학습 / 백본 고정 / 미세조정 두 가지를 같은 조건으로 돌리고, validation으로 고른 모델만 test로 확인합니다.
        """
    )
    configs = REFERENCE_CONFIGS.replace('"fine-tune (lr=1e-4)"', '"fine-tune (lr=3e-4)"').replace(
        '"lr": 1e-4', '"lr": 3e-4'
    )
    cells = [trials_cell(configs) if c == trials_cell(REFERENCE_CONFIGS) else c for c in cells]
    at = next(i for i, c in enumerate(cells) if c[1].startswith("## 3. 실험"))
    cells[at] = md(
        cells[at][1].replace(
            "| 1e-4 | 작은 학습률이 사전학습 특징을 더 잘 지키는지 확인 |",
            "| 3e-4 | 1e-3보다 조금 작게 하면 사전학습 특징을 덜 망가뜨리는지 확인 |",
        )
    )
    cells[-1] = md(STRONG_RETRO)
    for heading, text in STRONG_TEXTS.items():
        at = next(i for i, c in enumerate(cells) if c[1].startswith(heading))
        cells[at] = md(text)
    return cells


STRONG_TEXTS = {
    "## 1. 데이터와 전처리": """
        ## 1. 데이터 준비

        - 배치 파일은 `pickle.load(..., encoding="bytes")`로 열어야 합니다. 원래 파이썬 2로 저장된 파일이라 키가 bytes(`b"data"`)이기 때문입니다.
        - 다섯 개의 학습 배치 중 마지막 `data_batch_5`를 검증용으로 떼어 두었습니다. 파일 단위로 나누면 매번 같은 검증 세트가 되어
          실험끼리 공정하게 비교할 수 있기 때문입니다. test_batch는 마지막 평가에만 씁니다.
        - 픽셀을 255로 나누고 채널별 평균·표준편차로 정규화한 이유는 백본이 같은 스케일의 입력으로 학습되었기 때문입니다.
          정규화에 쓰는 평균과 표준편차는 train 800장에서만 구했습니다. 검증·테스트의 통계가 섞이면 평가가 부풀려지기 때문입니다.
        """,
    "## 2. 모델: 사전학습 백본 + 새 head": """
        ## 2. 모델 구성

        처음부터 학습하면 800장으로 합성곱 필터 7만여 개를 맞춰야 해서 과적합되거나 덜 학습될 것이라고 예상했습니다.
        그래서 도형·무늬 분류로 미리 학습된 `SmallResNet`을 특징 추출기로 쓰고, 그 위에 CIFAR 10개 클래스용 `Linear(64, 10)`만 새로 붙였습니다.
        사전학습 때의 분류층은 24개 클래스용이라 그대로 쓸 수 없기 때문입니다. 백본 코드는 가중치 파일과 키가 맞아야 하므로 스타터 그대로 두었고,
        `load_state_dict` 결과를 출력해 모든 키가 들어갔는지 확인했습니다.
        """,
}


def unloaded_backbone_cells() -> Cells:
    """The silent bug: make_model loads the weights into one backbone and builds the model
    around a fresh one, so every 'pretrained' run starts from random weights."""
    buggy = code(
        LOAD_WEIGHTS[1].replace(
            "return TransferNet(backbone)", "return TransferNet(SmallResNet())"
        )
    )
    cells = [buggy if c == LOAD_WEIGHTS else c for c in reference_cells(BUG_NUMBERS)]
    cells[0] = md(
        """
        # CIFAR-10 전이학습 (PyTorch)

        사전학습 백본 `backbone.pt`를 불러와 처음부터 학습한 모델, 백본 고정 모델, 미세조정 모델을 비교합니다.
        """
    )
    return [c for c in cells if not c[1].startswith("## 회고")]


WEAK: Cells = [
    md("# CIFAR-10 전이학습"),
    IMPORTS,
    LOAD,
    code(
        """
        parts = [load_batch(f"data_batch_{i}") for i in range(1, 6)]
        x_train = np.concatenate([p[0] for p in parts]) / 255.0
        y_train = np.concatenate([p[1] for p in parts])
        x_test, y_test = load_batch("test_batch")
        Xtr = torch.tensor(x_train, dtype=torch.float32)
        ytr = torch.tensor(y_train)
        Xte = torch.tensor(x_test / 255.0, dtype=torch.float32)
        yte = torch.tensor(y_test)
        print(Xtr.shape, Xte.shape)
        """
    ),
    BACKBONE,
    code(
        """
        backbone = SmallResNet()
        print(backbone.load_state_dict(torch.load(BACKBONE_PATH)))
        for p in backbone.parameters():
            p.requires_grad = False
        model = nn.Sequential(backbone, nn.Linear(64, 10))
        optimizer = torch.optim.Adam(model[1].parameters(), lr=0.01)
        loss_fn = nn.CrossEntropyLoss()
        for epoch in range(1, 4):
            for start in range(0, len(Xtr), 64):
                optimizer.zero_grad()
                loss = loss_fn(model(Xtr[start:start + 64]), ytr[start:start + 64])
                loss.backward()
                optimizer.step()
            print(f"epoch {epoch} loss {loss.item():.4f}")
        """
    ),
    code(
        """
        model.eval()
        with torch.no_grad():
            acc = (model(Xte).argmax(1) == yte).float().mean().item()
        print(f"test accuracy: {acc:.4f}")
        """
    ),
]


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"starter", "reference", "strong", "weak", "unloaded-backbone"}
    if "starter" in wanted:
        build("starter", STARTER, PACK / "starter.ipynb", run=False)
    if wanted - {"starter"}:
        prepared_data()
        for folder in (REFERENCE, SUBMISSIONS):
            folder.mkdir(parents=True, exist_ok=True)
    if "reference" in wanted:
        build("reference", reference_cells(NUMBERS), REFERENCE / "solution.ipynb")
    if "strong" in wanted:
        build("strong", strong_cells(), SUBMISSIONS / "strong.ipynb")
    if "weak" in wanted:
        build("weak", WEAK, SUBMISSIONS / "weak.ipynb")
    if "unloaded-backbone" in wanted:
        build("unloaded-backbone", unloaded_backbone_cells(), SUBMISSIONS / "unloaded-backbone.ipynb")
    return 0


NUMBERS = textwrap.dedent(
    """
    ### 실험 결과 기록과 해석

    | 실험 | 가장 좋은 val_acc | 마지막 val_acc |
    | --- | --- | --- |
    | scratch (lr=1e-3) | 0.405 | 0.335 |
    | frozen + head (lr=1e-2) | 0.955 | 0.955 |
    | fine-tune (lr=1e-3) | 0.970 | 0.955 |
    | fine-tune (lr=1e-4) | 0.875 | 0.875 |

    - **처음부터 학습**한 모델은 8 epoch 동안 검증 정확도가 0.405를 넘지 못했고 마지막에는 0.335로 흔들렸습니다. 800장으로는
      필터를 처음부터 배우기에 부족하다는 뜻입니다.
    - **백본 고정 + head**만으로 0.955가 나왔습니다. 사전학습 특징이 이 과제의 클래스를 이미 거의 선형으로 나눈다는 뜻입니다.
    - **미세조정(lr=1e-3)**이 0.970으로 가장 좋았습니다. 고정 모델보다 조금 나은 만큼, 백본을 새 데이터에 맞게 고친 효과가 있었습니다.
    - **미세조정(lr=1e-4)**은 0.875로 오히려 낮았습니다. 새 head가 무작위에서 시작하는데 학습률이 너무 작아 8 epoch 안에 다 배우지 못했습니다.
    """
).strip()

STRONG_NUMBERS = textwrap.dedent(
    """
    ### 결과 정리

    | 실험 | 가장 좋은 val_acc | 마지막 val_acc |
    | --- | --- | --- |
    | scratch (lr=1e-3) | 0.405 | 0.335 |
    | frozen + head (lr=1e-2) | 0.955 | 0.955 |
    | fine-tune (lr=1e-3) | 0.970 | 0.955 |
    | fine-tune (lr=3e-4) | 0.950 | 0.950 |

    - 처음부터 학습한 모델은 검증 정확도 0.405에서 멈췄습니다. 같은 구조인데도 800장으로는 필터가 제대로 자라지 않았습니다.
    - 사전학습 백본을 고정하고 head만 학습해도 0.955였습니다. 백본이 배운 도형·무늬 특징이 새 클래스에도 그대로 쓸모가 있었습니다.
    - 미세조정 lr=1e-3이 0.970으로 가장 좋았고, lr=3e-4는 0.950으로 고정 모델과 비슷했습니다. 학습률을 낮춘다고 특징이 더 잘
      보존되어 좋아지지는 않았고, 8 epoch 안에서는 오히려 새 head가 덜 배운 쪽이 컸습니다.
    """
).strip()

BUG_NUMBERS = textwrap.dedent(
    """
    ### 실험 결과

    | 실험 | 가장 좋은 val_acc | 마지막 val_acc |
    | --- | --- | --- |
    | scratch (lr=1e-3) | 0.470 | 0.470 |
    | frozen + head (lr=1e-2) | 0.095 | 0.090 |
    | fine-tune (lr=1e-3) | 0.470 | 0.470 |
    | fine-tune (lr=1e-4) | 0.235 | 0.235 |

    - 사전학습 백본을 고정한 모델은 0.095로 거의 찍는 수준이었습니다. 백본이 배운 특징이 CIFAR-10과는 잘 맞지 않는 것 같습니다.
    - 미세조정(lr=1e-3)은 처음부터 학습한 모델과 같은 0.470이었습니다. 백본을 다시 학습하면서 결국 처음부터 배운 것과 비슷해진 것으로 보입니다.
    - lr=1e-4로 미세조정하면 0.235로 더 낮았습니다. 학습률이 너무 작아 8 epoch으로는 부족했습니다.
    - 이 데이터에서는 전이학습의 효과가 거의 없었고, 처음부터 학습해도 충분하다고 결론 내렸습니다.
    """
).strip()

STRONG_RETRO = """
## 회고

### 배운 점
- 가중치를 불러온 뒤 `load_state_dict`의 결과를 출력하는 습관이 중요하다는 것을 배웠습니다. 키가 하나라도 어긋나면 바로 보입니다.
- 백본을 고정할 때 BatchNorm을 `eval()`로 두지 않으면 통계가 바뀐다는 점을 새로 알았습니다.

### 아쉬운 점
- 각 설정을 한 번씩만 돌려서, 시드를 바꿨을 때 순위가 유지되는지는 확인하지 못했습니다.

### 느낀 점
- 같은 구조인데 시작점만 바꿔도 정확도가 두 배 이상 달라지는 것이 인상적이었습니다.

### 어려웠던 점
- CIFAR 배치 파일의 `b"data"`가 R, G, B 평면 순서라 `reshape(-1, 3, 32, 32)` 뒤에 그림을 그릴 때 축 순서를 맞추는 것이 헷갈렸습니다.
"""

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
