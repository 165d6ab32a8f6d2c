"""From raw articles to scored actor pairs: clean, split, find actors, attribute, score.

``extract_pairs`` does everything but scoring and returns one row per candidate pair;
``score_pairs`` adds the model's stance and probabilities. Both keep the contract's columns:
``doc_id, sentence_index, sentence, source, source_id, target, target_id, stance, p_negative, p_neutral,
p_positive``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pandas as pd

from stance.actors.matching import DocumentActors, Matcher
from stance.actors.pairs import candidate_pairs
from stance.io.validation import is_blank
from stance.model import predict_table, predictions_where
from stance.schema import EXTRACT_COLUMNS, PAIR_COLUMNS
from stance.text.sentences import read_document


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The matcher over the packaged gazetteer, built once per process."""
    return Matcher.build()


def parse_date(value) -> date | None:
    """An article date from ``YYYY-MM-DD`` (or a longer ISO timestamp); None when empty or unreadable."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def extract_pairs(raw: str, *, doc_id: str = "", on: date | None = None, lang: str | None = None,
                  matcher: Matcher | None = None, ner=None) -> pd.DataFrame:
    """Candidate pairs of one article (unscored), in sentence order; ``ner`` is an optional
    :class:`stance.actors.ner.NerPass` adding actors the gazetteer does not know."""
    document = read_document(raw, lang)
    finder = DocumentActors(matcher or default_matcher(), on=on, lang=document.lang)
    if ner is not None:
        ner.new_document()
    rows = []
    for sentence in document.sentences:
        mentions = finder.mentions(sentence.text)
        if ner is not None:
            mentions = ner.mentions(sentence.text, document.lang, mentions)
        for pair in candidate_pairs(sentence.text, mentions, lang=document.lang):
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_index": sentence.index,
                    "sentence": sentence.text,
                    "source": pair.source.text if pair.source else "",
                    "source_id": pair.source.actor_id if pair.source else "",
                    "target": pair.target.text,
                    "target_id": pair.target.actor_id,
                }
            )
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))


def _model_rows(pairs: pd.DataFrame) -> pd.DataFrame:
    """The (text, source, target) rows the model scores for ``pairs``, same index."""
    return pd.DataFrame({"text": pairs["sentence"], "source": pairs["source"], "target": pairs["target"]})


def score_pairs(pipeline, pairs: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with the model's stance and probabilities appended."""
    return pd.concat([pairs, predict_table(pipeline, _model_rows(pairs))], axis=1)


def extract_and_score(pipeline, articles, *, ner=None, matcher: Matcher | None = None) -> pd.DataFrame:
    """Scored pairs for ``articles``: an iterable of (doc_id, raw text, date or None)."""
    frames = [extract_pairs(raw, doc_id=str(doc_id), on=parse_date(on), ner=ner, matcher=matcher)
              for doc_id, raw, on in articles]
    pairs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(PAIR_COLUMNS))
    return score_pairs(pipeline, pairs)


def extract_rows(pipeline, frame: pd.DataFrame, *, text_col: str = "text", doc_col: str = "doc_id",
                 date_col: str = "date", first_row: int = 0) -> pd.DataFrame:
    """Pairs for each row of ``frame`` that carries only text: one output row per pair, each naming its
    input row (``row``, counted from ``first_row``) with a ``status``; a row with no pair or no text still
    gets one output row (``no_pair`` / ``empty_text``), so every input row is accounted for."""
    pieces = []
    for offset, (index, record) in enumerate(frame.iterrows()):
        row_number = first_row + offset
        text = record.get(text_col)
        doc_id = record.get(doc_col) if doc_col in frame.columns and record.get(doc_col) else str(row_number)
        blank = is_blank(text)
        pairs = pd.DataFrame(columns=list(PAIR_COLUMNS)) if blank else extract_pairs(
            str(text), doc_id=str(doc_id), on=parse_date(record.get(date_col)))
        if pairs.empty:
            pairs = pd.DataFrame([{c: "" for c in PAIR_COLUMNS} | {"doc_id": str(doc_id)}])
            pairs["status"] = "empty_text" if blank else "no_pair"
        else:
            pairs["status"] = "ok"
        pairs.insert(0, "row", row_number)
        pairs.index = [index] * len(pairs)
        pieces.append(pairs)
    if not pieces:
        return pd.DataFrame(columns=["row", *EXTRACT_COLUMNS, "status"])
    pairs = pd.concat(pieces)
    predicted = predictions_where(pipeline, _model_rows(pairs), (pairs["status"] == "ok").to_numpy())
    for column in predicted.columns:  # before "status"
        pairs.insert(len(pairs.columns) - 1, column, predicted[column].to_numpy())
    return pairs
