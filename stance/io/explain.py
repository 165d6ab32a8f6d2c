"""Why the model said what it said: the features that pushed one prediction, with their weights.

The pipeline is linear, so each feature's contribution to a class score is its value in the row times the
class coefficient. Contributions are shown for the predicted class, relative to the mean of the three
class scores (what makes this class win), strongest first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stance.model import predict_table
from stance.schema import LABELS


def explain(pipeline, text: str, source: str, target: str, *, top: int = 12) -> tuple[pd.Series, pd.DataFrame]:
    """(prediction row, table of the ``top`` features for and against the predicted class).

    Table columns: ``feature`` (``word:…``, ``context:…``), ``value`` (TF-IDF weight in this row),
    ``weight`` (contribution to the predicted class's margin).
    """
    row = pd.DataFrame({"text": [text], "source": [source or ""], "target": [target]})
    prediction = predict_table(pipeline, row).iloc[0]
    vector = pipeline[:-1].transform(row).tocsr()  # the classifier's input
    clf = pipeline.named_steps["clf"]
    classes = list(clf.classes_)
    k = classes.index(prediction["stance"])
    coef = clf.coef_ - clf.coef_.mean(axis=0, keepdims=True)
    columns = vector.indices
    contributions = vector.data * coef[k, columns]
    order = np.argsort(-np.abs(contributions))[:top]
    names = pipeline[:-1].get_feature_names_out()  # the classifier's input columns
    table = pd.DataFrame(
        {"feature": names[columns[order]], "value": vector.data[order], "weight": contributions[order]}
    )
    return prediction, table


def format_explanation(prediction: pd.Series, table: pd.DataFrame, marked: str) -> str:
    lines = [
        f"input as the model sees it: {marked}",
        "prediction: " + prediction["stance"] + "  ("
        + ", ".join(f"{label} {prediction['p_' + label]:.2f}" for label in LABELS) + ")",
        f"features pushing toward '{prediction['stance']}' (+) or away from it (-):",
    ]
    lines += [f"  {r.weight:+.3f}  {r.feature}" for r in table.itertuples(index=False)]
    return "\n".join(lines)
