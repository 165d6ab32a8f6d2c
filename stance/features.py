"""Feature transformers: mark who is the source and who is the target in a sentence.

The model must learn roles, not names. :class:`RoleMarker` replaces every mention of the source actor by
the token ``SRC_TOKEN`` and every mention of the target by ``TGT_TOKEN``, keeping the words around them, so
that "Bakou accuse Erevan" and "Paris accuse Berlin" become the same text, while "Bakou accuse Erevan"
read with the roles swapped becomes "TGT accuse SRC". Rows with an empty source get ``NOSRC_TOKEN`` in
front: the label then is the sentence's own tone toward the target.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

SRC_TOKEN = "srcactor"
TGT_TOKEN = "tgtactor"
NOSRC_TOKEN = "nosrcactor"
INPUT_COLUMNS = ("text", "source", "target")


def normalise_text(text: str) -> str:
    """NFC-normalise, unify apostrophes and collapse whitespace (offsets are not kept here)."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        for char in "’‘ʼ":
            if char in text:
                text = text.replace(char, "'")
    if "`" in text:
        text = text.replace("`", "'")
    # every blank but the plain space is unprintable: a printable text without double or edge spaces is tidy
    if "  " in text or not text.isprintable() or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


def _mention_pattern(mention: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a mention, on word boundaries where the mention has word edges."""
    left = r"(?<!\w)" if mention[:1].isalnum() else ""
    right = r"(?!\w)" if mention[-1:].isalnum() else ""
    return re.compile(left + re.escape(mention) + right, re.IGNORECASE)


def find_spans(text: str, mention: str, *, lowered: str | None = None) -> list[tuple[int, int]]:
    """Character spans of ``mention`` in ``text`` (case-insensitive): whole-word matches first, else any
    substring match. The fallback covers mentions cut inside a word ("Los Angele" in "Los Angeles") in
    public corpora. Plain string search, no regular expression per mention: this runs for every row scored.
    ``lowered`` is ``text.lower()`` when the caller already has it.
    """
    mention = mention.strip()
    if not mention:
        return []
    low, needle = lowered if lowered is not None else text.lower(), mention.lower()
    if len(low) != len(text) or len(needle) != len(mention):  # rare letters whose lower case is longer
        return _regex_spans(text, mention)
    spans, start = [], 0
    while (found := low.find(needle, start)) >= 0:
        spans.append((found, found + len(needle)))
        start = found + len(needle)
    left_edge = mention[0].isalnum() or mention[0] == "_"
    right_edge = mention[-1].isalnum() or mention[-1] == "_"
    whole = [
        (s, e) for s, e in spans
        if not (left_edge and s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"))
        and not (right_edge and e < len(text) and (text[e].isalnum() or text[e] == "_"))
    ]
    return whole or spans


def mention_occurs(text: str, mention: str, *, lowered: str | None = None) -> bool:
    """Whether :func:`find_spans` finds ``mention`` in ``text``, without listing the spans (its substring
    fallback means any case-insensitive occurrence counts). ``lowered`` is ``text.lower()`` when the caller
    already has it."""
    mention = mention.strip()
    if not mention:
        return False
    low, needle = lowered if lowered is not None else text.lower(), mention.lower()
    if len(low) != len(text) or len(needle) != len(mention):
        return bool(_regex_spans(text, mention))
    return needle in low


def _regex_spans(text: str, mention: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _mention_pattern(mention).finditer(text)]
    return spans or [m.span() for m in re.finditer(re.escape(mention), text, re.IGNORECASE)]


def _longest_first(span: tuple[int, int, str]) -> tuple[int, int]:
    return span[0] - span[1], span[0]


def mark_roles(text: str, source: str, target: str) -> str:
    """Return ``text`` with source and target mentions replaced by role tokens.

    Where a source and a target mention overlap ("la présidence de l'Azerbaïdjan" and "Azerbaïdjan"), the
    longer mention wins. A target that cannot be found is appended as ``tgtactor`` context-free so the row
    is still scored (validation upstream reports such rows).
    """
    text = normalise_text(text or "")
    source = normalise_text(source or "")
    target = normalise_text(target or "")
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
            return [normalise_text(t) for t in texts]
        marked = list(map(mark_roles, texts, _strings(frame, self.source_col), _strings(frame, self.target_col)))
        if self.corpus_col and self.corpus_col in frame.columns:
            tags = _strings(frame, self.corpus_col)
            marked = [f"corpus{tag} {m}" if tag and tag != "stance" else m for tag, m in zip(tags, marked)]
        return marked
