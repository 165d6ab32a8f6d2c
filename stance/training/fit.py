"""Fit the stance Pipeline on labeled rows: project rows, public corpora and derived reversed pairs, weighted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from stance.model import build_pipeline
from stance.training.dataset import reversed_pairs
from stance.training.params import with_defaults


def fit_pipeline(rows: pd.DataFrame, params: dict, *, derived: pd.DataFrame | None = None):
    """Fit the Pipeline on labeled ``rows`` plus ``derived`` rows weighted by ``params["reversed_weight"]``;
    rows of a public corpus (a ``corpus`` value other than ``stance``) weigh ``params["public_weight"]``.

    ``derived`` defaults to :func:`stance.training.dataset.reversed_pairs` of the project's own rows (none when
    the weight is 0): public corpora label other things and get no derived rows.
    """
    params = with_defaults(params)
    corpus = rows["corpus"] if "corpus" in rows.columns else pd.Series("stance", index=rows.index)
    public = (corpus.notna() & (corpus != "stance")).to_numpy()
    if derived is None:
        derived = reversed_pairs(rows[~public]) if params["reversed_weight"] else rows.iloc[:0]
    data = pd.concat([rows, derived], ignore_index=True)
    weights = np.r_[np.where(public, float(params["public_weight"]), 1.0),
                    np.full(len(derived), float(params["reversed_weight"]))]
    columns = ["text", "source", "target"] + (["corpus"] if "corpus" in data.columns else [])
    return build_pipeline(params["pipeline"]).fit(data[columns], data["stance"], clf__sample_weight=weights)
