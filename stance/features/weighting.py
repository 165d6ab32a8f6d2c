"""Naive-Bayes feature weighting (the "NB" of NBSVM) for the multi-class stance model.

Wang & Manning ("Baselines and bigrams", ACL 2012) scale each feature by its log-count ratio
r = log((p / |p|₁) / (q / |q|₁)), p and q the smoothed feature totals of the positive and negative class,
before fitting a linear model. For a linear model the sign of r only flips the weight it learns; what the
scaling changes is the regularisation: a feature with a large |r| is cheaper to use. With three classes,
:class:`NBWeights` scales each feature by its largest one-vs-rest |r| raised to ``power`` (0 leaves the
features untouched, 1 is NBSVM's scaling).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted


def log_count_ratios(X, y, *, alpha: float = 1.0) -> np.ndarray:
    """One row per class: each feature's smoothed log-count ratio of that class against the others."""
    X = sparse.csr_matrix(X)
    y = np.asarray(y)
    totals = np.asarray(X.sum(axis=0)).ravel()
    ratios = []
    for label in np.unique(y):
        inside = np.asarray(X[y == label].sum(axis=0)).ravel() + alpha
        outside = totals - (inside - alpha) + alpha
        ratios.append(np.log(inside / inside.sum()) - np.log(outside / outside.sum()))
    return np.vstack(ratios)


class NBWeights(TransformerMixin, BaseEstimator):
    """Scale feature columns by ``max_c |r_c| ** power`` learnt from the training labels (``power=0``: off)."""

    def __init__(self, *, power: float = 0.0, alpha: float = 1.0):
        self.power = power
        self.alpha = alpha

    def fit(self, X, y):
        self.n_features_in_ = X.shape[1]
        if self.power:
            strength = np.abs(log_count_ratios(X, y, alpha=self.alpha)).max(axis=0)
            self.weights_ = strength**self.power
        else:
            self.weights_ = None
        return self

    def transform(self, X):
        check_is_fitted(self, "n_features_in_")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"NBWeights was fitted on {self.n_features_in_} features, got {X.shape[1]}")
        if self.weights_ is None:
            return X
        X = sparse.csr_matrix(X, copy=True)
        X.data *= self.weights_[X.indices]
        return X
