"""Train, evaluate, log to MLflow and register the stance model."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import mlflow
import pandas as pd
from mlflow import MlflowClient

from stance.io.serving import model_files
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


@contextmanager
def _silent(title: str):
    yield lambda detail: None


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
    stage=_silent,
) -> TrainResult:
    """Fit the pipeline on the train split (+ configured public corpora), evaluate, log and register.

    ``stage(title)`` is a context manager around each step (reading the corpora, fitting, evaluating, logging,
    registering) that yields a function taking a detail of it (counts): the CLI prints them with times."""
    params = with_defaults(params)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    with stage("reading our corpus") as detail:
        ours = pd.concat([read_dataset(path).assign(corpus="stance") for path in data_paths], ignore_index=True)
        train_part, dev_part, test_part = split_frame(ours, seed=params["seed"])
        derived = reversed_pairs(train_part) if params["reversed_weight"] else train_part.iloc[:0]
        detail(f"{len(ours):,} rows: train {len(train_part):,}, dev {len(dev_part):,}, test {len(test_part):,}; "
               f"{len(derived):,} reversed pairs")
    with stage("reading the public corpora") as detail:
        public_train, public_sizes, public_dev = _public_corpora(list(params["corpora"]), public_data, detail)
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

        with stage(f"fitting on {len(training_rows) + len(derived):,} rows"):
            pipeline = fit_pipeline(training_rows, params, derived=derived)

        results: dict[str, dict[str, float]] = {}
        sets = {"dev": dev_part, "dev_reversed": reversed_pairs(dev_part), "test": test_part, **public_dev}
        with stage(f"evaluating on {sum(not frame.empty for frame in sets.values())} sets"):
            for name, frame in sets.items():
                _log_evaluation(name, pipeline, frame, results)
            mlflow.log_text(table(results), "evaluation/summary.txt")

        with stage("logging the model") as detail, model_files(pipeline) as kwargs:
            info = mlflow.pyfunc.log_model(name="model", **kwargs)
            detail(_local_folder(info.model_uri))
    registered = None
    if register_as:
        with stage(f"registering {register_as}@{alias}") as detail:
            registered = str(mlflow.register_model(info.model_uri, register_as).version)
            MlflowClient().set_registered_model_alias(register_as, alias, registered)
            detail(f"version {registered}")
    return TrainResult(run.info.run_id, info.model_uri, registered, results)


def _public_corpora(names: list[str], public_data, detail):
    """(train rows of the configured corpora, their sizes, {name: dev rows} of every corpus), read only when
    the public data folder is there; ``detail`` hears what was read, or why nothing was."""
    missing = corpora.missing_reason(public_data)
    if missing:
        detail(f"none — {missing}")
        return corpora.load_public([])[0], {}, {}
    train_rows, sizes = corpora.load_public(names, public_data)
    dev = corpora.load_public_dev(list(corpora.PUBLIC_CORPORA), public_data)
    read = ", ".join(f"{name} {n:,}" for name, n in sizes.items()) or "none configured"
    detail(f"train rows: {read}; {len(dev)} dev sets")
    return train_rows, sizes, dev


def _local_folder(model_uri: str) -> str:
    """The folder a logged model's files are in (relative to the working directory when under it)."""
    location = mlflow.get_logged_model(model_uri.removeprefix("models:/")).artifact_location
    folder = Path(urlparse(location).path)
    return str(folder.relative_to(Path.cwd())) if folder.is_relative_to(Path.cwd()) else str(folder)
