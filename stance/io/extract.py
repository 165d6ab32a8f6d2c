"""From raw articles to scored actor pairs: clean, split, find actors, attribute, score.

``extract_pairs`` does everything but scoring and returns one row per candidate pair;
``score_pairs`` adds the model's stance and probabilities. Both keep the contract's columns:
``doc_id, sentence_index, sentence, source, source_id, target, target_id, stance, p_negative, p_neutral,
p_positive``, followed by ``source_country, target_country`` (what each actor stands for on the article's
date, :mod:`stance.actors.country`) and the article's ``date`` (and ``url`` when the input has one).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pandas as pd

from stance.actors.country import Affiliations
from stance.actors.matching import DocumentActors, Matcher
from stance.actors.pairs import candidate_pairs
from stance.io.validation import is_blank
from stance.model import predict_table, predictions_where
from stance.schema import ACTOR_COUNTRY_COLUMNS, EXTRACT_COLUMNS, PAIR_COLUMNS
from stance.text.sentences import read_document


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The matcher over the packaged gazetteer, built once per process."""
    return Matcher.build()


def affiliations_of(matcher: Matcher) -> Affiliations:
    """Countries and labels over ``matcher``'s gazetteer, built once per matcher (kept on it)."""
    found = getattr(matcher, "_affiliations", None)
    if found is None or found.gazetteer is not matcher.gazetteer:
        found = Affiliations(matcher.gazetteer)
        matcher._affiliations = found
    return found


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
    matcher = matcher or default_matcher()
    finder = DocumentActors(matcher, on=on, lang=document.lang)
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
    pairs = pd.DataFrame(rows, columns=list(PAIR_COLUMNS))
    countries = affiliations_of(matcher)
    for role in ("source", "target"):
        pairs[f"{role}_country"] = [countries.country(i, on) if i else "" for i in pairs[f"{role}_id"]]
    return pairs


def _model_rows(pairs: pd.DataFrame) -> pd.DataFrame:
    """The (text, source, target) rows the model scores for ``pairs``, same index."""
    return pd.DataFrame({"text": pairs["sentence"], "source": pairs["source"], "target": pairs["target"]})


def _with_predictions(pairs: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with ``predicted`` (stance and probabilities) placed right after the contract's pair columns,
    the columns added since (countries, date, url, status) after them."""
    cut = list(pairs.columns).index("target_id") + 1
    predicted = predicted.set_axis(pairs.index)
    return pd.concat([pairs.iloc[:, :cut], predicted, pairs.iloc[:, cut:]], axis=1)


def score_pairs(pipeline, pairs: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with the model's stance and probabilities after the pair columns."""
    return _with_predictions(pairs, predict_table(pipeline, _model_rows(pairs)))


def extract_and_score(pipeline, articles, *, ner=None, matcher: Matcher | None = None) -> pd.DataFrame:
    """Scored pairs for ``articles``: an iterable of (doc_id, raw text, date or None[, extra]), where
    ``extra`` is a dict of columns copied onto each of the article's pairs (``url``). Each pair gets the
    article's ``date`` as given (empty when None)."""
    frames = []
    for doc_id, raw, on, *extra in articles:
        pairs = extract_pairs(raw, doc_id=str(doc_id), on=parse_date(on), ner=ner, matcher=matcher)
        pairs["date"] = "" if on is None else str(on)
        for column, value in (extra[0] if extra else {}).items():
            pairs[column] = value
        frames.append(pairs)
    pairs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=[*PAIR_COLUMNS, *ACTOR_COUNTRY_COLUMNS, "date"])
    return score_pairs(pipeline, pairs)


def extract_rows(pipeline, frame: pd.DataFrame, *, text_col: str = "text", doc_col: str = "doc_id",
                 date_col: str = "date", first_row: int = 0, carry=()) -> pd.DataFrame:
    """Pairs for each row of ``frame`` that carries only text: one output row per pair, each naming its
    input row (``row``, counted from ``first_row``) with a ``status``; a row with no pair or no text still
    gets one output row (``no_pair`` / ``empty_text``), so every input row is accounted for. The input
    columns named in ``carry`` that ``frame`` has (``date``, ``url``) are copied onto each pair, as given."""
    carry = [column for column in carry if column in frame.columns]
    pieces = []
    for offset, (index, record) in enumerate(frame.iterrows()):
        row_number = first_row + offset
        text = record.get(text_col)
        doc_id = record.get(doc_col) if doc_col in frame.columns and record.get(doc_col) else str(row_number)
        blank = is_blank(text)
        pairs = pd.DataFrame(columns=[*PAIR_COLUMNS, *ACTOR_COUNTRY_COLUMNS]) if blank else extract_pairs(
            str(text), doc_id=str(doc_id), on=parse_date(record.get(date_col)))
        if pairs.empty:
            pairs = pd.DataFrame([{c: "" for c in (*PAIR_COLUMNS, *ACTOR_COUNTRY_COLUMNS)} | {"doc_id": str(doc_id)}])
            pairs["status"] = "empty_text" if blank else "no_pair"
        else:
            pairs["status"] = "ok"
        for column in carry:
            pairs[column] = record.get(column)
        pairs.insert(0, "row", row_number)
        pairs.index = [index] * len(pairs)
        pieces.append(pairs)
    if not pieces:
        return pd.DataFrame(columns=["row", *EXTRACT_COLUMNS, *ACTOR_COUNTRY_COLUMNS, "status", *carry])
    pairs = pd.concat(pieces)
    predicted = predictions_where(pipeline, _model_rows(pairs), (pairs["status"] == "ok").to_numpy())
    return _with_predictions(pairs, predicted)
