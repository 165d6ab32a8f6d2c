"""stance: who is hostile, neutral or supportive toward whom in French and English news.

Public API::

    build_pipeline(params)              the one scikit-learn Pipeline (role marking, context, TF-IDF, LR)
    predict_table(pipeline, rows)       stance and p_negative/p_neutral/p_positive for text/source/target rows
    mark_roles(text, source, target)    the sentence as the model sees it
    score_csv(in_path, out_path, pipeline, ...)   chunked, atomic CSV scoring with a per-row status
    read_document(raw)                  cleaned article: paragraphs, sentences with raw offsets, language
    extract_pairs(raw, ...)             candidate (source, target) actor pairs of an article
    extract_and_score(pipeline, articles)         the same, scored
    explain(pipeline, text, source, target)       the features behind one prediction
    load_gazetteer(extra=None)          the packaged actor gazetteer (+ an imported extension)
    load_pipeline(model_uri)            the fitted Pipeline behind an MLflow model URI or folder
    read_dataset(path)                  the project's labeled CSV, checked
    train(...)                          fit, evaluate, log to MLflow, register (stance.training)
"""

from stance.dataset import read_dataset
from stance.explain import explain
from stance.extract import extract_and_score, extract_pairs
from stance.features import RoleMarker, mark_roles
from stance.gazetteer import load as load_gazetteer
from stance.model import LABELS, PROBA_COLUMNS, build_pipeline, predict_table
from stance.scoring import InputError, score_csv, score_frame
from stance.text import read_document

__all__ = [
    "LABELS",
    "PROBA_COLUMNS",
    "InputError",
    "RoleMarker",
    "build_pipeline",
    "explain",
    "extract_and_score",
    "extract_pairs",
    "load_gazetteer",
    "load_pipeline",
    "mark_roles",
    "predict_table",
    "read_dataset",
    "read_document",
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
