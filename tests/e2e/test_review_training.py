"""The correction loop closed: rows imported from the real Label Studio export train with the corpus."""

import pandas as pd
import pytest
from mlflow import MlflowClient

from stance.cli import main
from tests.support import tiny_rows

pytestmark = pytest.mark.slow
FIXTURE = "tests/fixtures/labelstudio/export.json"


def test_train_on_the_corpus_and_the_reviewed_rows(tmp_path, monkeypatch, capsys):
    from tests.support import ROOT

    uri = f"sqlite:///{tmp_path}/mlflow.db"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    tiny = tiny_rows()
    tiny["split"] = ["dev" if doc in ("doc0", "doc1") else "train" for doc in tiny["doc_id"]]
    tiny.to_csv(tmp_path / "tiny.csv", index=False)
    reviewed = tmp_path / "reviewed.csv"
    assert main(["review", "--import", str(ROOT / FIXTURE), "-o", str(reviewed)]) == 0
    assert main(["train", "--data", str(tmp_path / "tiny.csv"), str(reviewed), "--no-public",
                 "--artifact-root", str(tmp_path / "mlruns"), "--register-as", "reviewed-test"]) == 0
    run_id = next(line.split(": ")[1] for line in capsys.readouterr().out.splitlines() if line.startswith("run id"))
    params = MlflowClient(tracking_uri=uri).get_run(run_id).data.params
    assert int(params["rows.stance.train"]) == (tiny["split"] == "train").sum() + len(pd.read_csv(reviewed))
    assert int(params["rows.stance.dev"]) == (tiny["split"] == "dev").sum()
