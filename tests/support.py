"""Helpers shared by the test layers (imported as ``tests.support``; pytest puts the project root on the path)."""

import itertools
import os
from pathlib import Path

import pandas as pd

from stance.text.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
PARAMS = ROOT / "training" / "params.yaml"
PUBLIC_DATA_ENV = "STANCE_PUBLIC_DATA"  # `make test` sets it from PUBLIC_DATA (default ../shared/data)

# six labeled rows: enough to exercise scoring code, not to judge accuracy
TOY = pd.DataFrame(
    {
        "text": [
            "Paris a condamné Berlin pour son attitude.",
            "Rome a salué Madrid pour son aide.",
            "Lisbonne a reçu Vienne pour un entretien.",
            "Washington blamed Ottawa for the failure.",
            "Tokyo praised Seoul for its help.",
            "Canberra met Wellington on Monday.",
        ],
        "source": ["Paris", "Rome", "Lisbonne", "Washington", "Tokyo", "Canberra"],
        "target": ["Berlin", "Madrid", "Vienne", "Ottawa", "Seoul", "Wellington"],
        "stance": ["negative", "positive", "neutral", "negative", "positive", "neutral"],
    }
)

VERBS = {
    "negative": ["a condamné", "a accusé", "blamed", "criticised"],
    "neutral": ["a reçu", "a rencontré", "met", "spoke with"],
    "positive": ["a salué", "a félicité", "praised", "thanked"],
}
ACTORS = ["Paris", "Berlin", "Rome", "Madrid", "Oslo", "Dakar", "Lima", "Hanoi"]


def tiny_rows() -> pd.DataFrame:
    """A tiny labeled corpus in the dataset schema (36 rows, 12 documents, both languages)."""
    rows = []
    pairs = list(itertools.permutations(ACTORS, 2))[:12]
    for n, ((source, target), (stance, verbs)) in enumerate(itertools.product(pairs, VERBS.items())):
        verb = verbs[n % len(verbs)]
        lang = "fr" if verb.startswith("a ") else "en"
        rows.append(
            {"id": f"t{n}", "doc_id": f"doc{n // 3}", "lang": lang, "text": f"{source} {verb} {target} mardi.",
             "source": source, "target": target, "stance": stance}
        )
    return pd.DataFrame(rows)


def public_data_dir() -> Path | None:
    """The folder of the public corpora named by ``$STANCE_PUBLIC_DATA``, or None when unset or absent."""
    folder = os.environ.get(PUBLIC_DATA_ENV)
    return Path(folder).resolve() if folder and Path(folder).is_dir() else None


def assert_offsets(doc) -> None:
    """Every sentence maps back to its raw span, trimmed, inside its paragraph, in order."""
    previous_end = 0
    for i, s in enumerate(doc.sentences):
        span = doc.raw[s.start : s.end]
        assert s.index == i
        assert normalise(span) == s.text
        assert span == span.strip()
        pa, pb = doc.paragraphs[s.paragraph]
        assert pa <= s.start < s.end <= pb
        assert s.start >= previous_end
        previous_end = s.end
