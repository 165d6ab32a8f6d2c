"""Scores of a fitted model on labeled rows: macro-F1, accuracy, per-class F1, calibration, plots."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score

from stance.model import predict_table
from stance.schema import LABELS, PROBA_COLUMNS


def expected_calibration_error(y_true, proba: np.ndarray, *, bins: int = 10) -> float:
    """Top-label expected calibration error: the gap between confidence and accuracy, binned by confidence.

    ``proba`` columns follow ``LABELS``. 0 means a predicted 0.8 is right 80% of the time.
    """
    y_true = np.asarray(y_true)
    if len(y_true) == 0:
        return float("nan")
    confidence = proba.max(axis=1)
    correct = np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)] == y_true
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        in_bin = which == b
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def scores(y_true, predicted: pd.DataFrame) -> dict[str, float]:
    """Metrics for one labeled set given :func:`stance.model.predict_table` output."""
    y_true = np.asarray(y_true, dtype=object)
    y_pred = predicted["stance"].to_numpy(dtype=object)
    per_class = f1_score(y_true, y_pred, labels=list(LABELS), average=None, zero_division=0)
    out = {
        "rows": float(len(y_true)),
        "macro_f1": float(f1_score(y_true, y_pred, labels=list(LABELS), average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "ece": expected_calibration_error(y_true, predicted[list(PROBA_COLUMNS)].to_numpy()),
    }
    out.update({f"f1_{label}": float(value) for label, value in zip(LABELS, per_class)})
    return out


def evaluate(pipeline, frame: pd.DataFrame, *, by_lang: bool = True) -> tuple[dict[str, dict], pd.DataFrame]:
    """Scores on ``frame`` (overall and per language) and the frame with predictions added."""
    columns = ["text", "source", "target"] + (["corpus"] if "corpus" in frame.columns else [])
    predicted = predict_table(pipeline, frame[columns])
    results = {"all": scores(frame["stance"], predicted)}
    if by_lang and "lang" in frame.columns and frame["lang"].nunique() > 1:
        for lang, part in frame.groupby("lang"):
            results[str(lang)] = scores(part["stance"], predicted.loc[part.index])
    return results, pd.concat([frame, predicted.add_prefix("pred_")], axis=1)


def report_text(frame_with_predictions: pd.DataFrame) -> str:
    """scikit-learn's classification report for a frame returned by :func:`evaluate`."""
    return classification_report(
        frame_with_predictions["stance"], frame_with_predictions["pred_stance"], labels=list(LABELS),
        digits=3, zero_division=0,
    )


def misclassified(frame_with_predictions: pd.DataFrame) -> pd.DataFrame:
    """The rows the model got wrong, most confident mistakes first."""
    wrong = frame_with_predictions[frame_with_predictions["stance"] != frame_with_predictions["pred_stance"]]
    confidence = wrong[[f"pred_{c}" for c in PROBA_COLUMNS]].max(axis=1)
    return wrong.assign(confidence=confidence).sort_values("confidence", ascending=False)


def confusion_figure(frame_with_predictions: pd.DataFrame, title: str):
    """A matplotlib figure of the confusion matrix (rows: truth, columns: prediction)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    matrix = confusion_matrix(
        frame_with_predictions["stance"], frame_with_predictions["pred_stance"], labels=list(LABELS)
    )
    figure, axes = plt.subplots(figsize=(4.8, 4.2))
    ConfusionMatrixDisplay(matrix, display_labels=list(LABELS)).plot(ax=axes, colorbar=False, cmap="Blues")
    axes.set_title(title)
    figure.tight_layout()
    return figure


def table(results: dict[str, dict[str, float]]) -> str:
    """A plain-text table: evaluation set × rows, macro-F1, accuracy, ECE."""
    lines = [f"{'evaluation set':<34} {'rows':>6} {'macro-F1':>9} {'accuracy':>9} {'ECE':>6}"]
    for name, s in results.items():
        lines.append(
            f"{name:<34} {int(s['rows']):>6} {s['macro_f1']:>9.3f} {s['accuracy']:>9.3f} {s['ece']:>6.3f}"
        )
    return "\n".join(lines)
