"""The bundled corpus: schema, labels, spans, splits, leakage, duplicates, balance and size."""

import re
import unicodedata
from collections import defaultdict

import pandas as pd
import pytest

from stance.schema import DATASET_COLUMNS, LABELS, SPLITS
from stance.training.dataset import problems, read_dataset
from tests.support import DATASETS

CORPUS = DATASETS / "sentences.csv"


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return read_dataset(CORPUS)


def test_schema_labels_and_spans(corpus):
    assert list(corpus.columns) == [*DATASET_COLUMNS, "split"]
    assert problems(corpus, str(CORPUS)) == []
    assert set(corpus["stance"]) == set(LABELS)
    assert set(corpus["lang"]) == {"fr", "en"}
    assert set(corpus["split"]) == set(SPLITS)


def test_ids_unique_and_pairs_unique(corpus):
    assert corpus["id"].is_unique
    assert not corpus.duplicated(["text", "source", "target"]).any()
    assert (corpus["source"] != corpus["target"]).all()


def test_text_is_clean(corpus):
    assert (corpus["text"] == corpus["text"].str.strip()).all()
    assert not corpus["text"].str.contains("\n").any()
    assert (corpus["text"].map(lambda t: unicodedata.normalize("NFC", t)) == corpus["text"]).all()


def test_no_document_in_two_splits_and_one_language_per_document(corpus):
    per_doc = corpus.groupby("doc_id").agg(splits=("split", "nunique"), langs=("lang", "nunique"))
    assert (per_doc["splits"] == 1).all()
    assert (per_doc["langs"] == 1).all()


def test_a_sentence_belongs_to_one_document(corpus):
    assert (corpus.groupby("text")["doc_id"].nunique() == 1).all()


def _shingles(text: str, n: int = 3) -> set:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def test_no_duplicate_or_near_duplicate_sentence_across_splits(corpus):
    """Two sentences in different splits may not share 70% or more of their word 3-grams (Jaccard)."""
    sentences = corpus.drop_duplicates("text")[["text", "split"]].reset_index(drop=True)
    shingles = [_shingles(t) for t in sentences["text"]]
    index = defaultdict(set)
    for i, grams in enumerate(shingles):
        for gram in grams:
            index[gram].add(i)
    offending = []
    for i, grams in enumerate(shingles):
        candidates = set().union(*(index[g] for g in grams)) - {i}
        for j in candidates:
            if j > i and sentences.at[i, "split"] != sentences.at[j, "split"]:
                jaccard = len(grams & shingles[j]) / len(grams | shingles[j])
                if jaccard >= 0.7:
                    offending.append((sentences.at[i, "text"], sentences.at[j, "text"], round(jaccard, 2)))
    assert offending == []


def test_counts(corpus):
    assert len(corpus) >= 3000
    counts = corpus["lang"].value_counts()
    assert counts["fr"] >= 1500 and counts["en"] >= 1500
    assert corpus["doc_id"].nunique() >= 400
    sentences_per_doc = corpus.groupby("doc_id")["text"].nunique()
    assert sentences_per_doc.between(3, 8).all(), sentences_per_doc[~sentences_per_doc.between(3, 8)]


def _actor_key(mention: str) -> str:
    mention = unicodedata.normalize("NFC", mention).replace("’", "'").lower().strip()
    return re.sub(r"^(the|le|la|les|l'|m\.|mme|mr\.|ms\.)\s*", "", mention)


def test_at_least_250_distinct_actors(corpus):
    actors = {_actor_key(a) for a in pd.concat([corpus["source"], corpus["target"]]) if a}
    assert len(actors) >= 250


def test_class_and_language_balance(corpus):
    shares = corpus["stance"].value_counts(normalize=True)
    assert shares.min() >= 0.25, shares
    for lang, part in corpus.groupby("lang"):
        assert part["stance"].value_counts(normalize=True).min() >= 0.22, (lang, part["stance"].value_counts())
    empty_source = (corpus["source"] == "").mean()
    assert 0.15 <= empty_source <= 0.25, empty_source


def test_each_split_has_both_languages_and_all_labels(corpus):
    for split, part in corpus.groupby("split"):
        assert set(part["lang"]) == {"fr", "en"}, split
        assert set(part["stance"]) == set(LABELS), split
    shares = corpus.drop_duplicates("doc_id")["split"].value_counts(normalize=True)
    assert shares["train"] >= 0.6 and shares["dev"] >= 0.1 and shares["test"] >= 0.1
