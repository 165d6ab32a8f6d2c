"""Train, evaluate, log to MLflow and register the stance model."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import mlflow
import pandas as pd
from mlflow import MlflowClient

from stance.io.model_file import PIPELINE_FILE, dump
from stance.io.serving import model_kwargs
from stance.training import corpora
from stance.training.dataset import file_sha256, read_dataset, reversed_pairs, split_frame
from stance.training.evaluation import confusion_figure, evaluate, misclassified, report_text, table
from stance.training.fit import fit_pipeline
from stance.training.params import log_training_params, with_defaults


@dataclass
class TrainResult:
    run_id: str
    model_uri: str
    version: str | None
    results: dict[str, dict[str, float]]


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
            pipeline_path = Path(tmp) / PIPELINE_FILE
            dump(pipeline, pipeline_path)  # skops: no pickle in the model folder
            info = mlflow.pyfunc.log_model(
                name="model", registered_model_name=register_as, **model_kwargs(pipeline_path)
            )
    registered = None
    if register_as:
        registered = str(info.registered_model_version)
        MlflowClient().set_registered_model_alias(register_as, alias, registered)
    return TrainResult(run.info.run_id, info.model_uri, registered, results)
