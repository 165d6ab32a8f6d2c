"""A model trained on the bundled corpus's train split with the shipped hyper-parameters (no public data)."""

import pandas as pd
import pytest

from stance.model import predict_table
from stance.training.dataset import read_dataset, split_frame
from stance.training.fit import fit_pipeline
from stance.training.params import load_params
from tests.support import DATASETS, PARAMS


@pytest.fixture(scope="session")
def corpus_splits():
    return split_frame(read_dataset(DATASETS / "sentences.csv"))


@pytest.fixture(scope="session")
def model(corpus_splits):
    train, _, _ = corpus_splits
    return fit_pipeline(train, load_params(PARAMS))


@pytest.fixture(scope="session")
def predict(model):
    """predict(text, source, target) -> one row of stance and probabilities."""
    def _predict(text, source, target):
        frame = pd.DataFrame({"text": [text], "source": [source], "target": [target]})
        return predict_table(model, frame).iloc[0]

    return _predict
