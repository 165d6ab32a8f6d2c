"""Train on a tiny CSV into a temporary tracking URI, load the registered model, score a CSV."""

import mlflow
import pandas as pd
import pytest
from mlflow import MlflowClient

from stance.cli import main
from tests.support import tiny_rows

pytestmark = pytest.mark.slow


def test_run_metrics_artifacts_and_registry(trained):
    uri, result, work = trained
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    run = client.get_run(result.run_id)
    assert 0.0 <= run.data.metrics["dev_macro_f1"] <= 1.0
    assert {"dev_accuracy", "dev_ece", "dev_f1_negative", "dev_fr_macro_f1", "dev_en_macro_f1"} <= set(run.data.metrics)
    assert run.data.params["corpora"] == "none"
    assert len(run.data.tags["dataset.sha256.tiny.csv"]) == 64
    artifacts = {a.path for a in client.list_artifacts(result.run_id, "evaluation")}
    assert {"evaluation/dev_confusion.png", "evaluation/dev_classification_report.txt",
            "evaluation/dev_misclassified.csv", "evaluation/summary.txt"} <= artifacts
    assert str(client.get_model_version_by_alias("stance", "champion").version) == result.version
    # artifacts live under the given artifact root, not in the working directory
    assert (work / "mlruns").is_dir()


def test_registered_model_loads_through_pyfunc_and_scores(trained):
    uri, _, _ = trained
    mlflow.set_tracking_uri(uri)
    model = mlflow.pyfunc.load_model("models:/stance@champion")
    assert model.metadata.get_input_schema().input_names() == ["text", "source", "target", "doc_id", "date"]
    out = model.predict(pd.DataFrame({"text": ["Oslo a salué Lima mardi."], "source": ["Oslo"], "target": ["Lima"]}))
    assert list(out.columns) == ["stance", "p_negative", "p_neutral", "p_positive", "status"]
    assert out.loc[0, "stance"] == "positive"


def test_stance_score_cli_with_the_registered_model(trained, tmp_path, monkeypatch, capsys):
    uri, _, _ = trained
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    source = tmp_path / "in.csv"
    pd.DataFrame(
        {"ref": ["a", "b", "c"],
         "text": ["Dakar a condamné Hanoi mardi.", "Lima praised Rome on Tuesday.", "Rome met Oslo."],
         "source": ["Dakar", "Lima", "Paris"], "target": ["Hanoi", "Rome", "Oslo"]}
    ).to_csv(source, index=False)
    assert main(["score", str(source), "-o", str(tmp_path / "out.csv")]) == 0
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert out["ref"].tolist() == ["a", "b", "c"]
    assert out["stance"].tolist()[:2] == ["negative", "positive"]
    assert out["status"].tolist() == ["ok", "ok", "source_not_in_text"]
    assert "3 rows read, 2 scored" in capsys.readouterr().err


def test_stance_train_shows_its_stages_and_not_the_libraries_output(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path}/mlflow.db")
    data = tmp_path / "tiny.csv"
    tiny_rows().to_csv(data, index=False)
    params = tmp_path / "params.yaml"
    params.write_text("pipeline: {clf__C: 10.0}\nreversed_weight: 0.5\n", encoding="utf-8")
    assert main(["train", "--data", str(data), "--params", str(params), "--artifact-root", str(tmp_path / "mlruns"),
                 "--public-data", str(tmp_path / "absent")]) == 0
    out, err = capsys.readouterr()
    stages = ["reading our corpus … 36 rows: train 27, dev 9, test 0; 18 reversed pairs",
              f"reading the public corpora … none — no public data folder at {tmp_path / 'absent'}",
              "fitting on 45 rows …", "evaluating on 2 sets …", "logging the model … ", "registering stance@champion …"]
    assert all(stage in out for stage in stages) and out.index(stages[0]) < out.index(stages[-1])
    assert "evaluation set" in out and "registered: models:/stance/1" in out
    assert err == ""  # no MLflow logs, warnings or progress bars without -v
