"""The MLflow pyfunc around the stance Pipeline: load once, check the request, score every row.

REST (``mlflow models serve``) and Spark (``mlflow.pyfunc.spark_udf``) both call :meth:`StanceModel.predict`.
Rows with ``text`` and ``target`` (optional ``source``) score that one pair; rows with ``text`` alone
(optional ``doc_id``, ``date``, ``url``) are read as articles and every actor pair found is scored, one output
row per pair naming its input ``row`` and carrying its ``date`` and ``url``. A malformed request (no ``text`` column, ``source`` without ``target``, a null
or blank text) raises an ``MlflowException`` with ``INVALID_PARAMETER_VALUE``, which the scoring server
turns into HTTP 400 with a JSON message. Other row problems come back per row in the ``status`` column.
"""

from __future__ import annotations

import os

import joblib
import mlflow
import pandas as pd
from mlflow.exceptions import MlflowException
from mlflow.models import ModelSignature
from mlflow.types import ColSpec, Schema

from stance.features.union import compile_loaded
from stance.io.scoring import score_frame
from stance.schema import DEFAULT_MODEL_URI, DEFAULT_TRACKING_URI

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


def check_request(frame: pd.DataFrame) -> pd.DataFrame:
    """Reject requests that cannot be scored as sent; return the frame with a ``source`` column."""
    if "text" not in frame.columns:
        _reject("missing column 'text'; each row needs text, and target (with optional source) to score "
                "one pair, or text alone to extract the actor pairs")
    if "source" in frame.columns and "target" not in frame.columns:
        _reject("rows have 'source' but no 'target'")
    blank = frame["text"].isna() | (frame["text"].astype(str).str.strip() == "")
    if blank.any():
        rows = [int(i) for i in frame.index[blank][:20]]
        _reject(f"null or empty text in row(s) {rows}; send the sentence to score in 'text'")
    frame = frame.copy()
    if "source" not in frame.columns:
        frame["source"] = ""
    frame["source"] = frame["source"].where(frame["source"].notna(), "")
    return frame


class StanceModel(mlflow.pyfunc.PythonModel):
    """pyfunc flavour of the stance Pipeline (stored as the ``pipeline`` artifact, a joblib file)."""

    def load_context(self, context):
        self.pipeline_ = joblib.load(context.artifacts["pipeline"])
        compile_loaded(self.pipeline_)

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        if not isinstance(model_input, pd.DataFrame):
            try:
                model_input = pd.DataFrame(model_input)
            except (TypeError, ValueError) as error:
                _reject(f"cannot read the request as rows of text, source, target: {error}")
        frame = check_request(model_input.reset_index(drop=True))
        if "target" not in frame.columns:  # text only: extract and score every actor pair
            from stance.io.extract import extract_rows

            scored = extract_rows(self.pipeline_, frame.drop(columns="source"), carry=("date", "url"))
        else:
            scored = score_frame(self.pipeline_, frame)
        # Unscored rows carry null (not NaN, which is not JSON) stance and probabilities.
        return scored.astype(object).where(scored.notna(), None)


def model_kwargs(pipeline_path) -> dict:
    """Keyword arguments shared by ``mlflow.pyfunc.log_model`` and ``save_model`` for a joblib'd Pipeline."""
    from importlib.metadata import version

    return {
        "python_model": StanceModel(),
        "artifacts": {"pipeline": str(pipeline_path)},
        "signature": SIGNATURE,
        "input_example": INPUT_EXAMPLE,
        "pip_requirements": [f"{p}=={version(p)}" for p in ("mlflow", "scikit-learn", "pandas", "joblib")]
        + ["stance"],
    }


def save_model(pipeline, path) -> None:
    """Save a fitted Pipeline as a local MLflow pyfunc model folder (usable with ``--model PATH``)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        pipeline_path = Path(tmp) / "pipeline.joblib"
        joblib.dump(pipeline, pipeline_path)
        mlflow.pyfunc.save_model(str(path), **model_kwargs(pipeline_path))


def ensure_tracking_uri() -> str:
    """Use ``MLFLOW_TRACKING_URI`` when set, else the project's ``sqlite:///mlflow.db``."""
    uri = os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI
    mlflow.set_tracking_uri(uri)
    return uri


def load_pipeline(model_uri: str = DEFAULT_MODEL_URI):
    """The fitted Pipeline behind a model URI (``models:/…``, ``runs:/…``) or a local model folder."""
    ensure_tracking_uri()
    model = mlflow.pyfunc.load_model(str(model_uri))
    return model.unwrap_python_model().pipeline_
