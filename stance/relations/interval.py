"""The 95 % interval of a dyad's mean net stance: a document (cluster) bootstrap, percentile method.

A dyad's rows are grouped by document (the pairs of one article are not independent: one statement is often
reported twice). Each resample draws the dyad's documents with replacement, as many as it has, and recomputes
the row-weighted mean net stance ``Σ net / Σ rows`` over the drawn documents; the interval is the 2.5th and
97.5th percentiles of ``resamples`` such means. A dyad seen in a single document gets no interval (NaN):
resampling one document always gives the same mean. With few documents the percentile interval is too
narrow; ``--min-n`` keeps small dyads out of the output.

Work is done in blocks of dyads so that memory stays bounded whatever the number of documents.
"""

from __future__ import annotations

import numpy as np

METHOD = "document bootstrap, {resamples} resamples, percentile 95%"
BLOCK = 2_000_000  # resampled cells held at once (resamples × cells), about 50 MB of work arrays


def bootstrap_interval(starts: np.ndarray, sizes: np.ndarray, sums: np.ndarray, counts: np.ndarray, *,
                       resamples: int = 1000, seed: int = 0, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per dyad. The cells of dyad ``g`` (one per document) are ``starts[g] : starts[g] + sizes[g]``
    of ``sums`` (the document's summed net stance) and ``counts`` (its rows), cells sorted by dyad."""
    rng = np.random.default_rng(seed)
    low = np.full(len(starts), np.nan)
    high = np.full(len(starts), np.nan)
    tails = [100 * (1 - level) / 2, 100 * (1 + level) / 2]
    todo = np.flatnonzero(sizes >= 2)
    cells_sum_rows = (np.asarray(sums, dtype=np.float32) + 1j * np.asarray(counts, dtype=np.float32)).astype(
        np.complex64)
    per_block = max(1, BLOCK // max(resamples, 1))
    first = 0
    while first < len(todo):
        last, cells = first, 0
        while last < len(todo) and (cells == 0 or cells + sizes[todo[last]] <= per_block):
            cells += int(sizes[todo[last]])
            last += 1
        groups = todo[first:last]
        block_sizes = sizes[groups]
        slot_group = np.repeat(np.arange(len(groups)), block_sizes)  # each drawn slot belongs to one dyad
        slot_start = starts[groups][slot_group]
        slot_size = block_sizes[slot_group]
        offsets = np.r_[0, np.cumsum(block_sizes)[:-1]]
        per_batch = max(1, BLOCK // cells)  # a dyad of many documents is resampled a few hundred times at once
        means = []
        for done in range(0, resamples, per_batch):
            batch = min(per_batch, resamples - done)
            picked = (rng.random((batch, cells), dtype=np.float32) * slot_size).astype(np.int32)
            np.minimum(picked, slot_size - 1, out=picked)  # float rounding may reach the size itself
            picked += slot_start.astype(np.int32)
            drawn = np.add.reduceat(cells_sum_rows[picked], offsets, axis=1)  # one gather: net + 1j·rows
            del picked
            means.append(drawn.real / drawn.imag)
        means = np.concatenate(means) if len(means) > 1 else means[0]
        low[groups], high[groups] = np.percentile(means, tails, axis=0)
        first = last
    return low, high
