"""The authored article set used to evaluate extraction: files and gold annotations agree."""

import pandas as pd
import pytest

from stance.io.extract import parse_date
from stance.schema import LABELS
from tests.support import DATASETS

ARTICLES = DATASETS / "articles"


def read(name):
    return pd.read_csv(ARTICLES / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def texts():
    return {a: (ARTICLES / f"{a}.txt").read_text(encoding="utf-8") for a in read("articles.csv")["article"]}


def test_articles_exist_with_date_and_language(texts):
    meta = read("articles.csv")
    assert len(meta) >= 16 and set(meta["lang"]) == {"fr", "en"}
    assert all(parse_date(d) for d in meta["date"])
    assert meta["article"].is_unique


def test_gold_sentences_and_mentions_are_verbatim(texts):
    actors, pairs = read("gold_actors.csv"), read("gold_pairs.csv")
    for row in actors.itertuples(index=False):
        assert row.sentence in texts[row.article], row
        assert row.mention in row.sentence, row
    for row in pairs.itertuples(index=False):
        assert row.sentence in texts[row.article], row
        assert row.stance in LABELS


def test_gold_pairs_use_gold_actors(texts):
    actors, pairs = read("gold_actors.csv"), read("gold_pairs.csv")
    known = set(zip(actors["article"], actors["sentence"], actors["actor_id"]))
    for row in pairs.itertuples(index=False):
        assert (row.article, row.sentence, row.target_id) in known, row
        assert not row.source_id or (row.article, row.sentence, row.source_id) in known, row


def test_sizes(texts):
    assert len(read("gold_actors.csv")) >= 300 and len(read("gold_pairs.csv")) >= 200
