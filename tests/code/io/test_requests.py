"""The REST guard's body checks (issue 11, case 9) without a server."""

import json

import pytest

from stance.errors import InputError

from stance.io.requests import MAX_MESSAGE_BYTES, BadRequest, check_json, csv_to_json, error_body
from stance.io.server import DEFAULT_MAX_BODY_BYTES, max_body_bytes


def test_error_bodies_never_pass_1_kb():
    for message in ("short", "é" * 5000, "x" * 100_000):
        body = error_body("BAD_REQUEST", message)
        assert len(body) <= MAX_MESSAGE_BYTES and json.loads(body)["error_code"] == "BAD_REQUEST"


def test_the_default_cap_is_20_mb_and_configurable(monkeypatch):
    monkeypatch.delenv("STANCE_MAX_BODY_BYTES", raising=False)
    assert max_body_bytes() == DEFAULT_MAX_BODY_BYTES == 20 * 1024 * 1024
    monkeypatch.setenv("STANCE_MAX_BODY_BYTES", "1000")
    assert max_body_bytes() == 1000 and max_body_bytes(5) == 5
    for wrong in ("abc", "0", "-3"):
        monkeypatch.setenv("STANCE_MAX_BODY_BYTES", wrong)
        with pytest.raises(InputError, match="STANCE_MAX_BODY_BYTES"):
            max_body_bytes()


@pytest.mark.parametrize("body, message", [
    (b"[]", "must be a JSON object"),
    (b'{"dataframe_records": [], "inputs": []}', "exactly one of"),
    (b'{"dataframe_split": {"columns": ["text"], "data": [["a", "b"]]}}', "row 0 (counted from 0) is not a list"),
    (b'{"dataframe_records": [{"text": "a", "target": null}, {"text": NaN, "target": "a"}]}', "'text' must be"),
    (b'{"inputs": {"text": ["a", "b"], "target": ["a"]}}', "all of one length"),
    (b'{"dataframe_records": [{"text": "A blames B.", "source": "A"}]}', "'source' but no 'target'"),
    (b'{"dataframe_records": [{"text": " "}]}', "null or empty text in row(s) [0]"),
    (b'{"dataframe_records": [{"text": "a", "url": "u"}, {"text": "a", "url": 7}]}', "'url' must be a string"),
    (b'{"dataframe_records": [{"text": "a", "date": ["2024-05-01"]}]}', "'date' must be a string"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"dataframe_records": [{"text": "a"}', "not valid JSON"),
    ("{}".encode("utf-16"), "exactly one of"),  # json reads UTF-16 too; no format key in it
    (b"\xff\xfe\x00", "not"),
])
def test_bodies_that_cannot_be_scored_as_sent_are_refused(body, message):
    with pytest.raises(BadRequest) as refused:
        check_json(body)
    assert message in refused.value.message and refused.value.status == 400


def test_csv_bodies_become_string_only_dataframe_split():
    body = csv_to_json("text,target,id\nA blames B.,B,007\n".encode())
    assert json.loads(body) == {"dataframe_split": {"columns": ["text", "target", "id"],
                                                    "data": [["A blames B.", "B", "007"]]}}
    with pytest.raises(BadRequest, match="malformed CSV at line 2"):
        csv_to_json(b'text,target\n"A blames B.,B\n')
