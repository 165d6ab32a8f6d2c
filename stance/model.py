"""The model: one scikit-learn Pipeline from (text, source, target) rows to stance probabilities."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from stance.features.context import ContextWindows
from stance.features.roles import RoleMarker
from stance.features.tfidf import FastTfidfVectorizer, given_tokens, given_words
from stance.features.tokens import Tokenizer
from stance.features.union import CorpusAwareUnion
from stance.schema import LABELS, PROBA_COLUMNS


def _tuples(value):
    """YAML has no tuples; scikit-learn wants ``ngram_range`` as one."""
    return tuple(value) if isinstance(value, list) else value


def build_pipeline(params: Mapping[str, object] | None = None) -> Pipeline:
    """Build the stance Pipeline; ``params`` keys are pipeline parameter names (``clf__C``...).

    mark roles → tokenise → [word n-grams | target-relative context features] (with per-corpus copies when
    ``features__domain_copies``) → logistic regression.
    """
    pipeline = Pipeline(
        [
            ("mark", RoleMarker()),
            ("tokens", Tokenizer()),  # one tokenisation, read by every feature below
            (
                "features",
                CorpusAwareUnion(
                    [
                        ("word", FastTfidfVectorizer(tokenizer=given_words, lowercase=False, token_pattern=None,
                                                     ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
                        (
                            "context",
                            Pipeline(
                                [
                                    ("windows", ContextWindows()),
                                    ("tfidf", FastTfidfVectorizer(tokenizer=given_tokens, lowercase=False,
                                                                  token_pattern=None, sublinear_tf=True)),
                                ]
                            ),
                        ),
                    ]
                ),
            ),
            ("clf", LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")),
        ]
    )
    if params:
        pipeline.set_params(**{key: _tuples(value) for key, value in params.items()})
    return pipeline


def predict_table(pipeline: Pipeline, rows: pd.DataFrame) -> pd.DataFrame:
    """Predict stance and class probabilities for rows with ``text``, ``source``, ``target`` columns.

    Returns a frame with the same index and the columns ``stance``, ``p_negative``, ``p_neutral``,
    ``p_positive``, whatever order the classifier stored its classes in.
    """
    if len(rows) == 0:
        return pd.DataFrame(
            {"stance": pd.Series([], dtype=object), **{c: pd.Series([], dtype=float) for c in PROBA_COLUMNS}}
        )
    proba = pipeline.predict_proba(rows)
    classes = list(pipeline.classes_)
    ordered = np.column_stack([proba[:, classes.index(label)] for label in LABELS])
    out = pd.DataFrame(ordered, columns=list(PROBA_COLUMNS), index=rows.index)
    out.insert(0, "stance", np.asarray(LABELS, dtype=object)[ordered.argmax(axis=1)])
    return out


def predictions_where(pipeline, rows: pd.DataFrame, scored) -> pd.DataFrame:
    """``stance`` and probabilities for the ``rows`` (text, source, target) where the boolean array
    ``scored`` is true; elsewhere an empty stance (None) and NaN probabilities. Same index as ``rows``,
    which may repeat (several pairs of one input row)."""
    scored = np.asarray(scored, dtype=bool)
    out = pd.DataFrame({"stance": pd.Series([None] * len(rows), dtype=object),
                        **{column: np.full(len(rows), np.nan) for column in PROBA_COLUMNS}})
    if scored.any():
        predicted = predict_table(pipeline, rows[scored].reset_index(drop=True))
        for column in out.columns:
            out.loc[scored, column] = predicted[column].to_numpy()
    out.index = rows.index
    return out
