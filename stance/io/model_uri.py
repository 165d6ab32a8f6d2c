"""Where a model comes from: a local folder, ``runs:/…``, or ``models:/…`` in the project's tracking store.

The tracking store never depends on the folder the user stands in. It is, in order: ``$STANCE_TRACKING_URI``,
``$MLFLOW_TRACKING_URI``, else the project's own store, ``sqlite:///<project>/mlflow.db``, where ``<project>``
is the checkout that ``make setup`` installed (the folder holding this package's ``pyproject.toml``; ``make
train`` writes to that same file). A store that does not exist is an error: reading never creates an
``mlflow.db``. Remote model URIs (``s3://``, ``http://``…) are refused: stance reads no network at run time.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from stance.errors import InputError
from stance.schema import DEFAULT_MODEL_URI

TRACKING_ENV = ("STANCE_TRACKING_URI", "MLFLOW_TRACKING_URI")
_HINT = "train one with `make train`, or give a model folder with --model"


def project_root() -> Path | None:
    """The project checkout this package was installed from (editable install), or None."""
    root = Path(__file__).resolve().parents[2]
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and 'name = "stance"' in pyproject.read_text(encoding="utf-8", errors="replace"):
        return root
    return None


def tracking_uri() -> str | None:
    """The tracking store to read, by the order of the module docstring; None when there is none."""
    for name in TRACKING_ENV:
        if os.environ.get(name):
            return os.environ[name]
    root = project_root()
    return f"sqlite:///{root / 'mlflow.db'}" if root else None


def _sqlite_file(uri: str) -> Path | None:
    if not uri.startswith("sqlite:"):
        return None
    path = uri.split("sqlite://", 1)[1]
    return Path(unquote(path[1:] if path.startswith("/") else path)) if path else None


def _local_path(uri: str) -> Path | None:
    """The folder a local model URI names (a plain path or ``file://``), else None."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme == "" or (len(parsed.scheme) == 1 and os.name == "nt"):
        return Path(uri)
    return None


def resolve(model_uri: str = DEFAULT_MODEL_URI) -> Path:
    """A local folder holding the model ``model_uri`` names (downloaded from the tracking store's artifact
    store for ``models:/`` and ``runs:/``); :class:`InputError` when it cannot be found or reached."""
    model_uri = str(model_uri)
    local = _local_path(model_uri)
    if local is not None:
        if not local.is_dir():
            raise InputError(f"--model {model_uri}: no such folder (give a model folder, or a URI such as "
                             "models:/stance/1)")
        return local
    scheme = urlparse(model_uri).scheme
    if scheme not in ("models", "runs"):
        raise InputError(f"cannot load model {model_uri}: only local folders, models:/ and runs:/ URIs are "
                         "read (stance reads no network at run time)")
    uri = tracking_uri()
    if uri is None:
        raise InputError(f"cannot load model {model_uri}: no tracking store (set STANCE_TRACKING_URI; {_HINT})")
    store = _sqlite_file(uri)
    if store is not None and not store.is_file():
        raise InputError(f"cannot load model {model_uri}: no tracking store at {store} ({_HINT})")
    import mlflow
    from mlflow.exceptions import MlflowException

    try:
        mlflow.set_tracking_uri(uri)
        mlflow.set_registry_uri(uri)
        return Path(mlflow.artifacts.download_artifacts(artifact_uri=model_uri))
    except MlflowException as error:
        raise InputError(f"cannot load model {model_uri}: {error.message.splitlines()[0][:300]} ({_HINT})") from None
    except OSError as error:
        raise InputError(f"cannot load model {model_uri}: {error.strerror or error}") from None


def load_pipeline(model_uri: str = DEFAULT_MODEL_URI):
    """The fitted Pipeline behind a model URI (``models:/…``, ``runs:/…``) or a local model folder; only a
    stance model saved without pickle is read (:mod:`stance.io.model_file`)."""
    from stance.io.model_file import load_model_dir

    return load_model_dir(resolve(model_uri))
