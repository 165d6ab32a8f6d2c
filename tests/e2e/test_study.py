"""A study runs each variant as an MLflow run nested under one parent run."""

import mlflow
import pytest
import yaml

from stance.training.study import run_study
from tests.support import tiny_rows

pytestmark = pytest.mark.slow


def test_study_runs_are_nested(tmp_path):
    data = tmp_path / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    study = tmp_path / "study.yaml"
    study.write_text(yaml.safe_dump({"name": "tiny", "cv_folds": 2,
                                     "variants": {"a": {}, "b": {"pipeline": {"clf__C": 0.1}}}}))
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    table = run_study(study, base={"pipeline": {"clf__C": 10.0}, "corpora": []}, data_paths=[data],
                      tracking_uri=uri, artifact_root=tmp_path / "mlruns", public_data=None, speed_rows=200)
    assert list(table.index) == ["a", "b"] and "stance/dev" in table.columns
    # the grouped cross-validation score of each variant sits beside its dev scores
    assert table["cv_mean"].between(0, 1).all() and (table["cv_mean"] == table["cv_stance"]).all()
    runs = mlflow.search_runs(experiment_names=["stance-studies"])
    parent = runs[runs["tags.mlflow.runName"] == "tiny"]["run_id"].iloc[0]
    children = runs[runs["tags.mlflow.parentRunId"] == parent]
    assert sorted(children["tags.mlflow.runName"]) == ["a", "b"]
    assert children["metrics.cv_mean"].notna().all()
