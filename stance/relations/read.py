"""Read scored pair files (``stance extract`` or text-only ``stance score`` output) in chunks, keeping only the
columns relations need, and account for every row: aggregated, or skipped with a reason and example lines.

The files are read strictly (:mod:`stance.io.csvfile`), as ``stance score`` reads its input: a malformed
record (field count or quoting off) stops the run naming its line, so no record can swallow the next one
unnoticed; a header name that is empty or repeated is refused.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from stance.errors import InputError
from stance.io import csvfile
from stance.io.scoring import check_header, check_unique
from stance.schema import LABELS, OK

REQUIRED = ("doc_id", "sentence_index", "source_id", "target_id", "p_negative", "p_positive")
OPTIONAL = ("p_neutral", "stance", "status", "date", "source_country", "target_country")
TEXT = ("source", "target", "sentence")  # read only by the passes that show evidence


@dataclass
class _Rows:
    """Where a chunk's rows come from: the file's name and their 0-based data row numbers."""

    name: str
    index: np.ndarray


@dataclass
class Tally:
    """Every row read, by what became of it, with up to five example ``file:line`` per reason."""

    rows: int = 0
    skipped: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)
    undated: int = 0

    def skip(self, reason: str, where: _Rows, mask) -> None:
        """Count the rows of ``where`` selected by the boolean ``mask`` as skipped for ``reason``."""
        mask = np.asarray(mask, dtype=bool)
        count = int(mask.sum())
        if count:
            self.skipped[reason] += count
            examples = self.examples.setdefault(reason, [])
            examples += [f"{where.name} row {n + 1}" for n in where.index[mask][: 5 - len(examples)]]

    @property
    def kept(self) -> int:
        return self.rows - sum(self.skipped.values())

    def lines(self) -> list[str]:
        out = [f"{self.rows} pair rows read, {self.kept} aggregated"]
        for reason, count in sorted(self.skipped.items()):
            more = "…" if count > 5 else ""
            out.append(f"  {count} skipped: {reason} (e.g. {', '.join(self.examples[reason])}{more})")
        if self.undated:
            out.append(f"  {self.undated} aggregated rows have no date (period left empty)")
        return out


def check_files(paths) -> list[Path]:
    """The pair files as paths; :class:`InputError` for a missing file or a missing required column."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no pair file given")
    for path in paths:
        columns = check_header(path, [])
        check_unique(path, columns)
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(map(repr, missing))}: expected scored pairs "
                             "from `stance extract` or a text-only `stance score`")
    return paths


def _numbers(chunk: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(chunk[column], errors="coerce") if column in chunk.columns else pd.Series(
        np.nan, index=chunk.index)


def clean_chunk(chunk: pd.DataFrame, where: _Rows, tally: Tally) -> pd.DataFrame:
    """The chunk's usable rows with numeric probabilities, a stance and an empty string for missing text
    values; skipped rows are counted in ``tally`` under their reason."""
    keep = pd.Series(True, index=chunk.index)
    if "status" in chunk.columns:
        status = chunk["status"].fillna("")
        for value in sorted(set(status) - {OK, ""}):
            tally.skip(f"status {value}", where, keep & (status == value))
            keep &= status != value
    neg, pos = _numbers(chunk, "p_negative"), _numbers(chunk, "p_positive")
    neu = _numbers(chunk, "p_neutral").fillna(1.0 - neg - pos)
    bad = neg.isna() | pos.isna() | (neg < 0) | (pos < 0) | (neg + pos > 1.0 + 1e-6)
    tally.skip("no valid probabilities", where, keep & bad)
    keep &= ~bad
    no_target = chunk["target_id"].fillna("").astype(str).str.strip() == ""
    tally.skip("no target actor", where, keep & no_target)
    keep &= ~no_target
    out = pd.DataFrame({
        "doc_id": chunk["doc_id"].fillna("").astype(str),
        "sentence_index": pd.to_numeric(chunk["sentence_index"], errors="coerce").fillna(-1).astype(np.int64),
        "source_id": chunk["source_id"].fillna("").astype(str),
        "target_id": chunk["target_id"].fillna("").astype(str),
        "p_negative": neg, "p_neutral": neu, "p_positive": pos,
    })
    for column in ("date", "source_country", "target_country", "source", "target", "sentence"):
        out[column] = chunk[column].fillna("").astype(str) if column in chunk.columns else ""
    probabilities = out[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    stance = chunk["stance"].fillna("") if "stance" in chunk.columns else pd.Series("", index=chunk.index)
    argmax = np.asarray(LABELS, dtype=object)[np.nan_to_num(probabilities, nan=-1).argmax(axis=1)]
    out["stance"] = stance.where(stance.isin(LABELS), argmax)
    return out[keep.to_numpy()]


def _chunks(path: Path, columns, chunksize: int):
    """The records of ``path`` (read strictly) in frames of up to ``chunksize`` rows, only the ``columns`` it
    has, as text; each frame indexed by data row, counted from 0 over the whole file."""
    parts = csvfile.chunks(path, chunksize)
    header = next(parts)
    at = {name: number for number, name in enumerate(header) if name in columns}
    first = 0
    for batch in parts:
        frame = pd.DataFrame({name: pd.Series([record[number] for record in batch], dtype=object)
                              for name, number in at.items()})
        frame.index = pd.RangeIndex(first, first + len(batch))
        first += len(batch)
        yield frame


def pair_chunks(paths, tally: Tally, *, chunksize: int = 100_000, progress: bool | None = None,
                columns=REQUIRED + OPTIONAL):
    """Cleaned chunks of every file in turn (see :func:`clean_chunk`), reading only ``columns``; a progress
    bar on a terminal. Rows are named ``file row N`` (data rows counted from 1) in the tally's examples."""
    if progress is None:
        progress = sys.stderr.isatty()
    with tqdm(unit=" rows", disable=not progress, desc="pairs", unit_scale=True) as bar:
        for path in check_files(paths):
            for chunk in _chunks(path, set(columns), chunksize):
                tally.rows += len(chunk)
                bar.update(len(chunk))
                yield clean_chunk(chunk, _Rows(path.name, chunk.index.to_numpy()), tally)
