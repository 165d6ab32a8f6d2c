"""Score CSV files in chunks: one output row per input row, in order, written atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from stance.errors import InputError
from stance.io.validation import missing_columns, row_statuses
from stance.model import predictions_where
from stance.schema import OK, OUTPUT_COLUMNS


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


def _first_bad_line(path: Path) -> tuple[int, str]:
    """The 1-based line number and error of the first line that is not valid UTF-8."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                return number, f"byte {line[error.start]:#04x} at column {error.start + 1}"
    return 0, "unknown position"


@contextmanager
def read_errors(in_path: Path):
    """Turn pandas' reading errors into :class:`InputError` messages naming the file and line."""
    try:
        yield
    except UnicodeDecodeError:
        line, where = _first_bad_line(in_path)
        raise InputError(
            f"{in_path}: not UTF-8 text (line {line}, {where}); re-save it as UTF-8, e.g. "
            f"`iconv -f latin1 -t utf-8 {in_path.name} > fixed.csv`"
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{in_path}: the file is empty (no header row)") from None
    except pd.errors.ParserError as error:
        raise InputError(f"{in_path}: malformed CSV: {error}") from None


def check_header(in_path, required, *, hint: str = "") -> list[str]:
    """The CSV's column names; :class:`InputError` when the file is unreadable or lacks a required column (the
    message ends with ``hint`` when given: how to name the columns)."""
    in_path = Path(in_path)
    if not in_path.is_file():
        raise InputError(f"{in_path}: no such file")
    with read_errors(in_path):
        columns = list(pd.read_csv(in_path, dtype=str, nrows=0, encoding="utf-8-sig").columns)
    missing = missing_columns(columns, required)
    if missing:
        raise InputError(f"{in_path}: missing column(s) {', '.join(map(repr, missing))}; found "
                         f"{', '.join(map(repr, columns))}" + (f" ({hint})" if hint else ""))
    return columns


def _chunks_or_header(reader, in_path: Path):
    """The reader's chunks; for a header-only file, one empty chunk with the header's columns."""
    empty = True
    for chunk in reader:
        empty = False
        yield chunk
    if empty:
        yield pd.read_csv(in_path, dtype=str, nrows=0, encoding="utf-8-sig")


@dataclass
class ScoreReport:
    """What a scoring run did: rows read, and the rows per status with a few example row numbers."""

    rows: int = 0
    statuses: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)

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
        return "\n".join(lines)


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
    extracted (:func:`stance.io.extract.extract_rows`), one output row per pair, each naming its input ``row``.
    Data rows are numbered from 1 (the header is row 0). Raises :class:`InputError` for a file-level
    problem (unreadable, not UTF-8, malformed CSV, missing column); ``out_path`` is then left untouched.
    """
    in_path, out_path = Path(in_path), Path(out_path)
    columns = check_header(in_path, [text_col])
    pairs_mode = target_col not in columns
    if pairs_mode and source_col in columns:
        raise InputError(f"{in_path}: has a {source_col!r} column but no {target_col!r} column")
    if progress is None:
        progress = sys.stderr.isatty()
    report = ScoreReport()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".part",
        delete=False,
    )
    try:
        with handle, read_errors(in_path), tqdm(unit=" rows", disable=not progress, desc=in_path.name) as bar:
            reader = pd.read_csv(
                in_path, dtype=str, keep_default_na=False, encoding="utf-8-sig", chunksize=chunksize
            )
            for number, chunk in enumerate(_chunks_or_header(reader, in_path)):
                if number == 0:
                    clashes = [c for c in OUTPUT_COLUMNS if c in chunk.columns]
                    if clashes:
                        print(f"warning: {in_path}: input columns {clashes} are replaced by the new scores",
                              file=sys.stderr)
                out = chunk.drop(columns=[c for c in OUTPUT_COLUMNS if c in chunk.columns])
                if pairs_mode:  # only text: extract actor pairs, one output row per pair
                    from stance.io.extract import extract_rows

                    scored = extract_rows(pipeline, chunk, text_col=text_col, first_row=report.rows + 1)
                    report.add(scored.drop_duplicates("row")["status"], report.rows + 1)
                    out = out.drop(columns=[c for c in scored.columns if c in out.columns]).join(scored)
                else:
                    scored = score_frame(
                        pipeline, chunk, text_col=text_col, source_col=source_col, target_col=target_col
                    )
                    report.add(scored["status"], report.rows + 1)
                    out = pd.concat([out, scored], axis=1)
                out.to_csv(handle, header=number == 0, index=False, float_format="%.6f")
                bar.update(len(chunk))
        os.replace(handle.name, out_path)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
    return report
