"""Studies: several training variants, each an MLflow run nested under one parent run, comparable in the UI.

A study file (YAML) names a study and its variants; each variant overrides the base parameters
(``training/params.yaml``): ``pipeline`` keys are merged into the base pipeline parameters, other keys
(``corpora``, ``public_weight``, ``reversed_weight``) replace the base values. Every variant is trained on the train split (+ its public corpora) and evaluated on every dev split;
test splits are never used here.

With ``cv_folds: K`` in the study file, each variant is also scored by K-fold cross-validation on its training
rows, folds grouped by document (:func:`grouped_cv`): a hyper-parameter search that chooses without looking
at the dev splits.

    stance study training/studies/levers.yaml
"""

from __future__ import annotations

import time

import mlflow
import pandas as pd
import yaml

from stance.training import corpora
from stance.training.benchmark import evaluation_sets, rows_per_second
from stance.training.evaluation import evaluate
from stance.training.fit import fit_pipeline
from stance.training.params import log_training_params, with_defaults
from stance.training.run import experiment_id


def variant_params(base: dict, override: dict) -> dict:
    """``base`` with a variant's overrides: pipeline keys merged (a step set to "drop" loses its other
    settings), other keys replaced."""
    params = with_defaults({**base, **{k: v for k, v in override.items() if k != "pipeline"}})
    pipeline = {**base.get("pipeline", {}), **override.get("pipeline", {})}
    dropped = [k for k, v in pipeline.items() if v == "drop"]
    params["pipeline"] = {k: v for k, v in pipeline.items() if not any(k.startswith(d + "__") for d in dropped)}
    return params


def grouped_cv(rows: pd.DataFrame, params: dict, *, folds: int = 3) -> dict[str, float]:
    """Macro-F1 of K-fold cross-validation on labeled ``rows``, folds grouped by ``doc_id`` (no article in two
    folds), per corpus on the pooled out-of-fold predictions, and their unweighted mean (``cv_mean``)."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    rows = rows.reset_index(drop=True)
    corpus = rows["corpus"].fillna("stance") if "corpus" in rows.columns else pd.Series("stance", index=rows.index)
    predicted = pd.Series("", index=rows.index, dtype=object)
    for fit_index, held_index in GroupKFold(n_splits=folds).split(rows, groups=rows["doc_id"].fillna("")):
        pipeline = fit_pipeline(rows.iloc[fit_index], params)
        # the held-out rows keep their corpus column: public rows are scored in their own domain, as on dev
        predicted.iloc[held_index] = pipeline.predict(rows.iloc[held_index])
    scores = {f"cv_{name}": f1_score(rows.loc[part.index, "stance"], predicted[part.index], average="macro")
              for name, part in rows.groupby(corpus)}
    scores["cv_mean"] = sum(scores.values()) / len(scores)
    return scores


def run_study(study_path, *, base: dict, data_paths, tracking_uri: str, artifact_root=None, public_data=None,
              speed_rows: int = 5_000) -> pd.DataFrame:
    """Run every variant of the study; return one row per (variant, dev set) with macro-F1 and speed."""
    with open(study_path, encoding="utf-8") as handle:
        study = yaml.safe_load(handle)
    mlflow.set_tracking_uri(tracking_uri)
    train, sets = evaluation_sets(data_paths, public_data)
    dev_sets = {k: v for k, v in sets.items() if "/test" not in k}
    public_cache: dict[tuple, pd.DataFrame] = {}
    rows = []
    experiment = experiment_id("stance-studies", artifact_root)
    with mlflow.start_run(experiment_id=experiment, run_name=study["name"]):
        mlflow.set_tag("description", study.get("description", ""))
        for name, override in study["variants"].items():
            params = variant_params(base, override or {})
            key = tuple(params["corpora"]) if corpora.missing_reason(public_data) is None else ()
            if key not in public_cache:
                public_cache[key] = corpora.load_public(list(key), public_data)[0]
            with mlflow.start_run(experiment_id=experiment, run_name=name, nested=True):
                log_training_params(params)
                training_rows = pd.concat([train.assign(corpus="stance"), public_cache[key]], ignore_index=True)
                started = time.perf_counter()
                pipeline = fit_pipeline(training_rows, params)
                mlflow.log_metric("fit_seconds", time.perf_counter() - started)
                speed = rows_per_second(pipeline, dev_sets["stance/dev"], rows=speed_rows)
                mlflow.log_metric("rows_per_s", speed)
                if study.get("cv_folds"):
                    cv = grouped_cv(training_rows, params, folds=int(study["cv_folds"]))
                    mlflow.log_metrics(cv)
                    rows += [{"variant": name, "dataset": k, "macro_f1": v, "ece": float("nan"), "rows_per_s": speed}
                             for k, v in cv.items()]
                for set_name, frame in dev_sets.items():
                    scores, _ = evaluate(pipeline, frame, by_lang=False)
                    metric = set_name.replace("/", "_")
                    mlflow.log_metrics({f"{metric}_macro_f1": scores["all"]["macro_f1"],
                                        f"{metric}_ece": scores["all"]["ece"]})
                    rows.append({"variant": name, "dataset": set_name, "macro_f1": scores["all"]["macro_f1"],
                                 "ece": scores["all"]["ece"], "rows_per_s": speed})
                print(f"{name}: done", flush=True)
        result = pd.DataFrame(rows)
        wide = result.pivot(index="variant", columns="dataset", values="macro_f1").loc[list(study["variants"])]
        wide["rows/s"] = result.groupby("variant")["rows_per_s"].first()
        mlflow.log_text(wide.round(3).to_string(), "study.txt")
    return wide
