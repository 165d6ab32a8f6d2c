"""Fit the stance Pipeline on labeled rows: project rows, public corpora and derived reversed pairs, weighted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from stance.model import build_pipeline
from stance.training.dataset import reversed_pairs
from stance.training.params import with_defaults


def per_corpus_balance(corpus: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Sample weights that give each class the same total weight within each corpus (n_c / (K_c · n_c,k)),
    instead of over all corpora pooled as ``class_weight="balanced"`` does."""
    frame = pd.DataFrame({"corpus": corpus, "label": labels})
    size = frame.groupby("corpus")["label"].transform("size")
    classes = frame.groupby("corpus")["label"].transform("nunique")
    per_class = frame.groupby(["corpus", "label"])["label"].transform("size")
    return (size / (classes * per_class)).to_numpy(dtype=float)


def calibrated(pipeline, method: str, groups) -> None:
    """Wrap the pipeline's classifier in :class:`~sklearn.calibration.CalibratedClassifierCV` (``method``:
    sigmoid, isotonic or temperature), fitted on out-of-fold scores of 3 folds grouped by document so that
    no sentence is calibrated by a model that saw its article; one classifier is then fitted on all rows."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import GroupKFold

    folds = list(GroupKFold(n_splits=3).split(np.zeros(len(groups)), groups=groups))
    pipeline.steps[-1] = ("clf", CalibratedClassifierCV(pipeline.steps[-1][1], method=method, cv=folds,
                                                        ensemble=False))


def fit_pipeline(rows: pd.DataFrame, params: dict, *, derived: pd.DataFrame | None = None):
    """Fit the Pipeline on labeled ``rows`` plus ``derived`` rows weighted by ``params["reversed_weight"]``;
    rows of a public corpus (a ``corpus`` value other than ``stance``) weigh ``params["public_weight"]``.
    ``params["calibration"]`` (sigmoid, isotonic, temperature) adds a calibration step (:func:`calibrated`);
    ``params["class_balance"] == "per_corpus"`` balances classes within each corpus (:func:`per_corpus_balance`)
    in place of the classifier's pooled ``class_weight``.

    ``derived`` defaults to :func:`stance.training.dataset.reversed_pairs` of the project's own rows (none when the
    weight is 0): public corpora label other things and get no derived rows.
    """
    params = with_defaults(params)
    corpus = rows["corpus"] if "corpus" in rows.columns else pd.Series("stance", index=rows.index)
    public = (corpus.notna() & (corpus != "stance")).to_numpy()
    if derived is None:
        derived = reversed_pairs(rows[~public]) if params["reversed_weight"] else rows.iloc[:0]
    data = pd.concat([rows, derived], ignore_index=True)
    weights = np.r_[np.where(public, float(params["public_weight"]), 1.0),
                    np.full(len(derived), float(params["reversed_weight"]))]
    pipeline = build_pipeline(params["pipeline"])
    if params["class_balance"] == "per_corpus":
        domain = np.r_[np.where(public, corpus.astype(str).to_numpy(), "stance"), np.full(len(derived), "stance")]
        weights = weights * per_corpus_balance(domain, data["stance"].to_numpy())
        pipeline.set_params(clf__class_weight=None)
    elif params["class_balance"] != "pooled":
        raise ValueError(f"class_balance must be 'pooled' or 'per_corpus', not {params['class_balance']!r}")
    if params["calibration"]:
        groups = data["doc_id"].fillna("").to_numpy() if "doc_id" in data.columns else np.arange(len(data))
        calibrated(pipeline, params["calibration"], groups)
    columns = ["text", "source", "target"] + (["corpus"] if "corpus" in data.columns else [])
    return pipeline.fit(data[columns], data["stance"], clf__sample_weight=weights)
