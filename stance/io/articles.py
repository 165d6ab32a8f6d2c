"""Articles in, pair rows out, for ``stance extract``: .txt files or CSV files of articles, read strictly.

Each article comes out as ``(doc_id, text, date, extra)``: ``doc_id`` is the CSV's ``doc_id`` column, else
``file:row`` for a CSV row and the file's stem for a ``.txt``; ``date`` is the CSV's ``date`` column, else the
date listed for that ``doc_id`` in the ``--dates`` CSV, else ``--date``; ``extra`` holds a ``url`` when the
CSV (or the ``--dates`` CSV) has one. CSV files are read strictly (:mod:`stance.io.csvfile`: a malformed
record stops the run naming its line; a header name that is empty or repeated is refused). A date that is not
``YYYY-MM-DD`` (a longer ISO timestamp is fine) is an :class:`InputError` naming the file, line and value:
nothing is extracted from a half-read input.
"""

from __future__ import annotations

from pathlib import Path

from stance.errors import InputError
from stance.io import csvfile
from stance.io.extract import parse_date
from stance.io.scoring import cell, check_header, check_unique

KEY_COLUMNS = ("doc_id", "article")  # the column of a --dates CSV that names the article


def _records(path: Path, required, hint: str = "") -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """(column → position, [(line, fields), …] of the data records) of the CSV ``path``, read strictly."""
    columns = check_header(path, required, hint=hint)
    check_unique(path, columns)
    return {name: number for number, name in enumerate(columns)}, list(csvfile.records(path))[1:]


def _check_date(path, line: int, value: str) -> None:
    if value.strip() and parse_date(value) is None:
        raise InputError(f"{path}, line {line}, column date: {value!r} is not a date (expected YYYY-MM-DD)")


def read_dates(path) -> dict[str, dict[str, str]]:
    """``doc_id`` (or ``article``) → ``{"date": …[, "url": …]}`` from a CSV such as
    ``datasets/articles/articles.csv``; an article listed twice is an error."""
    path = Path(path)
    columns = check_header(path, [])
    key = next((c for c in KEY_COLUMNS if c in columns), None)
    if key is None or "date" not in columns:
        raise InputError(f"{path}: a --dates CSV needs a 'doc_id' (or 'article') column and a 'date' column; "
                         f"found {', '.join(map(repr, columns))}")
    at, records = _records(path, [key, "date"])
    keep = ["date"] + (["url"] if "url" in at else [])
    listed: dict[str, dict[str, str]] = {}
    for line, fields in records:
        _check_date(path, line, fields[at["date"]])
        name = fields[at[key]]
        if name in listed:
            raise InputError(f"{path}, line {line}: {key} {name!r} is listed twice")
        listed[name] = {c: fields[at[c]].strip() for c in keep}
    return listed


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
            raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
        if path.suffix.lower() != ".csv":
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{path}: not UTF-8 text") from None
            except OSError as error:
                raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
            articles.append((path.stem, text, *meta(path.stem)))
            continue
        at, records = _records(path, ["text"], hint="extract reads a text column, with optional doc_id, date, url")
        for number, (line, fields) in enumerate(records, start=1):
            doc_id = fields[at["doc_id"]] if "doc_id" in at else f"{path.stem}:{number}"
            on, extra = meta(doc_id)
            if "date" in at:
                _check_date(path, line, fields[at["date"]])
                if fields[at["date"]].strip():
                    on = fields[at["date"]].strip()
            if "url" in at and fields[at["url"]].strip():
                extra = {"url": fields[at["url"]].strip()}
            articles.append((doc_id, fields[at["text"]], on, extra))
    return articles


def write_pairs(pairs, handle) -> None:
    """``pairs`` as CSV on ``handle`` (a header row, then one row per pair; reads back the same)."""
    out = csvfile.writer(handle)
    out.writerow(list(pairs.columns))
    out.writerows(list(map(cell, row)) for row in pairs.astype(object).to_numpy().tolist())
