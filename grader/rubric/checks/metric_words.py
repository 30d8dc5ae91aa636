"""How metrics and data roles are named and printed in the checks' Korean comments."""

from __future__ import annotations

__all__ = ["METRIC_KO", "PERCENT_METRICS", "ROLE_KO", "format_metric"]

METRIC_KO = {
    "accuracy": "정확도",
    "loss": "손실",
    "f1": "F1 점수",
    "mae": "MAE",
    "mse": "MSE",
    "rmse": "RMSE",
    "r2": "R2",
    "bleu": "BLEU",
    "iou": "IoU",
    "dice": "Dice 계수",
}
ROLE_KO = {"test": "테스트", "validation": "검증", "train": "훈련", "unknown": "(구분 없음)"}

PERCENT_METRICS = frozenset({"accuracy", "f1", "precision", "recall", "auc"})
"""Metrics shown as a percentage; others (R2, losses, errors) as plain numbers."""


def format_metric(value: float | None, metric: str) -> str:
    """``0.953`` → ``95.3%`` for shares, ``0.4927`` → ``0.4927`` otherwise; ``-`` for none."""
    if value is None:
        return "-"
    if metric in PERCENT_METRICS and 0 <= value <= 1:
        return f"{value * 100:.1f}%"
    return f"{value:.4g}"
