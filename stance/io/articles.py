"""Articles in, pair rows out, for ``stance extract``: .txt files or CSV files of articles, read strictly."""

from __future__ import annotations

from pathlib import Path

from stance.errors import InputError
from stance.io import csvfile
from stance.io.scoring import cell, check_header, check_unique


def read_articles(names, date) -> list:
    """(doc_id, text, date) of each article: .txt files whole, CSV files one per row (text [, doc_id, date])."""
    articles = []
    for name in names:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.suffix.lower() == ".csv":
            columns = check_header(path, ["text"], hint="extract reads a text column, with optional doc_id and date")
            check_unique(path, columns)
            at = {c: columns.index(c) for c in ("text", "doc_id", "date") if c in columns}
            for number, (_, fields) in enumerate(list(csvfile.records(path))[1:], start=1):
                doc_id = fields[at["doc_id"]] if "doc_id" in at else f"{path.stem}:{number}"
                articles.append((doc_id, fields[at["text"]], fields[at["date"]] if "date" in at else date))
        else:
            try:
                articles.append((path.stem, path.read_text(encoding="utf-8"), date))
            except UnicodeDecodeError:
                raise InputError(f"{path}: not UTF-8 text") from None
            except OSError as error:
                raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return articles


def write_pairs(pairs, handle) -> None:
    """``pairs`` as CSV on ``handle`` (a header row, then one row per pair; reads back the same)."""
    out = csvfile.writer(handle)
    out.writerow(list(pairs.columns))
    out.writerows(list(map(cell, row)) for row in pairs.astype(object).to_numpy().tolist())
