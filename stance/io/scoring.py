"""Score CSV files in chunks: one output row per input row, in order, written atomically.

Input columns pass through unchanged, in order, under their own names; the new columns follow. A new column
whose name is already an input column (a gold ``stance`` column, say) is written with the prefix ``out_``
(``out_stance``; repeated until the name is free), and the run says so on stderr. The input is read strictly
(:mod:`stance.io.csvfile`) and the output written through :func:`stance.io.output.atomic_output`.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from stance.errors import InputError
from stance.io import csvfile
from stance.io.output import atomic_output, check_output
from stance.io.validation import missing_columns, row_statuses
from stance.model import predictions_where
from stance.schema import ACTOR_COUNTRY_COLUMNS, EXTRACT_COLUMNS, OK, OUTPUT_COLUMNS

PREFIX = "out_"  # given to a new column whose name an input column already has


def score_frame(pipeline, frame: pd.DataFrame, *, text_col="text", source_col="source", target_col="target"):
    """Statuses and predictions for every row of ``frame`` (same index, columns ``OUTPUT_COLUMNS``).

    Rows whose status is not ``ok`` get an empty stance and empty probabilities; they are never dropped.
    """
    status = row_statuses(frame, text_col, source_col, target_col)
    rows = pd.DataFrame(
        {
            "text": frame[text_col],
            "source": frame[source_col] if source_col in frame.columns else "",
            "target": frame[target_col],
        }
    )
    return predictions_where(pipeline, rows, (status == OK).to_numpy()).assign(status=status)


def check_header(in_path, required, *, hint: str = "") -> list[str]:
    """The CSV's column names; :class:`InputError` when the file is unreadable or lacks a required column (the
    message ends with ``hint`` when given: how to name the columns)."""
    in_path = Path(in_path)
    if not in_path.is_file():
        raise InputError(f"{in_path}: no such file" if not in_path.exists() else f"{in_path}: not a file")
    columns = csvfile.read_header(in_path)
    missing = missing_columns(columns, required)
    if missing:
        raise InputError(f"{in_path}: missing column(s) {', '.join(map(repr, missing))}; found "
                         f"{', '.join(map(repr, columns))}" + (f" ({hint})" if hint else ""))
    return columns


def check_unique(in_path, columns) -> None:
    """:class:`InputError` when a header name is empty or appears twice: which one would ``text`` be, and the
    output could not be read back under the same names (pandas renames the second ``id`` to ``id.1``)."""
    unnamed = [str(number) for number, name in enumerate(columns, start=1) if name == ""]
    if unnamed:
        raise InputError(f"{in_path}: column(s) {', '.join(unnamed)} of the header have no name; name them "
                         "(pandas would read them back as 'Unnamed: …')")
    twice = [c for c in dict.fromkeys(columns) if columns.count(c) > 1]
    if twice:
        raise InputError(f"{in_path}: column(s) {', '.join(map(repr, twice))} appear more than once in the "
                         "header; rename them so that every column has its own name")


def output_names(columns, new) -> list[str]:
    """The names of the ``new`` columns, each prefixed with ``PREFIX`` (again if needed) while it is taken."""
    taken, names = set(columns), []
    for name in new:
        while name in taken:
            name = PREFIX + name
        taken.add(name)
        names.append(name)
    return names


@dataclass
class ScoreReport:
    """What a scoring run did: rows read, and the rows per status with a few example row numbers."""

    rows: int = 0
    statuses: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)
    renamed: dict = field(default_factory=dict)

    def add(self, status: pd.Series, first_row: int) -> None:
        self.rows += len(status)
        self.statuses.update(status.tolist())
        for offset, value in enumerate(status.tolist()):
            if value != OK and len(self.examples.setdefault(value, [])) < 5:
                self.examples[value].append(first_row + offset)

    def summary(self) -> str:
        lines = [f"{self.rows} rows read, {self.statuses.get(OK, 0)} scored"]
        for status, count in sorted(self.statuses.items()):
            if status != OK:
                rows = ", ".join(map(str, self.examples[status]))
                lines.append(f"  {count} rows with status {status} (data rows {rows}{'…' if count > 5 else ''})")
        if self.renamed:
            lines.append("  input columns kept; new columns renamed: "
                         + ", ".join(f"{old} -> {new}" for old, new in self.renamed.items()))
        return "\n".join(lines)


def cell(value) -> str:
    """One output field: floats with 6 decimals, missing values empty, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6f}"
    return str(value)


def _column(chunk, index: int) -> list[str]:
    return [record[index] for record in chunk]


def score_csv(
    in_path,
    out_path,
    pipeline,
    *,
    text_col="text",
    source_col="source",
    target_col="target",
    chunksize=5_000,
    progress: bool | None = None,
) -> ScoreReport:
    """Score ``in_path`` into ``out_path``; input columns pass through, ``OUTPUT_COLUMNS`` are appended.

    A file with a text column and no target column is read as articles or sentences: actor pairs are
    extracted (:func:`stance.io.extract.extract_rows`), one output row per pair, each naming its input ``row``
    (columns ``row``, the pair columns, ``stance``, the probabilities, ``source_country``, ``target_country``,
    ``status``; ``doc_id`` is taken from an input ``doc_id`` column when there is one, and not repeated). Each
    pair row repeats its input row's columns, so an input ``date`` or ``url`` is carried onto every pair as
    given; the actors' countries are those of that ``date``. Data rows are numbered from 1 (the header
    is row 0). Raises :class:`InputError` for a file-level problem (unreadable, not UTF-8, malformed CSV,
    missing or repeated column, unwritable output); ``out_path`` is then left untouched.
    """
    in_path = Path(in_path)
    if not isinstance(chunksize, int) or chunksize < 1:
        raise InputError(f"chunk size {chunksize!r}: must be a whole number of rows, at least 1")
    columns = check_header(in_path, [text_col])
    pairs_mode = target_col not in columns
    if pairs_mode and source_col in columns:
        raise InputError(f"{in_path}: has a {source_col!r} column but no {target_col!r} column")
    used = [text_col, "doc_id", "date"] if pairs_mode else [text_col, source_col, target_col]
    check_unique(in_path, columns)
    out_path = check_output(out_path, [in_path])
    if pairs_mode:
        new = ["row", *(c for c in EXTRACT_COLUMNS if not (c == "doc_id" and "doc_id" in columns)),
               *ACTOR_COUNTRY_COLUMNS, "status"]
    else:
        new = list(OUTPUT_COLUMNS)
    names = output_names(columns, new)
    report = ScoreReport(renamed={a: b for a, b in zip(new, names) if a != b})
    if progress is None:
        progress = sys.stderr.isatty()
    position = {name: columns.index(name) for name in used if name in columns}
    with atomic_output(out_path) as handle, tqdm(unit=" rows", disable=not progress, desc=in_path.name) as bar:
        out = csvfile.writer(handle)
        parts = csvfile.chunks(in_path, chunksize)
        out.writerow([*next(parts), *names])
        for chunk in parts:
            frame = pd.DataFrame({name: _column(chunk, index) for name, index in position.items()})
            first = report.rows + 1
            if pairs_mode:  # only text: extract actor pairs, one output row per pair
                from stance.io.extract import extract_rows

                scored = extract_rows(pipeline, frame, text_col=text_col, first_row=first)
                report.add(scored.drop_duplicates("row")["status"], first)
                values = scored[new].astype(object).to_numpy().tolist()
                out.writerows([*chunk[index], *map(cell, row)] for index, row in zip(scored.index, values))
            else:
                scored = score_frame(pipeline, frame, text_col=text_col, source_col=source_col,
                                     target_col=target_col)
                report.add(scored["status"], first)
                values = scored[list(OUTPUT_COLUMNS)].astype(object).to_numpy().tolist()
                out.writerows([*record, *map(cell, row)] for record, row in zip(chunk, values))
            bar.update(len(chunk))
    return report
