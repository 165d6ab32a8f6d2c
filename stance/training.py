"""Train, evaluate, log to MLflow and register the stance model."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import joblib
import mlflow
import numpy as np
import pandas as pd
import yaml
from mlflow import MlflowClient

from stance import corpora
from stance.dataset import file_sha256, read_dataset, reversed_pairs, split_frame
from stance.evaluation import confusion_figure, evaluate, misclassified, report_text, table
from stance.model import build_pipeline
from stance.serving import model_kwargs


@dataclass
class TrainResult:
    run_id: str
    model_uri: str
    version: str | None
    results: dict[str, dict[str, float]]


def load_params(path) -> dict:
    """Read ``training/params.yaml``: ``pipeline`` (pipeline parameter names), ``corpora``, ``seed`` and
    ``reversed_weight`` (sample weight of :func:`stance.dataset.reversed_pairs` rows; 0 turns them off)."""
    with open(path, encoding="utf-8") as handle:
        return with_defaults(yaml.safe_load(handle) or {})


def with_defaults(params: dict) -> dict:
    """A copy of ``params`` with every training key present."""
    return {"pipeline": {}, "corpora": [], "seed": 0, "reversed_weight": 0.0, "public_weight": 1.0,
            "calibration": None, "class_balance": "pooled", **params}


def log_training_params(params: dict) -> None:
    """Log the pipeline parameters and every training key of ``params`` (with defaults) to the active run."""
    params = with_defaults(params)
    mlflow.log_params({f"pipeline.{k}": v for k, v in params["pipeline"].items()})
    mlflow.log_params({"seed": params["seed"], "corpora": ",".join(params["corpora"]) or "none",
                       "reversed_weight": params["reversed_weight"], "public_weight": params["public_weight"],
                       "calibration": params["calibration"] or "none", "class_balance": params["class_balance"]})


def per_corpus_balance(corpus: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Sample weights that give each class the same total weight within each corpus (n_c / (K_c · n_c,k)),
    instead of over all corpora pooled as ``class_weight="balanced"`` does."""
    frame = pd.DataFrame({"corpus": corpus, "label": labels})
    size = frame.groupby("corpus")["label"].transform("size")
    classes = frame.groupby("corpus")["label"].transform("nunique")
    per_class = frame.groupby(["corpus", "label"])["label"].transform("size")
    return (size / (classes * per_class)).to_numpy(dtype=float)


def calibrated(pipeline, method: str, groups) -> None:
    """Wrap the pipeline's classifier in :class:`~sklearn.calibration.CalibratedClassifierCV` (``method``:
    sigmoid, isotonic or temperature), fitted on out-of-fold scores of 3 folds grouped by document so that
    no sentence is calibrated by a model that saw its article; one classifier is then fitted on all rows."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import GroupKFold

    folds = list(GroupKFold(n_splits=3).split(np.zeros(len(groups)), groups=groups))
    pipeline.steps[-1] = ("clf", CalibratedClassifierCV(pipeline.steps[-1][1], method=method, cv=folds,
                                                        ensemble=False))


def fit_pipeline(rows: pd.DataFrame, params: dict, *, derived: pd.DataFrame | None = None):
    """Fit the Pipeline on labeled ``rows`` plus ``derived`` rows weighted by ``params["reversed_weight"]``;
    rows of a public corpus (a ``corpus`` value other than ``stance``) weigh ``params["public_weight"]``.
    ``params["calibration"]`` (sigmoid, isotonic, temperature) adds a calibration step (:func:`calibrated`);
    ``params["class_balance"] == "per_corpus"`` balances classes within each corpus (:func:`per_corpus_balance`)
    in place of the classifier's pooled ``class_weight``.

    ``derived`` defaults to :func:`stance.dataset.reversed_pairs` of the project's own rows (none when the
    weight is 0): public corpora label other things and get no derived rows.
    """
    params = with_defaults(params)
    corpus = rows["corpus"] if "corpus" in rows.columns else pd.Series("stance", index=rows.index)
    public = (corpus.notna() & (corpus != "stance")).to_numpy()
    if derived is None:
        derived = reversed_pairs(rows[~public]) if params["reversed_weight"] else rows.iloc[:0]
    data = pd.concat([rows, derived], ignore_index=True)
    weights = np.r_[np.where(public, float(params["public_weight"]), 1.0),
                    np.full(len(derived), float(params["reversed_weight"]))]
    pipeline = build_pipeline(params["pipeline"])
    if params["class_balance"] == "per_corpus":
        domain = np.r_[np.where(public, corpus.astype(str).to_numpy(), "stance"), np.full(len(derived), "stance")]
        weights = weights * per_corpus_balance(domain, data["stance"].to_numpy())
        pipeline.set_params(clf__class_weight=None)
    elif params["class_balance"] != "pooled":
        raise ValueError(f"class_balance must be 'pooled' or 'per_corpus', not {params['class_balance']!r}")
    if params["calibration"]:
        groups = data["doc_id"].fillna("").to_numpy() if "doc_id" in data.columns else np.arange(len(data))
        calibrated(pipeline, params["calibration"], groups)
    columns = ["text", "source", "target"] + (["corpus"] if "corpus" in data.columns else [])
    return pipeline.fit(data[columns], data["stance"], clf__sample_weight=weights)


def experiment_id(name: str, artifact_root) -> str:
    """The id of MLflow experiment ``name``, created with its artifacts under ``artifact_root`` if new."""
    found = mlflow.get_experiment_by_name(name)
    if found is not None:
        return found.experiment_id
    location = Path(artifact_root).resolve().as_uri() if artifact_root else None
    return mlflow.create_experiment(name, artifact_location=location)


def _log_evaluation(name: str, pipeline, frame: pd.DataFrame, results: dict) -> None:
    """Evaluate on one labeled set; log metrics as ``{name}_{lang}_{metric}`` plus plots for our own sets."""
    if frame.empty:
        return
    per_set, predicted = evaluate(pipeline, frame.reset_index(drop=True))
    for group, values in per_set.items():
        key = name if group == "all" else f"{name}/{group}"
        results[key] = values
        prefix = name.replace("/", "_") if group == "all" else f"{name.replace('/', '_')}_{group}"
        mlflow.log_metrics({f"{prefix}_{metric}": value for metric, value in values.items() if metric != "rows"})
    safe = name.replace("/", "_")
    mlflow.log_text(report_text(predicted), f"evaluation/{safe}_classification_report.txt")
    mlflow.log_figure(confusion_figure(predicted, f"{name} (n={len(frame)})"), f"evaluation/{safe}_confusion.png")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{safe}_misclassified.csv"
        misclassified(predicted).to_csv(path, index=False)
        mlflow.log_artifact(str(path), "evaluation")


def train(
    *,
    data_paths,
    params: dict,
    tracking_uri: str,
    artifact_root=None,
    public_data=None,
    experiment: str = "stance",
    register_as: str | None = "stance",
    alias: str = "champion",
    run_name: str | None = None,
) -> TrainResult:
    """Fit the pipeline on the train split (+ configured public corpora), evaluate, log and register."""
    params = with_defaults(params)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    frames = [read_dataset(path).assign(corpus="stance") for path in data_paths]
    ours = pd.concat(frames, ignore_index=True)
    train_part, dev_part, test_part = split_frame(ours, seed=params["seed"])
    public_train, public_sizes = corpora.load_public(list(params["corpora"]), public_data)
    derived = reversed_pairs(train_part) if params["reversed_weight"] else train_part.iloc[:0]
    training_rows = pd.concat([train_part, public_train], ignore_index=True)

    with mlflow.start_run(experiment_id=experiment_id(experiment, artifact_root), run_name=run_name) as run:
        log_training_params(params)
        mlflow.log_param("rows.stance.reversed", len(derived))
        mlflow.log_params({f"rows.{name}": n for name, n in public_sizes.items()})
        mlflow.log_params({"rows.stance.train": len(train_part), "rows.stance.dev": len(dev_part),
                           "rows.stance.test": len(test_part), "rows.train_total": len(training_rows)})
        for path in data_paths:
            mlflow.set_tag(f"dataset.sha256.{Path(path).name}", file_sha256(path))
        mlflow.log_input(mlflow.data.from_pandas(training_rows, name="train"), context="training")

        pipeline = fit_pipeline(training_rows, params, derived=derived)

        results: dict[str, dict[str, float]] = {}
        _log_evaluation("dev", pipeline, dev_part, results)
        _log_evaluation("dev_reversed", pipeline, reversed_pairs(dev_part), results)
        _log_evaluation("test", pipeline, test_part, results)
        for name, frame in corpora.load_public_dev(list(corpora.PUBLIC_CORPORA), public_data).items():
            _log_evaluation(name, pipeline, frame, results)
        summary = table(results)
        mlflow.log_text(summary, "evaluation/summary.txt")

        with tempfile.TemporaryDirectory() as tmp:
            pipeline_path = Path(tmp) / "pipeline.joblib"
            joblib.dump(pipeline, pipeline_path)
            info = mlflow.pyfunc.log_model(
                name="model", registered_model_name=register_as, **model_kwargs(pipeline_path)
            )
    registered = None
    if register_as:
        registered = str(info.registered_model_version)
        MlflowClient().set_registered_model_alias(register_as, alias, registered)
    return TrainResult(run.info.run_id, info.model_uri, registered, results)
