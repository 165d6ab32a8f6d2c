"""Feature transformers: mark who is the source and who is the target in a sentence.

The model must learn roles, not names. :class:`RoleMarker` replaces every mention of the source actor by
the token ``SRC_TOKEN`` and every mention of the target by ``TGT_TOKEN``, keeping the words around them, so
that "Bakou accuse Erevan" and "Paris accuse Berlin" become the same text, while "Bakou accuse Erevan"
read with the roles swapped becomes "TGT accuse SRC". Rows with an empty source get ``NOSRC_TOKEN`` in
front: the label then is the sentence's own tone toward the target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from stance.schema import INPUT_COLUMNS
from stance.text.normalise import find_spans, normalise

SRC_TOKEN = "srcactor"
TGT_TOKEN = "tgtactor"
NOSRC_TOKEN = "nosrcactor"
CORPUS_TAG = "corpus"  # a public corpus's rows start with "corpus<name>" (see RoleMarker's corpus_col)


def _longest_first(span: tuple[int, int, str]) -> tuple[int, int]:
    return span[0] - span[1], span[0]


def mark_roles(text: str, source: str, target: str) -> str:
    """Return ``text`` with source and target mentions replaced by role tokens.

    Where a source and a target mention overlap ("la présidence de l'Azerbaïdjan" and "Azerbaïdjan"), the
    longer mention wins. A target that cannot be found is appended as ``tgtactor`` context-free so the row
    is still scored (validation upstream reports such rows).
    """
    text = normalise(text or "")
    source = normalise(source or "")
    target = normalise(target or "")
    lowered = text.lower()
    chosen = [(s, e, TGT_TOKEN) for s, e in find_spans(text, target, lowered=lowered)]
    if source:
        chosen += [(s, e, SRC_TOKEN) for s, e in find_spans(text, source, lowered=lowered)]
    if len(chosen) > 1:
        spans = sorted(chosen, key=_longest_first)
        chosen = []
        for span in spans:
            if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
                chosen.append(span)
        chosen.sort()
    pieces, last = [], 0
    for start, end, token in chosen:  # text has single spaces: stripping the pieces keeps them single
        if piece := text[last:start].strip():
            pieces.append(piece)
        pieces.append(token)
        last = end
    if piece := text[last:].strip():
        pieces.append(piece)
    marked = " ".join(pieces)
    if not any(token == TGT_TOKEN for _, _, token in chosen):
        marked = f"{marked} {TGT_TOKEN}"
    return f"{NOSRC_TOKEN} {marked}" if not source else marked


def _as_frame(X) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        return X
    return pd.DataFrame(list(X), columns=list(INPUT_COLUMNS))


def _strings(frame: pd.DataFrame, column: str | None) -> list[str]:
    """A column as a list of strings (missing values as ""), or "" for every row when there is no column."""
    if column is None or column not in frame.columns:
        return [""] * len(frame)
    return frame[column].fillna("").astype(str).tolist()


class RoleMarker(TransformerMixin, BaseEstimator):
    """Turn rows of (text, source, target) into role-marked strings for the vectorizers.

    Accepts a DataFrame with the three columns (other columns are ignored) or an iterable of 3-tuples.
    Stateless: ``fit`` only records the input columns it saw.
    """

    def __init__(self, *, text_col: str = "text", source_col: str = "source", target_col: str = "target",
                 mark: bool = True, corpus_col: str | None = None):
        self.text_col = text_col
        self.source_col = source_col
        self.target_col = target_col
        self.mark = mark  # False: the sentence alone, as a role-blind baseline
        # a column naming the public corpus a row comes from: its name becomes a token ("corpusnewsmtsc");
        # rows without one (the project's corpus, and everything scored in use) get none
        self.corpus_col = corpus_col

    def fit(self, X, y=None):
        frame = _as_frame(X)
        missing = [c for c in (self.text_col, self.target_col) if c not in frame.columns]
        if missing:
            raise ValueError(f"RoleMarker needs columns {missing}")
        self.n_features_in_ = 3
        return self

    def transform(self, X) -> list[str]:
        frame = _as_frame(X)
        texts = _strings(frame, self.text_col)
        if not self.mark:
            return [normalise(t) for t in texts]
        marked = list(map(mark_roles, texts, _strings(frame, self.source_col), _strings(frame, self.target_col)))
        if self.corpus_col and self.corpus_col in frame.columns:
            tags = _strings(frame, self.corpus_col)
            marked = [f"{CORPUS_TAG}{tag} {m}" if tag and tag != "stance" else m for tag, m in zip(tags, marked)]
        return marked

    def __sklearn_is_fitted__(self):
        return True  # nothing to learn: fit only checks the columns

    def get_feature_names_out(self, input_features=None):
        """One output column: the role-marked sentence of each row."""
        return np.asarray(["marked_text"], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # a table of text, source and target strings
        tags.requires_fit = False
        return tags
