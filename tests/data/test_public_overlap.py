"""Data test: our authored sentences must not copy runs of 12+ words from any public corpus split."""
import hashlib
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from stance.training import corpora

REPO_ROOT = Path(__file__).resolve().parents[2]
SENTENCES = REPO_ROOT / "datasets" / "sentences.csv"
N = 12
_WORD = re.compile(r"\w+")


def _ngram_hashes(text: str, n: int = N) -> set[bytes]:
    words = _WORD.findall(str(text).lower())
    return {hashlib.blake2b(" ".join(words[i:i + n]).encode("utf-8"), digest_size=8).digest()
            for i in range(len(words) - n + 1)}


def _data_dir() -> Path:
    if os.environ.get(corpora.DATA_DIR_ENV):
        return corpora.resolve_data_dir()
    return corpora.resolve_data_dir(REPO_ROOT / ".." / "shared" / "data")


def test_no_long_overlap_with_public_corpora():
    data_dir = _data_dir()
    if not corpora.public_available(data_dir):
        pytest.skip(f"public data not found at {data_dir}")
    if not SENTENCES.is_file():
        pytest.skip(f"{SENTENCES} does not exist yet")
    ours = pd.read_csv(SENTENCES, dtype=str, keep_default_na=False)
    assert "text" in ours.columns, f"{SENTENCES} has no 'text' column"
    ids = ours["id"] if "id" in ours.columns else ours.index.astype(str)

    names = list(corpora.PUBLIC_CORPORA)
    train, _ = corpora.load_public(names, data_dir=data_dir)
    dev = corpora.load_public_dev(names, data_dir=data_dir)
    public: set[bytes] = set()
    for text in pd.concat([train.text, *(f.text for f in dev.values())]).unique():
        public |= _ngram_hashes(text)
    assert public, "no public sentences were loaded"

    offending = [i for i, text in zip(ids, ours["text"]) if not _ngram_hashes(text).isdisjoint(public)]
    assert not offending, f"{len(offending)} sentence(s) share a run of {N}+ words with a public corpus: {offending}"
