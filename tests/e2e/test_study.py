"""A study runs each variant as an MLflow run nested under one parent run."""

import sys
from pathlib import Path

import mlflow
import yaml

from stance.study import run_study, variant_params

sys.path.insert(0, str(Path(__file__).parent))
from conftest import tiny_rows  # noqa: E402


def test_variant_params_merge_and_bring_back_dropped_steps():
    base = {"pipeline": {"features__char": "drop", "clf__C": 4.0}, "corpora": ["newsmtsc"]}
    params = variant_params(base, {"pipeline": {"features__char__ngram_range": [2, 5]}, "corpora": []})
    assert params["pipeline"] == {"clf__C": 4.0, "features__char__ngram_range": [2, 5]}
    assert params["corpora"] == [] and params["reversed_weight"] == 0.0
    assert variant_params(base, {})["pipeline"] == base["pipeline"]


def test_study_runs_are_nested(tmp_path):
    data = tmp_path / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    study = tmp_path / "study.yaml"
    study.write_text(yaml.safe_dump({"name": "tiny", "variants": {"a": {}, "b": {"pipeline": {"clf__C": 0.1}}}}))
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    table = run_study(study, base={"pipeline": {"clf__C": 10.0}, "corpora": []}, data_paths=[data],
                      tracking_uri=uri, artifact_root=tmp_path / "mlruns", public_data=tmp_path / "absent",
                      speed_rows=200)
    assert list(table.index) == ["a", "b"] and "stance/dev" in table.columns
    runs = mlflow.search_runs(experiment_names=["stance-studies"])
    parent = runs[runs["tags.mlflow.runName"] == "tiny"]["run_id"].iloc[0]
    children = runs[runs["tags.mlflow.parentRunId"] == parent]
    assert sorted(children["tags.mlflow.runName"]) == ["a", "b"]
