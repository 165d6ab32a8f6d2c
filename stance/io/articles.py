"""Read the articles that ``stance extract`` is given: ``.txt`` files and CSV files with a ``text`` column.

Each article comes out as ``(doc_id, text, date, extra)``: ``doc_id`` is the CSV's ``doc_id`` column, else
``file:row`` for a CSV row and the file's stem for a ``.txt``; ``date`` is the CSV's ``date`` column, else the
date listed for that ``doc_id`` in the ``--dates`` CSV, else ``--date``; ``extra`` holds a ``url`` when the
CSV (or the ``--dates`` CSV) has one. A date that is not ``YYYY-MM-DD`` (a longer ISO timestamp is fine) is
an :class:`InputError` naming the file, line and value: nothing is extracted from a half-read input.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stance.errors import InputError
from stance.io.extract import parse_date
from stance.io.scoring import check_header, read_errors

KEY_COLUMNS = ("doc_id", "article")  # the column of a --dates CSV that names the article


def _read_csv(path: Path, required) -> pd.DataFrame:
    columns = check_header(path, [])
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(map(repr, missing))}; found "
                         f"{', '.join(map(repr, columns))}")
    with read_errors(path):  # a bad line gets a message naming it, not a traceback
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _check_dates(path, values, first_line: int = 2) -> None:
    for line, value in enumerate(values, start=first_line):
        if str(value).strip() and parse_date(value) is None:
            raise InputError(f"{path}, line {line}, column date: {value!r} is not a date (expected YYYY-MM-DD)")


def read_dates(path) -> dict[str, dict[str, str]]:
    """``doc_id`` (or ``article``) → ``{"date": …[, "url": …]}`` from a CSV such as
    ``datasets/articles/articles.csv``."""
    path = Path(path)
    columns = check_header(path, [])
    key = next((c for c in KEY_COLUMNS if c in columns), None)
    if key is None or "date" not in columns:
        raise InputError(f"{path}: a --dates CSV needs a 'doc_id' (or 'article') column and a 'date' column; "
                         f"found {', '.join(map(repr, columns))}")
    frame = _read_csv(path, [key, "date"])
    _check_dates(path, frame["date"])
    keep = ["date"] + (["url"] if "url" in frame.columns else [])
    return {str(k): {c: str(row[c]) for c in keep} for k, (_, row) in zip(frame[key], frame.iterrows())}


def read_articles(files, *, date: str | None = None, dates: dict | None = None) -> list[tuple]:
    """Every article of ``files`` as ``(doc_id, text, date or None, extra)``; see the module docstring."""
    if date and parse_date(date) is None:
        raise InputError(f"--date {date!r}: expected YYYY-MM-DD")
    dates = dates or {}

    def meta(doc_id: str) -> tuple[str | None, dict]:
        listed = dates.get(doc_id, {})
        extra = {"url": listed["url"]} if listed.get("url") else {}
        return (listed.get("date") or date or None), extra

    articles = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.suffix.lower() != ".csv":
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{path}: not UTF-8 text") from None
            articles.append((path.stem, text, *meta(path.stem)))
            continue
        frame = _read_csv(path, ["text"])
        if "date" in frame.columns:
            _check_dates(path, frame["date"])
        ids = frame["doc_id"] if "doc_id" in frame.columns else [f"{path.stem}:{i + 1}" for i in range(len(frame))]
        for doc_id, (_, row) in zip(ids, frame.iterrows()):
            on, extra = meta(str(doc_id))
            if str(row.get("date", "")).strip():
                on = str(row["date"]).strip()
            if str(row.get("url", "")).strip():
                extra = {"url": str(row["url"]).strip()}
            articles.append((str(doc_id), row["text"], on, extra))
    return articles
