"""Row checks shared by CSV scoring and the served model: every row gets a status, none is dropped.

Statuses (the ``status`` column of scored output):

| status | meaning | scored? |
|---|---|---|
| ``ok`` | text, target (and source, if any) are usable | yes |
| ``empty_text`` | the text is missing or blank | no |
| ``empty_target`` | the target is missing or blank | no |
| ``target_not_in_text`` | the target does not occur in the text (see :func:`stance.text.normalise.find_spans`) | no |
| ``source_not_in_text`` | a non-empty source does not occur in the text | no |
"""

from __future__ import annotations

import pandas as pd

from stance.schema import OK
from stance.text.normalise import fold, mention_occurs, normalise


def is_blank(value) -> bool:
    """True for None, NaN or a string of whitespace."""
    return value is None or (isinstance(value, float) and value != value) or not str(value).strip()


def row_status(text, source, target) -> str:
    """The status of one (text, source, target) row; see the module docstring."""
    if is_blank(text):
        return "empty_text"
    if is_blank(target):
        return "empty_target"
    clean = normalise(str(text))
    folded = fold(clean)
    if not mention_occurs(clean, normalise(str(target)), folded=folded):
        return "target_not_in_text"
    if not is_blank(source) and not mention_occurs(clean, normalise(str(source)), folded=folded):
        return "source_not_in_text"
    return OK


def row_statuses(frame: pd.DataFrame, text_col="text", source_col="source", target_col="target") -> pd.Series:
    """Status of every row of ``frame`` (same index); a missing source column means empty sources."""
    sources = frame[source_col] if source_col in frame.columns else pd.Series("", index=frame.index)
    return pd.Series(
        [row_status(t, s, g) for t, s, g in zip(frame[text_col], sources, frame[target_col])],
        index=frame.index,
        dtype=object,
    )


def missing_columns(columns, required) -> list[str]:
    """The required column names absent from ``columns``, in the order given."""
    present = set(columns)
    return [c for c in required if c not in present]
