"""Data test: our authored sentences must not copy runs of 12+ words from any public corpus split."""
import hashlib
import re

import pandas as pd

from stance.training import corpora
from tests.support import DATASETS

SENTENCES = DATASETS / "sentences.csv"
N = 12
_WORD = re.compile(r"\w+")


def _ngram_hashes(text: str, n: int = N) -> set[bytes]:
    words = _WORD.findall(str(text).lower())
    return {hashlib.blake2b(" ".join(words[i:i + n]).encode("utf-8"), digest_size=8).digest()
            for i in range(len(words) - n + 1)}


def test_no_long_overlap_with_public_corpora(public_data):
    data_dir = public_data
    ours = pd.read_csv(SENTENCES, dtype=str, keep_default_na=False)
    ids = ours["id"]

    names = list(corpora.PUBLIC_CORPORA)
    train, _ = corpora.load_public(names, data_dir=data_dir)
    dev = corpora.load_public_dev(names, data_dir=data_dir)
    public: set[bytes] = set()
    for text in pd.concat([train.text, *(f.text for f in dev.values())]).unique():
        public |= _ngram_hashes(text)
    assert public, "no public sentences were loaded"

    offending = [i for i, text in zip(ids, ours["text"]) if not _ngram_hashes(text).isdisjoint(public)]
    assert not offending, f"{len(offending)} sentence(s) share a run of {N}+ words with a public corpus: {offending}"
