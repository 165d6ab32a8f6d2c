"""Issue 11 fuzz: 300 generated request bodies, most of them malformed (JSON of every shape under the format
keys, values of every type in the columns, valid bodies with bytes inserted, deleted or cut), sent to
`stance serve`. Each must get HTTP 200 with every row accounted for, or a 4xx JSON error of at most 1 KB with
no stack trace; never a 5xx."""

import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import post

pytestmark = pytest.mark.slow

COLUMNS = ["text", "source", "target", "doc_id", "date", "url", "other"]
TEXTS = ["Oslo a salué Lima mardi.", "Oslo", "Lima", "Dakar blamed Hanoi.", "", " ", "é\x00", "2024-05-01"]
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.sampled_from(TEXTS)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(COLUMNS), inner, max_size=3), max_leaves=6)
mostly_text = st.sampled_from(TEXTS) | values
rows = st.lists(st.dictionaries(st.sampled_from(COLUMNS), mostly_text, max_size=4), max_size=4)
near_valid = st.lists(st.fixed_dictionaries(  # a text in every row, most often a target; the rest of any type
    {"text": st.sampled_from(TEXTS[:4]), "target": st.sampled_from(TEXTS)},
    optional={c: st.sampled_from(TEXTS) | values for c in COLUMNS[3:]}), min_size=1, max_size=4) | rows


@st.composite
def payloads(draw):
    kind = draw(st.sampled_from(["near_valid", "records", "split", "inputs", "columnar", "anything"]))
    if kind == "near_valid":
        return {draw(st.sampled_from(["dataframe_records", "inputs"])): draw(near_valid)}
    if kind == "records":
        return {"dataframe_records": draw(rows | values)}
    if kind == "inputs":
        return {draw(st.sampled_from(["inputs", "instances"])): draw(rows | values)}
    if kind == "split":
        columns = draw(st.lists(st.sampled_from(COLUMNS), max_size=4) | values)
        width = len(columns) if isinstance(columns, list) else 2
        data = draw(st.lists(st.lists(mostly_text, min_size=width, max_size=width), max_size=4) | values)
        return {"dataframe_split": {"columns": columns, "data": data}}
    if kind == "columnar":
        n = draw(st.integers(min_value=0, max_value=3))
        return {"inputs": draw(st.dictionaries(st.sampled_from(COLUMNS), st.lists(mostly_text, min_size=n,
                                                                                 max_size=n), max_size=3))}
    return draw(values)


@st.composite
def bodies(draw) -> bytes:
    body = json.dumps(draw(payloads())).encode()
    if draw(st.booleans()):  # break the bytes as well
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            at = draw(st.integers(min_value=0, max_value=len(body)))
            action = draw(st.sampled_from(["insert", "delete", "cut"]))
            if action == "insert":
                body = body[:at] + draw(st.sampled_from([b'"', b",", b"{", b"]", b"\xff", b"\x00", b"NaN"])) + body[at:]
            elif action == "delete":
                body = body[:at] + body[at + 1:]
            else:
                body = body[:at]
    return body


def table(payload):
    """(columns, number of rows) of a body the server accepted, read here independently."""
    key = next(k for k in ("dataframe_records", "dataframe_split", "inputs", "instances") if k in payload)
    data = payload[key]
    if key == "dataframe_split":
        return set(data["columns"]), len(data["data"])
    if isinstance(data, dict):
        return set(data), len(next(iter(data.values())))
    return {c for row in data for c in row}, len(data)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=bodies())
def test_generated_request_bodies_get_200_with_every_row_or_a_short_4xx(server, body):
    status, raw = post(server, body)
    event(f"HTTP {status}")
    assert b"Traceback" not in raw and b'File "' not in raw
    answer = json.loads(raw)
    if status == 200:
        columns, n = table(json.loads(body))
        predictions = answer["predictions"]
        if "target" in columns:
            assert len(predictions) == n
        else:
            assert sorted({p["row"] for p in predictions}) == list(range(n))
        return
    assert 400 <= status < 500 and len(raw) <= 1024 and set(answer) == {"error_code", "message"}
