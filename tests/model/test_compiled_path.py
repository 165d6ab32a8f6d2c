"""The shipped model scores through the compiled features, with exactly the string path's features."""

import os
from pathlib import Path

import pandas as pd
import pytest
from sklearn.pipeline import FeatureUnion

from stance.training import corpora

ROOT = Path(__file__).resolve().parents[2]


def _assert_same_features(model, rows):
    union = model.named_steps["features"]
    tokens = model[:2].transform(rows)
    compiled = union.compiled_.transform(tokens)
    strings = FeatureUnion.transform(union, tokens)
    assert compiled.shape == strings.shape
    assert (compiled != strings).nnz == 0


def test_shipped_model_uses_compiled_features_equal_to_the_string_path(model, corpus_splits):
    assert model.named_steps["features"].compiled_ is not None
    _assert_same_features(model, pd.concat(corpus_splits, ignore_index=True))


def test_compiled_features_equal_the_string_path_on_public_dev_rows(model):
    data_dir = corpora.resolve_data_dir(os.environ.get(corpora.DATA_DIR_ENV) or ROOT / ".." / "shared" / "data")
    if not corpora.public_available(data_dir):
        pytest.skip(f"public data not found at {data_dir}")
    for name, rows in corpora.load_public_dev(list(corpora.PUBLIC_CORPORA), data_dir).items():
        _assert_same_features(model, rows)  # other sentences: unseen words, several mentions, long rows
