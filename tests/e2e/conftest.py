"""A model trained end to end on a tiny CSV, logged and registered in a temporary tracking store."""

import pytest

from stance.training.run import train
from tests.support import tiny_rows


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """(tracking URI, TrainResult, work folder) for a model registered as stance@champion."""
    work = tmp_path_factory.mktemp("e2e")
    data = work / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    uri = f"sqlite:///{work}/mlflow.db"
    params = {"pipeline": {"clf__C": 10.0}, "corpora": [], "seed": 0}
    result = train(data_paths=[data], params=params, tracking_uri=uri, artifact_root=work / "mlruns")
    return uri, result, work
