"""stance: who is hostile, neutral or supportive toward whom in French and English news.

Public API::

    build_pipeline(params)          the one scikit-learn Pipeline (role marking, TF-IDF, logistic regression)
    predict_table(pipeline, rows)   stance and p_negative/p_neutral/p_positive for text/source/target rows
    mark_roles(text, source, target)
    score_csv(in_path, out_path, pipeline, ...)   chunked, atomic CSV scoring with a per-row status
    load_pipeline(model_uri)        the fitted Pipeline behind an MLflow model URI or folder
    read_dataset(path)              the project's labeled CSV, checked
    train(...)                      fit, evaluate, log to MLflow, register (stance.training)
"""

from stance.dataset import read_dataset
from stance.features import RoleMarker, mark_roles
from stance.model import LABELS, PROBA_COLUMNS, build_pipeline, predict_table
from stance.scoring import InputError, score_csv, score_frame

__all__ = [
    "LABELS",
    "PROBA_COLUMNS",
    "InputError",
    "RoleMarker",
    "build_pipeline",
    "load_pipeline",
    "mark_roles",
    "predict_table",
    "read_dataset",
    "score_csv",
    "score_frame",
    "train",
]


def load_pipeline(model_uri: str = "models:/stance@champion"):
    """The fitted Pipeline behind a model URI; imports MLflow only when called."""
    from stance.serving import load_pipeline as _load

    return _load(model_uri)


def train(**kwargs):
    """Train, evaluate, log and register; see :func:`stance.training.train`."""
    from stance.training import train as _train

    return _train(**kwargs)
