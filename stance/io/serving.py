"""The MLflow pyfunc around the stance Pipeline: load once, check the request, score every row.

REST (``mlflow models serve``) and Spark (``mlflow.pyfunc.spark_udf``) both call :meth:`StanceModel.predict`.
Rows with ``text`` and ``target`` (optional ``source``) score that one pair; rows with ``text`` alone
(optional ``doc_id``, ``date``) are read as articles and every actor pair found is scored, one output row per
pair naming its input ``row``. A malformed request (no ``text`` column, ``source`` without ``target``, a null
or blank text) raises an ``MlflowException`` with ``INVALID_PARAMETER_VALUE``, which the scoring server
turns into HTTP 400 with a JSON message. Other row problems come back per row in the ``status`` column.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import joblib
import mlflow
import pandas as pd
from mlflow.exceptions import MlflowException
from mlflow.models import ModelSignature
from mlflow.types import ColSpec, Schema

from stance.errors import InputError
from stance.features.union import compile_loaded
from stance.io.scoring import score_frame
from stance.schema import DEFAULT_MODEL_URI, DEFAULT_TRACKING_URI

RETRAIN = "retrain with `make train`"

SIGNATURE = ModelSignature(
    inputs=Schema(
        [
            ColSpec("string", "text"),
            ColSpec("string", "source", required=False),
            ColSpec("string", "target", required=False),
            ColSpec("string", "doc_id", required=False),
            ColSpec("string", "date", required=False),
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
        try:
            self.pipeline_ = joblib.load(context.artifacts["pipeline"])
        except (ModuleNotFoundError, AttributeError) as error:
            if not saved_by_older_stance(error):
                raise
            raise MlflowException(f"this model was saved by an older version of stance ({error}); {RETRAIN}") from None
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

            scored = extract_rows(self.pipeline_, frame.drop(columns="source"))
        else:
            scored = score_frame(self.pipeline_, frame)
        # Unscored rows carry null (not NaN, which is not JSON) stance and probabilities.
        return scored.astype(object).where(scored.notna(), None)


@contextmanager
def model_files(pipeline):
    """Keyword arguments for ``mlflow.pyfunc.log_model`` and ``save_model``, the fitted Pipeline dumped (joblib)
    to a temporary file for as long as the block runs."""
    from importlib.metadata import version

    with tempfile.TemporaryDirectory() as tmp:
        pipeline_path = Path(tmp) / "pipeline.joblib"
        joblib.dump(pipeline, pipeline_path)
        yield {
            "python_model": StanceModel(),
            "artifacts": {"pipeline": str(pipeline_path)},
            "signature": SIGNATURE,
            "input_example": INPUT_EXAMPLE,
            "pip_requirements": [f"{p}=={version(p)}" for p in ("mlflow", "scikit-learn", "pandas", "joblib")]
            + ["stance"],
        }


def save_model(pipeline, path) -> None:
    """Save a fitted Pipeline as a local MLflow pyfunc model folder (usable with ``--model PATH``)."""
    with model_files(pipeline) as kwargs:
        mlflow.pyfunc.save_model(str(path), **kwargs)


def ensure_tracking_uri() -> str:
    """Use ``MLFLOW_TRACKING_URI`` when set, else the project's ``sqlite:///mlflow.db``."""
    uri = os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI
    mlflow.set_tracking_uri(uri)
    return uri


def saved_by_older_stance(error: BaseException | None) -> bool:
    """Whether unpickling a model failed on a module or class of stance that has moved or gone since it was
    saved (the error, or one it was raised from)."""
    while error is not None:
        if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] == "stance":
            return True
        if isinstance(error, AttributeError) and "<module 'stance" in str(error):
            return True
        if isinstance(error, MlflowException) and RETRAIN in error.message:
            return True
        error = error.__cause__ or error.__context__
    return False


def _check_local_folder(uri: str) -> None:
    """For a model given as a folder, an :class:`InputError` naming what is wrong with it."""
    if urlparse(uri).scheme not in ("", "file"):
        return
    folder = Path(urlparse(uri).path if uri.startswith("file:") else uri)
    if not folder.is_dir():
        raise InputError(f"--model {uri}: no such folder (give a model folder, or a URI such as models:/stance/1)")
    if not (folder / "MLmodel").is_file():
        raise InputError(f"--model {uri}: not an MLflow model folder (no MLmodel file in it); `make train` prints "
                         "the URI of the model it logs")


def load_pipeline(model_uri: str = DEFAULT_MODEL_URI):
    """The fitted Pipeline behind a model URI (``models:/…``, ``runs:/…``) or a local model folder; an
    :class:`InputError` that says what to do when it cannot be loaded."""
    uri = str(model_uri)
    _check_local_folder(uri)
    ensure_tracking_uri()
    try:
        model = mlflow.pyfunc.load_model(uri)
    except (ModuleNotFoundError, AttributeError, MlflowException) as error:
        if saved_by_older_stance(error):
            raise InputError(f"cannot load model {uri}: it was saved by an older version of stance ({error}); "
                             f"{RETRAIN}") from None
        if not isinstance(error, MlflowException):
            raise
        missing = uri.startswith("models:/") and error.error_code == "RESOURCE_DOES_NOT_EXIST"
        hint = " (train one with `make train`)" if missing else ""
        raise InputError(f"cannot load model {uri}: {error.message}{hint}") from None
    return model.unwrap_python_model().pipeline_
