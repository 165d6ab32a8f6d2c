"""A study runs each variant as an MLflow run nested under one parent run."""

import sys
from pathlib import Path

import mlflow
import yaml

from stance.training.study import run_study, variant_params

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
    study.write_text(yaml.safe_dump({"name": "tiny", "cv_folds": 2,
                                     "variants": {"a": {}, "b": {"pipeline": {"clf__C": 0.1}}}}))
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    table = run_study(study, base={"pipeline": {"clf__C": 10.0}, "corpora": []}, data_paths=[data],
                      tracking_uri=uri, artifact_root=tmp_path / "mlruns", public_data=tmp_path / "absent",
                      speed_rows=200)
    assert list(table.index) == ["a", "b"] and "stance/dev" in table.columns
    # the grouped cross-validation score of each variant sits beside its dev scores
    assert table["cv_mean"].between(0, 1).all() and (table["cv_mean"] == table["cv_stance"]).all()
    runs = mlflow.search_runs(experiment_names=["stance-studies"])
    parent = runs[runs["tags.mlflow.runName"] == "tiny"]["run_id"].iloc[0]
    children = runs[runs["tags.mlflow.parentRunId"] == parent]
    assert sorted(children["tags.mlflow.runName"]) == ["a", "b"]
    assert children["metrics.cv_mean"].notna().all()


def test_grouped_cv_keeps_each_document_in_one_fold(monkeypatch):
    from stance.training import study

    rows = tiny_rows()
    seen = []
    fit = study.fit_pipeline

    def recording_fit(part, params):
        seen.append(set(part["doc_id"]))
        return fit(part, params)

    monkeypatch.setattr(study, "fit_pipeline", recording_fit)
    scores = study.grouped_cv(rows, {"pipeline": {"clf__C": 10.0}}, folds=3)
    assert len(seen) == 3 and all(len(docs) < rows["doc_id"].nunique() for docs in seen)
    held_out = [set(rows["doc_id"]) - docs for docs in seen]
    assert set().union(*held_out) == set(rows["doc_id"]) and sum(map(len, held_out)) == rows["doc_id"].nunique()
    assert 0 <= scores["cv_mean"] <= 1
