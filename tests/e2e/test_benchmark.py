"""`stance benchmark` on the tiny corpus: a table with accuracy and speed, logged as an MLflow run."""

import mlflow
import pytest

from stance.training.benchmark import run_benchmark
from tests.support import tiny_rows

pytestmark = pytest.mark.slow


def test_benchmark_table_and_run(tmp_path):
    data = tmp_path / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    params = {"pipeline": {"clf__C": 10.0}, "corpora": [], "reversed_weight": 0.5}
    text = run_benchmark(data_paths=[data], params=params, tracking_uri=uri, artifact_root=tmp_path / "mlruns",
                         public_data=None, speed_rows=500)
    assert "macro-F1" in text and "rows/s" in text and "stance/dev" in text
    run = mlflow.search_runs(experiment_names=["stance-benchmark"]).iloc[0]
    assert run["metrics.stance_dev_rows_per_s"] > 0
    assert 0 <= run["metrics.stance_dev_macro_f1"] <= 1
