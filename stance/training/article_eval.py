"""Score article extraction against the authored gold set in ``datasets/articles``.

The gold set has one ``.txt`` per article, ``articles.csv`` (``article, date, lang``),
``gold_actors.csv`` (``article, sentence, mention, actor_id``) and ``gold_pairs.csv``
(``article, sentence, source_id, target_id, stance``). Sentences are compared after
:func:`stance.text.normalise.key`, so offsets and typography do not matter. Reported: actor precision and recall
over (article, sentence, actor id); pair precision and recall over (article, sentence, source id, target
id); and the F1 of pairs whose stance is also right.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stance.io.extract import extract_pairs, parse_date, score_pairs
from stance.text.normalise import key


def _prf(found: set, gold: set) -> dict[str, float]:
    hit = len(found & gold)
    precision = hit / len(found) if found else 0.0
    recall = hit / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "found": len(found), "gold": len(gold)}


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def extract_gold_articles(folder, pipeline=None, ner=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(predicted pairs, predicted actors) for every article of the gold set; pairs scored when a
    pipeline is given."""
    folder = Path(folder)
    pairs, actors = [], []
    for article in _read(folder, "articles.csv").itertuples(index=False):
        raw = (folder / f"{article.article}.txt").read_text(encoding="utf-8")
        found = extract_pairs(raw, doc_id=article.article, on=parse_date(article.date), lang=article.lang, ner=ner)
        pairs.append(found)
        for column in ("source_id", "target_id"):  # an actor found by NER is scored by its slug
            found[column] = found[column].str.removeprefix("ner:")
        for record in found.itertuples(index=False):
            actors.append((article.article, record.sentence, record.target_id))
            if record.source_id:
                actors.append((article.article, record.sentence, record.source_id))
    pairs = pd.concat(pairs, ignore_index=True)
    if pipeline is not None and len(pairs):
        pairs = score_pairs(pipeline, pairs)
    return pairs, pd.DataFrame(actors, columns=["article", "sentence", "actor_id"]).drop_duplicates()


def evaluate_articles(folder, pipeline=None, ner=None) -> dict[str, dict[str, float]]:
    """Actor, pair and pair+stance scores on the gold set (pair+stance needs a pipeline)."""
    folder = Path(folder)
    pairs, actors = extract_gold_articles(folder, pipeline, ner)
    gold_actors = _read(folder, "gold_actors.csv")
    gold_pairs = _read(folder, "gold_pairs.csv")
    results = {
        "actors": _prf(
            {(a, key(s), i) for a, s, i in actors.itertuples(index=False)},
            {(r.article, key(r.sentence), r.actor_id) for r in gold_actors.itertuples(index=False)},
        ),
        "pairs": _prf(
            {(r.doc_id, key(r.sentence), r.source_id, r.target_id) for r in pairs.itertuples(index=False)},
            {(r.article, key(r.sentence), r.source_id, r.target_id) for r in gold_pairs.itertuples(index=False)},
        ),
    }
    if pipeline is not None:
        results["pairs+stance"] = _prf(
            {(r.doc_id, key(r.sentence), r.source_id, r.target_id, r.stance) for r in pairs.itertuples(index=False)},
            {(r.article, key(r.sentence), r.source_id, r.target_id, r.stance)
             for r in gold_pairs.itertuples(index=False)},
        )
    return results
