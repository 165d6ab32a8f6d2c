"""Rows a human reviewed in Label Studio (``datasets/reviewed.csv``, from ``stance review --import``): the corpus
schema, source and target in the text, valid labels, and no pair or document clashing with the corpus."""

import pandas as pd
import pytest

from stance.schema import DATASET_COLUMNS
from stance.training.dataset import problems, read_dataset, split_frame
from tests.support import DATASETS

REVIEWED = DATASETS / "reviewed.csv"


@pytest.fixture(scope="module")
def reviewed() -> pd.DataFrame:
    return read_dataset(REVIEWED)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return read_dataset(DATASETS / "sentences.csv")


def test_schema_spans_and_labels(reviewed):
    assert list(reviewed.columns) == [*DATASET_COLUMNS, "split"] and len(reviewed) > 0
    assert problems(reviewed, str(REVIEWED)) == []
    assert reviewed["id"].str.startswith("rv").all()


def test_no_duplicate_pair_within_or_against_the_corpus(reviewed, corpus):
    pairs = ["text", "source", "target"]
    assert not reviewed.duplicated(pairs).any()
    both = pd.concat([corpus, reviewed])
    assert not both.duplicated(pairs).any() and both["id"].is_unique


def test_a_document_stays_in_one_split_across_both_files(reviewed, corpus):
    both = pd.concat([corpus, reviewed])
    assert (both.groupby("doc_id")["split"].nunique() == 1).all()
    train, dev, test = split_frame(both)
    assert len(train) + len(dev) + len(test) == len(both)  # every row lands in a split
