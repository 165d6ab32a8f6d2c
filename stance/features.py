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

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

SRC_TOKEN = "srcactor"
TGT_TOKEN = "tgtactor"
NOSRC_TOKEN = "nosrcactor"
INPUT_COLUMNS = ("text", "source", "target")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def normalise_text(text: str) -> str:
    """NFC-normalise, unify apostrophes and collapse whitespace (offsets are not kept here)."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return " ".join(text.split())


def _mention_pattern(mention: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a mention, on word boundaries where the mention has word edges."""
    left = r"(?<!\w)" if mention[:1].isalnum() else ""
    right = r"(?!\w)" if mention[-1:].isalnum() else ""
    return re.compile(left + re.escape(mention) + right, re.IGNORECASE)


def find_spans(text: str, mention: str) -> list[tuple[int, int]]:
    """Character spans of ``mention`` in ``text``: whole-word matches first, else any substring match.

    The fallback covers mentions cut inside a word ("Los Angele" in "Los Angeles") in public corpora.
    """
    mention = mention.strip()
    if not mention:
        return []
    spans = [m.span() for m in _mention_pattern(mention).finditer(text)]
    if not spans:
        spans = [m.span() for m in re.finditer(re.escape(mention), text, re.IGNORECASE)]
    return spans


def mark_roles(text: str, source: str, target: str) -> str:
    """Return ``text`` with source and target mentions replaced by role tokens.

    Where a source and a target mention overlap ("la présidence de l'Azerbaïdjan" and "Azerbaïdjan"), the
    longer mention wins. A target that cannot be found is appended as ``tgtactor`` context-free so the row
    is still scored (validation upstream reports such rows).
    """
    text = normalise_text(text or "")
    source = normalise_text(source or "")
    target = normalise_text(target or "")
    spans = [(s, e, TGT_TOKEN) for s, e in find_spans(text, target)]
    spans += [(s, e, SRC_TOKEN) for s, e in find_spans(text, source)]
    spans.sort(key=lambda span: (-(span[1] - span[0]), span[0]))
    chosen: list[tuple[int, int, str]] = []
    for span in spans:
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    chosen.sort()
    pieces, last = [], 0
    for start, end, token in chosen:
        pieces.append(text[last:start])
        pieces.append(f" {token} ")
        last = end
    pieces.append(text[last:])
    marked = " ".join("".join(pieces).split())
    if not any(token == TGT_TOKEN for _, _, token in chosen):
        marked = f"{marked} {TGT_TOKEN}"
    return f"{NOSRC_TOKEN} {marked}" if not source else marked


def _as_frame(X) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        return X
    return pd.DataFrame(list(X), columns=list(INPUT_COLUMNS))


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


class RoleMarker(TransformerMixin, BaseEstimator):
    """Turn rows of (text, source, target) into role-marked strings for the vectorizers.

    Accepts a DataFrame with the three columns (other columns are ignored) or an iterable of 3-tuples.
    Stateless: ``fit`` only records the input columns it saw.
    """

    def __init__(self, *, text_col: str = "text", source_col: str = "source", target_col: str = "target"):
        self.text_col = text_col
        self.source_col = source_col
        self.target_col = target_col

    def fit(self, X, y=None):
        frame = _as_frame(X)
        missing = [c for c in (self.text_col, self.target_col) if c not in frame.columns]
        if missing:
            raise ValueError(f"RoleMarker needs columns {missing}")
        self.n_features_in_ = 3
        return self

    def transform(self, X) -> list[str]:
        frame = _as_frame(X)
        sources = frame[self.source_col] if self.source_col in frame.columns else [""] * len(frame)
        return [
            mark_roles(_cell(t), _cell(s), _cell(g))
            for t, s, g in zip(frame[self.text_col], sources, frame[self.target_col])
        ]


_WORD = re.compile(r"\w+|[^\w\s]")
NEGATION_CUES = frozenset(
    "ne n pas jamais plus aucun aucune sans ni refuse refusé refusait not no never without nor n't neither "
    "refused refuses declined declines failed".split()
)
_NEGATION_SPAN = 4


def _distance_bucket(distance: int) -> str:
    return "D0" if distance <= 2 else "D1" if distance <= 5 else "D2" if distance <= 10 else "D3"


def context_tokens(marked: str, *, window: int = 4) -> str:
    """Target-relative features of one role-marked sentence, as space-separated tokens.

    ``L1_w``..``L{window}_w`` and ``R1_w``..: the words at each distance left and right of the target;
    ``B_w``: the words between source and target, with ``ORDER_st`` / ``ORDER_ts`` (which comes first) and a
    distance bucket; ``N_w``: words in the scope of a negation cue (ne … pas, not, n't, sans, refused to…)
    that falls in the target's window or between the actors.
    """
    words = _WORD.findall(marked.lower())
    targets = [i for i, w in enumerate(words) if w == TGT_TOKEN]
    sources = [i for i, w in enumerate(words) if w == SRC_TOKEN]
    negated = set()
    for i, word in enumerate(words):
        if word in NEGATION_CUES or word.endswith("n't"):
            negated.update(range(i + 1, min(len(words), i + 1 + _NEGATION_SPAN)))
    out = []
    for t in targets:
        for d in range(1, window + 1):
            if t - d >= 0:
                out.append(f"L{d}_{words[t - d]}")
            if t + d < len(words):
                out.append(f"R{d}_{words[t + d]}")
        out += [f"N_{words[j]}" for j in range(max(0, t - window), min(len(words), t + window + 1)) if j in negated]
    if targets and sources:
        s, t = min(sources, key=lambda i: min(abs(i - x) for x in targets)), targets[0]
        low, high = sorted((s, t))
        between = words[low + 1 : high]
        out += [f"B_{w}" for w in between] + [f"N_{words[j]}" for j in range(low + 1, high) if j in negated]
        out += ["ORDER_st" if s < t else "ORDER_ts", f"DIST_{_distance_bucket(high - low)}"]
    elif not sources:
        out.append("NOSRC")
    return " ".join(out)


class ContextWindows(TransformerMixin, BaseEstimator):
    """Role-marked strings (from :class:`RoleMarker`) to target-relative feature strings.

    Stateless; a module-level function does the work so the pipeline pickles.
    """

    def __init__(self, *, window: int = 4):
        self.window = window

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> list[str]:
        return [context_tokens(marked, window=self.window) for marked in X]
