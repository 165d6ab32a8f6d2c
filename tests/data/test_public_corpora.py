"""The public corpora read completely: sizes, few skipped rows, the schema, targets inside their sentences."""

import logging
import re

from stance.schema import LABELS
from stance.training import corpora
from stance.training.corpora import COLUMNS


def test_real_splits_sizes_and_substrings(public_data, caplog):
    data_dir = public_data
    expected = {("newsmtsc", "train"): 8739, ("newsmtsc", "dev_rw"): 343, ("newsmtsc", "dev_mt"): 442,
                ("mad_tsc_fr", "train"): 3810, ("mad_tsc_fr", "validation"): 300,
                ("mad_tsc_en", "train"): 3810, ("mad_tsc_en", "validation"): 300,
                ("directed_sentiment", "train"): 13144, ("directed_sentiment", "valid"): 1461}
    for (name, split), n in expected.items():
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="stance.corpora"):
            df = corpora.load_corpus(name, split, data_dir=data_dir)
        skipped = sum(int(m.group(1)) for r in caplog.records
                      for m in [re.search(r"skipped (\d+) row", r.getMessage())] if m)
        assert len(df) + skipped == n and skipped <= max(5, n // 100), (name, split, len(df), skipped)
        assert list(df.columns) == COLUMNS and df.id.is_unique
        assert set(df.stance) <= set(LABELS)
        assert all(s in t for s, t in zip(df.source, df.text))
        assert all(g and g in t for g, t in zip(df.target, df.text))
