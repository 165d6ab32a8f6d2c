"""Training parameters (``training/params.yaml``): read, completed with defaults, logged to MLflow."""

from __future__ import annotations

import yaml


def load_params(path) -> dict:
    """Read ``training/params.yaml``: ``pipeline`` (pipeline parameter names), ``corpora``, ``seed`` and
    ``reversed_weight`` (sample weight of :func:`stance.training.dataset.reversed_pairs` rows; 0 turns them off)."""
    with open(path, encoding="utf-8") as handle:
        return with_defaults(yaml.safe_load(handle) or {})


def with_defaults(params: dict) -> dict:
    """A copy of ``params`` with every training key present."""
    return {"pipeline": {}, "corpora": [], "seed": 0, "reversed_weight": 0.0, "public_weight": 1.0, **params}


def log_training_params(params: dict) -> None:
    """Log the pipeline parameters and every training key of ``params`` (with defaults) to the active run."""
    import mlflow

    params = with_defaults(params)
    mlflow.log_params({f"pipeline.{k}": v for k, v in params["pipeline"].items()})
    mlflow.log_params({"seed": params["seed"], "corpora": ",".join(params["corpora"]) or "none",
                       "reversed_weight": params["reversed_weight"], "public_weight": params["public_weight"]})
