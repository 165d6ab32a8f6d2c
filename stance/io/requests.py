"""Checks of a REST request body before MLflow's scoring app reads it.

MLflow's app parses ``dataframe_records``, ``dataframe_split``, ``inputs`` / ``instances`` (JSON) and CSV, then
casts every column to the signature's type: a number sent as ``text`` would be scored as its string. Here the
body is read first and refused with a :class:`BadRequest` (HTTP 400, a short message that names rows and
columns and never repeats the input) when it is not JSON or strict CSV, has no rows (the same answer in every
format), lacks ``text``, has ``source`` without ``target``, or holds a value other than a string or null in
``text``, ``source``, ``target``, ``doc_id``, ``date`` or ``url``. CSV bodies go on to MLflow as
``dataframe_split`` JSON, every field a string, as the CLI reads them.
"""

from __future__ import annotations

import io
import json

from stance.errors import InputError

FORMATS = ("dataframe_records", "dataframe_split", "inputs", "instances")
STRING_COLUMNS = ("text", "source", "target", "doc_id", "date", "url")
MAX_MESSAGE_BYTES = 1024


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400, code: str = "BAD_REQUEST"):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


def error_body(code: str, message: str) -> bytes:
    """``{"error_code": …, "message": …}`` as JSON of at most ``MAX_MESSAGE_BYTES`` bytes."""
    message = message[:MAX_MESSAGE_BYTES]
    while True:
        body = json.dumps({"error_code": code, "message": message}).encode()
        if len(body) <= MAX_MESSAGE_BYTES:
            return body
        message = message[: max(0, len(message) - (len(body) - MAX_MESSAGE_BYTES) - 2)] + "…"


def _rows(indices: list[int]) -> str:
    return f"row(s) {indices[:20]}{' …' if len(indices) > 20 else ''} (counted from 0)"


def _table(payload: dict) -> tuple[list, list[dict]]:
    """(column names, rows as dicts) of a parsed JSON request; :class:`BadRequest` when it has no table shape."""
    if not isinstance(payload, dict):
        raise BadRequest("the body must be a JSON object with one of " + ", ".join(FORMATS))
    present = [key for key in FORMATS if key in payload]
    if len(present) != 1:
        raise BadRequest("send exactly one of " + ", ".join(FORMATS) + f" (found {len(present)})")
    key = present[0]
    data = payload[key]
    if key == "dataframe_split":
        if not isinstance(data, dict) or not isinstance(data.get("columns"), list) \
                or not isinstance(data.get("data"), list):
            raise BadRequest("'dataframe_split' must be an object with a 'columns' list and a 'data' list of rows")
        columns = data["columns"]
        if not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns):
            raise BadRequest("'dataframe_split' columns must be distinct strings")
        rows = []
        for number, row in enumerate(data["data"]):
            if not isinstance(row, list) or len(row) != len(columns):
                raise BadRequest(f"'dataframe_split' row {number} (counted from 0) is not a list of "
                                 f"{len(columns)} values")
            rows.append(dict(zip(columns, row)))
        return columns, rows
    if isinstance(data, dict) and key != "dataframe_records":  # columnar inputs: {"text": [...], ...}
        if not all(isinstance(v, list) for v in data.values()) or len({len(v) for v in data.values()}) > 1:
            raise BadRequest(f"'{key}' as an object must map each column to a list, all of one length")
        columns = list(data)
        length = len(next(iter(data.values()))) if data else 0
        return columns, [{c: data[c][i] for c in columns} for i in range(length)]
    if not isinstance(data, list):
        raise BadRequest(f"'{key}' must be a list of row objects")
    columns: dict = {}
    for number, row in enumerate(data):
        if not isinstance(row, dict):
            raise BadRequest(f"'{key}' row {number} (counted from 0) is not an object of column: value")
        columns.update(dict.fromkeys(row))
    return list(columns), data


def check_rows(columns, rows) -> None:
    """The checks of the module docstring on a table of rows (dicts); :class:`BadRequest` on the first failure."""
    if not rows:
        raise BadRequest("the request has no rows")
    if "text" not in columns:
        raise BadRequest("missing column 'text'; each row needs text, and target (with optional source) to "
                         "score one pair, or text alone to extract the actor pairs")
    if "source" in columns and "target" not in columns:
        raise BadRequest("rows have 'source' but no 'target'")
    for column in STRING_COLUMNS:
        if column in columns:
            wrong = [i for i, row in enumerate(rows) if not isinstance(row.get(column), (str, type(None)))]
            if wrong:
                raise BadRequest(f"'{column}' must be a string (or null) in {_rows(wrong)}")
    blank = [i for i, row in enumerate(rows) if not (row.get("text") or "").strip()]
    if blank:
        raise BadRequest(f"null or empty text in {_rows(blank)}; send the sentence to score in 'text'")


def check_json(body: bytes) -> None:
    """Check a JSON request body (see the module docstring)."""
    try:
        payload = json.loads(body)
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise BadRequest(f"the body is not valid JSON ({error.msg} at line {error.lineno}, column "
                         f"{error.colno})") from None
    except RecursionError:
        raise BadRequest("the body is not a table: JSON nested too deeply") from None
    check_rows(*_table(payload))


def csv_to_json(body: bytes) -> bytes:
    """A strict CSV request body (header row first) as ``dataframe_split`` JSON, every field a string."""
    from stance.io import csvfile

    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the body is not UTF-8 text (byte {error.start})") from None
    try:
        records = [fields for _, fields in csvfile.parse(io.StringIO(text, newline=""), "CSV body")]
    except InputError as error:
        raise BadRequest(str(error)) from None
    header, rows = records[0], records[1:]
    if len(set(header)) != len(header):
        raise BadRequest("CSV body: a column name appears more than once in the header")
    check_rows(header, [dict(zip(header, row)) for row in rows])
    return json.dumps({"dataframe_split": {"columns": header, "data": rows}}).encode()
