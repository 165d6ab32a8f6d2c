"""The names every part of stance agrees on: labels, column names, row statuses, default URIs.

These are the contracts of ``shared/DESIGN.md`` (dataset rows, CLI and REST columns). Plain constants: this
module imports nothing, so the CLI and any light caller can read them.
"""

LABELS = ("negative", "neutral", "positive")
PROBA_COLUMNS = tuple(f"p_{label}" for label in LABELS)

# a row to score: the sentence, the actor holding the stance (empty: the sentence's own tone), its target
INPUT_COLUMNS = ("text", "source", "target")
# the project's labeled sentences (datasets/sentences.csv), plus an optional ``split`` column
DATASET_COLUMNS = ("id", "doc_id", "lang", "text", "source", "target", "stance")
SPLITS = ("train", "dev", "test")
LANGS = ("fr", "en")

# the status of every scored row (``status`` column); only ``ok`` rows are scored
OK = "ok"
STATUSES = (OK, "empty_text", "empty_target", "target_not_in_text", "source_not_in_text")
OUTPUT_COLUMNS = ("stance", *PROBA_COLUMNS, "status")

# actor pairs extracted from articles (``stance extract``)
PAIR_COLUMNS = ("doc_id", "sentence_index", "sentence", "source", "source_id", "target", "target_id")
EXTRACT_COLUMNS = (*PAIR_COLUMNS, "stance", *PROBA_COLUMNS)

DEFAULT_MODEL_URI = "models:/stance@champion"
DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"
