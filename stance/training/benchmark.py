"""`make benchmark`: train the shipped configuration and report, per evaluation set, macro-F1, accuracy,
calibration error and prediction speed, as one table logged to MLflow.

Speed is ``predict_proba`` rows per second on one core (BLAS limited to one thread), on the evaluation set's
rows resampled to ``speed_rows`` so small sets are timed long enough; placeholders and context features are
included, as in serving.
"""

from __future__ import annotations

import time

import mlflow
import pandas as pd
from threadpoolctl import threadpool_limits

from stance.training import corpora
from stance.training.dataset import read_dataset, reversed_pairs, split_frame
from stance.training.evaluation import evaluate
from stance.training.fit import fit_pipeline
from stance.training.params import log_training_params, with_defaults
from stance.training.run import experiment_id

COLUMNS = ["text", "source", "target"]


def rows_per_second(pipeline, frame: pd.DataFrame, *, rows: int = 20_000, seed: int = 0) -> float:
    """Best of three timings of ``predict_proba`` on ``rows`` rows drawn from ``frame``, one thread."""
    sample = frame[COLUMNS].sample(rows, replace=True, random_state=seed).reset_index(drop=True)
    best = float("inf")
    with threadpool_limits(1):
        for _ in range(3):
            started = time.perf_counter()
            pipeline.predict_proba(sample)
            best = min(best, time.perf_counter() - started)
    return rows / best


def evaluation_sets(data_paths, public_data) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """(training rows of our corpus, {name: labeled frame}) for our dev/test per language and public dev."""
    ours = pd.concat([read_dataset(p) for p in data_paths], ignore_index=True)
    train, dev, test = split_frame(ours)
    sets = {"stance/dev": dev, "stance/test": test, "stance/dev_reversed": reversed_pairs(dev)}
    for name, part in (("dev", dev), ("test", test)):
        for lang, rows in part.groupby("lang"):
            sets[f"stance/{name}/{lang}"] = rows
    if corpora.missing_reason(public_data) is None:
        sets.update(corpora.load_public_dev(list(corpora.PUBLIC_CORPORA), public_data))
    return train, {k: v.reset_index(drop=True) for k, v in sets.items() if len(v)}


def table(rows: list[dict]) -> str:
    lines = [f"{'dataset':<30} {'rows':>6} {'macro-F1':>9} {'accuracy':>9} {'ECE':>6} {'rows/s':>9}"]
    lines += [
        f"{r['dataset']:<30} {r['rows']:>6} {r['macro_f1']:>9.3f} {r['accuracy']:>9.3f} {r['ece']:>6.3f} "
        f"{r['rows_per_s']:>9,.0f}"
        for r in rows
    ]
    return "\n".join(lines)


def run_benchmark(*, data_paths, params: dict, tracking_uri: str, artifact_root=None, public_data=None,
                  speed_rows: int = 20_000) -> str:
    """Train on the train split (+ configured public corpora), evaluate every set, log and return the table."""
    params = with_defaults(params)
    mlflow.set_tracking_uri(tracking_uri)
    train, sets = evaluation_sets(data_paths, public_data)
    names = list(params["corpora"]) if corpora.missing_reason(public_data) is None else []
    public_train, sizes = corpora.load_public(names, public_data)
    with mlflow.start_run(experiment_id=experiment_id("stance-benchmark", artifact_root), run_name="benchmark"):
        log_training_params(params)
        mlflow.log_params({f"rows.{k}": v for k, v in sizes.items()})
        started = time.perf_counter()
        pipeline = fit_pipeline(pd.concat([train, public_train], ignore_index=True), params)
        mlflow.log_metric("fit_seconds", time.perf_counter() - started)
        rows = []
        for name, frame in sets.items():
            scores, _ = evaluate(pipeline, frame, by_lang=False)
            speed = rows_per_second(pipeline, frame, rows=speed_rows)
            rows.append({"dataset": name, "rows": len(frame), **{k: scores["all"][k] for k in
                         ("macro_f1", "accuracy", "ece")}, "rows_per_s": speed})
            key = name.replace("/", "_")
            mlflow.log_metrics({f"{key}_macro_f1": scores["all"]["macro_f1"],
                                f"{key}_accuracy": scores["all"]["accuracy"],
                                f"{key}_ece": scores["all"]["ece"], f"{key}_rows_per_s": speed})
        text = table(rows)
        mlflow.log_text(text, "benchmark.txt")
        mlflow.log_table(pd.DataFrame(rows), "benchmark.json")
    return text
