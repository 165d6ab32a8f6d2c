"""The MLflow pyfunc around the stance Pipeline: load once, check the request, score every row.

The model folder's ``python_function`` flavour names this module as its ``loader_module``: MLflow imports it
from the installed package and calls :func:`_load_pyfunc` with the folder's skops file, so no code comes from
the model folder and nothing is unpickled (:mod:`stance.io.model_file`). REST (``stance serve``, see
:mod:`stance.io.server`; ``mlflow models serve`` works too) and Spark (``mlflow.pyfunc.spark_udf``) both call
:meth:`StanceModel.predict`.

Rows with ``text`` and ``target`` (optional ``source``) score that one pair; rows with ``text`` alone
(optional ``doc_id``, ``date``, ``url``) are read as articles and every actor pair found is scored, one output
row per pair naming its input ``row`` and carrying its ``date`` and ``url`` as sent, with what each actor stands
for on that date (``source_country``, ``target_country``). A malformed request (no ``text`` column, ``source``
without ``target``, a null, blank or non-string text, a non-string source or target) raises an
``MlflowException`` with ``INVALID_PARAMETER_VALUE`` (HTTP 400) naming the rows (counted from 0). Other row
problems come back per row in the ``status`` column.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.exceptions import MlflowException
from mlflow.models import ModelSignature
from mlflow.types import ColSpec, Schema

from stance.io.model_file import LOADER_MODULE, PIPELINE_FILE, dump, load_model_dir
from stance.io.scoring import score_frame

TEXT_COLUMNS = ("text", "source", "target")

SIGNATURE = ModelSignature(
    inputs=Schema(
        [
            ColSpec("string", "text"),
            ColSpec("string", "source", required=False),
            ColSpec("string", "target", required=False),
            ColSpec("string", "doc_id", required=False),
            ColSpec("string", "date", required=False),
            ColSpec("string", "url", required=False),
        ]
    ),
    outputs=Schema(
        [
            ColSpec("string", "stance"),
            ColSpec("double", "p_negative"),
            ColSpec("double", "p_neutral"),
            ColSpec("double", "p_positive"),
            ColSpec("string", "status"),
        ]
    ),
)


INPUT_EXAMPLE = pd.DataFrame(
    {
        "text": ["Ilham Aliev a affirmé que les mesures prises par les Etats-Unis avaient abîmé les relations."],
        "source": ["Ilham Aliev"],
        "target": ["Etats-Unis"],
    }
)


def _reject(message: str):
    raise MlflowException.invalid_parameter_value(message)


def _rows(mask) -> str:
    rows = [int(i) for i in mask[mask].index[:20]]
    return f"row(s) {rows}{' …' if int(mask.sum()) > 20 else ''}"


def _text_or_null(value) -> bool:
    return value is None or value is pd.NA or isinstance(value, str) or (isinstance(value, float) and value != value)


def check_request(frame: pd.DataFrame) -> pd.DataFrame:
    """Reject requests that cannot be scored as sent; return the frame with a ``source`` column."""
    if "text" not in frame.columns:
        _reject("missing column 'text'; each row needs text, and target (with optional source) to score "
                "one pair, or text alone to extract the actor pairs")
    if "source" in frame.columns and "target" not in frame.columns:
        _reject("rows have 'source' but no 'target'")
    for column in TEXT_COLUMNS:
        if column in frame.columns:
            wrong = ~frame[column].map(_text_or_null).astype(bool)
            if wrong.any():
                _reject(f"'{column}' must be a string (or null) in {_rows(wrong)}")
    blank = frame["text"].isna() | (frame["text"].astype(str).str.strip() == "")
    if blank.any():
        _reject(f"null or empty text in {_rows(blank)}; send the sentence to score in 'text'")
    frame = frame.copy()
    if "source" not in frame.columns:
        frame["source"] = ""
    frame["source"] = frame["source"].where(frame["source"].notna(), "")
    return frame


class StanceModel:
    """The pyfunc model MLflow builds through :func:`_load_pyfunc`: the fitted Pipeline and its checks."""

    def __init__(self, pipeline):
        self.pipeline_ = pipeline

    def predict(self, model_input, params=None) -> pd.DataFrame:
        if not isinstance(model_input, pd.DataFrame):
            try:
                model_input = pd.DataFrame(model_input)
            except (TypeError, ValueError):
                _reject("cannot read the request as rows of text, source, target")
        if model_input.empty:
            _reject("the request has no rows")
        frame = check_request(model_input.reset_index(drop=True))
        if "target" not in frame.columns:  # text only: extract and score every actor pair
            from stance.io.extract import extract_rows

            scored = extract_rows(self.pipeline_, frame.drop(columns="source"), carry=("date", "url"))
        else:
            scored = score_frame(self.pipeline_, frame)
        # Unscored rows carry null (not NaN, which is not JSON) stance and probabilities.
        return scored.astype(object).where(scored.notna(), None)


def _load_pyfunc(data_path, model_config=None) -> StanceModel:
    """MLflow's hook for ``loader_module``: ``data_path`` is the folder's ``data/pipeline.skops``. The whole
    folder is checked first; the gazetteer is loaded now, so that no request waits for it."""
    from stance.io.extract import default_matcher

    data_path = Path(data_path)
    folder = data_path.parent.parent if data_path.is_file() else data_path.parent
    model = StanceModel(load_model_dir(folder))
    default_matcher()
    return model


def model_kwargs(pipeline_file) -> dict:
    """Keyword arguments shared by ``mlflow.pyfunc.log_model`` and ``save_model`` for a skops file."""
    from importlib.metadata import version

    return {
        "loader_module": LOADER_MODULE,
        "data_path": str(pipeline_file),
        "signature": SIGNATURE,
        "input_example": INPUT_EXAMPLE,
        "pip_requirements": [f"{p}=={version(p)}" for p in ("mlflow", "scikit-learn", "pandas", "skops")]
        + ["stance"],
    }


@contextmanager
def model_files(pipeline):
    """Keyword arguments for ``mlflow.pyfunc.log_model`` and ``save_model``, the fitted Pipeline dumped (skops)
    to a temporary file for as long as the block runs."""
    with tempfile.TemporaryDirectory() as tmp:
        pipeline_file = Path(tmp) / PIPELINE_FILE
        dump(pipeline, pipeline_file)
        yield model_kwargs(pipeline_file)


def save_model(pipeline, path) -> None:
    """Save a fitted Pipeline as a local MLflow pyfunc model folder (usable with ``--model PATH``)."""
    with model_files(pipeline) as kwargs:
        mlflow.pyfunc.save_model(str(path), **kwargs)


def load_pipeline(model_uri):
    """Kept for callers of the earlier API: see :func:`stance.io.model_uri.load_pipeline`."""
    from stance.io.model_uri import load_pipeline as load

    return load(model_uri)
