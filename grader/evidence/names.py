"""Vocabulary shared by the extractors: hyperparameter names, data roles, metric names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

Role = Literal["train", "validation", "test", "unknown"]

_HPARAMS: dict[str, str] = {
    "lr": "learning_rate",
    "learning_rate": "learning_rate",
    "learningrate": "learning_rate",
    "init_lr": "learning_rate",
    "initial_lr": "learning_rate",
    "base_lr": "learning_rate",
    "batch_size": "batch_size",
    "batchsize": "batch_size",
    "bs": "batch_size",
    "epochs": "epochs",
    "epoch": "epochs",
    "num_epochs": "epochs",
    "n_epochs": "epochs",
    "epoch_num": "epochs",
    "max_epochs": "epochs",
    "dropout": "dropout",
    "dropout_rate": "dropout",
    "drop_rate": "dropout",
    "drop_out": "dropout",
    "units": "units",
    "unit": "units",
    "hidden_dim": "units",
    "hidden_size": "units",
    "hidden_units": "units",
    "n_units": "units",
    "num_units": "units",
    "n_hidden": "units",
    "optimizer": "optimizer",
    "optimizers": "optimizer",
    "opt": "optimizer",
    "weight_decay": "weight_decay",
    "momentum": "momentum",
    "embedding_dim": "embedding_dim",
    "embed_dim": "embedding_dim",
    "num_layers": "num_layers",
    "n_layers": "num_layers",
    "filters": "filters",
    "kernel_size": "kernel_size",
    "latent_dim": "latent_dim",
    "noise_dim": "latent_dim",
    "activation": "activation",
    "patience": "patience",
}
_PLURAL_SUFFIXES = ("_list", "_values", "_candidates", "_options", "_grid", "_range", "s")
CONFIG_NAMES = re.compile(r"config|param|grid|space|setting|experiment|trial|hparam|combo")


def hyperparam_name(name: str) -> str | None:
    """Normalised hyperparameter name for a variable/key name, or ``None``."""
    key = name.rsplit(".", 1)[-1].lower().strip("_")
    if key in _HPARAMS:
        return _HPARAMS[key]
    for suffix in _PLURAL_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in _HPARAMS:
            return _HPARAMS[key[: -len(suffix)]]
    return None


_TEST = re.compile(r"test|테스트|시험")
_VAL = re.compile(r"(?<![a-z])val(?!ue)|valid|검증|dev(?![a-z])|holdout")
_TRAIN = re.compile(r"train|훈련|학습|(?<![a-z])tr(?![a-z])")


def role_of(texts: Iterable[str]) -> Role:
    """Data role named by variable names or words: test > validation > train."""
    joined = " ".join(texts).lower()
    if _TEST.search(joined):
        return "test"
    if _VAL.search(joined):
        return "validation"
    if _TRAIN.search(joined):
        return "train"
    return "unknown"


_METRICS: dict[str, str] = {
    "acc": "accuracy",
    "accuracy": "accuracy",
    "정확도": "accuracy",
    "정확률": "accuracy",
    "categorical_accuracy": "accuracy",
    "sparse_categorical_accuracy": "accuracy",
    "binary_accuracy": "accuracy",
    "loss": "loss",
    "손실": "loss",
    "오차": "loss",
    "f1": "f1",
    "f1_score": "f1",
    "f1score": "f1",
    "precision": "precision",
    "정밀도": "precision",
    "recall": "recall",
    "재현율": "recall",
    "mae": "mae",
    "mean_absolute_error": "mae",
    "mse": "mse",
    "mean_squared_error": "mse",
    "rmse": "rmse",
    "auc": "auc",
    "roc_auc": "auc",
    "r2": "r2",
    "r2_score": "r2",
    "psnr": "psnr",
    "ssim": "ssim",
    "perplexity": "perplexity",
    "bleu": "bleu",
    "iou": "iou",
    "io_u": "iou",
    "mean_iou": "iou",
    "mean_io_u": "iou",
    "miou": "iou",
    "dice": "dice",
    "dice_coef": "dice",
    "dice_coefficient": "dice",
    "dice_score": "dice",
    "gen_loss": "gen_loss",
    "g_loss": "gen_loss",
    "generator_loss": "gen_loss",
    "생성자_손실": "gen_loss",
    "disc_loss": "disc_loss",
    "d_loss": "disc_loss",
    "discriminator_loss": "disc_loss",
    "판별자_손실": "disc_loss",
}
_ROLE_WORDS = re.compile(
    r"^(?:(val|valid|validation|검증|test|테스트|train|training|훈련|학습)[\s_-]*)"
)
_FRACTION_METRICS = frozenset({"accuracy", "f1", "precision", "recall", "auc"})


def metric_name(raw: str) -> tuple[str, Role] | None:
    """``("accuracy", "validation")`` for ``val_acc`` / ``검증 정확도``; ``None`` if unknown."""
    name = re.sub(r"\s+", " ", raw.strip().lower()).replace("-", "_")
    role: Role = "unknown"
    match = _ROLE_WORDS.match(name)
    if match:
        role = role_of([match.group(1)])
        name = name[match.end() :]
    name = name.strip(" _").replace(" ", "_")
    if name in _METRICS:
        return _METRICS[name], role
    return None


def as_fraction(name: str, value: float, percent: bool) -> float:
    """Percent readings (``97.2%``, or accuracy printed as ``97.2``) as fractions."""
    if percent or (name in _FRACTION_METRICS and 1.0 < value <= 100.0):
        return value / 100.0
    return value
