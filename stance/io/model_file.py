"""The model file: the fitted Pipeline stored with skops (no pickle), loaded only with the project's trusted types.

A stance model folder is an MLflow model whose ``python_function`` flavour names a loader module of the
installed package (``loader_module: stance.io.serving``) and whose data is one skops file,
``data/pipeline.skops``: the code comes from the installed ``stance`` package, the data from a format that
cannot run code. :func:`check_model_dir` reads the folder's ``MLmodel`` with YAML's safe loader and refuses
(:class:`stance.errors.ModelRefused`) anything else: another loader (a cloudpickled ``python_model.pkl``), code
shipped in the folder (``code_paths``), a data file that is not a skops zip (a pickle where the skops file
should be), or pickle files anywhere in the folder. :func:`load` then lists the types the skops file would
build and refuses it unless every one is in skops' defaults or in :data:`TRUSTED`; nothing is built before.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from stance.errors import InputError, ModelRefused

PIPELINE_FILE = "pipeline.skops"
LOADER_MODULE = "stance.io.serving"

# the project's own types a fitted Pipeline holds, beyond the scikit-learn, numpy and scipy types that skops
# trusts by default; a model file naming any other type is refused
TRUSTED = (
    "stance.features.context.ContextWindows",
    "stance.features.roles.RoleMarker",
    "stance.features.tfidf.FastTfidfVectorizer",
    "stance.features.tfidf.given_tokens",
    "stance.features.tfidf.given_words",
    "stance.features.tokens.Tokenizer",
    "stance.features.union.CorpusAwareUnion",
)
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".cloudpickle", ".pt", ".sav")
RETRAIN = "a model saved by an older version of stance holds pickles: retrain with `make train`"


def dump(pipeline, path) -> None:
    """Write the fitted ``pipeline`` to ``path`` in skops format."""
    import skops.io

    skops.io.dump(pipeline, str(path))


def untrusted_types(path) -> list[str]:
    """The types named in the skops file ``path`` that neither skops' defaults nor :data:`TRUSTED` cover."""
    import skops.io

    return sorted(set(skops.io.get_untrusted_types(file=str(path))) - set(TRUSTED))


def load(path):
    """The fitted Pipeline stored in the skops file ``path``, with its compiled features built.

    :class:`ModelRefused` when the file is not a skops zip or names a type outside the trusted list.
    """
    import skops.io

    from stance.features.union import compile_loaded

    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise ModelRefused(f"{path}: not a skops model file (a pickle?); refused, nothing in it was run")
    try:
        others = untrusted_types(path)
    except Exception as error:  # a damaged zip or schema: skops' own exception types vary
        raise ModelRefused(f"{path}: unreadable skops model file ({type(error).__name__}); refused") from None
    if others:
        raise ModelRefused(f"{path}: the model names types outside the trusted list ({', '.join(others)}); "
                           "refused, nothing in it was run")
    pipeline = skops.io.load(str(path), trusted=list(TRUSTED))
    compile_loaded(pipeline)
    return pipeline


def _read_mlmodel(folder: Path) -> dict:
    import yaml

    mlmodel = folder / "MLmodel"
    if not mlmodel.is_file():
        raise InputError(f"--model {folder}: not an MLflow model folder (no MLmodel file in it); `make train` "
                         "prints the URI of the model it logs")
    try:
        conf = yaml.safe_load(mlmodel.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(f"{mlmodel}: malformed MLmodel file ({type(error).__name__})") from None
    if not isinstance(conf, dict) or not isinstance(conf.get("flavors"), dict):
        raise InputError(f"{mlmodel}: malformed MLmodel file (no flavors)")
    return conf


def check_model_dir(folder) -> Path:
    """The skops file of the stance model folder ``folder``; :class:`ModelRefused` or :class:`InputError` else."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"--model {folder}: no such folder (give a model folder, or a URI such as models:/stance/1)")
    pyfunc = _read_mlmodel(folder)["flavors"].get("python_function")
    if not isinstance(pyfunc, dict) or pyfunc.get("loader_module") != LOADER_MODULE:
        kind = pyfunc.get("loader_module") if isinstance(pyfunc, dict) else None
        raise ModelRefused(f"{folder}: not a stance model saved without pickle (loader {kind!r}, expected "
                           f"{LOADER_MODULE!r}); refused, nothing in it was run ({RETRAIN})")
    if pyfunc.get("code"):
        raise ModelRefused(f"{folder}: the model folder carries code ({pyfunc['code']!r}); refused")
    pickles = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.suffix.lower() in PICKLE_SUFFIXES)
    if pickles:
        raise ModelRefused(f"{folder}: holds pickle files ({', '.join(pickles[:5])}); refused, nothing in it was "
                           f"run ({RETRAIN})")
    data = folder / str(pyfunc.get("data", ""))
    if data.is_dir():
        data = data / PIPELINE_FILE
    if data.name != PIPELINE_FILE or not data.is_file() or folder.resolve() not in data.resolve().parents:
        raise ModelRefused(f"{folder}: no {PIPELINE_FILE} inside the folder where MLmodel says the model is")
    if not zipfile.is_zipfile(data):
        raise ModelRefused(f"{data}: not a skops model file (a pickle?); refused, nothing in it was run")
    return data


def load_model_dir(folder):
    """The fitted Pipeline of the stance model folder ``folder``, checked as :func:`check_model_dir` says."""
    return load(check_model_dir(folder))
