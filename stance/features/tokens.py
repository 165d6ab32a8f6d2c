"""One tokenisation of the role-marked sentences, shared by every feature.

:class:`Tokenizer` splits each role-marked sentence (from :class:`stance.features.roles.RoleMarker`) into
lower-case words and punctuation once; the word n-gram vectorizer and :class:`stance.features.context.ContextWindows`
both read those tokens, so no sentence is tokenised twice when scoring (speed is a requirement: every scored row
passes here).
"""

from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

_WORD = re.compile(r"\w+|\S")  # words, and every other non-blank character alone
# the same, keeping English "n't" whole ("didn't" -> "did", "n't") so that it can act as a negation cue
_WORD_NT = re.compile(r"\w+(?=n't)|n't|\w+|\S")


def tokenize_marked(marked: str) -> list[str]:
    """Lower-case words and punctuation marks of a role-marked sentence ("didn't" gives "did", "n't")."""
    lowered = marked.lower()
    return (_WORD_NT if "n't" in lowered else _WORD).findall(lowered)


class Tokenizer(TransformerMixin, BaseEstimator):
    """Role-marked strings to lists of tokens (:func:`tokenize_marked`). Stateless."""

    def fit(self, X, y=None):
        return self

    def __sklearn_is_fitted__(self):
        return True  # nothing to learn

    def transform(self, X) -> list[list[str]]:
        return list(map(tokenize_marked, X))

    def get_feature_names_out(self, input_features=None):
        """One output column: the token list of each row."""
        return np.asarray(["tokens"], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array, tags.input_tags.string = False, True  # one role-marked string per row
        tags.requires_fit = False
        return tags
