"""Issue 11, no code runs from a model file: the Pipeline is stored with skops and loaded with the project's
trusted types only; pickles, foreign loaders and a planted mlflow.db run nothing; model problems exit 2."""

import pickle
import sys

import pytest
import yaml

import stance.cli as cli
import stance.io.serving as serving
from tests.support import TOY

STANCE = "import sys; from stance.cli import main; sys.exit(main(sys.argv[1:]))"  # the `stance` command


class Payload:
    """Unpickling it creates the marker file: what a crafted model file could do, harmlessly."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def pickled_model_dir(folder, marker, *, joblib_artifact=False):
    """An MLflow pyfunc folder in the PythonModel form: python_model.pkl (+ artifacts/pipeline.joblib)."""
    (folder / "artifacts").mkdir(parents=True)
    flavor = {"loader_module": "mlflow.pyfunc.model", "python_model": "python_model.pkl",
              "python_version": "3.11", "env": {"virtualenv": "python_env.yaml"}}
    if joblib_artifact:
        # a genuine python_model.pkl of the earlier stance format; the payload sits in the pipeline artifact
        model = serving.StanceModel.__new__(serving.StanceModel)
        (folder / "python_model.pkl").write_bytes(pickle.dumps(model))
        (folder / "artifacts" / "pipeline.joblib").write_bytes(pickle.dumps(Payload(marker)))
        flavor["artifacts"] = {"pipeline": {"path": "artifacts/pipeline.joblib", "uri": "pipeline.joblib"}}
    else:
        (folder / "python_model.pkl").write_bytes(pickle.dumps(Payload(marker)))
    conf = {"flavors": {"python_function": flavor}, "mlflow_version": "3.17.2"}
    (folder / "MLmodel").write_text(yaml.safe_dump(conf), encoding="utf-8")
    (folder / "python_env.yaml").write_text("python: 3.11\nbuild_dependencies: []\ndependencies: []\n")
    return folder


@pytest.fixture
def scoring(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("text,source,target\nTokyo praised Seoul.,Tokyo,Seoul\n", encoding="utf-8")

    def _score(model, *extra):
        code = cli.main(["score", str(source), "-o", str(tmp_path / "out.csv"), "--model", str(model), *extra])
        return code, capsys.readouterr().err

    return _score


@pytest.mark.parametrize("joblib_artifact", [False, True])
def test_a_pickled_model_folder_runs_nothing_and_is_refused(tmp_path, scoring, joblib_artifact):
    # case 7: a crafted python_model.pkl or artifacts/pipeline.joblib ran its payload with no warning
    marker = tmp_path / "payload-ran"
    folder = pickled_model_dir(tmp_path / "model", marker, joblib_artifact=joblib_artifact)
    code, err = scoring(folder)
    assert not marker.exists()
    assert code == 2 and "refused, nothing in it was run" in err and not (tmp_path / "out.csv").exists()


def test_a_pickle_where_the_skops_file_should_be_is_refused(tmp_path, scoring, toy_pipeline):
    marker = tmp_path / "payload-ran"
    folder = tmp_path / "model"
    serving.save_model(toy_pipeline, folder)
    (folder / "data" / "pipeline.skops").write_bytes(pickle.dumps(Payload(marker)))
    code, err = scoring(folder)
    assert not marker.exists() and code == 2 and "not a skops model file" in err


def test_a_skops_file_naming_an_untrusted_type_is_refused(tmp_path, scoring):
    import skops.io
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    folder = tmp_path / "model"
    folder.mkdir()
    skops.io.dump(make_pipeline(FunctionTransformer(func=print)), folder / "pipeline.skops")
    conf = {"flavors": {"python_function": {"loader_module": "stance.io.serving", "data": "pipeline.skops"}}}
    (folder / "MLmodel").write_text(yaml.safe_dump(conf), encoding="utf-8")
    code, err = scoring(folder)
    assert code == 2 and "outside the trusted list (builtins.print)" in err


def test_a_saved_model_holds_no_pickle_and_names_only_trusted_types(tmp_path, toy_pipeline):
    from stance.io.model_file import load, untrusted_types

    folder = tmp_path / "model"
    serving.save_model(toy_pipeline, folder)
    conf = yaml.safe_load((folder / "MLmodel").read_text())["flavors"]["python_function"]
    assert conf["loader_module"] == "stance.io.serving" and conf["data"] == "data/pipeline.skops"
    assert not [p for p in folder.rglob("*") if p.suffix in (".pkl", ".joblib", ".pickle")]
    assert untrusted_types(folder / "data" / "pipeline.skops") == []
    pipeline = load(folder / "data" / "pipeline.skops")
    frame = TOY[["text", "source", "target"]]
    assert (pipeline.predict_proba(frame) == toy_pipeline.predict_proba(frame)).all()


def test_the_trusted_list_is_what_a_stance_pipeline_needs_and_no_more(tmp_path, toy_pipeline):
    import skops.io

    from stance.io.model_file import TRUSTED

    skops.io.dump(toy_pipeline, tmp_path / "p.skops")
    assert sorted(skops.io.get_untrusted_types(file=str(tmp_path / "p.skops"))) == sorted(TRUSTED)


def test_mlflow_loads_the_folder_through_the_stance_loader(tmp_path, toy_pipeline):
    import mlflow.pyfunc

    from stance.io.extract import default_matcher

    folder = tmp_path / "model"
    serving.save_model(toy_pipeline, folder)
    default_matcher.cache_clear()
    model = mlflow.pyfunc.load_model(str(folder))
    assert default_matcher.cache_info().currsize == 1  # case 9: the gazetteer loads with the model
    out = model.predict(TOY[["text", "source", "target"]])
    assert out["status"].tolist() == ["ok"] * len(TOY)


def test_a_malformed_mlmodel_is_a_clear_error(tmp_path, scoring, toy_pipeline):
    # case 8: a malformed MLmodel was a traceback
    folder = tmp_path / "model"
    serving.save_model(toy_pipeline, folder)
    (folder / "MLmodel").write_text("flavors: [unclosed\n  python_function: {", encoding="utf-8")
    code, err = scoring(folder)
    assert code == 2 and "malformed MLmodel" in err


@pytest.mark.parametrize("uri", ["s3://bucket/model", "http://127.0.0.1:9/model", "https://example.org/m"])
def test_remote_model_uris_are_refused(scoring, uri):
    # case 8: --model s3://… or http://… was a traceback; stance reads no network at run time
    code, err = scoring(uri)
    assert code == 2 and "no network" in err


def test_a_planted_mlflow_db_in_the_working_folder_runs_nothing(tmp_path, monkeypatch, capsys):
    # case 7: the default model was resolved through ./mlflow.db of whatever folder the user stood in
    from mlflow import MlflowClient

    marker = tmp_path / "payload-ran"
    folder = pickled_model_dir(tmp_path / "payload", marker)
    work = tmp_path / "work"
    work.mkdir()
    client = MlflowClient(tracking_uri=f"sqlite:///{work}/mlflow.db", registry_uri=f"sqlite:///{work}/mlflow.db")
    client.create_registered_model("stance")
    version = client.create_model_version("stance", source=str(folder))
    client.set_registered_model_alias("stance", "champion", version.version)
    planted = (work / "mlflow.db").read_bytes()
    (work / "in.csv").write_text("text,source,target\nTokyo praised Seoul.,Tokyo,Seoul\n", encoding="utf-8")
    monkeypatch.chdir(work)
    for name in ("MLFLOW_TRACKING_URI", "STANCE_TRACKING_URI"):
        monkeypatch.delenv(name, raising=False)
    code = cli.main(["score", "in.csv", "-o", "out.csv"])
    err = capsys.readouterr().err
    assert not marker.exists(), err
    assert code in (0, 2) and str(work) not in err  # the project's store was read (or none), not ./mlflow.db
    assert (work / "mlflow.db").read_bytes() == planted
    # named on purpose, the planted store's model is refused all the same
    monkeypatch.setenv("STANCE_TRACKING_URI", f"sqlite:///{work}/mlflow.db")
    assert cli.main(["score", "in.csv", "-o", "out.csv"]) == 2
    assert not marker.exists() and "refused" in capsys.readouterr().err


def test_reading_never_creates_a_tracking_store(tmp_path, monkeypatch, capsys):
    # case 7: `stance score` created an empty mlflow.db in the working folder, then said "train one"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("text,source,target\nTokyo praised Seoul.,Tokyo,Seoul\n", encoding="utf-8")
    monkeypatch.delenv("STANCE_TRACKING_URI", raising=False)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "sqlite:///mlflow.db")  # a store that is not there
    code = cli.main(["score", "in.csv", "-o", "out.csv"])
    assert code == 2 and "no tracking store" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_the_default_store_does_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    from stance.io.model_uri import tracking_uri

    for name in ("MLFLOW_TRACKING_URI", "STANCE_TRACKING_URI"):
        monkeypatch.delenv(name, raising=False)
    first = tracking_uri()
    monkeypatch.chdir(tmp_path)
    assert tracking_uri() == first and (first is None or str(tmp_path) not in first)
    monkeypatch.setenv("STANCE_TRACKING_URI", "sqlite:////elsewhere/mlflow.db")
    assert tracking_uri() == "sqlite:////elsewhere/mlflow.db"


def test_serve_refuses_a_pickled_model_before_starting(tmp_path):
    # case 7 and 9: the REST server must refuse to start on such a model, and run nothing from it
    import subprocess

    marker = tmp_path / "payload-ran"
    folder = pickled_model_dir(tmp_path / "model", marker)
    done = subprocess.run([sys.executable, "-c", STANCE, "serve", "--model", str(folder), "--port", "9"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "refused, nothing in it was run" in done.stderr
    assert "Traceback" not in done.stderr and not marker.exists()
