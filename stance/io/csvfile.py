"""Strict CSV: every record is checked before anything is scored, and what is written reads back the same.

Reading (:func:`read_header`, :func:`records`) follows RFC 4180, as PostgreSQL's ``COPY … CSV`` does: a record
whose field count differs from the header's, a quote inside an unquoted field, text after a closing quote or
a quoted field left open stops the read with an :class:`InputError` naming the file and the line where that
record starts. Blank lines are skipped (they are not records). Input fields are kept as the exact strings read.

Writing (:func:`writer`): minimal quoting, ``\\n`` line ends, and any record holding a carriage return is
written fully quoted (Python's csv writer leaves a lone ``\\r`` unquoted when the line end is ``\\n``, and a
reader then splits the record there).
"""

from __future__ import annotations

import csv
import re
from contextlib import contextmanager
from pathlib import Path

from stance.errors import InputError

_QUOTED = r'"[^"]*(?:""[^"]*)*"'
_FIELD = rf'(?:{_QUOTED}|[^",\r\n]*)'
_RECORD = re.compile(rf"{_FIELD}(?:,{_FIELD})*")
_LINE_END = re.compile(r"(?:\r\n|\n|\r)\Z")


class _Lines:
    """The file's physical lines, counted, remembering those of the record being read."""

    def __init__(self, handle):
        self.handle, self.number, self.pending = handle, 0, []

    def __iter__(self):
        return self

    def __next__(self):
        line = next(self.handle)
        self.number += 1
        self.pending.append(line)
        return line


def first_bad_utf8_line(path: Path) -> tuple[int, str]:
    """The 1-based line number and position of the first line that is not valid UTF-8."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                return number, f"byte {line[error.start]:#04x} at column {error.start + 1}"
    return 0, "unknown position"


@contextmanager
def reading(path: Path):
    """Turn decoding and OS errors met while reading ``path`` into :class:`InputError` naming file and line."""
    try:
        yield
    except UnicodeDecodeError:
        line, where = first_bad_utf8_line(path)
        raise InputError(
            f"{path}: not UTF-8 text (line {line}, {where}); re-save it as UTF-8, e.g. "
            f"`iconv -f latin1 -t utf-8 {path.name} > fixed.csv`"
        ) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a CSV file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def _malformed(path, line: int, why: str) -> InputError:
    return InputError(f"{path}: malformed CSV at line {line}: {why}")


def records(path, *, header_only: bool = False):
    """Yield ``(line, fields)`` for every record of the file ``path``, the header first (module docstring)."""
    path = Path(path)
    with reading(path), open(path, encoding="utf-8-sig", newline="") as handle:
        yield from parse(handle, path, header_only=header_only)


def parse(lines, name, *, header_only: bool = False):
    """Yield ``(line, fields)`` for the records of ``lines`` (an iterable of text lines that keep their line
    ends, e.g. a file opened with ``newline=""``); errors name ``name``."""
    if csv.field_size_limit() < 2**31 - 1:  # the default 128 KB limit would refuse long articles
        csv.field_size_limit(2**31 - 1)
    lines = _Lines(iter(lines))
    reader = csv.reader(lines, strict=True)
    width = None
    while True:
        start = lines.number + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if "end of data" in str(error) or "EOF" in str(error):
                raise _malformed(name, start, "a quoted field is never closed (is a quote missing?)") from None
            runs = f"; the record runs on to line {lines.number}: is a quote missing?" if lines.number > start else ""
            raise _malformed(name, start, f"{error} (a quote inside a field must be doubled, and the field "
                             f"quoted){runs}") from None
        pending, lines.pending = lines.pending, []
        if not fields:
            continue  # a blank line
        # The strict reader already refuses text after a closing quote, so a record can only be off if a quote
        # sits inside an unquoted field, which leaves a quote in a value: check the raw text only then.
        if '"' in "".join(fields) and not _RECORD.fullmatch(_LINE_END.sub("", "".join(pending))):
            raise _malformed(name, start, "a quote inside an unquoted field (quote the whole field and double "
                             "the quotes inside it)")
        if width is None:
            width = len(fields)
        elif len(fields) != width:
            span = f" (this record runs over lines {start}-{lines.number}: is a quote missing?)" \
                if lines.number > start else ""
            raise _malformed(name, start, f"expected {width} fields as in the header, found {len(fields)}" + span)
        yield start, fields
        if header_only:
            return
    if width is None:
        raise InputError(f"{name}: the file is empty (no header row)")


def read_header(path) -> list[str]:
    """The header's column names, as written (:class:`InputError` for an empty or unreadable file)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    for _, fields in records(path, header_only=True):
        return fields
    raise InputError(f"{path}: the file is empty (no header row)")  # pragma: no cover (records raises first)


def chunks(path, size: int):
    """The header, then lists of up to ``size`` data records (each a list of strings), in file order."""
    it = records(path)
    header = next(it)[1]
    yield header
    batch = []
    for _, fields in it:
        batch.append(fields)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class writer:
    """A CSV writer whose output reads back the same with Python's csv module and with pandas."""

    def __init__(self, handle):
        self.minimal = csv.writer(handle, lineterminator="\n")
        self.quoted = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row) -> None:
        if any("\r" in field for field in row if isinstance(field, str)):
            self.quoted.writerow(row)
        else:
            self.minimal.writerow(row)

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
