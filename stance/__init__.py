"""stance: who is hostile, neutral or supportive toward whom in French and English news.

Public API (each name is imported on first use, so ``import stance`` stays light)::

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
    train(...)                          fit, evaluate, log to MLflow, register (stance.training.run)

The code follows the data flow: ``stance.text`` (cleaning, sentences, the one normaliser) → ``stance.actors``
(gazetteer, mentions, holders and pairs) → ``stance.features`` (the Pipeline's transformers) →
``stance.model`` → ``stance.io`` (CSV scoring, extraction, serving, explanations); ``stance.training`` reads the
corpora, fits, evaluates and registers. ``stance.schema`` holds the shared names, ``stance.lang`` the word lists.
"""

from importlib import import_module

from stance.errors import InputError
from stance.schema import LABELS, PROBA_COLUMNS

# public name -> (module, attribute), imported on first access
_LAZY = {
    "RoleMarker": ("stance.features.roles", "RoleMarker"),
    "build_pipeline": ("stance.model", "build_pipeline"),
    "explain": ("stance.io.explain", "explain"),
    "extract_and_score": ("stance.io.extract", "extract_and_score"),
    "extract_pairs": ("stance.io.extract", "extract_pairs"),
    "load_gazetteer": ("stance.actors.gazetteer", "load"),
    "load_pipeline": ("stance.io.model_uri", "load_pipeline"),
    "mark_roles": ("stance.features.roles", "mark_roles"),
    "predict_table": ("stance.model", "predict_table"),
    "read_dataset": ("stance.training.dataset", "read_dataset"),
    "read_document": ("stance.text.sentences", "read_document"),
    "score_csv": ("stance.io.scoring", "score_csv"),
    "score_frame": ("stance.io.scoring", "score_frame"),
    "train": ("stance.training.run", "train"),
}

__all__ = ["LABELS", "PROBA_COLUMNS", "InputError", *sorted(_LAZY)]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'stance' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
