"""The shipped model scores through the compiled features, with exactly the string path's features."""

import pandas as pd
import pytest
from sklearn.pipeline import FeatureUnion

from stance.training import corpora

pytestmark = pytest.mark.slow


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


def test_compiled_features_equal_the_string_path_on_public_dev_rows(model, public_data):
    dev_sets = corpora.load_public_dev(list(corpora.PUBLIC_CORPORA), public_data)
    assert dev_sets
    for rows in dev_sets.values():
        _assert_same_features(model, rows)  # other sentences: unseen words, several mentions, long rows
